"""The one way a workbook writer puts a value into an openpyxl cell (core.cell_text's rules).

openpyxl turns a string that starts with '=' into a formula and '#N/A' into an error value, refuses control
characters with an exception and cuts long text silently. `put` stores text as text whatever its first
character (quote-prefixed when it could pass for a formula, so Excel keeps it as text when edited), without
the characters XML cannot hold, and within Excel's limit with a visible marker; non-finite numbers are left
empty.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from core.cell_text import (
    EXCEL_CELL_LIMIT,
    TRUNCATED,
    cap,
    cell_text,
    clean_xml,
    looks_like_formula,
    utf16_length,
)

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet


def put(cell: Cell, value: object) -> Cell:
    """Set `cell` to `value` as data, never as a formula; returns the cell."""
    from openpyxl.cell.rich_text import CellRichText

    if isinstance(value, CellRichText):
        cell.value = safe_rich(value)
        return cell
    if isinstance(value, str):
        text = cell_text(value)
        cell.value = text or None
        if text:
            cell.data_type = "s"  # not 'f' for '=…', not 'e' for '#N/A'
            if looks_like_formula(text):
                cell.quotePrefix = True
        return cell
    if isinstance(value, float) and not math.isfinite(value):
        value = None
    cell.value = value
    return cell


def put_at(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """`ws.cell(row, col, value)` through `put`."""
    return put(ws.cell(row, col), value)


def safe_rich(rich):
    """A CellRichText whose runs are XML-clean and together within Excel's limit (the last run cut)."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    out, used = [], 0
    for part in rich:
        text = clean_xml(part.text if isinstance(part, TextBlock) else str(part))
        room = EXCEL_CELL_LIMIT - used
        if utf16_length(text) > room:
            text = cap(text, room) if room > len(TRUNCATED) else ""
        used += utf16_length(text)
        if text:
            out.append(TextBlock(part.font, text) if isinstance(part, TextBlock) else text)
        if used >= EXCEL_CELL_LIMIT - len(TRUNCATED):
            break
    return CellRichText(out)
