"""Pre-filled books for every roster agency (`ita fanout`): the template of the year with the agency's name,
type, district, province and years filled in, and its indicator scores when a results table is given.

The results table is a workbook or CSV with the agency columns of a roster (ชื่อหน่วยงาน, ประเภท, อำเภอ,
จังหวัด) and one column per indicator headed by its number ("1" … "10", or "ตัวชี้วัด 1"); a row is given to
the roster agency it matches by the merge's identity, and a row that matches none or several is reported,
never given to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from converters.merge.roster import COLUMNS, Entry, Submitted, entry, match, rows_of_file
from core.errors import InputError
from core.filenames import safe_name
from core.numbers import parse_number
from core.thai_names import normalize_thai

_INDICATOR = re.compile(r"^(?:ตัวชี้วัด(?:ที่)?)?\s*(\d{1,2})$")


@dataclass
class Results:
    scores: dict[int, dict[int, float]] = field(default_factory=dict)  # roster index -> indicator -> score
    unmatched: list[str] = field(default_factory=list)  # Thai lines: results rows given to nobody


def read_results(path: str | Path, roster: Sequence[Entry], indicators: Sequence[int]) -> Results:
    """The indicator scores of a results table, per roster agency (by index in `roster`)."""
    path = Path(path)
    rows = rows_of_file(path)
    header_at = None
    for i, r in enumerate(rows[:10]):
        heads = [normalize_thai(c).replace(" ", "") for c in r]
        if COLUMNS["name"][0] in heads or "หน่วยงาน" in heads:
            header_at = i
            break
    if header_at is None:
        raise InputError("ไม่พบหัวตารางผลคะแนน (ต้องมีคอลัมน์ ชื่อหน่วยงาน และคอลัมน์ตัวชี้วัด 1, 2, …)", where=str(path))
    head = [normalize_thai(c).replace(" ", "") for c in rows[header_at]]
    col = {k: next((i for i, h in enumerate(head) if h in (COLUMNS[k][0].replace(" ", ""), *COLUMNS[k][1])), None)
           for k in ("name", "type", "district", "province")}
    if col["name"] is None:
        col["name"] = head.index("หน่วยงาน")
    ind_cols = {}
    for i, h in enumerate(head):
        m = _INDICATOR.match(h)
        if m and int(m.group(1)) in indicators:
            ind_cols[int(m.group(1))] = i
    if not ind_cols:
        raise InputError(f"ตารางผลคะแนนไม่มีคอลัมน์ตัวชี้วัด ({', '.join(map(str, indicators))})", where=str(path))
    out = Results()
    found: list[tuple[Submitted, dict[int, float]]] = []
    for n, r in enumerate(rows[header_at + 1:], header_at + 2):
        def cell(k: str, r=r) -> object:
            return r[col[k]] if col[k] is not None and col[k] < len(r) else ""
        if not str(cell("name") or "").strip():
            continue
        scores = {}
        for ind, c in ind_cols.items():
            v = r[c] if c < len(r) else None
            if v is None or str(v).strip() == "":
                continue
            try:
                value = parse_number(v)
            except ValueError:
                raise InputError(f"แถว {n}: คะแนนตัวชี้วัด {ind} '{v}' ไม่ใช่ตัวเลข", where=str(path)) from None
            if not 0 <= value <= 100:
                raise InputError(f"แถว {n}: คะแนนตัวชี้วัด {ind} เป็น {v} ซึ่งอยู่นอกช่วง 0–100", where=str(path))
            scores[ind] = value
        e = entry(n, cell("name"), cell("type") or "", cell("district") or "", cell("province") or "")
        found.append((Submitted(str(n), e.key, e.display, e.district, e.district_code), scores))
    matching = match(roster, [s for s, _ in found])
    by_row = {s.sha256: scores for s, scores in found}
    for i, row in matching.submission_of.items():
        out.scores[i] = by_row[row]
    for s, status, hint in matching.unmatched:
        out.unmatched.append(f"แถว {s.sha256} {s.name}: {'ตรงกับหลายหน่วยงาน' if status == 'ambiguous' else 'ไม่อยู่ในรายชื่อ'} ({hint})")
    return out


def book_names(roster: Sequence[Entry]) -> list[str]:
    """A file name per roster agency, safe on Windows; one name used twice gets its district added."""
    base = [safe_name(e.display, "หน่วยงาน") for e in roster]
    seen: dict[str, int] = {}
    for b in base:
        seen[b.casefold()] = seen.get(b.casefold(), 0) + 1
    out, used = [], set()
    for e, b in zip(roster, base):
        name = b if seen[b.casefold()] == 1 else safe_name(f"{b}_อ.{e.district}", b)
        stem, k = name, 2
        while name.casefold() in used:
            name, k = f"{stem}_{k}", k + 1
        used.add(name.casefold())
        out.append(f"{name}.xlsx")
    return out
