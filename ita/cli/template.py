"""`ita template`: write the blank template workbook for a fiscal year."""

from __future__ import annotations

import argparse
from pathlib import Path

from ita.cli.common import add_year_arguments, framework_from_args


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_year_arguments(p, required=False)
    p.add_argument("-o", "--output", metavar="FILE", help="ไฟล์ที่จะเขียน (ค่าเริ่มต้น: แบบฟอร์ม_ITA_<ปี>.xlsx)")


def default_year() -> int:
    """The assessed year whose measures are being planned now: the last completed fiscal year."""
    import datetime as dt

    from workbook.values import fiscal_year

    return fiscal_year(dt.date.today()) - 1


def make_template(year: int | None, output: str | Path | None, framework_file: str | None = None) -> Path:
    """Write the template; the add-in's แบบฟอร์มใหม่ button calls this too."""
    from ita.frameworks import load_file, load_year
    from workbook.builder import write_template

    fw = load_file(framework_file) if framework_file else load_year(year or default_year())
    path = Path(output) if output else Path(f"แบบฟอร์ม_ITA_{fw.year}.xlsx")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        path = path.with_suffix(".xlsx")
    return write_template(path, fw)


def run(args: argparse.Namespace) -> int:
    if args.framework or args.year:
        fw_year = framework_from_args(args).year
    else:
        fw_year = None
    path = make_template(fw_year, args.output, args.framework)
    print(f"เขียนแบบฟอร์มแล้ว: {path}")
    return 0

