"""Damaged and hostile books: merged cells, text Excel cannot hold, renamed sheets, repeated rows, macros.
Nothing crashes, nothing is silently lost, every output opens."""

from __future__ import annotations

import zipfile

import duckdb
import openpyxl
import python_calamine
from books import ROW, base_submission, book, hostile_book

from core.cell_text import EXCEL_CELL_LIMIT, TRUNCATED
from devkit import synth
from workbook.definition import load_definition
from workbook.reader import read_workbook
from workbook.validation import validate_file
from workbook.validation.annotate import annotate

D = load_definition()
MEASURES = D.sheet("measures").name


def merge(tmp_path, *paths):
    from converters.merge.run import MergeOptions, run_merge

    inputs = tmp_path / "merge-in"
    inputs.mkdir(exist_ok=True)
    for p in paths:
        (inputs / p.name).write_bytes(p.read_bytes())
    stats = run_merge(MergeOptions(inputs=[str(inputs)], overview=tmp_path / "ov.xlsx", db=tmp_path / "m.duckdb",
                                   jobs=1))
    return stats


def opens(path) -> None:
    """Every output opens with openpyxl and with python-calamine, every sheet read to the end."""
    openpyxl.load_workbook(path).close()
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()


def longest_cell(path) -> int:
    wb = openpyxl.load_workbook(path)
    return max((len(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if isinstance(c.value, str)), default=0)


# -- merged cells ----------------------------------------------------------------------------------------

def _eleven_measures(sub):
    first = sub.measures[0]
    sub.measures = [first.__class__(**{**first.__dict__, "id": f"M{i:02d}", "title": f"มาตรการที่ {i}",
                                       "group": "ด้านการเปิดเผยข้อมูล" if i == 1 else ""})
                    for i in range(1, 12)]
    sub.progress = []


def _merge_group(wb):
    wb[MEASURES].merge_cells("B4:B11")  # one หมวด over the first eight measures, as an officer merges it


def test_a_value_merged_down_belongs_to_every_row(tmp_path):
    path = book(tmp_path, mutate=_eleven_measures, edit=_merge_group)
    measures = read_workbook(path).submission.measures
    assert [m.group for m in measures[:8]] == ["ด้านการเปิดเผยข้อมูล"] * 8
    assert [m.group for m in measures[8:]] == [""] * 3
    stats = merge(tmp_path, path)
    with duckdb.connect(str(stats.db), read_only=True) as con:
        groups = con.execute('SELECT "group" FROM measures ORDER BY "row"').fetchall()
    assert [g for (g,) in groups[:8]] == ["ด้านการเปิดเผยข้อมูล"] * 8


def test_annotate_marks_a_merged_cell_on_its_first_cell(tmp_path):
    def edit(wb):
        wb[MEASURES].merge_cells("F4:G5")  # steps and responsible of two measures in one cell
    src = book(tmp_path, mutate=lambda s: setattr(s.measures[1], "responsible", ""), edit=edit)
    findings = validate_file(src).findings
    assert {"cells-merged-across", "measure-required"} <= {f.code for f in findings}
    out = annotate(src, tmp_path / "out.xlsx", findings)
    ws = openpyxl.load_workbook(out)[MEASURES]
    assert ws["F4"].comment is not None and "G5" not in {c.coordinate for row in ws["F4:G5"] for c in row
                                                         if getattr(c, "comment", None)}
    opens(out)
    again = annotate(out, tmp_path / "again.xlsx", [])  # unmarking the merged cells again is fine too
    assert openpyxl.load_workbook(again)[MEASURES]["F4"].comment is None


# -- text Excel cannot hold --------------------------------------------------------------------------------

LONG = "ข้อความยาวมาก " * 3000 + "จบ"  # 42,002 characters


def test_text_over_the_cell_limit_is_cut_visibly_and_kept_in_full_in_the_database(tmp_path):
    path = hostile_book(tmp_path, {"measures!C4": LONG, "measures!F5": "ขั้นตอน\x07\x1b\x00ต่อ"})
    report = validate_file(path)
    assert report.status in ("ok", "errors")
    out = annotate(path, tmp_path / "annotated.xlsx", report.findings)
    assert longest_cell(out) <= EXCEL_CELL_LIMIT
    assert openpyxl.load_workbook(out)[MEASURES]["C4"].value.endswith(TRUNCATED)
    opens(out)
    stats = merge(tmp_path, path)
    with duckdb.connect(str(stats.db), read_only=True) as con:
        assert con.execute("SELECT max(length(title)) FROM measures").fetchone()[0] == len(LONG)
        assert con.execute("SELECT steps FROM measures WHERE measure_id = 'M02'").fetchone()[0] == \
            "ขั้นตอน\x07\x1b\x00ต่อ"
    for out in (stats.overview, stats.details):
        assert longest_cell(out) <= EXCEL_CELL_LIMIT
        opens(out)
    ws = openpyxl.load_workbook(stats.details)["มาตรการ"]
    cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(v.endswith(TRUNCATED) for v in cells) and "ขั้นตอนต่อ" in cells


def test_a_long_list_in_a_finding_is_summarised(tmp_path):
    def many(sub):
        first = sub.measures[0]
        sub.measures = [first.__class__(**{**first.__dict__, "id": f"M{i:03d}"}) for i in range(1, 26)]
        sub.progress = [sub.progress[0].__class__(**{**sub.progress[0].__dict__, "measure_id": "M999"})]
    (f,) = [f for f in validate_file(book(tmp_path, mutate=many)).findings if f.code == "progress-unknown-measure"]
    assert "25 มาตรการ: M001 … M025" in f.fix_th and "M002" not in f.fix_th


# -- what the book shows ------------------------------------------------------------------------------

def test_a_repeated_indicator_row_never_overwrites_the_first(tmp_path):
    path = book(tmp_path, cells={f"scores!A{ROW[10]}": 1})  # indicator 10's row now says 1 (score 0.00)
    result = read_workbook(path)
    assert result.submission.scores.current[1] == base_submission().scores.current[1]
    codes = [(f.code, f.cell) for f in validate_file(path).findings]
    assert ("indicator-duplicate", f"A{ROW[10]}") in codes


def _rename(old: str, new: str):
    """Rename a sheet as Excel does: the defined names that point at it follow (openpyxl leaves them)."""
    def edit(wb):
        wb[old].title = new
        q_old, q_new = "'" + old + "'!", "'" + new + "'!"
        for dn in wb.defined_names.values():
            if dn.attr_text and q_old in dn.attr_text:
                dn.attr_text = dn.attr_text.replace(q_old, q_new)
    return edit


def test_findings_name_the_sheet_as_renamed_in_the_book(tmp_path):
    src = book(tmp_path, mutate=lambda s: setattr(s.measures[0], "responsible", ""),
               cells={"scores!E12": "abc"}, edit=_rename(MEASURES, "มาตรการ2566"))
    findings = validate_file(src).findings
    where = {f.code: f.sheet for f in findings}
    assert where["measure-required"] == "มาตรการ2566" and where["score-not-number"] == D.sheet("scores").name
    assert MEASURES not in {f.sheet for f in findings}
    out = annotate(src, tmp_path / "out.xlsx", findings)
    assert "วิธีแก้" in openpyxl.load_workbook(out)["มาตรการ2566"]["G4"].comment.text


def test_validate_reports_macros_as_merge_does(tmp_path, ita):
    path = synth.write_submission(tmp_path / "with_macro.xlsm", base_submission(), macro=True)
    res = ita("validate", str(path), "--json")
    assert "workbook-has-macros" in res.stdout and res.returncode in (0, 1)
    plain = synth.write_submission(tmp_path / "plain.xlsx", base_submission())
    assert "workbook-has-macros" not in {f.code for f in validate_file(plain).findings}
    stats = merge(tmp_path, path)
    with duckdb.connect(str(stats.db), read_only=True) as con:
        codes = {c for (c,) in con.execute("SELECT code FROM findings").fetchall()}
    assert "workbook-has-macros" in codes


def test_the_overview_holds_no_formula(tmp_path):
    texts = {"measures!C4": '=HYPERLINK("http://example.go.th","คลิก")', "measures!F4": "=cmd|' /C calc'!A0",
             "agency!B3": "=1+1"}
    stats = merge(tmp_path, hostile_book(tmp_path, texts))
    for out in (stats.overview, stats.details):
        with zipfile.ZipFile(out) as zf:
            assert not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n) for n in zf.namelist() if "worksheets/" in n)
