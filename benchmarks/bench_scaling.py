"""Costs linear in rows: validation, each report layout (xlsx + docx) and the merge's read of one book, for an
agency with 500 measures against one with 50 (ten times the rows: at most LIMIT times the time)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from benchmarks.harness import measure, report_growth

SMALL, LARGE = 50, 500
LIMIT = 15.0  # 10x the rows; quadratic code (a rows x rows loop) takes 30-100x here


def main() -> bool:
    from converters.merge.extract import extract
    from converters.reports import LAYOUTS, make_reports
    from core.frameworks import load_year
    from devkit.sample_data import big_submission
    from workbook.builder import write_template
    from workbook.validation import validate_file

    out = Path(tempfile.mkdtemp(prefix="ita-bench-scaling-"))
    ok = True
    try:
        subs = {n: big_submission(n) for n in (SMALL, LARGE)}
        books = {n: write_template(out / f"book{n}.xlsx", load_year(s.agency.assessed_year), s)
                 for n, s in subs.items()}
        runs = {n: measure(f"validate_file, {n} measures", lambda n=n: validate_file(books[n]), repeat=5)
                for n in (SMALL, LARGE)}
        ok = report_growth(runs[SMALL], runs[LARGE], LARGE / SMALL, limit=LIMIT) and ok
        runs = {n: measure(f"merge read (extract) of one book, {n} measures",
                           lambda n=n: extract(str(books[n]), "bench"), repeat=5) for n in (SMALL, LARGE)}
        ok = report_growth(runs[SMALL], runs[LARGE], LARGE / SMALL, limit=LIMIT) and ok
        for layout in LAYOUTS:
            runs = {n: measure(f"report {layout} (xlsx + docx), {n} measures", lambda n=n, layout=layout:
                               make_reports(subs[n], out / "r", [layout], ["xlsx", "docx"]), repeat=3)
                    for n in (SMALL, LARGE)}
            ok = report_growth(runs[SMALL], runs[LARGE], LARGE / SMALL, limit=LIMIT) and ok
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return ok
