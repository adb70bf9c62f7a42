"""Thai text helpers: digits, month names, display width, Buddhist-era years."""

from __future__ import annotations

import unicodedata

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_THAI_DIGIT_SET = frozenset(THAI_DIGITS)
BE_OFFSET = 543
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
               "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.",
                     "ธ.ค.")
# How people shorten the full names in speech and chat ("15 มกรา 70"): the name without -คม/-ยน/-พันธ์
_MONTHS_SPOKEN = ("มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา", "สิงหา", "กันยา", "ตุลา",
                  "พฤศจิกา", "ธันวา")


def _month_key(text: str) -> str:
    """A month name as compared: no dots, no spaces of any kind."""
    return "".join(ch for ch in text if ch not in ". \u00a0\u200b\t")


_MONTH_NUMBERS = {_month_key(name): n for names in (THAI_MONTHS, THAI_MONTHS_SHORT, _MONTHS_SPOKEN)
                  for n, name in enumerate(names, 1)}


# Dotted abbreviations a line must not break inside, and before which a word ends ("ของอบต." is ของ | อบต.:
# ICU's dictionary reads it as ขอ | งอบ | ต.). Longest first.
THAI_ABBREVIATIONS = tuple(sorted({
    "อบต.", "อบจ.", "อปท.", "ทต.", "ทม.", "ทน.", "กทม.", "ป.ป.ช.", "ป.ป.ท.", "ก.พ.ร.", "สตง.", "สถ.", "พ.ศ.", "ค.ศ.",
    "ผอ.", "จนท.", "รพ.สต.", "ร.ร.", *THAI_MONTHS_SHORT}, key=len, reverse=True))


def month_number(name: str) -> int | None:
    """1–12 for a Thai month name as people type it: มกราคม, ม.ค., มค, ม. ค., มกรา; None if it is not one."""
    return _MONTH_NUMBERS.get(_month_key(name))


def to_arabic_digits(text: str) -> str:
    """'๙๖.๑๐' -> '96.10'."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """'96.10' -> '๙๖.๑๐'."""
    return text.translate(_TO_THAI)


def has_thai_digits(text: str) -> bool:
    return not _THAI_DIGIT_SET.isdisjoint(text)  # a set test in C: called on every cell by validation


def display_width(text: str) -> int:
    """Columns a terminal uses for `text`: Thai vowels and tone marks above/below take none."""
    width = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int, align: str = "<") -> str:
    """Pad `text` to `width` display columns."""
    gap = max(0, width - display_width(text))
    if align == ">":
        return " " * gap + text
    if align == "^":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def be_year(year: int) -> int:
    """A year as Buddhist era: values above 2400 are taken as BE already."""
    return year if year > 2400 else year + BE_OFFSET


def ce_year(year: int) -> int:
    """A year as common era: values above 2400 are taken as BE."""
    return year - BE_OFFSET if year > 2400 else year
