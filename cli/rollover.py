"""`ita rollover LAST.xlsx [-o NEW.xlsx]`: next year's book from last year's (the ปีถัดไป button's twin)."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.errors import InputError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="LAST.xlsx", help="แบบฟอร์มของปีที่แล้ว (ไม่ถูกแก้ไข)")
    p.add_argument("-o", "--output", metavar="NEW.xlsx",
                   help="แบบฟอร์มปีใหม่ (ค่าเริ่มต้น: <หน่วยงาน>_ปีงบประมาณ_<ปี>.xlsx ข้างไฟล์เดิม ไม่เขียนทับไฟล์ที่มีอยู่)")
    p.add_argument("--scores", help="คะแนน ITA ปีใหม่รายตัวชี้วัดเรียงตามเลข คั่นด้วยจุลภาค (ไม่บังคับ ใช้เลขไทยได้)")


def run(args: argparse.Namespace) -> int:
    from actions.rollover import next_submission, roll_over
    from core.scores_input import parse_score_list
    from workbook.reader import read_workbook

    src = Path(args.file)
    if not src.is_file():
        raise InputError("ไม่พบไฟล์", where=str(src))
    scores = None
    if args.scores:
        _, _, fw = next_submission(read_workbook(src).submission)
        scores = parse_score_list(args.scores, fw)
    rolled = roll_over(src, Path(args.output) if args.output else None, scores=scores)
    print(rolled.years.say())
    print(f"ยกมาตรการ {rolled.measures} รายการ และคะแนนปีก่อน {rolled.previous_scores} ตัวชี้วัด "
          f"ไปยังแบบฟอร์มปีใหม่ (ระยะจัดทำแผน ยังไม่มีความก้าวหน้า)")
    print(f"เขียนแบบฟอร์มแล้ว: {rolled.path}")
    return 0
