"""What a layout module declares about itself (its LAYOUT): everything the registry's readers need."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ORIENTATIONS = ("portrait", "landscape")
PDF_SOURCES = ("xlsx", "docx")


@dataclass(frozen=True)
class Layout:
    name: str                     # `ita report --layout NAME`, file names <agency>_<name>.*, templates/<name>.docx
    order: int                    # position in every list of layouts (help, settings, docs, output)
    title: str                    # the document's Thai title
    summary: str                  # what the document holds, in Thai (docs/reports.md)
    orientation: str              # of its first page: portrait | landscape
    text: str                     # its wording: converters/reports/text/<text>.toml
    pdf_from: str                 # what its PDF is made from: xlsx (paginated here) or docx (Word's own flow)
    build: Callable[[Any], dict]  # Facts -> the report data (strings, tables, sheets)
    word: Callable[..., Any]      # the Word template recipe -> a python-docx Document (templates/<name>.docx)
    needs_progress: bool = False  # nothing to show at the plan stage (before any progress): not made then
    variants: tuple[str, ...] = ()  # other Word templates, word(variant) -> templates/<name>-<variant>.docx;
    #                                 the report data's "variant" key picks one (e.g. "plan")

    def __post_init__(self) -> None:
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"layout {self.name}: orientation {self.orientation!r} not in {ORIENTATIONS}")
        if self.pdf_from not in PDF_SOURCES:
            raise ValueError(f"layout {self.name}: pdf_from {self.pdf_from!r} not in {PDF_SOURCES}")

    @property
    def template_file(self) -> str:
        return f"{self.name}.docx"

    def variant_file(self, variant: str | None) -> str:
        """The Word template of a variant ("plan"), or the layout's own when there is none."""
        return f"{self.name}-{variant}.docx" if variant and variant in self.variants else self.template_file

    def templates(self) -> dict[str, Any]:
        """Every Word template of this layout by file name: its own, then its variants'."""
        out = {self.template_file: self.word()}
        out.update({self.variant_file(v): self.word(v) for v in self.variants})
        return out

    @property
    def text_file(self) -> str:
        return f"{self.text}.toml"
