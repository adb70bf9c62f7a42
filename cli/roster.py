"""`ita roster`: the workbook listing the agencies expected to send (for `ita merge --roster`)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help="ไฟล์ที่จะเขียน (ค่าเริ่มต้น: รายชื่อหน่วยงาน.xlsx)")
    p.add_argument("--from-db", metavar="DB",
                   help="เติมรายชื่อจากฐานข้อมูลการรวมครั้งก่อน (รายชื่อที่ใช้ครั้งล่าสุด หรือหน่วยงานที่ส่งในปีล่าสุด)")


def run(args: argparse.Namespace) -> int:
    from actions.roster import write_roster

    path, n = write_roster(args.output, args.from_db)
    filled = f" พร้อมรายชื่อ {n:,} หน่วยงานจากฐานข้อมูล" if n else " (ว่าง ให้กรอกหนึ่งหน่วยงานต่อแถว)"
    print(f"เขียนไฟล์รายชื่อแล้ว: {path}{filled}")
    print(f"ใช้กับการรวม: ita merge โฟลเดอร์ไฟล์/ -o ภาพรวม.xlsx --roster {path}")
    return 0
