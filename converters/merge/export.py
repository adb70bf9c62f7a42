"""CSV or Parquet copies of the merged tables of one run (DuckDB writes them; no extra package is needed).

Files: agencies (one row per agency, as on ภาพรวม), scores, tool_scores, analysis, measures, progress,
findings (each with the agency and the source file), and files (every input with its status and reason).
CSV is UTF-8 with a byte-order mark, so Excel shows Thai correctly; in CSV a text that begins with
= + - @ gets a leading ' so a spreadsheet never runs it as a formula. Parquet keeps every value exactly.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from converters.merge.db import MergeDB
from core.atomic import atomic_path
from core.errors import InputError

FORMATS = ("csv", "parquet")
_AGENCY = "o.agency_key, o.province, o.district, o.type, o.agency_name, o.year"
_JOIN_SOURCE = "o.path AS source_file"

QUERIES = {
    "agencies": f"""SELECT {_AGENCY}, o.fiscal_year, o.report_round, o.report_date, o.total, o.rating, o.passed,
                    o.weak, o.weak_list, o.measures, o.weak_covered, o.not_started, o.in_progress, o.done,
                    o.done_pct, o.errors, o.warnings, o.has_macro, o.status, {_JOIN_SOURCE}, o.sha256
                    FROM _ov o ORDER BY o.province COLLATE th, o.district COLLATE th, o.agency_name COLLATE th""",
    "scores": f"""SELECT {_AGENCY}, t.* EXCLUDE (sha256), {_JOIN_SOURCE}
                  FROM _ov o JOIN scores t ON t.sha256 = o.sha256 ORDER BY o.agency_key, t.indicator""",
    "tool_scores": f"""SELECT {_AGENCY}, t.* EXCLUDE (sha256), {_JOIN_SOURCE}
                       FROM _ov o JOIN tool_scores t ON t.sha256 = o.sha256 ORDER BY o.agency_key, t.tool""",
    "analysis": f"""SELECT {_AGENCY}, t.* EXCLUDE (sha256), {_JOIN_SOURCE}
                    FROM _ov o JOIN analysis t ON t.sha256 = o.sha256 ORDER BY o.agency_key, t."row" """,
    "measures": f"""SELECT {_AGENCY}, t.* EXCLUDE (sha256), {_JOIN_SOURCE}
                    FROM _ov o JOIN measures t ON t.sha256 = o.sha256 ORDER BY o.agency_key, t."row" """,
    "progress": f"""SELECT {_AGENCY}, t.* EXCLUDE (sha256), {_JOIN_SOURCE}
                    FROM _ov o JOIN progress t ON t.sha256 = o.sha256 ORDER BY o.agency_key, t."row" """,
    "findings": f"""SELECT {_AGENCY}, t.* EXCLUDE (sha256), {_JOIN_SOURCE}
                    FROM _ov o JOIN findings t ON t.sha256 = o.sha256 ORDER BY o.agency_key, t.sheet, t.cell""",
    "files": """SELECT rf.path, st.status, st.status_reason, st.agency_key, st.agency_name, st.province, st.year,
                st.report_date, st.template_version, st.has_macro, st.errors, st.warnings, st.size, st.mtime,
                rf.cached, st.superseded_by, rf.sha256
                FROM run_files rf LEFT JOIN submission_status st ON st.path = rf.path
                WHERE rf.run_id = {run_id} ORDER BY rf.ord""",
}


def _csv_safe(con, sql: str) -> str:
    """`sql` with every text column that starts like a formula prefixed by '."""
    cols = con.execute(f"DESCRIBE {sql}").fetchall()
    exprs = []
    for name, typ, *_ in cols:
        q = '"' + name.replace('"', '""') + '"'
        if typ == "VARCHAR":
            exprs.append(f"CASE WHEN left({q}, 1) IN ('=', '+', '-', '@') THEN '''' || {q} ELSE {q} END AS {q}")
        else:
            exprs.append(q)
    return f"SELECT {', '.join(exprs)} FROM ({sql})"


def export_tables(db: MergeDB, run_id: int, folder: Path, fmt: str, roots: Sequence[str] = ()) -> list[Path]:
    """Write every table of the run's overview scope (TEMP table _ov must exist) to `folder`; atomic per file."""
    if fmt not in FORMATS:
        raise InputError(f"--export-format: ต้องเป็น {' หรือ '.join(FORMATS)}")
    con = db.con
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, sql in QUERIES.items():
        sql = sql.format(run_id=int(run_id))
        target = folder / f"{name}.{fmt}"
        with atomic_path(target) as tmp:
            tmp.unlink(missing_ok=True)
            if fmt == "parquet":
                con.execute(f"COPY ({sql}) TO '{_sql_path(tmp)}' (FORMAT PARQUET, COMPRESSION ZSTD)")
            else:
                raw = tmp.with_name(tmp.name + ".raw")
                try:
                    con.execute(f"COPY ({_csv_safe(con, sql)}) TO '{_sql_path(raw)}' (FORMAT CSV, HEADER)")
                    with open(tmp, "wb") as dst, open(raw, "rb") as src:
                        dst.write(b"\xef\xbb\xbf")
                        shutil.copyfileobj(src, dst, 1 << 20)
                finally:
                    raw.unlink(missing_ok=True)
        out.append(target)
    return out


def _sql_path(p: Path) -> str:
    return os.fspath(p).replace("'", "''")
