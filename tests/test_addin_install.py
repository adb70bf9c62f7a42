"""`ita addin install/uninstall` without Windows: the pure decisions, and the whole install against a
dictionary standing in for HKEY_CURRENT_USER and a temporary %APPDATA%."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from core.errors import ItaError
from devkit.registry import FakeRegistry
from xladdin import install
from xladdin.install import ADDIN_FILE

OPTIONS = r"Software\Microsoft\Office\16.0\Excel\Options"
TRUSTED = r"Software\Microsoft\Office\16.0\Excel\Security\Trusted Locations"
ADDIN = r"C:\Users\สมชาย ใจดี\AppData\Roaming\Microsoft\AddIns\ITA.xlam"


# ---------------------------------------------------------------------------------------------- pure parts
def test_open_value_quotes_the_path():
    assert install.open_value(ADDIN) == f'"{ADDIN}"'


@pytest.mark.parametrize("value", [f'"{ADDIN}"', ADDIN, f'/R "{ADDIN}"', f'/R /F "{ADDIN.upper()}"',
                                   r'"D:\old place\ITA.xlam"', "ITA.xlam"])
def test_refers_to_addin(value):
    assert install.refers_to_addin(value, ADDIN)


@pytest.mark.parametrize("value", [r'"C:\x\Other.xlam"', r'"C:\x\ITA.xlam.bak"', 7, None, ""])
def test_refers_to_other_things(value):
    assert not install.refers_to_addin(value, ADDIN)


def test_choose_open_name():
    other = r'"C:\x\Solver.xlam"'
    assert install.choose_open_name({}, ADDIN) == ("OPEN", False)
    assert install.choose_open_name({"OPEN": other, "Pos": "1"}, ADDIN) == ("OPEN1", False)
    assert install.choose_open_name({"OPEN": other, "OPEN2": other}, ADDIN) == ("OPEN1", False)  # fill the gap
    assert install.choose_open_name({"OPEN": other, "open1": f'/R "{ADDIN}"'}, ADDIN) == ("OPEN1", True)
    taken = {("OPEN" if i == 0 else f"OPEN{i}"): other for i in range(5)}
    assert install.choose_open_name(taken, ADDIN) == ("OPEN5", False)


def test_is_trusted_expands_variables_and_subfolders():
    env = {"APPDATA": r"C:\Users\a\AppData\Roaming"}
    folder = r"C:\Users\a\AppData\Roaming\Microsoft\AddIns"
    assert install.is_trusted(folder, [{"Path": r"%APPDATA%\Microsoft\AddIns\\"}], env)
    assert install.is_trusted(folder, [{"Path": r"c:\users\A\appdata\roaming\microsoft\addins"}], env)
    assert not install.is_trusted(folder, [{"Path": r"%APPDATA%\Microsoft", "AllowSubFolders": 0}], env)
    assert install.is_trusted(folder, [{"Path": r"%APPDATA%\Microsoft", "AllowSubFolders": 1}], env)
    assert not install.is_trusted(folder, [{"Path": r"%APPDATA%\Microsoft\Templates\\"}, {}], env)


def test_trusted_location_name_and_office_version():
    assert install.trusted_location_name([]) == "Location0"
    assert install.trusted_location_name(["Location0", "location1", "Location3"]) == "Location2"
    assert install.office_version(FakeRegistry({r"Software\Microsoft\Office\15.0\Excel\Options": {}})) == "15.0"
    assert install.office_version(FakeRegistry({OPTIONS: {}, r"Software\Microsoft\Office\15.0\Excel": {}})) \
        == "16.0"
    with pytest.raises(ItaError, match="ไม่พบ Microsoft Excel"):
        install.office_version(FakeRegistry({r"Software\Microsoft\Office\16.0\Word": {}}))


def test_addins_dir_needs_appdata():
    assert install.addins_dir({"APPDATA": "/x"}) == Path("/x/Microsoft/AddIns")
    with pytest.raises(ItaError, match="APPDATA"):
        install.addins_dir({})
    assert install.installed_addin({}) is None


# ---------------------------------------------------------------------------------------------- install
@pytest.fixture
def home(tmp_path, monkeypatch) -> dict[str, str]:
    monkeypatch.setenv("ITA_SETTINGS", str(tmp_path / "profile" / ".ita" / "settings.toml"))
    return {"APPDATA": str(tmp_path / "Roaming")}


def test_install_registers_trusts_and_writes_the_interpreter(home, tmp_path):
    from xladdin.diagnose import addin_info

    reg = FakeRegistry({OPTIONS: {"OPEN": r'"C:\x\Solver.xlam"', "Pos": "1"},
                        TRUSTED + r"\Location0": {"Path": r"%APPDATA%\Microsoft\Templates\\"}})
    interpreter = r"C:\Python312\python.exe"
    report = install.install(registry=reg, env=home, interpreter=interpreter, check_excel=False)
    path = Path(home["APPDATA"]) / "Microsoft" / "AddIns" / ADDIN_FILE
    assert report.addin == path and zipfile.is_zipfile(path)
    assert (report.office_version, report.open_name, report.already_registered, report.trusted) == \
        ("16.0", "OPEN1", False, "added")
    assert reg.values(OPTIONS)["OPEN1"] == f'"{path}"' and reg.values(OPTIONS)["OPEN"] == r'"C:\x\Solver.xlam"'
    assert reg.values(TRUSTED + r"\Location1") == {"Path": str(path.parent) + "\\", "AllowSubFolders": 0,
                                                    "Description": install.TRUST_DESCRIPTION}
    info = addin_info(path)
    assert info["INTERPRETER_WIN"] == interpreter and info["ADD_WORKBOOK_TO_PYTHONPATH"] == "false"
    assert report.settings is not None and report.settings.is_file()
    lines = "\n".join(report.lines_th())
    assert str(path) in lines and "ตรวจสอบการติดตั้ง" in lines

    again = install.install(registry=reg, env=home, interpreter=interpreter, check_excel=False)
    assert (again.open_name, again.already_registered, again.trusted) == ("OPEN1", True, "already")
    assert len(reg.subkeys(TRUSTED)) == 2

    done = install.uninstall(registry=reg, env=home, check_excel=False)
    assert not path.exists()
    assert "OPEN1" not in reg.values(OPTIONS) and "OPEN" in reg.values(OPTIONS)
    assert reg.subkeys(TRUSTED) == ["Location0"]
    assert len(done) == 3
    assert install.uninstall(registry=reg, env=home, check_excel=False) == ["ไม่พบ Add-in ITA ที่ติดตั้งไว้"]


def test_a_thai_interpreter_path_needs_no_warning(home):
    """The add-in starts Python through the Unicode API (xladdin/launcher.py): a Thai path is fine."""
    reg = FakeRegistry({OPTIONS: {}})
    report = install.install(registry=reg, env=home, interpreter=r"C:\Users\สมชาย\python.exe", trust=False,
                             check_excel=False)
    assert report.trusted == "already" and not reg.subkeys(TRUSTED)
    assert report.notes == [] and report.interpreter == r"C:\Users\สมชาย\python.exe"


def test_install_without_excel_settings_is_refused(home):
    with pytest.raises(ItaError, match="ไม่พบ Microsoft Excel"):
        install.install(registry=FakeRegistry(), env=home, check_excel=False)
    assert not (Path(home["APPDATA"]) / "Microsoft").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="the explanation is for other systems")
def test_cli_install_elsewhere_explains_in_thai(ita):
    res = ita("addin", "install")
    assert res.returncode == 0 and "Windows" in res.stdout and "ita addin build" in res.stdout
    assert ita("addin", "uninstall").returncode == 0


def test_cli_build(ita, tmp_path):
    res = ita("addin", "build", "-o", str(tmp_path / "ที่ เก็บ"), "--interpreter", r"C:\Py\python.exe")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "ที่ เก็บ" / ADDIN_FILE).is_file() and "สร้าง Add-in แล้ว" in res.stdout
    res = ita("addin")
    assert res.returncode == 2 and "build" in res.stderr
