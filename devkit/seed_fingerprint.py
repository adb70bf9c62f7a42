"""Fingerprint of the seed reports for the no-copying test, so the tests need no copy of the seeds.

The sample agencies' texts must be our own words: tests/test_samples.py checks that no run of 40
characters of them occurs in the five real reports the samples are modelled on. The project does not
carry those reports; it carries this fingerprint instead: the sorted 8-byte BLAKE2b digests of every
40-character window of the reports' normalised text (no markup, no whitespace, Arabic digits,
case-folded). Regenerate it when the seeds change:

    python -m devkit.seed_fingerprint SEEDS_DIR tests/data/seed-windows.bin
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from core.thai import to_arabic_digits

WINDOW = 40          # characters
DIGEST = 8           # bytes per window


def normalise(text: str) -> str:
    """Content only: no markup, no whitespace, Arabic digits, case-folded."""
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", "", to_arabic_digits(text)).casefold()


def digest(window: str) -> bytes:
    return hashlib.blake2b(window.encode("utf-8"), digest_size=DIGEST).digest()


def windows(text: str, size: int = WINDOW) -> Iterable[str]:
    return (text[i:i + size] for i in range(len(text) - size + 1))


def fingerprint(texts: Iterable[str]) -> bytes:
    return b"".join(sorted({digest(w) for t in texts for w in windows(normalise(t))}))


def load(path: Path) -> frozenset[bytes]:
    data = path.read_bytes()
    return frozenset(data[i:i + DIGEST] for i in range(0, len(data), DIGEST))


def main(argv: list[str]) -> int:
    seeds, out = Path(argv[0]), Path(argv[1])
    files = sorted(seeds.glob("*.txt"))
    out.write_bytes(fingerprint(f.read_text(encoding="utf-8") for f in files))
    print(f"{len(files)} reports -> {out} ({out.stat().st_size // DIGEST:,} windows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
