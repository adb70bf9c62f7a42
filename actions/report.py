"""The standard reports of a filled book: `ita report FILE` and the สร้างรายงาน button.

Both call converters.reports.make_reports; the button gives it the Submission read from the live book
(unsaved edits included) and the choices of actions.settings (the user's settings file, then the book's
ita.conf sheet), and writes into รายงาน_<book name> beside the book, as the CLI does by default. A book
with validation errors gets no report; warnings do not stop it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from actions.host import Host
from core.errors import ItaError

__all__ = ["OPEN_AT_MOST", "on_button", "refuse_errors"]

OPEN_AT_MOST = 3        # more reports than this: their folder is opened instead


def refuse_errors(findings: Sequence[Any]) -> None:
    """An ItaError naming the first error and how many there are, when the book has errors."""
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        first = errors[0]
        raise ItaError(f"ยังสร้างรายงานไม่ได้: พบข้อผิดพลาด {len(errors)} รายการ เช่น {first.sheet}!{first.cell} "
                       f"{first.message_th} — กดปุ่ม ตรวจสอบข้อมูล แล้วแก้ไขตามชีต ตรวจสอบ ก่อน",
                       english=f"{len(errors)} validation errors")


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
    paths = [Path(p) for p in make_reports(
        result.submission, folder, list(choices.layouts), list(choices.formats), arabic_digits=choices.arabic_digits,
        template_dir=Path(choices.template_dir) if choices.template_dir else None)]
    try:
        settings_file = ensure_settings_file()
    except OSError:
        settings_file = None
    for target in (paths if len(paths) <= OPEN_AT_MOST else [folder]):
        host.open(target)
    lines = [f"สร้างรายงานแล้ว {len(paths)} ไฟล์ ในโฟลเดอร์ {folder}", *[f"- {p.name}" for p in paths]]
    if settings_file is not None:
        lines.append(f"เลือกรูปแบบและชนิดไฟล์ได้ที่ {settings_file}")
    message = "\n".join(lines)
    host.alert(message)
    return message
