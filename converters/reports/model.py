"""The report model: what a layout produces and the writers consume.

A layout turns a Submission into plain data: strings already formatted (digits, dates), tables as
columns + groups of rows, and for the workbook writer an ordered list of blocks per sheet. Nothing here
knows about openpyxl or Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CM_PER_INCH = 2.54
PT_PER_CM = 72 / CM_PER_INCH


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # cm, as printed
    align: str = "left"  # left | center
    parent: str = ""  # a header spanning this column and its neighbours with the same parent
    carry: bool = False  # shown where it changes; repeated with "(ต่อ)" at the top of a new page
    tick: bool = False  # a status tick box


@dataclass
class Group:
    """Rows under one heading stack (e.g. category > tool). `headings` start here; `context` is all of it."""

    headings: list[str]
    context: list[str]
    rows: list[dict[str, str]]
    new_page: bool = False
    key: str = ""

    @property
    def heading(self) -> str:
        return self.context[-1] if self.context else ""


@dataclass
class Table:
    key: str
    columns: list[Column]
    groups: list[Group]
    font_size: float = 16
    header_size: float | None = None
    empty: str = ""  # shown in one merged row when there is no row at all
    split_rows: bool = False  # a row that does not fit the rest of a page continues on the next (fills pages)

    @property
    def rows(self) -> list[dict[str, str]]:
        return [r for g in self.groups for r in g.rows]

    @property
    def width(self) -> float:
        return sum(c.width for c in self.columns)

    @property
    def has_parents(self) -> bool:
        return any(c.parent for c in self.columns)


# ------------------------------------------------------------------------------ blocks of a worksheet

@dataclass
class Para:
    text: str
    size: float = 16
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left | center | right | justify
    indent: bool = False  # first-line indent (a body paragraph)
    span: tuple[float, float] = (0.0, 1.0)  # share of the sheet width it occupies
    space_before: float = 0.0  # points
    keep_with_next: bool = False
    label: str = ""  # a bold label before the text on the same line (memo header fields)
    label_size: float | None = None
    anchor: str = ""  # a place the contents can point at
    page_of: str = ""  # a contents line: the page number of this anchor follows the text


@dataclass
class TableBlock:
    table: Table
    print_titles: bool = False  # the header rows are the sheet's print titles (one table per sheet)


@dataclass
class ChartBlock:
    chart: dict
    width: float = 16.0  # cm
    height: float = 8.0  # cm


@dataclass
class PageBreak:
    pass


@dataclass
class Sheet:
    name: str
    orientation: str  # portrait | landscape
    blocks: list = field(default_factory=list)
    margins: tuple[float, float, float, float] = (2.0, 1.5, 1.5, 1.5)  # left, right, top, bottom (cm)
    font_size: float = 16
    first_page_number: bool = True  # False: no page number on the first page (a cover)
