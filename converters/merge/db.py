"""The merge database (DuckDB): every file ever merged, its content once per sha256, and the views that decide
which submission counts.

Tables
  submissions, tool_scores, scores, analysis, measures, progress, findings  content, keyed by sha256
  files        every input path seen: its current sha256, size, mtime, and whether it is still there
  runs         one row per `ita merge`, with its counters (files read, reused from the database, …)
  run_files    which files each run was given
Views
  submission_status   every present file with its status (merged, merged_with_errors, merged_with_warnings,
                      superseded, rejected)
                      and reason; superseded = the same agency and year has a newer report (then a newer file)
  current_submissions the winners: one per agency and year, across all runs — history is one query away
  agencies            one row per agency key, with the years it has

Content rows are committed in batches while files are read (a batch is all of some files' rows or none), and
a run's file list and counters in one transaction at its end: an interrupted run leaves the database
consistent and the next run reuses what was already read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from converters.merge import fragments
from converters.merge.tables import CONTENT_TABLES, FRAGMENTS_DDL, NULL, SCHEMA_VERSION, TABLES, columns
from core import REPAIR_TH
from core.atomic import MSG_FULL, is_disk_full, output_error
from core.errors import ItaError

DEFAULT_DB_NAME = "ita-merge.duckdb"
MERGED_STATUSES = ("merged", "merged_with_errors", "merged_with_warnings")
MEMORY_LIMIT = "384MB"  # DuckDB's buffer pool (it spills to disk beyond); workers and Python come on top
CHECKPOINT_AT = "64MB"  # write-ahead log size that triggers a checkpoint (see MergeDB.__init__)
STATUS_TH = {
    "merged": "รวมแล้ว",
    "merged_with_errors": "รวมแล้ว (มีข้อผิดพลาด)",
    "merged_with_warnings": "รวมแล้ว (มีคำเตือน)",
    "superseded": "ถูกแทนที่",
    "rejected": "ไม่รับ",
}

_OTHER_TABLES = {
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "files": ("path VARCHAR PRIMARY KEY, sha256 VARCHAR, size BIGINT, mtime TIMESTAMP, mtime_ns BIGINT, "
              "first_run INTEGER, last_run INTEGER, present BOOLEAN"),
    "runs": ("run_id INTEGER PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, inputs VARCHAR, year INTEGER, "
             "overview VARCHAR, files INTEGER, read INTEGER, cached INTEGER, merged INTEGER, "
             "merged_with_errors INTEGER, merged_with_warnings INTEGER, superseded INTEGER, rejected INTEGER, seconds DOUBLE, jobs INTEGER, "
             "validator VARCHAR, toolkit_version VARCHAR"),
    "run_files": "run_id INTEGER, path VARCHAR, sha256 VARCHAR, cached BOOLEAN, ord INTEGER",
    "rosters": ("run_id INTEGER, ord INTEGER, name VARCHAR, type VARCHAR, district VARCHAR, province VARCHAR, "
                "code VARCHAR"),
}

_VIEWS = (
    """
CREATE OR REPLACE VIEW submission_status AS
WITH present AS (
    SELECT f.path, f.size, f.mtime, f.last_run, s.*
    FROM files f JOIN submissions s ON s.sha256 = f.sha256
    WHERE f.present
), ranked AS (
    SELECT path, row_number() OVER w AS rank_in_agency,
           first_value(path) OVER w AS winner_path,
           first_value(sha256) OVER w AS winner_sha256,
           first_value(report_date) OVER w AS winner_report_date,
           first_value(mtime) OVER w AS winner_mtime
    FROM present WHERE readable
    WINDOW w AS (PARTITION BY agency_key, year ORDER BY report_date DESC NULLS LAST, mtime DESC, path)
)
SELECT p.*,
       CASE WHEN NOT p.readable THEN 'rejected'
            WHEN r.rank_in_agency > 1 THEN 'superseded'
            WHEN p.errors > 0 THEN 'merged_with_errors'
            WHEN p.warnings > 0 THEN 'merged_with_warnings'
            ELSE 'merged' END AS status,
       CASE WHEN NOT p.readable THEN p.reason
            WHEN r.rank_in_agency > 1 THEN
                'ถูกแทนที่ด้วย ' || regexp_extract(r.winner_path, '[^/\\\\]+$') || ' ('
                || CASE WHEN r.winner_sha256 = p.sha256 THEN 'เนื้อหาเหมือนกันทุกไบต์'
                        WHEN r.winner_report_date > p.report_date OR (p.report_date IS NULL AND r.winner_report_date IS NOT NULL)
                            THEN 'วันที่รายงานใหม่กว่า'
                        WHEN r.winner_mtime > p.mtime THEN 'วันที่รายงานเท่ากัน ไฟล์ใหม่กว่า'
                        ELSE 'วันที่รายงานและเวลาไฟล์เท่ากัน เลือกตามชื่อไฟล์' END || ')'
            WHEN p.errors + p.warnings > 0 THEN concat_ws('; ',
                CASE WHEN p.has_macro THEN 'มีแมโคร (ไม่ได้เรียกใช้)' END,
                CASE WHEN p.errors > 0 THEN 'ข้อผิดพลาด ' || p.errors || ' รายการ' END,
                CASE WHEN p.warnings > 0 THEN 'คำเตือน ' || p.warnings || ' รายการ' END)
            ELSE '' END AS status_reason,
       CASE WHEN r.rank_in_agency > 1 THEN r.winner_path END AS superseded_by
FROM present p LEFT JOIN ranked r ON r.path = p.path
""",
    """
CREATE OR REPLACE VIEW current_submissions AS
SELECT * FROM submission_status WHERE status IN ('merged', 'merged_with_errors', 'merged_with_warnings')
""",
    """
CREATE OR REPLACE VIEW agencies AS
SELECT agency_key, arg_max(agency_name, year) AS name, arg_max(type, year) AS type,
       arg_max(district, year) AS district, arg_max(province, year) AS province,
       min(year) AS first_year, max(year) AS last_year, count(*) AS years
FROM current_submissions GROUP BY agency_key
""",
)


@contextlib.contextmanager
def write_faults(path: Path) -> Iterator[None]:
    """A full disk (or a folder we may not write) under the database or the overview as one Thai line; the
    database keeps its last committed state, so the next run works."""
    import errno

    import duckdb

    try:
        yield
    except ItaError:
        raise
    except (duckdb.Error, OSError) as exc:
        if is_disk_full(exc):
            raise ItaError(MSG_FULL, where=str(path), english=str(exc)) from None
        if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise output_error(exc, path, folder=True) from None
        raise


class MergeDB:
    """An open merge database. Use as a context manager; writes go through the methods below."""

    def __init__(self, path: str | Path) -> None:
        try:
            import duckdb
        except ImportError:
            raise ItaError(f"ไม่พบ DuckDB ซึ่งคำสั่ง merge ต้องใช้ (การติดตั้งไม่สมบูรณ์) — {REPAIR_TH}",
                           english="duckdb is not installed") from None

        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            text = str(exc)
            if is_disk_full(exc):
                raise ItaError(MSG_FULL, where=str(self.path), english=text) from None
            if "lock" in text.lower():
                raise ItaError("ฐานข้อมูลถูกเปิดใช้งานโดยโปรแกรมอื่นอยู่ — ปิดโปรแกรมนั้นแล้วลองใหม่",
                               where=str(self.path), english="database locked") from None
            raise ItaError(f"เปิดฐานข้อมูลไม่ได้ ({text.splitlines()[0]})", where=str(self.path)) from None
        except (duckdb.Error, OSError) as exc:
            raise ItaError(f"เปิดฐานข้อมูลไม่ได้ — ไม่ใช่ไฟล์ฐานข้อมูล DuckDB หรือไฟล์เสีย ({type(exc).__name__})",
                           where=str(self.path)) from None
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")  # the merge's memory stays bounded
        # a checkpoint rewrites the sha256 index whole: at 16 MB of log (the default) a merge of 8,000 files
        # checkpoints ever more slowly about 20 times; measured best at 64 MB (3.6 s of storing, was 4.4 s)
        self.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_AT}'")
        self._ensure_schema()

    def __enter__(self) -> MergeDB:  # noqa: PYI034
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.con.close()
        except Exception:  # noqa: BLE001, S110 - a connection a failed write invalidated: nothing left to save
            pass

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN … COMMIT; on any failure a ROLLBACK that cannot fail in turn: a COMMIT that failed (a full
        disk) has ended the transaction already, and the database keeps its last committed state."""
        import duckdb

        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise

    # -- schema -----------------------------------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        con = self.con
        con.execute(f"CREATE TABLE IF NOT EXISTS meta ({_OTHER_TABLES['meta']})")
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and int(row[0]) != SCHEMA_VERSION:
            raise ItaError(f"ฐานข้อมูลนี้สร้างด้วยโปรแกรมรุ่นอื่น (โครงสร้างรุ่น {row[0]}) — ใช้ --db ชื่อไฟล์ใหม่",
                           where=str(self.path))
        with self.transaction():
            for name, cols in TABLES.items():
                con.execute(f'CREATE TABLE IF NOT EXISTS {name} ({", ".join(f"{_q(c)} {t}" for c, t in cols)})')
            for name, ddl in _OTHER_TABLES.items():
                con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({ddl})")
            con.execute(f"CREATE TABLE IF NOT EXISTS fragments ({FRAGMENTS_DDL})")
            frag = con.execute("SELECT value FROM meta WHERE key = 'fragments_version'").fetchone()
            if frag is None or int(frag[0]) != fragments.VERSION:  # pieces of another layout: read files again
                for name in (*CONTENT_TABLES, "fragments"):
                    con.execute(f"DELETE FROM {name}")
                con.execute("INSERT OR REPLACE INTO meta VALUES ('fragments_version', ?)", [str(fragments.VERSION)])
            for view in _VIEWS:
                con.execute(view)
            if row is None:
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    # -- reading state ----------------------------------------------------------------------------------------
    def known_hashes(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT sha256 FROM submissions").fetchall()}

    def forget_reason(self, reason: str) -> None:
        """Drop the stored reads rejected for `reason`, so their files are read again."""
        self.con.execute("DELETE FROM submissions WHERE reason = ?", [reason])

    def file_states(self) -> dict[str, tuple[int, int, str]]:
        """path -> (size, mtime_ns, sha256) as the last run that saw it recorded them."""
        rows = self.con.execute("SELECT path, size, mtime_ns, sha256 FROM files").fetchall()
        return {p: (s, m, h) for p, s, m, h in rows}

    # -- writing content --------------------------------------------------------------------------------------
    def insert_content(self, results: Sequence[dict]) -> None:
        """Stored rows of many files (extract.packed), in one transaction: all of a file's rows or none.

        Table rows come as CSV text and go in with one COPY per table (DuckDB's parser, not a Python loop);
        the overview's pieces (bytes) through a small DataFrame."""
        if not results:
            return
        con = self.con
        with self.transaction():
            for table in CONTENT_TABLES:
                parts = [r["csv"][table] for r in results if table in r.get("csv", {})]
                if parts:
                    self._copy_csv(table, "".join(parts), columns(table))
            frags = [r["csv"]["fragments"] for r in results if "fragments" in r.get("csv", {})]
            if frags:  # the pieces travel as base64 text in the CSV
                con.execute("CREATE OR REPLACE TEMP TABLE _frag (sha256 VARCHAR, sheet VARCHAR, data VARCHAR, "
                            "crc UBIGINT, op UBIGINT, length BIGINT, rows INTEGER)")
                self._copy_csv("_frag", "".join(frags))
                con.execute("INSERT INTO fragments SELECT sha256, sheet, from_base64(data), crc, op, length, rows "
                            "FROM _frag")
                con.execute("DROP TABLE _frag")

    def _copy_csv(self, table: str, text: str, cols: Sequence[str] = ()) -> None:
        """COPY CSV text (NULL written as tables.NULL) into `table` through a temporary file."""
        tmp = self.path.with_name(f".{self.path.name}.batch.csv")
        try:
            tmp.write_text(text, encoding="utf-8")
            names = f" ({', '.join(_q(c) for c in cols)})" if cols else ""
            self.con.execute(f"COPY {table}{names} FROM '{_sql_str(tmp)}' (FORMAT CSV, HEADER false, "
                             f"NULLSTR '{NULL}', QUOTE '\"', ESCAPE '\"', DELIM ',', NEW_LINE '\\n', "
                             "AUTO_DETECT false)")
        finally:
            tmp.unlink(missing_ok=True)

    def insert_rows(self, table: str, rows: Sequence[Sequence[object]]) -> None:
        """Many rows into `table` (a TEMP table too) with one COPY: executemany goes row by row (0.3 ms each)."""
        if rows:
            self._copy_rows(table, rows)

    def _copy_rows(self, table: str, rows: Sequence[tuple]) -> None:
        import csv
        import io

        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([[NULL if v is None else v for v in r] for r in rows])
        self._copy_csv(table, buf.getvalue())

    # -- runs -------------------------------------------------------------------------------------------------
    def next_run_id(self) -> int:
        return int(self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0])

    def finish_run(self, run: dict, files: Iterable[tuple[str, str, int, int, bool]], covered: Sequence[str]) -> None:
        """Record a run: its files (path, sha256, size, mtime_ns, cached), then mark as gone the files that
        used to be under the folders it searched (`covered`) but were not found this time."""
        con = self.con
        run_id = run["run_id"]
        recs = [(p, h, s, dt.datetime.fromtimestamp(m / 1e9), m, run_id, run_id, True, c, i)
                for i, (p, h, s, m, c) in enumerate(files)]
        with self.transaction():
            con.execute("CREATE OR REPLACE TEMP TABLE _run (path VARCHAR, sha256 VARCHAR, size BIGINT, "
                        "mtime TIMESTAMP, mtime_ns BIGINT, first_run INTEGER, last_run INTEGER, present BOOLEAN, "
                        "cached BOOLEAN, ord INTEGER)")
            self._copy_rows("_run", recs)
            con.execute("""
                INSERT INTO files SELECT path, sha256, size, mtime, mtime_ns, first_run, last_run, present
                FROM _run
                ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
                    mtime = excluded.mtime, mtime_ns = excluded.mtime_ns, last_run = excluded.last_run,
                    present = TRUE""")
            con.execute("INSERT INTO run_files SELECT ?, path, sha256, cached, ord FROM _run", [run_id])
            for root in covered:
                prefix = root.rstrip("/\\") + os.sep
                con.execute("UPDATE files SET present = FALSE WHERE last_run <> ? AND starts_with(path, ?)",
                            [run_id, prefix])
            cols = [c for c in run if c in _RUN_COLUMNS]
            con.execute(f"INSERT INTO runs ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        [json.dumps(run[c], ensure_ascii=False) if c == "inputs" else run[c] for c in cols])

    def save_roster(self, run_id: int, entries: Sequence[tuple]) -> None:
        """The roster a run was given, (name, type, district, province, code) per agency: `--roster last`."""
        self.con.execute("DELETE FROM rosters WHERE run_id = ?", [run_id])
        self.insert_rows("rosters", [(run_id, i, *e) for i, e in enumerate(entries, 1)])

    def last_roster(self, before_run: int | None = None) -> list[tuple]:
        """The roster of the latest run that had one; else every agency of the latest year merged (the
        agencies that sent last round), as (name, type, district, province, code)."""
        limit = before_run if before_run is not None else 1 << 30
        rows = self.con.execute("""
            SELECT name, type, district, province, code FROM rosters
            WHERE run_id = (SELECT max(run_id) FROM rosters WHERE run_id < ?) ORDER BY ord""", [limit]).fetchall()
        if rows:
            return rows
        return self.con.execute("""
            SELECT agency_name, type, district, province, '' FROM current_submissions
            WHERE year = (SELECT max(year) FROM current_submissions)
            ORDER BY province COLLATE th, district COLLATE th, agency_name COLLATE th""").fetchall()

    def run_counts(self, run_id: int) -> dict[str, int]:
        rows = self.con.execute("""
            SELECT coalesce(st.status, 'rejected'), count(*) FROM run_files rf
            LEFT JOIN submission_status st ON st.path = rf.path
            WHERE rf.run_id = ? GROUP BY ALL""", [run_id]).fetchall()
        return {k: int(v) for k, v in rows}

    def update_run(self, run_id: int, **values) -> None:
        sets = ", ".join(f"{k} = ?" for k in values)
        self.con.execute(f"UPDATE runs SET {sets} WHERE run_id = ?", [*values.values(), run_id])

    def years_of_run(self, run_id: int) -> list[int]:
        rows = self.con.execute("""
            SELECT DISTINCT s.year FROM run_files rf JOIN submissions s ON s.sha256 = rf.sha256
            WHERE rf.run_id = ? AND s.readable AND s.year IS NOT NULL ORDER BY 1""", [run_id]).fetchall()
        return [int(r[0]) for r in rows]


_RUN_COLUMNS = {c.split()[0] for c in _OTHER_TABLES["runs"].split(", ")}


def _q(name: str) -> str:
    return f'"{name}"'


def _sql_str(p: Path) -> str:
    return str(p).replace("'", "''")


def default_db_path(overview: str | Path) -> Path:
    """The database beside the overview: one per folder, so the years merged there accumulate."""
    return Path(overview).resolve().parent / DEFAULT_DB_NAME
