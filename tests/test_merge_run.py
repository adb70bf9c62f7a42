"""`ita merge` end to end on real workbooks written by the project: the five samples, duplicates, an .xlsm,
formula-looking text and every kind of unreadable file. Real DuckDB, real overview workbook."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from converters.merge.db import STATUS_TH
from converters.merge.run import MergeOptions, MergeStats, run_merge
from core.errors import InputError
from core.frameworks import load_year
from devkit import synth
from tests.books import UNREADABLE, base_submission, unreadable
from workbook.builder import write_template
from workbook.samples import SAMPLE_KEYS, load_sample

ROOT = Path(__file__).resolve().parents[1]
OLD = dt.datetime(2024, 1, 1).timestamp()
NEW = dt.datetime(2024, 2, 1).timestamp()
FORMULA_TEXTS = ('=HYPERLINK("http://example.go.th","x")', "+66 4320 7319", "-ไม่มี-", "@งานพัสดุ")


def _write(path: Path, sub, mtime: float | None = None, *, macro: bool = False, patched: bool = False) -> Path:
    """Write `sub` with the builder, or (macro/patched) by patching the builder's book: cell text stays text
    even when it starts with '=' (openpyxl would write a formula), as in a book an officer typed with a '."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if macro or patched:
        synth.write_submission(path, sub, macro=macro)
    else:
        write_template(path, load_year(sub.agency.assessed_year), sub)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def make_corpus(root: Path) -> dict[str, tuple[str, str]]:
    """Write the corpus; returns file name -> (expected status, words its reason contains)."""
    expected: dict[str, tuple[str, str]] = {}
    for key in SAMPLE_KEYS:
        _write(root / "samples" / f"{key}.xlsx", load_sample(key), OLD)
        expected[f"{key}.xlsx"] = ("merged", "")
    # the same agency, a later report and its name typed another way: the later one wins
    later = load_sample("yang_yong")
    later.agency.report_date += dt.timedelta(days=30)
    later.agency.name = "  อบต. ยางหย่อง "
    _write(root / "resubmitted" / "yang_yong_แก้ไข.xlsx", later, OLD)
    expected["yang_yong_แก้ไข.xlsx"] = ("merged", "")
    expected["yang_yong.xlsx"] = ("superseded", "วันที่รายงานใหม่กว่า")
    # the same agency and report date, another file saved later: the newer file wins
    again = load_sample("ban_kham")
    again.agency.officer = "นางสาวผู้แก้ไข ภายหลัง"
    _write(root / "resubmitted" / "ban_kham_ส่งซ้ำ.xlsx", again, NEW)
    expected["ban_kham_ส่งซ้ำ.xlsx"] = ("merged", "")
    expected["ban_kham.xlsx"] = ("superseded", "ไฟล์ใหม่กว่า")
    # a clean book (no finding at all), with formula-looking text in measures and progress
    clean = base_submission()
    clean.agency.name, clean.agency.district = "องค์การบริหารส่วนตำบลสูตรทดสอบ", "น้ำพอง"
    _write(root / "clean" / "clean.xlsx", clean, OLD)
    expected["clean.xlsx"] = ("merged", "")
    tricky = base_submission()
    tricky.agency.name = "เทศบาลตำบลข้อความเหมือนสูตร"
    tricky.agency.type = "เทศบาลตำบล"
    tricky.measures[0] = dataclasses.replace(tricky.measures[0], title=FORMULA_TEXTS[0], responsible=FORMULA_TEXTS[3])
    tricky.progress[0] = dataclasses.replace(tricky.progress[0], results=FORMULA_TEXTS[2], obstacles=FORMULA_TEXTS[1])
    _write(root / "clean" / "formula_text.xlsx", tricky, OLD, patched=True)
    expected["formula_text.xlsx"] = ("merged_with_warnings", "คำเตือน 4")
    # a book with errors is merged, and its status says so (apart from one with warnings only)
    errors = base_submission()
    errors.agency.name = "องค์การบริหารส่วนตำบลยังกรอกไม่ครบ"
    errors.progress[0] = dataclasses.replace(errors.progress[0], status="")
    _write(root / "clean" / "errors.xlsx", errors, OLD)
    expected["errors.xlsx"] = ("merged_with_errors", "ข้อผิดพลาด")
    # an .xlsm with a macro part (never run)
    macro = base_submission()
    macro.agency.name = "องค์การบริหารส่วนตำบลมีแมโคร"
    _write(root / "clean" / "with_macro.xlsm", macro, OLD, macro=True)
    expected["with_macro.xlsm"] = ("merged_with_warnings", "แมโคร")
    # every kind of file the reader refuses
    bad = root / "bad"
    bad.mkdir()
    for kind, words in UNREADABLE.items():
        sub = bad / kind
        sub.mkdir()
        p = unreadable(sub, kind)
        for other in sub.iterdir():  # the helper may leave its source book beside the bad one
            if other != p:
                other.unlink()
        expected[p.name] = ("rejected", words)
    (bad / "~$ภาพรวม.xlsx").write_bytes(b"\x0cuser   ")
    expected["~$ภาพรวม.xlsx"] = ("rejected", "ไฟล์ล็อก")
    (bad / "อ่านก่อน.pdf").write_bytes(b"%PDF-1.4")  # not a spreadsheet: counted, not merged
    return expected


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> tuple[Path, dict, MergeStats, Path]:
    root = tmp_path_factory.mktemp("merge")
    inputs = root / "in"
    expected = make_corpus(inputs)
    out = root / "out" / "ภาพรวม.xlsx"
    stats = run_merge(MergeOptions(inputs=[str(inputs)], overview=out, jobs=1))
    return inputs, expected, stats, out


def _status_rows(db: Path) -> dict[str, tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT path, status, status_reason, superseded_by FROM submission_status").fetchall()
    return {Path(p).name: (s, r, b) for p, s, r, b in rows}


def test_every_input_listed_with_status_and_reason(merged):
    _, expected, stats, out = merged
    assert stats.files == len(expected)
    assert stats.other_files == 1
    got = _status_rows(stats.db)
    assert set(got) == set(expected)
    for name, (status, words) in expected.items():
        assert got[name][0] == status, (name, got[name])
        assert words in (got[name][1] or ""), (name, got[name])
    assert sum(stats.statuses.values()) == len(expected)
    # the overview's ไฟล์ sheet lists every input too, with the Thai status and the same reason
    ws = openpyxl.load_workbook(out)["ไฟล์"]
    rows = {Path(r[0]).name: r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert set(rows) == set(expected)
    for name, (status, words) in expected.items():
        assert rows[name][1] == STATUS_TH[status]
        assert words in (rows[name][2] or "")


def test_superseded_names_the_winner(merged):
    _, _, stats, _ = merged
    got = _status_rows(stats.db)
    assert Path(got["yang_yong.xlsx"][2]).name == "yang_yong_แก้ไข.xlsx"
    assert Path(got["ban_kham.xlsx"][2]).name == "ban_kham_ส่งซ้ำ.xlsx"


def test_identity_meets_across_spellings(merged):
    _, _, stats, _ = merged
    with duckdb.connect(str(stats.db), read_only=True) as con:
        keys = con.execute("""SELECT DISTINCT agency_key FROM submission_status
                              WHERE path LIKE '%yang_yong%'""").fetchall()
    assert len(keys) == 1


def test_database_is_lossless_with_provenance(merged):
    _, _, stats, _ = merged
    sample = load_sample("khuan_mao")
    with duckdb.connect(str(stats.db), read_only=True) as con:
        rows = con.execute("""
            SELECT m.measure_id, m.title, m.links, m.steps, m.responsible, m."start", m."end", m.reporting,
                   m.success_indicator, m.sheet, m."row"
            FROM measures m JOIN current_submissions c USING (sha256)
            WHERE c.path LIKE '%khuan_mao.xlsx' ORDER BY m."row" """).fetchall()
        scores = dict(con.execute("""SELECT s.indicator, s.score FROM scores s JOIN current_submissions c
                                     USING (sha256) WHERE c.path LIKE '%khuan_mao.xlsx'""").fetchall())
        agency = con.execute("""SELECT officer, document_number, executive_name, report_date
                                FROM current_submissions WHERE path LIKE '%khuan_mao.xlsx'""").fetchone()
    assert [r[0] for r in rows] == [m.id for m in sample.measures]
    for r, m in zip(rows, sample.measures):
        assert r[1:9] == (m.title, ", ".join(m.links), m.steps, m.responsible, m.start, m.end, m.reporting,
                          m.success_indicator)
        assert r[9] == "มาตรการ" and r[10] >= 4
    assert scores == sample.scores.current
    assert agency == (sample.agency.officer, sample.agency.document_number, sample.agency.executive_name,
                      sample.agency.report_date)


def test_uses_the_validation_rules(merged):
    from workbook.validation import validate_file

    _, _, stats, _ = merged
    path = next(Path(p) for p in [str(stats.db.parent.parent / "in" / "samples" / "ban_kham.xlsx")])
    expected = sorted((f.code, f.cell) for f in validate_file(path).findings)
    with duckdb.connect(str(stats.db), read_only=True) as con:
        got = sorted(con.execute("""SELECT f.code, f.cell FROM findings f JOIN submission_status s USING (sha256)
                                    WHERE s.path = ? AND f.code NOT LIKE 'MERGE_%'""", [str(path)]).fetchall())
    assert got == expected and got


def test_macro_flagged_never_run(merged):
    _, _, stats, out = merged
    with duckdb.connect(str(stats.db), read_only=True) as con:
        codes = con.execute("""SELECT f.code, f.message_th FROM findings f JOIN submission_status s USING (sha256)
                               WHERE s.path LIKE '%with_macro.xlsm'""").fetchall()
    assert any(code == "workbook-has-macros" and "แมโคร" in message for code, message in codes)
    ws = openpyxl.load_workbook(out)["ภาพรวม"]
    header = [c.value for c in ws[1]]
    col = header.index("มีแมโคร")
    names = {r[3]: r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert names["องค์การบริหารส่วนตำบลมีแมโคร"] == "มี (ไม่ได้เรียกใช้)"


def test_formula_looking_text_stays_text(merged):
    _, _, stats, out = merged
    wb = openpyxl.load_workbook(stats.details)
    seen = {}
    for sheet in ("มาตรการ", "ความก้าวหน้า"):
        for row in wb[sheet].iter_rows(min_row=2):
            for cell in row:
                if cell.value in FORMULA_TEXTS:
                    seen[cell.value] = cell
    assert set(seen) == set(FORMULA_TEXTS)
    for text, cell in seen.items():
        assert cell.data_type == "s" and cell.value == text and cell.quotePrefix
    for book in (out, stats.details):
        with zipfile.ZipFile(book) as zf:  # no formula element anywhere in the overview or its companion
            assert not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n) for n in zf.namelist() if "worksheets/" in n)


def test_overview_sheets_heat_map_and_charts(merged):
    _, _, stats, out = merged
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["สรุป", "รายอำเภอ", "รายประเภท", "อันดับ", "ภาพรวม", "ตัวชี้วัด", "ข้อสังเกต", "ไฟล์"]
    assert wb.active.title == "สรุป"
    for ws in wb.worksheets:  # every sheet prints on A4 landscape with page numbers and the date on top
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape", ws.title
        assert "&P" in ws.oddFooter.center.text and "ข้อมูล ณ วันที่" in ws.oddHeader.right.text
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.title == "สรุป" or ws.print_title_rows
    assert openpyxl.load_workbook(stats.details).sheetnames == ["มาตรการ", "ความก้าวหน้า"]
    ws = wb["ภาพรวม"]
    assert ws.freeze_panes == "E2" and ws.auto_filter.ref
    rules = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert any(r.type == "colorScale" for r in rules)
    agencies = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(agencies) == stats.overview_rows["ภาพรวม"] == 9  # 5 samples + 4 other books, duplicates once
    names = [r[3] for r in agencies]
    assert names.count("องค์การบริหารส่วนตำบลยางหย่อง") == 1
    header = [c.value for c in ws[1]]
    total = header.index("คะแนนรวม")
    sample = load_sample("tha_nang_naeo")
    from core.scoring import rate

    row = next(r for r in agencies if r[3] == sample.agency.name)
    assert row[total] == rate(load_year(2565), sample.scores.current).total
    ind = wb["ตัวชี้วัด"]
    assert len(ind._charts) == 2
    all_rows = [r for r in ind.iter_rows(min_row=2, values_only=True) if r[2] == "ทุกประเภท"]
    assert [r[0] for r in all_rows] == list(range(1, 11))
    assert all(r[3] == 9 for r in all_rows)
    m = openpyxl.load_workbook(stats.details)["มาตรการ"]
    n_measures = sum(len(load_sample(k).measures) for k in SAMPLE_KEYS) + 4 * 3
    assert m.max_row - 1 == n_measures == stats.overview_rows["มาตรการ"]


def test_rerun_reads_nothing_unchanged_then_only_the_changed(merged, monkeypatch):
    import converters.merge.run as run_mod

    inputs, _, first, out = merged
    hashed = []
    real = run_mod._sha256
    monkeypatch.setattr(run_mod, "_sha256", lambda p: hashed.append(p) or real(p))
    again = run_merge(MergeOptions(inputs=[str(inputs)], overview=out, jobs=1))
    assert (again.read, again.cached) == (0, first.files)
    assert again.statuses == first.statuses
    assert [p.name for p in hashed] == ["empty.xlsx"]  # unchanged size and time: not even hashed (0 bytes is free)
    changed = load_sample("khuan_mao")
    changed.progress[0].status = "ยังไม่ดำเนินการ"
    _write(inputs / "samples" / "khuan_mao.xlsx", changed, NEW)
    third = run_merge(MergeOptions(inputs=[str(inputs)], overview=out, jobs=1))
    assert (third.read, third.cached) == (1, first.files - 1)
    with duckdb.connect(str(first.db), read_only=True) as con:
        runs = con.execute("SELECT run_id, files, read, cached FROM runs ORDER BY run_id").fetchall()
    assert [r[2:] for r in runs][-3:] == [(first.files, 0), (0, first.files), (1, first.files - 1)]
    _write(inputs / "samples" / "khuan_mao.xlsx", load_sample("khuan_mao"), OLD)  # as the other tests expect


def test_years_accumulate_history_is_one_query(tmp_path):
    out = tmp_path / "out" / "ภาพรวม.xlsx"
    first = load_sample("tha_nang_naeo")
    _write(tmp_path / "2565" / "a.xlsx", first)
    run_merge(MergeOptions(inputs=[str(tmp_path / "2565")], overview=out, jobs=1))
    nxt = load_sample("tha_nang_naeo")
    nxt.agency.assessed_year, nxt.agency.fiscal_year = 2566, 2567
    nxt.agency.report_date = dt.date(2024, 4, 20)
    nxt.scores.current = {n: min(100.0, v + 5) for n, v in nxt.scores.current.items()}
    _write(tmp_path / "2566" / "a.xlsx", nxt)
    stats = run_merge(MergeOptions(inputs=[str(tmp_path / "2566")], overview=out, jobs=1))
    assert stats.year == 2566
    with duckdb.connect(str(stats.db), read_only=True) as con:
        history = con.execute("""
            SELECT year, total, rating FROM current_submissions
            WHERE agency_key = (SELECT agency_key FROM agencies WHERE name = ?) ORDER BY year""",
                              [first.agency.name]).fetchall()
        agency = con.execute("SELECT first_year, last_year, years FROM agencies").fetchall()
    assert [h[0] for h in history] == [2565, 2566]
    assert history[1][1] > history[0][1]
    assert agency == [(2565, 2566, 2)]


def test_year_option_and_other_years_listed(tmp_path):
    a, b = load_sample("yang_yong"), load_sample("ban_kham")
    b.agency.assessed_year, b.agency.fiscal_year = 2566, 2567
    _write(tmp_path / "in" / "a.xlsx", a)
    _write(tmp_path / "in" / "b.xlsx", b)
    out = tmp_path / "ภาพรวม.xlsx"
    stats = run_merge(MergeOptions(inputs=[str(tmp_path / "in")], overview=out, jobs=1, year=2565))
    assert stats.year == 2565 and stats.overview_rows["ภาพรวม"] == 1
    files = {Path(r[0]).name: r[2] for r in openpyxl.load_workbook(out)["ไฟล์"].iter_rows(min_row=2, values_only=True)}
    assert "ไม่อยู่ในภาพรวมปี 2565" in files["b.xlsx"]
    # a fiscal year names the result it builds on; a year no file has writes nothing and says which years exist
    stats = run_merge(MergeOptions(inputs=[str(tmp_path / "in")], overview=out, jobs=1, year=2567))
    assert stats.year == 2566 and stats.overview_rows["ภาพรวม"] == 1
    out.unlink()
    with pytest.raises(InputError) as err:
        run_merge(MergeOptions(inputs=[str(tmp_path / "in")], overview=out, jobs=1, year=2570))
    assert "ITA 2570" in err.value.message and "ปีงบประมาณ 2566 ใช้ผลการประเมิน ITA 2565" in err.value.message
    assert not out.exists()


def test_removed_file_leaves_the_overview(tmp_path):
    for key in ("yang_yong", "ban_kham"):
        _write(tmp_path / "in" / f"{key}.xlsx", load_sample(key))
    out = tmp_path / "ภาพรวม.xlsx"
    run_merge(MergeOptions(inputs=[str(tmp_path / "in")], overview=out, jobs=1))
    (tmp_path / "in" / "ban_kham.xlsx").unlink()
    stats = run_merge(MergeOptions(inputs=[str(tmp_path / "in")], overview=out, jobs=1))
    assert stats.overview_rows["ภาพรวม"] == 1
    with duckdb.connect(str(stats.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM current_submissions").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM files WHERE NOT present").fetchone()[0] == 1


def test_ctrl_c_leaves_no_output_and_a_consistent_database(tmp_path):
    inputs = tmp_path / "in"
    for key in SAMPLE_KEYS:
        _write(inputs / f"{key}.xlsx", load_sample(key))
    out = tmp_path / "out" / "ภาพรวม.xlsx"

    def interrupt(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_merge(MergeOptions(inputs=[str(inputs)], overview=out, jobs=1, on_progress=interrupt))
    assert sorted(p.name for p in out.parent.iterdir()) == ["ita-merge.duckdb"]  # no overview, no temp file
    db = out.parent / "ita-merge.duckdb"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM files").fetchone()[0] == 0
    stats = run_merge(MergeOptions(inputs=[str(inputs)], overview=out, jobs=1))
    assert stats.overview_rows["ภาพรวม"] == 5 and stats.read + stats.cached == 5

    # interrupted while writing the overview: the previous overview stays as it was, nothing half-written
    import converters.merge.overview as ov

    before = out.read_bytes()
    real = ov._files_sheet

    def boom(*a, **k):
        raise KeyboardInterrupt

    ov._files_sheet = boom
    try:
        with pytest.raises(KeyboardInterrupt):
            run_merge(MergeOptions(inputs=[str(inputs)], overview=out, jobs=1))
    finally:
        ov._files_sheet = real
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["ita-merge.duckdb", "ภาพรวม.xlsx", "ภาพรวม_มาตรการ.xlsx"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export(merged, tmp_path, fmt):
    inputs, expected, _, _ = merged
    out = tmp_path / "ภาพรวม.xlsx"
    stats = run_merge(MergeOptions(inputs=[str(inputs)], overview=out, jobs=1, export_dir=tmp_path / "x",
                                   export_format=fmt))
    names = sorted(p.name for p in stats.exported)
    assert names == sorted(f"{t}.{fmt}" for t in ("agencies", "scores", "tool_scores", "analysis", "measures",
                                                  "progress", "findings", "files"))
    reader = "read_csv_auto" if fmt == "csv" else "read_parquet"
    with duckdb.connect() as con:
        agencies = con.execute(f"SELECT count(*) FROM {reader}(?)", [str(tmp_path / "x" / f"agencies.{fmt}")])
        assert agencies.fetchone()[0] == 9
        files = con.execute(f"SELECT count(*) FROM {reader}(?)", [str(tmp_path / "x" / f"files.{fmt}")])
        assert files.fetchone()[0] == len(expected)
        titles = [r[0] for r in con.execute(f"SELECT title FROM {reader}(?)",
                                            [str(tmp_path / "x" / f"measures.{fmt}")]).fetchall()]
    if fmt == "csv":
        assert (tmp_path / "x" / "agencies.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert "'" + FORMULA_TEXTS[0] in titles  # a spreadsheet opening the CSV never runs it
    else:
        assert FORMULA_TEXTS[0] in titles  # Parquet keeps the value exactly


CRASHING_WORKER = """
import os
import converters.merge.extract as extract_module

_extract = extract_module.extract


def extract(path, sha256):
    if "crash_me" in path:
        os._exit(70)
    return _extract(path, sha256)


extract_module.extract = extract
"""


def test_worker_processes_and_a_crashing_file(tmp_path, monkeypatch):
    """The pool path (spawned workers): a file that kills its worker is rejected, the rest are merged."""
    import converters.merge.run as run_mod

    monkeypatch.setattr(run_mod, "INLINE_BELOW", 0)
    monkeypatch.setattr(run_mod, "CHUNK", 2)
    inputs = tmp_path / "in"
    for i in range(9):
        synth.write_submission(inputs / f"{i:02d}.xlsx", synth.varied_submission(i, 2565))
    synth.write_submission(inputs / "crash_me.xlsx", synth.varied_submission(20, 2565))
    # a worker that dies on one file, as a crashing parser would: the spawned workers import this
    # sitecustomize at start-up and their extract() ends the process on that file
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(CRASHING_WORKER, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(hook), str(ROOT)]))
    stats = run_merge(MergeOptions(inputs=[str(inputs)], overview=tmp_path / "o.xlsx", jobs=2))
    got = _status_rows(stats.db)
    assert got["crash_me.xlsx"][0] == "rejected" and "หยุดทำงาน" in got["crash_me.xlsx"][1]
    assert all(got[f"{i:02d}.xlsx"][0].startswith("merged") for i in range(9))
    assert stats.overview_rows["ภาพรวม"] == 9
    monkeypatch.delenv("PYTHONPATH")
    again = run_merge(MergeOptions(inputs=[str(inputs)], overview=tmp_path / "o.xlsx", jobs=2))
    assert again.read == 1 and _status_rows(again.db)["crash_me.xlsx"][0].startswith("merged")


def test_cli(tmp_path, ita):
    _write(tmp_path / "in" / "a.xlsx", load_sample("yang_yong"))
    (tmp_path / "in" / "empty.xlsx").write_bytes(b"")
    r = ita("merge", str(tmp_path / "in"), "-o", str(tmp_path / "ภาพรวม.xlsx"), "--jobs", "1")
    assert r.returncode == 0, r.stderr
    assert "รวม 2 ไฟล์" in r.stdout and "ไม่รับ 1" in r.stdout
    assert (tmp_path / "ita-merge.duckdb").exists() and (tmp_path / "ภาพรวม.xlsx").exists()
    r = ita("merge", str(tmp_path / "ไม่มี"), "-o", str(tmp_path / "x.xlsx"))
    assert r.returncode == 2 and "ไม่พบไฟล์หรือโฟลเดอร์" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = ita("merge", str(tmp_path / "in"), "-o", str(tmp_path / "x.csv"))
    assert r.returncode == 2 and ".xlsx" in r.stderr
    r = ita("merge", str(tmp_path / "in"), "-o", str(tmp_path / "x.xlsx"), "--jobs", "abc")
    assert r.returncode == 2 and "--jobs" in r.stderr
    r = ita("merge", str(tmp_path / "in"), "-o", str(tmp_path / "y.xlsx"), "--jobs", "1", "--year", "2566")
    assert r.returncode == 0 and "ปีงบประมาณ 2566 ใช้ผลการประเมิน ITA 2565" in r.stdout
    r = ita("merge", str(tmp_path / "in"), "-o", str(tmp_path / "z.xlsx"), "--jobs", "1", "--year", "2570")
    assert r.returncode == 2 and "ITA 2570" in r.stderr and not (tmp_path / "z.xlsx").exists()


def test_locked_database_is_one_thai_line(tmp_path):
    from converters.merge.db import MergeDB
    from core.errors import ItaError

    _write(tmp_path / "in" / "a.xlsx", load_sample("yang_yong"))
    db = tmp_path / "busy.duckdb"
    import subprocess
    import sys

    script = "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(ItaError, match="ถูกเปิดใช้งาน"):
            MergeDB(db)
    finally:
        holder.kill()
        holder.wait()
