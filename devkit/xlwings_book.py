"""Run the add-in's Python side without Excel: xlwings' JSON book built from a real workbook file.

For tests and benchmarks only. `xw.Book(json=...)` is xlwings' "remote" book (xlwings/pro, PolyForm
Noncommercial): it needs XLWINGS_LICENSE_KEY=noncommercial in the environment, which the tests set for
themselves. The product never imports this module.

    payload = book_payload(Path("ban_kham.xlsx"))
    book = mock_caller(payload)          # xw.Book.caller() now returns this book
    xladdin.entry.ribbon("validate")
    actions(book)                        # what Excel would have been told to do

The payload is what an xlwings client sends: every sheet's values from A1 to its last used cell ("" for
empty), the workbook-scoped defined names, the book name and selection. Formula cells carry their cached
values: none for a file openpyxl wrote (the reader ignores computed cells), real ones for a file Excel or
LibreOffice saved (converters.office.recalc.recalculate makes such a copy).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

__all__ = ["actions", "book_payload", "load_payload", "mock_caller", "save_payload"]


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def book_payload(path: Path, *, name: str | None = None, selection: str = "A1") -> dict[str, Any]:
    """The JSON an xlwings VBA client would send for the workbook file at `path`.

    `name` is the book name Excel would report (default: the file name)."""
    import openpyxl
    import xlwings as xw

    path = Path(path)
    wb = openpyxl.load_workbook(path, data_only=True)
    try:
        sheets = []
        for ws in wb.worksheets:
            rows = [[_cell(v) for v in row] for row in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
            width = max((len(r) for r in rows), default=0)
            rows = [r + [""] * (width - len(r)) for r in rows]
            sheets.append({"name": ws.title, "values": rows or [[""]], "pictures": [], "tables": []})
        names = []
        for defined_name, dn in wb.defined_names.items():
            for sheet_title, ref in dn.destinations:
                names.append({"name": defined_name, "sheet_index": wb.sheetnames.index(sheet_title),
                              "address": ref.replace("$", ""), "book_scope": True,
                              "scope_sheet_name": None, "scope_sheet_index": None})
        active = wb.sheetnames.index(wb.active.title) if wb.active is not None else 0
    finally:
        wb.close()
    return {"client": "VBA", "version": xw.__version__,
            "book": {"name": name or path.name, "active_sheet_index": active, "selection": selection},
            "names": names, "sheets": sheets}


def save_payload(payload: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def load_payload(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _ensure_remote_engine() -> None:
    """xlwings registers its remote engine only if a licence key was set when xlwings was first imported;
    register it now if the key was set later (a test sets it for itself with monkeypatch)."""
    import xlwings as xw
    from xlwings.main import Engine

    if "remote" in [e.name for e in xw.engines]:
        return
    from xlwings.pro import _xlremote  # raises LicenseError without XLWINGS_LICENSE_KEY

    xw.engines.add(Engine(impl=_xlremote.engine))


def mock_caller(payload: dict[str, Any]):
    """A JSON book made from `payload`, set as what `xw.Book.caller()` returns."""
    import xlwings as xw

    _ensure_remote_engine()
    book = xw.Book(json=payload)
    book.set_mock_caller()
    return book


def actions(book) -> list[dict[str, Any]]:
    """The actions the glue sent back to Excel so far, in order."""
    return list(book.json()["actions"])
