"""File names made from what officers typed (agency names): safe on Windows, readable in Thai."""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str, fallback: str = "รายงาน") -> str:
    """A file-name part from an agency name: no path separators or characters Windows refuses, no spaces."""
    s = unicodedata.normalize("NFC", str(text or "")).strip()
    s = _UNSAFE.sub("", s)
    s = re.sub(r"\s+", "_", s).strip("._")
    return s[:80] or fallback
