"""`ita merge`: many agencies' filled templates -> one overview workbook and a DuckDB database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import InputError
from core.thai import to_arabic_digits


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="ไฟล์แบบฟอร์ม (.xlsx/.xlsm) หรือโฟลเดอร์ (ค้นหาในโฟลเดอร์ย่อยด้วย)")
    p.add_argument("-o", "--output", required=True, metavar="OVERVIEW.xlsx", help="ไฟล์ภาพรวม (Excel) ที่จะสร้าง")
    p.add_argument("--db", metavar="FILE",
                   help="ไฟล์ฐานข้อมูล DuckDB (ค่าเริ่มต้น: ita-merge.duckdb ในโฟลเดอร์เดียวกับภาพรวม)")
    p.add_argument("--jobs", "-j", type=str, default="0", metavar="N",
                   help="จำนวนโปรเซสที่อ่านไฟล์พร้อมกัน (ค่าเริ่มต้น: เท่าจำนวนแกนประมวลผล)")
    p.add_argument("--year", metavar="FY",
                   help="ปีของผลการประเมิน ITA เช่น 2565 หรือปีงบประมาณของมาตรการ เช่น 2566 "
                        "(ค่าเริ่มต้น: ปีล่าสุดในไฟล์ที่รวม)")
    p.add_argument("--export", metavar="DIR", help="ส่งออกตารางทั้งหมดเป็นไฟล์ในโฟลเดอร์นี้ด้วย")
    p.add_argument("--export-format", choices=("csv", "parquet"), default="csv",
                   help="รูปแบบไฟล์ที่ส่งออก (ค่าเริ่มต้น: csv)")
    p.add_argument("--roster", metavar="FILE",
                   help="รายชื่อหน่วยงานที่ต้องส่ง (.xlsx หรือ .csv จากคำสั่ง ita roster) หรือ last = รายชื่อของรอบก่อนในฐานข้อมูล")
    p.add_argument("--no-progress", action="store_true", help="ไม่แสดงแถบความคืบหน้า")


def _jobs(text: str) -> int:
    s = to_arabic_digits(str(text)).strip()
    if not s.isdigit() or int(s) > 64:
        raise InputError(f"--jobs: '{text}' ต้องเป็นจำนวนเต็ม 0 ถึง 64 (0 = เท่าจำนวนแกน)")
    return int(s)


def run(args: argparse.Namespace) -> int:
    from actions.merge import summary_lines
    from converters.merge.run import MergeOptions, run_merge
    from core.years import parse_year

    opts = MergeOptions(
        inputs=list(args.inputs), overview=Path(args.output), db=Path(args.db) if args.db else None,
        jobs=_jobs(args.jobs), year=parse_year(args.year) if args.year else None,
        export_dir=Path(args.export) if args.export else None, export_format=args.export_format,
        progress=not args.no_progress and sys.stderr.isatty(), roster=args.roster,
    )
    stats = run_merge(opts)
    rate = stats.read / stats.read_seconds if stats.read_seconds > 0 else 0
    lines = summary_lines(stats)
    lines.insert(1, f"อ่านใหม่ {stats.read:,} ไฟล์ ({rate:,.0f} ไฟล์/วินาที), ใช้ข้อมูลเดิมจากฐานข้อมูล {stats.cached:,} ไฟล์, "
                    f"รวมเวลา {stats.seconds:.1f} วินาที")
    lines.append(f"ฐานข้อมูล: {stats.db}")
    lines += [f"ส่งออก: {path}" for path in stats.exported]
    print("\n".join(lines))
    return 0
