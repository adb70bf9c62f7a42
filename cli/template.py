"""`ita template`: write the blank template workbook, with both years filled, at the plan stage."""

from __future__ import annotations

import argparse

from core.years import parse_year


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=str,
                   help="ปีของผลการประเมิน ITA เช่น 2569 หรือปีงบประมาณของมาตรการ เช่น 2570 "
                        "(ถ้ายังไม่มีเกณฑ์ของปีนั้น ถือเป็นปีงบประมาณ) ค่าเริ่มต้น: รอบปีปัจจุบัน")
    p.add_argument("--fiscal-year", type=str, metavar="FY", help="ปีงบประมาณของมาตรการ (พ.ศ.) โดยตรง เช่น 2570")
    p.add_argument("--framework", metavar="FILE", help="ใช้ไฟล์เกณฑ์ (.toml) ที่กำหนดเองแทนเกณฑ์ในตัว")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="ไฟล์ที่จะเขียน (ค่าเริ่มต้น: แบบฟอร์ม_ITA_ปีงบประมาณ_<ปี>.xlsx)")


def run(args: argparse.Namespace) -> int:
    from actions.template import make_template, template_years
    from core.errors import InputError

    if sum(bool(x) for x in (args.year, args.fiscal_year, args.framework)) > 1:
        raise InputError("ระบุได้อย่างใดอย่างหนึ่ง: --year, --fiscal-year หรือ --framework")
    year = parse_year(args.year) if args.year else None
    fiscal = parse_year(args.fiscal_year) if args.fiscal_year else None
    years, _ = template_years(year, args.framework, fiscal)
    path = make_template(year, args.output, args.framework, fiscal_year=fiscal)
    print(years.say())
    print(f"เขียนแบบฟอร์มแล้ว: {path}")
    return 0
