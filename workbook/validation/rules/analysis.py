"""The analysis sheet: every indicator below the pass mark has the officer's issue text; the focus indicator
(the officer's choice, else the lowest score) is one the year knows and, where the guidance asks, has a measure."""

from __future__ import annotations

from core.scoring import category
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context
from workbook.validation.rules.coverage import covering


def check(ctx: Context) -> list[Finding]:
    if ctx.fw is None or not ctx.has_table("analysis"):
        return []
    return _issues(ctx) + _focus(ctx)


def _focus(ctx: Context) -> list[Finding]:
    from core.frameworks.documents import focus_rule
    from core.scoring import lowest_indicator

    assert ctx.fw is not None
    where = ctx.at("analysis.focus")
    chosen = ctx.sub.focus
    if chosen is not None and chosen not in ctx.fw.indicator_numbers:
        return [ctx.find("focus-unknown", where, value=chosen, year=ctx.fw.year,
                         known=", ".join(map(str, ctx.fw.indicator_numbers)))]
    rule, _ = focus_rule(ctx.fiscal, ctx.fw)
    focus = chosen if chosen is not None else lowest_indicator(ctx.fw, ctx.sub.scores.current)
    if rule is None or focus is None or covering(ctx.sub.measures, focus):
        return []
    how, how_en = ("เลือกเอง", "chosen") if chosen is not None else ("คะแนนต่ำสุด", "lowest score")
    return [ctx.find("focus-not-covered", where, indicator=focus, name=ctx.indicator_name(focus), how=how,
                     how_en=how_en)]


def _issues(ctx: Context) -> list[Finding]:
    assert ctx.fw is not None
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
