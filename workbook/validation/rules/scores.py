"""Indicator scores: present, within 0–100, at most two decimals, known to the year; the typed total and rating."""

from __future__ import annotations

from core.numbers import decimals_of
from core.thai import to_arabic_digits
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context
from workbook.validation.rules.common import FORMULA_NUMBER_KEYS, SCORE_WHAT, label, score_what

TOLERANCE = 0.01


def check(ctx: Context) -> list[Finding]:
    return _present(ctx) + _range(ctx) + _decimals(ctx) + _as_text(ctx) + _published(ctx)


def _as_text(ctx: Context) -> list[Finding]:
    """Numbers typed or pasted as text ('79.45 ', ๗๖.๒๐): we can read them, the book's formulas cannot."""
    out = []
    for c in ctx.cells:
        if c.key not in FORMULA_NUMBER_KEYS or not isinstance(c.value, str) or not c.value.strip():
            continue
        if (c.sheet, c.address) in ctx.bad:
            continue  # not a number at all: reported as such
        col = c.key.partition(".")[2]
        what, what_en = score_what(col, c.item) if col in SCORE_WHAT else (label(ctx.definition, c.key),) * 2
        out.append(ctx.find("number-typed-as-text", (c.sheet, c.address), row_id=c.item, what=what,
                            what_en=what_en, value=c.value, normalised=to_arabic_digits(c.value).strip()))
    return out


def _present(ctx: Context) -> list[Finding]:
    if ctx.fw is None or not ctx.has_table("scores"):
        return []
    s, out = ctx.sub.scores, []
    known = ", ".join(map(str, ctx.fw.indicator_numbers))
    for n in ctx.fw.indicator_numbers:
        row = s.rows.get(n)
        if s.current.get(n) is None and not ctx.is_bad("scores.score", row):
            out.append(ctx.find("score-missing", ctx.at("scores.score", row), row_id=str(n), indicator=n))
    for n, row in s.rows.items():
        if n not in ctx.fw.indicator_numbers:
            out.append(ctx.find("score-indicator-unknown", ctx.at("scores.indicator", row), row_id=str(n),
                                indicator=n, year=ctx.fw.year, known=known))
    return out


def _range(ctx: Context) -> list[Finding]:
    s, out = ctx.sub.scores, []
    for col, values in (("score", s.current), ("previous", s.previous)):
        for n, v in values.items():
            if v is not None and not 0 <= v <= 100:
                what, what_en = score_what(col, str(n))
                out.append(ctx.find("score-out-of-range", ctx.at(f"scores.{col}", s.rows.get(n)), row_id=str(n),
                                    what=what, what_en=what_en, value=v))
    return out


def _typed_numbers(ctx: Context) -> list[tuple[str, str, tuple[str, str], object]]:
    """(column, indicator, where, value as typed) of every score cell; raw values when read from a book."""
    if ctx.cells:
        return [(c.key.partition(".")[2], c.item, (c.sheet, c.address), c.value) for c in ctx.cells
                if c.key.partition(".")[2] in SCORE_WHAT and c.key.startswith("scores.") and c.value is not None]
    s = ctx.sub.scores
    out = [(col, str(n), ctx.at(f"scores.{col}", s.rows.get(n)), v)
           for col, values in (("score", s.current), ("previous", s.previous)) for n, v in values.items()]
    return out + [("published_total", "", ctx.at("scores.published_total"), s.published_total)]


def _decimals(ctx: Context) -> list[Finding]:
    out = []
    for col, item, where, raw in _typed_numbers(ctx):
        if raw is None or isinstance(raw, bool) or where in ctx.bad:
            continue
        try:
            places = decimals_of(raw if isinstance(raw, str) else round(float(raw), 10))  # type: ignore[arg-type]
        except (ValueError, ArithmeticError):
            continue
        if places > 2:
            what, what_en = score_what(col, item)
            out.append(ctx.find("score-decimals", where, row_id=item, what=what, what_en=what_en,
                                value=str(raw).strip(), decimals=places))
    return out


def _published(ctx: Context) -> list[Finding]:
    r, s, out = ctx.rating, ctx.sub.scores, []
    if r is None or ctx.fw is None:
        return out
    if s.published_total is not None and abs(s.published_total - r.total) > TOLERANCE + 1e-9:
        out.append(ctx.find("total-mismatch", ctx.at("scores.published_total"), typed=s.published_total,
                            computed=r.total, diff=abs(s.published_total - r.total)))
    typed = (s.published_rating or "").strip()
    if typed and _norm(typed) != _norm(r.rating):
        levels = [lv.label for lv in ctx.fw.levels]
        known = {_norm(x): x for x in levels}
        verified = ctx.fw.level(r.rating).verified and (
            _norm(typed) not in known or ctx.fw.level(known[_norm(typed)]).verified)
        code = "rating-mismatch" if verified else "rating-mismatch-unverified"
        out.append(ctx.find(code, ctx.at("scores.published_rating"), typed=typed, computed=r.rating,
                            year=ctx.fw.year, levels=", ".join(levels)))
    return out


def _norm(text: str) -> str:
    return "".join(text.split()).upper()
