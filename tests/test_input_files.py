"""Only regular files are opened, after a size check: a FIFO named like a workbook, a link to /dev/zero and a
2 GB file are refused with their reason, by validate and in the merge's file list, without hanging."""

from __future__ import annotations

import os
import sys

import duckdb
import pytest
from books import book
from filesystems import run_ita

from core.errors import UnreadableFileError
from core.input_files import MAX_INPUT_BYTES, check_regular, open_regular

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX things")

TIMEOUT = 120  # the old code waited forever on these; a hang fails the test instead of stalling it

# kind -> words of the reason
SPECIAL = {"fifo": "FIFO", "dev-zero-link": "อุปกรณ์", "huge": "ใหญ่ผิดปกติ", "dangling-link": "ไม่มีอยู่"}


def special(folder, kind: str):
    """A file of one special kind, named like a workbook."""
    if kind == "fifo":
        os.mkfifo(p := folder / "x.xlsx")
    elif kind == "dev-zero-link":
        (p := folder / "zero.xlsx").symlink_to("/dev/zero")
    elif kind == "huge":  # sparse: 2 GB that take no disk
        with open(p := folder / "huge.xlsx", "wb") as fh:
            fh.write(b"PK\x03\x04")
            fh.truncate(2 * 1024**3)
    elif kind == "dangling-link":
        (p := folder / "gone.xlsx").symlink_to(folder / "nowhere.xlsx")
    else:
        raise KeyError(kind)
    return p


@pytest.mark.parametrize("kind", SPECIAL)
def test_refused_before_any_read(tmp_path, kind):
    path = special(tmp_path, kind)
    with pytest.raises(UnreadableFileError) as err:
        open_regular(path)
    assert SPECIAL[kind] in err.value.message and err.value.where == str(path)
    with pytest.raises(UnreadableFileError):
        check_regular(path)


def test_a_regular_file_opens():
    assert MAX_INPUT_BYTES >= 50 * 1024 * 1024
    with open_regular(__file__) as fh:
        assert fh.read(3) == b'"""'


@pytest.mark.parametrize("kind", SPECIAL)
def test_validate_says_why_in_one_line(tmp_path, kind):
    path = special(tmp_path, kind)
    res = run_ita("validate", str(path), timeout=TIMEOUT)
    assert res.returncode == 2 and res.stdout == "" and "Traceback" not in res.stderr
    (line,) = res.stderr.strip().splitlines()
    assert str(path) in line and SPECIAL[kind] in line


def test_report_refuses_a_fifo(tmp_path):
    path = special(tmp_path, "fifo")
    res = run_ita("report", str(path), "-o", str(tmp_path / "r"), timeout=TIMEOUT)
    assert res.returncode == 2 and "FIFO" in res.stderr and "Traceback" not in res.stderr


def test_merge_lists_each_with_its_reason(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    book(inputs, name="good.xlsx")
    paths = {kind: special(inputs, kind) for kind in SPECIAL}
    db = tmp_path / "m.duckdb"
    res = run_ita("merge", str(inputs), "-o", str(tmp_path / "ov.xlsx"), "--db", str(db), "--no-progress",
                  timeout=TIMEOUT)
    assert res.returncode == 0, res.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute("SELECT path, status_reason FROM submission_status").fetchall())
        status = dict(con.execute("SELECT path, status FROM submission_status").fetchall())
    for kind, path in paths.items():
        assert status[str(path)] == "rejected" and SPECIAL[kind] in rows[str(path)], (kind, rows.get(str(path)))
    assert status[str(inputs / "good.xlsx")].startswith("merged")
