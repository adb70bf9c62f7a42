"""`ita merge` on N synthetic submissions, against the loop a Python user would write instead.

ITA_BENCH_N (default 2000; 8000 for the national roll-up). In one run:
  - the corpus: N real template files with varied data, duplicates and broken files (cached between runs)
  - full merge: `ita merge` as a subprocess, wall time, files/s, peak memory (RSS of the whole process tree
    sampled from /proc, and getrusage's largest process)
  - baseline: pandas.read_excel(sheet_name=None, engine="openpyxl") per file + concat, on a subset
    (ITA_BENCH_BASELINE, default 200 files) and extrapolated per file to N
  - re-merge: 1 % of the files changed, `ita merge` again into the same database

Targets (2-core machine): 8,000 files in under 60 s (so at least 134 files/s at any N), >= 10x the baseline's
throughput, peak memory under 1 GB, re-merge under a tenth of the full merge.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_RATE = 8000 / 60  # files per second
TARGET_RATIO = 10.0
TARGET_RSS_MB = 1024
TARGET_REMERGE = 0.1


def _tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants (Linux /proc), in KB."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(x) for x in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def run_merge_cli(args: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak tree RSS in KB, stdout) of `ita merge ARGS` in a fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cli", "merge", *args, "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    th.join()
    if proc.returncode != 0:
        raise RuntimeError(f"ita merge failed ({proc.returncode}): {err.strip()}")
    return wall, peak[0], out


def baseline(files: list[Path]) -> float:
    """Seconds per file of the pandas loop (read every sheet with openpyxl, then concat per sheet)."""
    import warnings

    import pandas as pd

    frames: dict[str, list] = {}
    ok = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.read_excel(files[0], sheet_name=None, engine="openpyxl")  # warm: imports and caches out of the timing
        t0 = time.perf_counter()
        for f in files:
            try:
                book = pd.read_excel(f, sheet_name=None, engine="openpyxl")
            except Exception:  # noqa: BLE001, S112 - the baseline skips bad files silently, as such loops do
                continue
            ok += 1
            for name, df in book.items():
                df["source"] = str(f)
                frames.setdefault(name, []).append(df)
    merged = {name: pd.concat(dfs, ignore_index=True) for name, dfs in frames.items()}
    seconds = time.perf_counter() - t0
    assert merged and ok
    return seconds / len(files)


def main() -> bool:
    from converters.merge import synth

    n = int(os.environ.get("ITA_BENCH_N", "2000"))
    n_base = int(os.environ.get("ITA_BENCH_BASELINE", "200"))
    t0 = time.perf_counter()
    root, corpus = synth.cached_corpus(n, jobs=2)
    print(f"corpus: {n} files under {root} ({time.perf_counter() - t0:.1f} s, cached between runs)", flush=True)

    with tempfile.TemporaryDirectory(prefix="ita-bench-merge-") as tmp:
        out = Path(tmp) / "ภาพรวม.xlsx"
        db = Path(tmp) / "bench.duckdb"
        args = [str(root), "-o", str(out), "--db", str(db), "--jobs", "2"]
        wall, peak_kb, stdout = run_merge_cli(args)
        rate = n / wall
        print(f"full merge: {n} files in {wall:.1f} s = {rate:,.0f} files/s "
              f"(8,000 files: ~{8000 / rate:.0f} s); overview {out.stat().st_size / 1e6:.1f} MB", flush=True)
        for line in stdout.strip().splitlines()[:2]:
            print("   " + line)

        sample = [f.path for f in corpus if f.kind in ("ok", "macro")][:n_base]
        per_file = baseline(sample)
        base_rate = 1 / per_file
        ratio = rate / base_rate
        print(f"baseline pandas.read_excel(openpyxl)+concat: {per_file * 1000:.0f} ms/file on {len(sample)} files "
              f"= {base_rate:.1f} files/s; {n} files ~{per_file * n:.0f} s", flush=True)

        # re-merge with 1 % of the files changed (rewritten with other data; restored afterwards)
        rng = random.Random(7)
        ok = [f for f in corpus if f.kind == "ok"]
        changed = rng.sample(ok, max(1, n // 100))
        for f in changed:
            synth.write_submission(f.path, synth.varied_submission(f.agency, 2565, seed=99))
        try:
            re_wall, re_peak, re_out = run_merge_cli(args)
        finally:
            for f in changed:
                synth.write_submission(f.path, synth.varied_submission(f.agency, 2565, seed=0))
        re_ratio = re_wall / wall
        print(f"re-merge, {len(changed)} files changed: {re_wall:.2f} s = {re_ratio:.3f} of the full merge", flush=True)
        for line in re_out.strip().splitlines()[1:2]:
            print("   " + line)

    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = max(peak_kb, re_peak) / 1024
    checks = [
        (f"8,000 files under 60 s: {rate:,.0f} files/s (target >= {TARGET_RATE:.0f})", rate >= TARGET_RATE),
        (f"throughput vs baseline: {ratio:.1f}x (target >= {TARGET_RATIO:g}x)", ratio >= TARGET_RATIO),
        ((f"peak memory of the merge (process tree): {peak_mb:,.0f} MB (target < {TARGET_RSS_MB} MB); "
          f"largest single process {child_kb / 1024:,.0f} MB, this benchmark process {self_kb / 1024:,.0f} MB"),
         peak_mb < TARGET_RSS_MB),
        (f"re-merge with 1 % changed: {re_ratio:.3f} of the full merge (target < {TARGET_REMERGE})",
         re_ratio < TARGET_REMERGE),
    ]
    for text, passed in checks:
        print(("OK   " if passed else "MISS ") + text, flush=True)
    return all(p for _, p in checks)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
