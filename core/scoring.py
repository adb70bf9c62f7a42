"""Scores, totals, ratings and gaps, computed exactly as the NACC does and the template's formulas do.

Everything here is pure: a Framework and numbers in, frozen dataclasses out.
Rounding happens once, at the end, as Excel's ROUND does (see core.numbers.excel_round).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.errors import InputError
from core.frameworks.model import CONFIRMED, Framework, Level
from core.numbers import excel_round

Scores = Mapping[int, float]


@dataclass(frozen=True)
class Need:
    """The score one indicator alone would need to reach a target (a pass, or the next level)."""

    target: str
    score: float | None  # None: already reached, or not reachable alone
    reachable: bool
    already: bool = False


@dataclass(frozen=True)
class IndicatorResult:
    number: int
    name_th: str
    name_en: str
    tool: str
    score: float
    weight: float
    passed: bool
    gap: float  # distance to the pass mark, 0 when passed
    potential_gain: float  # points of total still available: weight x (100 - score)
    rank: int  # 1 = the largest potential gain
    need_pass: Need | None  # None when not asked for (rate(..., needs=False))
    need_next: Need | None
    previous: float | None = None
    change: float | None = None


@dataclass(frozen=True)
class Result:
    year: int
    total: float
    total_exact: float
    tools: dict[str, float]
    rating: str
    passed: bool
    verified: bool
    unverified_reasons: tuple[str, ...]
    pass_mark: float
    gap_to_pass: float
    next_level: str | None
    gap_to_next: float | None
    indicators: tuple[IndicatorResult, ...] = ()
    possible_ratings: tuple[str, ...] = ()
    previous_total: float | None = None
    total_change: float | None = None
    previous_rating: str | None = None
    notes: tuple[str, ...] = field(default=())

    def levers(self) -> tuple[IndicatorResult, ...]:
        """Indicators ranked by the total they could still add, largest first."""
        return tuple(sorted(self.indicators, key=lambda i: i.rank))


def check_scores(fw: Framework, scores: Scores, *, what: str = "คะแนน") -> dict[int, float]:
    """Every indicator of the year present, known and within 0–100."""
    expected = set(fw.indicator_numbers)
    unknown = sorted(set(scores) - expected)
    if unknown:
        raise InputError(f"{what}: ตัวชี้วัด {', '.join(map(str, unknown))} ไม่มีในเกณฑ์ปี {fw.year}")
    missing = sorted(expected - set(scores))
    if missing:
        raise InputError(f"{what}: ขาดคะแนนตัวชี้วัด {', '.join(map(str, missing))} ของปี {fw.year}")
    out = {}
    for n in fw.indicator_numbers:
        v = float(scores[n])
        if not math.isfinite(v) or not 0 <= v <= 100:
            raise InputError(f"{what}: คะแนนตัวชี้วัด {n} = {scores[n]} ต้องอยู่ระหว่าง 0 ถึง 100")
        out[n] = v
    return out


def category(fw: Framework, score: float | None) -> str:
    """The analysis category of an indicator's score, as the framework sets it (fw.categories): below the
    pass mark, from it to below keep_mark, or from keep_mark; "" without a score. The template's formula
    (workbook.formulas) says the same."""
    if score is None:
        return ""
    c = fw.categories
    if score < fw.pass_mark:
        return c.weak
    return c.improve if score < c.keep_mark else c.keep


def tool_scores_exact(fw: Framework, scores: Scores) -> dict[str, float]:
    """Each tool's weighted mean of its indicators, unrounded."""
    out = {}
    for tool in fw.tools:
        inds = fw.indicators_of(tool.code)
        out[tool.code] = sum(i.weight * scores[i.number] for i in inds) / sum(i.weight for i in inds)
    return out


def total_exact(fw: Framework, scores: Scores) -> float:
    """The weighted total before rounding, summed in the framework's indicator order."""
    return sum(i.weight * scores[i.number] for i in fw.indicators)


def level_for(fw: Framework, total: float, tools: Mapping[str, float] | None = None) -> Level:
    """The highest level whose conditions hold. `total` and `tools` are the rounded figures."""
    t = excel_round(total)
    for lv in fw.levels:
        if t < lv.min:
            continue
        if lv.min_each_tool is not None and (
                tools is None or any(excel_round(v) < lv.min_each_tool for v in tools.values())):
            continue
        return lv
    return fw.levels[-1]


def _level_rank(fw: Framework, label: str) -> int:
    """0 for the highest level."""
    return [lv.label for lv in fw.levels].index(label)


def _next_level(fw: Framework, current: Level) -> Level | None:
    i = _level_rank(fw, current.label)
    return fw.levels[i - 1] if i > 0 else None


def _rate_scores(fw: Framework, scores: Scores) -> tuple[float, Level]:
    total = excel_round(total_exact(fw, scores))
    return total, level_for(fw, total, tool_scores_exact(fw, scores))


def _need(fw: Framework, scores: Scores, number: int, reached, target: str) -> Need:
    """Smallest score (in hundredths) of one indicator that makes `reached(scores)` true."""
    if reached(scores):
        return Need(target, None, True, already=True)
    trial = dict(scores)
    trial[number] = 100.0
    if not reached(trial):
        return Need(target, None, False)
    lo, hi = math.ceil(excel_round(scores[number]) * 100), 10000  # hi always reaches
    while lo < hi:
        mid = (lo + hi) // 2
        trial[number] = mid / 100
        if reached(trial):
            hi = mid
        else:
            lo = mid + 1
    return Need(target, hi / 100, True)


def _unverified(fw: Framework, level: Level, tools_known: bool) -> tuple[str, ...]:
    reasons = []
    if tools_known and fw.weights_confidence != CONFIRMED:
        reasons.append(f"น้ำหนักแบบวัดของปี {fw.year} ยังไม่ได้รับการยืนยัน ({fw.weights_source})")
    if tools_known and fw.indicators_confidence != CONFIRMED:
        reasons.append(f"โครงสร้างตัวชี้วัดของปี {fw.year} ยังไม่ได้รับการยืนยัน")
    if not level.verified:
        reasons.append(f"เกณฑ์ระดับ '{level.label}' ของปี {fw.year} ยังไม่ได้รับการยืนยัน "
                       f"({level.source or fw.rating_source})")
    return tuple(reasons)


def rate_total(fw: Framework, total: float) -> Result:
    """Rate a published total alone (no indicator scores)."""
    if not math.isfinite(total) or not 0 <= total <= 100:
        raise InputError(f"คะแนนรวม {total} ต้องอยู่ระหว่าง 0 ถึง 100")
    t = excel_round(total)
    candidates = tuple(lv for lv in fw.levels if lv.min <= t <= lv.max)
    plain = level_for(fw, t, None)
    notes = ()
    reasons = list(_unverified(fw, plain, tools_known=False))
    if len(candidates) > 1:
        notes = ("ระดับที่มีเงื่อนไขรายแบบวัดตัดสินไม่ได้จากคะแนนรวมอย่างเดียว: ต้องใช้คะแนนรายตัวชี้วัด",)
        reasons.append("ไม่ทราบคะแนนรายแบบวัด จึงตรวจเงื่อนไขของระดับที่สูงกว่าไม่ได้")
    nxt = _next_level(fw, plain)
    return Result(
        year=fw.year, total=t, total_exact=total, tools={}, rating=plain.label, passed=t >= fw.pass_mark,
        verified=not reasons, unverified_reasons=tuple(reasons), pass_mark=fw.pass_mark,
        gap_to_pass=excel_round(max(0.0, fw.pass_mark - t)), next_level=nxt.label if nxt else None,
        gap_to_next=excel_round(max(0.0, nxt.min - t)) if nxt else None,
        possible_ratings=tuple(lv.label for lv in candidates), notes=notes,
    )


def rate(fw: Framework, scores: Scores, previous: Scores | None = None,
         previous_fw: Framework | None = None, *, needs: bool = True) -> Result:
    """Tool scores, total, rating, pass and every gap for one agency's indicator scores.

    `needs=False` skips the search for the score each indicator alone would need (a tenth of the cost),
    for callers that only rank and rate, such as validation and merge.
    """
    scores = check_scores(fw, scores)
    exact = total_exact(fw, scores)
    tools = tool_scores_exact(fw, scores)
    total, level = _rate_scores(fw, scores)
    nxt = _next_level(fw, level)
    passed = total >= fw.pass_mark

    def reaches_pass(s: Scores) -> bool:
        return _rate_scores(fw, s)[0] >= fw.pass_mark

    def reaches_next(s: Scores) -> bool:
        assert nxt is not None
        return _level_rank(fw, _rate_scores(fw, s)[1].label) <= _level_rank(fw, nxt.label)

    prev: dict[int, float] | None = None
    prev_total = prev_rating = None
    if previous:
        pfw = previous_fw or fw
        prev = check_scores(pfw, previous, what="คะแนนปีก่อน")
        prev_total, prev_level = _rate_scores(pfw, prev)
        prev_rating = prev_level.label

    # ranked on the rounded gain, ties in indicator order: the template's formula does the same
    gains = {i.number: excel_round(i.weight * (100 - scores[i.number])) for i in fw.indicators}
    order = sorted(gains, key=lambda n: (-gains[n], n))
    ranks = {n: r for r, n in enumerate(order, 1)}
    results = []
    for ind in fw.indicators:
        s = scores[ind.number]
        p = prev.get(ind.number) if prev else None
        results.append(IndicatorResult(
            number=ind.number, name_th=ind.name_th, name_en=ind.name_en, tool=ind.tool, score=s,
            weight=ind.weight, passed=excel_round(s) >= fw.pass_mark,
            gap=excel_round(max(0.0, fw.pass_mark - s)), potential_gain=gains[ind.number],
            rank=ranks[ind.number],
            need_pass=_need(fw, scores, ind.number, reaches_pass, "pass") if needs else None,
            need_next=_need(fw, scores, ind.number, reaches_next, nxt.label) if needs and nxt else None,
            previous=p, change=excel_round(s - p) if p is not None else None,
        ))
    gap_next = None
    if nxt is not None:
        gap_next = excel_round(max(0.0, nxt.min - total))
    reasons = _unverified(fw, level, tools_known=True)
    return Result(
        year=fw.year, total=total, total_exact=exact,
        tools={k: excel_round(v) for k, v in tools.items()}, rating=level.label, passed=passed,
        verified=not reasons, unverified_reasons=reasons, pass_mark=fw.pass_mark,
        gap_to_pass=excel_round(max(0.0, fw.pass_mark - total)),
        next_level=nxt.label if nxt else None, gap_to_next=gap_next, indicators=tuple(results),
        previous_total=prev_total,
        total_change=excel_round(total - prev_total) if prev_total is not None else None,
        previous_rating=prev_rating,
    )


def lowest_indicator(fw: Framework, scores: Scores) -> int | None:
    """The indicator with the lowest score (ties: the first), the focus the ITA 2569 guidance proposes; None
    unless every indicator of the year has a score (the template's FocusProposed does the same)."""
    if any(scores.get(n) is None for n in fw.indicator_numbers):
        return None
    return min(fw.indicator_numbers, key=lambda n: (scores[n], fw.indicator_numbers.index(n)))
