"""What LibreOffice really printed (for tests): words and their boxes from pdftotext, ink from pdftoppm.

A cell whose row is too low for its wrapped text still has all its lines in the PDF (pdftotext finds
them), but LibreOffice clips them to the cell: a clipped line is either painted nowhere (no ink where its
letters should be) or lies on top of the next row's text. `clipped_words` and `overlapping_words` find
both, so a test fails when computed row heights are too small, whatever computed them; `off_page_words`
finds text that runs past its column into the margin or off the paper.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DPI = 144  # two pixels per point
BODY = (0.30, 0.68)  # the band of a word box (top to bottom) where letters have their body, down to the baseline
NO_INK = 0.02  # share of ink pixels under which a word's body band counts as unpainted
CONTRAST = 64  # grey levels (0–255) a pixel differs from the band's background to be ink
LINE = 0.8  # a pixel row of the band inked more than this is a cell border, not letters
LETTERS = 2  # words with fewer letters or digits (a dash, dot leaders, a lone tone mark) are not judged by ink

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE_WIDTH = re.compile(r'^width="([\d.]+)"')
EDGE = 0.5 * 72 / 2.54  # points: no text this close to a page's side (every layout keeps a wider margin)


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    def overlap(self, other: Word) -> float:
        """Area both boxes cover, as a share of the smaller box."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        if w <= 0 or h <= 0:
            return 0.0
        small = min((self.x1 - self.x0) * (self.y1 - self.y0), (other.x1 - other.x0) * (other.y1 - other.y0))
        return w * h / small if small > 0 else 0.0


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=300).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.MULTILINE).group(1))


def _bbox_pages(pdf: Path) -> list[str]:
    """pdftotext's -bbox output, one text per page (starting with the page's attributes)."""
    return _run("pdftotext", "-bbox", str(pdf), "-").split("<page ")[1:]


def _words_of(pages: list[str]) -> list[Word]:
    return [Word(n, float(x0), float(y0), float(x1), float(y1), html.unescape(text))
            for n, body in enumerate(pages, 1) for x0, y0, x1, y1, text in _WORD.findall(body)]


def words(pdf: Path) -> list[Word]:
    """Every word pdftotext finds, with its box in points (painted or not)."""
    return _words_of(_bbox_pages(pdf))


def _pgm(path: Path) -> np.ndarray:
    data = path.read_bytes()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h, _ = map(int, m.groups())
    return np.frombuffer(data[m.end():], np.uint8).reshape(h, w)


def pages(pdf: Path) -> list[np.ndarray]:
    """The pages as grey images, DPI pixels per inch."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), f"{tmp}/p"], check=True, timeout=300)
        return [_pgm(p) for p in sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1]))]


def ink(image: np.ndarray, w: Word) -> float:
    """Share of ink pixels (against the background, whatever its fill) in the body band of a word's box,
    a cell border through the band left out."""
    k = DPI / 72
    h = w.y1 - w.y0
    band = image[int(k * (w.y0 + BODY[0] * h)):int(np.ceil(k * (w.y0 + BODY[1] * h))),
                 int(k * w.x0):int(np.ceil(k * w.x1))].astype(np.int16)
    if not band.size:
        return 0.0
    mark = np.abs(band - np.median(band)) > CONTRAST
    mark = mark[mark.mean(axis=1) <= LINE]
    return float(mark.mean()) if mark.size else 0.0


def clipped_words(pdf: Path) -> list[Word]:
    """Words in the PDF that were not painted: cut off by their cell."""
    images = pages(pdf)
    return [w for w in words(pdf)
            if sum(ch.isalnum() for ch in w.text) >= LETTERS and ink(images[w.page - 1], w) < NO_INK]


def off_page_words(pdf: Path) -> list[Word]:
    """Words that run into a page's side margin or off the page: text wider than its column that the
    print did not shrink or wrap (LibreOffice paints it on, up to the paper's edge)."""
    pages = _bbox_pages(pdf)
    widths = [float(m.group(1)) if (m := _PAGE_WIDTH.match(body)) else 0.0 for body in pages]
    return [w for w in _words_of(pages) if w.x0 < EDGE or w.x1 > widths[w.page - 1] - EDGE]


def overlapping_words(pdf: Path, share: float = 0.25) -> list[tuple[Word, Word]]:
    """Pairs of words on one page whose boxes overlap: text of a row that runs into the next one."""
    found = []
    by_page: dict[int, list[Word]] = {}
    for w in words(pdf):
        by_page.setdefault(w.page, []).append(w)
    for ws in by_page.values():
        ws.sort(key=lambda w: w.y0)
        for i, a in enumerate(ws):
            for b in ws[i + 1:]:
                if b.y0 >= a.y1:
                    break
                if a.overlap(b) > share:
                    found.append((a, b))
    return found
