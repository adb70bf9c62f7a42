"""Plain-text tables that line up with Thai text in a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from core.thai import display_width, pad


def render(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None) -> str:
    """A boxed table; `align` is one of '<', '>', '^' per column (default: left)."""
    align = align or "<" * len(headers)
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def fmt(cells: Sequence[str], al: str) -> str:
        return "| " + " | ".join(pad(c, w, a) for c, w, a in zip(cells, widths, al)) + " |"

    out = [line, fmt(headers, "^" * len(headers)), line.replace("-", "=")]
    out += [fmt(r, align) for r in rows]
    out.append(line)
    return "\n".join(out)
