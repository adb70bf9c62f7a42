"""`ita history`: each agency's results across the years in a merge database, without SQL."""

from __future__ import annotations

from pathlib import Path

from core.errors import InputError

__all__ = ["history", "write_history_book"]


def history(db_path: str | Path, agency: str | None = None, from_year: int | None = None):
    """(years, agencies) of the database (converters.merge.history.load_history); opened read-only in spirit:
    nothing is written to it."""
    from converters.merge.db import MergeDB
    from converters.merge.history import load_history

    path = Path(db_path)
    if not path.is_file():
        raise InputError("ไม่พบไฟล์ฐานข้อมูล", where=str(path))
    with MergeDB(path) as db:
        years, agencies = load_history(db, agency, from_year)
    if not agencies:
        what = f"ที่ชื่อมีคำว่า '{agency}'" if agency else ""
        raise InputError(f"ไม่พบหน่วยงาน{what}ในฐานข้อมูล" + (f" ตั้งแต่ปี {from_year}" if from_year else ""),
                         where=str(path))
    return years, agencies


def write_history_book(path: str | Path, years, agencies) -> Path:
    """The history as a workbook: คะแนนรวม (agency x year) and รายตัวชี้วัด (agency x indicator x year)."""
    from converters.merge.history import indicator_rows, total_rows
    from converters.merge.xlsx import Column, XlsxWriter
    from core.atomic import atomic_path

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"-o: ไฟล์ต้องเป็น .xlsx ({path.name})")
    place = [Column("จังหวัด", width=14), Column("อำเภอ", width=16)]
    year_cols = [Column(f"ปี {y}", "num", 10) for y in years]
    tail = [Column("เปลี่ยนแปลงล่าสุด", "num", 12), Column("ทิศทาง", width=10)]
    title = f"ผลการประเมิน ITA รายปี {years[0]}–{years[-1]}" if len(years) > 1 else f"ผลการประเมิน ITA ปี {years[0]}"
    with atomic_path(path) as tmp:
        w = XlsxWriter(tmp, header=(title, ""))
        try:
            w.sheet("คะแนนรวม", [*place, Column("ประเภท", width=20), Column("หน่วยงาน", width=36), *year_cols,
                                 Column("ระดับล่าสุด", width=10), *tail], total_rows(years, agencies),
                    freeze=(1, 4))
            w.sheet("รายตัวชี้วัด", [*place, Column("หน่วยงาน", width=36), Column("ตัวชี้วัด", "int", 9), *year_cols,
                                     *tail], indicator_rows(years, agencies), freeze=(1, 4))
        except BaseException:
            w.abort()
            raise
        w.close()
    return path
