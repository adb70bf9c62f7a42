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
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from actions.check import STATUS_TH, Check
from actions.host import Host
from core import REPAIR_TH

__all__ = ["STATUS_TH", "Check", "needs_fixing", "on_button", "render_alert", "render_table", "run_checks", "version_of"]

MIN_PYTHON = (3, 11)


def version_of(dist: str) -> str | None:
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
    return Check("Python", value, "ok")


def check_toolkit() -> Check:
    import core

    where = Path(core.__file__).resolve().parent.parent
    return Check("ITA Toolkit", f"{core.__version__} ({where})", "ok")


def check_package(dist: str, topic: str) -> Check:
    """A dependency of the plain install (pyproject's dependencies): missing means a broken install."""
    version = version_of(dist)
    if version:
        return Check(topic, f"{dist} {version}", "ok")
    return Check(topic, f"ไม่พบ {dist}", "fail", REPAIR_TH)


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
                  "" if len(ttfs) >= 4 else REPAIR_TH)]
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
        return Check("เกณฑ์การประเมินรายปี", f"อ่านไม่ได้ ({exc})", "fail", REPAIR_TH)
    if not years:
        return Check("เกณฑ์การประเมินรายปี", "ไม่พบ", "fail", REPAIR_TH)
    return Check("เกณฑ์การประเมินรายปี", ", ".join(str(y) for y in years), "ok")


def check_settings() -> Check:
    from actions.settings import load_settings, settings_path
    from core.errors import ItaError

    path = settings_path()
    try:
        s = load_settings()
    except ItaError as err:
        return Check("ไฟล์ตั้งค่ารายงาน", str(path), "fail", err.message)
    where = str(path) if path.is_file() else f"ค่าเริ่มต้น (ยังไม่มี {path})"
    return Check("ไฟล์ตั้งค่ารายงาน", f"{where}: {', '.join(s.layouts)} / {', '.join(s.formats)}", "ok")


def run_checks(extra: Sequence[Callable[[], Check | list[Check]]] = ()) -> list[Check]:
    """Every check (the front end's own `extra` checks after the xlwings row); one that crashes becomes
    a "fail" row naming the exception."""
    steps: list[Callable[[], Check | list[Check]]] = [
        check_python, check_toolkit,
        lambda: check_package("xlwings", "xlwings"),
        *extra,
        lambda: check_package("openpyxl", "อ่าน/เขียน Excel"),
        lambda: check_package("python-calamine", "อ่าน Excel (เร็ว)"),
        lambda: check_package("docxtpl", "รายงาน Word"),
        lambda: check_package("duckdb", "รวมไฟล์หน่วยงาน"),
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


def on_button(host: Host) -> str:
    """ตรวจสอบการติดตั้ง: every check as one alert, the full table in a file in the log folder."""
    import datetime as dt

    from core.crashlog import log_dir

    rows = run_checks(extra=[host.environment_checks])
    path = log_dir() / f"ita-doctor-{dt.datetime.now():%Y%m%d-%H%M%S}.txt"
    try:
        path.write_text(render_table(rows) + "\n", encoding="utf-8")
        where = f"\n\nรายงานฉบับเต็ม: {path}"
    except OSError:
        where = ""
    message = render_alert(rows) + where
    host.alert(message, critical=needs_fixing(rows))
    return message
