"""The roster of expected agencies: `ita roster` writes the workbook to fill, empty or from last round's database."""

from __future__ import annotations

from pathlib import Path

from core.errors import InputError

DEFAULT_NAME = "รายชื่อหน่วยงาน.xlsx"

__all__ = ["DEFAULT_NAME", "write_roster"]


def write_roster(output: str | Path | None = None, from_db: str | Path | None = None) -> tuple[Path, int]:
    """Write the roster workbook; with `from_db`, pre-filled with the last roster (or the agencies of the last
    year) of that merge database. Returns (path, agencies written)."""
    from converters.merge.roster import entry
    from converters.merge.roster_book import write_roster_book
    from workbook.definition import load_definition

    path = Path(output or DEFAULT_NAME)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"-o: ไฟล์รายชื่อต้องเป็น .xlsx ({path.name})")
    entries = []
    if from_db is not None:
        from converters.merge.db import MergeDB

        db_path = Path(from_db)
        if not db_path.is_file():
            raise InputError("ไม่พบไฟล์ฐานข้อมูล", where=str(db_path))
        with MergeDB(db_path) as db:
            entries = [entry(i, *row) for i, row in enumerate(db.last_roster(), 1)]
    write_roster_book(path, entries, load_definition().lists["AgencyTypes"])
    return path, len(entries)
