"""Is this installation able to do its job? The checks behind `ita doctor` and the add-in's
ตรวจสอบการติดตั้ง button: each one a row (what, what was found, status, what to do).

Statuses: "ok"; "warn" (works, but something is missing or risky); "fail" (a part cannot work until it
is fixed: `ita doctor` exits 1); "info" (only for the record).

    rows = run_checks()
    print(render_table(rows)); sys.exit(1 if needs_fixing(rows) else 0)

Versions come from package metadata, not imports, so the checks are quick and a broken package shows as
a row instead of a crash.
"""

from __future__ import annotations

import os
import platform
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = ["STATUS_TH", "Check", "addin_info", "needs_fixing", "render_alert", "render_table", "run_checks"]

STATUS_TH = {"ok": "ผ่าน", "warn": "ควรแก้", "fail": "ต้องแก้", "info": "ข้อมูล"}
MIN_PYTHON = (3, 11)


@dataclass(frozen=True)
class Check:
    topic: str          # what was checked, in Thai
    value: str          # what was found
    status: str         # ok | warn | fail | info
    fix: str = ""       # what to do, in Thai (for warn and fail)


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


# ------------------------------------------------------------------------------------------------ checks
def check_python() -> Check:
    bits = "64" if sys.maxsize > 2**32 else "32"
    value = f"{platform.python_version()} ({bits}-bit) {sys.executable}"
    if sys.version_info[:2] < MIN_PYTHON:
        return Check("Python", value, "fail", f"ติดตั้ง Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} ขึ้นไป")
    if sys.platform == "win32" and not sys.executable.isascii():
        return Check("Python", value, "warn", "ที่อยู่ของ Python มีอักษรภาษาไทย Excel อาจหา Python ไม่พบ "
                                              "(Could not find Interpreter) — ติดตั้ง Python ไว้ที่ เช่น C:\\Python312")
    return Check("Python", value, "ok")


def check_toolkit() -> Check:
    import core

    where = Path(core.__file__).resolve().parent.parent
    return Check("ITA Toolkit", f"{core.__version__} ({where})", "ok")


def check_package(dist: str, topic: str, *, required: bool, extra: str = "") -> Check:
    version = _version(dist)
    if version:
        return Check(topic, f"{dist} {version}", "ok")
    how = f"pip install \"ita-toolkit[{extra}]\"" if extra else "pip install --upgrade ita-toolkit"
    return Check(topic, f"ไม่พบ {dist}", "fail" if required else "warn", f"ติดตั้งด้วยคำสั่ง {how}")


def addin_info(path: Path) -> dict[str, str]:
    """XLWINGS_VERSION of an ITA.xlam's VBA and the key/values of its ita.conf sheet."""
    from xladdin.vba_project import read_modules

    with zipfile.ZipFile(path) as zf:
        modules = read_modules(zf.read("xl/vbaProject.bin"))
        conf = _conf_values(zf)
    m = re.search(r'^Public Const XLWINGS_VERSION As String = "([^"]*)"', modules.get("xlwings", ""), re.MULTILINE)
    return {"XLWINGS_VERSION": m.group(1) if m else "", **conf}


def _conf_values(zf: zipfile.ZipFile) -> dict[str, str]:
    """Column A -> column B of the add-in's settings sheet (shared strings only: that is how it is built)."""
    from defusedxml import ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    names = zf.namelist()
    strings = []
    if "xl/sharedStrings.xml" in names:
        strings = ["".join(si.itertext()) for si in ET.fromstring(zf.read("xl/sharedStrings.xml"))]
    sheets = sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    out: dict[str, str] = {}
    for part in sheets[:1]:
        cells: dict[str, str] = {}
        for c in ET.fromstring(zf.read(part)).iter(f"{{{ns['m']}}}c"):
            v = c.find("m:v", ns)
            if v is not None and c.get("t") == "s" and v.text and v.text.isdigit() and int(v.text) < len(strings):
                cells[c.get("r", "")] = strings[int(v.text)]
        for ref, key in cells.items():
            if ref.startswith("A"):
                out[key] = cells.get("B" + ref[1:], "")
    return out


def check_addin(path: Path | None) -> list[Check]:
    """The add-in file: found, its xlwings stamp equal to this xlwings, its interpreter this Python."""
    from xladdin.install import installed_addin

    xlwings_version = _version("xlwings")
    path = path or installed_addin()
    if path is None:
        if sys.platform == "win32":
            return [Check("Add-in ITA.xlam", "ยังไม่ได้ติดตั้ง", "warn", "ติดตั้งด้วยคำสั่ง ita addin install")]
        return [Check("Add-in ITA.xlam", "ใช้กับ Excel บน Windows (เครื่องนี้ใช้คำสั่ง ita แทน)", "info")]
    try:
        info = addin_info(path)
    except Exception as exc:  # noqa: BLE001 - a damaged file is a finding, not a crash
        return [Check("Add-in ITA.xlam", f"{path}: อ่านไม่ได้ ({type(exc).__name__})", "fail",
                      "ติดตั้งใหม่ด้วยคำสั่ง ita addin install")]
    stamp = info.get("XLWINGS_VERSION", "")
    rows = [Check("Add-in ITA.xlam", str(path), "ok")]
    if stamp != xlwings_version:
        rows.append(Check("รุ่น xlwings ของ Add-in", f"Add-in {stamp or '?'} / Python {xlwings_version or '-'}",
                          "fail", "รุ่นไม่ตรงกัน ปุ่มจะไม่ทำงาน — ติดตั้ง Add-in ใหม่ด้วยคำสั่ง ita addin install"))
    else:
        rows.append(Check("รุ่น xlwings ของ Add-in", f"{stamp} ตรงกับ Python", "ok"))
    interpreter = info.get("INTERPRETER_WIN", "")
    if interpreter and Path(interpreter) != Path(sys.executable):
        rows.append(Check("Python ที่ Add-in ใช้", interpreter, "warn",
                          "ไม่ใช่ Python ตัวนี้ — ถ้าต้องการใช้ตัวนี้ให้สั่ง ita addin install ด้วย Python ตัวนี้"))
    else:
        rows.append(Check("Python ที่ Add-in ใช้", interpreter or "python ใน PATH / ไฟล์ ita.conf ของผู้ใช้", "info"))
    return rows


def _word_installed() -> bool:
    if sys.platform != "win32":
        return False
    import winreg  # type: ignore[import-not-found]

    try:
        winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Word.Application\CurVer"))
        return True
    except OSError:
        return False


def check_pdf_engine() -> Check:
    from converters.office.engine import find_soffice

    soffice = find_soffice()
    if soffice:
        return Check("โปรแกรมสร้าง PDF", f"LibreOffice: {soffice}", "ok")
    if _word_installed():
        return Check("โปรแกรมสร้าง PDF", "Microsoft Office (Word)", "ok")
    return Check("โปรแกรมสร้าง PDF", "ไม่พบ LibreOffice", "warn",
                 "ติดตั้ง LibreOffice เพื่อสร้างรายงาน PDF (รายงาน Word/Excel ยังสร้างได้)")


def check_fonts() -> list[Check]:
    from core.fonts import fonts_dir

    ttfs = sorted(p.name for p in fonts_dir().glob("THSarabunNew*.ttf"))
    rows = [Check("ฟอนต์ TH Sarabun New (ในโปรแกรม)", f"{len(ttfs)} ไฟล์ ใน {fonts_dir()}",
                  "ok" if len(ttfs) >= 4 else "fail",
                  "" if len(ttfs) >= 4 else "ติดตั้ง ita-toolkit ใหม่ (pip install --force-reinstall ita-toolkit)")]
    if sys.platform == "win32":
        folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):
            folders.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        found = any(f.is_dir() and any(f.glob("THSarabun*")) for f in folders)
        rows.append(Check("ฟอนต์ TH SarabunPSK (Windows)", "พบ" if found else "ไม่พบ", "ok" if found else "warn",
                          "" if found else "ติดตั้งฟอนต์ TH SarabunPSK (ฟอนต์แห่งชาติ) เพื่อให้ Word/Excel แสดงรายงานตรงแบบ"))
    return rows


def check_log_dir() -> Check:
    from core.crashlog import log_dir

    folder = log_dir()
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True):
            pass
    except OSError as exc:
        return Check("โฟลเดอร์บันทึกข้อผิดพลาด", f"{folder} ({exc.strerror})", "fail",
                     "ตั้งตัวแปร ITA_LOG_DIR เป็นโฟลเดอร์ที่เขียนได้")
    return Check("โฟลเดอร์บันทึกข้อผิดพลาด", str(folder), "ok")


def check_frameworks() -> Check:
    from core.frameworks import available_years

    try:
        years = available_years()
    except Exception as exc:  # noqa: BLE001
        return Check("เกณฑ์การประเมินรายปี", f"อ่านไม่ได้ ({exc})", "fail", "ติดตั้ง ita-toolkit ใหม่")
    if not years:
        return Check("เกณฑ์การประเมินรายปี", "ไม่พบ", "fail", "ติดตั้ง ita-toolkit ใหม่")
    return Check("เกณฑ์การประเมินรายปี", ", ".join(str(y) for y in years), "ok")


def check_settings() -> Check:
    from core.errors import ItaError
    from xladdin.settings import load_settings, settings_path

    path = settings_path()
    try:
        s = load_settings()
    except ItaError as err:
        return Check("ไฟล์ตั้งค่ารายงาน", str(path), "fail", err.message)
    where = str(path) if path.is_file() else f"ค่าเริ่มต้น (ยังไม่มี {path})"
    return Check("ไฟล์ตั้งค่ารายงาน", f"{where}: {', '.join(s.layouts)} / {', '.join(s.formats)}", "ok")


def run_checks(*, addin: Path | None = None) -> list[Check]:
    """Every check; one that crashes becomes a "fail" row naming the exception."""
    steps: list[Callable[[], Check | list[Check]]] = [
        check_python, check_toolkit,
        lambda: check_package("xlwings", "xlwings", required=True),
        lambda: check_addin(addin),
        lambda: check_package("openpyxl", "อ่าน/เขียน Excel", required=True),
        lambda: check_package("python-calamine", "อ่าน Excel (เร็ว)", required=True),
        lambda: check_package("docxtpl", "รายงาน Word", required=False, extra="reports"),
        lambda: check_package("duckdb", "รวมไฟล์หน่วยงาน", required=False, extra="merge"),
        check_pdf_engine, check_fonts, check_log_dir, check_frameworks, check_settings,
    ]
    rows: list[Check] = []
    for step in steps:
        try:
            got = step()
        except Exception as exc:  # noqa: BLE001
            got = Check(getattr(step, "__name__", "check").replace("check_", ""), f"ตรวจไม่ได้: {exc!r}", "fail",
                        "ส่งผลนี้ให้ผู้ดูแลระบบ")
        rows += got if isinstance(got, list) else [got]
    return rows


def needs_fixing(rows: Sequence[Check]) -> bool:
    return any(r.status == "fail" for r in rows)


def render_table(rows: Sequence[Check]) -> str:
    """The Thai table `ita doctor` prints, then what to do for each row that needs it."""
    from core.textable import render

    table = render(["รายการ", "ผลการตรวจ", "สถานะ"], [[r.topic, r.value, STATUS_TH[r.status]] for r in rows])
    todo = [f"- {r.topic}: {r.fix}" for r in rows if r.fix and r.status in ("warn", "fail")]
    verdict = ("ต้องแก้ไขก่อนใช้งาน:" if needs_fixing(rows) else "ใช้งานได้" + (" (มีข้อแนะนำ):" if todo else ""))
    return "\n".join([table, verdict, *todo])


def render_alert(rows: Sequence[Check]) -> str:
    """The same for a message box: one line per check, then what to do."""
    lines = [f"[{STATUS_TH[r.status]}] {r.topic}: {r.value}" for r in rows]
    todo = [f"- {r.topic}: {r.fix}" for r in rows if r.fix and r.status in ("warn", "fail")]
    head = "ต้องแก้ไขก่อนใช้งาน" if needs_fixing(rows) else "การติดตั้งใช้งานได้"
    return "\n".join([head, "", *lines, *([""] + ["สิ่งที่ควรทำ:"] + todo if todo else [])])
