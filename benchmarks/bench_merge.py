"""`ita merge` against the real floor: python-calamine reading every sheet of every file, with the same cores.

ITA_BENCH_N (default 2000; 8000 for the national roll-up), ITA_BENCH_OPENPYXL (default 400). In one run:
  - corpus A: N synthetic books (the builder's book with other values patched into its XML; duplicates,
    .xlsm and broken files), cached between runs; corpus B: books written by a real writer (openpyxl, through
    the project's builder), closer to what Excel saves, cached too
  - full merge: `ita merge --jobs 2 --roster …` as a subprocess (discovery, hashing, reading, validation,
    database, roster matching, summary and overview, companion book): wall time, files/s, peak memory
  - floor: python-calamine opening every file and reading every sheet, in 2 worker processes, timed as the
    merge is: a fresh process from its start to its end (interpreter, imports, the 2 workers' start); the
    same read in an already warm pool is printed beside it
  - cost ladder: the same fresh process and workers doing the merge's reading alone (workbook.reader), then
    reading and validating: how much of the distance from the floor each step takes
  - both find the files in the OS cache (every file is read once before either runs): the first timed run
    would otherwise pay the disk for both
  - both run with Python's bytecode cache, as an installed toolkit does (pip writes the .pyc files): a
    PYTHONDONTWRITEBYTECODE in the environment would have every merge, and each of its workers, compile the
    toolkit's sources again at start
  - pandas: pandas.read_excel(sheet_name=None, engine="openpyxl") per file + concat, in 2 worker processes
    (the same cores as the merge), on a subset (ITA_BENCH_BASELINE, default 200) and extrapolated
  - re-merge: 1 % of the files changed, `ita merge` again into the same database

Targets (2-core machine): the whole merge within 2x the floor; 8,000 files under 60 s; peak memory under 1 GB;
re-merge under a tenth of the full merge.
"""

from __future__ import annotations

import csv
import functools
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from devkit.installed_env import installed_env

JOBS = 2
TARGET_RATE = 8000 / 60  # files per second
TARGET_FLOOR = 2.0  # the whole merge at most this many times the calamine floor
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


def _cache_root() -> Path:
    return Path(os.environ.get("ITA_BENCH_CACHE") or Path(tempfile.gettempdir()) / "ita-merge-corpus")


def timed_env() -> dict[str, str]:
    """The environment of the timed processes: bytecode cached in the benchmark's cache folder."""
    return installed_env(_cache_root() / "pycache")


def run_merge_cli(args: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak tree RSS in KB, stdout) of `ita merge ARGS` in a fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cli", "merge", *args, "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=timed_env())
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


# -- the floor and the pandas loop, in worker processes ------------------------------------------------------

def _calamine_chunk(paths: list[str]) -> int:
    from python_calamine import CalamineWorkbook

    cells = 0
    for p in paths:
        try:
            wb = CalamineWorkbook.from_path(p)
            for name in wb.sheet_names:
                cells += sum(len(r) for r in wb.get_sheet_by_name(name).to_python())
        except Exception:  # noqa: BLE001, S112 - broken files cost what they cost, as in the merge
            continue
    return cells


def _merge_steps_chunk(paths: list[str], validate: bool = False) -> int:
    """The merge's reading alone: workbook.reader (names, tables, cell conversions), nothing kept; with
    `validate`, then every rule of `ita validate` (what the merge needs for a file's status). Files done."""
    from workbook.reader import read_workbook

    if validate:
        from workbook.validation import validate_result
    done = 0
    for p in paths:
        try:
            result = read_workbook(p)
            if validate:
                validate_result(result)
            done += 1
        except Exception:  # noqa: BLE001, S112 - broken files cost what they cost, as in the merge
            continue
    return done


# stages of the cost ladder, each timed as the floor is (a fresh process, JOBS spawned workers, every file)
STAGES = {"floor": _calamine_chunk, "reader": _merge_steps_chunk,
          "validate": functools.partial(_merge_steps_chunk, validate=True)}


def _pandas_chunk(paths: list[str]) -> dict:
    import warnings

    import pandas as pd

    frames: dict[str, list] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for p in paths:
            try:
                book = pd.read_excel(p, sheet_name=None, engine="openpyxl")
            except Exception:  # noqa: BLE001, S112 - such loops skip bad files silently
                continue
            for name, df in book.items():
                df["source"] = p
                frames.setdefault(name, []).append(df)
    return {name: pd.concat(dfs, ignore_index=True) for name, dfs in frames.items()}


def _pool_seconds(fn, files: list[Path], chunk: int = 16) -> tuple[float, list]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [[str(f) for f in files[i:i + chunk]] for i in range(0, len(files), chunk)]
    with ProcessPoolExecutor(JOBS, mp_context=multiprocessing.get_context("spawn")) as ex:
        list(ex.map(fn, chunks[:JOBS]))  # warm: imports in both workers, out of the timing
        t0 = time.perf_counter()
        results = list(ex.map(fn, chunks))
        return time.perf_counter() - t0, results


def warm_floor_seconds(files: list[Path]) -> float:
    """python-calamine opening every file and reading every sheet, in JOBS processes already started."""
    return _pool_seconds(_calamine_chunk, files)[0]


def stage_seconds(files: list[Path], tmp: Path, stage: str = "floor") -> float:
    """The floor timed as the merge is: a fresh process that starts JOBS workers, has them read every sheet
    of every file with python-calamine, and exits. `stage` "reader" or "validate": the same process doing
    one more step of the merge's work instead (see STAGES)."""
    listing = tmp / "floor-files.txt"
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "benchmarks.bench_merge", "--stage", stage, str(listing)], check=True,
                   env=timed_env())
    return time.perf_counter() - t0


def _stage_process(stage: str, listing: str) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    files = Path(listing).read_text(encoding="utf-8").splitlines()
    chunks = [files[i:i + 16] for i in range(0, len(files), 16)]
    with ProcessPoolExecutor(JOBS, mp_context=multiprocessing.get_context("spawn")) as ex:
        assert sum(ex.map(STAGES[stage], chunks)) > 0


def cost_ladder(label: str, files: list[Path], tmp: Path, floor: float, wall: float) -> None:
    """Where the merge's time goes beyond the floor: the same files read by the merge's reader alone, then
    also validated, each timed as the floor is; printed as multiples of the floor."""
    reader = stage_seconds(files, tmp, "reader")
    checked = stage_seconds(files, tmp, "validate")
    print(f"{label}: cost ladder, x the floor ({floor:.2f} s): + the reader (names, tables, conversions) "
          f"{reader:.2f} s = {reader / floor:.2f}x; + validation (every rule) {checked:.2f} s = "
          f"{checked / floor:.2f}x; the whole merge (rows, database, roster, overview) {wall:.2f} s = "
          f"{wall / floor:.2f}x", flush=True)


def pandas_seconds_per_file(files: list[Path]) -> float:
    """The pandas loop over `files` in JOBS processes, then concat of the parts in this one; per file."""
    import pandas as pd

    seconds, parts = _pool_seconds(_pandas_chunk, files)
    t0 = time.perf_counter()
    names = {n for p in parts for n in p}
    merged = {n: pd.concat([p[n] for p in parts if n in p], ignore_index=True) for n in names}
    assert merged
    return (seconds + time.perf_counter() - t0) / len(files)


# -- corpora and roster ---------------------------------------------------------------------------------------

def _write_openpyxl(args: tuple) -> None:
    from core.frameworks import load_year
    from devkit import synth
    from workbook.builder import write_template

    path, i, year = args
    write_template(path, load_year(year), synth.varied_submission(i, year, seed=3))


def openpyxl_corpus(n: int, year: int = 2565) -> Path:
    """n books written by openpyxl through the project's builder (cached between runs)."""
    from concurrent.futures import ProcessPoolExecutor

    root = _cache_root() / f"openpyxl-y{year}-n{n}"
    done = root / ".complete"
    if done.exists():
        return root
    root.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(JOBS) as ex:
        list(ex.map(_write_openpyxl, [(root / f"{i:05d}.xlsx", i, year) for i in range(n)], chunksize=16))
    done.write_text("ok")
    return root


def write_roster(path: Path, agencies: list[int], missing: int) -> None:
    """A roster of the corpus' agencies plus `missing` that sent nothing."""
    from devkit import synth

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "จังหวัด"])
        top = max(agencies) + 1
        for i in [*agencies, *range(top, top + missing)]:
            a = synth.agency_for(i, random.Random(f"agency-0-{i}"))
            w.writerow([a.name, a.type, a.district, a.province])


def _merge_vs_floor(label: str, root: Path, files: list[Path], roster: Path, tmp: Path) -> tuple[float, float, int]:
    out = tmp / f"{label}.xlsx"
    wall, peak_kb, stdout = run_merge_cli([str(root), "-o", str(out), "--db", str(tmp / f"{label}.duckdb"),
                                           "--jobs", str(JOBS), "--roster", str(roster)])
    floor = stage_seconds(files, tmp)
    warm = warm_floor_seconds(files)
    print(f"{label}: merge {len(files)} files in {wall:.2f} s ({len(files) / wall:,.0f} files/s); calamine floor "
          f"{floor:.2f} s ({len(files) / floor:,.0f} files/s; {warm:.2f} s in a warm pool) -> merge = "
          f"{wall / floor:.2f}x the floor ({wall / warm:.2f}x the warm pool)", flush=True)
    for line in stdout.strip().splitlines()[:1]:
        print("   " + line)
    return wall, floor, peak_kb


def main() -> bool:
    from devkit import synth

    n = int(os.environ.get("ITA_BENCH_N", "2000"))
    n_base = int(os.environ.get("ITA_BENCH_BASELINE", "200"))
    n_openpyxl = int(os.environ.get("ITA_BENCH_OPENPYXL", "400"))
    t0 = time.perf_counter()
    root, corpus = synth.cached_corpus(n, jobs=JOBS)
    print(f"corpus A: {n} synthetic files under {root} ({time.perf_counter() - t0:.1f} s, cached)", flush=True)
    t0 = time.perf_counter()
    real = openpyxl_corpus(n_openpyxl)
    print(f"corpus B: {n_openpyxl} books written by openpyxl under {real} ({time.perf_counter() - t0:.1f} s, "
          "cached)", flush=True)

    with tempfile.TemporaryDirectory(prefix="ita-bench-merge-") as tmp_name:
        tmp = Path(tmp_name)
        files = [f.path for f in corpus]
        for f in [*files, *real.glob("*.xlsx")]:  # untimed: the files into the OS cache, for both
            Path(f).read_bytes()
        # untimed: fills the bytecode cache (the merge's modules, its workers' and the floor's)
        run_merge_cli([str(f.path) for f in corpus[:60]] + ["-o", str(tmp / "warm.xlsx"), "--jobs", str(JOBS)])
        stage_seconds(files[:JOBS * 16], tmp)
        roster = tmp / "roster.csv"
        write_roster(roster, sorted({f.agency for f in corpus if f.agency is not None}), max(1, n // 100))
        wall, floor, peak_kb = _merge_vs_floor("A synthetic", root, files, roster, tmp)
        cost_ladder("A synthetic", files, tmp, floor, wall)
        rate = n / wall
        real_files = sorted(real.glob("*.xlsx"))
        roster_b = tmp / "roster-b.csv"
        with open(roster_b, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write("ชื่อหน่วยงาน,ประเภท,อำเภอ,จังหวัด\n")
            for i in range(len(real_files)):
                a = synth.varied_submission(i, 2565, seed=3).agency
                fh.write(f"{a.name},{a.type},{a.district},{a.province}\n")
        wall_b, floor_b, peak_b = _merge_vs_floor("B openpyxl", real, real_files, roster_b, tmp)
        cost_ladder("B openpyxl", real_files, tmp, floor_b, wall_b)

        sample = [f.path for f in corpus if f.kind in ("ok", "macro")][:n_base]
        per_file = pandas_seconds_per_file(sample)
        print(f"pandas.read_excel(openpyxl)+concat, {JOBS} processes: {per_file * 1000:.1f} ms/file on "
              f"{len(sample)} files; {n} files ~{per_file * n:.0f} s = {per_file * n / wall:.1f}x the merge",
              flush=True)
        per_file_b = pandas_seconds_per_file(real_files[:n_base])
        print(f"pandas on the openpyxl books, {JOBS} processes: {per_file_b * 1000:.1f} ms/file = "
              f"{per_file_b * len(real_files) / wall_b:.1f}x the merge", flush=True)

        # re-merge with 1 % of the files changed (rewritten with other data; restored afterwards)
        rng = random.Random(7)
        ok = [f for f in corpus if f.kind == "ok"]
        changed = rng.sample(ok, max(1, n // 100))
        for f in changed:
            synth.write_submission(f.path, synth.varied_submission(f.agency, 2565, seed=99))
        try:
            re_wall, re_peak, _re_out = run_merge_cli([str(root), "-o", str(tmp / "A synthetic.xlsx"), "--db",
                                                      str(tmp / "A synthetic.duckdb"), "--jobs", str(JOBS),
                                                      "--roster", str(roster)])
        finally:
            for f in changed:
                synth.write_submission(f.path, synth.varied_submission(f.agency, 2565, seed=0))
        re_ratio = re_wall / wall
        print(f"re-merge, {len(changed)} files changed: {re_wall:.2f} s = {re_ratio:.3f} of the full merge", flush=True)

    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = max(peak_kb, re_peak, peak_b) / 1024
    checks = [
        (f"whole merge vs calamine floor (synthetic): {wall / floor:.2f}x (target <= {TARGET_FLOOR:g}x)",
         wall / floor <= TARGET_FLOOR),
        (f"whole merge vs calamine floor (openpyxl books): {wall_b / floor_b:.2f}x (target <= {TARGET_FLOOR:g}x)",
         wall_b / floor_b <= TARGET_FLOOR),
        (f"8,000 files under 60 s: {rate:,.0f} files/s (target >= {TARGET_RATE:.0f})", rate >= TARGET_RATE),
        ((f"peak memory of the merge (process tree): {peak_mb:,.0f} MB (target < {TARGET_RSS_MB} MB); "
          f"largest single process {child_kb / 1024:,.0f} MB, this benchmark process {self_kb / 1024:,.0f} MB"),
         peak_mb < TARGET_RSS_MB),
        (f"re-merge with 1 % changed at {n}: {re_ratio:.3f} of the full merge (target < {TARGET_REMERGE} at 8,000)",
         re_ratio < TARGET_REMERGE or n < 8000),
    ]
    for text, passed in checks:
        print(("OK   " if passed else "MISS ") + text, flush=True)
    return all(p for _, p in checks)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stage"]:
        _stage_process(sys.argv[2], sys.argv[3])
        sys.exit(0)
    sys.exit(0 if main() else 1)
