"""The standard reports of a filled book: `ita report FILE` and the สร้างรายงาน button.

Both call converters.reports.make_reports; the button gives it the Submission read from the live book
(unsaved edits included) and the choices of actions.settings (the user's settings file, then the book's
ita.conf sheet), and writes into รายงาน_<book name> beside the book, as the CLI does by default. A book
with validation errors gets no report; warnings do not stop it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actions.host import Host
from core.errors import ItaError

__all__ = ["OPEN_AT_MOST", "ReportRefused", "ReportRun", "on_button", "refuse_errors", "report_file"]

OPEN_AT_MOST = 3        # more reports than this: their folder is opened instead
LISTED = 10             # errors listed one by one in the refusal; more are counted


class ReportRefused(ItaError):
    """The book has errors: no report (a draft only on request). `ita report` exits 1, as `ita validate`."""

    exit_code = 1


@dataclass
class ReportRun:
    paths: list[Path]
    notes: list[str] = field(default_factory=list)  # layouts left out, and why
    draft: bool = False
    years: str = ""  # "ปีงบประมาณ 2570 ใช้ผลการประเมิน ITA 2569"


def refuse_errors(findings: Sequence[Any], *, how: str = "กดปุ่ม ตรวจสอบข้อมูล แล้วแก้ไขตามชีต ตรวจสอบ ก่อน",
                  draft_hint: str = "") -> None:
    """A ReportRefused listing what to fix (sheet!cell, message, fix) when the book has errors."""
    errors = [f for f in findings if f.severity == "error"]
    if not errors:
        return
    lines = [f"ยังสร้างรายงานไม่ได้: พบข้อผิดพลาด {len(errors)} รายการที่ต้องแก้ก่อน — {how}"]
    for f in errors[:LISTED]:
        lines.append(f"  - {f.sheet}!{f.cell}: {f.message_th} — วิธีแก้: {f.fix_th}")
    if len(errors) > LISTED:
        lines.append(f"  … และอีก {len(errors) - LISTED} รายการ")
    if draft_hint:
        lines.append(draft_hint)
    raise ReportRefused("\n".join(lines), english=f"{len(errors)} validation errors")


def report_file(path: Path, out_dir: Path | None = None, layouts: Sequence[str] = (), formats: Sequence[str] = (),
                *, draft: bool = False, **options: Any) -> ReportRun:
    """`ita report FILE`: read and validate the book; errors refuse the report unless a draft is asked for,
    which is stamped ฉบับร่าง on every page (a draft is stamped even when the book is clean)."""
    from converters.reports import default_out_dir, make_reports
    from core.years import years_of
    from workbook.reader import read_workbook
    from workbook.validation import validate_result

    result = read_workbook(path)
    if not draft:
        refuse_errors(validate_result(result), how="ดูรายละเอียดด้วย ita validate",
                      draft_hint="ถ้าต้องการฉบับร่างไว้ตรวจทานก่อน ใช้ --draft (ทุกหน้าจะมีคำว่า ฉบับร่าง)")
    notes: list[str] = []
    paths = make_reports(result.submission, Path(out_dir) if out_dir else default_out_dir(path), list(layouts),
                         list(formats), draft=draft, notes=notes, **options)
    a = result.submission.agency
    years = years_of(a.fiscal_year, a.assessed_year)
    return ReportRun(paths, notes, draft, years.say() if years else "")


def on_button(host: Host) -> str:
    from actions.settings import ensure_settings_file, settings_for
    from converters.reports import make_reports
    from workbook.validation import validate_result

    choices = settings_for(host)
    result = host.read_book()
    refuse_errors(validate_result(result))
    if choices.output_dir:
        folder = host.output_folder(choices.output_dir)
    else:
        folder = host.output_folder() / f"รายงาน_{Path(host.book_name).stem}"
    notes: list[str] = []
    paths = [Path(p) for p in make_reports(
        result.submission, folder, list(choices.layouts), list(choices.formats), arabic_digits=choices.arabic_digits,
        template_dir=Path(choices.template_dir) if choices.template_dir else None, notes=notes)]
    try:
        settings_file = ensure_settings_file()
    except OSError:
        settings_file = None
    for target in (paths if len(paths) <= OPEN_AT_MOST else [folder]):
        host.open(target)
    lines = [f"สร้างรายงานแล้ว {len(paths)} ไฟล์ ในโฟลเดอร์ {folder}", *[f"- {p.name}" for p in paths], *notes]
    if settings_file is not None:
        lines.append(f"เลือกรูปแบบและชนิดไฟล์ได้ที่ {settings_file}")
    message = "\n".join(lines)
    host.alert(message)
    return message
