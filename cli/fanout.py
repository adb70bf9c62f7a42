"""`ita fanout --roster FILE -o DIR`: a pre-filled book for every agency of the roster, to send out."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--roster", required=True, metavar="FILE", help="รายชื่อหน่วยงาน (.xlsx/.csv จากคำสั่ง ita roster)")
    p.add_argument("--results", metavar="FILE",
                   help="ตารางผลคะแนน (.xlsx/.csv): คอลัมน์ ชื่อหน่วยงาน อำเภอ จังหวัด และตัวชี้วัด 1, 2, …")
    p.add_argument("--year", metavar="ปี", help="ปีของผลการประเมิน ITA หรือปีงบประมาณของมาตรการ (ค่าเริ่มต้น: ปีปัจจุบัน)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="โฟลเดอร์ที่จะเขียนไฟล์ของแต่ละหน่วยงาน")


def run(args: argparse.Namespace) -> int:
    from actions.fanout import fanout

    tty = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        if tty:
            fill = int(30 * done / total)
            sys.stderr.write(f"\rเขียนไฟล์ [{'#' * fill}{'.' * (30 - fill)}] {done}/{total} ")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    result = fanout(args.roster, args.output, args.results, args.year, on_book=show)
    scores = f" มีคะแนนจากตารางผล {result.with_scores:,} ไฟล์" if args.results else ""
    print(f"เขียนแบบฟอร์ม{result.year_text} {len(result.written):,} ไฟล์{scores} ที่ {result.folder}")
    for line in result.unmatched:
        print(f"ไม่ได้ใช้: {line}")
    return 0
