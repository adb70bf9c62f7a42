"""Text as typed: a leading = + - @ that another program would run, stray spaces, Thai and Arabic digits.

Works on the raw cells of a read book (a bare Submission has no raw text: nothing to check).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.thai import has_thai_digits, to_arabic_digits
from workbook.definition import load_definition
from workbook.reader import RawCell
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context
from workbook.validation.rules.common import FORMULA_NUMBER_KEYS, label

FORMULA_CHARS = "=+-@"
INVISIBLE = "\u200b\u00a0\ufeff\u2060"
PARSED_TYPES = ("number", "int", "date", "month", "links", "id", "round", "indicator")
_SIGNED = re.compile(r"[+-]?[0-9๐-๙]+(?:\.[0-9๐-๙]+)?")
_NUMBER = re.compile(r"[0-9๐-๙][0-9๐-๙.,/:]*")
_ODD_CHAR = re.compile(f"[{INVISIBLE}๐-๙]").search


def _suspect(text: str) -> bool:
    """Whether any check below could find something: a leading formula character, space at either end
    (isspace is str.strip's whitespace), a double space, an invisible space, a Thai digit. Most cells have
    none and are passed at once."""
    return bool(text) and (text[0] in FORMULA_CHARS or text[0].isspace() or text[-1].isspace() or "  " in text
                           or _ODD_CHAR(text) is not None)


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
    """'scores.score' -> 'number', 'agency.fiscal_year' -> 'int', …; the links and ids are parsed too."""
    d = load_definition()
    out = {"measures.links": "links", "measures.id": "id", "progress.measure_id": "id"}
    for s in d.sheets:
        for c in (*s.fields, *s.columns):
            numeric_list = c.list and all(isinstance(x, int) for x in d.lists[c.list])
            out.setdefault(f"{s.key}.{c.key}", "int" if numeric_list else c.type)
        out.update({f"{s.key}.{i.key}": i.input for i in s.summary if i.input})
    return out


def check(ctx: Context) -> list[Finding]:
    out = []
    for c in ctx.cells:
        if isinstance(c.value, str) and _suspect(c.value) and (c.sheet, c.address) not in ctx.bad:
            out += _formula(ctx, c)
            if c.key not in FORMULA_NUMBER_KEYS:  # there the text itself is the error (rules/scores.py)
                out += _spaces(ctx, c) + _digits(ctx, c)
    return out


def _formula(ctx: Context, c: RawCell) -> list[Finding]:
    text = str(c.value)
    if not text or text[0] not in FORMULA_CHARS or not text.strip("-–— ") or _SIGNED.fullmatch(text.strip()):
        return []  # a lone dash means "none", and a signed number stays a number
    return [ctx.find("text-formula-like", (c.sheet, c.address), row_id=c.item, char=text[0], value=text)]


def _spaces(ctx: Context, c: RawCell) -> list[Finding]:
    text = str(c.value)
    what = []
    if text != text.strip():
        what.append(("ช่องว่างหน้าหรือท้ายข้อความ", "leading or trailing spaces"))
    if "  " in text.strip():
        what.append(("ช่องว่างซ้อนกัน", "double spaces"))
    if any(ch in text for ch in INVISIBLE):
        what.append(("อักขระช่องว่างที่มองไม่เห็น", "invisible space characters"))
    if not what:
        return []
    return [ctx.find("text-stray-spaces", (c.sheet, c.address), row_id=c.item, what=" และ".join(w[0] for w in what),
                     what_en=" and ".join(w[1] for w in what), value=text)]


def _digits(ctx: Context, c: RawCell) -> list[Finding]:
    text = str(c.value)
    if not has_thai_digits(text):
        return []
    mixed = [n for n in _NUMBER.findall(text) if has_thai_digits(n) and any(ch.isascii() and ch.isdigit() for ch in n)]
    where = (c.sheet, c.address)
    if mixed:
        return [ctx.find("digits-mixed", where, row_id=c.item, number=n, normalised=to_arabic_digits(n))
                for n in dict.fromkeys(mixed)]
    kind = _types().get(c.key, "text")
    if kind in PARSED_TYPES:
        return [ctx.find("digits-thai", where, row_id=c.item, label=label(ctx.definition, c.key), value=text.strip(),
                         normalised=to_arabic_digits(text).strip())]
    return []

