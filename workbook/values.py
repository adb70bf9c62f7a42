"""Turning raw cell values (from calamine, openpyxl or a live Excel book) into typed values.

Tolerant by design: Thai digits, stray spaces, Buddhist-era years, Excel serial dates and ISO strings.
Each function raises ValueError when the value cannot be used; the reader turns that into a finding.
"""

from __future__ import annotations

import datetime as dt
import re

from core.frameworks.model import DEFAULT_PREFIXES
from core.numbers import parse_number
from core.thai import BE_OFFSET, month_number, to_arabic_digits
from workbook.model import PLAN_ROUND

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
# "15 ม.ค. 2570", "15 มกราคม พ.ศ. 2570", "วันที่ 15 ม.ค.70", "ม.ค. 70" (a month): day, Thai month name, year
_THAI = re.compile(r"^(?:วันที่\s*)?(?:(\d{1,2})\s*)?([\u0e01-\u0e2e\u0e30-\u0e4e.\s]+?)\s*"
                   r"(?:(?:พ\.\s*ศ\.|ค\.\s*ศ\.)\s*)?(\d{2}|\d{4})$")
_LINK_SPLIT = re.compile(r"(?:\s*[,;/、]\s*|\s+และ\s+|\s+)")
_LETTERS = {p.lower(): p for p in DEFAULT_PREFIXES.values()}


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    """Cell text with outer spaces removed; whole numbers without '.0'."""
    if type(value) is str:  # most cells: nothing to convert (blank text strips to "")
        return value.strip()
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




def as_round(value: object) -> int | None:
    """The book's stage: 'แผน' (the plan, PLAN_ROUND), or a round in months (6, 12)."""
    if isinstance(value, str) and not is_blank(value):
        text = to_arabic_digits(value).strip().lower()
        if text.startswith("แผน") or text in ("plan", "0"):
            return PLAN_ROUND
    return as_int(value)


def _be_fix(d: dt.date) -> dt.date:
    """A year above 2400 is Buddhist era: 2566 -> 2023."""
    if d.year > 2400:
        try:
            return d.replace(year=d.year - BE_OFFSET)
        except ValueError:  # 29 Feb of a BE year that is not a CE leap year
            return d.replace(year=d.year - BE_OFFSET, day=28)
    return d


def as_date(value: object) -> dt.date | None:
    """A date from a date cell, an Excel serial number, or text: 27/4/2566, 2023-04-27, 15 ม.ค. 2570,
    15 มกราคม 2570, ๑๕ ม.ค. ๗๐ (Thai month names full or short, BE or two-digit BE years, Thai digits)."""
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
    d, mo, y = _text_parts(value)
    if d is None:
        raise ValueError(value)
    return dt.date(y, mo, d)


def _text_parts(value: object) -> tuple[int | None, int, int]:
    """(day or None, month, common-era year) of a date written as text; two-digit years are BE."""
    text = " ".join(to_arabic_digits(str(value)).split())
    if m := _YMD.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DMY.match(text):
        d, mo, y = (int(g) for g in m.groups())
    elif (m := _THAI.match(text)) and (month := month_number(m.group(2))):
        d, mo, y = int(m.group(1)) if m.group(1) else None, month, int(m.group(3))
    else:
        raise ValueError(value)
    if y < 100:  # two-digit years are BE: 66 -> 2566
        y += 2500
    return d, mo, y - BE_OFFSET if y > 2400 else y  # BE first: 29 ก.พ. 2567 is a real day


def as_month(value: object) -> dt.date | None:
    """The first day of the month of a date, or of a month written alone ("ม.ค. 2570", "มกราคม 70")."""
    if isinstance(value, str) and not is_blank(value):
        _, mo, y = _text_parts(value)
        return dt.date(y, mo, 1)
    d = as_date(value)
    return d.replace(day=1) if d else None


def as_links(value: object) -> tuple[str, ...]:
    """'9, o8 และ I11' -> ('9', 'O8', 'i11'): item and question codes in the standard tools' letters
    (core.frameworks.model.DEFAULT_PREFIXES: i11, e7, O8); other parts as typed, Arabic digits."""
    text = to_arabic_digits(as_text(value))
    out = []
    for part in _LINK_SPLIT.split(text):
        part = part.strip().strip(".")
        if not part:
            continue
        if part[0].lower() in _LETTERS and part[1:].isdigit():
            part = _LETTERS[part[0].lower()] + str(int(part[1:]))
        out.append(part)
    return tuple(out)
