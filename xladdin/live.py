"""The calling workbook as Excel holds it now: live values (unsaved edits included) in, small writes out.

Works on any xlwings Book: the classic COM book a ribbon click gives (`xw.Book.caller()`), and the JSON
book the tests use. Only what both support is used: sheet names, defined names with `refers_to`, the used
range and a rectangle's values; writes are explicitly sized (no expand(), no read-after-write).

    result = read_book(book)             # workbook.reader.ReadResult, same as reading the saved file

A sheet's values are read from A1 to the last used cell, and only for the sheets the reader asks for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:   # the reader is imported when a book is read: a click on คู่มือ never needs it
    from workbook.book_map import Area, Layout
    from workbook.reader import Grid, ReadResult

__all__ = ["book_folder", "book_layout", "cell_area", "clear_and_write", "formattable", "is_com", "read_book",
           "resize_table", "screen_frozen", "set_color", "sheet_grid"]


def is_com(book: Any) -> bool:
    """True for a real Excel book (Windows COM or macOS AppleScript), False for the JSON book."""
    try:
        return book.app.engine.name == "excel"
    except Exception:  # noqa: BLE001 - an engine without the attribute is not Excel
        return False


def book_layout(book: Any) -> Layout:
    """Sheet names and workbook-scoped defined names of the live book (tables are found by header row)."""
    from workbook.book_map import Layout, parse_area

    layout = Layout(sheets=[s.name for s in book.sheets])
    for name in book.names:
        key = name.name
        if "!" in key or key.startswith("_xl"):       # sheet-scoped ("Sheet!Print_Titles") or Excel-internal
            continue
        try:
            refers_to = name.refers_to or ""
        except Exception:  # noqa: BLE001, S112 - a broken name (#REF!) must not stop the read
            continue
        area = parse_area(refers_to.lstrip("="))
        if area is not None:
            layout.names[key] = area
    return layout


def sheet_grid(sheet: Any) -> list[list[object]]:
    """The sheet's values from A1 to its last used cell, as rows (None for empty)."""
    last = sheet.used_range.last_cell
    rows, cols = last.row, last.column
    values = sheet.range((1, 1), (rows, cols)).options(ndim=2).value
    return [list(r) for r in values or []]


def read_book(book: Any) -> ReadResult:
    """Read the live book with workbook.reader (raises UnreadableFileError if it is not an ITA template)."""
    from workbook.reader import read_grids

    layout = book_layout(book)
    sheets = {s.name: s for s in book.sheets}

    def grid(name: str) -> Grid:
        sheet = sheets.get(name)
        return sheet_grid(sheet) if sheet is not None else []

    return read_grids(grid, layout, source=book.name)


def clear_and_write(sheet: Any, first_row: int, first_col: int, rows: Sequence[Sequence[object]], *,
                    width: int, clear_rows: int = 0) -> None:
    """Clear `clear_rows` rows of `width` columns at (first_row, first_col), then write `rows` there."""
    if clear_rows > 0:
        sheet.range((first_row, first_col), (first_row + clear_rows - 1, first_col + width - 1)).clear_contents()
    if rows:
        data = [list(r)[:width] + [None] * (width - len(r)) for r in rows]
        sheet.range((first_row, first_col)).resize(len(data), width).value = data


def set_color(sheet: Any, address: str, color: str | None, *, com: bool = False) -> bool:
    """Fill a cell (or range) of `sheet` with `color` ("#RRGGBB", None for no fill); False if that cannot
    be done. With `com` (a real Excel), a refusal (protected sheet, …) is a False, not an exception."""
    area = cell_area(sheet.name, address)
    if area is None:
        return False
    rng = sheet.range((area.row, area.col), (area.last_row, area.last_col))
    if not com:
        rng.color = color
        return True
    try:
        rng.color = color
        return True
    except Exception:  # noqa: BLE001 - Excel refused (protected sheet, merged area, …): cosmetic
        return False


# Worksheet.Protect arguments kept when a sheet is unprotected for formatting and protected again
_PROTECTION_FLAGS = ("AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows",
                     "AllowInsertingColumns", "AllowInsertingRows", "AllowInsertingHyperlinks",
                     "AllowDeletingColumns", "AllowDeletingRows", "AllowSorting", "AllowFiltering",
                     "AllowUsingPivotTables")


@contextmanager
def formattable(book: Any, sheet_names: Iterable[str]) -> Iterator[set[str]]:
    """Within the block, the named sheets can be formatted; yields the names that can.

    The template protects its sheets without a password, and a protected sheet refuses fills even on
    its unlocked cells. In Excel each protected sheet is unprotected for the block and protected again
    afterwards with the same options; a sheet protected with a password is left alone (not yielded).
    """
    names = [n for n in sheet_names if n in {s.name for s in book.sheets}]
    if not is_com(book):
        yield set(names)
        return
    ok: set[str] = set()
    restore = []
    for name in names:
        try:
            ws = book.sheets[name].api
            if not ws.ProtectContents:
                ok.add(name)
                continue
            flags = {f: bool(getattr(ws.Protection, f)) for f in _PROTECTION_FLAGS}
            drawing, scenarios = bool(ws.ProtectDrawingObjects), bool(ws.ProtectScenarios)
            ws.Unprotect()
            restore.append((ws, drawing, scenarios, flags))
            ok.add(name)
        except Exception:  # noqa: BLE001, S112 - a password, or not Windows COM: leave the sheet as it is
            continue
    try:
        yield ok
    finally:
        for ws, drawing, scenarios, flags in restore:
            try:
                ws.Protect(DrawingObjects=drawing, Contents=True, Scenarios=scenarios, **flags)
            except Exception:  # noqa: BLE001, S110 - nothing more can be done from here
                pass


@contextmanager
def screen_frozen(book: Any) -> Iterator[None]:
    """Excel does not repaint while the block writes (much faster over COM); a no-op elsewhere."""
    if not is_com(book):
        yield
        return
    app = book.app
    try:
        app.screen_updating = False
    except Exception:  # noqa: BLE001, S110
        pass
    try:
        yield
    finally:
        try:
            app.screen_updating = True
        except Exception:  # noqa: BLE001, S110
            pass


def resize_table(book: Any, sheet: Any, table: str | None, header: tuple[int, int], rows: int, width: int) -> None:
    """Make Excel's table (ListObject) span the header and the `rows` written (at least one row)."""
    if not table or not is_com(book):
        return
    r, c = header
    try:
        sheet.tables[table].resize(sheet.range((r, c), (r + max(rows, 1), c + width - 1)))
    except Exception:  # noqa: BLE001, S110 - cosmetic: the rows are written either way
        pass


def cell_area(sheet_name: str, address: str) -> Area | None:
    """'E12' or 'A4:F4' on `sheet_name` as an Area; None for anything else."""
    from workbook.book_map import Area, parse_area, parse_cell

    address = (address or "").strip()
    if not address:
        return None
    area = parse_area(address, sheet_name)
    if area is None:
        try:
            row, col = parse_cell(address)
        except ValueError:
            return None
        area = Area(sheet_name, row, col, row, col)
    return area


def book_folder(book: Any):
    """The folder of the book's file, or None when it has none here (new unsaved book, web URL, JSON book)."""
    from pathlib import Path

    try:
        full = book.fullname
    except Exception:  # noqa: BLE001 - OneDrive/SharePoint URLs xlwings cannot map raise here
        return None
    if not full or "://" in full:
        return None
    path = Path(full)
    if not path.is_absolute() or not path.parent.is_dir():
        return None
    return path.parent
