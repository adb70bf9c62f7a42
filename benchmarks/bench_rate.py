"""Scoring speed: `rate` with every gap, against computing the bare total (the baseline)."""

from __future__ import annotations

from benchmarks.harness import measure, report
from core.frameworks import load_year
from core.scoring import rate, total_exact

SCORES = dict(zip(range(1, 11), [96.10, 92.12, 94.85, 94.92, 95.72, 96.61, 96.51, 95.23, 41.41, 0.00]))


def main() -> bool:
    fw = load_year(2565)
    base = measure("bare total x1000", lambda: [total_exact(fw, SCORES) for _ in range(1000)])
    full = measure("rate() with gaps and levers x100", lambda: [rate(fw, SCORES) for _ in range(100)])
    # a full rating of 7,800 agencies must stay well under a second of CPU per 100
    return report(full, target=1.0, baseline=base)
