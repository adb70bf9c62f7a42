"""`ita doctor` and the checks behind the add-in's ตรวจสอบการติดตั้ง button."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from actions import doctor
from cli.main import main
from xladdin.build import build_addin
from xladdin.diagnose import check_addin


@pytest.fixture(autouse=True)
def quiet_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("ITA_SETTINGS", str(tmp_path / "settings.toml"))


@pytest.fixture(scope="module")
def addin(tmp_path_factory):
    return build_addin(tmp_path_factory.mktemp("addin"), interpreter=r"C:\Program Files\Python312\python.exe")


def by_topic(rows):
    return {r.topic: r for r in rows}


def test_checks_cover_what_the_issue_lists(addin):
    rows = by_topic(doctor.run_checks(extra=[lambda: check_addin(addin)]))
    for topic in ("Python", "ITA Toolkit", "xlwings", "Add-in ITA.xlam", "การเริ่ม Python ของ Add-in",
                  "Python ที่ Add-in ใช้", "อ่าน/เขียน Excel", "โปรแกรมสร้าง PDF", "ฟอนต์ TH Sarabun New (ในโปรแกรม)",
                  "โฟลเดอร์บันทึกข้อผิดพลาด", "เกณฑ์การประเมินรายปี", "ไฟล์ตั้งค่ารายงาน"):
        assert topic in rows, topic
    assert rows["การเริ่ม Python ของ Add-in"].status == "ok"
    assert rows["Python ที่ Add-in ใช้"].status == "warn"          # built for another interpreter
    assert rows["Python ที่ Add-in ใช้"].value == r"C:\Program Files\Python312\python.exe"
    assert rows["ฟอนต์ TH Sarabun New (ในโปรแกรม)"].status == "ok"
    assert "2565" in rows["เกณฑ์การประเมินรายปี"].value
    assert all(r.status in doctor.STATUS_TH for r in rows.values())


def test_cli_prints_a_thai_table_and_exits_0_when_nothing_must_be_fixed(capsys, addin):
    # `make test` installs everything the checks look for; the add-in built for another Python is a
    # warning ("ควรแก้"), not something that must be fixed
    code = main(["doctor", "--addin", str(addin)])
    out = capsys.readouterr().out
    assert re.search(r"\|\s+รายการ\s+\|\s+ผลการตรวจ\s+\|\s+สถานะ\s+\|", out)
    assert code == 0, out
    assert "ใช้งานได้ (มีข้อแนะนำ):" in out and "ต้องแก้ไขก่อนใช้งาน" not in out
    assert "- Python ที่ Add-in ใช้: ไม่ใช่ Python ตัวนี้" in out
    assert "Python" in out and str(addin) in out


def test_an_addin_that_does_not_launch_like_this_version_must_be_fixed(capsys):
    """An ITA.xlam of another kind (here xlwings' own template, which runs RunPython) must be reinstalled."""
    from xladdin.build import find_donor

    rows = by_topic(doctor.run_checks(extra=[lambda: check_addin(find_donor())]))
    launch = rows["การเริ่ม Python ของ Add-in"]
    assert launch.status == "fail" and "INSTALL.cmd" in launch.fix
    assert doctor.needs_fixing(rows.values())
    assert main(["doctor", "--addin", str(find_donor())]) == 1
    out = capsys.readouterr().out
    assert "ต้องแก้ไขก่อนใช้งาน:" in out and "- การเริ่ม Python ของ Add-in: ปุ่มอาจไม่ทำงาน" in out


def test_the_interpreter_comes_from_the_users_file_when_the_addin_has_none(tmp_path, monkeypatch):
    from xladdin.winsetup import user_conf_text

    bare = build_addin(tmp_path / "bare")
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "สมชาย"))
    (row,) = [r for r in check_addin(bare) if r.topic == "Python ที่ Add-in ใช้"]
    assert row.value == "ยังไม่ได้ตั้ง"
    conf = tmp_path / "สมชาย" / ".ita" / "ita.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text(user_conf_text({"INTERPRETER_WIN": sys.executable}), encoding="utf-8")
    (row,) = [r for r in check_addin(bare) if r.topic == "Python ที่ Add-in ใช้"]
    assert row.status == "ok" and str(conf) in row.value
    # the buttons start pythonw beside the python that runs `ita doctor`: the same Python
    windowless = str(Path(sys.executable).with_name(Path(sys.executable).stem + "w" + Path(sys.executable).suffix))
    conf.write_text(user_conf_text({"INTERPRETER_WIN": windowless}), encoding="utf-8")
    (row,) = [r for r in check_addin(bare) if r.topic == "Python ที่ Add-in ใช้"]
    assert row.status == "ok", row


def test_missing_packages_and_broken_pieces(monkeypatch, tmp_path):
    real = doctor.version_of
    monkeypatch.setattr(doctor, "version_of", lambda dist: None if dist in ("docxtpl", "openpyxl") else real(dist))
    (tmp_path / "settings.toml").write_text("formats = ['html']\n", encoding="utf-8")
    rows = by_topic(doctor.run_checks())
    assert rows["รายงาน Word"].status == "fail" and "INSTALL.cmd" in rows["รายงาน Word"].fix
    assert rows["อ่าน/เขียน Excel"].status == "fail"
    assert rows["ไฟล์ตั้งค่ารายงาน"].status == "fail" and "html" in rows["ไฟล์ตั้งค่ารายงาน"].fix


def test_a_damaged_addin_file_is_a_row_not_a_crash(tmp_path):
    bad = tmp_path / "ITA.xlam"
    bad.write_bytes(b"not a zip")
    (row,) = check_addin(bad)
    assert row.status == "fail" and "INSTALL.cmd" in row.fix


def test_a_crashing_check_becomes_a_fail_row(monkeypatch):
    monkeypatch.setattr(doctor, "check_fonts", lambda: 1 / 0)
    rows = doctor.run_checks()
    assert any(r.status == "fail" and "ZeroDivisionError" in r.value for r in rows)


def test_alert_text_lists_every_check_then_what_to_do():
    rows = [doctor.Check("Python", "3.11", "ok"), doctor.Check("ฟอนต์", "ไม่พบ", "warn", "ติดตั้งฟอนต์")]
    text = doctor.render_alert(rows)
    assert text.splitlines()[0] == "การติดตั้งใช้งานได้"
    assert "[ผ่าน] Python: 3.11" in text and "[ควรแก้] ฟอนต์: ไม่พบ" in text and "- ฟอนต์: ติดตั้งฟอนต์" in text


def test_unwritable_log_dir_must_be_fixed(monkeypatch, tmp_path):
    import core.crashlog

    monkeypatch.setattr(core.crashlog, "log_dir", lambda: tmp_path / "missing" / "deeper")
    row = doctor.check_log_dir()
    assert row.status == "fail" and "ITA_LOG_DIR" in row.fix
