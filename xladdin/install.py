"""`ita addin install` / `uninstall`: put ITA.xlam where Excel loads and trusts it, for one Windows user.

On Windows, for the current user only (no administrator rights):

1. ITA.xlam into %APPDATA%\\Microsoft\\AddIns: built here with INTERPRETER_WIN = this Python, or — from the
   offline bundle's installer (xladdin/winsetup.py) — the bundle's own ITA.xlam copied as it is, with the
   interpreter written to the user's %USERPROFILE%\\.ita\\ita.conf instead (`xlam`, `user_interpreter`);
2. remove the Mark of the Web (the Zone.Identifier stream) in case the file came from elsewhere;
3. register it to load with Excel: the first free OPEN, OPEN1, OPEN2… value under
   HKCU\\Software\\Microsoft\\Office\\<version>\\Excel\\Options (or the one that already names it);
4. add the AddIns folder to Excel's Trusted Locations (HKCU …\\Excel\\Security\\Trusted Locations) unless
   a location already covers it;
5. write the user's report settings file if there is none;
6. record each value, key and file written in a manifest (`manifest`), which the uninstall undoes.

Running it again repairs: the same OPEN value and trusted location are reused, the files rewritten.
Excel rewrites the OPEN values from its own list when it closes, so installing while Excel runs could be
undone: the install refuses then. Every decision is a pure function over plain values (paths, the
existing registry values), and the registry sits behind a small interface, so all of it runs on Linux in
the tests with a dictionary for a registry. The registry, manifest and uninstall pieces are shared with
the bundle's installer and live in xladdin.winsetup (standard library only).
"""

from __future__ import annotations

import os
import re
import sys
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ItaError
from xladdin.winsetup import (
    ADDIN_FILE,
    OFFICE_KEY,
    OFFICE_VERSIONS,
    TRUST_DESCRIPTION,
    Manifest,
    Registry,
    SetupError,
    WinRegistry,
    apply_plan,
    discover,
    excel_running,
    file_sha256,
    options_key,
    parse_user_conf,
    refers_to_addin,
    trusted_key,
    uninstall_plan,
    user_conf_text,
)

__all__ = [
    "ADDIN_FILE",
    "TRUST_DESCRIPTION",
    "InstallError",
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
    "write_user_conf",
]


class InstallError(ItaError):
    """The add-in cannot be installed (no Excel, Excel still running, registry refused, …)."""


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
    from pathlib import PureWindowsPath

    env = os.environ if env is None else env

    def norm(path: str) -> PureWindowsPath:
        return PureWindowsPath(str(PureWindowsPath(path.strip().strip('"'))).casefold())

    want = norm(str(folder))
    for loc in locations:
        raw = loc.get("Path")
        if not isinstance(raw, str) or not raw.strip():
            continue
        expanded = re.sub(r"%([^%]+)%", lambda m: env.get(m.group(1), env.get(m.group(1).upper(), m.group(0))), raw)
        base = norm(expanded)
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
    interpreter: str = ""
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
               f"ใช้ Python: {self.interpreter or sys.executable}"]
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
def unblock(path: Path) -> bool:
    """Remove the Mark of the Web (NTFS stream Zone.Identifier); True if there was one."""
    if sys.platform != "win32":
        return False
    try:
        os.remove(f"{path}:Zone.Identifier")
        return True
    except OSError:
        return False


def write_user_conf(path: Path, values: Mapping[str, str]) -> bytes:
    """Set `values` in the user's ita.conf (other keys kept); returns the bytes written."""
    try:
        current = parse_user_conf(path.read_text(encoding="utf-8-sig")) if path.is_file() else {}
    except (OSError, UnicodeDecodeError):
        current = {}
    data = user_conf_text({**current, **values}).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


def _default_pythonpath() -> str | None:
    """The source folder when the toolkit runs from a checkout that pip does not know (else None)."""
    from importlib import metadata

    from core import DIST_NAME

    try:
        metadata.distribution(DIST_NAME)
        return None
    except metadata.PackageNotFoundError:
        return str(Path(__file__).resolve().parents[1])


def _place_addin(folder: Path, xlam: Path | None, interpreter: str, pythonpath: str | None) -> Path:
    """ITA.xlam in `folder`: the given file copied byte for byte, or a fresh build for `interpreter`."""
    from xladdin.build import build_addin

    if xlam is None:
        return build_addin(folder, interpreter=interpreter,
                           pythonpath=pythonpath if pythonpath is not None else _default_pythonpath())
    if not zipfile.is_zipfile(xlam):
        raise InstallError("ไฟล์ ITA.xlam ในชุดติดตั้งเสียหาย — ดาวน์โหลดชุดติดตั้งใหม่", where=str(xlam))
    target = folder / ADDIN_FILE
    folder.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{ADDIN_FILE}.tmp")
    try:
        tmp.write_bytes(xlam.read_bytes())
        os.replace(tmp, target)
    except PermissionError as exc:
        tmp.unlink(missing_ok=True)
        raise InstallError("เขียนไฟล์ ITA.xlam ไม่ได้ — ปิด Excel แล้วลองใหม่", where=str(folder), english=str(exc)) from None
    return target


def install(*, registry: Registry | None = None, env: Mapping[str, str] | None = None,
            interpreter: str | None = None, pythonpath: str | None = None, trust: bool = True,
            check_excel: bool = True, xlam: Path | None = None, user_interpreter: str | None = None,
            manifest: Path | None = None) -> InstallReport:
    """Install for the current Windows user; see the module docstring. `registry`/`env` are for tests."""
    from actions.settings import ensure_settings_file, settings_path

    if registry is None:
        if sys.platform != "win32":
            raise InstallError(instructions_th(), english="add-in install needs Windows")
        registry = WinRegistry()
    if check_excel and excel_running():
        raise InstallError("ปิด Excel ทุกหน้าต่างก่อน แล้วสั่งติดตั้งอีกครั้ง "
                           "(Excel เขียนรายการ Add-in ทับเมื่อปิดโปรแกรม)", english="Excel is running")
    env = os.environ if env is None else env
    version = office_version(registry)
    folder = addins_dir(env)
    record = Manifest.load(manifest) if manifest else Manifest()
    path = _place_addin(folder, xlam, interpreter or sys.executable, pythonpath)
    record.add_file(path, path.read_bytes())
    unblocked = unblock(path)
    notes: list[str] = []
    if user_interpreter:
        conf = Path(env.get("USERPROFILE") or Path.home()) / ".ita" / "ita.conf"
        record.add_file(conf, write_user_conf(conf, {"INTERPRETER_WIN": user_interpreter}))
        notes.append(f"ตั้งค่า Python ของปุ่มไว้ในไฟล์ {conf}")

    key = options_key(version)
    name, already = choose_open_name(registry.values(key), path)
    try:
        registry.set_value(key, name, open_value(path))
    except OSError as exc:
        raise InstallError("บันทึกค่าใน Registry ไม่ได้ — ให้เปิด Add-in เองจาก ไฟล์ > ตัวเลือก > Add-in",
                           where=key, english=str(exc)) from None
    record.add_value(key, name, open_value(path))

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
                record.add_key(sub, TRUST_DESCRIPTION)
                trusted = "added"
            except OSError:
                trusted = "failed"
    settings = None
    try:
        existed = settings_path().exists()
        settings = ensure_settings_file()
        if not existed:
            record.add_file(settings, settings.read_bytes())
    except OSError:
        notes.append("เขียนไฟล์ตั้งค่ารายงานไม่ได้ ระบบจะใช้ค่าเริ่มต้น")
    if manifest:
        record.save(manifest)
    return InstallReport(path, version, name, already, trusted, unblocked,
                         user_interpreter or interpreter or sys.executable, settings, notes)


def uninstall(*, registry: Registry | None = None, env: Mapping[str, str] | None = None,
              check_excel: bool = True, manifest: Path | None = None) -> list[str]:
    """Undo install: what the manifest recorded (if given), every OPEN value that loads an ITA.xlam, our
    trusted locations and ITA.xlam. Returns what was done (Thai)."""
    if registry is None:
        if sys.platform != "win32":
            raise InstallError(instructions_th(), english="add-in uninstall needs Windows")
        registry = WinRegistry()
    if check_excel and excel_running():
        raise InstallError("ปิด Excel ทุกหน้าต่างก่อน แล้วสั่งถอนการติดตั้งอีกครั้ง", english="Excel is running")
    path = addins_dir(env) / ADDIN_FILE
    record = Manifest.load(manifest) if manifest else Manifest()
    if path.is_file() and not any(Path(f[0]) == path for f in record.files):
        record.add_file(path, path.read_bytes())
    values, keys = discover(registry, path)
    try:
        done = apply_plan(uninstall_plan(record, registry.values, file_sha256, values, keys), registry)
    except SetupError as err:
        raise InstallError(err.message) from None
    if path.is_file():
        raise InstallError("ลบไฟล์ Add-in ไม่ได้ — ปิด Excel แล้วลองใหม่", where=str(path))
    return done or ["ไม่พบ Add-in ITA ที่ติดตั้งไว้"]
