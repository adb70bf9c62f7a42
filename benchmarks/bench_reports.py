"""Reports: all five layouts as xlsx and docx for a 30-measure agency (warm), and the PDFs in one call; a
district's 20 agencies' PDFs in one LibreOffice session (`ita report FOLDER`) against 20 separate calls."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from benchmarks.harness import measure, report


def main() -> bool:
    from converters.office.engine import find_soffice
    from converters.reports import LAYOUTS, make_reports
    from devkit.sample_data import big_submission

    sub = big_submission(30)
    out = Path(tempfile.mkdtemp(prefix="ita-bench-reports-"))
    try:
        layouts = list(LAYOUTS)
        office = measure("5 layouts x (xlsx + docx), 30 measures", lambda: make_reports(
            sub, out, layouts, ["xlsx", "docx"]), repeat=5, warmup=1)
        ok = report(office, target=2.0)
        if find_soffice() is None:
            print("SKIP PDF: no LibreOffice on this machine", flush=True)
            return ok
        pdf = measure("5 layouts as PDF (one LibreOffice call), 30 measures", lambda: make_reports(
            sub, out, layouts, ["pdf"]), repeat=2, warmup=0)
        # one soffice start (~1-1.5 s) plus the conversions: a loose target that catches a second call
        ok = report(pdf, target=6.0) and ok
        return batch_vs_separate(out) and ok
    finally:
        shutil.rmtree(out, ignore_errors=True)


BATCH_AGENCIES = 20
BATCH_LAYOUTS = ["progress", "memo"]  # one PDF from Excel, one from Word per agency
TARGET_BATCH = 3.0  # the batch at least this many times faster than one call per agency


def batch_vs_separate(out: Path) -> bool:
    """20 agencies' PDFs: one `ita report FOLDER` conversion against 20 `ita report FILE` calls."""
    import time

    from converters.reports import make_reports
    from converters.reports.batch import find_books, make_many_reports
    from devkit import synth

    folder = out / "books"
    for i in range(BATCH_AGENCIES):
        synth.write_submission(folder / f"{i:02d}.xlsx", synth.varied_submission(i, 2565))
    books = find_books([folder])
    t0 = time.perf_counter()
    for k, book in enumerate(books):
        make_reports(book, out / "separate" / f"{k:02d}", BATCH_LAYOUTS, ["pdf"], draft=True)
    separate = time.perf_counter() - t0
    t0 = time.perf_counter()
    # drafts: the synthetic books carry some errors on purpose, and a batch makes no final report of those
    results = make_many_reports(books, out / "batch", BATCH_LAYOUTS, ["pdf"], draft=True)
    batch = time.perf_counter() - t0
    made = sum(len(r.written) for r in results)
    assert made == BATCH_AGENCIES * len(BATCH_LAYOUTS), made
    ratio = separate / batch
    ok = ratio >= TARGET_BATCH
    print(("OK   " if ok else "MISS ") + f"{BATCH_AGENCIES} agencies x {len(BATCH_LAYOUTS)} layouts as PDF: one "
          f"LibreOffice session {batch:.1f} s, {BATCH_AGENCIES} separate calls {separate:.1f} s = {ratio:.1f}x "
          f"(target >= {TARGET_BATCH:g}x)", flush=True)
    return ok
