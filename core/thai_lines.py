"""How much room Thai text takes: widths from the vendored TH Sarabun New, line breaks as ICU makes them.

LibreOffice does not grow a wrapped row of an xlsx file, so every row height of a report workbook is
computed here. Two things decide the number of lines of a cell:

- the advance widths: the text is shaped with HarfBuzz (uharfbuzz) on the vendored TH Sarabun New, which
  has the advance widths of TH SarabunPSK (the font the cells name);
- where a line may break: Thai has no spaces between words, so LibreOffice (and Excel) break at
  dictionary word boundaries. ICU's line-break iterator is the one LibreOffice uses on Linux; it is
  loaded from the system's libicuuc (or Windows' icu.dll, macOS's libicucore) through ctypes. Without
  ICU, a cluster-level break with a safety factor stands in.

The counts are meant to be an upper bound: a few points of white space are better than a clipped line.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import re
import sys
from functools import lru_cache
from pathlib import Path

from core.fonts import fonts_dir
from core.thai import THAI_ABBREVIATIONS

LINE_FACTOR = 1.3  # line height / font size of TH Sarabun New (ascent 844 + descent 457 per 1000)
# a cell of a workbook whose default font is TH SarabunPSK 16 (the template and the report workbooks):
PT_PER_WIDTH_UNIT = 5.8  # printed width of one column-width unit (the font's digit width, LibreOffice)
CELL_SIDE_PAD = 3.0  # points of a cell's width the text cannot use (LibreOffice: about 1 pt a side)
ROW_PAD = 5.0  # points a row needs beyond its lines
_FALLBACK_FILL = 0.85  # share of a line filled when breaks are guessed (no ICU)
_ICU_FILL = 0.99  # room left for differences between renderers (calibrated on LibreOffice: none under)


# ------------------------------------------------------------------------------------------------ ICU

class _Icu:
    """ICU's line-break iterator through ctypes: ubrk_open / ubrk_next / ubrk_close."""

    UBRK_LINE = 2
    UBRK_DONE = -1

    def __init__(self, lib: ctypes.CDLL, suffix: str) -> None:
        def fn(name: str):
            return getattr(lib, name + suffix)

        self._open = fn("ubrk_open")
        self._open.restype = ctypes.c_void_p
        self._open.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int32,
                               ctypes.POINTER(ctypes.c_int)]
        self._next = fn("ubrk_next")
        self._next.restype = ctypes.c_int32
        self._next.argtypes = [ctypes.c_void_p]
        self._close = fn("ubrk_close")
        self._close.restype = None
        self._close.argtypes = [ctypes.c_void_p]

    def breaks(self, text: str) -> list[int]:
        """Offsets (in Python characters) after which a line may end, the last one being len(text)."""
        data = text.encode("utf-16-le")
        units = len(data) // 2
        buf = ctypes.create_string_buffer(data, len(data) + 2)
        status = ctypes.c_int(0)
        it = self._open(self.UBRK_LINE, b"th", buf, units, ctypes.byref(status))
        if not it or status.value > 0:
            return [len(text)]
        try:
            offsets = []
            while True:
                n = self._next(it)
                if n == self.UBRK_DONE:
                    break
                offsets.append(n)
        finally:
            self._close(it)
        if units != len(text):  # characters outside the BMP take two UTF-16 units
            index, pos = {}, 0
            for i, ch in enumerate(text):
                index[pos] = i
                pos += 2 if ord(ch) > 0xFFFF else 1
            index[pos] = len(text)
            offsets = [index[o] for o in offsets if o in index]
        return offsets or [len(text)]


def _icu_candidates() -> list[str]:
    if sys.platform == "win32":
        return ["icu.dll", "icuuc.dll"]
    if sys.platform == "darwin":
        return ["/usr/lib/libicucore.dylib", "libicucore.dylib"]
    found = [ctypes.util.find_library("icuuc") or ""]
    for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"):
        found += sorted(glob.glob(f"{d}/libicuuc.so.*"), reverse=True)
    return [f for f in found if f]


@lru_cache(maxsize=1)
def icu() -> _Icu | None:
    """The system's ICU, or None when there is none (breaks are then guessed)."""
    for name in _icu_candidates():
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        for suffix in [""] + [f"_{v}" for v in range(99, 43, -1)]:
            if hasattr(lib, "ubrk_open" + suffix):
                try:
                    return _Icu(lib, suffix)
                except AttributeError:
                    break
    return None


# ---------------------------------------------------------------------------------------- word breaks

_ABBREVIATION = re.compile("|".join(re.escape(a) for a in THAI_ABBREVIATIONS))
_THAI = re.compile(r"[\u0E00-\u0E7F]")
ZWSP = "\u200b"


def _chunk_breaks(chunk: str) -> list[int]:
    engine = icu()
    if engine is not None:
        return [b for b in engine.breaks(chunk) if 0 < b <= len(chunk)]
    return [m.end() for m in re.finditer(r"\S+\s*|\s+", chunk)]


def word_breaks(text: str) -> list[int]:
    """Offsets after which a line of `text` may end (the last is len(text)): ICU's word boundaries, with the
    dotted abbreviations (THAI_ABBREVIATIONS) kept whole and read as words of their own. The one line breaker
    of every output: row heights, report workbooks and Word documents."""
    out: list[int] = []
    pos = 0
    for m in _ABBREVIATION.finditer(text):
        if m.start() > pos:
            out += [pos + b for b in _chunk_breaks(text[pos:m.start()])]
        out.append(m.end())
        pos = m.end()
    if pos < len(text):
        out += [pos + b for b in _chunk_breaks(text[pos:])]
    return sorted(set(out))


def soft_breaks(text: str) -> str:
    """`text` with a zero-width space where a Thai word runs into a dotted abbreviation ("ของอบต."), for the
    documents Word and LibreOffice lay out themselves. Both break Thai lines with their own dictionaries; the
    case they and ICU get wrong is this one ("ขอ|งอบต."). Elsewhere nothing is inserted, so that the text of a
    document stays searchable ("ควนเมา" is found in Word); the workbooks get every line end from word_breaks."""
    if not text or not _THAI.search(text):
        return text
    out, last = [], 0
    for m in _ABBREVIATION.finditer(text):
        b = m.start()
        if b > 0 and _THAI.match(text[b - 1]):
            out.append(text[last:b])
            out.append(ZWSP)
            last = b
    out.append(text[last:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------- fonts

_MARK = re.compile(r"[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]")


@lru_cache(maxsize=2)
def harfbuzz_font(bold: bool):
    """(uharfbuzz module, hb.Font, units per em) of the vendored TH Sarabun New, regular or bold."""
    import uharfbuzz as hb

    name = "THSarabunNew-Bold.ttf" if bold else "THSarabunNew-Regular.ttf"
    blob = hb.Blob.from_file_path(str(Path(fonts_dir()) / name))
    face = hb.Face(blob)
    font = hb.Font(face)
    return hb, font, face.upem


class TextFit:
    """Widths and wrapped lines of text in TH Sarabun New (points)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, bool], float] = {}
        self._icu = icu()

    # widths in 1/1000 em
    def _units(self, text: str, bold: bool) -> float:
        if not text:
            return 0.0  # HarfBuzz gives no positions at all for an empty buffer
        key = (text, bold)
        got = self._cache.get(key)
        if got is None:
            hb, font, upem = harfbuzz_font(bold)
            buf = hb.Buffer()
            buf.add_str(text)
            buf.guess_segment_properties()
            hb.shape(font, buf, {})
            got = sum(p.x_advance for p in buf.glyph_positions) * 1000.0 / upem
            self._cache[key] = got
        return got

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Width in points of one line of `text` at `size` points."""
        return self._units(text, bold) * size / 1000.0 if text else 0.0

    def _segments(self, para: str) -> list[str]:
        out, last = [], 0
        for b in word_breaks(para):
            if b > last:
                out.append(para[last:b])
                last = b
        if last < len(para):
            out.append(para[last:])
        return out

    def _clusters(self, seg: str) -> list[str]:
        """A segment cut into characters with their combining marks (for a word wider than a line)."""
        out: list[str] = []
        for ch in seg:
            if out and _MARK.match(ch):
                out[-1] += ch
            else:
                out.append(ch)
        return out

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """The lines `text` takes in a box `width` points wide; each \\n starts a new paragraph."""
        fill = _ICU_FILL if self._icu is not None else _FALLBACK_FILL
        room = max(1.0, width * fill) * 1000.0 / size  # in 1/1000 em
        lines: list[str] = []
        for para in str(text).split("\n"):
            if not para.strip():
                lines.append("")
                continue
            line, used = "", 0.0
            for seg in self._segments(para):
                w_full = self._units(seg, bold)
                w_fit = self._units(seg.rstrip(), bold) if seg != seg.rstrip() else w_full
                if used + w_fit <= room or not line:
                    if not line and w_fit > room:  # a word wider than the line: cut it
                        for cl in self._clusters(seg):
                            cw = self._units(cl, bold)
                            if line and used + cw > room:
                                lines.append(line.rstrip())
                                line, used = "", 0.0
                            line += cl
                            used += cw
                        continue
                    line += seg
                    used += w_full
                else:
                    lines.append(line.rstrip())
                    line, used = seg, w_full
                    if w_fit > room:
                        parts = self.wrap(seg, width, size, bold)
                        lines.extend(parts[:-1])
                        line = parts[-1] if parts else ""
                        used = self._units(line, bold)
            lines.append(line.rstrip())
        return lines

    def count(self, text: str, width: float, size: float, bold: bool = False) -> int:
        """Number of lines (at least 1)."""
        if not text:
            return 1
        return max(1, len(self.wrap(text, width, size, bold)))

    def cell_lines(self, text: str, width: float, size: float, bold: bool = False, indent: float = 0.0) -> list[str]:
        """The lines of a wrapped spreadsheet cell `width` points wide (its padding and `indent` taken off)."""
        return self.wrap(text, width - CELL_SIDE_PAD - indent, size, bold) if text else [""]


def shorten(text: str, limit: int, mark: str = "…") -> str:
    """`text` cut to at most `limit` characters where a line may end (ICU: never inside a Thai word or a
    letter with its marks), then `mark`; `text` itself when it is short enough."""
    if len(text) <= limit:
        return text
    room = max(0, limit - len(mark))
    engine = icu()
    ends = engine.breaks(text) if engine is not None else [m.end() for m in re.finditer(r"\S+\s*", text)]
    end = max((b for b in ends if b <= room), default=0)
    if end == 0:  # one word longer than the room: cut it between letters, not inside one
        end = room
        while end > 0 and _MARK.match(text[end]):
            end -= 1
    return text[:end].rstrip() + mark


def line_height(size: float) -> float:
    """Points one line of TH Sarabun New takes at `size` points (single spacing)."""
    return size * LINE_FACTOR


def row_height(lines: int, size: float) -> float:
    """Points a spreadsheet row needs for `lines` lines of text at `size` points."""
    return lines * line_height(size) + ROW_PAD


def column_points(width_units: float) -> float:
    """Printed width in points of a column `width_units` wide (Excel's column width)."""
    return width_units * PT_PER_WIDTH_UNIT


@lru_cache(maxsize=1)
def shared() -> TextFit:
    """One TextFit per process (its width cache grows with the texts measured)."""
    return TextFit()
