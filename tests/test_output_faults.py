"""Every output fault is one Thai line and exit 2: a read-only folder, a path that is a folder, a full disk, a
closed pipe. No traceback, no partial file, and the merge database stays good for the next run."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import openpyxl
import pytest
from books import book
from filesystems import ROOT, leftovers, read_only_folder, run_ita, small_disk

from core.atomic import MSG_FOLDER_LOCKED, MSG_FULL, MSG_IS_FOLDER, MSG_TOO_BIG


def one_thai_line(res: subprocess.CompletedProcess, *words: str) -> str:
    assert res.returncode == 2, (res.returncode, res.stderr)
    assert "Traceback" not in res.stderr and "ไม่คาดคิด" not in res.stderr, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def _bad_book(tmp_path):
    return book(tmp_path, name="in.xlsx", cells={"scores!E12": "abc"})


# -- a read-only folder: mkstemp fails before anything is written ----------------------------------------

def test_read_only_folder_annotate_report_merge(tmp_path):
    src = _bad_book(tmp_path)
    with read_only_folder(tmp_path / "ro") as ro:
        one_thai_line(run_ita("validate", str(src), "--annotate", str(ro / "out.xlsx")), MSG_FOLDER_LOCKED)
        one_thai_line(run_ita("report", str(src), "--draft", "--format", "xlsx", "-o", str(ro)), MSG_FOLDER_LOCKED)
        one_thai_line(run_ita("merge", str(src), "-o", str(ro / "ov.xlsx")))
        assert leftovers(ro) == []


# -- the output path is a folder -------------------------------------------------------------------------

def test_output_path_that_is_a_folder(tmp_path):
    src = _bad_book(tmp_path)
    (tmp_path / "out.xlsx").mkdir()
    one_thai_line(run_ita("validate", str(src), "--annotate", str(tmp_path / "out.xlsx")), MSG_IS_FOLDER)
    one_thai_line(run_ita("merge", str(src), "-o", str(tmp_path / "out.xlsx"), "--db",
                          str(tmp_path / "m.duckdb")), MSG_IS_FOLDER)
    assert leftovers(tmp_path / "out.xlsx") == []


# -- a full disk ----------------------------------------------------------------------------------------

FULL = (MSG_FULL, MSG_TOO_BIG)  # ENOSPC on a small tmpfs; EFBIG where the test can only limit the file size


def _full(res: subprocess.CompletedProcess) -> None:
    line = one_thai_line(res)
    assert any(m in line for m in FULL), line


def test_full_disk_annotate_leaves_nothing(tmp_path):
    src = _bad_book(tmp_path)
    with small_disk(tmp_path / "small", 32) as (disk, run, _):
        _full(run("validate", str(src), "--annotate", str(disk / "out.xlsx")))
        assert leftovers(disk) == []


def test_full_disk_report_leaves_no_partial_file(tmp_path):
    src = _bad_book(tmp_path)
    with small_disk(tmp_path / "small", 48) as (disk, run, _):
        _full(run("report", str(src), "--draft", "--format", "xlsx,docx", "-o", str(disk / "r")))  # a book with errors
        for name in leftovers(disk):  # the reports finished before the disk filled up are whole
            assert not name.startswith(".") and not name.endswith(".part"), name
            path = next(disk.rglob(name))
            if name.endswith(".xlsx"):
                openpyxl.load_workbook(path)


def test_full_disk_merge_keeps_the_database_good(tmp_path):
    """A COMMIT that fails on a full disk ends the transaction: no failing ROLLBACK after it, one Thai line,
    and once there is room the next run merges every file."""
    def agency(sub, i):
        sub.agency.name = f"องค์การบริหารส่วนตำบลที่ {i}"
        for m in sub.measures:
            m.steps = "ขั้นตอนการดำเนินงาน " * 400

    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(3):
        book(inputs, name=f"b{i}.xlsx", mutate=lambda s, i=i: agency(s, i))
    out = tmp_path / "out" / "ov.xlsx"
    with small_disk(tmp_path / "small", 64) as (disk, run, grow):
        db = disk / "m.duckdb"
        _full(run("merge", str(inputs), "-o", str(out), "--db", str(db), "--no-progress"))
        assert not out.exists()
        grow()
        res = run("merge", str(inputs), "-o", str(out), "--db", str(db), "--no-progress")
        assert res.returncode == 0, res.stderr
        with duckdb.connect(str(db), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM files").fetchone()[0] == 3
            assert con.execute("SELECT count(*) FROM current_submissions").fetchone()[0] == 3
    assert openpyxl.load_workbook(out)["ไฟล์"].max_row == 4


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/full, the always-full device, is Linux's")
def test_a_full_disk_under_the_output_stream(tmp_path):
    src = _bad_book(tmp_path)
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "cli", "validate", str(src)], stdout=full,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120, check=False)
    one_thai_line(res, MSG_FULL)


# -- a closed pipe: `ita validate … | head` ---------------------------------------------------------------

def test_a_closed_pipe_is_one_line(tmp_path):
    src = _bad_book(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "cli", "validate", str(src)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    proc.stdout.close()  # the reader went away before ita wrote a line, as `head` does after its lines
    err = proc.stderr.read()
    proc.wait(timeout=120)
    res = subprocess.CompletedProcess(proc.args, proc.returncode, "", err)
    one_thai_line(res, "head")


@pytest.mark.skipif(sys.platform != "linux", reason="a shell pipeline into head")
def test_validate_into_head(tmp_path):
    paths = [str(book(tmp_path, name=f"b{i}.xlsx", cells={"scores!E12": "abc", "measures!F4": " x  y "}))
             for i in range(40)]
    res = subprocess.run(["sh", "-c", f'"{sys.executable}" -m cli validate "$@" | head -n 2; exit 0', "sh", *paths],
                         capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert len(res.stdout.splitlines()) == 2
    assert "Traceback" not in res.stderr and "BrokenPipe" not in res.stderr, res.stderr
    assert len(res.stderr.strip().splitlines()) <= 1
