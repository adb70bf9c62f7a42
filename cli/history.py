"""`ita history DB`: each agency's total (and indicator scores) across the years, with change and direction."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("db", metavar="DB", help="ฐานข้อมูลการรวม (ita-merge.duckdb)")
    p.add_argument("--agency", metavar="ชื่อ", help="เฉพาะหน่วยงานที่ชื่อมีคำนี้ เช่น บ้านขาม")
    p.add_argument("--from", dest="from_year", metavar="ปี", help="ตั้งแต่ปีที่ประเมิน (พ.ศ.) เช่น 2566")
    p.add_argument("--indicators", action="store_true", help="แสดงคะแนนรายตัวชี้วัดด้วย")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help="เขียนเป็นไฟล์ Excel (ชีต คะแนนรวม และ รายตัวชี้วัด)")


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f}"


def _signed(v: float | None) -> str:
    return "" if v is None else f"{v:+.2f}"


def run(args: argparse.Namespace) -> int:
    from actions.history import history, write_history_book
    from converters.merge.history import indicator_rows, total_rows
    from core.textable import render
    from core.years import parse_year

    years, agencies = history(args.db, args.agency, parse_year(args.from_year) if args.from_year else None)
    if args.output:
        path = write_history_book(args.output, years, agencies)
        print(f"เขียนประวัติ {len(agencies):,} หน่วยงาน ปี {years[0]}–{years[-1]} แล้ว: {path}")
        return 0
    header = ["หน่วยงาน", "อำเภอ", *(str(y) for y in years), "ระดับ", "เปลี่ยนแปลง", "ทิศทาง"]
    rows = [[r[3], r[1], *(_num(v) for v in r[4:4 + len(years)]), r[4 + len(years)] or "-",
             _signed(r[5 + len(years)]), r[6 + len(years)]] for r in total_rows(years, agencies)]
    print(render(header, rows, "<<" + ">" * len(years) + "<><"))
    if args.indicators:
        header = ["หน่วยงาน", "ตัวชี้วัด", *(str(y) for y in years), "เปลี่ยนแปลง", "ทิศทาง"]
        rows = [[r[2], str(r[3]), *(_num(v) for v in r[4:4 + len(years)]), _signed(r[4 + len(years)]),
                 r[5 + len(years)]] for r in indicator_rows(years, agencies)]
        print()
        print(render(header, rows, "<>" + ">" * len(years) + "><"))
    return 0
