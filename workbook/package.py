"""Opening a workbook file safely: one Thai line for every kind of file we cannot read."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from core.errors import UnreadableFileError
from core.input_files import open_regular

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted (password) .xlsx
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a submission is a few hundred KB; refuse zip bombs early
MAX_RATIO = 200  # compressed XML is ~10x; 200x is an attack, not a workbook
MAX_PART = 100 * 1024 * 1024


def open_package(path: str | Path, *, scan_entities: bool = True) -> zipfile.ZipFile:
    """The workbook's zip package, after refusing what is not a sane .xlsx/.xlsm.

    `scan_entities=False` leaves the DTD scan to the caller (see `refuse_entity_parts`): the reader runs it
    only when a book reads wrong, since python-calamine does not expand entities.
    """
    p = Path(path)
    where = str(p)
    try:
        with open_regular(p) as fh:  # a FIFO, a device or a huge file is refused before any read
            head = fh.read(8)
    except UnreadableFileError:
        raise
    except OSError as exc:
        raise UnreadableFileError(f"เปิดไฟล์ไม่ได้ ({exc.strerror})", where=where) from None
    if not head:
        raise UnreadableFileError("ไฟล์ว่างเปล่า (0 ไบต์) — ส่งไฟล์ใหม่อีกครั้ง", where=where, english="empty file")
    if head == OLE_MAGIC:
        if p.suffix.lower() == ".xls":
            raise UnreadableFileError("เป็นไฟล์ Excel รุ่นเก่า (.xls) — เปิดใน Excel แล้วบันทึกเป็น .xlsx",
                                      where=where, english="old .xls format")
        raise UnreadableFileError("ไฟล์ถูกตั้งรหัสผ่านหรือเข้ารหัสไว้ — เอารหัสผ่านออกแล้วบันทึกใหม่",
                                  where=where, english="password-protected workbook")
    if not head.startswith(b"PK"):
        raise UnreadableFileError("ไม่ใช่ไฟล์ Excel (.xlsx) — ตรวจว่าส่งไฟล์ถูกต้อง", where=where,
                                  english="not a zip package")
    try:
        zf = zipfile.ZipFile(p)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise UnreadableFileError("ไฟล์เสียหรือไม่สมบูรณ์ (อาจดาวน์โหลดไม่ครบ) — ขอไฟล์ใหม่", where=where,
                                  english="corrupt or truncated file") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    biggest = max((i.file_size for i in infos), default=0)
    if total > MAX_UNCOMPRESSED or biggest > MAX_PART or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        zf.close()
        raise UnreadableFileError("ไฟล์มีขนาดเมื่อแตกออกใหญ่ผิดปกติ (อาจเป็นไฟล์อันตราย) — ไม่เปิดอ่าน",
                                  where=where, english="zip bomb suspected")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        zf.close()
        kind = "เอกสาร Word" if "word/document.xml" in names else "ไฟล์ zip อื่น"
        raise UnreadableFileError(f"ไม่ใช่สมุดงาน Excel (เป็น{kind}) — ส่งแบบฟอร์ม .xlsx", where=where,
                                  english="not an Excel workbook")
    if scan_entities:
        try:
            refuse_entity_parts(zf, where)
        except UnreadableFileError:
            zf.close()
            raise
    return zf


def refuse_entity_parts(zf: zipfile.ZipFile, where: str) -> None:
    """Raise the Thai 'unsafe file' error when a part python-calamine parses declares a DTD."""
    if any(_declares_entities(zf, i) for i in zf.infolist()):
        raise UnreadableFileError("ข้อมูลภายในไฟล์ผิดรูปแบบหรือไม่ปลอดภัย (มีการประกาศ DTD/entity) — ไม่เปิดอ่าน",
                                  where=where, english="XML part declares a DTD (entity bomb suspected)")


_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Office never writes a DTD; one in a part python-calamine parses means an entity bomb.

    Only those parts are scanned: everything else is parsed through defusedxml (our layout reader, and
    openpyxl, which uses defusedxml when it is installed), which refuses a DTD by itself.

    A DTD can only stand in the prolog, before the root element, so only the prolog is read: usually the
    first 256 bytes, more only while no element has started (a long comment cannot hide one).
    """
    if not _CALAMINE_PARTS.match(info.filename):
        return False
    try:
        with zf.open(info) as fh:
            head = fh.read(256)
            if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: rare, check a fixed window
                head += fh.read(4096)
                return any(m in head for m in _DTD_MARKS)
            while True:
                root = _ROOT_START.search(head)
                if root is not None:
                    return any(m in head[:root.start()] for m in _DTD_MARKS)
                more = fh.read(4096)
                if not more:
                    return any(m in head for m in _DTD_MARKS)
                head += more
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return False  # a broken member is the reader's to report


_ROOT_START = re.compile(rb"<[A-Za-z_]")
_CALAMINE_PARTS = re.compile(r"^xl/(worksheets/[^/]+\.xml|sharedStrings\.xml|styles\.xml|workbook\.xml|"
                             r"_rels/workbook\.xml\.rels)$")
