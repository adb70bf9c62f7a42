"""`ita rate`: tool scores, total, rating and gaps from indicator scores, or the rating of a total."""

from __future__ import annotations

import argparse
import json

from cli.common import add_year_arguments, framework_from_args
from core.errors import FrameworkError, InputError


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_year_arguments(p, required=True)
    p.add_argument("--scores", help="คะแนนรายตัวชี้วัดเรียงตามเลขตัวชี้วัด คั่นด้วยจุลภาค (ใช้เลขไทยได้)")
    p.add_argument("--total", help="คะแนนรวมที่ประกาศแล้ว (ให้ระดับอย่างเดียว)")
    p.add_argument("--previous", help="คะแนนรายตัวชี้วัดของปีก่อน เพื่อดูการเปลี่ยนแปลง")
    p.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON")


def run(args: argparse.Namespace) -> int:
    from cli.rate_view import render_result, result_to_dict
    from core.frameworks import load_year
    from core.scores_input import parse_percent, parse_score_list
    from core.scoring import rate, rate_total

    fw = framework_from_args(args)
    if bool(args.scores) == bool(args.total):
        raise InputError("ต้องระบุอย่างใดอย่างหนึ่ง: --scores (คะแนนรายตัวชี้วัด) หรือ --total (คะแนนรวม)")
    if args.total:
        if args.previous:
            raise InputError("--previous ใช้ได้กับ --scores เท่านั้น")
        result = rate_total(fw, parse_percent(args.total, "--total"))
    else:
        scores = parse_score_list(args.scores, fw)
        previous = prev_fw = None
        if args.previous:
            try:
                prev_fw = load_year(fw.year - 1)
            except FrameworkError:  # no (usable) framework for the year before: compare on this one
                prev_fw = fw
            previous = parse_score_list(args.previous, prev_fw, what="--previous")
        result = rate(fw, scores, previous, prev_fw)
    if args.json:
        print(json.dumps(result_to_dict(result), ensure_ascii=False, indent=2))
    else:
        print(render_result(result))
    return 0
