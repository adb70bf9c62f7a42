"""The layout table of docs/reports.md, generated from the registry: `python -m converters.reports.docs`
rewrites the block between the markers (a test checks that the doc is current)."""

from __future__ import annotations

from pathlib import Path

from converters.reports.layouts import LAYOUTS

DOC = Path(__file__).resolve().parents[2] / "docs" / "reports.md"
START = "<!-- layouts:start (generated from converters/reports/layouts by python -m converters.reports.docs) -->"
END = "<!-- layouts:end -->"
PAPER = {"portrait": "A4 แนวตั้ง", "landscape": "A4 แนวนอน"}
SOURCE = {"xlsx": "Excel", "docx": "Word"}


def layouts_markdown() -> str:
    """One row per layout, in the registry's order: name, title and contents, paper, what its PDF is made from."""
    lines = ["| ชื่อ | เอกสาร | หน้ากระดาษ | PDF สร้างจาก |", "|---|---|---|---|"]
    for lay in LAYOUTS.values():
        lines.append(f"| `{lay.name}` | **{lay.title}** — {lay.summary} | {PAPER[lay.orientation]} "
                     f"| {SOURCE[lay.pdf_from]} |")
    return "\n".join(lines)


def update_doc(path: Path = DOC) -> None:
    """Replace the block between the markers with the current table."""
    text = path.read_text(encoding="utf-8")
    head, found, rest = text.partition(START)
    _, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise SystemExit(f"{path}: markers {START!r} … {END!r} not found")
    path.write_text(f"{head}{START}\n{layouts_markdown()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    update_doc()
