"""Years as Thai officers use them: Buddhist era, and the fiscal year (1 Oct – 30 Sep, named by its end)."""

from __future__ import annotations

import datetime as dt

from core.errors import InputError
from core.thai import BE_OFFSET, to_arabic_digits


def parse_year(text: str) -> int:
    """A Buddhist-era year typed by a person (Thai digits allowed); a common-era year gets its BE value named."""
    s = to_arabic_digits(str(text)).strip()
    if not s.isdigit():
        raise InputError(f"--year: '{text}' ไม่ใช่ปี พ.ศ. (เช่น 2565)")
    year = int(s)
    if 1900 < year < 2200:
        raise InputError(f"--year: {year} ดูเหมือนเป็นปี ค.ศ. — ใช้ปี พ.ศ. คือ {year + 543}")
    return year


def fiscal_year(d: dt.date) -> int:
    """Thai fiscal year (BE) of a date: 1 Oct – 30 Sep, named after the year it ends in."""
    return d.year + BE_OFFSET + (1 if d.month >= 10 else 0)


def current_assessed_year(today: dt.date | None = None) -> int:
    """The assessed year whose measures are being planned now: the last completed fiscal year."""
    return fiscal_year(today or dt.date.today()) - 1
