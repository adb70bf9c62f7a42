"""A tiny benchmark harness: time a function warm, compare to a baseline or a target, print one line each."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    name: str
    seconds: float  # median of the runs
    runs: int


def measure(name: str, fn: Callable[[], object], *, repeat: int = 5, warmup: int = 1) -> Measurement:
    """Median wall time of `fn` over `repeat` runs after `warmup` runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return Measurement(name, statistics.median(times), repeat)


def report(m: Measurement, *, target: float | None = None, baseline: Measurement | None = None,
           min_ratio: float | None = None) -> bool:
    """Print one line: time, the ratio to the baseline or to the target, OK or MISS. Returns whether it met it."""
    parts = [f"{m.name}: {m.seconds * 1000:.1f} ms (median of {m.runs})"]
    ok = True
    if baseline is not None:
        ratio = baseline.seconds / m.seconds if m.seconds else float("inf")
        if ratio >= 1:
            parts.append(f"{ratio:.1f}x faster than {baseline.name} ({baseline.seconds * 1000:.1f} ms)")
        else:
            parts.append(f"{1 / ratio:.1f}x the time of {baseline.name} ({baseline.seconds * 1000:.1f} ms)")
        if min_ratio is not None:
            ok = ratio >= min_ratio
            parts.append(f"target >= {min_ratio:g}x")
    if target is not None:
        ok = ok and m.seconds <= target
        parts.append(f"{m.seconds / target:.2f} of the {target * 1000:.0f} ms target")
    print(("OK   " if ok else "MISS ") + " | ".join(parts), flush=True)
    return ok


def report_growth(small: Measurement, large: Measurement, factor: float, *, limit: float) -> bool:
    """One line for how the time grows with the rows: `large` has `factor` times the rows of `small`; linear
    code stays within `limit` times the time (fixed costs keep it below `factor`), quadratic code does not."""
    growth = large.seconds / small.seconds if small.seconds else float("inf")
    ok = growth <= limit
    print(("OK   " if ok else "MISS ") + f"{large.name}: {large.seconds * 1000:.1f} ms | {small.name}: "
          f"{small.seconds * 1000:.1f} ms | {factor:g}x the rows, {growth:.1f}x the time (linear: at most {limit:g}x)",
          flush=True)
    return ok
