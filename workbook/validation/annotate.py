"""Findings written into a workbook: the ตรวจสอบ sheet's Findings table, and a fill and comment on each cell.

The plain parts (`findings_rows`, `cell_marks`, `link_location`) are what the add-in writes into a live book;
`annotate` writes them into a copy of a file with openpyxl. The input file is never opened for writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.atomic import write_atomic
from core.errors import InputError, ItaError
from workbook.book_map import parse_cell
from workbook.definition import FIRST_ROW, HEADER_ROW, column_letter, load_definition
from workbook.validation.catalogue import SEVERITIES, Finding, severity_th

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}  # Excel's bad / neutral / a light blue
AUTHOR = "ITA Toolkit"


@dataclass(frozen=True)
class Mark:
    """How one cell is flagged: the most severe finding's colour, every finding in the comment."""

    sheet: str
    cell: str
    severity: str
    comment: str

    @property
    def fill(self) -> str:
        return FILLS[self.severity]


def link_location(sheet: str, cell: str) -> str:
    """"'คะแนน'!E12": the in-book target of a hyperlink (Excel shows it as #'คะแนน'!E12)."""
    return "'" + sheet.replace("'", "''") + "'!" + (cell or "A1")


def findings_rows(findings: list[Finding]) -> list[tuple[str, str, str, str, str, str]]:
    """Rows of the Findings table, in its column order: severity, code, sheet, cell, message, fix."""
    return [(f.severity_th, f.code, f.sheet, f.cell, f.message_th, f.fix_th) for f in findings]


def cell_marks(findings: list[Finding]) -> list[Mark]:
    """One mark per single cell that has findings (ranges and whole-file findings are listed, not marked)."""
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        try:
            parse_cell(f.cell)
        except ValueError:
            continue
        if f.sheet:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    marks = []
    for (sheet, cell), fs in by_cell.items():
        worst = min((f.severity for f in fs), key=SEVERITIES.index)
        text = "\n".join(f"[{severity_th(f.severity)}] {f.message_th}\nวิธีแก้: {f.fix_th}" for f in fs)
        marks.append(Mark(sheet, cell, worst, text))
    return marks


def template_fill(sheet: str, cell: str) -> PatternFill:
    """The fill the template gives a cell we may have marked: header, computed (grey) or input (cream)."""
    from workbook import styles as S

    d = load_definition()
    spec = d.by_name(sheet)
    row, col = parse_cell(cell)
    if spec is None or spec.kind != "table":
        return S.INPUT_FILL
    if row == HEADER_ROW and col <= len(spec.columns):
        return S.HEADER_FILL
    column = spec.columns[col - 1] if col <= len(spec.columns) else None
    return S.COMPUTED_FILL if column is not None and (column.computed or column.locked) else S.INPUT_FILL


def _unmark_previous(wb: Workbook, ws: Worksheet) -> None:
    """Give the cells listed by an earlier annotation their template look back (the copy may be re-checked)."""
    spec = load_definition().sheet("findings")
    i_sheet, i_cell = spec.column_index("sheet"), spec.column_index("cell")
    for r in range(FIRST_ROW, ws.max_row + 1):
        sheet, cell = ws.cell(r, i_sheet).value, ws.cell(r, i_cell).value
        if not (sheet in wb.sheetnames and isinstance(cell, str)):
            continue
        try:
            target = wb[sheet][cell]
        except ValueError:
            continue
        if target.comment is not None and target.comment.author == AUTHOR:
            target.comment = None
            target.fill = template_fill(sheet, cell)


def _write_table(wb: Workbook, findings: list[Finding]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    from workbook.styles import FONT_NAME, FONT_SIZE, row_height

    sheet = load_definition().sheet("findings")
    if sheet.name not in wb.sheetnames:
        ws = wb.create_sheet(sheet.name)
        for c, col in enumerate(sheet.columns, 1):
            ws.cell(HEADER_ROW, c, col.header)
    ws = wb[sheet.name]
    _unmark_previous(wb, ws)
    width = len(sheet.columns)
    table = ws.tables.get(sheet.table)
    for r in range(FIRST_ROW, max(ws.max_row, FIRST_ROW) + 1):
        ws.row_dimensions[r].height = None
        for c in range(1, width + 1):
            cell = ws.cell(r, c)
            cell.value, cell.hyperlink = None, None
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(findings_rows(findings), FIRST_ROW):
        for c, value in enumerate(row, 1):
            ws.cell(r, c, value).alignment = wrap
        ws.row_dimensions[r].height = row_height([(v, col.width) for v, col in zip(row, sheet.columns)])
        target = ws.cell(r, sheet.column_index("cell"))
        f = findings[r - FIRST_ROW]
        if f.sheet:
            target.hyperlink = Hyperlink(ref=target.coordinate, location=link_location(f.sheet, f.cell),
                                         display=f.cell)
            target.font = Font(name=FONT_NAME, sz=FONT_SIZE, color="0563C1", underline="single")
    ref = f"A{HEADER_ROW}:{column_letter(width)}{HEADER_ROW + max(1, len(findings))}"
    if table is not None:
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = ref
    for view_ws in wb.worksheets:
        view_ws.sheet_view.tabSelected = view_ws is ws
    wb.active = wb.worksheets.index(ws)


def _mark_cells(wb: Workbook, findings: list[Finding]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    for m in cell_marks(findings):
        if m.sheet not in wb.sheetnames:
            continue
        cell = wb[m.sheet][m.cell]
        cell.fill = PatternFill("solid", start_color=m.fill, end_color=m.fill)
        comment = Comment(m.comment, AUTHOR)
        comment.width, comment.height = 360, min(600, 60 + 40 * m.comment.count("\n"))
        cell.comment = comment


def annotate(source: str | Path, out: str | Path, findings: list[Finding]) -> Path:
    """Write a copy of `source` to `out` with the findings listed and their cells marked."""
    from openpyxl import load_workbook

    src, dst = Path(source), Path(out)
    if dst.exists() and dst.resolve() == src.resolve():
        raise InputError("ไฟล์ผลลัพธ์ต้องไม่ใช่ไฟล์ต้นฉบับ — ตั้งชื่อใหม่ เช่น ผลตรวจ.xlsx", where=str(dst))
    macro = src.suffix.lower() == ".xlsm" and dst.suffix.lower() == ".xlsm"
    try:
        wb = load_workbook(src, keep_vba=macro, keep_links=True)
    except Exception as exc:  # noqa: BLE001 - the file was readable for validation; openpyxl may still refuse it
        raise ItaError(f"เขียนสำเนาพร้อมผลการตรวจไม่ได้ ({type(exc).__name__})", where=str(src)) from None
    _write_table(wb, findings)
    _mark_cells(wb, findings)
    return write_atomic(dst, lambda tmp: wb.save(tmp))
