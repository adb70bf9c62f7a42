"""The validation catalogue (catalogue.toml) and the Finding every rule returns.

A finding is data: a stable code, a severity, messages filled once from the catalogue's templates, and
where it is (file, sheet, cell, row id). Text, JSON and the workbook's ตรวจสอบ sheet all render the same
object.

    >>> entry("score-missing").make(sheet="คะแนน", cell="E12", indicator=9).message_th
    'ยังไม่ได้กรอกคะแนนตัวชี้วัด 9 (เซลล์ E12)'
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from core.thai_lines import shorten

CATALOGUE_FILE = Path(__file__).with_name("catalogue.toml")
SEVERITIES = ("error", "warning", "info")  # most severe first


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message_th: str
    message_en: str
    fix_th: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    row_id: str = ""
    title_th: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def severity_th(self) -> str:
        return severity_th(self.severity)


@dataclass(frozen=True)
class Entry:
    """One catalogue row: what a finding with this code says and how to fix it."""

    code: str
    severity: str
    title_th: str
    message_th: str
    message_en: str
    fix_th: str

    def make(self, *, sheet: str, cell: str, file: str = "", row_id: str = "", **params: object) -> Finding:
        """A finding with every template filled; `sheet` and `cell` are placeholders too."""
        values = {k: _show(v, cut=k == "value") for k, v in params.items()}
        values.update(sheet=sheet, cell=cell)
        return Finding(self.code, self.severity, self.message_th.format_map(values),
                       self.message_en.format_map(values), self.fix_th.format_map(values),
                       file=file, sheet=sheet, cell=cell, row_id=row_id, title_th=self.title_th)


PARAM_LIMIT = 300  # characters of any one value in a message: a finding stays a line, never a page


def _show(value: object, cut: bool = False) -> str:
    """Values as they appear in a message: floats without noise; a cell's text (`cut`) on one short line;
    anything else within PARAM_LIMIT."""
    if isinstance(value, float):
        return f"{value:.2f}" if round(value, 2) == round(value, 10) else f"{round(value, 10):g}"
    text = str(value)
    if cut:
        text = text.replace("\r", "").replace("\n", " / ")
        text = shorten(text, 60)
    return text if len(text) <= PARAM_LIMIT else shorten(text, PARAM_LIMIT)


@dataclass(frozen=True)
class Catalogue:
    entries: dict[str, Entry]
    severity_names: dict[str, str]

    def __getitem__(self, code: str) -> Entry:
        return self.entries[code]


@lru_cache(maxsize=1)
def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    """The catalogue (package data, cached). A broken catalogue is a programming error: it raises."""
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    entries: dict[str, Entry] = {}
    for item in raw["findings"]:
        e = Entry(**item)
        if e.severity not in SEVERITIES:
            raise ValueError(f"{path.name}: {e.code}: unknown severity {e.severity!r}")
        if e.code in entries:
            raise ValueError(f"{path.name}: code {e.code!r} appears twice")
        entries[e.code] = e
    return Catalogue(entries, dict(raw["severities"]))


def entry(code: str) -> Entry:
    return load_catalogue()[code]


def severity_th(severity: str) -> str:
    return load_catalogue().severity_names.get(severity, severity)
