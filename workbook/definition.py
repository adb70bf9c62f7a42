"""The template's declaration (workbook/definition.toml) as typed, immutable objects."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFINITION_FILE = Path(__file__).with_name("definition.toml")
HEADER_ROW = 3  # table sheets: title in row 1, a help line in row 2, headers in row 3
FIRST_ROW = HEADER_ROW + 1
FORM_FIRST_ROW = 3  # form sheet: labels in A, values in B, from row 3


@dataclass(frozen=True)
class Field:
    key: str
    name: str  # defined name (workbook contract)
    label: str
    type: str
    required: bool = False
    list: str | None = None
    min: float | None = None
    max: float | None = None
    prompt: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str
    width: float = 12
    required: bool = False
    list: str | None = None
    prompt: str = ""
    locked: bool = False

    @property
    def computed(self) -> bool:
        return self.type == "formula"


@dataclass(frozen=True)
class SummaryItem:
    key: str
    label: str
    name: str
    input: str | None = None  # None: a formula; else the input type
    per_tool: bool = False
    prompt: str = ""


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str
    kind: str
    title: str = ""
    table: str | None = None
    hidden: bool = False
    fixed_rows: bool = False
    blank_rows: int = 0
    fields: tuple[Field, ...] = ()
    columns: tuple[Column, ...] = ()
    summary: tuple[SummaryItem, ...] = ()

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def column_index(self, key: str) -> int:
        """1-based column of `key` in this table sheet."""
        return [c.key for c in self.columns].index(key) + 1

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


@dataclass(frozen=True)
class Definition:
    template_id: str
    version: str
    readable_versions: tuple[str, ...]
    lists: dict[str, tuple]
    sheets: tuple[Sheet, ...]

    def sheet(self, key: str) -> Sheet:
        for s in self.sheets:
            if s.key == key:
                return s
        raise KeyError(key)

    def by_name(self, name: str) -> Sheet | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None


def _build(cls, raw: dict):
    fields = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
    return cls(**fields)


@lru_cache(maxsize=1)
def load_definition(path: Path = DEFINITION_FILE) -> Definition:
    """The template definition (cached; it is package data)."""
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    sheets = []
    for s in raw["sheets"]:
        sheets.append(Sheet(
            key=s["key"], name=s["name"], kind=s["kind"], title=s.get("title", ""), table=s.get("table"),
            hidden=s.get("hidden", False), fixed_rows=s.get("fixed_rows", False),
            blank_rows=s.get("blank_rows", 0),
            fields=tuple(_build(Field, f) for f in s.get("fields", [])),
            columns=tuple(_build(Column, c) for c in s.get("columns", [])),
            summary=tuple(_build(SummaryItem, x) for x in s.get("summary", [])),
        ))
    t = raw["template"]
    return Definition(t["id"], t["version"], tuple(t["readable_versions"]),
                      {k: tuple(v) for k, v in raw["lists"].items()}, tuple(sheets))


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
