"""`ita fanout`: one pre-filled book per roster agency, ready to send out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import InputError

__all__ = ["FanoutResult", "fanout"]


@dataclass
class FanoutResult:
    folder: Path
    written: list[Path] = field(default_factory=list)
    with_scores: int = 0
    unmatched: list[str] = field(default_factory=list)  # results rows given to no agency, in Thai
    year_text: str = ""


def fanout(roster: str | Path, out_dir: str | Path, results: str | Path | None = None, year: str | None = None,
           on_book: Callable[[int, int], None] | None = None) -> FanoutResult:
    """Write one book per agency of `roster` into `out_dir` (each atomically); `results` fills the scores."""
    from converters.fanout import book_names, read_results
    from converters.merge.roster import read_roster
    from core.frameworks import load_year
    from core.years import current_years, parse_year, resolve_year
    from workbook.builder import build_template
    from workbook.model import Agency, Scores, Submission

    entries = read_roster(roster)
    years = resolve_year(parse_year(year)) if year else current_years()
    fw = load_year(years.assessed)
    scores = read_results(results, entries, fw.indicator_numbers) if results else None
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError("-o ต้องเป็นโฟลเดอร์", where=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    out = FanoutResult(folder, unmatched=scores.unmatched if scores else [], year_text=years.say())
    from core.atomic import atomic_path

    for i, (e, name) in enumerate(zip(entries, book_names(entries))):
        current = scores.scores.get(i, {}) if scores else {}
        sub = Submission(agency=Agency(name=e.display, type=e.type, district=e.district, province=e.province,
                                       fiscal_year=years.fiscal, assessed_year=years.assessed),
                         scores=Scores(current=dict(current), previous={}), analysis=[], measures=[], progress=[])
        wb = build_template(fw, sub, years=years)
        target = folder / name
        with atomic_path(target) as tmp:
            wb.save(tmp)
        out.written.append(target)
        out.with_scores += bool(current)
        if on_book:
            on_book(i + 1, len(entries))
    return out
