"""Every indicator below the pass mark has a measure that lists its number; the biggest gains come first.

A measure covers an indicator when its links list the indicator number (the template's formula counts the
same way): an O item alone does not count, but it tells which indicator the officer meant.
"""

from __future__ import annotations

from core.cell_text import summarise
from core.frameworks import links as L
from workbook.model import Measure
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context


def check(ctx: Context) -> list[Finding]:
    if ctx.fw is None or not ctx.has_table("measures"):
        return []
    return _uncovered(ctx) + _order(ctx)


def covering(measures: list[Measure], n: int) -> list[Measure]:
    return [m for m in measures if str(n) in m.links]


def _uncovered(ctx: Context) -> list[Finding]:
    assert ctx.fw is not None
    rows = {a.indicator: a.row for a in ctx.sub.analysis}
    out = []
    for n, score in ctx.weak():
        if covering(ctx.sub.measures, n):
            continue
        where = ctx.at("analysis.coverage", rows.get(n))
        params = {"indicator": n, "name": ctx.indicator_name(n), "score": score,
                  "pass_mark": f"{ctx.fw.pass_mark:g}"}
        near = [(m, link) for m in ctx.sub.measures for link in m.links if L.indicator_of(ctx.fw, link) == n]
        if not near:
            out.append(ctx.find("coverage-missing", where, row_id=str(n), **params))
            continue
        ids = list(dict.fromkeys(m.id or f"แถว {m.row}" for m, _ in near))
        first = near[0][0]
        out.append(ctx.find("coverage-item-only", where, row_id=str(n), measures=summarise(ids, "มาตรการ"),
                            items=summarise(list(dict.fromkeys(link for _, link in near)), "ข้อ"),
                            example=summarise([str(n), *first.links], "ข้อ"), **params))
    return out


def _order(ctx: Context) -> list[Finding]:
    """One note (info): the highest-gain weak indicator whose first measure comes after one for a smaller gain.

    Only indicators below the pass mark count, and it is a note, not a warning: the standard plan form lists
    measures by group and indicator, so row order is no defect. As a warning over every linked indicator it
    fired on 289 of 300 synthetic books and all five samples and buried the real findings (issue 13)."""
    if ctx.rating is None:
        return []
    results = {i.number: i for i in ctx.rating.indicators}
    weak = {n for n, _ in ctx.weak()}
    first: dict[int, int] = {}
    for pos, m in enumerate(ctx.sub.measures):
        for link in m.links:
            if link.isdigit() and int(link) in weak:
                first.setdefault(int(link), pos)
    ranked = sorted(first, key=lambda n: results[n].rank)
    for i, n in enumerate(ranked):
        later = [o for o in ranked[i + 1:] if first[o] < first[n]]
        if not later:
            continue
        o = min(later, key=lambda x: first[x])
        m, other = ctx.sub.measures[first[n]], ctx.sub.measures[first[o]]
        return [ctx.find("coverage-order", ctx.at("measures.links", m.row), row_id=m.id, indicator=n,
                         gain=results[n].potential_gain, rank=results[n].rank, measure=m.id or "-", row=m.row,
                         other=o, other_gain=results[o].potential_gain, other_row=other.row)]
    return []
