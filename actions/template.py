"""A new template workbook for an assessed year: `ita template` and the แบบฟอร์มใหม่ button."""

from __future__ import annotations

from pathlib import Path

from core.years import current_assessed_year

__all__ = ["default_path", "make_template"]


def default_path(year: int) -> Path:
    return Path(f"แบบฟอร์ม_ITA_{year}.xlsx")


def make_template(year: int | None, output: str | Path | None, framework_file: str | None = None) -> Path:
    """Write the template of `year` (default: the current assessed year) or of a framework file."""
    from core.frameworks import load_file, load_year
    from workbook.builder import write_template

    fw = load_file(framework_file) if framework_file else load_year(year or current_assessed_year())
    path = Path(output) if output else default_path(fw.year)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        path = path.with_suffix(".xlsx")
    return write_template(path, fw)
