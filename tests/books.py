"""Fixture workbooks made by the project's own builder: a clean filled book, and that book with one mutation.

    book(tmp_path)                                        # no findings at all
    book(tmp_path, mutate=lambda s: s.measures.pop())     # change the Submission before building
    book(tmp_path, cells={"scores!E12": "abc"})           # or overwrite cells as an officer would type them

Sheets in `cells` are the definition's keys (agency, scores, analysis, measures, progress, guide, …).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

from openpyxl import Workbook

from core.frameworks import load_year
from workbook.builder import build_template
from workbook.definition import load_definition
from workbook.model import Agency, AnalysisRow, Measure, ProgressRow, Scores, Submission

# ITA 2565 of a real อบต. (total 65.54, C): indicators 9 and 10 are below 85, 10 has the larger gain
SCORES = {1: 96.10, 2: 92.12, 3: 94.85, 4: 94.92, 5: 95.72, 6: 96.61, 7: 96.51, 8: 95.23, 9: 41.41, 10: 0.00}
ROW = {n: 3 + n for n in SCORES}  # worksheet row of indicator n on the scores and analysis sheets


def base_submission() -> Submission:
    """A complete, consistent submission: fiscal 2566, ITA 2565, 12-month round; validates with no finding."""
    agency = Agency(
        name="องค์การบริหารส่วนตำบลตัวอย่าง", type="องค์การบริหารส่วนตำบล", district="เมือง", province="ขอนแก่น",
        fiscal_year=2566, assessed_year=2565, report_round=12, report_date=dt.date(2023, 9, 28),
        officer="นางสาวสมใจ ใจดี", officer_position="นักวิเคราะห์นโยบายและแผน", contact="043 000 000",
        internal_stakeholders=40,
    )
    scores = Scores(current=dict(SCORES), published_total=65.54, published_rating="C", iit_respondents=30,
                    eit_respondents=30)
    analysis = [AnalysisRow(9, "ยังไม่ได้เผยแพร่ข้อมูลหลายรายการบนเว็บไซต์"),
                AnalysisRow(10, "ยังไม่มีมาตรการป้องกันการทุจริตที่เผยแพร่")]
    start, end = dt.date(2022, 10, 1), dt.date(2023, 9, 1)
    measures = [
        Measure("M01", "จัดทำและเผยแพร่มาตรการป้องกันการทุจริต", links=("10", "O36"), steps="ประชุมและประกาศ",
                responsible="สำนักปลัด", start=start, end=end, reporting="รายไตรมาส"),
        Measure("M02", "เผยแพร่ข้อมูลสาธารณะให้ครบทุกข้อ", links=("9", "O20"), steps="ตรวจรายการและนำขึ้นเว็บไซต์",
                responsible="กองคลัง", start=start, end=end, reporting="รายเดือน"),
        Measure("M03", "ชี้แจงแผนการใช้จ่ายงบประมาณแก่บุคลากร", links=("2", "i11"), steps="ประชุมประจำเดือน",
                responsible="กองคลัง", start=start, end=end),
    ]
    progress = [ProgressRow(m.id, 12, dt.date(2023, 9, 25), "ดำเนินการแล้ว", results=f"ดำเนินการ {m.title} แล้ว",
                            evidence=f"https://www.example.go.th/ita/{m.id.lower()}") for m in measures]
    return Submission(agency=agency, scores=scores, analysis=analysis, measures=measures, progress=progress)


class Literal(str):
    """A cell value written as text even when it starts with '=' (openpyxl would make it a formula)."""


def book(tmp_path: Path, mutate: Callable[[Submission], object] | None = None,
         cells: Mapping[str, object] | None = None, name: str = "book.xlsx", year: int = 2565,
         names: Mapping[str, object] | None = None, edit: Callable[[Workbook], object] | None = None) -> Path:
    """Write the base book (optionally mutated) to tmp_path/name with the builder, and return its path.

    `names` overwrites single cells by defined name ({"TemplateVersion": "0.9"}); `edit` gets the openpyxl
    Workbook last (to delete a sheet, say).
    """
    sub = base_submission()
    if mutate is not None:
        mutate(sub)
    wb = build_template(load_year(year), sub)
    d = load_definition()
    for ref, value in (cells or {}).items():
        sheet, _, address = ref.partition("!")
        cell = wb[d.sheet(sheet).name][address]
        cell.value = value
        if isinstance(value, Literal):
            cell.data_type = "s"
    for name_, value in (names or {}).items():
        sheet, address = next(iter(wb.defined_names[name_].destinations))
        wb[sheet][address.replace("$", "")] = value
    if edit is not None:
        edit(wb)
    path = tmp_path / name
    wb.save(path)
    return path


# -- files that are not a readable template -------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENTITY_BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
               + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                          for i in range(1, 10))
               + b']>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 b"<sheets>&lol9;</sheets></workbook>")


def _rezip(src: Path, dst: Path, replace: Mapping[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in replace.items():
            if name not in zin.namelist():
                zout.writestr(name, data)
    return dst


def _claim_size(path: Path, member: str, size: int) -> None:
    """Make the central directory claim `member` expands to `size` bytes (a lying zip header)."""
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = int.from_bytes(data[pos + 28:pos + 30], "little")
        if data[pos + 46:pos + 46 + name_len].decode() == member:
            data[pos + 24:pos + 28] = size.to_bytes(4, "little")
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def unreadable(tmp_path: Path, kind: str) -> Path:
    """A file of one unreadable kind (see UNREADABLE), made here from the project's own book where it can be."""
    import zipfile

    if kind == "empty":
        (p := tmp_path / "empty.xlsx").write_bytes(b"")
    elif kind == "not-zip":
        (p := tmp_path / "notes.xlsx").write_text("ชื่อหน่วยงาน,คะแนน\nอบต.ตัวอย่าง,90\n", encoding="utf-8")
    elif kind == "truncated":
        full = book(tmp_path, name="full.xlsx").read_bytes()
        (p := tmp_path / "truncated.xlsx").write_bytes(full[: len(full) // 2])
    elif kind == "xls":
        (p := tmp_path / "old.xls").write_bytes(OLE_MAGIC + bytes(504))
    elif kind == "password":
        (p := tmp_path / "locked.xlsx").write_bytes(OLE_MAGIC + bytes(504))
    elif kind == "docx":
        p = tmp_path / "letter.xlsx"
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<w:document/>")
    elif kind == "foreign-xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        wb.active["A1"] = "ไม่ใช่แบบฟอร์ม"
        wb.save(p := tmp_path / "other.xlsx")
    elif kind == "old-version":
        p = book(tmp_path, name="old-version.xlsx", names={"TemplateVersion": "0.9"})
    elif kind == "zip-bomb-ratio":  # 11 MB of zeros packed into a few KB: refused before anything is parsed
        p = _rezip(book(tmp_path, name="src.xlsx"), tmp_path / "bomb.xlsx", {"xl/bomb.xml": bytes(11 * 2**20)})
    elif kind == "zip-bomb-claimed":  # a small member whose header claims 3 GB
        p = _rezip(book(tmp_path, name="src.xlsx"), tmp_path / "claims.xlsx", {"xl/big.xml": b"<x/>"})
        _claim_size(p, "xl/big.xml", 3 * 2**30)
    elif kind == "xml-bomb":
        p = _rezip(book(tmp_path, name="src.xlsx"), tmp_path / "entities.xlsx", {"xl/workbook.xml": ENTITY_BOMB})
    elif kind == "xml-bomb-sheet":  # in a part python-calamine parses, not defusedxml
        p = _rezip(book(tmp_path, name="src.xlsx"), tmp_path / "sheet-entities.xlsx",
                   {"xl/worksheets/sheet5.xml": ENTITY_BOMB.replace(b"workbook", b"worksheet")})
    else:
        raise KeyError(kind)
    return p


# kind -> words the one Thai line must contain
UNREADABLE = {
    "empty": "ไฟล์ว่างเปล่า",
    "not-zip": "ไม่ใช่ไฟล์ Excel",
    "truncated": "ไฟล์เสียหรือไม่สมบูรณ์",
    "xls": ".xls",
    "password": "รหัสผ่าน",
    "docx": "เอกสาร Word",
    "foreign-xlsx": "ไม่ใช่แบบฟอร์ม ITA Toolkit",
    "old-version": "รุ่น 0.9",
    "zip-bomb-ratio": "ใหญ่ผิดปกติ",
    "zip-bomb-claimed": "ใหญ่ผิดปกติ",
    "xml-bomb": "ไม่ปลอดภัย",
    "xml-bomb-sheet": "ไม่ปลอดภัย",
}


# -- text no writer of ours would put in a cell ----------------------------------------------------------

def ooxml_text(text: str) -> str:
    """`text` as a cell's XML holds it: escaped, what XML cannot hold as _xHHHH_ (how Excel stores it)."""
    import re
    from xml.sax.saxutils import escape

    text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", lambda m: f"_x{ord(m.group()):04X}_", escape(text))


def hostile_book(tmp_path: Path, texts: Mapping[str, str], name: str = "hostile.xlsx", **kw) -> Path:
    """The base book (see `book`) with cells holding any text at all, as a hostile or broken file can: control
    characters, more than 32,767 characters, a leading '='. Written as placeholders, then patched in the XML."""
    import zipfile

    tokens = {f"ITAHOSTILETEXT{i:04d}": text for i, text in enumerate(texts.values())}
    cells = dict(kw.pop("cells", None) or {})
    cells.update({ref: Literal(token) for ref, token in zip(texts, tokens)})
    plain = book(tmp_path, cells=cells, name=f".plain-{name}", **kw)
    out = tmp_path / name
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith(".xml") and b"ITAHOSTILETEXT" in data:
                text = data.decode("utf-8")
                for token, value in tokens.items():
                    text = text.replace(token, ooxml_text(value))
                data = text.encode("utf-8")
            zout.writestr(info, data)
    plain.unlink()
    return out
