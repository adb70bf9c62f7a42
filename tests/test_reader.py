"""Reading filled books back: by name and table, tolerant of what officers and other programs do to them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl
import pytest

from converters.office.recalc import recalculate
from core.errors import UnreadableFileError
from core.frameworks import load_year
from workbook.book_map import Layout
from workbook.builder import build_template, write_template
from workbook.definition import FIRST_ROW, load_definition
from workbook.reader import read_grids, read_workbook
from workbook.samples import SAMPLE_KEYS, load_sample


def strip_rows(sub):
    """The submission without worksheet row numbers (which the reader adds)."""
    d = dataclasses.asdict(sub)
    for key in ("analysis", "measures", "progress"):
        for item in d[key]:
            item.pop("row")
    d["scores"].pop("rows")
    d.pop("source")
    d.pop("template_id"), d.pop("template_version")
    return d


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_samples_round_trip(key, tmp_path):
    sub = load_sample(key)
    path = write_template(tmp_path / "b.xlsx", load_year(sub.agency.assessed_year), sub)
    res = read_workbook(path)
    assert res.issues == []
    got = strip_rows(res.submission)
    want = strip_rows(sub)
    want["analysis"] = [a for a in want["analysis"] if a["issue"]] + [
        {"indicator": n, "issue": ""} for n in range(1, 11) if n not in {a["indicator"] for a in want["analysis"]}]
    got["analysis"] = sorted(got["analysis"], key=lambda a: (a["issue"] == "", a["indicator"]))
    want["analysis"] = sorted(want["analysis"], key=lambda a: (a["issue"] == "", a["indicator"]))
    assert got == want
    assert res.submission.template_version == load_definition().version


@pytest.mark.libreoffice
def test_a_book_saved_by_libreoffice_reads_the_same(tmp_path):
    sub = load_sample("tha_nang_naeo")
    path = write_template(tmp_path / "src" / "b.xlsx", load_year(2565), sub)
    [saved] = recalculate([path], tmp_path / "lo")
    assert strip_rows(read_workbook(saved).submission) == strip_rows(read_workbook(path).submission)


def _messy_book(tmp_path):
    sub = load_sample("khuan_mao")
    wb = build_template(load_year(2565), sub)
    ws = wb["คะแนน"]
    ws[f"E{FIRST_ROW}"] = "๙๖.๑๐"  # Thai digits typed as text
    ws[f"E{FIRST_ROW + 1}"] = " 92.5 "
    ag = wb["ข้อมูลหน่วยงาน"]
    ag["B3"] = "  องค์การบริหารส่วนตำบลควนเมา  "
    ag["B10"] = dt.datetime(2566, 4, 27)  # a BE year typed into a date cell
    ms = wb["มาตรการ"]
    last_measure = FIRST_ROW + len(sub.measures) - 1
    ms.insert_rows(FIRST_ROW + 1)  # a blank row in the middle of the table
    ms.cell(60, 1, "M99")  # typed far below the table's end
    ms.cell(60, 3, "มาตรการที่เพิ่มใต้ตาราง")
    ms.cell(60, 4, "๙ , O8")
    ms.cell(60, 8, "1/10/2565")
    pr = wb["ความก้าวหน้า"]
    pr.cell(FIRST_ROW, 3, "15/3/2566")
    path = tmp_path / "messy.xlsx"
    wb.save(path)
    return sub, path, last_measure


def test_tolerates_thai_digits_be_years_spaces_blank_and_added_rows(tmp_path):
    sub, path, _ = _messy_book(tmp_path)
    res = read_workbook(path)
    s = res.submission
    assert s.scores.current[1] == 96.10 and s.scores.current[2] == 92.5
    assert s.agency.name == "องค์การบริหารส่วนตำบลควนเมา"
    assert s.agency.report_date == dt.date(2023, 4, 27)
    assert [m.id for m in s.measures] == [m.id for m in sub.measures] + ["M99"]
    added = s.measures[-1]
    assert added.links == ("9", "O8") and added.start == dt.date(2022, 10, 1) and added.row == 60
    assert s.progress[0].as_of == dt.date(2023, 3, 15)
    assert res.issues == []
    assert res.cell_of("measures.title", 60) == ("มาตรการ", "C60")
    raw = {c.key: c.value for c in res.cells if c.address == "E4"}
    assert raw["scores.score"] == "๙๖.๑๐"


def test_unconvertible_values_are_issues_with_their_cell_not_crashes(tmp_path):
    wb = build_template(load_year(2565), load_sample("ban_kham"))
    wb["คะแนน"][f"E{FIRST_ROW + 8}"] = "abc"
    wb["ข้อมูลหน่วยงาน"]["B7"] = "สองพัน"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    res = read_workbook(path)
    kinds = {(i.kind, i.sheet, i.address) for i in res.issues}
    assert ("not_number", "คะแนน", f"E{FIRST_ROW + 8}") in kinds
    assert ("not_int", "ข้อมูลหน่วยงาน", "B7") in kinds
    assert res.submission.scores.current[9] is None


def test_reads_a_live_grid_without_tables(tmp_path):
    """The add-in passes live values and defined names; tables are found by their header row."""
    _sub, path, _ = _messy_book(tmp_path)
    from_file = read_workbook(path)
    wb = openpyxl.load_workbook(path)
    grids = {ws.title: [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
             for ws in wb.worksheets}
    layout = Layout(sheets=list(from_file.layout.sheets), names=dict(from_file.layout.names), tables={})
    live = read_grids(grids, layout, source="<live>")
    assert strip_rows(live.submission) == strip_rows(from_file.submission)


def test_foreign_and_old_books_are_refused_in_thai(tmp_path):
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "ไม่ใช่แบบฟอร์ม"
    wb.save(other)
    with pytest.raises(UnreadableFileError, match="ไม่ใช่แบบฟอร์ม ITA Toolkit"):
        read_workbook(other)
    old = build_template(load_year(2565))
    dest = next(iter(old.defined_names["TemplateVersion"].destinations))
    old[dest[0]][dest[1].replace("$", "")] = "0.9"
    old.save(tmp_path / "old.xlsx")
    with pytest.raises(UnreadableFileError) as err:
        read_workbook(tmp_path / "old.xlsx")
    assert "รุ่น 0.9" in str(err.value) and "1.0" in str(err.value) and "old.xlsx" in str(err.value)


def test_a_typed_zero_in_a_summary_input_stays_zero(tmp_path):
    sub = load_sample("ban_kham")
    sub.scores.published_total, sub.scores.eit_respondents = 0.0, 0
    path = write_template(tmp_path / "zero.xlsx", load_year(2565), sub)
    scores = read_workbook(path).submission.scores
    assert scores.published_total == 0.0 and scores.eit_respondents == 0
