"""The analysis sheet: every indicator below the pass mark has the officer's issue text."""

from __future__ import annotations

from core.scoring import category
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context


def check(ctx: Context) -> list[Finding]:
    if ctx.fw is None or not ctx.has_table("analysis"):
        return []
    rows = {a.indicator: a for a in ctx.sub.analysis}
    out = []
    for n, score in ctx.weak():
        a = rows.get(n)
        if a is not None and a.issue.strip():
            continue
        out.append(ctx.find("analysis-issue-missing", ctx.at("analysis.issue", a.row if a else None), row_id=str(n),
                            indicator=n, name=ctx.indicator_name(n), score=score, pass_mark=f"{ctx.fw.pass_mark:g}",
                            category=category(ctx.fw, score)))
    return out
