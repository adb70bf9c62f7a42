"""`ita samples`: write the five filled sample workbooks (modelled on the seed agencies)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="DIR", default="ตัวอย่าง", help="โฟลเดอร์ปลายทาง")


def run(args: argparse.Namespace) -> int:
    from actions.samples import write_samples

    for path in write_samples(Path(args.output)):
        print(f"เขียนแล้ว: {path}")
    return 0
