"""Findings written into the open book: the ตรวจสอบ sheet's rows and the offending cells coloured.

The same rows and colours as `ita validate --annotate` (workbook.validation.annotate.findings_rows /
cell_marks), written into the live book instead of a copy. Only input cells are coloured (the cells the
reader read), so a re-run can give them their template fill back: the cells coloured last time are the
ชีต/เซลล์ columns of the rows being replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xladdin import live

__all__ = ["COMPUTED_FILL", "INPUT_FILL", "show_findings", "template_fills"]

INPUT_FILL = "#FFF9E5"        # workbook.styles.INPUT_FILL and COMPUTED_FILL: not imported, openpyxl is
COMPUTED_FILL = "#EDEDED"     # slow to load (a test checks they are equal)


def template_fills(result: Any) -> dict[tuple[str, str], str]:
    """(sheet, cell) -> the template's own fill of every input cell the reader read."""
    from workbook.definition import load_definition

    d = load_definition()
    out = {}
    for c in result.cells:
        table, _, column = c.key.partition(".")
        locked = False
        try:
            locked = d.sheet(table).column(column).locked
        except KeyError:
            pass
        out[(c.sheet, c.address)] = COMPUTED_FILL if locked else INPUT_FILL
    return out


def _header(grid: Sequence[Sequence[object]], headers: Sequence[str], default_row: int) -> tuple[int, int]:
    """(header row, first column) of the findings table on its sheet, found by its Thai headers."""
    for r, row in enumerate(grid[:30], 1):
        cells = [str(v).strip() if v is not None else "" for v in row]
        for c in range(len(cells) - 1):
            if cells[c:c + 2] == list(headers[:2]):
                return r, c + 1
    return default_row, 1


def show_findings(book: Any, result: Any, findings: Sequence[Any]) -> tuple[str | None, int]:
    """Write `findings` into `book`; returns the findings sheet's name (None if the book has none) and the
    number of cells that could not be coloured (sheets protected with a password)."""
    from core.cell_text import live_text
    from workbook.definition import HEADER_ROW, load_definition
    from workbook.validation.annotate import cell_marks, findings_rows

    spec = load_definition().sheet("findings")
    fills = template_fills(result)
    marks = {(m.sheet, m.cell): "#" + m.fill for m in cell_marks(findings) if (m.sheet, m.cell) in fills}
    sheets = {s.name: s for s in book.sheets}
    target = sheets.get(spec.name)
    com = live.is_com(book)

    previous: set[tuple[str, str]] = set()
    if target is not None:
        grid = live.sheet_grid(target)
        header, col = _header(grid, [c.header for c in spec.columns], HEADER_ROW)
        first, width = header + 1, len(spec.columns)
        i_sheet, i_cell = col - 1 + spec.column_index("sheet") - 1, col - 1 + spec.column_index("cell") - 1
        previous = {(str(r[i_sheet]).strip(), str(r[i_cell]).strip()) for r in grid[first - 1:]
                    if len(r) > i_cell and r[i_sheet] and r[i_cell]}
    restore = {key: fills[key] for key in previous - set(marks) if key in fills}
    touched = sorted({s for s, _ in marks} | {s for s, _ in restore} | ({spec.name} if target is not None else set()))

    failed = 0
    with live.screen_frozen(book), live.formattable(book, touched) as writable:
        if target is not None:
            rows = [[live_text(v) if isinstance(v, str) else v for v in row] for row in findings_rows(findings)]
            live.clear_and_write(target, first, col, rows, width=width, clear_rows=max(0, len(grid) - first + 1))
            live.resize_table(book, target, spec.table, (header, col), len(rows), width)
        for (sheet, cell), fill in [*restore.items(), *marks.items()]:
            if sheet not in writable or not live.set_color(sheets[sheet], cell, fill, com=com):
                failed += 1
    return (target.name if target is not None else None), failed
