"""`ita report` on many books: xlsx/docx per book, every PDF in one LibreOffice session, a status line per book,
a book that cannot be read skipped with its reason, and Ctrl-C leaving no half-written file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from converters.reports.batch import find_books, make_many_reports
from workbook.builder import write_template
from workbook.samples import SAMPLE_KEYS, load_sample

ROOT = Path(__file__).resolve().parents[1]


def _books(folder: Path, n: int | None = None) -> list[Path]:
    from core.frameworks import load_year

    out = []
    for key in SAMPLE_KEYS[:n]:
        sub = load_sample(key)
        out.append(write_template(folder / f"{key}.xlsx", load_year(sub.agency.assessed_year), sub))
    return out


@pytest.mark.libreoffice
def test_all_pdfs_in_one_conversion_and_a_status_per_book(tmp_path):
    books = _books(tmp_path / "in", 3)
    (tmp_path / "in" / "เสีย.xlsx").write_bytes(b"not a workbook")
    progress: list[tuple[int, int]] = []
    lines = []
    results = make_many_reports(find_books([tmp_path / "in"]), tmp_path / "out", ["progress", "memo"],
                                ["xlsx", "pdf"], on_book=lambda k, n, r: lines.append((k, n, r.error)),
                                on_pdf=lambda done, total: progress.append((done, total)))
    assert [k for k, _, _ in lines] == [1, 2, 3, 4] and sum(1 for *_, e in lines if e) == 1
    bad = next(r for r in results if r.error)
    assert bad.source.name == "เสีย.xlsx" and not bad.written
    pdfs = sorted((tmp_path / "out").rglob("*.pdf"))
    assert len(pdfs) == 3 * 2 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert progress and {t for _, t in progress} == {6} and progress[-1] == (6, 6)  # one conversion of all six
    for r in results:
        if not r.error:
            assert r.out_dir.parent == tmp_path / "out" and len(r.written) == 2 + 2  # xlsx + pdf per layout
    assert len(books) == 3


def test_cli_many_files_exit_code_and_lines(tmp_path, ita):
    books = _books(tmp_path / "in", 2)
    (tmp_path / "in" / "~$lock.xlsx").write_bytes(b"\x0cuser")  # an Excel lock file is not a book
    r = ita("report", *map(str, books), str(tmp_path / "missing.xlsx"), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "ไม่พบ" in r.stderr  # a name that does not exist: nothing is made
    r = ita("report", str(tmp_path / "in"), "--format", "xlsx", "-o", str(tmp_path / "out"), "--no-progress")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("[") >= 2 and "สร้างรายงานแล้ว" in r.stdout and "~$lock" not in r.stdout


@pytest.mark.libreoffice
def test_ctrl_c_during_the_pdfs_leaves_no_half_written_file(tmp_path):
    _books(tmp_path / "in")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # Ctrl-C as a terminal sends it: the child must not inherit an ignored SIGINT (a shell's background job
    # starts with SIGINT ignored, and Python then installs no KeyboardInterrupt handler); a handler here
    # becomes the default in the child at exec
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "cli", "report", str(tmp_path / "in"), "--format", "pdf",
                                 "-o", str(tmp_path / "out"), "--no-progress"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    seen = 0
    while seen < len(SAMPLE_KEYS):  # every book prepared: LibreOffice is starting on the PDFs
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        seen += line.startswith("[")
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "ยกเลิก" in err
    left = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert not [p for p in left if p.suffix == ".pdf" or ".part" in p.name], left
