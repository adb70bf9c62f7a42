"""A new template workbook: `ita template` and the แบบฟอร์มใหม่ button.

The book comes with both years filled (the measures' fiscal year and the ITA result it analyses) and at
the plan stage, so an officer starts by analysing the result and setting measures.
"""

from __future__ import annotations

from pathlib import Path

from actions.host import Host
from core.filenames import unique_path
from core.frameworks.model import Framework
from core.years import Years, current_assessed_year, current_years, resolve_year

__all__ = ["default_path", "make_template", "on_button", "template_years"]


def default_path(years: Years | int) -> Path:
    """แบบฟอร์ม_ITA_ปีงบประมาณ_2570.xlsx (named by the measures' fiscal year)."""
    fiscal = years.fiscal if isinstance(years, Years) else Years.of_assessed(years).fiscal
    return Path(f"แบบฟอร์ม_ITA_ปีงบประมาณ_{fiscal}.xlsx")


def template_years(year: int | None, framework_file: str | None = None,
                   fiscal_year: int | None = None) -> tuple[Years, Framework]:
    """The years and the framework of a new book: from a framework file, the fiscal year, one year typed
    (the ITA year when its framework exists, else the fiscal year), or today's cycle."""
    from core.frameworks import load_file, load_year

    if framework_file:
        fw = load_file(framework_file)
        return Years.of_assessed(fw.year), fw
    if fiscal_year:
        years = Years.of_fiscal(fiscal_year)
    elif year:
        years = resolve_year(year)
    else:
        years = current_years()
    return years, load_year(years.assessed)


def make_template(year: int | None, output: str | Path | None, framework_file: str | None = None, *,
                  fiscal_year: int | None = None) -> Path:
    """Write the template for `year` (see template_years) and return its path."""
    from workbook.builder import write_template

    years, fw = template_years(year, framework_file, fiscal_year)
    path = Path(output) if output else default_path(years)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        path = path.with_suffix(".xlsx")
    return write_template(path, fw, years=years)


def on_button(host: Host) -> str | None:
    """A blank template for a year the officer types, in the output folder (never over an existing file),
    then opened in Excel."""
    year = host.ask_year("ปีที่ได้รับผลการประเมิน ITA (พ.ศ.) ที่จะใช้ทำมาตรการ เช่น 2566", current_assessed_year())
    if year is None:
        return None                                             # the officer pressed Cancel
    years, _ = template_years(year)
    path = make_template(year, unique_path(host.output_folder() / default_path(years)))
    opened = host.open(path)
    message = (f"สร้างแบบฟอร์มแล้ว ({years.say()}): {path}"
               + ("" if opened else "\nเปิดไฟล์นี้ใน Excel เพื่อกรอกข้อมูล"))
    host.alert(message)
    return message
