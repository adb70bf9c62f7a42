"""`ita validate`: every problem of one or more filled templates, each with its sheet, cell and fix.

Exit 0 when no file has an error, 1 when some file has errors, 2 when some file cannot be read.
"""

from __future__ import annotations

import argparse
import glob
import sys
from pathlib import Path

from core.errors import InputError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="แบบฟอร์มที่กรอกแล้ว (.xlsx หรือ .xlsm) ได้หลายไฟล์")
    p.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON (สำหรับนักวิเคราะห์ระดับจังหวัด)")
    p.add_argument("--annotate", metavar="OUT.xlsx",
                   help="เขียนสำเนาของแบบฟอร์ม พร้อมรายการปัญหาในชีต ตรวจสอบ และทำเครื่องหมายที่เซลล์ (ไฟล์ต้นฉบับไม่ถูกแก้)")


def expand(patterns: list[str]) -> list[str]:
    """Windows shells pass '*.xlsx' as typed: expand wildcards here (a pattern that matches nothing stays)."""
    out = []
    for p in patterns:
        matches = sorted(glob.glob(p)) if any(ch in p for ch in "*?[") and not Path(p).exists() else []
        out.extend(matches or [p])
    return out


def run(args: argparse.Namespace) -> int:
    from workbook.validation import validate_file
    from workbook.validation.render import render_json, render_text, unreadable_line

    for stream in (sys.stdout, sys.stderr):  # a cell's text may hold what a Thai console cannot show
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    files = expand(args.files)
    if args.annotate and len(files) != 1:
        raise InputError("--annotate ใช้กับแบบฟอร์มได้ครั้งละหนึ่งไฟล์")
    reports = [validate_file(f) for f in files]
    for r in reports:
        if r.status == "unreadable":
            print(f"ita validate: {unreadable_line(r)}", file=sys.stderr)
    readable = [r for r in reports if r.status != "unreadable"]
    if args.json:
        print(render_json(reports))
    elif readable:
        print(render_text(reports))
    if args.annotate and readable:
        from workbook.validation.annotate import annotate

        out = annotate(readable[0].file, args.annotate, readable[0].findings)
        print(f"เขียนผลการตรวจลงในสำเนาแล้ว: {out}", file=sys.stderr if args.json else sys.stdout)
    return max(r.exit_code for r in reports)
