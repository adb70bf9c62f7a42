"""Validation speed: one filled sample workbook validated warm (target 0.3 s), against opening it with openpyxl."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.harness import measure, report
from core.frameworks import load_year
from workbook.builder import write_template
from workbook.samples import SAMPLE_KEYS, load_sample
from workbook.validation import validate_file

TARGET = 0.3


def main() -> bool:
    from openpyxl import load_workbook

    sub = load_sample(SAMPLE_KEYS[1])  # the sample with the most measures and progress rows
    with tempfile.TemporaryDirectory() as tmp:
        path = write_template(Path(tmp) / "sample.xlsx", load_year(sub.agency.assessed_year), sub)
        base = measure("openpyxl.load_workbook of the same book", lambda: load_workbook(path))
        run = measure(f"validate_file({SAMPLE_KEYS[1]} sample)", lambda: validate_file(path), repeat=10)
    return report(run, target=TARGET, baseline=base)
