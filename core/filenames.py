"""File names made from what officers typed (agency names): safe on Windows, readable in Thai."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from core.errors import ItaError

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
# names Windows keeps for devices, with any extension (CON.xlsx cannot be created either)
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


MAX_NAME_BYTES = 150  # a name part in UTF-8 (50 Thai letters): with a layout and a suffix under the 255 allowed


def safe_name(text: str, fallback: str = "รายงาน") -> str:
    """A file-name part from an agency name: no path separators or characters Windows refuses, no spaces,
    short enough for any file system (a name typed 36,000 characters long still makes a file)."""
    s = unicodedata.normalize("NFC", str(text or "")).strip()
    s = _UNSAFE.sub("", s)
    s = re.sub(r"\s+", "_", s).strip("._")
    s = s[:80]
    while len(s.encode("utf-8")) > MAX_NAME_BYTES:
        s = s[:-1]
    s = s.rstrip("._") or fallback
    head, dot, tail = s.partition(".")
    return f"{head}_{dot}{tail}" if head.upper() in _RESERVED else s


def unique_path(path: Path) -> Path:
    """`path`, or 'name (2).ext', 'name (3).ext', … if it exists: never overwrite an officer's file."""
    if not path.exists():
        return path
    for i in range(2, 1000):
        candidate = path.with_name(f"{path.stem} ({i}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise ItaError("มีไฟล์ชื่อซ้ำมากเกินไป — ย้ายไฟล์เก่าออกจากโฟลเดอร์แล้วลองใหม่", where=str(path.parent))
