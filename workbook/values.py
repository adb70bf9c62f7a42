"""Turning raw cell values (from calamine, openpyxl or a live Excel book) into typed values.

Tolerant by design: Thai digits, stray spaces, Buddhist-era years, Excel serial dates and ISO strings.
Each function raises ValueError when the value cannot be used; the reader turns that into a finding.
"""

from __future__ import annotations

import datetime as dt
import re

from core.numbers import parse_number
from core.thai import BE_OFFSET, to_arabic_digits

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_LINK_SPLIT = re.compile(r"(?:\s*[,;/、]\s*|\s+และ\s+|\s+)")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    """Cell text with outer spaces removed; whole numbers without '.0'."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return as_date(value).isoformat()
    return str(value).strip()


def as_number(value: object) -> float | None:
    if is_blank(value):
        return None
    return parse_number(value)


def as_int(value: object) -> int | None:
    number = as_number(value)
    if number is None:
        return None
    if not float(number).is_integer():
        raise ValueError(value)
    return int(number)


def _be_fix(d: dt.date) -> dt.date:
    """A year above 2400 is Buddhist era: 2566 -> 2023."""
    if d.year > 2400:
        try:
            return d.replace(year=d.year - BE_OFFSET)
        except ValueError:  # 29 Feb of a BE year that is not a CE leap year
            return d.replace(year=d.year - BE_OFFSET, day=28)
    return d


def as_date(value: object) -> dt.date | None:
    """A date from a date cell, an Excel serial number, or text such as 27/4/2566 or 2023-04-27."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return _be_fix(value.date())
    if isinstance(value, dt.date):
        return _be_fix(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValueError(value)
        return _be_fix(_EXCEL_EPOCH + dt.timedelta(days=int(value)))
    text = to_arabic_digits(str(value)).strip()
    m = _YMD.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DMY.match(text)
        if not m:
            raise ValueError(value)
        d, mo, y = (int(g) for g in m.groups())
        if y < 100:  # two-digit years are BE: 66 -> 2566
            y += 2500
    return _be_fix(dt.date(y, mo, d))


def as_month(value: object) -> dt.date | None:
    """The first day of the month of a date."""
    d = as_date(value)
    return d.replace(day=1) if d else None


def as_links(value: object) -> tuple[str, ...]:
    """'9, o8 และ I11' -> ('9', 'O8', 'i11'): item codes as the seeds write them (i11, E7, O8)."""
    text = to_arabic_digits(as_text(value))
    out = []
    for part in _LINK_SPLIT.split(text):
        part = part.strip().strip(".")
        if not part:
            continue
        if part[0] in "oOeEiI" and part[1:].isdigit():
            part = {"o": "O", "e": "E", "i": "i"}[part[0].lower()] + str(int(part[1:]))
        out.append(part)
    return tuple(out)
