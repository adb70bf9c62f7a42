"""Unreadable and foreign files, `ita validate` as a user runs it, and the annotated copy."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from books import UNREADABLE, book, unreadable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from workbook.definition import load_definition
from workbook.validation import validate_file
from workbook.validation.annotate import annotate, cell_marks

D = load_definition()


@pytest.mark.parametrize("kind", UNREADABLE)
def test_unreadable_kinds_give_a_report_not_an_exception(tmp_path, kind):
    path = unreadable(tmp_path, kind)
    report = validate_file(path)
    assert report.status == "unreadable" and report.exit_code == 2
    (f,) = report.findings
    assert f.code == "file-unreadable" and f.file == str(path) and UNREADABLE[kind] in f.message_th
    assert "\n" not in f.message_th


@pytest.mark.parametrize("kind", UNREADABLE)
def test_cli_says_one_thai_line_and_exits_2(ita, tmp_path, kind):
    path = unreadable(tmp_path, kind)
    res = ita("validate", str(path))
    assert res.returncode == 2, res.stderr
    assert res.stdout == "" and "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and UNREADABLE[kind] in lines[0]


def test_cli_exit_codes_and_text(ita, tmp_path):
    clean = book(tmp_path, name="clean.xlsx")
    bad = book(tmp_path, name="bad.xlsx", cells={"scores!E12": "abc"})
    res = ita("validate", str(clean))
    assert res.returncode == 0 and "ไม่พบปัญหา" in res.stdout
    res = ita("validate", str(bad))
    assert res.returncode == 1
    assert "คะแนน!E12" in res.stdout and "คะแนนตัวชี้วัด 9 ในเซลล์ E12 เป็น 'abc' ซึ่งไม่ใช่ตัวเลข" in res.stdout
    assert "วิธีแก้:" in res.stdout and "ข้อผิดพลาด 1" in res.stdout
    empty = unreadable(tmp_path, "empty")
    res = ita("validate", str(clean), str(bad), str(empty))
    assert res.returncode == 2 and "รวม 3 ไฟล์" in res.stdout and str(empty) in res.stderr


def test_a_value_that_makes_the_engine_panic_is_one_finding(ita, tmp_path):
    path = book(tmp_path, cells={"progress!C4": -10**12})  # a huge negative number in a date cell
    res = ita("validate", str(path))
    assert res.returncode == 1 and res.stderr == "" and "ความก้าวหน้า!C4" in res.stdout


def test_cli_expands_wildcards_as_windows_shells_do_not(ita, tmp_path):
    book(tmp_path, name="a.xlsx")
    book(tmp_path, name="b.xlsx", cells={"scores!E12": "abc"})
    res = ita("validate", str(tmp_path / "*.xlsx"), "--json")
    assert res.returncode == 1 and json.loads(res.stdout)["summary"]["files"] == 2


def test_cli_json_is_data_for_analysts(ita, tmp_path):
    bad = book(tmp_path, name="bad.xlsx", cells={"scores!E12": "abc"})
    empty = unreadable(tmp_path, "empty")
    res = ita("validate", str(bad), str(empty), "--json")
    assert res.returncode == 2
    out = json.loads(res.stdout)
    assert out["summary"] == {"files": 2, "ok": 0, "errors": 1, "unreadable": 1}
    first, second = out["files"]
    assert first["status"] == "errors" and first["counts"]["error"] == 1
    f = first["findings"][0]
    assert {k: f[k] for k in ("code", "severity", "sheet", "cell", "row_id")} == {
        "code": "score-not-number", "severity": "error", "sheet": "คะแนน", "cell": "E12", "row_id": "9"}
    assert f["message_en"] and f["fix_th"] and f["file"] == str(bad)
    assert second["status"] == "unreadable" and second["findings"][0]["code"] == "file-unreadable"


def test_cli_refuses_bad_arguments_in_one_line(ita, tmp_path):
    a, b = book(tmp_path, name="a.xlsx"), book(tmp_path, name="b.xlsx")
    res = ita("validate", str(a), str(b), "--annotate", str(tmp_path / "out.xlsx"))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "--annotate" in res.stderr
    res = ita("validate", str(a), "--annotate", str(a))
    assert res.returncode == 2 and "ไฟล์ต้นฉบับ" in res.stderr and "Traceback" not in res.stderr


def test_annotate_lists_links_and_marks_without_touching_the_input(ita, tmp_path):
    from openpyxl import load_workbook

    src = book(tmp_path, name="in.xlsx", mutate=lambda s: setattr(s.measures[0], "responsible", ""),
               cells={"scores!E12": "abc"})
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "out.xlsx"
    res = ita("validate", str(src), "--annotate", str(out))
    assert res.returncode == 1 and str(out) in res.stdout
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    wb = load_workbook(out)
    ws = wb[D.sheet("findings").name]
    findings = validate_file(src).findings
    assert ws.tables["Findings"].ref == f"A3:F{3 + len(findings)}" and wb.active.title == ws.title
    rows = [r for r in ws.iter_rows(min_row=4, max_row=3 + len(findings), values_only=True)]
    assert [(r[1], r[2], r[3]) for r in rows] == [(f.code, f.sheet, f.cell) for f in findings]
    assert rows[0][0] == "ข้อผิดพลาด"
    link = ws.cell(4, 4).hyperlink
    assert link.location == f"'{findings[0].sheet}'!{findings[0].cell}"
    scores = wb[D.sheet("scores").name]
    assert scores["E12"].fill.start_color.rgb.endswith("FFC7CE") and "ไม่ใช่ตัวเลข" in scores["E12"].comment.text
    assert "วิธีแก้" in wb[D.sheet("measures").name]["G4"].comment.text
    # the copy is still our template, and says the same
    assert [(f.code, f.cell) for f in validate_file(out).findings] == [(f.code, f.cell) for f in findings]


def test_annotating_again_replaces_the_old_rows(tmp_path):
    from openpyxl import load_workbook

    first = tmp_path / "first.xlsx"
    annotate(book(tmp_path, name="bad.xlsx", cells={"scores!E12": "abc", "scores!E11": "x"}), first,
             validate_file(tmp_path / "bad.xlsx").findings)
    second = annotate(first, tmp_path / "second.xlsx", [])
    wb = load_workbook(second)
    ws = wb[D.sheet("findings").name]
    assert ws.tables["Findings"].ref == "A3:F4" and ws["B4"].value is None and ws["B5"].value is None
    score = wb[D.sheet("scores").name]["E12"]  # fixed since: back to the template's input look
    assert score.comment is None and score.fill.start_color.rgb.endswith("FFF9E5")


def test_marks_merge_findings_of_one_cell():
    from workbook.validation.catalogue import entry

    fs = [entry("text-stray-spaces").make(sheet="มาตรการ", cell="C4", what="x", what_en="x", value="v"),
          entry("measure-duplicate").make(sheet="มาตรการ", cell="C4", measure="M03", measure_en="M03", other="M01",
                                          other_row=4),
          entry("file-unreadable").make(sheet="", cell="", reason="r", reason_en="r")]
    (mark,) = cell_marks(fs)
    assert mark.severity == "warning" and mark.comment.count("วิธีแก้") == 2


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_findings_and_links(tmp_path):
    import subprocess

    from openpyxl import load_workbook

    from converters.office.engine import find_soffice

    src = book(tmp_path, name="in.xlsx", cells={"scores!E12": "abc"})
    out = annotate(src, tmp_path / "annotated.xlsx", validate_file(src).findings)
    conv = tmp_path / "lo"
    subprocess.run([find_soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "xlsx", "--outdir", str(conv), str(out)], check=True, capture_output=True, timeout=180)
    wb = load_workbook(conv / "annotated.xlsx")
    ws = wb[D.sheet("findings").name]
    assert ws["B4"].value == "score-not-number" and ws["D4"].hyperlink is not None
    assert wb[D.sheet("scores").name]["E12"].comment is not None


VALUES = st.one_of(st.none(), st.text(max_size=12), st.floats(allow_nan=True, allow_infinity=True),
                   st.integers(-10**12, 10**12), st.booleans(),
                   st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 1, 1)))
INPUT_CELLS = ["agency!B3", "agency!B4", "agency!B7", "agency!B8", "agency!B9", "agency!B10", "scores!E4",
               "scores!F5", "scores!A13", "scores!K12", "scores!K13", "analysis!J12", "measures!A4", "measures!D4",
               "measures!H4", "measures!I5", "measures!K4", "progress!A4", "progress!B4", "progress!C4",
               "progress!D4", "progress!G4"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(INPUT_CELLS), VALUES, min_size=1, max_size=6))
def test_any_typed_values_give_findings_never_a_crash(tmp_path, cells):
    cells = {k: (v if not (isinstance(v, str) and v.startswith("=")) else "'" + v) for k, v in cells.items()}
    try:
        path = book(tmp_path, cells=cells, name="fuzz.xlsx")
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses some values (NaN, control chars)
        return
    report = validate_file(path)
    assert report.status in ("ok", "errors")
    assert all(f.sheet and f.cell and f.message_th for f in report.findings)


def test_defusedxml_refuses_the_entity_bomb_even_past_the_package_check(tmp_path):
    """Two guards: open_package refuses any DTD, and the layout reader parses with defusedxml."""
    import zipfile

    from books import ENTITY_BOMB
    from defusedxml import EntitiesForbidden

    from workbook.book_map import read_layout

    path = tmp_path / "raw.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", ENTITY_BOMB)
    with zipfile.ZipFile(path) as z, pytest.raises(EntitiesForbidden):
        read_layout(z)
