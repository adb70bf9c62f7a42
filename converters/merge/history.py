"""History without SQL: each agency's total and indicator scores across the assessed years in a merge database.

Figures are the stored ones (totals were rounded once, as the NACC and Excel's ROUND do, when each file was
read); a change between years is rounded the same way, so it prints 34.84 and never 34.839999999999996.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from converters.merge.db import MergeDB
from core.numbers import excel_round
from core.thai_names import normalize_thai

UP, DOWN, SAME = "ขึ้น", "ลง", "เท่าเดิม"


def change(new: float | None, old: float | None) -> float | None:
    """new - old rounded as Excel's ROUND(…, 2) does; None when either is missing."""
    if new is None or old is None:
        return None
    return excel_round(new - old)


def direction(delta: float | None) -> str:
    if delta is None:
        return ""
    return UP if delta > 0 else DOWN if delta < 0 else SAME


@dataclass
class AgencyHistory:
    key: str
    name: str
    type: str
    district: str
    province: str
    totals: dict[int, float | None] = field(default_factory=dict)  # year -> total
    ratings: dict[int, str | None] = field(default_factory=dict)
    scores: dict[int, dict[int, float | None]] = field(default_factory=dict)  # indicator -> year -> score

    def total_change(self, year: int) -> float | None:
        """Change of the total from the year before `year` (None if either year is missing)."""
        return change(self.totals.get(year), self.totals.get(year - 1))


def _matches(text: str, pattern: str) -> bool:
    return pattern in normalize_thai(text).replace(" ", "").casefold()


def load_history(db: MergeDB, agency: str | None = None, from_year: int | None = None) -> tuple[list[int],
                                                                                                list[AgencyHistory]]:
    """(years, agencies) from the database's current submissions; `agency` filters by part of the name."""
    con = db.con
    rows = con.execute("""
        SELECT agency_key, year, agency_name, type, district, province, total, rating, sha256
        FROM current_submissions WHERE year >= ? ORDER BY province COLLATE th, district COLLATE th,
             agency_name COLLATE th, year""", [from_year or 0]).fetchall()
    pattern = normalize_thai(agency).replace(" ", "").casefold() if agency else ""
    out: dict[str, AgencyHistory] = {}
    shas: dict[str, tuple[str, int]] = {}
    for key, year, name, typ, district, province, total, rating, sha in rows:
        if pattern and not (_matches(name or "", pattern) or pattern == key.casefold()):
            continue
        h = out.get(key)
        if h is None:
            h = out[key] = AgencyHistory(key, name, typ, district, province)
        h.name, h.type, h.district, h.province = name, typ, district, province  # the latest year's spelling
        h.totals[year] = total
        h.ratings[year] = rating
        shas[sha] = (key, year)
    if shas:
        con.execute("CREATE OR REPLACE TEMP TABLE _hist (sha256 VARCHAR)")
        db.insert_rows("_hist", [(s,) for s in shas])
        for sha, indicator, score in con.execute(
                "SELECT sha256, indicator, score FROM scores JOIN _hist USING (sha256) ORDER BY indicator").fetchall():
            key, year = shas[sha]
            out[key].scores.setdefault(indicator, {})[year] = score
    years = sorted({y for h in out.values() for y in h.totals})
    return years, list(out.values())


def total_rows(years: Sequence[int], agencies: Sequence[AgencyHistory]) -> list[list[object]]:
    """One row per agency: place, name, the total of every year, the last change and its direction."""
    out = []
    for h in agencies:
        last = max(h.totals)
        delta = h.total_change(last)
        out.append([h.province, h.district, h.type, h.name, *(h.totals.get(y) for y in years),
                    h.ratings.get(last), delta, direction(delta)])
    return out


def indicator_rows(years: Sequence[int], agencies: Sequence[AgencyHistory]) -> list[list[object]]:
    """One row per agency and indicator: the score of every year, the change over the last two and its direction."""
    out = []
    for h in agencies:
        for indicator, by_year in sorted(h.scores.items()):
            have = [y for y in years if by_year.get(y) is not None]
            delta = change(by_year[have[-1]], by_year.get(have[-1] - 1)) if have else None
            out.append([h.province, h.district, h.name, indicator,
                        *(None if by_year.get(y) is None else excel_round(by_year[y]) for y in years),
                        delta, direction(delta)])
    return out
