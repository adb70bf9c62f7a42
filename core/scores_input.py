"""Reading score lists typed by people: '96.10,92.12,…' or '๙๖.๑๐, ๙๒.๑๒ …'."""

from __future__ import annotations

import re

from core.errors import InputError
from core.frameworks.model import Framework
from core.numbers import parse_number
from core.thai import to_arabic_digits

_SPLIT = re.compile(r"[,;\s\u00a0]+")


def parse_score_list(text: str, fw: Framework, *, what: str = "--scores") -> dict[int, float]:
    """Indicator number -> score, in the framework's indicator order; each 0–100."""
    parts = [p for p in _SPLIT.split(to_arabic_digits(text).strip()) if p]
    expected = fw.indicator_numbers
    if len(parts) != len(expected):
        raise InputError(f"{what}: ต้องมีคะแนน {len(expected)} ค่า (ตัวชี้วัด {expected[0]}–{expected[-1]} "
                         f"ของปี {fw.year}) แต่พบ {len(parts)} ค่า")
    out = {}
    for n, (number, part) in enumerate(zip(expected, parts), 1):
        out[number] = parse_percent(part, f"{what}: ค่าที่ {n} (ตัวชี้วัด {number})")
    return out


def parse_percent(text: str, what: str) -> float:
    """One score 0–100 or an InputError naming `what`."""
    try:
        value = parse_number(text)
    except ValueError:
        raise InputError(f"{what}: '{text}' ไม่ใช่ตัวเลข") from None
    if not 0 <= value <= 100:
        raise InputError(f"{what}: {text} ต้องอยู่ระหว่าง 0 ถึง 100")
    return value
