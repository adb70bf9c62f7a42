"""The add-in's own part of the installation check: the ITA.xlam file found, whether it starts Python the
Unicode-safe way of this version, and which Python its buttons will start.

Shared by both front ends' diagnosis: `ita doctor` adds `check_addin(path)` to actions.doctor's checks,
and the ตรวจสอบการติดตั้ง button adds it (with Excel's version) through the host.
"""

from __future__ import annotations

import os
import re
import sys
import zipfile
from pathlib import Path

from actions.check import Check
from core import REPAIR_TH
from xladdin.launcher import LAUNCH_ARGS, user_conf_path
from xladdin.winsetup import parse_user_conf

__all__ = ["addin_info", "addin_interpreter", "check_addin"]


def addin_info(path: Path) -> dict[str, str]:
    """LAUNCH_ARGS of an ITA.xlam's ribbon module ("" when it has none) and its ita.conf sheet's key/values."""
    from xladdin.vba_project import VbaProject

    with zipfile.ZipFile(path) as zf:
        project = VbaProject(zf.read("xl/vbaProject.bin"))
        conf = _conf_values(zf)
    names = {m.name for m in project.modules()}
    source = project.source("ITARibbon") if "ITARibbon" in names else ""
    m = re.search(r'^Private Const LAUNCH_ARGS As String = "(.*)"\r?$', source, re.MULTILINE)
    return {"LAUNCH_ARGS": m.group(1).replace('""', '"') if m else "", **conf}


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


def addin_interpreter(info: dict[str, str]) -> tuple[str, str]:
    """(interpreter, where it is set) as the add-in's VBA finds it: its own sheet, then the user's ita.conf."""
    if info.get("INTERPRETER_WIN"):
        return info["INTERPRETER_WIN"], "ชีต ita.conf ของ Add-in"
    conf = user_conf_path()
    try:
        value = parse_user_conf(conf.read_text(encoding="utf-8-sig")).get("INTERPRETER_WIN", "")
    except OSError:
        value = ""
    return value, str(conf) if value else ""


def _same_python(a: Path, b: Path) -> bool:
    """python.exe and pythonw.exe of one folder are one Python (the buttons start pythonw, `ita` python)."""
    def stem(p: Path) -> str:
        return p.stem.lower().removesuffix("w")

    return a.parent == b.parent and stem(a) == stem(b)


def check_addin(path: Path | None) -> list[Check]:
    """The add-in file: found, launching Python as this version does, and the Python it will start."""
    from xladdin.install import installed_addin

    path = path or installed_addin()
    if path is None:
        if sys.platform == "win32":
            return [Check("Add-in ITA.xlam", "ยังไม่ได้ติดตั้ง", "warn", REPAIR_TH)]
        return [Check("Add-in ITA.xlam", "ใช้กับ Excel บน Windows (เครื่องนี้ใช้คำสั่ง ita แทน)", "info")]
    try:
        info = addin_info(path)
    except Exception as exc:  # noqa: BLE001 - a damaged file is a finding, not a crash
        return [Check("Add-in ITA.xlam", f"{path}: อ่านไม่ได้ ({type(exc).__name__})", "fail", REPAIR_TH)]
    rows = [Check("Add-in ITA.xlam", str(path), "ok")]
    if info["LAUNCH_ARGS"] == LAUNCH_ARGS:
        rows.append(Check("การเริ่ม Python ของ Add-in", "เริ่มเองแบบ Unicode (ใช้ได้กับชื่อผู้ใช้ภาษาไทย)", "ok"))
    else:
        rows.append(Check("การเริ่ม Python ของ Add-in", "Add-in รุ่นอื่น (ไม่ตรงกับโปรแกรมนี้)", "fail",
                          f"ปุ่มอาจไม่ทำงาน — {REPAIR_TH}"))
    interpreter, where = addin_interpreter(info)
    expanded = os.path.expandvars(interpreter)
    if not interpreter:
        status = "fail" if sys.platform == "win32" else "info"
        rows.append(Check("Python ที่ Add-in ใช้", "ยังไม่ได้ตั้ง", status, REPAIR_TH if status == "fail" else ""))
    elif sys.platform == "win32" and not Path(expanded).is_file():
        rows.append(Check("Python ที่ Add-in ใช้", f"{interpreter} (ไม่พบไฟล์)", "fail", REPAIR_TH))
    elif not _same_python(Path(expanded), Path(sys.executable)):
        rows.append(Check("Python ที่ Add-in ใช้", interpreter, "warn",
                          f"ไม่ใช่ Python ตัวนี้ ({where}) — ถ้าต้องการใช้ตัวนี้: {REPAIR_TH}"))
    else:
        rows.append(Check("Python ที่ Add-in ใช้", f"{interpreter} ({where})", "ok"))
    return rows
