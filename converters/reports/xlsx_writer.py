"""Report workbooks: A4 sheets that print the same in Excel and LibreOffice, paginated here.

Every row height is computed (core.thai_lines), so where each page ends is known before the
file is written. That is what lets a group heading that continues on a new page be repeated there with
"(ต่อ)", a key cell that continues be marked "(ต่อ)", a row taller than a page be cut at a line, and the
header rows of a table be repeated (as the sheet's print titles when the table is the sheet's last block,
as copied rows otherwise). Manual page breaks fix the result; fit-to-width only ever shrinks the sheet
(Excel's columns are a little wider than LibreOffice's), which can only leave more room on a page.
"""

from __future__ import annotations

import dataclasses
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.drawing.text import Font as DrawingFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.pagebreak import Break

from converters.reports.model import (
    PT_PER_CM,
    ChartBlock,
    Column,
    Group,
    PageBreak,
    Para,
    Sheet,
    Table,
    TableBlock,
)
from core.atomic import write_atomic
from core.cell_text import clean_xml
from core.fonts import PAGE_DIGITS_FONT
from core.thai_lines import PT_PER_WIDTH_UNIT, ROW_PAD, TextFit, line_height, shared
from workbook.cells import put, put_at
from workbook.styles import FONT_NAME, use_thai_default_font

PAD = ROW_PAD  # points a row needs beyond its lines
INDENT_PT = 10.5  # left padding of a table cell: alignment indent 1 (LibreOffice 10.3 pt, Excel a little less)
FILL_PAGE = 0.97  # share of the printable height the rows may fill
CONT = " (ต่อ)"
MIN_SPLIT_LINES = 3  # a row cut across pages keeps at least this many lines on each side of the cut
A4_CM = (21.0, 29.7)
INDENT = "\u00a0" * 18  # first-line indent of a body paragraph (about 2.2 cm at 16 pt)
HEADER_FILL = "D9E2F3"
HEADING_FILL = "F2F2F2"
PASS_COLOR, WEAK_COLOR, LINE_COLOR = "4472C4", "C0504D", "C00000"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass
class _Cell:
    c0: int  # first grid column (0-based)
    c1: int  # one past the last
    value: str
    size: float
    bold: bool = False
    italic: bool = False
    align: str = "left"
    valign: str = "top"
    border: bool = False
    fill: str | None = None
    label: str = ""
    label_size: float | None = None
    indent: bool = False  # left padding (table cells aligned left)
    open_top: bool = False  # an empty carried cell: joined to the cell above
    vmerge: bool = False  # a header cell merged over two header rows


@dataclass
class _Row:
    height: float
    cells: list[_Cell]
    kind: str  # para | header | heading | data | chart | break
    table: Table | None = None
    group: Group | None = None
    level: int = 0  # heading level in its group's context
    keep: bool = False  # keep with the next row on the same page
    anchor: str = ""
    page_of: str = ""
    chart: ChartBlock | None = None
    first_header: bool = False  # the first header row of a table (where the table starts)
    lines: list[list[str]] = field(default_factory=list)  # wrapped lines per cell (data rows)


@dataclass
class _Layout:
    rows: list[_Row]
    breaks: list[int]  # 1-based worksheet rows after which a page ends
    title_rows: tuple[int, int] | None
    pages: int
    anchors: dict[str, int]  # anchor -> page within the sheet


class _SheetBuilder:
    def __init__(self, sheet: Sheet, tf: TextFit) -> None:
        self.sheet, self.tf = sheet, tf
        w, h = A4_CM if sheet.orientation == "portrait" else A4_CM[::-1]
        left, right, top, bottom = sheet.margins
        self.width_cm = w - left - right
        self.page_h = (h - top - bottom) * PT_PER_CM * FILL_PAGE
        self.grid = self._grid()
        self.title_table = next((b.table for b in sheet.blocks if isinstance(b, TableBlock) and b.print_titles), None)

    # -- grid ----------------------------------------------------------------------------------------
    def _grid(self) -> list[float]:
        """Column boundaries (cm) shared by every table and paragraph span of the sheet."""
        cuts = {0.0, round(self.width_cm, 2)}
        for b in self.sheet.blocks:
            if isinstance(b, TableBlock):
                x = 0.0
                for c in b.table.columns:
                    x += c.width
                    cuts.add(round(min(x, self.width_cm), 2))
            elif isinstance(b, Para):
                cuts.update(round(s * self.width_cm, 2) for s in b.span)
                if b.page_of:
                    cuts.add(round(self.width_cm - 2.0, 2))
        out: list[float] = []
        for x in sorted(cuts):
            if not out or x - out[-1] >= 0.15:
                out.append(x)
            elif x == round(self.width_cm, 2):
                out[-1] = x
        return out

    def col_at(self, x: float) -> int:
        return min(range(len(self.grid)), key=lambda i: abs(self.grid[i] - x))

    def span_pt(self, c0: int, c1: int) -> float:
        return (self.grid[c1] - self.grid[c0]) * PT_PER_CM

    def lines(self, text: str, c0: int, c1: int, size: float, bold: bool = False, indent: bool = False) -> list[str]:
        return self.tf.cell_lines(text, self.span_pt(c0, c1), size, bold, INDENT_PT if indent else 0.0)

    # -- rows ----------------------------------------------------------------------------------------
    def para_row(self, p: Para) -> _Row:
        c0, c1 = self.col_at(p.span[0] * self.width_cm), self.col_at(p.span[1] * self.width_cm)
        if p.page_of:
            c1 = len(self.grid) - 2
        text = (INDENT + p.text) if p.indent and p.text else p.text
        cells = [_Cell(c0, c1, text, p.size, p.bold, p.italic, p.align if p.align != "justify" else "left",
                       label=p.label, label_size=p.label_size)]
        if p.label:
            lsize = p.label_size or p.size
            label_w = self.tf.width(p.label + "  ", lsize, True)
            n = len(self.tf.cell_lines(text, self.span_pt(c0, c1), p.size, p.bold, label_w))
            height = line_height(max(lsize, p.size)) + (n - 1) * line_height(p.size) + PAD
        else:
            n = len(self.lines(text, c0, c1, p.size, p.bold))
            height = n * line_height(p.size) + PAD
        if p.page_of:
            cells.append(_Cell(c1, len(self.grid) - 1, "", p.size, align="right"))
        return _Row(height + p.space_before, cells, "para", keep=p.keep_with_next, anchor=p.anchor,
                    page_of=p.page_of)

    def table_cols(self, table: Table) -> list[tuple[int, int]]:
        spans, x = [], 0.0
        for c in table.columns:
            spans.append((self.col_at(x), self.col_at(min(x + c.width, self.width_cm))))
            x += c.width
        return spans

    def header_rows(self, table: Table) -> list[_Row]:
        size = table.header_size or table.font_size
        lh = line_height(size)
        spans = self.table_cols(table)
        style = {"size": size, "bold": True, "align": "center", "valign": "center", "border": True,
                 "fill": HEADER_FILL}
        if not table.has_parents:
            cells = [_Cell(a, b, c.header, **style) for c, (a, b) in zip(table.columns, spans)]
            n = max(len(self.lines(c.header, a, b, size, True)) for c, (a, b) in zip(table.columns, spans))
            return [_Row(n * lh + PAD, cells, "header", table, keep=True, first_header=True)]
        top, bottom, tall = [], [], 0
        parents: dict[str, list[int]] = {}
        for i, c in enumerate(table.columns):
            if c.parent:
                parents.setdefault(c.parent, []).append(i)
        n_parent = n_child = 1
        done_parents = set()
        for i, (c, (a, b)) in enumerate(zip(table.columns, spans)):
            if c.parent:
                bottom.append(_Cell(a, b, c.header, **style))
                n_child = max(n_child, len(self.lines(c.header, a, b, size, True)))
                if c.parent not in done_parents:
                    idx = parents[c.parent]
                    pa, pb = spans[idx[0]][0], spans[idx[-1]][1]
                    top.append(_Cell(pa, pb, c.parent, **style))
                    n_parent = max(n_parent, len(self.lines(c.parent, pa, pb, size, True)))
                    done_parents.add(c.parent)
            else:
                top.append(_Cell(a, b, c.header, vmerge=True, **style))
                tall = max(tall, len(self.lines(c.header, a, b, size, True)))
        h1 = n_parent * lh + PAD
        h2 = max(n_child * lh + PAD, tall * lh + PAD - h1)
        return [_Row(h1, top, "header", table, keep=True, first_header=True),
                _Row(h2, bottom, "header", table, keep=True)]

    def heading_row(self, table: Table, text: str, group: Group | None, level: int) -> _Row:
        spans = self.table_cols(table)
        a, b = spans[0][0], spans[-1][1]
        n = len(self.lines(text, a, b, table.font_size, True, indent=True))
        cell = _Cell(a, b, text, table.font_size, bold=True, border=True, fill=HEADING_FILL, indent=True)
        return _Row(n * line_height(table.font_size) + PAD, [cell], "heading", table, group, level, keep=True)

    def data_row(self, table: Table, group: Group | None, row: dict[str, str]) -> _Row:
        spans = self.table_cols(table)
        cells, lines = [], []
        for c, (a, b) in zip(table.columns, spans):
            value = row.get(c.key, "")
            size = table.font_size + 2 if c.tick else table.font_size
            pad = c.align == "left"
            cells.append(_Cell(a, b, value, size, align=c.align, border=True, indent=pad,
                               open_top=c.carry and not value))
            lines.append(self.lines(value, a, b, size, indent=pad))
        row_h = max(len(ls) * line_height(cell.size) for ls, cell in zip(lines, cells)) + PAD
        r = _Row(row_h, cells, "data", table, group, lines=lines)
        r.data = row  # type: ignore[attr-defined]
        return r

    def table_rows(self, block: TableBlock) -> list[_Row]:
        t = block.table
        out = self.header_rows(t)
        if not t.rows:
            spans = self.table_cols(t)
            out.append(_Row(line_height(t.font_size) + PAD,
                            [_Cell(spans[0][0], spans[-1][1], t.empty, t.font_size, italic=True, border=True,
                                   align="center")], "data", t))
            return out
        for g in t.groups:
            if g.new_page and out[-1].kind != "header":
                out.append(_Row(0, [], "break"))
            first = len(g.context) - len(g.headings)
            for k, text in enumerate(g.headings):
                out.append(self.heading_row(t, text, g, first + k))
            out += [self.data_row(t, g, r) for r in g.rows]
        return out

    def logical_rows(self) -> list[_Row]:
        rows: list[_Row] = []
        for b in self.sheet.blocks:
            if isinstance(b, Para):
                rows.append(self.para_row(b))
            elif isinstance(b, TableBlock):
                rows += self.table_rows(b)
            elif isinstance(b, ChartBlock):
                rows.append(_Row(b.height * PT_PER_CM + PAD, [], "chart", chart=b))
            elif isinstance(b, PageBreak):
                rows.append(_Row(0, [], "break"))
        return rows

    # -- pagination ----------------------------------------------------------------------------------
    def _carried(self, row: _Row) -> _Row:
        """A data row at the top of a page: its empty carry cells show the carried value with (ต่อ)."""
        t = row.table
        data = getattr(row, "data", None)
        if t is None or data is None or not any(c.carry and not data.get(c.key) for c in t.columns):
            return row
        new = dict(data)
        for c in t.columns:
            if c.carry and not data.get(c.key) and data.get(f"_{c.key}"):
                new[c.key] = data[f"_{c.key}"].split("\n")[0] + CONT
        return self.data_row(t, row.group, new)

    def _split(self, row: _Row, room: float, min_first: int = 1) -> tuple[_Row, _Row] | None:
        """Cut a data row after the last line that fits in `room` points, moving the cut up so that at
        least MIN_SPLIT_LINES lines go on (no line or two alone at the top of the next page); None when
        fewer than `min_first` lines would stay."""
        t = row.table
        if t is None or not row.lines:
            return None
        lh = max(line_height(c.size) for c in row.cells)
        k = int((room - PAD) // lh)
        total = max(len(ls) for ls in row.lines)
        if total - k < MIN_SPLIT_LINES and total - MIN_SPLIT_LINES >= 1:
            k = total - MIN_SPLIT_LINES
        if k < max(1, min_first):
            return None
        data = getattr(row, "data", {})
        first, rest = {}, {}
        for c, ls in zip(t.columns, row.lines):
            first[c.key] = "\n".join(ls[:k]).strip()
            rest[c.key] = "\n".join(ls[k:]).strip()
        key = t.columns[0].key
        if not rest[key] and data.get(key):
            rest[key] = data[key].split("\n")[0] + CONT
        for c in t.columns:
            if c.tick:  # a tick stays with the first part
                rest[c.key] = ""
        return self.data_row(t, row.group, first), self.data_row(t, row.group, rest)

    def _fresh_room(self, row: _Row) -> float:
        """Room a data row has at the top of a new page, below the repeated header and headings."""
        t = row.table
        room = self.page_h
        if t is not None:
            room -= sum(h.height for h in self.header_rows(t))
            room -= len(row.group.context if row.group else ()) * (line_height(t.font_size) + PAD)
        return room

    def _need(self, row: _Row) -> float:
        """What a row needs on the current page: all of it, or three lines when it must be cut anyway."""
        if row.kind == "data" and row.lines and row.height > self._fresh_room(row):
            return min(row.height, 3 * max(line_height(c.size) for c in row.cells) + PAD)
        return row.height

    def _fill(self, rows: list[_Row], i: int, j: int, room: float) -> bool:
        """Fill the rest of a page: when rows i..j (the last a data row of a table that splits its rows) do not
        fit in `room`, cut row j after the last line that fits, if MIN_SPLIT_LINES of it stay and go on."""
        last = rows[j]
        if last.kind != "data" or last.table is None or not last.table.split_rows or not last.lines:
            return False
        room -= sum(r.height for r in rows[i:j])
        lh = max(line_height(c.size) for c in last.cells)
        if room < MIN_SPLIT_LINES * lh + PAD:
            return False
        parts = self._split(last, room, MIN_SPLIT_LINES)
        if parts is None:
            return False
        rows[j:j + 1] = list(parts)
        return True

    def paginate(self) -> _Layout:
        rows = self.logical_rows()
        out: list[_Row] = []
        breaks: list[int] = []
        anchors: dict[str, int] = {}
        started: set[int] = set()  # tables whose header has been placed
        title_rows = None
        H = self.page_h
        title_h = sum(r.height for r in self.header_rows(self.title_table)) if self.title_table else 0.0
        cur = top = 0.0  # height used on this page; what the repeated rows took at its top
        page = 1

        def place(r: _Row) -> None:
            nonlocal cur
            out.append(r)
            cur += r.height

        def new_page(row: _Row) -> _Row:
            nonlocal cur, top, page
            breaks.append(len(out))
            cur, page = 0.0, page + 1
            if self.title_table is not None and id(self.title_table) in started:
                cur += title_h
            t = row.table
            if t is not None and id(t) in started and row.kind in ("data", "heading"):
                if t is not self.title_table:
                    for h in self.header_rows(t):
                        place(dataclasses.replace(h, first_header=False))
                g = row.group
                upto = row.level if row.kind == "heading" else len(g.context) if g else 0
                for lvl in range(upto):
                    place(self.heading_row(t, g.context[lvl] + CONT, g, lvl))
                if row.kind == "data":
                    row = self._carried(row)
            top = cur
            return row

        i = 0
        while i < len(rows):
            row = rows[i]
            if row.kind == "break":
                if cur > top and out:
                    new_page(row)
                i += 1
                continue
            need, j = self._need(row), i
            while rows[j].keep and j + 1 < len(rows) and rows[j + 1].kind != "break":
                j += 1
                need += self._need(rows[j])
            if cur + need > H and out and cur > top + 1e-6:
                if self._fill(rows, i, j, H - cur):
                    row = rows[i]  # its first part, when the row itself was cut
                else:
                    row = rows[i] = new_page(row)
            if row.kind == "data" and cur + row.height > H:
                parts = self._split(row, H - cur)
                if parts:
                    rows[i:i + 1] = list(parts)
                    row = parts[0]
            if row.first_header and row.table is not None:
                started.add(id(row.table))
                if row.table is self.title_table:
                    title_rows = (len(out) + 1, len(out) + len(self.header_rows(row.table)))
            if row.anchor:
                anchors[row.anchor] = page
            place(row)
            i += 1
        return _Layout(out, breaks, title_rows, page, anchors)


# ------------------------------------------------------------------------------------------------ write

class _Styles:
    """Cell styles by value, set through openpyxl's style array (assigning Font objects hashes them
    every time: too slow for a few thousand cells)."""

    BORDERS: ClassVar[dict[str, Border]] = {
        "all": _BORDER,
        "open_top": Border(left=_THIN, right=_THIN, bottom=_THIN),
        "open_bottom": Border(left=_THIN, right=_THIN, top=_THIN),
        "open_both": Border(left=_THIN, right=_THIN),
    }

    def __init__(self) -> None:
        self.cache: dict[tuple, object] = {}

    def apply(self, c, size: float, bold: bool = False, italic: bool = False, h: str = "left", v: str = "top",
              border: str | None = None, fill: str | None = None, indent: bool = False) -> None:
        key = (size, bold, italic, h, v, border, fill, indent)
        arr = self.cache.get(key)
        if arr is not None:
            c._style = copy(arr)
            return
        c.font = Font(name=FONT_NAME, sz=size, bold=bold, italic=italic, family=2)
        c.alignment = Alignment(horizontal=h, vertical=v, wrap_text=True, indent=1 if indent else 0)
        if border:
            c.border = self.BORDERS[border]
        if fill:
            c.fill = PatternFill("solid", fgColor=fill)
        self.cache[key] = copy(c._style)


def _rich(label: str, label_size: float, text: str, size: float):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    return CellRichText(TextBlock(InlineFont(rFont=FONT_NAME, sz=label_size, b=True), label + "  "),
                        TextBlock(InlineFont(rFont=FONT_NAME, sz=size), text))


def _broken(b: _SheetBuilder, row: _Row, k: int, cell: _Cell) -> str:
    """The text of a cell with its lines ended where core.thai_lines ends them (the lines the row height was
    counted for), so that LibreOffice and Excel never break a Thai word ("ขอ|งอบต.")."""
    if not cell.value or cell.label:
        return cell.value
    if row.kind == "data" and row.lines and k < len(row.lines):
        return "\n".join(row.lines[k])
    if row.kind == "para":
        return "\n".join(b.lines(cell.value, cell.c0, cell.c1, cell.size, cell.bold))
    return cell.value


def _write_sheet(ws, sheet: Sheet, b: _SheetBuilder, lay: _Layout, page_offset: int, chart_data,
                 anchors: dict[str, int], digits, marks: PageMarks) -> None:
    st = _Styles()
    for i in range(len(b.grid) - 1):
        w_cm = b.grid[i + 1] - b.grid[i]
        ws.column_dimensions[get_column_letter(i + 1)].width = round(w_cm * PT_PER_CM / PT_PER_WIDTH_UNIT, 2)
    # a carried cell left empty joins the cell above it: no border between them
    open_below = {(i - 1, cell.c0) for i, row in enumerate(lay.rows) for cell in row.cells if cell.open_top}
    merged: list[CellRange] = []
    for i, row in enumerate(lay.rows):
        r = i + 1
        ws.row_dimensions[r].height = round(max(row.height, 3.0), 2)
        if row.kind == "chart" and row.chart is not None:
            chart_data(ws, row.chart, r)
            continue
        for k, cell in enumerate(row.cells):
            col, last = cell.c0 + 1, max(cell.c1, cell.c0 + 1)
            end_row = r + 1 if cell.vmerge else r
            c = ws.cell(r, col)
            value = _broken(b, row, k, cell)
            if row.page_of and cell.align == "right" and not value:
                value = digits(str(anchors[row.page_of])) if row.page_of in anchors else ""
            border = None
            if cell.border:
                below = (i, cell.c0) in open_below
                border = ("open_both" if below else "open_top") if cell.open_top else \
                    ("open_bottom" if below else "all")
            st.apply(c, cell.size, cell.bold, cell.italic, cell.align, cell.valign, border, cell.fill, cell.indent)
            # after the style: user text (a title typed as '=HYPERLINK(…)', a control character) goes in as
            # text, never a formula, quote-prefixed when it could pass for one
            put(c, _rich(cell.label, cell.label_size or cell.size, value, cell.size) if cell.label else value)
            if border:
                for rr in range(r, end_row + 1):
                    for cc in range(col, last + 1):
                        if (rr, cc) != (r, col):
                            st.apply(ws.cell(rr, cc), cell.size, border=border, fill=cell.fill)
            if last > col or end_row > r:
                merged.append(CellRange(min_col=col, min_row=r, max_col=last, max_row=end_row))
    # all at once: merged_cells.add checks each new range against all the others (quadratic in rows), and
    # the layout never merges a cell twice
    ws.merged_cells = MultiCellRange(merged)
    r = len(lay.rows)
    # print setup
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = sheet.orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    left, right, top, bottom = sheet.margins
    ws.page_margins.left, ws.page_margins.right = left / 2.54, right / 2.54
    ws.page_margins.top, ws.page_margins.bottom = top / 2.54, bottom / 2.54
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
    ws.print_options.horizontalCentered = False
    if page_offset:
        ws.page_setup.firstPageNumber = page_offset + 1
        ws.page_setup.useFirstPageNumber = True
    # Thai digits: the page number in a font whose Arabic digits draw Thai ones (no Thai page numbering
    # exists in an .xlsx); Excel without that font prints Arabic digits
    number = "&P" if marks.arabic_digits else f'&"{PAGE_DIGITS_FONT},Regular"&P'
    ws.oddFooter.right.text = f"หน้า {number}"
    ws.oddFooter.right.font = f"{FONT_NAME},Regular"
    ws.oddFooter.right.size = 14
    headers = [ws.oddHeader]
    if not sheet.first_page_number:
        ws.HeaderFooter.differentFirst = True  # the first page's footer stays empty
        headers.append(ws.firstHeader)
    if marks.draft:
        for h in headers:  # a draft says so on every page
            h.center.text, h.center.font, h.center.size = marks.draft, f"{FONT_NAME},Bold", 18
            h.center.color = "C00000"
    if lay.title_rows:
        ws.print_title_rows = f"{lay.title_rows[0]}:{lay.title_rows[1]}"
    for br in lay.breaks:
        ws.row_breaks.append(Break(id=br))
    ws.sheet_view.showGridLines = False
    ws.print_area = f"A1:{get_column_letter(len(b.grid) - 1)}{max(r, 1)}"


def _chart_text(size: float, bold: bool = False) -> RichText:
    """Chart text in TH SarabunPSK (every element names it: LibreOffice does not inherit it)."""
    font = CharacterProperties(latin=DrawingFont(typeface=FONT_NAME), cs=DrawingFont(typeface=FONT_NAME),
                               sz=round(size * 100), b=bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=font), endParaRPr=font)])


def _chart_writer(wb: Workbook, digits):
    """Adds a native bar chart (scores) with the pass line, its data on a hidden sheet."""
    state = {"n": 0}
    score_format = "[$-D00041E]0.00" if digits else "0.00"

    def add(ws, block: ChartBlock, row: int) -> None:
        ch = block.chart
        state["n"] += 1
        data_ws = wb.create_sheet(f"ข้อมูลแผนภูมิ{state['n']}")
        data_ws.sheet_state = "hidden"
        for c, text in enumerate((ch.get("axis_label", ""), ch.get("series_label", ""), ch.get("line_label", "")), 1):
            put_at(data_ws, 1, c, text)
        for r, (label, value) in enumerate(zip(ch["labels"], ch["values"]), 2):
            put_at(data_ws, r, 1, label)
            put_at(data_ws, r, 2, value if value is not None else 0).number_format = score_format  # labels follow
            put_at(data_ws, r, 3, ch["line"])
        n = len(ch["labels"])
        cats = Reference(data_ws, min_col=1, min_row=2, max_row=n + 1)
        bar = BarChart()
        bar.type = "col"
        bar.style = 10
        bar.title = clean_xml(ch.get("title") or "") or None
        bar.add_data(Reference(data_ws, min_col=2, min_row=1, max_row=n + 1), titles_from_data=True)
        bar.set_categories(cats)
        series = bar.series[0]
        series.graphicalProperties = GraphicalProperties(solidFill=PASS_COLOR)
        for k, v in enumerate(ch["values"]):
            if v is not None and v < ch["line"]:
                pt = DataPoint(idx=k)
                pt.graphicalProperties = GraphicalProperties(solidFill=WEAK_COLOR)
                series.dPt.append(pt)
        series.dLbls = DataLabelList(showVal=True, showCatName=False, showSerName=False, showLegendKey=False,
                                     showPercent=False, showBubbleSize=False, dLblPos="outEnd")
        series.dLbls.numFmt = score_format
        series.dLbls.txPr = _chart_text(12)
        bar.y_axis.scaling.min = 0
        bar.y_axis.scaling.max = 100
        bar.y_axis.majorUnit = 20
        bar.y_axis.numFmt = "[$-D00041E]0" if digits else "0"
        bar.y_axis.title = "คะแนน"
        bar.x_axis.title = clean_xml(ch.get("axis_label") or "") or None
        bar.y_axis.delete = False
        bar.x_axis.delete = False
        for axis in (bar.x_axis, bar.y_axis):
            axis.txPr = _chart_text(14)
            axis.title.tx.rich.p[0].pPr = ParagraphProperties(defRPr=_chart_text(14).p[0].pPr.defRPr)
        bar.title.tx.rich.p[0].pPr = ParagraphProperties(defRPr=_chart_text(16, bold=True).p[0].pPr.defRPr)
        line = LineChart()
        line.add_data(Reference(data_ws, min_col=3, min_row=1, max_row=n + 1), titles_from_data=True)
        line.series[0].graphicalProperties.line.solidFill = LINE_COLOR
        line.series[0].graphicalProperties.line.dashStyle = "dash"
        line.series[0].graphicalProperties.line.width = 28575
        line.series[0].marker.symbol = "none"
        line.series[0].smooth = False
        bar += line
        bar.legend.position = "b"
        bar.legend.txPr = _chart_text(14)
        bar.width, bar.height = block.width, block.height
        bar.txPr = _chart_text(14)
        ws.add_chart(bar, f"A{row}")

    return add


@dataclass(frozen=True)
class PageMarks:
    """What every printed page carries besides the content: the page number's digits, a draft stamp."""

    arabic_digits: bool = False
    draft: str = ""  # "ฉบับร่าง" on every page when set


def build_report_book(sheets: list[Sheet], *, arabic_digits: bool = False, tf: TextFit | None = None,
                      draft: str = "") -> Workbook:
    from core.thai_format import Fmt

    tf = tf or shared()
    wb = Workbook()
    use_thai_default_font(wb)
    wb.remove(wb.active)
    fmt = Fmt(arabic_digits)
    add_chart = _chart_writer(wb, not arabic_digits)
    offset = 0
    laid = []
    for sheet in sheets:
        b = _SheetBuilder(sheet, tf)
        laid.append((sheet, b, b.paginate()))
    anchors: dict[str, int] = {}  # anchor -> page number counted over every sheet
    for sheet, b, lay in laid:
        anchors.update({k: v + offset for k, v in lay.anchors.items()})
        offset += lay.pages
    offset = 0
    for sheet, b, lay in laid:
        ws = wb.create_sheet(sheet.name)
        _write_sheet(ws, sheet, b, lay, offset, add_chart, anchors, fmt.digits, PageMarks(arabic_digits, draft))
        offset += lay.pages
    # hidden chart-data sheets go last; the first visible sheet is active
    wb.active = 0
    return wb


def write_workbook(path: Path, sheets: list[Sheet], *, arabic_digits: bool = False, draft: str = "") -> Path:
    wb = build_report_book(sheets, arabic_digits=arabic_digits, draft=draft)
    return write_atomic(path, lambda tmp: wb.save(tmp))


__all__ = ["Column", "build_report_book", "write_workbook"]
