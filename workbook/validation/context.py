"""What every rule needs: the submission, where its cells are, the year's framework and the rating.

Built once per validation from a ReadResult (a file or a live book) or from a bare Submission (cells are
then placed where the template puts them). Rules are pure functions of a Context.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.errors import ItaError
from core.frameworks.model import Framework
from core.scoring import Result, rate
from core.thai import THAI_MONTHS_SHORT
from core.years import fiscal_year
from workbook.definition import (
    FIRST_ROW,
    FORM_FIRST_ROW,
    HEADER_ROW,
    Definition,
    column_letter,
    load_definition,
)
from workbook.model import PLAN_ROUND, Measure, Submission
from workbook.reader import RawCell, ReadIssue, ReadResult
from workbook.validation.catalogue import Finding, entry

GRACE_DAYS = 60  # a round's report is written after the round ends: its dates may run this far past the end
PLAUSIBLE_YEARS = (2015, 2045)  # CE years a date in a submission can have (the template's own validation)


@dataclass
class Context:
    sub: Submission
    file: str
    definition: Definition
    columns: dict[str, dict[str, int]]  # table key -> column key -> column number
    names: dict[str, tuple[str, str]]  # single cells: 'agency.name', 'scores.published_total' -> (sheet, address)
    cells: Sequence[RawCell] = ()
    issues: Sequence[ReadIssue] = ()
    fw: Framework | None = None
    fw_missing: tuple[int, ...] = ()  # years asked for whose framework could not be loaded
    rating: Result | None = None
    bad: set[tuple[str, str]] = field(default_factory=set)  # cells the reader could not convert
    sheets: dict[str, str] = field(default_factory=dict)  # sheet key -> its name in the book (when renamed)
    computed: Sequence[RawCell] = ()  # what the book shows in its computed cells
    criteria: Sequence[RawCell] = ()  # the book's criteria sheet
    has_macros: bool = False

    # -- where ----------------------------------------------------------------------------------
    def at(self, key: str, row: int | None = None) -> tuple[str, str]:
        """(sheet, cell) of an agency field ('agency.name') or a table cell ('measures.title', row)."""
        if key in self.names:
            return self.names[key]
        table, _, col = key.partition(".")
        sheet = self.sheet_name(table)
        c = self.columns.get(table, {}).get(col)
        if c is None:
            return sheet, f"A{row or 1}"
        return sheet, f"{column_letter(c)}{row or HEADER_ROW}"  # no row: the column's header

    def sheet_name(self, key: str) -> str:
        """A sheet's name as the book has it ('scores' -> 'คะแนน', or what the officer renamed it to)."""
        return self.sheets.get(key) or self.definition.sheet(key).name

    def has_table(self, key: str) -> bool:
        return key in self.columns

    def is_bad(self, key: str, row: int | None = None) -> bool:
        return self.at(key, row) in self.bad

    def find(self, code: str, where: tuple[str, str], row_id: str = "", **params: object) -> Finding:
        return entry(code).make(sheet=where[0], cell=where[1] or "A1", file=self.file, row_id=row_id, **params)

    # -- the year -------------------------------------------------------------------------------
    def year_ok(self, key: str) -> bool:
        """The agency's fiscal_year or assessed_year is within the template's range (2562–2575)."""
        f, year = self.definition.sheet("agency").field(key), getattr(self.sub.agency, key)
        return year is not None and (f.min or 0) <= year <= (f.max or 9999)

    @property
    def fiscal(self) -> int | None:
        return self.sub.agency.fiscal_year if self.year_ok("fiscal_year") else None

    def scores(self) -> dict[int, float]:
        """Indicator scores that are numbers within 0–100."""
        return {n: s for n, s in self.sub.scores.current.items() if s is not None and 0 <= s <= 100}

    def weak(self) -> list[tuple[int, float]]:
        """Indicators of the year below the pass mark, as the template's formula decides (unrounded)."""
        if self.fw is None:
            return []
        scores = self.scores()
        return [(n, scores[n]) for n in self.fw.indicator_numbers if n in scores and scores[n] < self.fw.pass_mark]

    def indicator_name(self, n: int) -> str:
        try:
            return self.fw.indicator(n).name_th if self.fw else ""
        except KeyError:
            return ""


def measure_label(m: Measure) -> tuple[str, str]:
    """(Thai, English) name of a measure row: 'มาตรการ M03' or 'มาตรการแถว 9'."""
    if m.id:
        return f"มาตรการ {m.id}", f"Measure {m.id}"
    return f"มาตรการแถว {m.row}", f"The measure on row {m.row}"


# -- dates ---------------------------------------------------------------------------------------

def thai_date(d: dt.date) -> str:
    """2022-10-01 -> '1 ต.ค. 2565'."""
    return f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {d.year + 543}"


def thai_month(d: dt.date) -> str:
    return f"{THAI_MONTHS_SHORT[d.month - 1]} {d.year + 543}"


def fiscal_window(fy: int) -> tuple[dt.date, dt.date]:
    """First and last day of a Thai fiscal year (BE): 2566 -> 1 Oct 2022 .. 30 Sep 2023."""
    first = dt.date(fy - 544, 10, 1)
    assert fiscal_year(first) == fy
    return first, dt.date(fy - 543, 9, 30)


def round_window(fy: int, months: int) -> tuple[dt.date, dt.date]:
    """The 6-month round: 1 Oct .. 31 Mar; the 12-month round: the whole fiscal year; the plan (PLAN_ROUND):
    from 1 Jul before the fiscal year (the result comes out in Aug–Sep) to 31 Mar."""
    first, last = fiscal_window(fy)
    if months == PLAN_ROUND:
        return dt.date(fy - 544, 7, 1), dt.date(fy - 543, 3, 31)
    return (first, dt.date(fy - 543, 3, 31)) if months == 6 else (first, last)


def plausible(d: dt.date) -> bool:
    """A year a submission's date can have; anything else is a typo (2256 for 2566, 27/4/23 read as 1980)."""
    return PLAUSIBLE_YEARS[0] <= d.year <= PLAUSIBLE_YEARS[1]


def in_round(d: dt.date, first: dt.date, last: dt.date) -> bool:
    """Inside the round, or written up to GRACE_DAYS after it ends."""
    return first <= d <= last + dt.timedelta(days=GRACE_DAYS)


def window_params(first: dt.date, last: dt.date) -> dict[str, object]:
    return {"first": thai_date(first), "last": thai_date(last), "first_iso": first.isoformat(),
            "last_iso": last.isoformat(), "grace": GRACE_DAYS}


def date_params(key: str, d: dt.date) -> dict[str, str]:
    return {key: thai_date(d), f"{key}_iso": d.isoformat()}


# -- building --------------------------------------------------------------------------------------

def _framework(sub: Submission) -> tuple[Framework | None, tuple[int, ...]]:
    """The assessed year's framework, else the one of the year before the fiscal year."""
    from core.frameworks import load_year

    a = sub.agency
    years = [y for y in (a.assessed_year, a.fiscal_year - 1 if a.fiscal_year else None) if y]
    missing = []
    for year in dict.fromkeys(years):
        if not 2500 <= year <= 2700:
            continue
        try:
            return load_year(year), tuple(missing)
        except ItaError:
            missing.append(year)
    return None, tuple(missing)


def _rating(fw: Framework | None, sub: Submission) -> Result | None:
    if fw is None:
        return None
    try:
        return rate(fw, {n: s for n, s in sub.scores.current.items() if s is not None}, needs=False)
    except (ItaError, ValueError):
        return None


def _template_names(d: Definition) -> dict[str, tuple[str, str]]:
    agency = d.sheet("agency")
    return {f"agency.{f.key}": (agency.name, f"B{r}") for r, f in enumerate(agency.fields, FORM_FIRST_ROW)}


def context_for_result(result: ReadResult) -> Context:
    d = load_definition()
    table_cells = {f"{s.key}.{c.key}" for s in d.sheets for c in s.columns}
    names = {c.key: (c.sheet, c.address) for c in result.cells if c.key not in table_cells}
    ctx = _context(result.submission, result.source, d, result.columns, names, result.cells, result.issues)
    ctx.sheets, ctx.computed, ctx.criteria = dict(result.sheets), result.computed, result.criteria
    ctx.has_macros = result.has_macros
    return ctx


def _place_rows(sub: Submission, fw: Framework | None) -> Submission:
    """A copy of `sub` whose rows without a worksheet row get the row the builder would give them."""
    sub = copy.deepcopy(sub)
    if not sub.scores.rows:
        order = list(fw.indicator_numbers if fw else ()) + sorted(set(sub.scores.current) - set(
            fw.indicator_numbers if fw else ()))
        sub.scores.rows = {n: FIRST_ROW + i for i, n in enumerate(order)}
    for a in sub.analysis:
        a.row = a.row or sub.scores.rows.get(a.indicator)
    for rows in (sub.measures, sub.progress):
        for i, item in enumerate(rows):
            item.row = item.row or FIRST_ROW + i
    return sub


def context_for_submission(sub: Submission) -> Context:
    d = load_definition()
    sub = _place_rows(sub, _framework(sub)[0])
    columns = {s.key: {c.key: i for i, c in enumerate(s.columns, 1)} for s in d.sheets if s.kind == "table"}
    return _context(sub, sub.source, d, columns, _template_names(d), (), ())


def _context(sub: Submission, file: str, d: Definition, columns: dict[str, dict[str, int]],
             names: dict[str, tuple[str, str]], cells: Sequence[RawCell], issues: Sequence[ReadIssue]) -> Context:
    fw, missing = _framework(sub)
    return Context(sub=sub, file=file, definition=d, columns=columns, names=names, cells=cells, issues=issues, fw=fw,
                   fw_missing=missing, rating=_rating(fw, sub), bad={(i.sheet, i.address) for i in issues})
