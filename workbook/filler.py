"""Write a Submission's values into the input cells of a freshly built template (samples, fan-out books,
fixtures). Values go in through workbook.cells.put: text a user typed stays text, whatever its first character."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from openpyxl import Workbook

from workbook.cells import put, put_at
from workbook.definition import FIRST_ROW, FORM_FIRST_ROW, Definition, Sheet, column_letter
from workbook.model import Submission, round_label
from workbook.styles import row_height


def _cell_value(value: object) -> object:
    if isinstance(value, tuple):
        return ", ".join(value)
    return value if value != "" else None


def fill(wb: Workbook, sub: Submission, d: Definition) -> None:
    """Put every input value of `sub` where the definition says; formulas are left alone."""
    agency = d.sheet("agency")
    ws = wb[agency.name]
    for r, f in enumerate(agency.fields, FORM_FIRST_ROW):
        value = getattr(sub.agency, f.key)
        put_at(ws, r, 2, round_label(value) or None if f.type == "round" else _cell_value(value))
        _fit(ws, r, (1, 2))

    scores = d.sheet("scores")
    ws = wb[scores.name]
    c_ind, c_score, c_prev = (scores.column_index(k) for k in ("indicator", "score", "previous"))
    r = FIRST_ROW
    while ws.cell(r, c_ind).value is not None:
        n = ws.cell(r, c_ind).value
        put_at(ws, r, c_score, sub.scores.current.get(n))
        put_at(ws, r, c_prev, sub.scores.previous.get(n))
        r += 1
    for name, value in (("PublishedTotal", sub.scores.published_total),
                        ("PublishedRating", sub.scores.published_rating),
                        ("IITRespondents", sub.scores.iit_respondents),
                        ("EITRespondents", sub.scores.eit_respondents)):
        _set_name(wb, name, value)
    _set_name(wb, "FocusIndicator", sub.focus)

    analysis = d.sheet("analysis")
    ws = wb[analysis.name]
    c_ind, c_issue = analysis.column_index("indicator"), analysis.column_index("issue")
    issues = {a.indicator: a.issue for a in sub.analysis}
    r = FIRST_ROW
    while ws.cell(r, c_ind).value is not None:
        put_at(ws, r, c_issue, _cell_value(issues.get(ws.cell(r, c_ind).value, "")))
        _fit_table_row(ws, analysis, r)
        r += 1

    for key, rows in (("measures", sub.measures), ("progress", sub.progress)):
        sheet = d.sheet(key)
        ws = wb[sheet.name]
        for r, item in enumerate(rows, FIRST_ROW):
            values = dataclasses.asdict(item)
            for c, col in enumerate(sheet.columns, 1):
                put_at(ws, r, c, _cell_value(values.get(col.key)))
            _fit_table_row(ws, sheet, r)


def _fit(ws, r: int, columns: Iterable[int]) -> None:
    """Row r tall enough for the wrapped text of its cells in `columns` (in their own width and weight)."""
    height = row_height([(ws.cell(r, c).value, ws.column_dimensions[column_letter(c)].width,
                          bool(ws.cell(r, c).font.b)) for c in columns])
    if height:
        ws.row_dimensions[r].height = height


def _fit_table_row(ws, sheet: Sheet, r: int) -> None:
    _fit(ws, r, [c for c, col in enumerate(sheet.columns, 1) if not col.computed])


def _set_name(wb: Workbook, name: str, value: object) -> None:
    dest = next(iter(wb.defined_names[name].destinations))
    put(wb[dest[0]][dest[1].replace("$", "")], value)
