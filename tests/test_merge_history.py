"""`ita history` on a two-year database: per-agency change equals the stored figures, rounded as Excel rounds."""

from __future__ import annotations

import duckdb
import openpyxl
import pytest

from converters.merge.db import MergeDB
from converters.merge.history import change, direction, load_history
from converters.merge.run import MergeOptions, run_merge
from core.numbers import excel_round
from devkit import synth

PROVINCE = ("ขอนแก่น",)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    root = tmp_path_factory.mktemp("history")
    db = root / "ita-merge.duckdb"
    for year in (2565, 2566):
        folder = root / f"in{year}"
        for i in range(12):
            synth.write_submission(folder / f"{i:02d}.xlsx", synth.varied_submission(i, year, provinces=PROVINCE))
        run_merge(MergeOptions(inputs=[str(folder)], overview=root / f"ภาพรวม{year}.xlsx", db=db, jobs=1))
    return root, db


def _stored(db) -> dict[str, dict[int, float]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT agency_key, year, total FROM current_submissions").fetchall()
    out: dict[str, dict[int, float]] = {}
    for key, year, total in rows:
        out.setdefault(key, {})[year] = total
    return out


def test_change_equals_the_stored_figures(two_years):
    _, db = two_years
    stored = _stored(db)
    with MergeDB(db) as m:
        years, agencies = load_history(m)
    assert years == [2565, 2566] and len(agencies) == 12
    for h in agencies:
        want = stored[h.key]
        assert h.totals == want
        delta = h.total_change(2566)
        assert delta == excel_round(want[2566] - want[2565])
        assert direction(delta) == ("ขึ้น" if delta > 0 else "ลง" if delta < 0 else "เท่าเดิม")
        assert len(repr(delta).split(".")[-1]) <= 2  # 34.84, never 34.839999999999996


def test_change_rounds_as_excel():
    assert change(85.0, 50.16) == 34.84 and change(84.995, 0) == 85.0 and change(None, 80) is None


def test_cli_prints_clean_figures_and_writes_a_book(two_years, ita, tmp_path):
    _root, db = two_years
    stored = _stored(db)
    with MergeDB(db) as m:
        _, agencies = load_history(m)
    h = agencies[0]
    part = h.name.removeprefix(h.type)[:4]
    r = ita("history", str(db), "--agency", part, "--indicators")
    assert r.returncode == 0, r.stderr
    assert f"{stored[h.key][2566]:.2f}" in r.stdout and f"{h.total_change(2566):+.2f}" in r.stdout
    assert "99999" not in r.stdout and "00000" not in r.stdout
    out = tmp_path / "ประวัติ.xlsx"
    r = ita("history", str(db), "--from", "2565", "-o", str(out))
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(out)
    rows = [r for r in wb["คะแนนรวม"].iter_rows(min_row=2, values_only=True) if r[3]]
    assert len(rows) == 12
    header = [c.value for c in wb["คะแนนรวม"][1]]
    assert header[4:6] == ["ปี 2565", "ปี 2566"]
    assert len([r for r in wb["รายตัวชี้วัด"].iter_rows(min_row=2, values_only=True) if r[2]]) == 12 * 10


def test_unknown_agency_is_one_thai_line(two_years, ita):
    _, db = two_years
    r = ita("history", str(db), "--agency", "ไม่มีหน่วยงานนี้")
    assert r.returncode == 2 and "ไม่พบหน่วยงาน" in r.stderr and "Traceback" not in r.stderr


def test_the_docs_queries_print_clean_figures(two_years):
    """Every SQL example of docs/merge.md runs on a two-year database and shows no binary-fraction noise."""
    import re
    from pathlib import Path

    _, db = two_years
    doc = (Path(__file__).resolve().parents[1] / "docs" / "merge.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", doc, re.DOTALL)
    assert len(queries) >= 5
    ran = 0
    with duckdb.connect(str(db), read_only=True) as con:
        for q in queries:
            for row in con.execute(q).fetchall():
                ran += 1
                for v in row:
                    if isinstance(v, float):
                        assert v == round(v, 2), (q.splitlines()[0], v)
    assert ran > 12
