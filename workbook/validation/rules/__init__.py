"""One small module per area; each `check(ctx)` returns that area's findings."""

from __future__ import annotations

from collections.abc import Callable

from workbook.validation.catalogue import Finding
from workbook.validation.context import Context
from workbook.validation.rules import (
    agency,
    analysis,
    computed,
    coverage,
    criteria,
    dates,
    measures,
    places,
    progress,
    reading,
    scores,
    text,
)

Rule = Callable[[Context], list[Finding]]
RULES: tuple[Rule, ...] = (reading.check, agency.check, places.check, dates.check, scores.check, criteria.check,
                           computed.check, analysis.check, measures.check, coverage.check, progress.check, text.check)
