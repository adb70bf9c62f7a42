"""Reports from hostile books: text a user typed is never a formula in any layout, control characters and text
over Excel's cell limit never crash a writer, and every file opens (the docx keeps the full text)."""

from __future__ import annotations

import zipfile

import openpyxl
import python_calamine
from books import hostile_book

from converters.reports import LAYOUTS
from core.cell_text import EXCEL_CELL_LIMIT

FORMULAS = {"agency!B3": '=HYPERLINK("http://example.go.th/x","คลิกที่นี่")',
            "measures!C4": "=cmd|' /C calc'!A0", "measures!F4": '=HYPERLINK("http://example.go.th","ดูขั้นตอน")',
            "measures!C5": "@SUM(1+1)", "measures!G5": "+66 43 000 000", "measures!B4": "-หมวดที่หนึ่ง",
            "progress!E4": "=1+1", "analysis!J12": "=A1", "agency!B15": "#N/A"}
CONTROL = {"measures!C6": "จัดทำ\x07มาตรการ\x1b[31m\x00", "agency!B14": "สำนัก\x0bปลัด",
           "progress!E5": "ผล\x08การ\x1fดำเนินงาน"}
LONG = "ข้อความที่ยาวมากเกินกว่าช่องเดียวจะรับได้ " * 1000 + "จบ"


def sheet_xml(path) -> list[bytes]:
    with zipfile.ZipFile(path) as zf:
        return [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")]


def opens(path) -> None:
    if path.suffix == ".xlsx":
        openpyxl.load_workbook(path).close()
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
    else:
        import docx

        docx.Document(str(path))


def run_report(ita, src, out, *extra):
    # hostile books have findings of their own: drafts, which are made whatever the book holds
    res = ita("report", str(src), "--draft", "--format", "xlsx,docx", "-o", str(out), *extra)
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    files = sorted(out.iterdir())
    assert len(files) == 2 * (len(LAYOUTS) if not extra else len(extra[-1].split(",")))
    return files


def test_text_that_looks_like_a_formula_stays_text_in_every_layout(ita, tmp_path):
    src = hostile_book(tmp_path, FORMULAS)
    for path in run_report(ita, src, tmp_path / "r"):
        opens(path)
        if path.suffix != ".xlsx":
            continue
        assert not any(b"<f>" in x or b"<f " in x for x in sheet_xml(path)), path.name
        texts = {c.value: c for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows()
                 for c in row if isinstance(c.value, str)}
        for text, cell in texts.items():
            assert cell.data_type == "s", (path.name, text)
            if text[:1] in "=+-@":
                assert cell.quotePrefix, (path.name, text)


def test_the_agency_name_is_text_in_the_heading(ita, tmp_path):
    src = hostile_book(tmp_path, {"agency!B3": FORMULAS["agency!B3"]})
    files = run_report(ita, src, tmp_path / "r")
    shown = [c for p in files if p.suffix == ".xlsx" for ws in openpyxl.load_workbook(p).worksheets
             for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert shown and all(c.data_type == "s" for c in shown)


def test_control_characters_never_crash_a_writer(ita, tmp_path):
    src = hostile_book(tmp_path, CONTROL)
    for path in run_report(ita, src, tmp_path / "r"):
        opens(path)
    text = "".join(document_text(p) for p in (tmp_path / "r").iterdir() if p.suffix == ".docx")
    assert "จัดทำมาตรการ[" in text and "ผลการดำเนินงาน" in text


def document_text(path) -> str:
    import re

    return re.sub(r"<[^>]+>", "", zipfile.ZipFile(path).read("word/document.xml").decode("utf-8"))


def test_text_over_the_cell_limit_is_cut_in_the_workbook_and_whole_in_the_document(ita, tmp_path):
    src = hostile_book(tmp_path, {"measures!C4": LONG})
    for path in run_report(ita, src, tmp_path / "r", "--layout", "measures-plan,measures-form"):
        opens(path)
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            assert max(len(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                       if isinstance(c.value, str)) <= EXCEL_CELL_LIMIT
        else:
            assert document_text(path).count("ข้อความที่ยาวมากเกินกว่าช่องเดียวจะรับได้") == 1000
