"""Read a filled template into a Submission, by name and table, never by position.

Two sources, one core: a file (layout from the package XML, values from python-calamine), or a grid of live
values from Excel (the add-in passes unsaved values). Python recomputes every computed cell; the values the
book shows in them, and its criteria sheet, are kept (`computed`, `criteria`) so validation can compare.

A value in a range merged down one column belongs to every row it spans (Excel keeps it in the first cell
only); a merge across columns of a table is reported (ReadIssue "merged_across"). Sheets are named as in
the book (`sheets`), whatever the officer renamed them to.
"""

from __future__ import annotations

import contextlib
import os
import sys
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from core.errors import UnreadableFileError
from workbook import values as V
from workbook.book_map import Area, Layout, TableRef, read_layout
from workbook.definition import Definition, Sheet, column_letter, load_definition
from workbook.model import Agency, AnalysisRow, Measure, ProgressRow, Scores, Submission

Grid = Sequence[Sequence[object]]  # rows of cell values from A1; "" or None for empty
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based, inclusive)


class RawCell(NamedTuple):
    """One input cell as it was typed, for the text checks of validation (a tuple: hundreds per book)."""

    sheet: str  # sheet name as in the book
    address: str
    key: str  # "agency.name", "scores.score", "measures.title", …
    value: object
    item: str = ""  # row identity: indicator number, measure id, or ""


class ReadIssue(NamedTuple):
    """A value the reader could not convert: the validator turns it into a finding."""

    kind: str  # not_number, not_int, not_date, missing_column, missing_table, duplicate_key, merged_across
    sheet: str
    address: str
    key: str
    value: object = None


@dataclass
class ReadResult:
    submission: Submission
    source: str
    layout: Layout
    cells: list[RawCell] = field(default_factory=list)
    issues: list[ReadIssue] = field(default_factory=list)
    columns: dict[str, dict[str, int]] = field(default_factory=dict)  # table key -> column key -> col
    sheets: dict[str, str] = field(default_factory=dict)  # sheet key -> its name in the book
    computed: list[RawCell] = field(default_factory=list)  # what the book shows in its computed cells
    criteria: list[RawCell] = field(default_factory=list)  # the book's criteria sheet (weights, levels)
    has_macros: bool = False  # the package carries a VBA project

    def sheet_name(self, key: str) -> str:
        """The book's name of a sheet of the definition ('measures' -> 'มาตรการ', or what it was renamed to)."""
        return self.sheets.get(key) or load_definition().sheet(key).name

    def cell_of(self, key: str, row: int | None = None) -> tuple[str, str]:
        """(sheet name, address) of a field ('agency.name') or a table cell ('measures.title', row)."""
        table, _, col = key.partition(".")
        d = load_definition()
        if table == "agency":
            area = self.layout.names.get(d.sheet("agency").field(col).name)
            return (area.sheet, area.address) if area else (self.sheet_name("agency"), "")
        c = self.columns.get(table, {}).get(col)
        if c is None or row is None:
            return self.sheet_name(table), ""
        return self.sheet_name(table), f"{column_letter(c)}{row}"


class _GridReader:
    def __init__(self, grids: Callable[[str], Grid], layout: Layout, source: str, d: Definition,
                 merges: Callable[[str], Sequence[Merge]] | None = None) -> None:
        self.grid_of, self.layout, self.source, self.d = grids, layout, source, d
        self.merges_of = merges or (lambda name: ())
        self._cache: dict[str, Grid] = {}
        self._plans: dict[str, list] = {}
        self.result = ReadResult(Submission(source=source), source, layout)
        area = layout.names.get(d.sheet("agency").fields[0].name)
        if area is not None and area.sheet in layout.sheets:
            self.result.sheets["agency"] = area.sheet

    def grid(self, sheet: str) -> Grid:
        g = self._cache.get(sheet)
        if g is None:
            g = self._cache[sheet] = self.grid_of(sheet)
        return g

    def unmerge(self, name: str, key: str, header: int, cols: dict[str, int]) -> None:
        """Give every row of a range merged down one column the range's value, as Excel shows it; a merge
        across the table's columns becomes a ReadIssue (only its first column keeps a value)."""
        merges = [m for m in self.merges_of(name) if m[2] > header]
        if not merges:
            return
        used = set(cols.values())
        grid = [list(r) for r in self.grid(name)]  # a private copy: the source's rows are left alone
        for r0, c0, r1, c1 in merges:
            if not any(c0 <= c <= c1 for c in used):
                continue
            if c1 > c0:
                self.result.issues.append(ReadIssue("merged_across", name, _range(r0, c0, r1, c1), key))
            r0 = max(r0, header + 1)
            if r0 - 1 >= len(grid) or c0 - 1 >= len(grid[r0 - 1]):
                continue
            value = grid[r0 - 1][c0 - 1]
            for r in range(r0 + 1, min(r1, len(grid)) + 1):
                row = grid[r - 1]
                if len(row) < c0:
                    row.extend([None] * (c0 - len(row)))
                row[c0 - 1] = value
        self._cache[name] = grid

    def value(self, sheet: str, row: int, col: int) -> object:
        g = self._cache.get(sheet)
        if g is None:
            g = self.grid(sheet)
        if row - 1 < len(g):
            r = g[row - 1]
            if col - 1 < len(r):
                v = r[col - 1]
                return None if v == "" else v
        return None

    def named(self, name: str) -> tuple[object, Area | None]:
        area = self.layout.names.get(name)
        if area is None or area.sheet not in self.layout.sheets:
            return None, None
        return self.value(area.sheet, area.row, area.col), area

    def convert(self, conv: Callable[[object], object], raw: object, kind: str, sheet: str, address: str,
                key: str) -> object:
        try:
            return conv(raw)
        except (ValueError, TypeError, OverflowError):
            self.result.issues.append(ReadIssue(kind, sheet, address, key, raw))
            return None

    # -- stamp ---------------------------------------------------------------------------------
    def check_stamp(self) -> None:
        tid, _ = self.named("TemplateId")
        version, _ = self.named("TemplateVersion")
        if V.as_text(tid) != self.d.template_id:
            raise UnreadableFileError(
                "ไม่ใช่แบบฟอร์ม ITA Toolkit (ไม่พบรหัสแบบฟอร์ม) — สร้างแบบฟอร์มด้วยคำสั่ง ita template "
                "หรือปุ่ม แบบฟอร์มใหม่ แล้วคัดลอกข้อมูลลงไป", where=self.source, english="not an ITA Toolkit template")
        version = V.as_text(version)
        if version not in self.d.readable_versions:
            raise UnreadableFileError(
                f"แบบฟอร์มรุ่น {version or '?'} อ่านไม่ได้ด้วยโปรแกรมรุ่นนี้ (อ่านได้: "
                f"{', '.join(self.d.readable_versions)}) — ปรับรุ่นโปรแกรม ITA Toolkit หรือใช้แบบฟอร์มรุ่น "
                f"{self.d.version}", where=self.source, english=f"unsupported template version {version}")
        self.result.submission.template_id = self.d.template_id
        self.result.submission.template_version = version

    # -- agency --------------------------------------------------------------------------------
    def agency(self) -> Agency:
        sheet = self.d.sheet("agency")
        agency = Agency()
        for f in sheet.fields:
            raw, area = self.named(f.name)
            if area is None:
                continue
            key = f"agency.{f.key}"
            self.result.cells.append(RawCell(area.sheet, area.address, key, raw))
            conv, kind = _converter(f.type, f.list, self.d)
            setattr(agency, f.key, self.convert(conv, raw, kind, area.sheet, area.address, key)
                    if conv is not V.as_text else V.as_text(raw))
        return agency

    # -- tables --------------------------------------------------------------------------------
    def locate(self, sheet: Sheet) -> tuple[str, int, dict[str, int], int | None] | None:
        """(sheet name, header row, column key -> column, last table row) by table name or by headers."""
        wanted = {_norm(c.header): c.key for c in sheet.columns}
        wanted.update({c.key.lower(): c.key for c in sheet.columns})
        tref: TableRef | None = self.layout.tables.get(sheet.table or "")
        if tref is not None and tref.area.sheet in self.layout.sheets:
            area = tref.area
            cols = {}
            for i in range(area.col, area.last_col + 1):
                k = wanted.get(_norm(self.value(area.sheet, area.row, i)))
                if k and k not in cols:
                    cols[k] = i
            return area.sheet, area.row, cols, area.last_row
        # no table (a live book, or a copy that lost it): find the header row on the sheet
        name = sheet.name if sheet.name in self.layout.sheets else None
        if name is None:
            return None
        g = self.grid(name)
        for r, row in enumerate(g[:30], 1):
            cols = {}
            for c, v in enumerate(row, 1):
                k = wanted.get(_norm(v))
                if k and k not in cols:
                    cols[k] = c
            if len(cols) >= max(2, len(sheet.columns) // 2):
                return name, r, cols, None
        return None

    def rows(self, key: str) -> list[tuple[int, dict[str, object]]]:
        """Non-blank rows of a table as (worksheet row, {column key: raw value}); reads past the table end."""
        sheet = self.d.sheet(key)
        found = self.locate(sheet)
        if found is None:
            self.result.issues.append(ReadIssue("missing_table", sheet.name, "", key))
            return []
        name, header, cols, _last = found
        self.result.columns[key] = cols
        self.result.sheets[key] = name
        for c in sheet.columns:
            if c.key not in cols and not c.computed:
                self.result.issues.append(ReadIssue("missing_column", name, f"{header}", f"{key}.{c.key}",
                                                    c.header))
        self.unmerge(name, key, header, cols)
        grid = self.grid(name)
        out = []
        inputs = [(c.key, cols[c.key] - 1) for c in sheet.columns if c.key in cols and not c.computed]
        ind = cols.get("indicator", 0) - 1
        # rows past the grid's end are empty: the table's formatted blank rows need no reading
        for r in range(header + 1, len(grid) + 1):
            row = grid[r - 1]
            width = len(row)
            raw = {k: (None if (v := row[c] if c < width else None) == "" else v) for k, c in inputs}
            if sheet.fixed_rows:
                raw["indicator"] = (None if (v := row[ind] if 0 <= ind < width else None) == "" else v)
                if V.is_blank(raw["indicator"]):
                    continue
            elif all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
                continue
            out.append((r, raw))
        return out

    def _plan(self, key: str) -> list[tuple[str, str, str, Callable[[object], object], str]]:
        """Per input column of a located table: (key, column letter, 'table.key', converter, issue kind)."""
        plan = self._plans.get(key)
        if plan is None:
            cols = self.result.columns[key]
            plan = [(c.key, column_letter(cols[c.key]), f"{key}.{c.key}", *_converter(c.type, c.list, self.d))
                    for c in self.d.sheet(key).columns if not c.computed and c.key in cols]
            self._plans[key] = plan
        return plan

    def typed(self, key: str, r: int, raw: dict[str, object], item: str) -> dict[str, object]:
        name = self.layout_sheet(key)
        cells = self.result.cells
        out: dict[str, object] = {}
        for ck, letter, full, conv, kind in self._plan(key):  # computed once per table, not per cell
            if ck not in raw:
                continue
            address = f"{letter}{r}"
            value = raw[ck]
            cells.append(RawCell(name, address, full, value, item))
            try:  # self.convert, inlined: this runs for every input cell of every table
                out[ck] = conv(value)
            except (ValueError, TypeError, OverflowError):
                self.result.issues.append(ReadIssue(kind, name, address, full, value))
                out[ck] = None
        return out

    def layout_sheet(self, key: str) -> str:
        return self.result.sheet_name(key)

    def indicator_rows(self, key: str) -> list[tuple[int, int, dict[str, object]]]:
        """(worksheet row, indicator number, raw values) of a one-row-per-indicator table; a second row of
        the same indicator is a ReadIssue "duplicate_key" (value: the number and the first row), never read
        over the first."""
        out = []
        rows = self.rows(key)
        letter = column_letter(self.result.columns.get(key, {}).get("indicator", 1))
        first: dict[int, int] = {}
        for r, raw in rows:
            n = self.convert(V.as_int, raw["indicator"], "not_int", self.layout_sheet(key), f"{letter}{r}",
                             f"{key}.indicator")
            if n is None:
                continue
            if n in first:
                self.result.issues.append(ReadIssue("duplicate_key", self.layout_sheet(key), f"{letter}{r}",
                                                    f"{key}.indicator", (n, first[n])))
                continue
            first[n] = r
            out.append((r, n, raw))
        return out

    def computed_cells(self, key: str, rows: Sequence[tuple[int, int, dict[str, object]]]) -> None:
        """What the book shows in the computed columns of a one-row-per-indicator table."""
        cols = self.result.columns.get(key, {})
        name = self.layout_sheet(key)
        computed = [(c.key, cols[c.key]) for c in self.d.sheet(key).columns if c.computed and c.key in cols]
        for r, n, _raw in rows:
            for ck, c in computed:
                value = self.value(name, r, c)
                if value is not None:
                    self.result.computed.append(RawCell(name, f"{column_letter(c)}{r}", f"{key}.{ck}", value,
                                                        str(n)))

    def summary_cells(self) -> None:
        """What the book shows in the computed cells of the scores sheet's summary (TotalScore, Rating, …)."""
        names = self.layout.names
        for item in self.d.sheet("scores").summary:
            if item.input:
                continue
            prefix, _, suffix = item.name.partition("{tool}")
            if item.per_tool:
                found = [(name, area) for name, area in names.items() if name == item.name or (
                    name.startswith(prefix) and name.endswith(suffix) and len(name) > len(prefix) + len(suffix))]
            else:
                found = [(item.name, names[item.name])] if item.name in names else []
            for name, area in found:
                if area.sheet not in self.layout.sheets or (area.row, area.col) != (area.last_row, area.last_col):
                    continue  # a range such as ToolScores is not one of the cells
                value = self.value(area.sheet, area.row, area.col)
                if value is not None:
                    tool = name[len(prefix):len(name) - len(suffix)] if item.per_tool else ""
                    self.result.computed.append(RawCell(area.sheet, area.address, f"scores.{item.key}", value,
                                                        tool))

    def criteria_cells(self) -> None:
        """The book's criteria sheet as it stands: year, marks, indicators with tool and weight, levels."""
        out = self.result.criteria
        for name, key in CRITERIA_SINGLE:
            area = self.layout.names.get(name)
            if area is not None and area.sheet in self.layout.sheets:
                out.append(RawCell(area.sheet, area.address, key, self.value(area.sheet, area.row, area.col)))
        for name, columns in CRITERIA_TABLES:
            area = self.layout.names.get(name)
            if area is None or area.sheet not in self.layout.sheets:
                continue
            self.result.sheets.setdefault("criteria", area.sheet)
            grid = self.grid(area.sheet)
            cells = [(key, area.col + offset - 1, column_letter(area.col + offset)) for key, offset in columns]
            for i, r in enumerate(range(area.row, area.last_row + 1)):
                row = grid[r - 1] if r - 1 < len(grid) else ()
                width, item = len(row), str(i)
                for key, c, letter in cells:  # as self.value(), by whole rows: 76 rows in every book
                    v = row[c] if c < width else None
                    out.append(RawCell(area.sheet, f"{letter}{r}", key, None if v == "" else v, item))

    def scores(self) -> tuple[Scores, list[AnalysisRow]]:
        scores = Scores()
        rows = self.indicator_rows("scores")
        self.computed_cells("scores", rows)
        for r, n, raw in rows:
            t = self.typed("scores", r, raw, str(n))
            scores.current[n] = t.get("score")
            scores.previous[n] = t.get("previous")
            scores.rows[n] = r
        scores.previous = {k: v for k, v in scores.previous.items() if v is not None}
        for attr, name, conv, kind in (("published_total", "PublishedTotal", V.as_number, "not_number"),
                                       ("published_rating", "PublishedRating", V.as_text, ""),
                                       ("iit_respondents", "IITRespondents", V.as_int, "not_int"),
                                       ("eit_respondents", "EITRespondents", V.as_int, "not_int")):
            raw, area = self.named(name)
            if area is None:
                continue
            self.result.cells.append(RawCell(area.sheet, area.address, f"scores.{attr}", raw))
            value = self.convert(conv, raw, kind, area.sheet, area.address, f"scores.{attr}")
            setattr(scores, attr, None if value == "" else value)  # a typed 0 stays 0
        analysis = []
        rows = self.indicator_rows("analysis")
        self.computed_cells("analysis", rows)
        for r, n, raw in rows:
            t = self.typed("analysis", r, raw, str(n))
            analysis.append(AnalysisRow(n, t.get("issue") or "", row=r))
        return scores, analysis

    def summary_inputs(self, key: str) -> dict[str, object]:
        """The typed input cells beside a table (by defined name), converted: {summary key: value}."""
        out: dict[str, object] = {}
        for item in self.d.sheet(key).summary:
            if not item.input:
                continue
            raw, area = self.named(item.name)
            if area is None:
                continue
            full = f"{key}.{item.key}"
            self.result.cells.append(RawCell(area.sheet, area.address, full, raw))
            conv, kind = _converter(item.input, None, self.d)
            out[item.key] = self.convert(conv, raw, kind, area.sheet, area.address, full)
        return out

    def measures(self) -> list[Measure]:
        out = []
        for r, raw in self.rows("measures"):
            t = self.typed("measures", r, raw, V.as_text(raw.get("id")))
            out.append(Measure(id=t.pop("id") or "", row=r, **{k: v if v is not None else _empty(k)
                                                               for k, v in t.items()}))
        return out

    def progress(self) -> list[ProgressRow]:
        out = []
        for r, raw in self.rows("progress"):
            t = self.typed("progress", r, raw, V.as_text(raw.get("measure_id")))
            out.append(ProgressRow(measure_id=t.pop("measure_id") or "", row=r,
                                   **{k: v if v is not None else _empty(k) for k, v in t.items()}))
        return out

    def read(self) -> ReadResult:
        self.check_stamp()
        sub = self.result.submission
        sub.agency = self.agency()
        sub.scores, sub.analysis = self.scores()
        sub.focus = self.summary_inputs("analysis").get("focus")  # type: ignore[assignment]
        sub.measures = self.measures()
        sub.progress = self.progress()
        self.summary_cells()
        self.criteria_cells()
        return self.result


# The criteria sheet's cells, by defined name: single cells, and tables (name of the first column, then
# (key, column offset) of each cell of a row). Validation compares them with the framework.
CRITERIA_SINGLE = (("CritYear", "criteria.year"), ("PassMark", "criteria.pass_mark"),
                   ("KeepMark", "criteria.keep_mark"))
CRITERIA_TABLES = (
    ("CritIndicator", (("criteria.indicator", 0), ("criteria.tool", 1), ("criteria.weight", 4))),
    ("CritLevelLabel", (("criteria.level", 0), ("criteria.level_min", 1), ("criteria.level_max", 2),
                        ("criteria.level_each", 3))),
    ("CritCategories", (("criteria.category", 0),)),
)


def _range(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{column_letter(c0)}{r0}:{column_letter(c1)}{r1}"


def _empty(key: str) -> object:
    return () if key == "links" else None if key in ("start", "end", "as_of", "round") else ""


def _norm(value: object) -> str:
    return " ".join(str(value).split()).lower() if value is not None else ""


def _converter(typ: str, lst: str | None, d: Definition) -> tuple[Callable[[object], object], str]:
    if typ in ("number",):
        return V.as_number, "not_number"
    if typ in ("int", "indicator"):
        return V.as_int, "not_int"
    if typ == "round":
        return V.as_round, "not_round"
    if typ == "date":
        return V.as_date, "not_date"
    if typ == "month":
        return V.as_month, "not_date"
    if typ == "choice" and lst and all(isinstance(x, int) for x in d.lists[lst]):
        return V.as_int, "not_int"
    return V.as_text, ""


def read_grids(grids: Mapping[str, Grid] | Callable[[str], Grid], layout: Layout, *, source: str = "<workbook>",
               definition: Definition | None = None,
               merges: Callable[[str], Sequence[Merge]] | None = None) -> ReadResult:
    """Read from values already in memory: {sheet name: rows from A1}, or a function giving them; `merges`
    gives a sheet's merged ranges (none when not given)."""
    getter = grids if callable(grids) else (lambda name: grids.get(name, []))  # type: ignore[union-attr]
    res = _GridReader(getter, layout, source, definition or load_definition(), merges).read()
    for m in res.submission.measures:
        m.links = V.as_links(m.links) if not isinstance(m.links, tuple) else m.links
    return res


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2 (not just sys.stderr) for the duration."""
    try:
        saved = os.dup(2)
    except OSError:  # no fd 2 (an embedded interpreter): nothing to silence
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        sys.stderr.flush()
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _openpyxl_grid(path: Path, name: str) -> Grid:
    """One sheet's values through openpyxl (slower; a cell it cannot convert becomes '#VALUE!')."""
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(r) for r in wb[name].iter_rows(min_row=1, min_col=1, values_only=True)]
        finally:
            wb.close()


def read_workbook(path: str | Path, *, definition: Definition | None = None) -> ReadResult:
    """Read a filled template file (.xlsx/.xlsm) saved by Excel, LibreOffice or openpyxl."""
    from workbook.package import open_package, refuse_entity_parts

    path = Path(path)
    with open_package(path, scan_entities=False) as zf:
        has_macros = any(n.lower().endswith("vbaproject.bin") for n in zf.NameToInfo)
        try:
            layout = read_layout(zf)
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            raise UnreadableFileError(f"โครงสร้างไฟล์เสียหาย ({type(exc).__name__}) — ขอไฟล์ใหม่",
                                      where=str(path)) from None
        except Exception as exc:  # noqa: BLE001 - defusedxml refuses entity bombs and malformed XML
            raise UnreadableFileError(f"ข้อมูลภายในไฟล์ผิดรูปแบบหรือไม่ปลอดภัย ({type(exc).__name__})",
                                      where=str(path)) from None
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
        raise UnreadableFileError(f"อ่านค่าในไฟล์ไม่ได้ ({exc})", where=str(path)) from None

    failed: list[str] = []
    sheets: dict[str, object] = {}  # calamine parses a sheet on each get_sheet_by_name: once each

    def sheet(name: str):
        if name not in sheets:
            sheets[name] = book.get_sheet_by_name(name)
        return sheets[name]

    def grid(name: str) -> Grid:
        try:
            with _quiet_stderr():  # a Rust panic prints its own backtrace to fd 2 before Python sees it
                return sheet(name).to_python(skip_empty_area=False)
        except Exception:  # noqa: BLE001
            failed.append(name)
            return []
        except BaseException as exc:  # a Rust panic (PanicException), e.g. a date cell holding -1e12
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            return _openpyxl_grid(path, name)

    def merges(name: str) -> list[Merge]:
        try:
            ranges = sheet(name).merged_cell_ranges or ()
        except Exception:  # noqa: BLE001 - a sheet calamine cannot read has been reported by grid()
            return []
        return [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in ranges]

    def suspect_entities() -> None:
        with open_package(path, scan_entities=False) as zf:
            refuse_entity_parts(zf, str(path))

    try:
        result = read_grids(grid, layout, source=str(path), definition=definition, merges=merges)
        result.has_macros = has_macros
    except UnreadableFileError:
        suspect_entities()  # an unsafe part explains the failure better than the symptom does
        raise
    finally:
        book.close()
    if failed or any(i.kind in ("missing_table", "missing_column") for i in result.issues):
        suspect_entities()
    return result
