"""แบบฟอร์มใหม่: a blank template for a chosen year, next to the open book, then opened in Excel.

The twin of `ita template --year`: the same actions.template.make_template. An existing file is never
overwritten: the new one gets " (2)", " (3)", … in its name.
"""

from __future__ import annotations

from typing import Any

from xladdin.actions import common

__all__ = ["run"]


def run(book: Any) -> str | None:
    from actions.template import make_template
    from core.years import current_assessed_year

    year = common.ask_year(book, "ปีที่ได้รับผลการประเมิน ITA (พ.ศ.) ที่จะใช้ทำมาตรการ เช่น 2566",
                           current_assessed_year())
    if year is None:
        return None                                             # the officer pressed Cancel
    folder = common.output_folder(book)
    path = make_template(year, common.unique_path(folder / f"แบบฟอร์ม_ITA_{year}.xlsx"))
    opened = common.open_path(book, path)
    message = f"สร้างแบบฟอร์มปี {year} แล้ว: {path}" + ("" if opened else "\nเปิดไฟล์นี้ใน Excel เพื่อกรอกข้อมูล")
    from xladdin.entry import alert

    alert(book, message)
    return message
