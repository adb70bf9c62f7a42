"""The merge database's tables, declared once: the worker fills rows in this column order, db.py creates
the tables from it, and the exports list the same columns.

Content tables are keyed by the file's sha256 (the same bytes are read once, whatever their path; a file
whose type changes how it is read gets a tag: "<sha256>:xlsm", "<sha256>:xls", "<sha256>:lock"), and every
row keeps the sheet and worksheet row it came from.
"""

from __future__ import annotations

SCHEMA_VERSION = 3  # 2: official place names and codes, statuses split; 3: previous_total, rosters, district in key
NULL = "\x01"  # NULL in the CSV batches: a character no worksheet text can hold (XML forbids it)

AGENCY_COLUMNS = (
    ("name", "VARCHAR"), ("type", "VARCHAR"), ("district", "VARCHAR"), ("province", "VARCHAR"),
    ("year", "INTEGER"),  # assessed year (BE): the ITA result analysed; the merge's "year"
    ("fiscal_year", "INTEGER"), ("report_round", "INTEGER"), ("report_date", "DATE"),
    ("officer", "VARCHAR"), ("officer_position", "VARCHAR"), ("contact", "VARCHAR"),
    ("internal_stakeholders", "INTEGER"), ("department", "VARCHAR"), ("document_number", "VARCHAR"),
    ("executive_name", "VARCHAR"), ("executive_position", "VARCHAR"), ("deputy_name", "VARCHAR"),
    ("deputy_position", "VARCHAR"),
)

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    # one row per distinct file content
    "submissions": (
        ("sha256", "VARCHAR PRIMARY KEY"), ("readable", "BOOLEAN"), ("reason", "VARCHAR"),
        ("template_id", "VARCHAR"), ("template_version", "VARCHAR"), ("has_macro", "BOOLEAN"),
        ("read_at", "TIMESTAMP"), ("read_ms", "DOUBLE"), ("agency_key", "VARCHAR"), ("agency_name", "VARCHAR"),
        *AGENCY_COLUMNS,
        # province/district above are the official names (core.places) when recognised; as typed here
        ("province_typed", "VARCHAR"), ("district_typed", "VARCHAR"), ("province_code", "VARCHAR"),
        ("district_code", "VARCHAR"),
        ("published_total", "DOUBLE"), ("published_rating", "VARCHAR"), ("iit_respondents", "INTEGER"),
        ("eit_respondents", "INTEGER"),
        ("total", "DOUBLE"), ("previous_total", "DOUBLE"),  # previous_total: from the book's previous-year scores
        ("rating", "VARCHAR"), ("passed", "BOOLEAN"), ("verified", "BOOLEAN"),
        ("indicators", "INTEGER"), ("scored", "INTEGER"), ("weak", "INTEGER"), ("weak_list", "VARCHAR"),
        ("weak_covered", "INTEGER"), ("measures", "INTEGER"), ("progress", "INTEGER"),
        ("not_started", "INTEGER"), ("in_progress", "INTEGER"), ("done", "INTEGER"), ("done_pct", "DOUBLE"),
        ("errors", "INTEGER"), ("warnings", "INTEGER"), ("infos", "INTEGER"),
    ),
    "tool_scores": (("sha256", "VARCHAR"), ("tool", "VARCHAR"), ("score", "DOUBLE")),
    "scores": (
        ("sha256", "VARCHAR"), ("indicator", "INTEGER"), ("score", "DOUBLE"), ("previous", "DOUBLE"),
        ("passed", "BOOLEAN"), ("sheet", "VARCHAR"), ("row", "INTEGER"),
    ),
    "analysis": (
        ("sha256", "VARCHAR"), ("indicator", "INTEGER"), ("issue", "VARCHAR"), ("sheet", "VARCHAR"),
        ("row", "INTEGER"),
    ),
    "measures": (
        ("sha256", "VARCHAR"), ("measure_id", "VARCHAR"), ("group", "VARCHAR"), ("title", "VARCHAR"),
        ("links", "VARCHAR"), ("sub_item", "VARCHAR"), ("steps", "VARCHAR"), ("responsible", "VARCHAR"),
        ("start", "DATE"), ("end", "DATE"), ("monitoring", "VARCHAR"), ("reporting", "VARCHAR"),
        ("success_indicator", "VARCHAR"), ("sheet", "VARCHAR"), ("row", "INTEGER"),
    ),
    "progress": (
        ("sha256", "VARCHAR"), ("measure_id", "VARCHAR"), ("round", "INTEGER"), ("as_of", "DATE"),
        ("status", "VARCHAR"), ("results", "VARCHAR"), ("outcomes", "VARCHAR"), ("evidence", "VARCHAR"),
        ("obstacles", "VARCHAR"), ("sheet", "VARCHAR"), ("row", "INTEGER"),
    ),
    "findings": (
        ("sha256", "VARCHAR"), ("code", "VARCHAR"), ("severity", "VARCHAR"), ("message_th", "VARCHAR"),
        ("fix_th", "VARCHAR"), ("sheet", "VARCHAR"), ("cell", "VARCHAR"), ("row_id", "VARCHAR"),
    ),
}

CONTENT_TABLES = tuple(TABLES)  # all keyed by sha256; "submissions" first
FRAGMENTS_DDL = ("sha256 VARCHAR, sheet VARCHAR, data BLOB, crc UBIGINT, op UBIGINT, length BIGINT, "
                 "rows INTEGER")  # overview pieces (converters.merge.fragments)


def columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in TABLES[table])
