"""The self-test (ทดสอบระบบ and `ita addin selftest`): every other button pressed on a sample book, each step
timed and reported, a failing button recorded without stopping the rest. In Excel the sample is opened in
Excel; here the add-in's side runs on xlwings' JSON book, whose host reads the sample's file instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions import selftest
from actions import validate as validate_action
from actions.filehost import FileHost
from devkit.xlwings_book import actions, book_payload, mock_caller
from xladdin import entry
from xladdin.ribbon import load_ribbon

BUTTONS = [(b.tag, b.label) for b in load_ribbon().buttons]


@pytest.fixture(autouse=True)
def env(addin_env: Path) -> Path:
    return addin_env


def step_lines(report: str) -> list[str]:
    body = report.split("== ขั้นตอน / Steps ==")[1].split("== สรุป / Summary ==")[0]
    return [ln for ln in body.splitlines() if ln.strip()]


@pytest.mark.libreoffice                # the report button makes PDFs
def test_the_command_presses_every_other_button_and_writes_one_report(ita, env):
    res = ita("addin", "selftest", "-o", str(env / "ผลทดสอบ"))
    assert res.returncode == 0, res.stdout + res.stderr
    (report,) = (env / "ผลทดสอบ").glob("selftest-*/ita-selftest.txt")
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")              # Notepad reads it as UTF-8
    text = report.read_text(encoding="utf-8-sig")
    lines = step_lines(text)
    pressed = [label for tag, label in BUTTONS if tag != "selftest"]
    assert len(lines) == 2 + len(pressed) and all(ln.startswith("[ผ่าน / PASS]") for ln in lines), lines
    for label in pressed:
        assert any(f"] {label} — " in ln for ln in lines), label
    assert all(ln.split(" — ")[1].endswith(" s") for ln in lines)      # each step timed
    assert f"ผ่าน {len(lines)} จาก {len(lines)} ขั้นตอน" in text and "Python:" in text and "ITA Toolkit:" in text
    work = report.parent
    assert (work / "samples").is_dir() and list(work.glob("ภาพรวม_ITA_samples.xlsx"))   # the merge ran
    assert list(work.glob("รายงาน_*/*.docx")) and list(work.glob("แบบฟอร์ม_ITA_*.xlsx"))


@pytest.mark.libreoffice                # the report button makes PDFs
def test_the_button_in_excel_reports_and_shows_the_file(env):
    samples = __import__("actions.samples", fromlist=["x"]).write_samples(env / "s")
    book = mock_caller(book_payload(samples[0]))
    assert entry.ribbon("selftest") == 0
    (alert,) = [a for a in actions(book) if a["func"] == "alert"]
    message = alert["args"][0]
    (report,) = (env / "out").glob("selftest-*/ita-selftest.txt")
    assert message.startswith("ทดสอบระบบ: ผ่าน ") and str(report) in message and "ทุกปุ่มทำงานได้" in message
    assert alert["args"][3] == "info"
    assert "Excel: - (xlwings JSON book)" in report.read_text(encoding="utf-8-sig")


@pytest.mark.libreoffice                # the report button makes PDFs
def test_a_failing_button_is_recorded_and_the_rest_still_run(env, monkeypatch):
    def broken(host):
        raise RuntimeError("พัง")

    monkeypatch.setattr(validate_action, "on_button", broken)
    host = FileHost(env, fallback=env, buttons=BUTTONS)
    facts, steps = selftest.run_selftest(host, [t for t, _ in BUTTONS], env / "work")
    by_tag = {s.tag: s for s in steps}
    assert not by_tag["validate"].ok and "RuntimeError" in by_tag["validate"].said
    assert all(s.ok for s in steps if s.tag != "validate") and "report" in by_tag and "guide" in by_tag
    text = selftest.render(facts, steps, dict(BUTTONS))
    assert "[ไม่ผ่าน / FAIL] ตรวจสอบข้อมูล" in text and "ส่งไฟล์นี้ให้ผู้ดูแลระบบ" in text


def test_a_button_that_reports_an_error_fails_its_step(env, monkeypatch):
    def refuse(host):
        host.alert("ยังสร้างรายงานไม่ได้", critical=True)

    monkeypatch.setattr(validate_action, "on_button", refuse)
    step = selftest.press("validate", FileHost(env, fallback=env), env)
    assert (step.ok, step.said) == (False, "ยังสร้างรายงานไม่ได้")


def test_every_host_implements_the_whole_protocol():
    """A new Host method (a new kind of question a button asks) must be answered by every front end,
    the self-test's file host included — otherwise the self-test fails on that button."""
    from actions.host import Host
    from xladdin.host import ExcelHost

    wanted = {n for n in vars(Host) if not n.startswith("_")}
    for host in (ExcelHost, FileHost):
        assert wanted <= set(dir(host)), (host.__name__, sorted(wanted - set(dir(host))))
