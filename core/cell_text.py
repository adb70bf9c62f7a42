"""Text as it may go into a spreadsheet cell: the rules every workbook writer shares.

User text is data, never a formula; XML cannot carry control characters; Excel refuses a cell longer than
32,767 characters (it calls the whole file corrupt). These functions are pure: the openpyxl side is
`workbook.cells.put`, the merge's streaming writer applies the same rules to its XML.

    >>> cell_text("a\\x07b")
    'ab'
    >>> summarise(["M01", "M02", "M03"], "มาตรการ", limit=2)
    '3 มาตรการ: M01 … M03'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

EXCEL_CELL_LIMIT = 32_767  # characters (UTF-16 code units) a cell may hold
TRUNCATED = "…(ตัดทอน)"
FORMULA_START = ("=", "+", "-", "@")  # what Excel and other programs may take for the start of a formula
SUMMARY_LIMIT = 20  # a list longer than this is said as "count noun: first … last"

# XML 1.0 allows tab, newline and carriage return among the C0 controls; U+FFFE/U+FFFF and lone surrogates never
_BREAKS = re.compile(r"[\x0b\x0c]")  # vertical tab / form feed: line breaks pasted from Word
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_xml(text: str) -> str:
    """`text` without the characters XML cannot hold; a vertical tab or form feed becomes a line break."""
    if not _ILLEGAL.search(text):
        return text
    return _ILLEGAL.sub("", _BREAKS.sub("\n", text))


def utf16_length(text: str) -> int:
    """Length as Excel counts it: characters outside the BMP (emoji) count twice."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def cap(text: str, limit: int = EXCEL_CELL_LIMIT, marker: str = TRUNCATED) -> str:
    """`text` cut to at most `limit` UTF-16 units, ending in `marker` when it was cut."""
    if len(text) <= limit // 2 or utf16_length(text) <= limit:
        return text
    room = limit - utf16_length(marker)
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            break
        out.append(ch)
    return "".join(out) + marker


def cell_text(text: str) -> str:
    """Any text made safe for one spreadsheet cell: XML-clean and within Excel's limit."""
    return cap(clean_xml(text))


def looks_like_formula(text: str) -> bool:
    """Whether a program opening the cell could take the text for a formula (= + - @ first)."""
    return bool(text) and text[0] in FORMULA_START


def live_text(text: str) -> str:
    """Text for a cell written through Excel itself (the add-in's live writes): safe as `cell_text`, and a
    text that could be taken for a formula gets Excel's quote prefix (') so Excel stores it as text."""
    text = cell_text(text)
    return "'" + text if looks_like_formula(text) else text


def summarise(items: Sequence[object], noun: str, limit: int = SUMMARY_LIMIT) -> str:
    """Items joined with commas, or '5,000 มาตรการ: M0001 … M5000' when there are more than `limit`."""
    if len(items) <= limit:
        return ", ".join(map(str, items))
    return f"{len(items):,} {noun}: {items[0]} … {items[-1]}"
