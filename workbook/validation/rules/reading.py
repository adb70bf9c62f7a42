"""What the reader could not convert or find: missing tables and columns, text where a number belongs; a row
it did not read (a repeated indicator), cells merged across a table, macros in the file."""

from __future__ import annotations

from workbook.validation.catalogue import Finding, entry
from workbook.validation.context import Context
from workbook.validation.rules.common import SCORE_WHAT, label, score_what

KIND_CODES = {"not_int": "not-a-whole-number", "not_date": "not-a-date"}


def check(ctx: Context) -> list[Finding]:
    out = []
    if ctx.has_macros:
        out.append(entry("workbook-has-macros").make(sheet="", cell="", file=ctx.file))
    version = ctx.sub.template_version
    if version and version != ctx.definition.version:
        out.append(ctx.find("template-old-version", ctx.at("agency.name"), version=version, current=ctx.definition.version))
    items = {(c.sheet, c.address): c.item for c in ctx.cells}
    for issue in ctx.issues:
        where = (issue.sheet, issue.address)
        col = issue.key.partition(".")[2]
        if issue.kind == "missing_table":
            sheet = ctx.definition.sheet(issue.key)
            out.append(ctx.find("table-missing", (issue.sheet, "A1"), table=sheet.title or sheet.table))
        elif issue.kind == "missing_column":
            out.append(ctx.find("column-missing", (issue.sheet, f"A{issue.address}"), column=issue.value,
                                row=issue.address))
        elif issue.kind == "not_number":  # every number cell of the template is a score
            item = items.get(where, "")
            what, what_en = score_what(col, item) if col in SCORE_WHAT else (label(ctx.definition, issue.key),) * 2
            out.append(ctx.find("score-not-number", where, row_id=item, what=what, what_en=what_en,
                                value=issue.value))
        elif issue.kind == "duplicate_key":
            n, first_row = issue.value  # type: ignore[misc]
            out.append(ctx.find("indicator-duplicate", where, row_id=str(n), indicator=n, other_row=first_row))
        elif issue.kind == "merged_across":
            out.append(ctx.find("cells-merged-across", where))
        elif issue.kind == "not_round":
            choices = ctx.definition.lists["ReportRounds"]
            out.append(ctx.find("value-not-in-list", where, label=label(ctx.definition, issue.key), value=issue.value,
                                choices=", ".join(map(str, choices))))
        elif issue.kind in KIND_CODES:
            out.append(ctx.find(KIND_CODES[issue.kind], where, row_id=items.get(where, ""),
                                label=label(ctx.definition, issue.key), value=issue.value))
    return out

