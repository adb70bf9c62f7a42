"""Every date cell: a Buddhist-era year typed (accepted, said once per column) and a year that is a typo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from core.thai import to_arabic_digits
from workbook import values as V
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context, date_params, plausible
from workbook.validation.rules.common import label

DATE_KEYS = ("agency.report_date", "measures.start", "measures.end", "progress.as_of")


def check(ctx: Context) -> list[Finding]:
    out = _be_typed(ctx)
    for key, row, row_id, d in typed_dates(ctx):
        if not plausible(d):
            out.append(ctx.find("date-implausible", ctx.at(key, row), row_id=row_id, label=label(ctx.definition, key),
                                year=d.year))
    return out


def typed_dates(ctx: Context) -> Iterator[tuple[str, int | None, str, dt.date]]:
    """(key, row, row id, date) of every date the submission holds."""
    if ctx.sub.agency.report_date:
        yield "agency.report_date", None, "", ctx.sub.agency.report_date
    for m in ctx.sub.measures:
        for col in ("start", "end"):
            if getattr(m, col):
                yield f"measures.{col}", m.row, m.id, getattr(m, col)
    for p in ctx.sub.progress:
        if p.as_of:
            yield "progress.as_of", p.row, p.measure_id, p.as_of


def _be_year(raw: object) -> dt.date | None:
    """The date read from `raw` when it was typed with a BE year."""
    try:
        d = V.as_date(raw)
    except (ValueError, TypeError, OverflowError):
        return None
    if d is None:
        return None
    if isinstance(raw, dt.date):
        return d if raw.year > 2400 else None
    if isinstance(raw, str) and str(d.year + 543) in to_arabic_digits(raw):
        return d
    if isinstance(raw, str) and str(d.year + 543)[2:] == to_arabic_digits(raw).strip()[-2:]:
        return d  # a two-digit year is BE: 27/4/66
    return None


def _be_typed(ctx: Context) -> list[Finding]:
    first: dict[str, tuple[str, str, dt.date]] = {}
    count: dict[str, int] = {}
    for c in ctx.cells:
        if c.key not in DATE_KEYS:
            continue
        d = _be_year(c.value)
        if d is not None:
            first.setdefault(c.key, (c.sheet, c.address, d))
            count[c.key] = count.get(c.key, 0) + 1
    return [ctx.find("date-be-typed", (sheet, address), label=label(ctx.definition, key), count=count[key],
                     **date_params("date", d)) for key, (sheet, address, d) in first.items()]
