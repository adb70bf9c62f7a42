"""Who is expected: the roster of agencies a district or province collects from, read, stored and matched.

A roster is a workbook or CSV with one agency per row: name, type, district, province and an optional code
(`ita roster` writes an empty one to fill). Each submission is matched to the roster by the same normalised
identity the merge uses for duplicates (type prefixes and abbreviations อบต./ทต./ทม./ทน./อบจ., จ./อ., Thai
marks, spaces, the gazetteer's official province and district). A submission is attached only when exactly
one roster agency fits; an ambiguous or unmatched one is listed with its nearest roster names, never
attached by guess. Roster agencies left without a submission are the missing ones (ยังไม่ส่ง).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from converters.merge.identity import agency_identity
from core.errors import InputError
from core.places import resolve
from core.thai_names import normalize_thai

# key -> (Thai header written by `ita roster`, other headers accepted when reading)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("ชื่อหน่วยงาน", ("หน่วยงาน", "ชื่อ", "ชื่อ อปท.", "name", "agency")),
    "type": ("ประเภท", ("ประเภทหน่วยงาน", "ประเภท อปท.", "type")),
    "district": ("อำเภอ", ("เขต", "district", "amphoe")),
    "province": ("จังหวัด", ("province",)),
    "code": ("รหัส (ถ้ามี)", ("รหัส", "รหัสหน่วยงาน", "รหัส อปท.", "code")),
}
REQUIRED = ("name", "district", "province")
SUFFIXES = (".xlsx", ".xlsm", ".csv")
_HEADER_SCAN = 10  # rows searched for the header (a title row or two above it is fine)

MATCHED, MISSING = "matched", "missing"
UNMATCHED, AMBIGUOUS = "unmatched", "ambiguous"
STATUS_TH = {MATCHED: "ส่งแล้ว", MISSING: "ยังไม่ส่ง", UNMATCHED: "ไม่อยู่ในรายชื่อ", AMBIGUOUS: "ตรงกับหลายหน่วยงาน"}


@dataclass(frozen=True)
class Entry:
    """One expected agency, with its identity as the merge computes it."""

    row: int  # row in the roster file (1-based), or its order when it came from a database
    name: str
    type: str
    district: str  # the official name when the gazetteer knows it, else as typed
    province: str
    code: str
    key: str
    display: str  # the full name ("องค์การบริหารส่วนตำบลบ้านขาม")
    district_code: str = ""
    place_note: str = ""  # the roster's province or district is no real place: what to check (Thai)

    @property
    def loose(self) -> str:
        """The key without the district: type|name|province."""
        return self.key.rsplit("|", 1)[0]


def entry(row: int, name: object, typ: object = "", district: object = "", province: object = "",
          code: object = "") -> Entry:
    place = resolve(province, district, name)
    ident = agency_identity(name, typ, place.province, place.district_code)
    note = ""
    if not place.province_ok:
        near = f" ใกล้เคียง '{place.province_nearest}'" if place.province_nearest else ""
        note = f"จังหวัด '{place.province}' ในรายชื่อไม่ตรงกับทะเบียน{near}"
    elif not place.district_ok and place.district:
        near = f" ใกล้เคียง '{place.district_nearest}'" if place.district_nearest else ""
        note = f"อำเภอ '{place.district}' ในรายชื่อไม่มีในจังหวัด{place.province}{near}"
    return Entry(row, normalize_thai(name), ident.type, place.district, place.province,
                 normalize_thai(code), ident.key, ident.display, place.district_code, note)


# -- reading ----------------------------------------------------------------------------------------------

def _header_map(cells: Sequence[object]) -> dict[str, int]:
    names = {}
    for key, (th, others) in COLUMNS.items():
        for alias in (th, *others):
            names[normalize_thai(alias).replace(" ", "").casefold()] = key
    found: dict[str, int] = {}
    for i, c in enumerate(cells):
        k = names.get(normalize_thai(c).replace(" ", "").casefold())
        if k and k not in found:
            found[k] = i
    return found


def rows_of_file(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = path.read_bytes()
        for enc in ("utf-8-sig", "cp874"):  # Excel on a Thai Windows saves CSV as cp874 (TIS-620)
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InputError("อ่านไฟล์ CSV ไม่ได้ — บันทึกใหม่เป็น CSV UTF-8", where=str(path))
        return [list(r) for r in csv.reader(io.StringIO(text))]
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        return [list(r) for r in wb.get_sheet_by_index(0).to_python(skip_empty_area=False)]
    except Exception as exc:  # noqa: BLE001 - calamine raises its own types for a broken file
        raise InputError(f"อ่านไฟล์รายชื่อไม่ได้ ({type(exc).__name__}) — เปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่",
                         where=str(path)) from None


def read_roster(path: str | Path) -> list[Entry]:
    """The agencies of a roster file (.xlsx/.xlsm/.csv); a problem is an InputError naming file, row, column."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"ไฟล์รายชื่อต้องเป็น {', '.join(SUFFIXES)} (ได้ {path.suffix or 'ไฟล์ไม่มีนามสกุล'})",
                         where=str(path))
    if not path.is_file():
        raise InputError("ไม่พบไฟล์รายชื่อ", where=str(path))
    rows = rows_of_file(path)
    header_at, cols = None, {}
    for i, r in enumerate(rows[:_HEADER_SCAN]):
        cols = _header_map(r)
        if all(k in cols for k in REQUIRED):
            header_at = i
            break
    if header_at is None:
        want = ", ".join(COLUMNS[k][0] for k in REQUIRED)
        raise InputError(f"ไม่พบหัวตาราง (ต้องมีคอลัมน์ {want}) — ใช้แบบฟอร์มจากคำสั่ง ita roster", where=str(path))
    out: list[Entry] = []
    seen: dict[str, int] = {}
    for i, r in enumerate(rows[header_at + 1:], header_at + 2):
        values = {k: (r[c] if c < len(r) else None) for k, c in cols.items()}
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        for k in REQUIRED:
            if values.get(k) is None or str(values[k]).strip() == "":
                raise InputError(f"แถว {i}: ยังไม่ได้กรอก {COLUMNS[k][0]}", where=str(path))
        code = values.get("code")
        if isinstance(code, float) and code.is_integer():
            code = int(code)
        e = entry(i, values["name"], values.get("type") or "", values["district"], values["province"],
                  "" if code is None else code)
        if not e.type:
            raise InputError(f"แถว {i}: ไม่ทราบประเภทของ '{e.name}' — กรอกคอลัมน์ ประเภท หรือขึ้นต้นชื่อด้วย อบต./ทต./ทม./ทน.",
                             where=str(path))
        if e.key in seen:
            raise InputError(f"แถว {i}: '{e.display}' อำเภอ{e.district} ซ้ำกับแถว {seen[e.key]}", where=str(path))
        seen[e.key] = i
        out.append(e)
    if not out:
        raise InputError("ไฟล์รายชื่อไม่มีหน่วยงาน", where=str(path))
    return out


# -- matching ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Submitted:
    """A current submission as the matcher needs it."""

    sha256: str
    key: str
    name: str  # as the overview shows it
    district: str
    district_code: str

    @property
    def loose(self) -> str:
        return self.key.rsplit("|", 1)[0]


@dataclass
class Matching:
    entries: list[Entry]
    submission_of: dict[int, str] = field(default_factory=dict)  # entry index -> sha256
    note_of: dict[int, str] = field(default_factory=dict)  # entry index -> why it was attached despite a difference
    unmatched: list[tuple[Submitted, str, str]] = field(default_factory=list)  # (submission, status, hint)

    @property
    def missing(self) -> list[int]:
        return [i for i in range(len(self.entries)) if i not in self.submission_of]


def _names(entries: Iterable[Entry]) -> str:
    return ", ".join(f"{e.display} (อ.{e.district})" for e in entries)


def match(entries: Sequence[Entry], submissions: Iterable[Submitted]) -> Matching:
    """Attach each submission to the one roster agency it is, or list it as unmatched / ambiguous."""
    out = Matching(list(entries))
    by_key: dict[str, list[int]] = {}
    by_loose: dict[str, list[int]] = {}
    by_core: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        by_key.setdefault(e.key, []).append(i)
        by_loose.setdefault(e.loose, []).append(i)
        by_core.setdefault(e.loose.split("|", 1)[1], []).append(i)
    for s in submissions:
        hits = by_key.get(s.key, [])
        note = ""
        if not hits and not s.district_code:
            # the file's district is no real place (a warning of its own): the roster's district decides
            hits = by_loose.get(s.loose, [])
            note = f"อำเภอในไฟล์ '{s.district}' ไม่ตรงกับทะเบียน ใช้อำเภอตามรายชื่อ" if len(hits) == 1 else ""
        elif not hits:
            # the roster's district is no real place: a roster row of that name whose district is unknown
            hits = [i for i in by_loose.get(s.loose, []) if not entries[i].district_code]
            note = f"อำเภอในรายชื่อ '{entries[hits[0]].district}' ไม่ตรงกับทะเบียน ใช้อำเภอในไฟล์" \
                if len(hits) == 1 else ""
        free = [i for i in hits if i not in out.submission_of]
        if len(hits) == 1 and free:
            out.submission_of[hits[0]] = s.sha256
            if note:
                out.note_of[hits[0]] = note
        elif len(hits) > 1:
            out.unmatched.append((s, AMBIGUOUS, "ตรงกับ " + _names(entries[i] for i in hits)))
        else:
            near = [entries[i] for i in by_loose.get(s.loose, []) + by_core.get(s.loose.split("|", 1)[1], [])]
            near = list(dict.fromkeys(near))
            hint = ("ใกล้เคียง: " + _names(near[:3])) if near else "ไม่มีชื่อใกล้เคียงในรายชื่อ"
            out.unmatched.append((s, UNMATCHED, hint))
    return out
