"""The add-in's own part of the installation check: the ITA.xlam file found, its xlwings stamp, its Python.

Shared by both front ends' diagnosis: `ita doctor` adds `check_addin(path)` to actions.doctor's checks,
and the ตรวจสอบการติดตั้ง button adds it (with Excel's version) through the host.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

from actions import doctor
from actions.check import Check

__all__ = ["addin_info", "check_addin"]


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

    xlwings_version = doctor.version_of("xlwings")
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


