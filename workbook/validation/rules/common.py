"""Shared by the rules: the Thai and English names of cells, and the required cells of a table row."""

from __future__ import annotations

from workbook import values as V
from workbook.definition import Definition
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context

# input cells the template's own formulas compute with: text there (even text that reads as a number) is
# an error, because the book itself cannot use it
FORMULA_NUMBER_KEYS = frozenset({"scores.score", "scores.previous", "agency.internal_stakeholders"})
SCORE_WHAT = {"score": ("คะแนนตัวชี้วัด {n}", "The score of indicator {n}"),
              "previous": ("คะแนนปีก่อนของตัวชี้วัด {n}", "The previous score of indicator {n}"),
              "published_total": ("คะแนนรวมที่ประกาศ", "The published total")}


def label(d: Definition, key: str) -> str:
    """'agency.fiscal_year' -> its label; 'measures.title' -> its header; 'scores.iit_respondents' -> summary."""
    table, _, col = key.partition(".")
    sheet = d.sheet(table)
    if sheet.kind == "form":
        return sheet.field(col).label
    for item in sheet.summary:
        if item.key == col:
            return item.label
    return sheet.column(col).header


def score_what(col: str, indicator: str) -> tuple[str, str]:
    """(Thai, English) name of a score cell: 'คะแนนตัวชี้วัด 9'."""
    th, en = SCORE_WHAT[col]
    return th.format(n=indicator), en.format(n=indicator)


def required(ctx: Context, table: str, row: object, names: tuple[str, str], r: int | None,
             row_id: str) -> list[Finding]:
    """A finding for every required, empty (and not unreadable) cell of a table row."""
    code = "measure-required" if table == "measures" else "progress-required"
    out = []
    for col in ctx.definition.sheet(table).columns:
        key = f"{table}.{col.key}"
        if not col.required or col.key not in ctx.columns.get(table, {}):
            continue  # a missing column is reported once, as such
        if not V.is_blank(_blank(getattr(row, col.key))) or ctx.is_bad(key, r):
            continue
        hint = f" ({col.prompt})" if col.prompt else ""
        out.append(ctx.find(code, ctx.at(key, r), row_id=row_id, label=col.header, measure=names[0],
                            measure_en=names[1], row_label=names[0], row_label_en=names[1], hint=hint))
    return out


def _blank(value: object) -> object:
    return None if value == () else value
