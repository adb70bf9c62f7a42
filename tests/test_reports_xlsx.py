"""Report workbooks: print setup, computed row heights, our own page breaks with "(ต่อ)" headings."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from converters.office.engine import convert_to_pdf
from converters.reports import LAYOUTS, build_report_data, make_reports
from converters.reports.xlsx_writer import FILL_PAGE, MIN_SPLIT_LINES, PAD, _SheetBuilder
from core.thai_lines import line_height, shared
from devkit.pdf_check import clipped_words, off_page_words, overlapping_words, page_count
from devkit.sample_data import big_submission
from workbook.samples import load_sample


@pytest.fixture(scope="module")
def big_files(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("xlsx")
    paths = make_reports(big_submission(30), out, list(LAYOUTS), ["xlsx"])
    return {p.stem.split("_", 1)[1]: p for p in paths}


@pytest.fixture(scope="module")
def big(big_files) -> dict[str, object]:
    return {layout: load_workbook(p) for layout, p in big_files.items()}


@pytest.fixture(scope="module")
def printed(big_files, tmp_path_factory) -> dict[str, Path]:
    """The workbooks as LibreOffice prints them, and a copy of `progress` with every row 40 % too low."""
    out = tmp_path_factory.mktemp("printed")
    low = out / "low.xlsx"
    wb = load_workbook(big_files["progress"])
    for ws in wb.worksheets:
        for dim in ws.row_dimensions.values():
            if dim.height:
                dim.height = dim.height * 0.6
    wb.save(low)
    pdfs = convert_to_pdf([*big_files.values(), low], out)
    return dict(zip([*big_files, "low"], pdfs))


def _pages(ws) -> list[list[int]]:
    """Worksheet rows of each page, from the manual breaks."""
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    pages, start = [], 1
    for b in breaks + [ws.max_row]:
        pages.append(list(range(start, b + 1)))
        start = b + 1
    return [p for p in pages if p]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_print_setup(big, layout):
    wb = big[layout]
    ws = wb.worksheets[0]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == LAYOUTS[layout].orientation
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert "&P" in ws.oddFooter.right.text
    assert wb._fonts[0].name == "TH SarabunPSK" and wb._fonts[0].sz == 16


@pytest.mark.parametrize("layout", ["progress", "by-indicator", "measures-form"])
def test_header_rows_are_print_titles(big, layout):
    ws = big[layout].worksheets[0]
    assert ws.print_title_rows
    first = int(ws.print_title_rows.split(":")[0].lstrip("$"))
    assert ws.cell(first, 1).value in ("มาตรการ", "ตัวชี้วัด", "ลำดับ\nที่")


@pytest.mark.libreoffice
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_libreoffice_prints_our_pages_and_clips_nothing(big, printed, layout):
    """The row heights and page breaks hold in a real rendering: LibreOffice adds no page break of its own
    (a page of rows taller than the paper would make one) and every line of every cell is painted."""
    ours = sum(len(ws.row_breaks.brk) + 1 for ws in big[layout].worksheets if ws.sheet_state == "visible")
    assert page_count(printed[layout]) == ours
    assert not clipped_words(printed[layout])
    assert not overlapping_words(printed[layout])
    assert not off_page_words(printed[layout])


@pytest.mark.libreoffice
def test_the_print_check_sees_rows_that_are_too_low(printed):
    clipped, overlapping = clipped_words(printed["low"]), overlapping_words(printed["low"])
    assert len(clipped) + len(overlapping) > 10


def test_group_heading_repeated_with_continuation(big):
    ws = big["progress"].worksheets[0]
    pages = _pages(ws)
    assert len(pages) > 3
    cont = 0
    for rows in pages[1:]:
        first = rows[0]
        value = str(ws.cell(first, 1).value or "")
        if value.endswith("(ต่อ)"):
            cont += 1
            assert ws.cell(first, 1).font.b
    assert cont >= 2  # groups of six measures run over pages


def test_carried_indicator_on_a_new_page(big):
    ws = big["by-indicator"].worksheets[0]
    pages = _pages(ws)
    starts = [ws.cell(rows[0], 1).value for rows in pages[1:]]
    assert any(str(v).endswith("(ต่อ)") for v in starts)
    # below the continued headings, the first data row names its indicator with "(ต่อ)" when it continues
    carried = [ws.cell(r, 1).value for rows in pages[1:] for r in rows[:4]
               if str(ws.cell(r, 1).value or "").startswith(("๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙"))]
    assert carried


def test_tick_columns_and_thai_digits(big):
    ws = big["measures-form"].worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    rows = build_report_data(big_submission(30), "measures-form")["main"].rows
    assert values.count("√") == len(rows) >= 30  # a measure of two tools is in both tables
    assert "๑" in values and "1" not in values


def test_native_chart_with_pass_line(big):
    wb = big["measures-plan"]
    ws = wb["เอกสาร"]
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert chart.tagname == "barChart" and len(chart._charts) == 2  # bars + the 85 line
    data = next(ws2 for ws2 in wb.worksheets if ws2.sheet_state == "hidden")
    assert [data.cell(r, 3).value for r in range(2, 12)] == [85] * 10
    scores = big_submission(30).scores.current
    assert [data.cell(r, 2).value for r in range(2, 12)] == [pytest.approx(scores[n]) for n in range(1, 11)]


def test_contents_page_numbers(big):
    ws = big["measures-plan"]["เอกสาร"]
    entries = {}
    for row in ws.iter_rows(min_row=1, max_row=60):
        texts = [c.value for c in row if c.value]
        if len(texts) == 2 and all(ch in "๐๑๒๓๔๕๖๗๘๙" for ch in str(texts[1])):
            entries[texts[0]] = texts[1]
    assert "ที่มาและความสำคัญ" in entries and "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in entries
    assert ws.parent["ตารางมาตรการ"].page_setup.firstPageNumber > 1


def test_row_taller_than_a_page_is_cut_with_continuation():
    sub = load_sample("khuan_mao")
    long = "ผลการดำเนินงาน " * 400
    sub.progress[0].results = long
    data = build_report_data(sub, "progress")
    b = _SheetBuilder(data["sheets"][0], shared())
    lay = b.paginate()
    heights = [r.height for r in lay.rows]
    assert max(heights) <= b.page_h / FILL_PAGE
    cont = [r for r in lay.rows if r.kind == "data" and r.cells[0].value.endswith("(ต่อ)")]
    assert cont and cont[0].cells[0].value.startswith("๑.๑")


def test_a_cut_row_leaves_no_line_or_two_alone_on_either_page():
    data = build_report_data(load_sample("tha_nang_naeo"), "measures-form")
    b = _SheetBuilder(data["sheets"][0], shared())
    row = max((r for r in b.logical_rows() if r.kind == "data" and r.table is not None and r.table.split_rows),
              key=lambda r: max(map(len, r.lines)))
    total = max(map(len, row.lines))
    assert total >= 2 * MIN_SPLIT_LINES + 1
    lh = max(line_height(c.size) for c in row.cells)

    def cut(lines_of_room: int, min_first: int = 1) -> tuple[int, int] | None:
        parts = b._split(row, lines_of_room * lh + PAD, min_first)
        return parts and tuple(max(map(len, p.lines)) for p in parts)

    assert cut(total - 1) == (total - MIN_SPLIT_LINES, MIN_SPLIT_LINES)  # not total - 1 and a lone line
    assert cut(total - MIN_SPLIT_LINES - 1) == (total - MIN_SPLIT_LINES - 1, MIN_SPLIT_LINES + 1)
    assert cut(MIN_SPLIT_LINES - 1, MIN_SPLIT_LINES) is None  # too little room: the row moves to the next page
    assert cut(MIN_SPLIT_LINES, MIN_SPLIT_LINES) == (MIN_SPLIT_LINES, total - MIN_SPLIT_LINES)
