"""Generate the Word templates of the reports: templates/<layout>.docx from each layout's recipe.

    python -m converters.reports.make_templates [DIR]

Each layout declares its recipe (`LAYOUT.word`, in converters/reports/layouts/<name>.py); the shared
building blocks are in converters/reports/docx_blocks.py. Run this after changing a layout's columns or
recipe: a test checks that the shipped templates are what this writes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from converters.reports.docx_writer import TEMPLATE_DIR
from converters.reports.layouts import LAYOUTS


def templates() -> dict[str, object]:
    """Every Word template (python-docx Documents) by file name: each layout's own and its variants'."""
    out: dict[str, object] = {}
    for layout in LAYOUTS.values():
        out.update(layout.templates())
    return out


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = Path(argv[0]) if argv else TEMPLATE_DIR
    out.mkdir(parents=True, exist_ok=True)
    for file, doc in templates().items():
        path = out / file
        doc.save(path)  # type: ignore[attr-defined]
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
