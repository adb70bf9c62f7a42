"""`ita merge` end to end: find the files, read the new ones in worker processes, store them, write the overview.

1. discover   inputs -> files (stable order, each real file once)
2. hash       sha256 of every file in this process; content already in the database is not read again
3. read       the new contents in `jobs` worker processes (spawned, Ctrl-C ignored there; started before
              the hashing), a bounded number of chunks in flight, results stored in batches as they
              arrive: memory stays bounded
4. record     this run's files and counters, in one transaction; statuses come from the database's views
5. write      the overview (and the optional CSV/Parquet export) atomically: an interruption leaves the old
              files untouched and no half-written one
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from converters.merge.db import MergeDB, default_db_path, write_faults
from converters.merge.discover import discover
from converters.merge.extract import extract, extract_many, packed, rejected, warm_up, worker_init
from core.atomic import atomic_path
from core.errors import InputError, UnreadableFileError
from core.input_files import open_regular
from core.years import Years

ROSTER_LAST = "last"  # --roster last: the roster (or the agencies) of the database's last round
BATCH = 400  # files per database transaction
CHUNK = 8  # files per worker round trip
IN_FLIGHT = 8  # chunks per worker sent ahead: the workers keep reading while this process stores a batch (a
# COPY or a checkpoint of DuckDB can take a second at 8,000 files; it releases the GIL, so the pool's thread
# hands out the queued chunks meanwhile)
INLINE_BELOW = 48  # fewer new files than this are read in this process (no worker start-up)


@dataclass
class MergeOptions:
    inputs: list[str]
    overview: Path
    db: Path | None = None
    jobs: int = 0  # 0: one per core
    year: int | None = None
    export_dir: Path | None = None
    export_format: str = "csv"
    progress: bool = False
    on_progress: Callable[[int, int], None] | None = None  # (files done, files to read); tests use it
    roster: str | Path | None = None  # a roster file (.xlsx/.csv), or "last": the database's last roster
    today: dt.date | None = None  # the date printed on the overview (default: today)


@dataclass
class MergeStats:
    run_id: int = 0
    files: int = 0
    read: int = 0
    cached: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    year: int | None = None
    overview_rows: dict[str, int] = field(default_factory=dict)
    other_files: int = 0
    duplicate_paths: int = 0
    seconds: float = 0.0
    read_seconds: float = 0.0
    overview_seconds: float = 0.0
    db: Path | None = None
    overview: Path | None = None
    details: Path | None = None  # the companion book of measures and progress
    expected: int | None = None  # roster agencies (None without a roster)
    missing: int = 0
    off_roster: int = 0  # submissions not on the roster, or fitting several roster agencies
    roster_places: int = 0  # roster rows whose province or district is no real place
    exported: list[Path] = field(default_factory=list)
    validator: str = ""


def merge_year(asked: int | None, present: list[int]) -> int | None:
    """The assessed year of the overview: the one asked for (an ITA year, or a fiscal year whose result is
    the year before), else the latest present. A year no file has is refused before the overview is
    written (the files read stay in the database for the next run)."""
    if asked is None:
        return max(present) if present else None
    if asked in present:
        return asked
    if asked - 1 in present:
        return asked - 1
    shown = "; ".join(Years.of_assessed(y).say() for y in present) or "ไม่มีไฟล์ที่อ่านปีได้"
    raise InputError(f"--year {asked}: ไม่มีแบบฟอร์มใดเป็นผลการประเมิน ITA {asked} หรือมาตรการปีงบประมาณ {asked} "
                     f"(ไฟล์ที่รวมมี: {shown}) — ไม่ได้เขียนภาพรวม", english=f"no submission for {asked}")


def _sha256(path: Path) -> tuple[str | None, str]:
    """(sha256, "") of a regular file of a sane size, else (None, the Thai reason it is not read)."""
    h = hashlib.sha256()
    try:
        with open_regular(path) as fh:  # a FIFO, a device or a 2 GB file: refused before any byte is read
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except UnreadableFileError as err:
        return None, err.message
    except OSError:
        return None, UNREADABLE_REASON
    return h.hexdigest(), ""


def _size_mtime(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return 0, 0
    return st.st_size, st.st_mtime_ns


def read_tag(path: Path) -> str:
    """What besides the bytes changes how a file is read: its type (.xlsm, .xls) or being an Excel lock file.
    Reads are stored under sha256 + this tag, so the same bytes named .xls and .xlsx get their own reasons."""
    if path.name.startswith("~$"):
        return ":lock"
    suffix = path.suffix.lower()
    return "" if suffix == ".xlsx" else ":" + (suffix[1:] or "none")


class _Progress:
    def __init__(self, total: int, enabled: bool, hook: Callable[[int, int], None] | None) -> None:
        self.total, self.enabled, self.hook = total, enabled, hook
        self.done = 0
        self.t0 = time.perf_counter()
        self.last = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.hook is not None:
            self.hook(self.done, self.total)
        now = time.perf_counter()
        if self.enabled and (now - self.last > 0.1 or self.done >= self.total):
            self.last = now
            rate = self.done / max(now - self.t0, 1e-9)
            width = 30
            fill = int(width * self.done / self.total) if self.total else width
            sys.stderr.write(f"\rอ่านไฟล์ [{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} "
                             f"{rate:,.0f} ไฟล์/วินาที ")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.total:
            sys.stderr.write("\n")
            sys.stderr.flush()


UNREADABLE_REASON = "เปิดไฟล์ไม่ได้ (ไม่มีสิทธิ์อ่าน หรือไฟล์ถูกล็อก)"
CRASH_REASON = "ไฟล์นี้ทำให้โปรแกรมอ่านหยุดทำงาน (ไฟล์อาจเสียหรือถูกดัดแปลง) — ขอไฟล์ใหม่"


def start_pool(jobs: int):
    """A pool of `jobs` spawned workers, started now: each imports the reader and loads what every file needs
    (the definition, the catalogue, the gazetteer) while this process is still finding and hashing files."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ex = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=worker_init)
    for _ in range(jobs):
        ex.submit(warm_up)  # a submit starts one worker (concurrent.futures starts them lazily)
    return ex


def _pool_pass(chunks: list[list[tuple[str, str]]], jobs: int, inflight_max: int,
               take: Callable[[list[dict]], None], ex=None) -> tuple[list[list], list[list]]:
    """Read `chunks` in `ex`, or a fresh pool. Returns (chunks in flight when a worker died, chunks never
    sent). The pool is shut down at the end."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    if ex is None:
        ex = start_pool(jobs)
    queue = list(reversed(chunks))
    inflight: dict = {}
    try:
        while queue or inflight:
            while queue and len(inflight) < inflight_max:
                chunk = queue.pop()
                try:
                    inflight[ex.submit(extract_many, chunk)] = chunk
                except BrokenProcessPool:  # a worker died since the last wait: as below
                    queue.append(chunk)
                    ex.shutdown(wait=True, cancel_futures=True)
                    return list(inflight.values()), list(reversed(queue))
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for fut in done:
                chunk = inflight.pop(fut)
                try:
                    results = fut.result()
                except BrokenProcessPool:
                    broken = [chunk, *inflight.values()]
                    ex.shutdown(wait=True, cancel_futures=True)
                    return broken, list(reversed(queue))
                take(results)
    except BaseException:
        stop_pool(ex)
        raise
    ex.shutdown(wait=True)
    return [], []


def stop_pool(ex) -> None:
    """Stop a pool now (Ctrl-C, an error): pending chunks cancelled, workers terminated mid-file."""
    ex.shutdown(wait=False, cancel_futures=True)
    for p in list((getattr(ex, "_processes", None) or {}).values()):
        p.terminate()


def _read_all(db: MergeDB, tasks: list[tuple[str, str]], jobs: int, progress: _Progress, pool=None) -> None:
    """Extract every (path, sha256) and store the rows in batches, with at most IN_FLIGHT chunks per worker in
    flight.

    A worker that dies (a file crashing the reader) costs only a restart: the chunks that were in flight are
    read again one file at a time, one at a time, until the file that kills the reader is found and rejected.
    `pool`: workers started beforehand (start_pool), used for the first pass whatever the number of files."""
    pending: list[dict] = []

    def take(results: list[dict]) -> None:
        pending.extend(results)
        if len(pending) >= BATCH:
            db.insert_content(pending)
            pending.clear()
        progress.step(len(results))

    if pool is not None and not tasks:
        pool.shutdown(wait=False, cancel_futures=True)  # started for files whose content was known after all
        pool = None
    if pool is None and (jobs <= 1 or len(tasks) < INLINE_BELOW):
        for path, sha in tasks:
            take([packed(extract(path, sha))])
    else:
        todo = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
        suspects: list[tuple[str, str]] = []
        while todo:
            broken, todo = _pool_pass(todo, jobs, jobs * IN_FLIGHT, take, pool)
            pool = None
            suspects += [t for chunk in broken for t in chunk]
        singles = [[t] for t in suspects]
        while singles:
            broken, singles = _pool_pass(singles, 1, 1, take)
            for (path, sha), in broken:
                take([packed(rejected(sha, CRASH_REASON))])
    db.insert_content(pending)


def run_merge(opts: MergeOptions) -> MergeStats:
    from core import __version__

    t0 = time.perf_counter()
    started = dt.datetime.now().replace(microsecond=0)
    stats = MergeStats(validator="workbook.validation")
    found = discover(opts.inputs)
    if not found.files:
        raise InputError("ไม่พบไฟล์แบบฟอร์ม (.xlsx หรือ .xlsm) ในที่ที่ระบุ", english="no input files")
    stats.files, stats.other_files, stats.duplicate_paths = len(found.files), found.other, found.duplicates
    overview = Path(opts.overview).resolve()
    db_path = Path(opts.db).resolve() if opts.db else default_db_path(overview)
    stats.db, stats.overview = db_path, overview
    if overview.suffix.lower() != ".xlsx":
        raise InputError(f"-o: ภาพรวมต้องเป็นไฟล์ .xlsx ({overview.name})")
    jobs = opts.jobs or os.cpu_count() or 1

    entries = None
    if opts.roster is not None and str(opts.roster) != ROSTER_LAST:
        from converters.merge.roster import read_roster

        entries = read_roster(opts.roster)  # a bad roster stops the merge before any file is read

    with write_faults(db_path), MergeDB(db_path) as db:
        if str(opts.roster) == ROSTER_LAST:
            from converters.merge.roster import entry

            last = db.last_roster()
            if not last:
                raise InputError("ฐานข้อมูลยังไม่มีรายชื่อหรือผลของรอบก่อน จึงใช้ --roster last ไม่ได้ — ระบุไฟล์รายชื่อแทน",
                                 where=str(db_path))
            entries = [entry(i, *row) for i, row in enumerate(last, 1)]
        db.forget_reason(CRASH_REASON)  # a crash may have been the machine's, not the file's: try it again
        known = db.known_hashes()
        states = db.file_states()
        run_id = db.next_run_id()
        stats.run_id = run_id
        files: list[tuple[str, str, int, int, bool]] = []
        tasks: list[tuple[str, str]] = []
        unreadable: list[dict] = []
        scheduled: set[str] = set()
        found_stats = [(p, str(p), *_size_mtime(p)) for p in found.files]
        # same size and modification time to the nanosecond as last time: unchanged, not even hashed
        unchanged = {path for _, path, size, mtime in found_stats
                     if (seen := states.get(path)) is not None and seen[:2] == (size, mtime) and size
                     and seen[2] in known}
        to_read = len(found_stats) - len(unchanged)
        pool = start_pool(jobs) if jobs > 1 and to_read >= INLINE_BELOW else None  # starts while we hash
        try:
            for p, path, size, mtime in found_stats:
                if path in unchanged:
                    sha = states[path][2]
                else:
                    sha, reason = _sha256(p)
                    if sha is not None:
                        sha += read_tag(p)
                if sha is None:  # not opened: a rejected row of its own, keyed by path, time and reason
                    sha = "unreadable:" + hashlib.sha256(f"{path}\0{mtime}\0{reason}".encode()).hexdigest()
                    if sha not in known and sha not in scheduled:
                        unreadable.append(packed(rejected(sha, reason)))
                        scheduled.add(sha)
                cached = sha in known or sha in scheduled
                if not cached and not sha.startswith("unreadable:"):
                    tasks.append((path, sha))
                    scheduled.add(sha)
                files.append((path, sha, size, mtime, sha in known))
            db.insert_content(unreadable)
        except BaseException:
            if pool is not None:
                stop_pool(pool)
            raise
        stats.read = len(tasks) + len(unreadable)
        stats.cached = len(files) - stats.read
        progress = _Progress(len(tasks), opts.progress, opts.on_progress)
        t_read = time.perf_counter()
        try:
            _read_all(db, tasks, jobs, progress, pool)
        finally:
            progress.close()
        stats.read_seconds = time.perf_counter() - t_read

        run = {"run_id": run_id, "started": started, "inputs": [str(i) for i in opts.inputs], "year": opts.year,
               "overview": str(overview), "files": stats.files, "read": stats.read, "cached": stats.cached,
               "jobs": jobs, "validator": stats.validator, "toolkit_version": __version__}
        db.finish_run(run, files, [str(r) for r in found.roots])
        stats.statuses = db.run_counts(run_id)
        stats.year = merge_year(opts.year, db.years_of_run(run_id))

        from converters.merge import summary
        from converters.merge.overview import detail_path, prepare_scope, write_details, write_overview
        from converters.merge.roster import match

        t_ov = time.perf_counter()
        roots = [str(r) for r in found.roots]
        prepare_scope(db, run_id, stats.year or 0)
        matching = None
        if entries is not None:
            db.save_roster(run_id, [(e.display, e.type, e.district, e.province, e.code) for e in entries])
            matching = match(entries, summary.submitted_rows(db.con))
            stats.expected, stats.missing = len(entries), len(matching.missing)
            stats.off_roster = len(matching.unmatched)
            stats.roster_places = sum(1 for e in entries if e.place_note)
        summary.prepare_agencies(db, matching)
        with atomic_path(overview) as tmp:
            stats.overview_rows = write_overview(tmp, db, run_id, stats.year or 0, roots, matching,
                                                 stats.statuses, opts.today)
        stats.details = detail_path(overview)
        with atomic_path(stats.details) as tmp:
            stats.overview_rows.update(write_details(tmp, db, roots, "มาตรการและความก้าวหน้าของทุกหน่วยงาน",
                                                     opts.today))
        stats.overview_seconds = time.perf_counter() - t_ov
        if opts.export_dir is not None:
            from converters.merge.export import export_tables

            stats.exported = export_tables(db, run_id, Path(opts.export_dir), opts.export_format,
                                           [str(r) for r in found.roots])
        stats.seconds = time.perf_counter() - t0
        db.update_run(run_id, finished=dt.datetime.now().replace(microsecond=0), seconds=round(stats.seconds, 3),
                      year=stats.year, **{k: stats.statuses.get(k, 0) for k in
                                          ("merged", "merged_with_errors", "merged_with_warnings", "superseded", "rejected")})
    return stats
