"""The offline bundle's installer decisions (xladdin/winsetup.py), for an officer called สมชาย ใจดี whose
Documents folder lives in OneDrive: which Python is used or refused, where everything goes, what goes into
the registry, that a second run repairs instead of duplicating, and that the uninstall removes exactly what
was written. The Windows calls themselves (winreg, CreateProcess, MessageBoxW) cannot run here.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path, PureWindowsPath

import pytest

from devkit.registry import FakeRegistry
from xladdin import install, winsetup
from xladdin.launcher import launch_command, split_command_line
from xladdin.windows import documents_folder
from xladdin.winsetup import (
    Manifest,
    PythonFound,
    SetupError,
    Step,
    choose_python,
    plan_paths,
    uninstall_plan,
)

PROFILE = r"C:\Users\สมชาย ใจดี"
ENV = {"USERPROFILE": PROFILE, "USERNAME": "สมชาย ใจดี", "APPDATA": PROFILE + r"\AppData\Roaming",
       "LOCALAPPDATA": PROFILE + r"\AppData\Local", "TEMP": PROFILE + r"\AppData\Local\Temp",
       "OneDrive": PROFILE + r"\OneDrive - องค์การบริหารส่วนตำบลบ้านขาม", "ProgramFiles": r"C:\Program Files"}
DOCUMENTS = ENV["OneDrive"] + r"\Documents"        # what the Known Folder API answers for this officer
PER_USER = PROFILE + r"\AppData\Local\Programs\Python"
OPTIONS = r"Software\Microsoft\Office\16.0\Excel\Options"
TRUSTED = r"Software\Microsoft\Office\16.0\Excel\Security\Trusted Locations"


# ------------------------------------------------------------------------------------------ which Python
def found(path: str, version: tuple[int, int] | None, bits: int | None, source: str = "registry") -> PythonFound:
    return PythonFound(path, version, bits, source)


STORE_ALIAS = PROFILE + r"\AppData\Local\Microsoft\WindowsApps\python.exe"
STORE_REAL = r"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.2800.0_x64__qbz5n2kfra8p0\python.exe"


def test_the_newest_supported_python_org_python_is_chosen():
    pythons = [found(r"C:\Python310\python.exe", (3, 10), 64, "this Python"),
               found(PER_USER + r"\Python312\python.exe", (3, 12), 64),
               found(PER_USER + r"\Python313-32\python.exe", (3, 13), 32),
               found(STORE_REAL, (3, 13), 64, "py launcher"),
               found(r"C:\Program Files\Python311\python.exe", (3, 11), 64, "folder")]
    assert choose_python(pythons).path == PER_USER + r"\Python312\python.exe"
    pythons.append(found(PER_USER + r"\Python313\python.exe", (3, 13), 64, "py launcher"))
    assert choose_python(pythons).version == (3, 13)


@pytest.mark.parametrize(("pythons", "says"), [
    ([found(STORE_ALIAS, None, None, "this Python"), found(STORE_REAL, (3, 12), 64)], "Microsoft Store"),
    ([found(PER_USER + r"\Python312-32\python.exe", (3, 12), 32)], "32-bit"),
    ([found(r"C:\Python310\python.exe", (3, 10), 64), found(r"C:\Python314\python.exe", (3, 14), 64)],
     "รุ่น 3.10, 3.14"),
    ([found(r"C:\broken\python.exe", None, None)], "ไม่พบ Python"),
    ([], "ไม่พบ Python"),
])
def test_no_usable_python_is_refused_with_what_to_install(pythons, says):
    with pytest.raises(SetupError) as err:
        choose_python(pythons)
    message = err.value.message
    assert says in message
    assert "python.org" in message and "64-bit" in message and "Use admin privileges" in message
    assert "INSTALL.cmd" in message


def test_store_pythons_are_recognised_and_never_run():
    assert winsetup.is_store_python(STORE_ALIAS) and winsetup.is_store_python(STORE_REAL)
    assert not winsetup.is_store_python(PER_USER + r"\Python312\python.exe")
    assert winsetup.probe(STORE_ALIAS, "this Python") == found(STORE_ALIAS, None, None, "this Python")


def test_py_launcher_listings_of_both_generations():
    new = (" -V:3.13 *        C:\\Users\\สมชาย ใจดี\\AppData\\Local\\Programs\\Python\\Python313\\python.exe\n"
           " -V:3.12          C:\\Program Files\\Python312\\python.exe\n"
           " -V:PythonCore/3.11 C:\\Python311\\python.exe\n")
    old = " -3.10-64        C:\\Python310\\python.exe *\n -3.9-32         C:\\Python39-32\\python.exe\n"
    assert winsetup.parse_py_list(new) == [PER_USER + r"\Python313\python.exe", r"C:\Program Files\Python312\python.exe",
                                           r"C:\Python311\python.exe"]
    assert winsetup.parse_py_list(old)[1] == r"C:\Python39-32\python.exe"
    assert winsetup.candidate_folders(ENV) == [PER_USER, r"C:\Program Files"]


# ------------------------------------------------------------------------------------------ where things go
def test_paths_for_a_thai_user_with_documents_in_onedrive():
    paths = plan_paths(ENV, PureWindowsPath)
    assert str(paths.venv) == PROFILE + r"\AppData\Local\ITA Toolkit\venv"
    assert str(paths.pythonw) == PROFILE + r"\AppData\Local\ITA Toolkit\venv\Scripts\pythonw.exe"
    assert str(paths.addins) == PROFILE + r"\AppData\Roaming\Microsoft\AddIns"
    assert str(paths.user_conf) == PROFILE + r"\.ita\ita.conf"
    assert str(paths.log) == PROFILE + r"\AppData\Local\ITA Toolkit\install.log"
    # nothing goes to Documents or OneDrive (synced, possibly online-only): the venv must stay local
    for p in (paths.app, paths.venv, paths.addins, paths.user_conf, paths.log, paths.manifest):
        assert PureWindowsPath(ENV["OneDrive"]) not in (p, *p.parents)
    # the interpreter is named by the ASCII variable form, expanded by Windows' Unicode API at each click
    assert paths.interpreter_setting == r"%LOCALAPPDATA%\ITA Toolkit\venv\Scripts\pythonw.exe"
    assert paths.interpreter_setting.isascii()
    expanded = winsetup.expand(paths.interpreter_setting, ENV)
    assert expanded == str(paths.pythonw)
    assert split_command_line(launch_command(expanded))[0] == str(paths.pythonw)


def test_paths_without_localappdata_and_a_percent_in_the_user_name():
    env = {"USERPROFILE": r"C:\Users\a%TEMP%b & ^c", "APPDATA": r"C:\Users\a%TEMP%b & ^c\AppData\Roaming",
           "TEMP": r"C:\Temp"}
    paths = plan_paths(env, PureWindowsPath)
    assert str(paths.venv) == r"C:\Users\a%TEMP%b & ^c\AppData\Local\ITA Toolkit\venv"
    assert paths.interpreter_setting == str(paths.pythonw)       # no variable to lean on: the full path
    # one pass of expansion, as Windows does: %TEMP% inside an expanded value stays as it is
    assert winsetup.expand(r"%USERPROFILE%\x", env) == r"C:\Users\a%TEMP%b & ^c\x"
    assert split_command_line(launch_command(str(paths.pythonw)))[0] == str(paths.pythonw)
    with pytest.raises(SetupError, match="USERPROFILE"):
        plan_paths({"APPDATA": r"C:\x"}, PureWindowsPath)


def test_documents_is_the_known_folder_with_a_fallback(tmp_path):
    assert documents_folder(known=DOCUMENTS) == Path(DOCUMENTS)
    home = tmp_path / "สมชาย"
    home.mkdir()
    assert documents_folder(known="", env={}, home=home) == home               # no Documents folder at all
    (home / "Documents").mkdir()
    assert documents_folder(known="", env={"USERPROFILE": str(home)}) == home / "Documents"


# ------------------------------------------------------------------------------------------ install, repair, uninstall
@pytest.fixture
def officer(tmp_path, monkeypatch) -> dict[str, str]:
    """A Thai user's profile under tmp_path, as the environment the installer reads."""
    profile = tmp_path / "Users" / "สมชาย ใจดี"
    env = {"USERPROFILE": str(profile), "APPDATA": str(profile / "AppData" / "Roaming"),
           "LOCALAPPDATA": str(profile / "AppData" / "Local"), "TEMP": str(tmp_path / "Temp")}
    monkeypatch.setenv("ITA_SETTINGS", str(profile / ".ita" / "settings.toml"))
    monkeypatch.delenv("ITA_LOG_DIR", raising=False)
    return env


@pytest.fixture(scope="module")
def bundle_xlam(tmp_path_factory) -> Path:
    from xladdin.build import build_addin

    return build_addin(tmp_path_factory.mktemp("bundle"))


def bundle_install(env: dict[str, str], reg: FakeRegistry, xlam: Path) -> install.InstallReport:
    """What INSTALL.cmd runs inside the new venv (`ita addin install --xlam … --user-interpreter …`)."""
    paths = plan_paths(env)
    Path(paths.venv / "Scripts").mkdir(parents=True, exist_ok=True)      # stands for the venv winsetup made
    record = Manifest.load(paths.manifest)
    record.add_dir(paths.app)
    record.save(paths.manifest)
    return install.install(registry=reg, env=env, xlam=xlam, user_interpreter=paths.interpreter_setting,
                           manifest=Path(paths.manifest), check_excel=False)


def test_install_twice_repairs_and_uninstall_removes_what_was_written(officer, bundle_xlam):
    reg = FakeRegistry({OPTIONS: {"OPEN": r'"C:\Office\Solver.xlam"', "Pos": "1"},
                        TRUSTED + r"\Location0": {"Path": r"%APPDATA%\Microsoft\Templates\\", "Description": "Office"}})
    paths = plan_paths(officer)
    first = bundle_install(officer, reg, bundle_xlam)
    addin = Path(paths.addins) / "ITA.xlam"
    assert first.addin == addin and addin.read_bytes() == bundle_xlam.read_bytes()   # the bundle's own file
    assert reg.values(OPTIONS) == {"OPEN": r'"C:\Office\Solver.xlam"', "Pos": "1", "OPEN1": f'"{addin}"'}
    assert reg.values(TRUSTED + r"\Location1") == {"Path": str(addin.parent) + "\\", "AllowSubFolders": 0,
                                                    "Description": winsetup.TRUST_DESCRIPTION}
    conf = Path(paths.user_conf)
    assert winsetup.parse_user_conf(conf.read_text(encoding="utf-8")) == {"INTERPRETER_WIN": paths.interpreter_setting}

    second = bundle_install(officer, reg, bundle_xlam)                          # repair: nothing duplicated
    assert (second.open_name, second.already_registered, second.trusted) == ("OPEN1", True, "already")
    assert sorted(reg.subkeys(TRUSTED)) == ["Location0", "Location1"]
    record = Manifest.load(paths.manifest)
    assert len(record.values) == 1 and len(record.keys) == 1 and len(record.dirs) == 1
    assert sorted(Path(f[0]).name for f in record.files) == ["ITA.xlam", "ita.conf", "settings.toml"]

    # the officer edits the report settings; then uninstalls
    settings = Path(officer["USERPROFILE"]) / ".ita" / "settings.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "arabic_digits = true\n", encoding="utf-8")
    (Path(officer["USERPROFILE"]) / ".ita" / "notices.json").write_text("[]", encoding="utf-8")
    done = winsetup.uninstall(officer, registry=reg)
    assert reg.values(OPTIONS) == {"OPEN": r'"C:\Office\Solver.xlam"', "Pos": "1"}
    assert reg.subkeys(TRUSTED) == ["Location0"]
    assert not addin.exists() and not conf.exists() and not Path(paths.app).exists()
    assert settings.is_file() and any("settings.toml" in line and "แก้ไขหลังติดตั้ง" in line for line in done)
    assert not (settings.parent / "notices.json").exists()
    assert winsetup.uninstall(officer, registry=reg) == ["ไม่พบ ITA Toolkit ที่ติดตั้งไว้"]


def test_uninstall_keeps_a_value_someone_changed_and_finds_an_unrecorded_install():
    record = Manifest()
    record.add_value(OPTIONS, "OPEN1", r'"C:\x\ITA.xlam"')
    record.add_key(TRUSTED + r"\Location3", winsetup.TRUST_DESCRIPTION)
    record.add_file(r"C:\x\ITA.xlam", b"xlam")
    record.add_dir(r"C:\x\app")
    now = {OPTIONS: {"OPEN1": r'"D:\other\Tool.xlam"', "OPEN2": r'"C:\old\ITA.xlam"'},
           TRUSTED + r"\Location3": {"Description": "someone else's now"}}
    steps = uninstall_plan(record, lambda k: now.get(k, {}), lambda p: None,
                           found_values=[(OPTIONS, "OPEN2")], found_keys=[TRUSTED + r"\Location7"])
    assert steps == [Step("keep_value", OPTIONS, "OPEN1", r'ค่าเปลี่ยนเป็น "D:\other\Tool.xlam"'),
                     Step("delete_value", OPTIONS, "OPEN2"), Step("delete_key", TRUSTED + r"\Location7"),
                     Step("delete_dir", r"C:\x\app")]
    assert Manifest.from_json(record.to_json()) == record


def test_the_manifest_of_another_version_is_not_trusted(tmp_path):
    path = tmp_path / "install.json"
    path.write_text('{"version": 99, "values": [["HKCU", "x", "y"]]}', encoding="utf-8")
    assert Manifest.load(path) == Manifest()


def test_a_bundle_missing_a_piece_is_refused_in_thai(tmp_path):
    with pytest.raises(SetupError, match="Extract All"):
        winsetup.bundle_files(tmp_path)


def test_the_installer_runs_on_any_python_3_8_with_the_standard_library_only():
    source = Path(winsetup.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source, feature_version=(3, 8))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported - {"__future__"} <= sys.stdlib_module_names, imported - sys.stdlib_module_names
    for call in ("removeprefix", "removesuffix", "is_relative_to"):          # 3.9+ methods
        assert f".{call}(" not in source, call
