"""Where things are in a workbook: sheet names, defined names and Excel tables, read from the package XML.

Reading the few XML parts directly (defusedxml) is much faster than opening the book with openpyxl, and
lets the reader take values from any grid source (python-calamine, openpyxl, or a live Excel book).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from defusedxml import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass(frozen=True)
class Area:
    """A cell or a rectangle on one sheet; rows and columns 1-based."""

    sheet: str
    row: int
    col: int
    last_row: int
    last_col: int

    @cached_property  # the parsed areas are shared by every book with the same workbook.xml
    def address(self) -> str:
        from workbook.definition import column_letter

        first = f"{column_letter(self.col)}{self.row}"
        if (self.row, self.col) == (self.last_row, self.last_col):
            return first
        return f"{first}:{column_letter(self.last_col)}{self.last_row}"


@dataclass(frozen=True)
class TableRef:
    name: str
    area: Area  # header row included
    columns: tuple[str, ...]


@dataclass
class Layout:
    sheets: list[str] = field(default_factory=list)
    names: dict[str, Area] = field(default_factory=dict)
    tables: dict[str, TableRef] = field(default_factory=dict)


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def parse_cell(address: str) -> tuple[int, int]:
    """'B3' -> (3, 2)."""
    m = _CELL.match(address.replace("$", "").upper())
    if not m:
        raise ValueError(address)
    return int(m.group(2)), col_number(m.group(1))


def parse_area(text: str, default_sheet: str | None = None) -> Area | None:
    """"'ข้อมูล'!$B$3" or "B3:C9" (with a default sheet) -> Area; None for anything else (#REF!, formulas)."""
    if "!" not in text and default_sheet is not None:
        text = f"'{default_sheet}'!{text}"
    m = _REF.match(text.strip())
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    r1, c1 = int(m.group(4)), col_number(m.group(3))
    r2, c2 = (int(m.group(6)), col_number(m.group(5))) if m.group(5) else (r1, c1)
    return Area(sheet, r1, c1, r2, c2)


def part_rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    if rels_part not in zf.NameToInfo:
        return {}
    return dict(_parse_rels(zf.read(rels_part), folder))


# The parts are parsed through small caches keyed by their bytes: the books of one province come from the same
# template, so most parts are byte-identical, and a merge of thousands of files parses each variant once.

@lru_cache(maxsize=512)
def _parse_rels(data: bytes, folder: str) -> tuple[tuple[str, str], ...]:
    root = ET.fromstring(data)
    out = []
    for rel in root.findall("rel:Relationship", NS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Id", ""), path))
    return tuple(out)


@lru_cache(maxsize=64)
def _parse_workbook(data: bytes) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, Area], ...]]:
    """((sheet name, relationship id), …), ((defined name, area), …) of xl/workbook.xml."""
    root = ET.fromstring(data)
    sheets = tuple((sh.get("name", ""), sh.get(f"{{{NS['r']}}}id", "")) for sh in root.findall("m:sheets/m:sheet", NS))
    names = []
    for dn in root.findall("m:definedNames/m:definedName", NS):
        if dn.get("localSheetId") is not None or not dn.text:
            continue
        area = parse_area(dn.text)
        if area is not None:
            names.append((dn.get("name", ""), area))
    return sheets, tuple(names)


@lru_cache(maxsize=512)
def _parse_table(data: bytes, sheet: str) -> TableRef | None:
    t = ET.fromstring(data)
    ref = parse_area(t.get("ref", ""), sheet)
    if ref is None:
        return None
    cols = tuple(c.get("name", "") for c in t.findall("m:tableColumns/m:tableColumn", NS))
    name = t.get("displayName") or t.get("name", "")
    return TableRef(name, ref, cols)


def read_layout(zf: zipfile.ZipFile) -> Layout:
    """Sheets, defined names and tables of an open .xlsx/.xlsm package."""
    wb_part = "xl/workbook.xml"
    sheets, defined = _parse_workbook(zf.read(wb_part))
    rels = part_rels(zf, wb_part)
    layout = Layout()
    sheet_parts: dict[str, str] = {}
    for name, rid in sheets:
        layout.sheets.append(name)
        if rid in rels:
            sheet_parts[name] = rels[rid]
    layout.names.update(defined)
    names = zf.NameToInfo
    for sheet, part in sheet_parts.items():
        for target in part_rels(zf, part).values():
            if "/tables/" not in target or target not in names:
                continue
            table = _parse_table(zf.read(target), sheet)
            if table is not None:
                layout.tables[table.name] = table
    return layout
