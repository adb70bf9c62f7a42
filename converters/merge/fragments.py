"""Pre-compressed pieces of the overview's long sheets, one per submission, made once by the worker that reads it.

The มาตรการ, ความก้าวหน้า and ข้อสังเกต sheets hold every row of every agency: for 8,000 agencies, hundreds of MB of
sheet XML. Generating and compressing that again on every merge would make a re-merge as slow as the first.
Instead each submission's rows are turned into sheet XML once (rows and cells without addresses, so they fit
anywhere in the sheet), deflated on their own and flushed to a byte boundary, and stored in the database with
their CRC-32. Writing the overview is then concatenating stored bytes in the sheet's order; the zip entry's
CRC-32 is combined from the pieces' (zlib's crc32_combine, in Python: 32 steps per piece).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from converters.merge.crc32 import crc_shift_op
from converters.merge.xlsx import KIND_STYLE, S_TEXT, cell_xml

VERSION = 2  # bump when the XML of a piece changes: stored pieces are then rebuilt (2: cells capped)
LEVEL = 1
def rows_xml(rows: Sequence[Sequence[object]], kinds: Sequence[str], lead: Sequence[object] = ()) -> str:
    """Sheet rows without addresses: <row><c …/>…</row>; an empty cell before a filled one is <c/>. `lead`:
    the same first cells on every row (the agency), turned into XML once."""
    styles = [KIND_STYLE.get(k, S_TEXT) for k in kinds]
    n = len(lead)
    head, head_gap = _cells(lead, styles, kinds, 0, 0)
    out = []
    for values in rows:
        cells, _trailing = _cells(values, styles, kinds, n, head_gap)
        out.append(f"<row>{head}{cells}</row>")
    return "".join(out)


def _cells(values: Sequence[object], styles: Sequence[int], kinds: Sequence[str], first: int,
           gap: int) -> tuple[str, int]:
    """XML of cells `first`… of a row, after `gap` empty cells; returns it and the empty cells left at its end."""
    cells = []
    for j, v in enumerate(values, first):
        c = cell_xml(v, styles[j], kinds[j])
        if c is None:
            gap += 1
            continue
        if gap:
            cells.append("<c/>" * gap)
            gap = 0
        cells.append(c)
    return "".join(cells), gap


def pack(xml: str, level: int = LEVEL) -> tuple[bytes, int, int, int]:
    """(raw deflate bytes ending on a byte boundary, crc32, shift operator, uncompressed length)."""
    data = xml.encode("utf-8")
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH), zlib.crc32(data), crc_shift_op(len(data)), len(data)


# -- the three sheets' columns (the overview writes the same headers) ---------------------------------------

AGENCY_KINDS = ("text", "text", "text", "text")
MEASURE_KINDS = AGENCY_KINDS + ("text", "wrap", "wrap", "text", "wrap", "wrap", "wrap", "date", "date", "wrap",
                                "text", "wrap", "text", "int")
PROGRESS_KINDS = AGENCY_KINDS + ("text", "wrap", "int", "date", "text", "wrap", "wrap", "text", "wrap", "text",
                                 "int")
FINDING_KINDS = AGENCY_KINDS + ("text", "text", "wrap", "wrap", "text", "text")
SEVERITY_TH = {"error": "ข้อผิดพลาด", "warning": "คำเตือน", "info": "ข้อแนะนำ"}


def build(sha256: str, agency: Sequence[object], measures: Sequence[tuple], progress: Sequence[tuple],
          findings: Sequence[tuple]) -> list[tuple]:
    """Rows of the `fragments` table for one submission, from its database rows (tables.py column order)."""
    titles = {m[1]: m[3] for m in measures}
    m_rows = [m[1:15] for m in measures]
    p_rows = [(p[1], titles.get(p[1]), *p[2:11]) for p in progress]
    f_rows = [(SEVERITY_TH.get(f[2], f[2]), f[1], f[3], f[4], f[5], f[6]) for f in findings if f[2] in ("error", "warning")]
    out = []
    for sheet, rows, kinds in (("measures", m_rows, MEASURE_KINDS), ("progress", p_rows, PROGRESS_KINDS),
                               ("findings", f_rows, FINDING_KINDS)):
        if rows:
            data, crc, op, length = pack(rows_xml(rows, kinds, agency))
            out.append((sha256, sheet, data, crc, op, length, len(rows)))
    return out
