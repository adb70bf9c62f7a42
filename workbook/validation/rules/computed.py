"""What the book shows is what the toolkit computes: its computed cells (a total typed over the TotalScore
formula, a weight typed over a lookup) checked against core.scoring and the framework.

Only cells that show a value are checked (a book saved by openpyxl holds formulas without values), and not
when a score was typed as text: Excel's formulas read text otherwise, which the score rules report.
"""

from __future__ import annotations

from collections.abc import Callable

from core.frameworks.model import Framework
from core.numbers import excel_round, parse_number
from core.scoring import Result, category, total_exact
from workbook import formulas as F
from workbook.reader import RawCell
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context
from workbook.validation.rules.common import label

EXACT = 1e-6  # products and lookups: the same double arithmetic as Excel's
ROUNDED = 0.005  # values the template rounds to two decimals


def check(ctx: Context) -> list[Finding]:
    if ctx.fw is None or not ctx.computed or _text_scores(ctx):
        return []
    expected = _expected(ctx, ctx.fw, ctx.rating)
    out = []
    for c in ctx.computed:
        shown = c.value
        if isinstance(shown, str) and (not shown.strip() or shown[0] in "#="):
            continue  # blank, an error value of the formula itself, or a grid of formulas rather than values
        want = expected.get((c.key, c.item))
        if want is None:
            continue
        value, tolerance = want
        if not _same(shown, value, tolerance):
            th, en = _label(ctx, c)
            out.append(ctx.find("computed-cell-differs", (c.sheet, c.address), row_id=c.item, label=th,
                                label_en=en, shown=_show(shown), computed=_show(value)))
    return out


def _text_scores(ctx: Context) -> bool:
    """A score or previous score typed as text (the book's formulas read it otherwise than the toolkit)."""
    return any(c.key in ("scores.score", "scores.previous") and isinstance(c.value, str) and c.value.strip()
               for c in ctx.cells)


Expected = dict[tuple[str, str], tuple[object, float]]


def _expected(ctx: Context, fw: Framework, r: Result | None) -> Expected:
    """(cell key, item) -> (value the template's formula gives, tolerance)."""
    out: Expected = {}
    current, previous = ctx.sub.scores.current, ctx.sub.scores.previous
    for ind in fw.indicators:
        n, item = ind.number, str(ind.number)
        out[("scores.tool", item)] = (ind.tool, 0)
        out[("scores.weight", item)] = (ind.weight, EXACT)
        score = current.get(ind.number)
        if score is None:
            continue
        out[("scores.weighted", item)] = (ind.weight * score, EXACT)
        if previous.get(n) is not None:
            out[("scores.change", item)] = (excel_round(score - previous[n]), ROUNDED)
        out[("analysis.score", item)] = (score, EXACT)
        out[("analysis.pass", item)] = (F.INDICATOR_PASS[0 if score >= fw.pass_mark else 1], 0)
        out[("analysis.gap", item)] = (excel_round(max(0.0, fw.pass_mark - score)), ROUNDED)
        out[("analysis.potential_gain", item)] = (excel_round(ind.weight * (100 - score)), ROUNDED)
        out[("analysis.category", item)] = (category(fw, score), 0)
    if r is not None:
        out[("scores.total", "")] = (r.total, ROUNDED)
        out[("scores.rating", "")] = (r.rating, 0)
        out[("scores.pass", "")] = (F.TOTAL_PASS[0 if r.passed else 1], 0)
        out[("scores.gap_to_pass", "")] = (r.gap_to_pass, ROUNDED)
        out.update({("scores.tool_score", code): (v, ROUNDED) for code, v in r.tools.items()})
        out.update({("analysis.priority", str(i.number)): (i.rank, 0) for i in r.indicators})
    if previous and all(previous.get(n) is not None for n in fw.indicator_numbers):
        out[("scores.previous_total", "")] = (excel_round(total_exact(fw, previous)), ROUNDED)  # type: ignore[arg-type]
    staff = ctx.sub.agency.internal_stakeholders
    if staff is not None:
        out[("scores.iit_minimum", "")] = (_iit_minimum(staff), 0)
    return out


def _iit_minimum(staff: int) -> int:
    """The template's IIT minimum sample (workbook.formulas.SUMMARY['iit_minimum'])."""
    if staff < 30:
        return staff
    return 100 if staff > 1000 else max(30, -(-staff // 10))


def _same(shown: object, value: object, tolerance: float) -> bool:
    if isinstance(value, str):
        return str(shown).strip() == value
    try:
        number = parse_number(shown)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False
    return abs(number - float(value)) <= tolerance + 1e-9 * abs(float(value))  # type: ignore[arg-type]


def _show(value: object) -> str:
    if isinstance(value, float):
        text = f"{value:.4f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return str(value)


_SUMMARY_EN: dict[str, Callable[[str], str]] = {
    "tool_score": lambda tool: f"The {tool} score", "total": lambda _: "The computed total",
    "rating": lambda _: "The rating", "pass": lambda _: "The pass result", "gap_to_pass": lambda _: "The gap to pass",
    "previous_total": lambda _: "The previous total", "iit_minimum": lambda _: "The IIT minimum sample",
}


def _label(ctx: Context, c: RawCell) -> tuple[str, str]:
    """(Thai, English) name of a computed cell: 'คะแนนรวม (คำนวณ)', 'น้ำหนัก ของตัวชี้วัด 9'."""
    table, _, col = c.key.partition(".")
    if c.item and table in ("scores", "analysis") and col not in _SUMMARY_EN:
        return (f"{label(ctx.definition, c.key)} ของตัวชี้วัด {c.item}",
                f"The '{col}' of indicator {c.item}")
    for item in ctx.definition.sheet("scores").summary:
        if item.key == col:
            return item.label.format(tool=c.item), _SUMMARY_EN.get(col, lambda _: col)(c.item)
    return c.key, c.key
