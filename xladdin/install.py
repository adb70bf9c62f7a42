"""`ita addin install` / `uninstall`: put ITA.xlam where Excel loads and trusts it, for this Python.

On Windows, for the current user only (no administrator rights):

1. build ITA.xlam straight into %APPDATA%\\Microsoft\\AddIns with INTERPRETER_WIN = this Python
   (sys.executable), so the buttons run the interpreter that has the toolkit installed;
2. remove the Mark of the Web (the Zone.Identifier stream) in case the file came from elsewhere;
3. register it to load with Excel: the first free OPEN, OPEN1, OPEN2… value under
   HKCU\\Software\\Microsoft\\Office\\<version>\\Excel\\Options (or the one that already names it);
4. add the AddIns folder to Excel's Trusted Locations (HKCU …\\Excel\\Security\\Trusted Locations) unless
   a location already covers it;
5. write the user's report settings file if there is none.

Excel rewrites the OPEN values from its own list when it closes, so installing while Excel runs could be
undone: the install refuses then. Everything that decides something is a pure function over plain values
(paths, the existing registry values), and the registry sits behind a small interface, so all of it runs
on Linux in the tests with a dictionary for a registry.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Protocol

from core.errors import ItaError

__all__ = [
    "ADDIN_FILE",
    "InstallReport",
    "Registry",
    "WinRegistry",
    "addins_dir",
    "choose_open_name",
    "excel_running",
    "install",
    "installed_addin",
    "instructions_th",
    "is_trusted",
    "office_version",
    "open_value",
    "refers_to_addin",
    "trusted_location_name",
    "unblock",
    "uninstall",
]

ADDIN_FILE = "ITA.xlam"
OFFICE_VERSIONS = ("16.0", "15.0", "14.0")       # 16.0 = Excel 2016, 2019, 2021, 2024 and Microsoft 365
OFFICE_KEY = r"Software\Microsoft\Office"
TRUST_DESCRIPTION = "ITA Toolkit add-in"


class InstallError(ItaError):
    """The add-in cannot be installed (no Excel, Excel still running, registry refused, …)."""


class Registry(Protocol):
    """The bit of HKEY_CURRENT_USER the installer uses; keys are paths relative to HKCU."""

    def exists(self, key: str) -> bool: ...
    def values(self, key: str) -> dict[str, object]: ...
    def subkeys(self, key: str) -> list[str]: ...
    def set_value(self, key: str, name: str, value: object) -> None: ...
    def delete_value(self, key: str, name: str) -> None: ...
    def delete_key(self, key: str) -> None: ...


class WinRegistry:
    """Registry on Windows (winreg, HKEY_CURRENT_USER)."""

    def __init__(self) -> None:
        import winreg  # type: ignore[import-not-found]

        self.w = winreg

    def exists(self, key: str) -> bool:
        try:
            self.w.CloseKey(self.w.OpenKey(self.w.HKEY_CURRENT_USER, key))
            return True
        except OSError:
            return False

    def values(self, key: str) -> dict[str, object]:
        out: dict[str, object] = {}
        try:
            with self.w.OpenKey(self.w.HKEY_CURRENT_USER, key) as k:
                i = 0
                while True:
                    try:
                        name, value, _kind = self.w.EnumValue(k, i)
                    except OSError:
                        break
                    out[name] = value
                    i += 1
        except OSError:
            pass
        return out

    def subkeys(self, key: str) -> list[str]:
        out = []
        try:
            with self.w.OpenKey(self.w.HKEY_CURRENT_USER, key) as k:
                i = 0
                while True:
                    try:
                        out.append(self.w.EnumKey(k, i))
                    except OSError:
                        break
                    i += 1
        except OSError:
            pass
        return out

    def set_value(self, key: str, name: str, value: object) -> None:
        with self.w.CreateKeyEx(self.w.HKEY_CURRENT_USER, key, 0, self.w.KEY_WRITE) as k:
            kind = self.w.REG_DWORD if isinstance(value, int) else self.w.REG_SZ
            self.w.SetValueEx(k, name, 0, kind, value)

    def delete_value(self, key: str, name: str) -> None:
        with self.w.OpenKey(self.w.HKEY_CURRENT_USER, key, 0, self.w.KEY_SET_VALUE) as k:
            self.w.DeleteValue(k, name)

    def delete_key(self, key: str) -> None:
        self.w.DeleteKey(self.w.HKEY_CURRENT_USER, key)


# ----------------------------------------------------------------------------------------------- pure parts
def addins_dir(env: Mapping[str, str] | None = None) -> Path:
    """%APPDATA%\\Microsoft\\AddIns: Excel's own folder for the current user's add-ins."""
    env = os.environ if env is None else env
    appdata = env.get("APPDATA")
    if not appdata:
        raise InstallError("ไม่พบโฟลเดอร์ APPDATA ของผู้ใช้ (ติดตั้งได้เฉพาะบน Windows)", english="APPDATA not set")
    return Path(appdata) / "Microsoft" / "AddIns"


def installed_addin(env: Mapping[str, str] | None = None) -> Path | None:
    """The installed ITA.xlam, if there is one."""
    try:
        path = addins_dir(env) / ADDIN_FILE
    except InstallError:
        return None
    return path if path.is_file() else None


def options_key(version: str) -> str:
    return rf"{OFFICE_KEY}\{version}\Excel\Options"


def trusted_key(version: str) -> str:
    return rf"{OFFICE_KEY}\{version}\Excel\Security\Trusted Locations"


def office_version(registry: Registry) -> str:
    """The newest Excel version with settings for this user."""
    for version in OFFICE_VERSIONS:
        if registry.exists(rf"{OFFICE_KEY}\{version}\Excel"):
            return version
    raise InstallError("ไม่พบ Microsoft Excel ของผู้ใช้นี้ — ติดตั้ง Excel แล้วเปิดปิดหนึ่งครั้ง จากนั้นสั่งอีกครั้ง",
                       english="no HKCU\\Software\\Microsoft\\Office\\<version>\\Excel key")


def open_value(path: Path | str) -> str:
    """An OPEN value as Excel writes it: the full path in double quotes (paths may hold spaces)."""
    return f'"{path}"'


def _norm(path: str) -> str:
    return str(PureWindowsPath(path.strip().strip('"'))).casefold()


def refers_to_addin(value: object, path: Path | str) -> bool:
    """Whether an OPEN value loads `path` (or any ITA.xlam: there must be one ITA add-in, not two)."""
    if not isinstance(value, str):
        return False
    text = re.sub(r"^\s*(/[A-Za-z]\s+)+", "", value)           # Excel's /R (read-only) and /F switches
    target = _norm(text)
    return target == _norm(str(path)) or PureWindowsPath(target).name == ADDIN_FILE.casefold()


def choose_open_name(values: Mapping[str, object], path: Path | str) -> tuple[str, bool]:
    """(value name, already registered) for the add-in under Excel\\Options.

    The value that already loads it is reused; otherwise the first free name of OPEN, OPEN1, OPEN2, …
    (Excel stops reading at the first gap, so a gap is filled first)."""
    opens = {k.upper(): v for k, v in values.items() if re.fullmatch(r"OPEN\d*", k, re.IGNORECASE)}
    for name in sorted(opens, key=lambda n: int(n[4:] or -1)):
        if refers_to_addin(opens[name], path):
            return name, True
    for i in range(1000):
        name = "OPEN" if i == 0 else f"OPEN{i}"
        if name not in opens:
            return name, False
    raise InstallError("มี Add-in ที่เปิดพร้อม Excel มากเกินไป", english="no free OPENn value")


def is_trusted(folder: Path | str, locations: Iterable[Mapping[str, object]],
               env: Mapping[str, str] | None = None) -> bool:
    """Whether a Trusted Location (its Path value, env vars expanded; AllowSubFolders) covers `folder`."""
    env = os.environ if env is None else env
    want = PureWindowsPath(_norm(str(folder)))
    for loc in locations:
        raw = loc.get("Path")
        if not isinstance(raw, str) or not raw.strip():
            continue
        expanded = re.sub(r"%([^%]+)%", lambda m: env.get(m.group(1), env.get(m.group(1).upper(), m.group(0))), raw)
        base = PureWindowsPath(_norm(expanded))
        if want == base or (loc.get("AllowSubFolders") in (1, "1") and base in want.parents):
            return True
    return False


def trusted_location_name(existing: Iterable[str]) -> str:
    """A free subkey name under Trusted Locations ("Location<n>", Excel's own pattern)."""
    taken = {k.casefold() for k in existing}
    return next(f"Location{i}" for i in range(10_000) if f"location{i}" not in taken)


@dataclass
class InstallReport:
    addin: Path
    office_version: str
    open_name: str
    already_registered: bool
    trusted: str                      # "added", "already", or "failed"
    unblocked: bool
    settings: Path | None = None
    notes: list[str] = field(default_factory=list)

    def lines_th(self) -> list[str]:
        out = [f"ติดตั้ง Add-in แล้ว: {self.addin}",
               (f"ให้ Excel {self.office_version} เปิด Add-in อัตโนมัติ (ค่า {self.open_name}"
                f"{' เดิม' if self.already_registered else ''})"),
               {"added": "เพิ่มโฟลเดอร์ Add-in เป็นตำแหน่งที่เชื่อถือได้ของ Excel แล้ว",
                "already": "โฟลเดอร์ Add-in เป็นตำแหน่งที่เชื่อถือได้ของ Excel อยู่แล้ว",
                "failed": "เพิ่มตำแหน่งที่เชื่อถือได้ไม่ได้ (นโยบายขององค์กร?) — ดูคู่มือการติดตั้ง หัวข้อ ปลดบล็อก"}
               [self.trusted],
               f"ใช้ Python: {sys.executable}"]
        if self.settings is not None:
            out.append(f"ไฟล์ตั้งค่ารายงาน: {self.settings}")
        return out + self.notes + ["เปิด Excel แล้วดูแท็บ ITA จากนั้นกดปุ่ม ตรวจสอบการติดตั้ง"]


def instructions_th() -> str:
    """What to do on a computer that is not Windows."""
    return ("Add-in ของ Excel (แท็บ ITA) ติดตั้งได้บน Windows เท่านั้น\n"
            "บนเครื่อง Windows ที่มี Excel: ใช้ชุดติดตั้ง ITA-Toolkit-windows (ดับเบิลคลิก INSTALL.cmd)\n"
            "หรือสร้างไฟล์ไว้ก่อนด้วย  ita addin build -o โฟลเดอร์ --interpreter C:\\...\\python.exe  "
            "แล้วติดตั้งเองตามคู่มือ docs/addin-install.md\n"
            "บนเครื่องนี้ใช้คำสั่ง ita validate / ita report / ita merge ได้โดยไม่ต้องมี Excel")


# ----------------------------------------------------------------------------------------------- effects
def excel_running() -> bool:
    """Whether EXCEL.EXE runs for this user (Windows only; False elsewhere)."""
    if sys.platform != "win32":
        return False
    import subprocess

    try:
        out = subprocess.run(["tasklist", "/FI", "IMAGENAME eq EXCEL.EXE", "/NH"], capture_output=True,
                             text=True, timeout=30, check=False, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.SubprocessError):
        return False
    return "excel.exe" in out.stdout.casefold()


def unblock(path: Path) -> bool:
    """Remove the Mark of the Web (NTFS stream Zone.Identifier); True if there was one."""
    if sys.platform != "win32":
        return False
    try:
        os.remove(f"{path}:Zone.Identifier")
        return True
    except OSError:
        return False


def _default_pythonpath() -> str | None:
    """The source folder when the toolkit runs from a checkout that pip does not know (else None)."""
    from importlib import metadata

    from core import DIST_NAME

    try:
        metadata.distribution(DIST_NAME)
        return None
    except metadata.PackageNotFoundError:
        return str(Path(__file__).resolve().parents[1])


def install(*, registry: Registry | None = None, env: Mapping[str, str] | None = None,
            interpreter: str | None = None, pythonpath: str | None = None, trust: bool = True,
            check_excel: bool = True) -> InstallReport:
    """Install for the current Windows user; see the module docstring. `registry`/`env` are for tests."""
    from actions.settings import ensure_settings_file
    from xladdin.build import build_addin

    if registry is None:
        if sys.platform != "win32":
            raise InstallError(instructions_th(), english="add-in install needs Windows")
        registry = WinRegistry()
    if check_excel and excel_running():
        raise InstallError("ปิด Excel ทุกหน้าต่างก่อน แล้วสั่ง ita addin install อีกครั้ง "
                           "(Excel เขียนรายการ Add-in ทับเมื่อปิดโปรแกรม)", english="Excel is running")
    version = office_version(registry)
    folder = addins_dir(env)
    interpreter = interpreter or sys.executable
    notes = []
    if not interpreter.isascii():
        notes.append("คำเตือน: ที่อยู่ของ Python มีอักษรที่ไม่ใช่ภาษาอังกฤษ Excel อาจหา Python ไม่พบ "
                     "ถ้าปุ่มไม่ทำงาน ให้ติดตั้ง Python ในโฟลเดอร์ภาษาอังกฤษ เช่น C:\\Python312")
    path = build_addin(folder, interpreter=interpreter,
                       pythonpath=pythonpath if pythonpath is not None else _default_pythonpath())
    unblocked = unblock(path)

    key = options_key(version)
    name, already = choose_open_name(registry.values(key), path)
    try:
        registry.set_value(key, name, open_value(path))
    except OSError as exc:
        raise InstallError("บันทึกค่าใน Registry ไม่ได้ — ให้เปิด Add-in เองจาก ไฟล์ > ตัวเลือก > Add-in",
                           where=key, english=str(exc)) from None

    trusted = "already"
    if trust:
        tkey = trusted_key(version)
        locations = [registry.values(rf"{tkey}\{k}") for k in registry.subkeys(tkey)]
        if not is_trusted(folder, locations, env):
            sub = rf"{tkey}\{trusted_location_name(registry.subkeys(tkey))}"
            try:
                registry.set_value(sub, "Path", str(folder) + "\\")
                registry.set_value(sub, "AllowSubFolders", 0)
                registry.set_value(sub, "Description", TRUST_DESCRIPTION)
                trusted = "added"
            except OSError:
                trusted = "failed"
    settings = None
    try:
        settings = ensure_settings_file()
    except OSError:
        notes.append("เขียนไฟล์ตั้งค่ารายงานไม่ได้ ระบบจะใช้ค่าเริ่มต้น")
    return InstallReport(path, version, name, already, trusted, unblocked, settings, notes)


def uninstall(*, registry: Registry | None = None, env: Mapping[str, str] | None = None,
              check_excel: bool = True) -> list[str]:
    """Undo install: the OPEN value, our Trusted Location and ITA.xlam. Returns what was done (Thai)."""
    if registry is None:
        if sys.platform != "win32":
            raise InstallError(instructions_th(), english="add-in uninstall needs Windows")
        registry = WinRegistry()
    if check_excel and excel_running():
        raise InstallError("ปิด Excel ทุกหน้าต่างก่อน แล้วสั่ง ita addin uninstall อีกครั้ง", english="Excel is running")
    done = []
    path = addins_dir(env) / ADDIN_FILE
    for version in OFFICE_VERSIONS:
        key = options_key(version)
        for name, value in registry.values(key).items():
            if re.fullmatch(r"OPEN\d*", name, re.IGNORECASE) and refers_to_addin(value, path):
                registry.delete_value(key, name)
                done.append(f"ยกเลิกการเปิด Add-in พร้อม Excel {version} ({name})")
        tkey = trusted_key(version)
        for sub in registry.subkeys(tkey):
            if registry.values(rf"{tkey}\{sub}").get("Description") == TRUST_DESCRIPTION:
                registry.delete_key(rf"{tkey}\{sub}")
                done.append(f"ลบตำแหน่งที่เชื่อถือได้ที่ตั้งไว้ ({sub})")
    if path.is_file():
        try:
            path.unlink()
            done.append(f"ลบไฟล์ {path}")
        except OSError as exc:
            raise InstallError("ลบไฟล์ Add-in ไม่ได้ — ปิด Excel แล้วลองใหม่", where=str(path),
                               english=str(exc)) from None
    return done or ["ไม่พบ Add-in ITA ที่ติดตั้งไว้"]
