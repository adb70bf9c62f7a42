"""A filled template as plain dataclasses: what readers produce and validators, reports and merge consume.

Every row keeps the worksheet row it came from (`row`), so findings can point at the cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATUSES = ("ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้ว")
ROUNDS = (6, 12)  # progress rounds (months)
PLAN_ROUND = 0  # the book's stage before any progress: analysis and measures (the plan)
REPORT_ROUNDS = (PLAN_ROUND, *ROUNDS)
AGENCY_TYPES = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
                "องค์การบริหารส่วนจังหวัด", "เมืองพัทยา", "กรุงเทพมหานคร")


def round_label(value: int | None) -> str:
    """'แผน', '6', '12' — as the book's drop-down shows a report round."""
    return "แผน" if value == PLAN_ROUND else "" if value is None else str(value)


@dataclass
class Agency:
    name: str = ""
    type: str = ""
    district: str = ""
    province: str = ""
    fiscal_year: int | None = None  # BE year of the measures (e.g. 2566)
    assessed_year: int | None = None  # BE year whose ITA result is analysed (e.g. 2565)
    report_round: int | None = None  # PLAN_ROUND (0), 6 or 12 (months)
    report_date: dt.date | None = None
    officer: str = ""
    officer_position: str = ""
    contact: str = ""
    internal_stakeholders: int | None = None
    department: str = ""  # ส่วนราชการ that writes the memo, e.g. สำนักปลัด
    document_number: str = ""  # ที่ … of the memo
    executive_name: str = ""  # the agency's executive (นายก…), addressee of the memo
    executive_position: str = ""
    deputy_name: str = ""  # ปลัด…, who comments before the executive
    deputy_position: str = ""
    measures_item: str = ""  # the OIT item the measures answer (O25), typed when no framework says it yet
    progress_item: str = ""  # the OIT item the progress report answers (O26)


@dataclass
class Scores:
    """The assessed year's indicator scores (number -> score, None when blank), and the optional extras."""

    current: dict[int, float | None] = field(default_factory=dict)
    previous: dict[int, float | None] = field(default_factory=dict)
    published_total: float | None = None
    published_rating: str | None = None
    iit_respondents: int | None = None
    eit_respondents: int | None = None
    rows: dict[int, int] = field(default_factory=dict)  # indicator number -> worksheet row


@dataclass
class AnalysisRow:
    indicator: int
    issue: str = ""  # the officer's own text: what to fix / improve / keep
    row: int | None = None


@dataclass
class Measure:
    id: str
    title: str = ""
    group: str = ""  # heading the measure sits under, e.g. "ด้านการเปิดเผยข้อมูล"
    links: tuple[str, ...] = ()  # indicator numbers or item codes: "9", "i11", "E7", "O8"
    sub_item: str = ""  # the assessment sub-item in words (หัวข้อย่อยการประเมิน)
    steps: str = ""
    responsible: str = ""
    start: dt.date | None = None  # first day of the start month
    end: dt.date | None = None  # first day of the end month
    monitoring: str = ""
    reporting: str = ""  # cadence, e.g. "รายไตรมาส"
    success_indicator: str = ""
    row: int | None = None


@dataclass
class ProgressRow:
    measure_id: str
    round: int | None = None
    as_of: dt.date | None = None
    status: str = ""
    results: str = ""
    outcomes: str = ""
    evidence: str = ""
    obstacles: str = ""
    row: int | None = None


@dataclass
class Submission:
    """One agency's filled template."""

    agency: Agency = field(default_factory=Agency)
    scores: Scores = field(default_factory=Scores)
    analysis: list[AnalysisRow] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    progress: list[ProgressRow] = field(default_factory=list)
    focus: int | None = None  # the indicator the officer chose as the measures' focus (None: the proposed one)
    template_id: str = ""
    template_version: str = ""
    source: str = ""  # file path or "<live workbook>"

    def measure(self, measure_id: str) -> Measure | None:
        for m in self.measures:
            if m.id == measure_id:
                return m
        return None
