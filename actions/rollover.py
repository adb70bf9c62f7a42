"""Next year's book: `ita rollover LAST.xlsx [-o NEW.xlsx]` and the ปีถัดไป button.

When the next ITA result arrives the officer's measures roll into a new cycle: the new book carries the
agency data, last year's scores as "previous", the measures with their ids (periods moved one year on, to be
reviewed), no progress (the status of every measure starts again), the new result year's framework, both
years filled and the plan stage. The analysis is left to write: it is about the new scores.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from actions.host import Host
from core.errors import FrameworkError, InputError
from core.filenames import safe_name, unique_path
from core.frameworks.model import Framework
from core.years import Years, years_of
from workbook.model import PLAN_ROUND, Agency, Measure, Scores, Submission

__all__ = ["RolledBook", "default_path", "next_submission", "on_button", "roll_over"]

# what a new cycle starts without: the document's own number and date, the items it answers, the round
RESET_AGENCY = {"report_round": PLAN_ROUND, "document_number": "", "measures_item": "", "progress_item": ""}


@dataclasses.dataclass(frozen=True)
class RolledBook:
    path: Path
    years: Years
    measures: int
    previous_scores: int


def _next_years(last: Submission) -> Years:
    years = years_of(last.agency.fiscal_year, last.agency.assessed_year)
    if years is None:
        raise InputError("ไม่ทราบปีของแบบฟอร์มเดิม — กรอกปีงบประมาณและปีที่ได้รับผลการประเมินในชีต ข้อมูลหน่วยงาน "
                         "แล้วลองใหม่", where=last.source or None)
    return years.next()


def _framework(years: Years) -> Framework:
    from core.frameworks import load_year

    try:
        return load_year(years.assessed)
    except FrameworkError as err:
        raise FrameworkError(f"{years.say()} แต่{err.message}", english=err.english) from None


def _next_year(d: dt.date | None) -> dt.date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + 1, day=28)


def _plan_date(years: Years, today: dt.date) -> dt.date:
    """Today when it falls in the plan window of the new fiscal year, else the nearest end of the window."""
    first, last = dt.date(years.fiscal - 544, 7, 1), dt.date(years.fiscal - 543, 3, 31)
    return min(max(today, first), last)


def next_submission(last: Submission, today: dt.date | None = None) -> tuple[Submission, Years, Framework]:
    """The new cycle's Submission (and its years and framework) from last cycle's."""
    years = _next_years(last)
    fw = _framework(years)
    agency: Agency = dataclasses.replace(last.agency, fiscal_year=years.fiscal, assessed_year=years.assessed,
                                         report_date=_plan_date(years, today or dt.date.today()), **RESET_AGENCY)
    previous = {n: v for n, v in last.scores.current.items() if v is not None and n in fw.indicator_numbers}
    measures: list[Measure] = [dataclasses.replace(m, start=_next_year(m.start), end=_next_year(m.end), row=None)
                               for m in last.measures]
    new = Submission(agency=agency, scores=Scores(previous=previous),
                     measures=measures, source="")
    return new, years, fw


def default_path(last: Path | None, sub: Submission, years: Years) -> Path:
    """<agency>_ปีงบประมาณ_<FY>.xlsx beside the last book."""
    folder = last.parent if last is not None else Path()
    return folder / f"{safe_name(sub.agency.name or 'แบบฟอร์ม_ITA')}_ปีงบประมาณ_{years.fiscal}.xlsx"


def roll_over(last: Path | Submission, output: Path | None = None, *, scores: dict[int, float] | None = None,
              today: dt.date | None = None) -> RolledBook:
    """Write next year's book from `last` (a file, or a Submission read from a live book)."""
    from workbook.builder import write_template
    from workbook.reader import read_workbook

    src = Path(last) if not isinstance(last, Submission) else None
    old = read_workbook(src).submission if src is not None else last
    assert isinstance(old, Submission)
    new, years, fw = next_submission(old, today=today)
    if scores:
        from core.scoring import check_scores

        new.scores.current = dict(check_scores(fw, scores, what="คะแนนปีใหม่"))
    path = Path(output) if output else unique_path(default_path(src, new, years))
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        path = path.with_suffix(".xlsx")
    if src is not None and path.resolve() == src.resolve():
        raise InputError("ไฟล์ผลลัพธ์ต้องไม่ใช่ไฟล์เดิม (โปรแกรมไม่แก้ไฟล์ของปีก่อน) — ใช้ -o ชื่อไฟล์ใหม่", where=str(path))
    write_template(path, fw, new, years=years)
    return RolledBook(path, years, len(new.measures), len(new.scores.previous))


def on_button(host: Host) -> str:
    """The open book's next year, beside it (never over an existing file), then opened in Excel."""
    result = host.read_book()
    old = result.submission
    _, years, _ = next_submission(old)
    target = unique_path(host.output_folder() / default_path(None, old, years).name)
    rolled = roll_over(old, target)
    opened = host.open(rolled.path)
    message = "\n".join([
        f"สร้างแบบฟอร์มปีถัดไปแล้ว ({rolled.years.say()}): {rolled.path}",
        (f"ยกมาตรการ {rolled.measures} รายการ (รหัสเดิม เลื่อนระยะเวลาไป 1 ปี ความก้าวหน้าเริ่มใหม่) "
        f"และคะแนนปี {rolled.years.assessed - 1} เป็นคะแนนปีก่อน {rolled.previous_scores} ตัวชี้วัด"),
        f"ขั้นต่อไป: กรอกคะแนน ITA {rolled.years.assessed} ในชีต คะแนน แล้วเขียนการวิเคราะห์และทบทวนมาตรการ",
        *([] if opened else ["เปิดไฟล์นี้ใน Excel เพื่อกรอกข้อมูล"]),
    ])
    host.alert(message)
    return message
