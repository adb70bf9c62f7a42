"""The measures sheet: required cells, unique ids and titles, links the year knows, a period in the fiscal year."""

from __future__ import annotations

from core.frameworks import links as L
from core.thai import to_arabic_digits
from workbook.model import Measure
from workbook.validation.catalogue import Finding
from workbook.validation.context import (
    Context,
    date_params,
    fiscal_window,
    measure_label,
    plausible,
    thai_month,
    window_params,
)
from workbook.validation.rules.common import required


def check(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for m in ctx.sub.measures:
        out += required(ctx, "measures", m, measure_label(m), m.row, m.id)
        out += _links(ctx, m) + _period(ctx, m) + _cadence(ctx, m)
    return out + _duplicates(ctx)


def _links(ctx: Context, m: Measure) -> list[Finding]:
    out = []
    where = ctx.at("measures.links", m.row)
    th, en = measure_label(m)
    for link in m.links:
        if L.kind(link, ctx.fw) == "unknown":
            out.append(ctx.find("link-not-understood", where, row_id=m.id, link=link, measure=th, measure_en=en))
            continue
        if ctx.fw is None:
            continue
        ok, known = L.known_in(ctx.fw, link)
        if not ok:
            code = "link-indicator-unknown" if L.kind(link, ctx.fw) == "indicator" else "link-item-unknown"
            out.append(ctx.find(code, where, row_id=m.id, link=link, measure=th, measure_en=en, year=ctx.fw.year,
                                known=known))
    return out


def _period(ctx: Context, m: Measure) -> list[Finding]:
    th, en = measure_label(m)
    if not (m.start or m.end) or not all(plausible(d) for d in (m.start, m.end) if d):
        return []
    start, end = m.start or m.end, m.end or m.start
    assert start is not None and end is not None
    params = {"measure": th, "measure_en": en, **date_params("start", start), **date_params("end", end)}
    params.update(start=thai_month(start), end=thai_month(end))
    if start > end:
        return [ctx.find("measure-dates-reversed", ctx.at("measures.end", m.row), row_id=m.id, **params)]
    if ctx.fiscal is None:
        return []
    first, last = fiscal_window(ctx.fiscal)
    if end < first.replace(day=1) or start > last:
        return [ctx.find("measure-outside-fiscal-year", ctx.at("measures.start", m.row), row_id=m.id,
                         fiscal=ctx.fiscal, **params, **window_params(first, last))]
    return []


def _cadence(ctx: Context, m: Measure) -> list[Finding]:
    allowed = ctx.definition.lists["Cadences"]
    if not m.reporting or to_arabic_digits(m.reporting) in allowed:
        return []
    th, en = measure_label(m)
    return [ctx.find("cadence-not-in-list", ctx.at("measures.reporting", m.row), row_id=m.id, value=m.reporting,
                     measure=th, measure_en=en, choices=", ".join(allowed))]


def _duplicates(ctx: Context) -> list[Finding]:
    out = []
    ids: dict[str, Measure] = {}
    titles: dict[str, Measure] = {}
    for m in ctx.sub.measures:
        if m.id and m.id in ids:
            out.append(ctx.find("measure-id-duplicate", ctx.at("measures.id", m.row), row_id=m.id, id=m.id,
                                other_row=ids[m.id].row))
        ids.setdefault(m.id, m)
        title = " ".join(to_arabic_digits(m.title).split()).lower()
        if title and title in titles:
            other = titles[title]
            th, en = measure_label(m)
            out.append(ctx.find("measure-duplicate", ctx.at("measures.title", m.row), row_id=m.id, measure=th,
                                measure_en=en, other=measure_label(other)[0], other_row=other.row))
        titles.setdefault(title, m)
    return out
