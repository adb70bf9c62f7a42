"""What every layout needs from a Submission, computed once: the framework, the rating, the measures of
each indicator, the progress of each measure in the reported round, and the agency's names as strings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from converters.reports import wording
from core.errors import InputError, ItaError
from core.frameworks.links import indicator_of
from core.frameworks.model import Framework
from core.scoring import Result, category
from core.thai_format import Fmt
from workbook.model import PLAN_ROUND, Measure, ProgressRow, Submission


@dataclass
class Options:
    arabic_digits: bool = False
    template_dir: Path | None = None
    round: int | None = None  # 0 (the plan), 6 or 12; default: the agency's, else the latest with progress
    garuda: Path | None = None  # the agency's Garuda emblem (PNG/JPEG) for the memo


class Facts:
    def __init__(self, sub: Submission, options: Options | None = None) -> None:
        self.sub = sub
        self.options = options or Options()
        self.fmt = Fmt(self.options.arabic_digits)
        self.agency = sub.agency

    # -- framework and result ------------------------------------------------------------------------
    @cached_property
    def assessed_year(self) -> int:
        a = self.agency
        year = a.assessed_year or (a.fiscal_year - 1 if a.fiscal_year else None)
        if not year:
            raise ItaError("ไม่ทราบปีงบประมาณที่ประเมิน — กรอกปีที่ประเมินและปีงบประมาณในชีต ข้อมูลหน่วยงาน")
        return year

    @cached_property
    def fiscal_year(self) -> int:
        return self.agency.fiscal_year or self.assessed_year + 1

    @cached_property
    def fw(self) -> Framework:
        from core.frameworks import load_year

        return load_year(self.assessed_year)

    @cached_property
    def scores(self) -> dict[int, float]:
        return {n: v for n, v in self.sub.scores.current.items() if v is not None}

    @cached_property
    def complete(self) -> bool:
        return all(n in self.scores for n in self.fw.indicator_numbers)

    @cached_property
    def result(self) -> Result | None:
        from core.scoring import rate

        if not self.complete:
            return None
        scores = {n: self.scores[n] for n in self.fw.indicator_numbers}
        return rate(self.fw, scores)

    @property
    def total(self) -> float | None:
        s = self.sub.scores
        if s.published_total is not None:
            return s.published_total
        return self.result.total if self.result else None

    @property
    def rating(self) -> str:
        s = self.sub.scores
        if s.published_rating:
            return s.published_rating
        return self.result.rating if self.result else ""

    @cached_property
    def note(self) -> str:
        """The short note every report shows when its rating rests on unconfirmed rules (or is missing)."""
        t = wording.load("common", self.options.template_dir)["note"]
        if self.result is None:
            return self.fmt.digits(t["incomplete"])
        if not self.result.verified and not self.sub.scores.published_rating:
            return self.fmt.digits(wording.fill(t["unverified"], {"year": str(self.fw.year)}))
        return ""

    def category(self, n: int) -> str:
        """The framework's category of indicator n by its score ("" without one)."""
        return category(self.fw, self.scores.get(n))

    def tool_name(self, code: str) -> str:
        try:
            return self.fw.tool(code).name_th
        except KeyError:
            return code

    def indicator_label(self, n: int) -> str:
        """'๒. การใช้งบประมาณ'."""
        try:
            name = self.fw.indicator(n).name_th
        except KeyError:
            name = ""
        return self.fmt.digits(f"{n}. {name}".strip())

    # -- measures and their links ------------------------------------------------------------------
    def link(self, raw: str) -> str:
        """A measure's link as the framework writes it: 'E11' -> 'e11', 'o8' -> 'O8', ' 9 ' -> '9'."""
        text = str(raw).strip().strip(".")
        return self.fw.item_code(text) or text

    def indicators_of(self, m: Measure) -> list[int]:
        out: list[int] = []
        for raw in m.links:
            link = self.link(raw)
            n = int(link) if link.isdigit() else indicator_of(self.fw, link)
            if n is not None and n in self.fw.indicator_numbers and n not in out:
                out.append(n)
        return out

    def tools_of(self, m: Measure) -> list[str]:
        tools = [self.fw.indicator(n).tool for n in self.indicators_of(m)]
        for raw in m.links:
            tool = self.fw.tool_of_code(self.link(raw))
            if tool:
                tools.append(tool.code)
        order = [t.code for t in self.fw.tools]
        return sorted(set(tools), key=order.index)

    def measures_for(self, n: int) -> list[Measure]:
        return [m for m in self.sub.measures if n in self.indicators_of(m)]

    def item_codes(self, m: Measure, tool: str | None = None) -> list[str]:
        """The item and question codes a measure names (O8, e7, i11), of one tool if given."""
        codes = [self.fw.item_code(self.link(raw)) for raw in m.links]
        return [c for c in codes if c and (tool is None or self.fw.tool_of_code(c).code == tool)]

    # -- progress --------------------------------------------------------------------------------------
    @cached_property
    def round(self) -> int | None:
        """The round reported: PLAN_ROUND (0) for the plan, else 6 or 12 months."""
        rounds = self.progress_rounds
        if self.options.round is not None:
            return self.options.round
        if self.agency.report_round == PLAN_ROUND:
            return PLAN_ROUND
        if self.agency.report_round and (self.agency.report_round in rounds or not rounds):
            return self.agency.report_round
        return rounds[-1] if rounds else self.agency.report_round

    @property
    def plan(self) -> bool:
        """The plan stage: analysis and measures, no progress yet."""
        return self.round == PLAN_ROUND

    @cached_property
    def progress_rounds(self) -> list[int]:
        return sorted({p.round for p in self.sub.progress if p.round})

    def check_round(self) -> None:
        """A progress round with no progress row at all cannot be reported: say so instead of empty tables."""
        if self.plan or not self.round or self.round in self.progress_rounds:
            return
        have = ", ".join(f"รอบ {r} เดือน" for r in self.progress_rounds)
        raise InputError(
            f"ไม่มีข้อมูลความก้าวหน้ารอบ {self.round} เดือนในชีต ความก้าวหน้า "
            + (f"(มี {have}) — ใช้ --round {self.progress_rounds[-1]} หรือ" if have else "—")
            + f" กรอกความก้าวหน้ารอบ {self.round} เดือนก่อน หรือถ้ายังเป็นช่วงจัดทำมาตรการ ให้เลือกรอบการรายงาน แผน",
            where=self.sub.source or None, english=f"no progress for the {self.round}-month round")

    @cached_property
    def _progress(self) -> dict[str, ProgressRow]:
        best: dict[str, ProgressRow] = {}
        if self.plan:
            return best  # the plan reports no progress, whatever the sheet holds
        for p in self.sub.progress:
            if self.round and p.round and p.round != self.round:
                continue
            old = best.get(p.measure_id)
            if old is None or (p.as_of or dt.date.min) >= (old.as_of or dt.date.min):
                best[p.measure_id] = p
        return best

    def progress(self, measure_id: str) -> ProgressRow | None:
        return self._progress.get(measure_id)

    @cached_property
    def as_of(self) -> dt.date | None:
        """The date of the data: the latest progress date of the round, or the plan's report date."""
        if self.plan:
            return self.agency.report_date
        dates = [p.as_of for p in self._progress.values() if p.as_of]
        return max(dates) if dates else None

    def round_line(self) -> str:
        """The round and the date of the data, or in Thai why there is no date: every report states it."""
        t = self.text("common")["round"]
        if self.plan:
            key = "plan" if self.as_of else "plan_no_date"
        elif self.round:
            key = "progress" if self.as_of else "progress_no_date"
        else:
            key = "none"
        return self.say(t[key])

    # -- the OIT items the documents answer, and the focus of the measures ---------------------------
    def document_item(self, role: str):
        from core.frameworks.documents import document_item

        return document_item(self.fiscal_year, role, getattr(self.agency, f"{role}_item"), self.fw)

    def item_ref(self, role: str) -> str:
        """'O42', 'O25 (รอยืนยัน)', or '' when nothing says which item."""
        item = self.document_item(role)
        if not item.code:
            return ""
        return item.code if item.confirmed else f"{item.code} ({self.text('common')['item']['unconfirmed']})"

    def item_in_brackets(self, role: str) -> str:
        """' (ข้อ O42)', ' (ข้อ O25 รอยืนยัน)' after a document's name in a sentence; '' when no item is known."""
        item = self.document_item(role)
        if not item.code:
            return ""
        note = "" if item.confirmed else f" {self.text('common')['item']['unconfirmed']}"
        return f" (ข้อ {item.code}{note})"

    @cached_property
    def focus(self) -> tuple[int, bool] | None:
        """(indicator, chosen by the officer) the measures focus on, when the guidance asks for one or the
        officer chose one; None otherwise."""
        from core.frameworks.documents import focus_rule
        from core.scoring import lowest_indicator

        if self.sub.focus is not None and self.sub.focus in self.fw.indicator_numbers:
            return self.sub.focus, True
        rule, _ = focus_rule(self.fiscal_year, self.fw)
        lowest = lowest_indicator(self.fw, self.sub.scores.current) if rule else None
        return (lowest, False) if lowest is not None else None

    def focus_line(self) -> str:
        if self.focus is None:
            return ""
        n, chosen = self.focus
        t = self.text("common")["focus"]
        return self.say(t["line"], indicator=self.indicator_label(n), why=t["chosen" if chosen else "lowest"])

    # -- strings every layout uses -----------------------------------------------------------------
    @cached_property
    def place(self) -> str:
        """'อำเภอรัษฎา จังหวัดตรัง'."""
        a = self.agency
        parts = []
        if a.district:
            parts.append(a.district if a.district.startswith(("อำเภอ", "เขต")) else f"อำเภอ{a.district}")
        if a.province:
            parts.append(a.province if a.province.startswith("จังหวัด") else f"จังหวัด{a.province}")
        return " ".join(parts)

    @cached_property
    def values(self) -> dict[str, str]:
        """Placeholders for the text files, formatted."""
        f, a = self.fmt, self.agency
        total = self.total
        return {
            "agency": a.name or "หน่วยงาน",
            "place": self.place,
            "department": a.department or "สำนักปลัด",
            "fiscal_year": f.year(self.fiscal_year),
            "assessed_year": f.year(self.assessed_year),
            "previous_year": f.year(self.assessed_year - 1),
            "span": f.fiscal_span(self.fiscal_year),
            "round": f.int(self.round) if self.round else "",
            "stage": f.digits(self.text("common")["round"]["stage_plan"]) if self.plan else (
                f.digits(f"รอบ {self.round} เดือน") if self.round else ""),
            "as_of": f.date_long(self.as_of),
            "report_date": f.date_long(a.report_date),
            "total": f.num(total) if total is not None else "–",
            "rating": self.rating or "–",
            "pass_mark": f.num(self.fw.pass_mark, 0),
            "keep_mark": f.num(self.fw.categories.keep_mark, 0),
            "executive_position": a.executive_position or "ผู้บริหารท้องถิ่น",
            "deputy_position": a.deputy_position or "ปลัด",
            "measures_item": self.item_ref("measures"),
            "progress_item": self.item_ref("progress"),
            "measures_item_ref": self.item_in_brackets("measures"),
            "progress_item_ref": self.item_in_brackets("progress"),
            "n_measures": f.int(len(self.sub.measures)),
        }

    def text(self, name: str) -> dict:
        return wording.load(name, self.options.template_dir)

    def say(self, template: str, **extra: str) -> str:
        """A text with its placeholders filled and its digits in the report's style."""
        return self.fmt.digits(wording.fill(template, {**self.values, **extra}))
