"""Run every benchmarks/bench_*.py module's `main()`; exit 1 if a target was missed."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main(argv: list[str]) -> int:
    wanted = set(argv)
    ok = True
    for info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        if wanted and info.name.removeprefix("bench_") not in wanted:
            continue
        print(f"== {info.name}", flush=True)
        mod = importlib.import_module(f"benchmarks.{info.name}")
        ok = bool(mod.main()) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
