"""A small streaming .xlsx writer for the overview: rows go straight from the database into the zip.

openpyxl keeps every cell as an object (about 1 µs and a few hundred bytes each); an overview of 8,000
agencies has ~3 million cells. This writer emits the sheet XML as text while rows stream in, so memory stays
flat and the overview is written in seconds. It writes only what the overview needs: text, numbers, dates,
a few fixed styles, column widths, frozen panes, auto-filters, colour-scale conditional formatting,
native charts (converters.merge.charts) and the print setup of every sheet: A4 landscape, fit to the page
width (or one page), the header rows repeated on every page, page numbers, a header with the title and the
Thai date, page breaks.

Text is always written as an inline string, never as a formula; text that begins with = + - @ also gets the
"quote prefix" style, so Excel keeps it as text even when the cell is edited. Cells follow core.cell_text's
rules (no character XML cannot hold, at most 32,767 characters with a visible marker), also in the rows the
database renders (sql_rows); the database keeps the full text.
"""

from __future__ import annotations

import datetime as dt
import math
import struct
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from converters.merge.crc32 import crc_combine
from core.cell_text import EXCEL_CELL_LIMIT, TRUNCATED, cell_text, clean_xml, looks_like_formula
from workbook.definition import column_letter

_EPOCH = dt.datetime(1899, 12, 30)

# cellXfs: index -> meaning (the order of _STYLES_XML's <cellXfs>)
S_DEFAULT, S_HEADER, S_TEXT, S_NUM2, S_INT, S_PCT, S_DATE, S_TEXT_Q, S_TITLE, S_WRAP, S_WRAP_Q, S_BOLD = range(12)
KIND_STYLE = {"text": S_TEXT, "wrap": S_WRAP, "num": S_NUM2, "int": S_INT, "pct": S_PCT, "date": S_DATE,
              "bold": S_BOLD, "title": S_TITLE, "header": S_HEADER}
_QUOTED = {S_TEXT: S_TEXT_Q, S_WRAP: S_WRAP_Q, S_BOLD: S_TEXT_Q, S_DEFAULT: S_TEXT_Q}

FONT_NAME = "TH SarabunPSK"  # as workbook.styles (which imports openpyxl: kept off the merge's path)
DATE_FORMAT = "[$-107041E]d mmm yyyy"  # as workbook.styles.DATE_FORMAT: 15 ต.ค. 2567, Buddhist era
PCT_FORMAT = "0.0%"  # one decimal: 1 agency of 201 shows 0.5 %, not 0 %


def _styles_xml() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode={quoteattr(DATE_FORMAT)}/><numFmt numFmtId="165" formatCode="{PCT_FORMAT}"/></numFmts>
<fonts count="4">
<font><sz val="14"/><name val="{FONT_NAME}"/><family val="2"/></font>
<font><b/><sz val="14"/><color rgb="FFFFFFFF"/><name val="{FONT_NAME}"/><family val="2"/></font>
<font><b/><sz val="18"/><color rgb="FF1F3864"/><name val="{FONT_NAME}"/><family val="2"/></font>
<font><b/><sz val="14"/><name val="{FONT_NAME}"/><family val="2"/></font>
</fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E78"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>
<border><left style="thin"><color rgb="FFA6A6A6"/></left><right style="thin"><color rgb="FFA6A6A6"/></right>
<top style="thin"><color rgb="FFA6A6A6"/></top><bottom style="thin"><color rgb="FFA6A6A6"/></bottom><diagonal/></border>
</borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="12">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1" quotePrefix="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1" quotePrefix="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
<dxfs count="0"/><tableStyles count="0"/>
</styleSheet>"""

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _header_text(text: str) -> str:
    """Text for a page header: '&' doubled (a single one starts a code such as &P)."""
    return text.replace("&", "&&")


def esc(text: str) -> str:
    """Text for element content: XML-clean and escaped (no length limit: names, references)."""
    return escape(clean_xml(text))


def escape(text: str) -> str:
    """& < > escaped, nothing else (xml.sax.saxutils.escape, whose import pulls in urllib: 25 ms at every
    start of the merge and of each of its workers)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """An attribute value with its quotes, as xml.sax.saxutils.quoteattr writes it."""
    data = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


def _excel_date(value: dt.date | dt.datetime) -> float:
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value - _EPOCH
    return delta.days + delta.seconds / 86400


class _Entry:
    """One zip member being written: compressed text, and pre-compressed pieces spliced in as they are."""

    def __init__(self, z: Zip, name: str, level: int) -> None:
        self.z, self.name, self.level = z, name, level
        self.offset = z.fh.tell()
        self.crc = self.usize = self.csize = 0
        self.c = None
        n = name.encode("utf-8")
        z.fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, 0, 0x21, 0, 0, 0, len(n), 0) + n)

    def _out(self, data: bytes) -> None:
        if data:
            self.z.fh.write(data)
            self.csize += len(data)

    def write(self, data: bytes) -> None:
        if self.c is None:
            self.c = zlib.compressobj(self.level, zlib.DEFLATED, -15)
        self.crc = zlib.crc32(data, self.crc)
        self.usize += len(data)
        self._out(self.c.compress(data))

    def piece(self, data: bytes, crc: int, op: int, length: int) -> None:
        """Append raw deflate bytes that end on a byte boundary (fragments.pack), with their CRC-32."""
        if self.c is not None:
            self._out(self.c.flush(zlib.Z_SYNC_FLUSH))
            self.c = None  # no back-references across a piece: a fresh compressor after it
        self._out(data)
        self.crc = crc_combine(self.crc, crc, op)
        self.usize += length

    def close(self, *, finish: bool = True) -> None:
        if finish:
            c = self.c or zlib.compressobj(self.level, zlib.DEFLATED, -15)
            self._out(c.flush(zlib.Z_FINISH))
        if self.usize >= 1 << 32 or self.csize >= 1 << 32:
            raise OverflowError("overview sheet larger than 4 GB")
        fh = self.z.fh
        end = fh.tell()
        fh.seek(self.offset + 14)
        fh.write(struct.pack("<III", self.crc, self.csize, self.usize))
        fh.seek(end)
        self.z.members.append((self.name, self.crc, self.csize, self.usize, self.offset))

    def __enter__(self) -> _Entry:  # noqa: PYI034
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self.close()


class Zip:
    """A zip file written front to back; each member's sizes and CRC are patched into its header when done."""

    def __init__(self, path: Path, level: int) -> None:
        self.fh = open(path, "wb")  # noqa: SIM115 - closed by close(), or abort() on failure
        self.level = level
        self.members: list[tuple[str, int, int, int, int]] = []

    def stream(self, name: str) -> _Entry:
        return _Entry(self, name, self.level)

    def write_raw(self, name: str, crc: int, size: int, deflated: bytes) -> None:
        """A member whose complete raw deflate stream, CRC-32 and size are known already."""
        e = _Entry(self, name, 6)
        e._out(deflated)
        e.crc, e.usize = crc, size
        e.close(finish=False)

    def writestr(self, name: str, data: str | bytes) -> None:
        with _Entry(self, name, 6) as e:
            e.write(data.encode("utf-8") if isinstance(data, str) else data)

    def close(self) -> None:
        fh = self.fh
        start = fh.tell()
        for name, crc, csize, usize, offset in self.members:
            n = name.encode("utf-8")
            fh.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, 0, 0x21, crc, csize, usize,
                                 len(n), 0, 0, 0, 0, 0, offset) + n)
        size = fh.tell() - start
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(self.members), len(self.members), size, start, 0))
        fh.close()


def cell_xml(v: object, style: int, kind: str, ref: str = "") -> str | None:
    """One cell: text always as an inline string (quote-prefixed when it looks like a formula), dates as
    serial numbers, numbers; None for an empty value. `ref` is ' r="B4"', or '' for a cell placed by order."""
    t = type(v)
    if t is str:
        if not v:
            return None
        text = cell_text(v)
        if not text:
            return None
        s = style if kind in _TEXT_KINDS else S_TEXT
        if looks_like_formula(text):
            s = _QUOTED.get(s, S_TEXT_Q)
        return f'<c{ref} s="{s}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
    if v is None:
        return None
    if t is float:
        return f'<c{ref} s="{style}"><v>{v!r}</v></c>' if math.isfinite(v) else None
    if t is int:
        return f'<c{ref} s="{style}"><v>{v}</v></c>'
    if t is bool:
        return cell_xml("ใช่" if v else "ไม่", style, kind, ref)
    if t is dt.date or t is dt.datetime:
        return f'<c{ref} s="{S_DATE}"><v>{_excel_date(v)}</v></c>'
    if isinstance(v, (int, float)):  # numpy or Decimal-like numbers
        return cell_xml(float(v), style, kind, ref)
    return cell_xml(str(v), style, kind, ref)


_TEXT_KINDS = frozenset(("text", "wrap", "bold", "title", "header"))
_SQL_ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"  # as core.cell_text (DuckDB holds no lone surrogate)
_SQL_BREAKS = r"[\x0b\x0c]"
_SQL_ASTRAL = r"[^\x{10000}-\x{10FFFF}]"  # everything but what Excel counts twice
_SQL_KEEP = EXCEL_CELL_LIMIT - len(TRUNCATED)


def sql_cell_text(text: str) -> str:
    """A DuckDB expression with core.cell_text's rules for the VARCHAR expression `text`."""
    clean = f"regexp_replace(regexp_replace({text}, '{_SQL_BREAKS}', chr(10), 'g'), '{_SQL_ILLEGAL}', '', 'g')"
    units = f"(length({clean}) + length(regexp_replace({clean}, '{_SQL_ASTRAL}', '', 'g')))"
    keep = f"left({clean}, {_SQL_KEEP})"
    # counted exactly only when long enough to matter; the cut is safe, if shorter for text full of emoji
    cut = f"left({keep}, {_SQL_KEEP} - length(regexp_replace({keep}, '{_SQL_ASTRAL}', '', 'g'))) || '{TRUNCATED}'"
    return (f"CASE WHEN length({text}) > {EXCEL_CELL_LIMIT // 2} AND {units} > {EXCEL_CELL_LIMIT} THEN {cut} "
            f"ELSE {clean} END")


def sql_rows(columns: Sequence[Column], values: Sequence[str], rn: str, source: str, with_: str = "") -> str:
    """A query rendering one worksheet row per row of `source` ("FROM … WHERE …"), in the order of `rn` (the
    row number, an SQL expression), from one SQL expression per column, with the same cells as cell_xml: the
    database writes the XML of big sheets, not a Python loop. Each value is computed once, in a subquery (a
    text made cell-safe once, not again for its emptiness test, its first character and its escaping)."""
    inner = [f"{rn} AS _rn"]
    for j, (col, v) in enumerate(zip(columns, values), 1):
        inner.append(f"{sql_cell_text(f'CAST({v} AS VARCHAR)') if col.kind in _TEXT_KINDS else v} AS _c{j}")
    row = _sql_row(columns, [f"_c{j}" for j in range(1, len(values) + 1)], "_rn")
    return f"{with_} SELECT {row} FROM (SELECT {', '.join(inner)} {source}) ORDER BY _rn"


def _sql_row(columns: Sequence[Column], values: Sequence[str], rn: str) -> str:
    """The row expression of sql_rows; text values come cell-safe already."""
    parts = []
    for j, (col, v) in enumerate(zip(columns, values), 1):
        head = f"'<c r=\"{column_letter(j)}' || {rn} || '\" s=\""
        style = KIND_STYLE.get(col.kind, S_TEXT)
        if col.kind in _TEXT_KINDS:
            escaped = f"replace(replace(replace({v}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
            quoted = _QUOTED.get(style, S_TEXT_Q)
            parts.append(f"CASE WHEN coalesce({v}, '') = '' THEN '' ELSE {head}' || CASE WHEN left({v}, 1) "
                         f"IN ('=', '+', '-', '@') THEN '{quoted}' ELSE '{style}' END || "
                         f"'\" t=\"inlineStr\"><is><t xml:space=\"preserve\">' || {escaped} || '</t></is></c>' END")
        elif col.kind == "date":
            serial = f"CAST(epoch(CAST({v} AS TIMESTAMP)) / 86400.0 + 25569 AS VARCHAR)"
            parts.append(f"CASE WHEN {v} IS NULL THEN '' ELSE {head}{S_DATE}\"><v>' || {serial} || '</v></c>' END")
        else:
            number = f"CAST({v} AS DOUBLE)"
            parts.append(f"CASE WHEN {v} IS NULL OR NOT isfinite({number}) THEN '' ELSE {head}{style}\"><v>' || "
                         f"CAST({v} AS VARCHAR) || '</v></c>' END")
    return f"concat('<row r=\"', {rn}, '\">', {', '.join(parts)}, '</row>')"


@dataclass(frozen=True)
class Styled:
    """A cell of a free-form sheet (the summary) with its own kind instead of its column's."""

    value: object
    kind: str = "text"


@dataclass(frozen=True)
class Print:
    """How a sheet prints: A4 landscape, `fit` = (pages wide, pages tall; 0 = as many as needed), page breaks
    before the given worksheet rows; the workbook's header (title, date) and page numbers on every page."""

    fit: tuple[int, int] = (1, 0)
    breaks: tuple[int, ...] = ()
    portrait: bool = False


@dataclass
class Column:
    header: str
    kind: str = "text"  # text, wrap, num, int, pct (a 0–1 fraction), date, bold
    width: float = 12


@dataclass
class Chart:
    xml: bytes  # a chartSpace part (converters.merge.charts)
    anchor: tuple[int, int, int, int]  # from col, from row, to col, to row (0-based)


@dataclass
class _SheetInfo:
    name: str
    part: str
    charts: list[Chart] = field(default_factory=list)
    filter_ref: str | None = None
    title_rows: int = 0  # rows 1..n repeat on every printed page


class XlsxWriter:
    """Write sheets one after another; each sheet's rows are consumed from an iterable as they are written."""

    def __init__(self, path: str | Path, *, compresslevel: int = 1, header: tuple[str, str] = ("", "")) -> None:
        """`header`: (left, right) text printed at the top of every page, e.g. the title and the Thai date."""
        self.path = Path(path)
        self.header = header
        self.zf = Zip(self.path, compresslevel)
        self.sheets: list[_SheetInfo] = []
        self.active = 0

    def close(self) -> None:
        self._finish()
        self.zf.close()

    def abort(self) -> None:
        self.zf.fh.close()

    def sheet(self, name: str, columns: Sequence[Column], rows: Iterable[Sequence[object]], *,
              freeze: tuple[int, int] | None = (1, 0), autofilter: bool = True,
              color_scales: Sequence[tuple[int, int, tuple[float, float, float]]] = (),
              charts: Sequence[Chart] = (), header_height: float | None = None,
              preamble: Sequence[Sequence[object]] = (),
              pieces: Iterable[tuple[bytes, int, int, int, int]] | None = None,
              xml_rows: Iterable[str] | None = None, printing: Print = Print(),
              header_row: bool = True) -> int:
        """One sheet: `preamble` rows (bold), a header row, then `rows`. Returns the number of data rows.

        freeze = (rows, cols) above/left of the split; color_scales = (first col, last col, (low, mid, high))
        (1-based columns) over the data rows. `pieces` (data, crc, op, length, rows) instead of `rows`: rows
        already written as compressed sheet XML without addresses (converters.merge.fragments). `xml_rows`:
        rows rendered by the database (sql_rows), numbered from the row after the header. `header_row=False`:
        a free-form sheet (the summary) with no header row; a value may be a Styled cell.
        """
        index = len(self.sheets) + 1
        info = _SheetInfo(name, f"xl/worksheets/sheet{index}.xml", list(charts))
        self.sheets.append(info)
        ncols = len(columns)
        letters = [column_letter(i) for i in range(1, ncols + 1)]
        styles = [KIND_STYLE.get(c.kind, S_TEXT) for c in columns]
        kinds = [c.kind for c in columns]
        head_row = len(preamble) + 1 if header_row else len(preamble)
        info.title_rows = head_row if header_row else 0
        with self.zf.stream(info.part) as fh:
            out: list[str] = []
            size = 0
            fit = ('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if printing.fit != (0, 0) else "")
            fh.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS}>{fit}'.encode())
            fh.write(self._views(index, freeze, head_row).encode())
            fh.write(b'<sheetFormatPr defaultRowHeight="21"/><cols>')
            fh.write("".join(f'<col min="{i}" max="{i}" width="{c.width}" customWidth="1"/>'
                             for i, c in enumerate(columns, 1)).encode())
            fh.write(b"</cols><sheetData>")
            r = 0
            for r, values in enumerate(preamble, 1):
                out.append(self._row(r, values, letters, [S_TITLE if r == 1 else S_BOLD] * len(values),
                                     ["text"] * len(values)))
            ht = f' ht="{header_height}" customHeight="1"' if header_height else ""
            if header_row:
                out.append(f'<row r="{head_row}"{ht}>' + "".join(
                    f'<c r="{letters[j]}{head_row}" s="{S_HEADER}" t="inlineStr"><is><t>{esc(c.header)}</t></is></c>'
                    for j, c in enumerate(columns)) + "</row>")
            r = head_row
            if pieces is not None:
                fh.write("".join(out).encode("utf-8"))
                out = []
                for data, crc, op, length, n in pieces:
                    fh.piece(data, crc, op, length)
                    r += n
            for line in xml_rows or ():
                r += 1
                out.append(line)
                size += len(line)
                if size > 1 << 20:
                    fh.write("".join(out).encode("utf-8"))
                    out, size = [], 0
            for values in rows:
                r += 1
                line = self._row(r, values, letters, styles, kinds)
                out.append(line)
                size += len(line)
                if size > 1 << 20:
                    fh.write("".join(out).encode("utf-8"))
                    out, size = [], 0
            fh.write("".join(out).encode("utf-8"))
            last = max(r, head_row)
            tail = ["</sheetData>"]
            if autofilter and ncols:
                info.filter_ref = f"$A${head_row}:${letters[-1]}${last}"
                tail.append(f'<autoFilter ref="A{head_row}:{letters[-1]}{last}"/>')
            prio = 1
            for first, lastc, (lo, mid, hi) in color_scales:
                if last <= head_row:
                    break
                ref = f"{column_letter(first)}{head_row + 1}:{column_letter(lastc)}{last}"
                tail.append(
                    f'<conditionalFormatting sqref="{ref}"><cfRule type="colorScale" priority="{prio}"><colorScale>'
                    f'<cfvo type="num" val="{lo}"/><cfvo type="num" val="{mid}"/><cfvo type="num" val="{hi}"/>'
                    '<color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/>'
                    "</colorScale></cfRule></conditionalFormatting>")
                prio += 1
            tail.append(self._print_xml(printing))
            if info.charts:
                tail.append('<drawing r:id="rId1"/>')
            tail.append("</worksheet>")
            fh.write("".join(tail).encode("utf-8"))
        return r - head_row

    def _print_xml(self, printing: Print) -> str:
        wide, tall = printing.fit
        orientation = "portrait" if printing.portrait else "landscape"
        fit = f' fitToWidth="{wide}" fitToHeight="{tall}"' if (wide, tall) != (0, 0) else ""
        font = f'&"{FONT_NAME},Regular"&12'
        left, right = (font + _header_text(t) if t else "" for t in self.header)
        parts = ['<printOptions horizontalCentered="1"/>',
                 '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.6" header="0.3" footer="0.3"/>',
                 f'<pageSetup paperSize="9" orientation="{orientation}"{fit}/>',
                 (f'<headerFooter><oddHeader>{esc("&L" + left + "&R" + right)}</oddHeader>'
                  f'<oddFooter>{esc("&Cหน้า &P จาก &N")}</oddFooter></headerFooter>')]
        if printing.breaks:
            brk = "".join(f'<brk id="{r - 1}" max="16383" man="1"/>' for r in printing.breaks)
            parts.append(f'<rowBreaks count="{len(printing.breaks)}" manualBreakCount="{len(printing.breaks)}">'
                         f"{brk}</rowBreaks>")
        return "".join(parts)

    @staticmethod
    def _views(index: int, freeze: tuple[int, int] | None, head_row: int) -> str:
        sel = ' tabSelected="1"' if index == 1 else ""
        if not freeze or freeze == (0, 0):
            return f'<sheetViews><sheetView workbookViewId="0"{sel}/></sheetViews>'
        rows, cols = freeze
        rows = head_row if rows else 0
        top_left = f"{column_letter(cols + 1)}{rows + 1}"
        attrs = (f' xSplit="{cols}"' if cols else "") + (f' ySplit="{rows}"' if rows else "")
        pane = "bottomRight" if rows and cols else ("bottomLeft" if rows else "topRight")
        return (f'<sheetViews><sheetView workbookViewId="0"{sel}><pane{attrs} topLeftCell="{top_left}" '
                f'activePane="{pane}" state="frozen"/><selection pane="{pane}" activeCell="{top_left}" '
                f'sqref="{top_left}"/></sheetView></sheetViews>')

    @staticmethod
    def _row(r: int, values: Sequence[object], letters: Sequence[str], styles: Sequence[int],
             kinds: Sequence[str]) -> str:
        cells = [f'<row r="{r}">']
        for j, v in enumerate(values[:len(letters)]):
            if type(v) is Styled:
                c = cell_xml(v.value, KIND_STYLE.get(v.kind, S_TEXT), v.kind, f' r="{letters[j]}{r}"')
            else:
                c = cell_xml(v, styles[j], kinds[j], f' r="{letters[j]}{r}"')
            if c is not None:
                cells.append(c)
        cells.append("</row>")
        return "".join(cells)

    # -- package parts ----------------------------------------------------------------------------------------
    def _finish(self) -> None:
        zf = self.zf
        ct = [('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/xl/workbook.xml" '
              'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
              '<Override PartName="/xl/styles.xml" '
              'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
              '<Override PartName="/docProps/core.xml" '
              'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
              '<Override PartName="/docProps/app.xml" '
              'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>')]
        sheets_xml, rels, names = [], [], []
        chart_no = 0
        for i, info in enumerate(self.sheets, 1):
            ct.append(f'<Override PartName="/{info.part}" ContentType="{_CT_SHEET}"/>')
            sheets_xml.append(f'<sheet name={quoteattr(info.name)} sheetId="{i}" r:id="rId{i}"/>')
            rels.append(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>')
            quoted = "'" + info.name.replace("'", "''") + "'"
            if info.title_rows:
                names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i - 1}">'
                             f"{esc(quoted)}!$1:${info.title_rows}</definedName>")
            if info.filter_ref:
                names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i - 1}" hidden="1">'
                             f"{esc(quoted)}!{info.filter_ref}</definedName>")
            if info.charts:
                ct.append(f'<Override PartName="/xl/drawings/drawing{i}.xml" '
                          'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>')
                zf.writestr(f"xl/worksheets/_rels/sheet{i}.xml.rels",
                            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            f'<Relationship Id="rId1" Type="{_REL}/drawing" Target="../drawings/drawing{i}.xml"/>'
                            "</Relationships>")
                anchors, drels = [], []
                for k, chart in enumerate(info.charts, 1):
                    chart_no += 1
                    ct.append(f'<Override PartName="/xl/charts/chart{chart_no}.xml" '
                              'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>')
                    zf.writestr(f"xl/charts/chart{chart_no}.xml", chart.xml)
                    drels.append(f'<Relationship Id="rId{k}" Type="{_REL}/chart" Target="../charts/chart{chart_no}.xml"/>')
                    c1, r1, c2, r2 = chart.anchor
                    anchors.append(
                        f'<xdr:twoCellAnchor><xdr:from><xdr:col>{c1}</xdr:col><xdr:colOff>0</xdr:colOff>'
                        f'<xdr:row>{r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c2}</xdr:col>'
                        f'<xdr:colOff>0</xdr:colOff><xdr:row>{r2}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
                        f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{k + 1}" name="Chart {k}"/>'
                        '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/>'
                        '<a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData '
                        'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart '
                        'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
                        f'r:id="rId{k}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>'
                        "</xdr:twoCellAnchor>")
                zf.writestr(f"xl/drawings/drawing{i}.xml",
                            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr '
                            'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
                            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                            f'xmlns:r="{_REL}">' + "".join(anchors) + "</xdr:wsDr>")
                zf.writestr(f"xl/drawings/_rels/drawing{i}.xml.rels",
                            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            + "".join(drels) + "</Relationships>")
        n = len(self.sheets)
        rels.append(f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>')
        zf.writestr("xl/styles.xml", _styles_xml())
        zf.writestr("xl/workbook.xml",
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS}>'
                    f'<bookViews><workbookView activeTab="{self.active}"/></bookViews>'
                    f'<sheets>{"".join(sheets_xml)}</sheets>'
                    + (f'<definedNames>{"".join(names)}</definedNames>' if names else "")
                    + '<calcPr calcId="191029"/></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    + "".join(rels) + "</Relationships>")
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        zf.writestr("docProps/core.xml",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
                    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>ITA Toolkit</dc:creator>'
                    f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
                    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>')
        zf.writestr("docProps/app.xml",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties '
                    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                    "<Application>ITA Toolkit</Application></Properties>")
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                    'metadata/core-properties" Target="docProps/core.xml"/>'
                    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
                    "</Relationships>")
        ct.append("</Types>")
        zf.writestr("[Content_Types].xml", "".join(ct))
