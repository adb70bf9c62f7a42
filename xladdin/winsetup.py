"""Windows setup for one officer, standard library only: the offline bundle's installer and uninstaller.

INSTALL.cmd and UNINSTALL.cmd in ITA-Toolkit-windows-<version>.zip run this file (copied there as
setup/ita_setup.py) with whatever Python they find, as the officer, without a network:

install   1. find a python.org Python 3.11–3.13, 64-bit (py launcher, PEP 514 registry, the usual folders);
             a Microsoft Store Python is refused with a Thai message saying what to install instead;
          2. (re)create a private venv in %LOCALAPPDATA%\\ITA Toolkit\\venv — a second run repairs: the old
             venv is replaced, registry values and files are reused, nothing is duplicated;
          3. pip install the toolkit's wheel from the bundle's wheelhouse only (--no-index);
          4. run `ita addin install` inside the venv: ITA.xlam into the AddIns folder, the OPEN value, the
             trusted location, Mark of the Web removed, the interpreter in %USERPROFILE%\\.ita\\ita.conf —
             each recorded in a manifest (%LOCALAPPDATA%\\ITA Toolkit\\install.json);
          5. log everything to %LOCALAPPDATA%\\ITA Toolkit\\install.log and end with a Thai summary in a
             Windows message box (readable whatever the system locale).
uninstall undo the manifest: each registry value and file is removed only if it still holds what was
          written (a file the officer changed is kept and named), then the ITA Toolkit folder.

Every decision is a pure function over plain values (the Pythons found, the environment, the manifest,
what the registry holds now), tested on Linux with a Thai user name and a OneDrive Documents folder
(tests/test_windows_setup.py). Python 3.8+ syntax: the Python that runs this may be older than the one it
picks. `ita addin install/uninstall` (xladdin.install) share the manifest and the registry pieces.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PureWindowsPath

SUPPORTED = ((3, 11), (3, 12), (3, 13))   # the bundle's wheelhouse has win_amd64 wheels for these
RECOMMENDED = "3.12"
APP_NAME = "ITA Toolkit"
ADDIN_FILE = "ITA.xlam"
TRUST_DESCRIPTION = "ITA Toolkit add-in"
OFFICE_KEY = r"Software\Microsoft\Office"
OFFICE_VERSIONS = ("16.0", "15.0", "14.0")    # 16.0 = Excel 2016, 2019, 2021, 2024 and Microsoft 365
PYTHON_ORG = "https://www.python.org/downloads/windows/"
MANIFEST_VERSION = 1


class SetupError(Exception):
    """A stop the officer can act on: `message` is one Thai paragraph saying what to do."""

    def __init__(self, message: str, english: str = "") -> None:
        super().__init__(message)
        self.message, self.english = message, english or message


# ------------------------------------------------------------------------------------------ which Python
@dataclass(frozen=True)
class PythonFound:
    path: str
    version: tuple[int, int] | None       # None: it could not be run
    bits: int | None
    source: str                              # "py launcher", "registry", "folder", "this Python"


def is_store_python(path: str) -> bool:
    """A Microsoft Store Python (or its App Execution Alias): it redirects AppData, so an add-in it installs
    lands where Excel never looks, and its alias opens the Store instead of running."""
    return "\\windowsapps\\" in str(PureWindowsPath(path)).lower() + "\\"


def _install_th() -> str:
    return (f"ติดตั้ง Python {RECOMMENDED} แบบ 64-bit จาก {PYTHON_ORG} (ไฟล์ Windows installer (64-bit)) "
            "ตอนติดตั้ง: เอาเครื่องหมายถูกที่ \"Use admin privileges when installing py.exe\" ออก "
            "แล้วกด Install Now (ไม่ต้องใช้สิทธิ์ผู้ดูแลระบบ) จากนั้นดับเบิลคลิก INSTALL.cmd อีกครั้ง")


def choose_python(found: list[PythonFound]) -> PythonFound:
    """The newest supported 64-bit python.org Python among `found`; else a SetupError saying what to install."""
    usable = [p for p in found if not is_store_python(p.path) and p.version in SUPPORTED and p.bits == 64]
    if usable:
        return max(usable, key=lambda p: (p.version, p.source != "this Python"))
    names = ", ".join(f"{p.version[0]}.{p.version[1]}" for p in found if p.version)
    if any(is_store_python(p.path) for p in found):
        why = ("พบเฉพาะ Python จาก Microsoft Store ซึ่งใช้กับ Add-in ของ Excel ไม่ได้ (Store เก็บไฟล์ไว้คนละที่กับที่ Excel "
               "มองหา) — ")
    elif any(p.version in SUPPORTED and p.bits == 32 for p in found):
        why = "พบ Python แบบ 32-bit ซึ่งชุดติดตั้งนี้ไม่รองรับ — "
    elif names:
        why = f"พบ Python รุ่น {names} ซึ่งชุดติดตั้งนี้ไม่รองรับ (ใช้ได้ 3.11 ถึง 3.13) — "
    else:
        why = "ไม่พบ Python ในเครื่องนี้ — "
    raise SetupError(why + _install_th(), english="no usable python.org Python 3.11-3.13 64-bit")


def parse_py_list(text: str) -> list[str]:
    """Interpreter paths from `py --list-paths` (py.exe of Python 3.11+: ' -V:3.12 *   C:\\...\\python.exe';
    older launchers: ' -3.12-64   C:\\...')."""
    out = []
    for line in text.splitlines():
        m = re.match(r"\s*-(?:V:)?\S+\s+(?:\*\s+)?(.+?\.exe)(?:\s+\*)?\s*$", line, re.IGNORECASE)
        if m:
            out.append(m.group(1).strip())
    return out


def candidate_folders(env: Mapping[str, str]) -> list[str]:
    """Where python.org's installer puts Python: per user, then for all users."""
    roots = [PureWindowsPath(env["LOCALAPPDATA"]) / "Programs" / "Python"] if env.get("LOCALAPPDATA") else []
    roots += [PureWindowsPath(env[k]) for k in ("ProgramFiles", "ProgramW6432") if env.get(k)]
    return [str(r) for r in roots]


# ------------------------------------------------------------------------------------------ where things go
@dataclass(frozen=True)
class Paths:
    app: PurePath              # %LOCALAPPDATA%\ITA Toolkit (never in Documents or OneDrive)
    venv: PurePath
    python: PurePath           # the venv's python.exe (installs, checks)
    pythonw: PurePath          # the venv's pythonw.exe (what the buttons start)
    interpreter_setting: str   # how ita.conf names pythonw.exe: %LOCALAPPDATA%\... (ASCII for any user name)
    log: PurePath
    manifest: PurePath
    addins: PurePath           # %APPDATA%\Microsoft\AddIns
    user_conf: PurePath        # %USERPROFILE%\.ita\ita.conf
    uninstall_log: PurePath    # %TEMP%\ITA-Toolkit-uninstall.log (the app folder is gone by then)


def plan_paths(env: Mapping[str, str], path_type: type = Path) -> Paths:
    """Every place the installer writes, from the user's environment. `path_type` is PureWindowsPath in the
    tests, so a Windows profile can be planned on Linux."""
    profile = env.get("USERPROFILE") or ""
    if not profile or not env.get("APPDATA"):
        raise SetupError("ไม่พบโฟลเดอร์ของผู้ใช้ (USERPROFILE / APPDATA) — ติดตั้งได้บน Windows เท่านั้น",
                         english="USERPROFILE/APPDATA not set")
    local = env.get("LOCALAPPDATA")
    base = path_type(local) if local else path_type(profile) / "AppData" / "Local"
    app = base / APP_NAME
    venv = app / "venv"
    setting = ("%LOCALAPPDATA%\\" + APP_NAME + "\\venv\\Scripts\\pythonw.exe") if local \
        else str(PureWindowsPath(str(venv)) / "Scripts" / "pythonw.exe")
    temp = env.get("TEMP") or env.get("TMP") or str(base / "Temp")
    return Paths(app=app, venv=venv, python=venv / "Scripts" / "python.exe", pythonw=venv / "Scripts" / "pythonw.exe",
                 interpreter_setting=setting, log=app / "install.log", manifest=app / "install.json",
                 addins=path_type(env["APPDATA"]) / "Microsoft" / "AddIns",
                 user_conf=path_type(profile) / ".ita" / "ita.conf",
                 uninstall_log=path_type(temp) / "ITA-Toolkit-uninstall.log")


def expand(value: str, env: Mapping[str, str]) -> str:
    """%NAME% expanded once from `env` (case-insensitive, unknown names kept), as Windows does."""
    upper = {k.upper(): v for k, v in env.items()}
    return re.sub(r"%([^%]+)%", lambda m: upper.get(m.group(1).upper(), m.group(0)), value)


# ------------------------------------------------------------------------------------------ ita.conf
def user_conf_text(values: Mapping[str, str]) -> str:
    """%USERPROFILE%\\.ita\\ita.conf: one "KEY","value" line each (xlwings' format), UTF-8."""
    lines = []
    for key, value in values.items():
        if not re.fullmatch(r"[A-Z_]+", key) or '"' in value or "\n" in value or "\r" in value:
            raise ValueError(f"cannot write {key!r} = {value!r} to ita.conf")
        lines.append(f'"{key}","{value}"')
    return "\r\n".join(lines) + "\r\n"


def parse_user_conf(text: str) -> dict[str, str]:
    """The values the add-in's VBA reads from ita.conf (UserSetting in ITARibbon.bas does the same)."""
    out: dict[str, str] = {}
    for raw in text.lstrip("\ufeff").replace("\r", "").split("\n"):
        line = raw.strip(" ")
        sep = line.find('","')
        if line.startswith('"') and line.endswith('"') and sep > 0:
            out.setdefault(line[1:sep].upper(), line[sep + 3:-1])
    return out


# ------------------------------------------------------------------------------------------ the registry
class Registry:
    """The bit of HKEY_CURRENT_USER the installers use; keys are paths relative to HKCU. (The tests use a
    dictionary with the same methods.)"""

    def exists(self, key: str) -> bool: ...
    def values(self, key: str) -> dict[str, object]: ...
    def subkeys(self, key: str) -> list[str]: ...
    def set_value(self, key: str, name: str, value: object) -> None: ...
    def delete_value(self, key: str, name: str) -> None: ...
    def delete_key(self, key: str) -> None: ...


class WinRegistry(Registry):
    """HKEY_CURRENT_USER through winreg (Windows only)."""

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


def options_key(version: str) -> str:
    return rf"{OFFICE_KEY}\{version}\Excel\Options"


def trusted_key(version: str) -> str:
    return rf"{OFFICE_KEY}\{version}\Excel\Security\Trusted Locations"


def _norm(path: str) -> str:
    return str(PureWindowsPath(path.strip().strip('"'))).casefold()


def refers_to_addin(value: object, path: object) -> bool:
    """Whether an OPEN value loads `path` (or any ITA.xlam: there must be one ITA add-in, not two)."""
    if not isinstance(value, str):
        return False
    text = re.sub(r"^\s*(/[A-Za-z]\s+)+", "", value)           # Excel's /R (read-only) and /F switches
    target = _norm(text)
    return target == _norm(str(path)) or PureWindowsPath(target).name == ADDIN_FILE.casefold()


# ------------------------------------------------------------------------------------------ the manifest
@dataclass
class Manifest:
    """What an install wrote, so the uninstall removes exactly that: registry values (with the value
    written), keys created (with their Description), files (with their SHA-256) and folders."""

    values: list[list[str]] = field(default_factory=list)      # [key, name, value]
    keys: list[list[str]] = field(default_factory=list)        # [key, description]
    files: list[list[str]] = field(default_factory=list)       # [path, sha256]
    dirs: list[str] = field(default_factory=list)

    def add_value(self, key: str, name: str, value: object) -> None:
        self.values = [v for v in self.values if (v[0].casefold(), v[1].casefold()) != (key.casefold(), name.casefold())]
        self.values.append([key, name, str(value)])

    def add_key(self, key: str, description: str) -> None:
        if [key, description] not in self.keys:
            self.keys.append([key, description])

    def add_file(self, path: object, data: bytes) -> None:
        self.files = [f for f in self.files if _norm(f[0]) != _norm(str(path))]
        self.files.append([str(path), hashlib.sha256(data).hexdigest()])

    def add_dir(self, path: object) -> None:
        if str(path) not in self.dirs:
            self.dirs.append(str(path))

    def to_json(self) -> str:
        return json.dumps({"version": MANIFEST_VERSION, "values": self.values, "keys": self.keys,
                           "files": self.files, "dirs": self.dirs}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw = json.loads(text)
        if raw.get("version") != MANIFEST_VERSION:
            raise ValueError(f"manifest version {raw.get('version')!r}")
        return cls([list(map(str, v)) for v in raw.get("values", [])], [list(map(str, k)) for k in raw.get("keys", [])],
                   [list(map(str, f)) for f in raw.get("files", [])], [str(d) for d in raw.get("dirs", [])])

    @classmethod
    def load(cls, path: object) -> Manifest:
        try:
            return cls.from_json(Path(str(path)).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, path: object) -> None:
        target = Path(str(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        os.replace(tmp, target)


@dataclass(frozen=True)
class Step:
    kind: str          # delete_value, delete_key, delete_file, delete_dir, keep_value, keep_file
    target: str        # key, file or folder
    name: str = ""     # value name
    why: str = ""      # for keep_*: what changed


def uninstall_plan(manifest: Manifest, registry_values: Callable[[str], Mapping[str, object]],
                   file_hash: Callable[[str], str | None],
                   found_values: list[tuple[str, str]] = (), found_keys: list[str] = ()) -> list[Step]:
    """What to remove: the manifest's entries that still hold what was written, then `found_values` /
    `found_keys` (OPEN values naming ITA.xlam and trusted locations with our description, discovered for
    an install without a manifest), then the folders. Changed entries are kept and reported."""
    steps: list[Step] = []
    seen = set()
    for key, name, value in manifest.values:
        now = registry_values(key).get(name)
        seen.add((key.casefold(), name.casefold()))
        if now is None:
            continue
        steps.append(Step("delete_value", key, name) if str(now) == value
                     else Step("keep_value", key, name, f"ค่าเปลี่ยนเป็น {now}"))
    for key, name in found_values:
        if (key.casefold(), name.casefold()) not in seen:
            seen.add((key.casefold(), name.casefold()))
            steps.append(Step("delete_value", key, name))
    keys = {}
    for key, description in manifest.keys:
        if registry_values(key).get("Description") == description:
            keys[key.casefold()] = key
    for key in found_keys:
        keys.setdefault(key.casefold(), key)
    steps += [Step("delete_key", key) for key in keys.values()]
    for path, digest in manifest.files:
        now = file_hash(path)
        if now is None:
            continue
        steps.append(Step("delete_file", path) if now == digest else Step("keep_file", path, why="แก้ไขหลังติดตั้ง"))
    steps += [Step("delete_dir", d) for d in manifest.dirs]
    return steps


def discover(registry: Registry, addin: object) -> tuple[list[tuple[str, str]], list[str]]:
    """OPEN values that load an ITA.xlam and trusted locations we described, in every Office version."""
    values, keys = [], []
    for version in OFFICE_VERSIONS:
        key = options_key(version)
        for name, value in registry.values(key).items():
            if re.fullmatch(r"OPEN\d*", name, re.IGNORECASE) and refers_to_addin(value, addin):
                values.append((key, name))
        tkey = trusted_key(version)
        for sub in registry.subkeys(tkey):
            if registry.values(rf"{tkey}\{sub}").get("Description") == TRUST_DESCRIPTION:
                keys.append(rf"{tkey}\{sub}")
    return values, keys


def file_sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def apply_plan(steps: list[Step], registry: Registry) -> list[str]:
    """Carry out an uninstall plan; returns one Thai line per step."""
    done = []
    for s in steps:
        try:
            if s.kind == "delete_value":
                registry.delete_value(s.target, s.name)
                done.append(f"ลบค่า {s.name} ใน Registry ({s.target})")
            elif s.kind == "delete_key":
                registry.delete_key(s.target)
                done.append(f"ลบตำแหน่งที่เชื่อถือได้ ({s.target.rsplit(chr(92), 1)[-1]})")
            elif s.kind == "delete_file":
                Path(s.target).unlink()
                done.append(f"ลบไฟล์ {s.target}")
            elif s.kind == "delete_dir":
                if Path(s.target).is_dir():
                    shutil.rmtree(s.target)
                    done.append(f"ลบโฟลเดอร์ {s.target}")
            elif s.kind == "keep_value":
                done.append(f"ไม่ลบค่า {s.name} ({s.target}): {s.why}")
            elif s.kind == "keep_file":
                done.append(f"ไม่ลบไฟล์ {s.target}: {s.why}")
        except OSError as exc:
            done.append(f"ลบ {s.target} ไม่ได้ ({exc.strerror or exc}) — ปิด Excel แล้วเรียก UNINSTALL.cmd อีกครั้ง")
    return done


# ------------------------------------------------------------------------------------------ effects
class Log:
    """install.log: UTF-8 with a BOM (Notepad shows the Thai), appended, every line timestamped."""

    def __init__(self, path: object) -> None:
        self.path = Path(str(path))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists()
        with open(self.path, "a", encoding="utf-8-sig" if new else "utf-8") as fh:
            fh.write(f"\n=== {dt.datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv[1:])}\n")

    def __call__(self, text: str) -> None:
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.writelines(f"{dt.datetime.now():%H:%M:%S} {line}\n" for line in str(text).splitlines() or [""])


def run(cmd: list[str], log: Callable[[str], None], *, timeout: int = 1800) -> str:
    """Run a command without a console window; its output goes to the log; a failure is a SetupError."""
    log("$ " + subprocess.list2cmdline(cmd))
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace",
                             timeout=timeout, check=False, creationflags=flags,
                             env=dict(os.environ, PYTHONUTF8="1", PIP_NO_INPUT="1"))
    except (OSError, subprocess.SubprocessError) as exc:
        log(f"! {exc}")
        raise SetupError(f"เรียกโปรแกรมไม่ได้: {cmd[0]} ({exc})", english=str(exc)) from None
    log((res.stdout or "") + (res.stderr or ""))
    log(f"= exit {res.returncode}")
    if res.returncode != 0:
        raise SetupError(f"ขั้นตอนติดตั้งไม่สำเร็จ (รหัส {res.returncode}) — รายละเอียดอยู่ในไฟล์บันทึกการติดตั้ง",
                         english=f"{cmd[:3]} exited {res.returncode}")
    return res.stdout or ""


def excel_running() -> bool:
    """Whether EXCEL.EXE runs (Windows only): Excel rewrites its add-in list when it closes."""
    if sys.platform != "win32":
        return False
    try:
        out = subprocess.run(["tasklist", "/FI", "IMAGENAME eq EXCEL.EXE", "/NH"], capture_output=True, text=True,
                             timeout=30, check=False, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.SubprocessError):
        return False
    return "excel.exe" in out.stdout.casefold()


def probe(path: str, source: str) -> PythonFound:
    """Run a candidate to learn its version and bitness (a Store alias is never run)."""
    if is_store_python(path):
        return PythonFound(path, None, None, source)
    code = "import sys,struct;print(sys.version_info[0],sys.version_info[1],struct.calcsize('P')*8)"
    try:
        out = subprocess.run([path, "-I", "-c", code], capture_output=True, text=True, timeout=60, check=False,
                             creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)).stdout.split()
        return PythonFound(path, (int(out[0]), int(out[1])), int(out[2]), source)
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return PythonFound(path, None, None, source)


def _registry_pythons() -> list[str]:
    """InstallPath of every PEP 514 PythonCore entry, for this user and all users, both registry views."""
    if sys.platform != "win32":
        return []
    import winreg  # type: ignore[import-not-found]

    out = []
    for hive in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        for view in (winreg.KEY_WOW64_64KEY, winreg.KEY_WOW64_32KEY):
            try:
                root = winreg.OpenKey(hive, r"Software\Python\PythonCore", 0, winreg.KEY_READ | view)
            except OSError:
                continue
            with root:
                for i in range(1000):
                    try:
                        tag = winreg.EnumKey(root, i)
                    except OSError:
                        break
                    try:
                        with winreg.OpenKey(root, tag + r"\InstallPath") as ip:
                            try:
                                out.append(winreg.QueryValueEx(ip, "ExecutablePath")[0])
                            except OSError:
                                out.append(str(Path(winreg.QueryValueEx(ip, "")[0]) / "python.exe"))
                    except OSError:
                        continue
    return out


def find_pythons(env: Mapping[str, str]) -> list[PythonFound]:
    """Every Python the machine offers, probed (py launcher, registry, the usual folders, this one)."""
    paths: list[tuple[str, str]] = [(sys.executable, "this Python")]
    py = shutil.which("py")
    if py:
        try:
            text = subprocess.run([py, "--list-paths"], capture_output=True, text=True, timeout=60, check=False,
                                  creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)).stdout
            paths += [(p, "py launcher") for p in parse_py_list(text)]
        except (OSError, subprocess.SubprocessError):
            pass
    paths += [(p, "registry") for p in _registry_pythons()]
    for root in candidate_folders(env):
        for exe in sorted(Path(root).glob("Python3*/python.exe")):
            paths.append((str(exe), "folder"))
    unique: dict[str, tuple[str, str]] = {}
    for path, source in paths:
        unique.setdefault(_norm(path), (path, source))
    return [probe(path, source) for path, source in unique.values() if Path(path).is_file() or is_store_python(path)]


def message_box(text: str, title: str = APP_NAME, *, error: bool = False) -> None:
    """The Thai summary in a Windows message box (MessageBoxW: readable on an English-locale PC)."""
    if sys.platform != "win32":
        return
    import ctypes

    ctypes.windll.user32.MessageBoxW(None, text, title, (0x10 if error else 0x40) | 0x10000 | 0x40000)


# ------------------------------------------------------------------------------------------ the two jobs
def bundle_files(bundle: Path) -> tuple[Path, Path, Path]:
    """(wheel, wheelhouse, ITA.xlam) of an unpacked bundle; a SetupError if a piece is missing."""
    wheels = sorted(bundle.glob("thai_ita_toolkit-*.whl"))
    house, xlam = bundle / "wheelhouse", bundle / ADDIN_FILE
    if len(wheels) != 1 or not house.is_dir() or not xlam.is_file():
        raise SetupError("ชุดติดตั้งไม่ครบ — แตกไฟล์ zip ทั้งหมดก่อน (คลิกขวา > Extract All) แล้วดับเบิลคลิก INSTALL.cmd "
                         "ในโฟลเดอร์ที่แตกออกมา", english=f"bundle incomplete in {bundle}")
    return wheels[0], house, xlam


def install(bundle: Path, env: Mapping[str, str]) -> list[str]:
    """The whole install (see the module docstring); returns the Thai summary lines."""
    paths = plan_paths(env)
    wheel, house, xlam = bundle_files(bundle)
    if excel_running():
        raise SetupError("ปิด Excel ทุกหน้าต่างก่อน แล้วดับเบิลคลิก INSTALL.cmd อีกครั้ง", english="Excel is running")
    log = Log(paths.log)
    log(f"bundle {bundle}; user {env.get('USERNAME', '?')}; running on {sys.executable} {sys.version.split()[0]}")
    found = find_pythons(env)
    for p in found:
        log(f"found {p.path} {p.version} {p.bits}-bit ({p.source}){' STORE' if is_store_python(p.path) else ''}")
    base = choose_python(found)
    log(f"chosen {base.path}")
    repair = Path(paths.venv).exists()
    if repair:
        try:
            shutil.rmtree(paths.venv)
        except OSError as exc:
            raise SetupError("ลบโปรแกรมเดิมเพื่อซ่อมไม่ได้ (มีโปรแกรมใช้อยู่) — ปิด Excel แล้วลองอีกครั้ง",
                             english=str(exc)) from None
    manifest = Manifest.load(paths.manifest)
    manifest.add_dir(paths.app)
    manifest.save(paths.manifest)
    run([base.path, "-m", "venv", str(paths.venv)], log)
    run([str(paths.python), "-m", "pip", "install", "--no-index", "--find-links", str(house), "--no-cache-dir",
         "--disable-pip-version-check", "--no-warn-script-location", str(wheel)], log)
    out = run([str(paths.python), "-I", "-X", "utf8", "-m", "cli", "addin", "install", "--xlam", str(xlam),
               "--user-interpreter", paths.interpreter_setting, "--manifest", str(paths.manifest)], log)
    run([str(paths.pythonw), "-I", "-c", "import xladdin.entry, xlwings"], log)      # the buttons' Python starts
    version = f"{base.version[0]}.{base.version[1]}" if base.version else "?"
    lines = [("ซ่อมการติดตั้งเดิมแล้ว" if repair else "ติดตั้ง ITA Toolkit แล้ว") + f" ({wheel.stem.split('-')[1]})",
             f"Python {version} (64-bit): {base.path}",
             f"โปรแกรมอยู่ที่ {paths.app}",
             *[ln for ln in out.splitlines() if ln.strip() and not ln.startswith(("ใช้ Python", "เปิด Excel"))],
             f"บันทึกการติดตั้ง: {paths.log}",
             "ขั้นต่อไป: เปิด Excel แล้วดูแท็บ ITA กดปุ่ม ทดสอบระบบ (หรือ ตรวจสอบการติดตั้ง)"]
    log("\n".join(lines))
    return lines


def uninstall(env: Mapping[str, str], registry: Registry | None = None) -> list[str]:
    """Undo the manifest (and any ITA add-in registration found), then remove the ITA Toolkit folder."""
    paths = plan_paths(env)
    if excel_running():
        raise SetupError("ปิด Excel ทุกหน้าต่างก่อน แล้วดับเบิลคลิก UNINSTALL.cmd อีกครั้ง", english="Excel is running")
    registry = registry or WinRegistry()
    manifest = Manifest.load(paths.manifest)
    manifest.add_dir(paths.app)
    found_values, found_keys = discover(registry, Path(paths.addins) / ADDIN_FILE)
    steps = uninstall_plan(manifest, registry.values, file_sha256, found_values, found_keys)
    notices = Path(str(paths.user_conf)).parent / "notices.json"       # the add-in's "told once" memory
    if notices.is_file():
        steps.insert(-1, Step("delete_file", str(notices)))
    done = apply_plan(steps, registry)
    folder = Path(str(paths.user_conf)).parent
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return done or ["ไม่พบ ITA Toolkit ที่ติดตั้งไว้"]


def main(argv: list[str] | None = None) -> int:
    """INSTALL.cmd: `ita_setup.py install <bundle folder>`; UNINSTALL.cmd: `ita_setup.py uninstall`.
    `--quiet` (for an administrator's script): no message box, the summary is printed and logged only."""
    args = list(sys.argv[1:] if argv is None else argv)
    quiet = "--quiet" in args
    args = [a for a in args if a != "--quiet"]
    job = args[0] if args else ""
    env = dict(os.environ)
    try:
        if job == "install" and len(args) == 2:
            lines = install(Path(args[1]), env)
        elif job == "uninstall":
            lines = uninstall(env)
            try:
                Log(plan_paths(env).uninstall_log)("\n".join(lines))
            except OSError:
                pass
        else:
            print("usage: ita_setup.py install BUNDLE_FOLDER | uninstall  [--quiet]", file=sys.stderr)
            return 2
    except SetupError as err:
        try:
            Log(plan_paths(env).log if job == "install" else plan_paths(env).uninstall_log)("! " + err.message)
        except (OSError, SetupError):
            pass
        print(err.message)
        if not quiet:
            message_box(err.message, error=True)
        return 1
    text = "\n".join(lines)
    print(text)
    if not quiet:
        message_box(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
