"""`ita template`: write the blank template workbook for a fiscal year."""

from __future__ import annotations

import argparse

from cli.common import add_year_arguments, framework_from_args


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_year_arguments(p, required=False)
    p.add_argument("-o", "--output", metavar="FILE", help="ไฟล์ที่จะเขียน (ค่าเริ่มต้น: แบบฟอร์ม_ITA_<ปี>.xlsx)")


def run(args: argparse.Namespace) -> int:
    from actions.template import make_template

    fw_year = framework_from_args(args).year if args.framework or args.year else None
    path = make_template(fw_year, args.output, args.framework)
    print(f"เขียนแบบฟอร์มแล้ว: {path}")
    return 0
