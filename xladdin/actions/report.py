"""สร้างรายงาน: the reports of the open book (live values), next to it, with the chosen layouts and
formats, then opened.

The twin of `ita report FILE`: the same converters.reports.make_reports, given the Submission read from
the live book instead of the file, and the same default folder (รายงาน_<book name> beside the book).
Choices come from xladdin.settings (the user's settings file, then the book's ita.conf sheet). A book
with validation errors gets no report: the alert says to press ตรวจสอบข้อมูล first; warnings do not stop it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.errors import ItaError
from xladdin import live
from xladdin.actions import common

__all__ = ["run"]

OPEN_AT_MOST = 3        # more reports than this: their folder is opened instead


def run(book: Any) -> str:
    from workbook.validation import validate_result
    from xladdin.settings import ensure_settings_file, load_settings

    choices = load_settings(book)
    result = live.read_book(book)
    errors = [f for f in validate_result(result) if f.severity == "error"]
    if errors:
        first = errors[0]
        raise ItaError(f"ยังสร้างรายงานไม่ได้: พบข้อผิดพลาด {len(errors)} รายการ เช่น {first.sheet}!{first.cell} "
                       f"{first.message_th} — กดปุ่ม ตรวจสอบข้อมูล แล้วแก้ไขตามชีต ตรวจสอบ ก่อน",
                       english=f"{len(errors)} validation errors")
    from converters.reports import make_reports

    if choices.output_dir:
        folder = common.output_folder(book, choices.output_dir)
    else:
        folder = common.output_folder(book) / f"รายงาน_{Path(book.name).stem}"
    paths = [Path(p) for p in make_reports(
        result.submission, folder, list(choices.layouts), list(choices.formats), arabic_digits=choices.arabic_digits,
        template_dir=Path(choices.template_dir) if choices.template_dir else None)]
    try:
        settings_file = ensure_settings_file()
    except OSError:
        settings_file = None
    for target in (paths if len(paths) <= OPEN_AT_MOST else [folder]):
        common.open_path(book, target)
    lines = [f"สร้างรายงานแล้ว {len(paths)} ไฟล์ ในโฟลเดอร์ {folder}", *[f"- {p.name}" for p in paths]]
    if settings_file is not None:
        lines.append(f"เลือกรูปแบบและชนิดไฟล์ได้ที่ {settings_file}")
    message = "\n".join(lines)
    from xladdin.entry import alert

    alert(book, message)
    return message
