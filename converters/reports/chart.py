"""The indicator-score chart as a PNG for Word and PDF: bars, the pass line, Thai labels.

No plotting library: the text is shaped by HarfBuzz (uharfbuzz) with the vendored TH Sarabun New, so
tone marks and vowels stack as they do in Word, and the glyph outlines are filled here with numpy
(nonzero winding on a 4x4 supersampled grid). The PNG is written with zlib.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
from itertools import pairwise

import numpy as np

from core.thai_lines import harfbuzz_font

SS = 4  # supersampling per axis for glyph outlines
BAR_COLOR = (0x44, 0x72, 0xC4)
WEAK_COLOR = (0xC0, 0x50, 0x4D)
LINE_COLOR = (0xC0, 0x00, 0x00)
GRID_COLOR = (0xD9, 0xD9, 0xD9)
AXIS_COLOR = (0x40, 0x40, 0x40)
TEXT_COLOR = (0, 0, 0)


class _Pen:
    """Collects a glyph outline as line segments (quadratic and cubic curves flattened)."""

    def __init__(self, steps: int = 6) -> None:
        self.segs: list[tuple[float, float, float, float]] = []
        self.steps = steps
        self.start = self.cur = (0.0, 0.0)

    def moveTo(self, p):
        self.start = self.cur = p

    def lineTo(self, p):
        self.segs.append((*self.cur, *p))
        self.cur = p

    def qCurveTo(self, *pts):
        c, end = pts[0], pts[-1]
        if len(pts) > 2:  # implied on-curve points between consecutive controls
            for a, b in pairwise(pts[:-1]):
                mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
                self.qCurveTo(a, mid)
            c = pts[-2]
        x0, y0 = self.cur
        for k in range(1, self.steps + 1):
            t = k / self.steps
            x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * c[0] + t * t * end[0]
            y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * c[1] + t * t * end[1]
            self.lineTo((x, y))

    def curveTo(self, c1, c2, end):
        x0, y0 = self.cur
        for k in range(1, self.steps + 1):
            t = k / self.steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            self.lineTo((a * x0 + b * c1[0] + c * c2[0] + d * end[0], a * y0 + b * c1[1] + c * c2[1] + d * end[1]))

    def closePath(self):
        if self.cur != self.start:
            self.lineTo(self.start)

    endPath = closePath


@lru_cache(maxsize=512)
def _outline(bold: bool, gid: int) -> np.ndarray:
    _, font, _ = harfbuzz_font(bold)
    pen = _Pen()
    font.draw_glyph_with_pen(gid, pen)
    return np.array(pen.segs, dtype=np.float64).reshape(-1, 4)


def shape(text: str, bold: bool = False) -> tuple[list[tuple[int, float, float]], float]:
    """Glyphs (id, x, y in font units) and the advance of `text`."""
    hb, font, _ = harfbuzz_font(bold)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    x = 0.0
    out = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        out.append((info.codepoint, x + pos.x_offset, pos.y_offset))
        x += pos.x_advance
    return out, x


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.w, self.h = width, height
        self.px = np.full((height, width, 3), 255.0)

    def _blend(self, y0: int, y1: int, x0: int, x1: int, alpha: np.ndarray | float, color) -> None:
        y0, y1, x0, x1 = max(0, y0), min(self.h, y1), max(0, x0), min(self.w, x1)
        if y0 >= y1 or x0 >= x1:
            return
        region = self.px[y0:y1, x0:x1]
        a = alpha if np.isscalar(alpha) else alpha[..., None]
        region *= 1 - a
        region += a * np.array(color, dtype=np.float64)

    def rect(self, x0: float, y0: float, x1: float, y1: float, color) -> None:
        self._blend(round(y0), round(y1), round(x0), round(x1), 1.0, color)

    def hline(self, x0: float, x1: float, y: float, width: float, color, dash: float = 0.0) -> None:
        if not dash:
            self.rect(x0, y - width / 2, x1, y + width / 2, color)
            return
        x = x0
        while x < x1:
            self.rect(x, y - width / 2, min(x + dash, x1), y + width / 2, color)
            x += dash * 1.6

    def text_width(self, text: str, size_px: float, bold: bool = False) -> float:
        _, adv = shape(text, bold)
        return adv * size_px / 1000.0

    def text(self, x: float, y: float, text: str, size_px: float, *, bold: bool = False, anchor: str = "left",
             color=TEXT_COLOR) -> None:
        """Draw `text` with its baseline at y; anchor says where x is (left, center, right)."""
        if not text:
            return
        glyphs, adv = shape(text, bold)
        scale = size_px / 1000.0
        if anchor == "center":
            x -= adv * scale / 2
        elif anchor == "right":
            x -= adv * scale
        segs = []
        for gid, gx, gy in glyphs:
            o = _outline(bold, gid)
            if len(o):
                s = o.copy()
                s[:, [0, 2]] = x + (s[:, [0, 2]] + gx) * scale
                s[:, [1, 3]] = y - (s[:, [1, 3]] + gy) * scale
                segs.append(s)
        if not segs:
            return
        self._fill(np.vstack(segs), color)

    def _fill(self, segs: np.ndarray, color) -> None:
        """Nonzero-winding fill of closed outlines given as segments (pixel coordinates)."""
        x0 = int(np.floor(min(segs[:, 0].min(), segs[:, 2].min()))) - 1
        x1 = int(np.ceil(max(segs[:, 0].max(), segs[:, 2].max()))) + 2
        y0 = int(np.floor(min(segs[:, 1].min(), segs[:, 3].min()))) - 1
        y1 = int(np.ceil(max(segs[:, 1].max(), segs[:, 3].max()))) + 2
        W, H = (x1 - x0) * SS, (y1 - y0) * SS
        ax, ay = (segs[:, 0] - x0) * SS, (segs[:, 1] - y0) * SS
        bx, by = (segs[:, 2] - x0) * SS, (segs[:, 3] - y0) * SS
        dirs = np.where(by > ay, 1, -1)
        lo, hi = np.minimum(ay, by), np.maximum(ay, by)
        r0 = np.ceil(lo - 0.5).astype(np.int64)
        r1 = np.ceil(hi - 0.5).astype(np.int64)
        counts = np.maximum(r1 - r0, 0)
        keep = counts > 0
        if not keep.any():
            return
        idx = np.repeat(np.nonzero(keep)[0], counts[keep])
        offs = np.arange(idx.size) - np.repeat(np.cumsum(counts[keep]) - counts[keep], counts[keep])
        rows = r0[idx] + offs
        yc = rows + 0.5
        t = (yc - ay[idx]) / (by[idx] - ay[idx])
        xs = ax[idx] + t * (bx[idx] - ax[idx])
        cols = np.clip(np.ceil(xs - 0.5).astype(np.int64), 0, W)
        diff = np.zeros((H, W + 1), dtype=np.int32)
        np.add.at(diff, (np.clip(rows, 0, H - 1), cols), dirs[idx])
        inside = np.cumsum(diff[:, :W], axis=1) != 0
        cover = inside.reshape(H // SS, SS, W // SS, SS).mean(axis=(1, 3))
        self._blend(y0, y1, x0, x1, cover[: max(0, min(self.h, y1) - y0), :], color) if y0 >= 0 and x0 >= 0 \
            else self._blend_clipped(x0, y0, cover, color)

    def _blend_clipped(self, x0: int, y0: int, cover: np.ndarray, color) -> None:
        ys, xs = max(0, -y0), max(0, -x0)
        cover = cover[ys:, xs:]
        y0, x0 = y0 + ys, x0 + xs
        h = min(cover.shape[0], self.h - y0)
        w = min(cover.shape[1], self.w - x0)
        if h > 0 and w > 0:
            self._blend(y0, y0 + h, x0, x0 + w, cover[:h, :w], color)

    def png(self, dpi: int) -> bytes:
        img = np.clip(np.rint(self.px), 0, 255).astype(np.uint8)
        raw = b"".join(b"\x00" + img[y].tobytes() for y in range(self.h))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        ppm = round(dpi / 0.0254)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
                + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)) + chunk(b"IDAT", zlib.compress(raw, 6))
                + chunk(b"IEND", b""))


def render_png(chart: dict, width_cm: float = 16.0, height_cm: float = 8.5, dpi: int = 200) -> bytes:
    """The bar chart of `chart` (labels, values, value_labels, line, line_label, title, y_ticks) as PNG."""
    px = dpi / 2.54
    W, H = round(width_cm * px), round(height_cm * px)
    c = Canvas(W, H)
    pt = dpi / 72.0
    title_px, label_px, small_px = 16 * pt, 14 * pt, 13 * pt
    top = title_px * 1.5 if chart.get("title") else 10
    if chart.get("title"):
        c.text(W / 2, title_px * 1.05, chart["title"], title_px, bold=True, anchor="center")
    legend_h = label_px * 1.6
    axis_title_h = label_px * 1.3 if chart.get("axis_label") else 0
    left = max(c.text_width(lbl, label_px) for _, lbl in chart["y_ticks"]) + 12 * pt
    right = W - 10
    bottom = H - legend_h - axis_title_h - label_px * 1.4
    plot_top = top + label_px * 1.2  # room for the value labels of 100-point bars
    y_max = max(v for v, _ in chart["y_ticks"]) or 100

    def y_of(v: float) -> float:
        return bottom - (bottom - plot_top) * (v / y_max)

    for v, lbl in chart["y_ticks"]:
        y = y_of(v)
        c.hline(left, right, y, max(1.0, pt * 0.5), GRID_COLOR)
        c.text(left - 6, y + label_px * 0.3, lbl, label_px, anchor="right")
    values = chart["values"]
    n = max(1, len(values))
    slot = (right - left) / n
    bar_w = slot * 0.6
    line = chart.get("line")
    for k, (v, lab, vl) in enumerate(zip(values, chart["labels"], chart.get("value_labels", [""] * n))):
        cx = left + slot * (k + 0.5)
        if v is not None:
            color = WEAK_COLOR if line is not None and v < line else BAR_COLOR
            c.rect(cx - bar_w / 2, y_of(v), cx + bar_w / 2, bottom, color)
            c.text(cx, y_of(v) - small_px * 0.25, vl, small_px, anchor="center")
        c.text(cx, bottom + label_px * 1.05, lab, label_px, anchor="center")
    c.rect(left - 1, bottom, right, bottom + max(1.5, pt * 0.75), AXIS_COLOR)
    c.rect(left - max(1.5, pt * 0.75), plot_top - label_px * 0.2, left, bottom, AXIS_COLOR)
    if line is not None:
        c.hline(left, right, y_of(line), max(2.0, pt * 1.2), LINE_COLOR, dash=pt * 6)
    if chart.get("axis_label"):
        c.text((left + right) / 2, bottom + label_px * 2.3, chart["axis_label"], label_px, anchor="center")
    # legend
    items = [(BAR_COLOR, chart.get("series_label", ""), "box")]
    if line is not None and any(v is not None and v < line for v in values):
        items.append((WEAK_COLOR, chart.get("weak_label", "ต่ำกว่าเกณฑ์"), "box"))
    if line is not None:
        items.append((LINE_COLOR, chart.get("line_label", ""), "line"))
    sw = label_px * 0.8
    widths = [sw + 8 + c.text_width(t, label_px) for _, t, _ in items]
    gap = label_px * 1.2
    x = (W - sum(widths) - gap * (len(items) - 1)) / 2
    y = H - legend_h * 0.35
    for (color, text, kind), w in zip(items, widths):
        if kind == "box":
            c.rect(x, y - sw * 0.9, x + sw, y - sw * 0.1, color)
        else:
            c.hline(x, x + sw, y - sw * 0.5, max(2.0, pt * 1.2), color, dash=sw / 3)
        c.text(x + sw + 8, y, text, label_px)
        x += w + gap
    return c.png(dpi)
