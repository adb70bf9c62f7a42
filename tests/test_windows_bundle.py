"""The offline bundle's layout and its two .cmd files, built here from metadata-only wheels (the real wheels
are downloaded by `make windows-bundle`, which runs the same assembly and the offline resolution)."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest

from devkit import wheelhouse as wh
from devkit import windows_bundle as wb
from xladdin import winsetup

CMDS = [wb.ASSETS / "INSTALL.cmd", wb.ASSETS / "UNINSTALL.cmd"]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("bundle")
    wheels = [wh.write_stub(tmp, w) for w in wh.load_lock()]
    (tmp / "own").mkdir()
    own = wh.write_stub(tmp / "own", wh.own_wheel())
    return wb.assemble(tmp / "out", own, wheels)


def test_the_bundle_holds_everything_the_installer_looks_for(bundle):
    assert bundle.name == f"ITA-Toolkit-windows-{wb.version()}"
    wheel, house, xlam = winsetup.bundle_files(bundle)
    assert wheel.name == f"thai_ita_toolkit-{wb.version()}-py3-none-any.whl"
    assert len(list(house.glob("*.whl"))) == len(wh.load_lock())
    assert zipfile.is_zipfile(xlam)
    assert (bundle / "setup" / "ita_setup.py").read_bytes() == Path(winsetup.__file__).read_bytes()
    readme = (bundle / "README-TH.html").read_text(encoding="utf-8")
    assert "<h1>ติดตั้ง ITA Toolkit" in readme and 'charset="utf-8"' in readme and "INSTALL.cmd" in readme
    # a paragraph wrapped over several source lines is one paragraph on the page
    assert re.search(r"<p>ชุดติดตั้งเป็นไฟล์เดียว[^<]*<b>ITA-Toolkit-windows-&lt;รุ่น&gt;\.zip</b>[^<]*ไม่ต้องต่ออินเทอร์เน็ต", readme)
    assert wh.check([house, bundle]) == []                       # stubs: pip resolves them offline


def test_the_sums_cover_every_file(bundle):
    listed = {}
    for line in (bundle / "SHA256SUMS.txt").read_text(encoding="ascii").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {p.relative_to(bundle).as_posix(): p for p in bundle.rglob("*") if p.is_file()}
    assert set(listed) == set(files) - {"SHA256SUMS.txt"}
    assert all(hashlib.sha256(files[n].read_bytes()).hexdigest() == d for n, d in listed.items())


def test_the_zip_has_ascii_names_under_one_folder(bundle, tmp_path):
    target = wb.zip_folder(bundle, tmp_path / "b.zip")
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert all(n.isascii() and n.startswith(bundle.name + "/") for n in names)
        assert zf.getinfo(f"{bundle.name}/INSTALL.cmd").date_time == (1980, 1, 1, 0, 0, 0)
    assert wb.zip_folder(bundle, tmp_path / "c.zip").read_bytes() == target.read_bytes()    # reproducible


@pytest.mark.parametrize("cmd", CMDS, ids=lambda p: p.name)
def test_the_cmd_files_are_safe_for_any_folder(cmd):
    raw = cmd.read_bytes()
    assert raw.isascii(), "cmd.exe reads a batch file in the OEM code page: ASCII only"
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n"), "CRLF line ends"
    text = raw.decode("ascii")
    code = "\n".join(line for line in text.splitlines() if not line.lower().startswith("rem "))
    # a quoted "%~dp0" ends with a backslash, which escapes its closing quote for Python's argv
    assert '%~dp0"' not in code.replace('%~dp0setup\\ita_setup.py"', "").replace('%~dp0README-TH.html"', "")
    assert "EnableDelayedExpansion" not in code.replace("DisableDelayedExpansion", "")   # "!" in a user name
    assert '"%~dp0setup\\ita_setup.py"' in code and "-I -X utf8" in code
    job = "install" if cmd.name == "INSTALL.cmd" else "uninstall"
    assert re.search(rf'ita_setup\.py" {job}\b', code)
    if job == "install":
        assert 'install "%~dp0."' in code
    assert "python.org" in code and "README-TH.html" in code


def test_the_windows_ci_workflow_is_valid_and_runs_what_it_says():
    import yaml

    root = wb.ROOT / ".github"
    flow = yaml.safe_load((root / "workflows" / "windows.yml").read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    assert set(jobs) == {"test", "bundle"} and all(j["runs-on"].startswith("windows") for j in jobs.values())
    assert jobs["test"]["strategy"]["matrix"]["python"] == list(wh.PYTHONS)
    runs = "\n".join(s.get("run", "") for j in jobs.values() for s in j["steps"])
    assert "python -m pytest" in runs and "python -m devkit.windows_bundle" in runs
    assert runs.count("ita_setup.py\" install") == 2 and "ita_setup.py\" uninstall" in runs
    assert "check_windows_install.py installed" in runs and "check_windows_install.py removed" in runs
    assert (root / "check_windows_install.py").is_file()
    assert True in flow or "on" in flow                      # YAML 1.1 reads the key `on` as True
