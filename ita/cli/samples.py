"""`ita samples`: write the five filled sample workbooks (modelled on the seed agencies)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="DIR", default="ตัวอย่าง", help="โฟลเดอร์ปลายทาง")


def write_samples(out_dir: Path) -> list[Path]:
    """One filled book per sample agency, named after its key."""
    from ita.frameworks import load_year
    from workbook.builder import write_template
    from workbook.samples import SAMPLE_KEYS, load_sample

    paths = []
    for key in SAMPLE_KEYS:
        sub = load_sample(key)
        fw = load_year(sub.agency.assessed_year or 2565)
        paths.append(write_template(out_dir / f"{key}.xlsx", fw, sub))
    return paths


def run(args: argparse.Namespace) -> int:
    for path in write_samples(Path(args.output)):
        print(f"เขียนแล้ว: {path}")
    return 0
