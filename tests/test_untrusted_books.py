"""A workbook received from another office cannot steer the add-in: an ita.conf sheet in it, or an ita.conf
file beside it, naming an interpreter, a PYTHONPATH or a Word template folder changes nothing; the officer
is told once. Word templates render in Jinja's sandbox. Checked on both sides: the VBA text of the built
add-in (what Excel runs) and the Python side, pressing the buttons on xlwings' JSON book.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
import xlwings as xw

from actions import book_conf, settings
from converters.reports import make_reports
from converters.reports.docx_writer import TEMPLATE_DIR
from core.errors import ItaError
from devkit.vba import read_modules
from devkit.xlwings_book import actions, book_payload, mock_caller
from workbook.samples import load_sample
from xladdin import build, entry
from xladdin.host import ExcelHost

MARK = "แม่แบบจากสมุดงานที่ได้รับมา"      # text of the planted template: must never reach a report


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path) -> Path:
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    monkeypatch.setenv("ITA_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("ITA_SETTINGS", str(tmp_path / "user" / "settings.toml"))
    monkeypatch.setenv("ITA_OUTPUT_DIR", str(tmp_path / "out"))
    yield tmp_path
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", zf.read("word/document.xml").decode("utf-8")))


def template_with(folder: Path, layout: str, old: str, new: str) -> Path:
    """A copy of the built-in template of `layout` in `folder` with one piece of its XML replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(TEMPLATE_DIR / f"{layout}.docx") as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert old in xml
    parts["word/document.xml"] = xml.replace(old, new, 1).encode("utf-8")
    path = folder / f"{layout}.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
    return path


# ------------------------------------------------------------------------------------------ the VBA side
def test_the_addins_getconfig_has_no_workbook_layer(tmp_path):
    with zipfile.ZipFile(build.build_addin(tmp_path)) as zf:
        src = read_modules(zf.read("xl/vbaProject.bin"))["xlwings"]
    body = re.search(r"^Function GetConfig\(.*?^End Function", src, re.MULTILINE | re.DOTALL).group(0)
    assert "ActiveWorkbook" not in body and "GetDirectoryConfigFilePath" not in body
    assert "GetConfigFromSheet(ThisWorkbook)" in body and "GetConfigFilePath()" in body   # add-in, then user
    lines = [ln.split("'")[0].strip() for ln in body.splitlines()]
    opened = sum(1 for ln in lines if re.match(r"(#)?If\b.*\bThen$", ln))
    closed = sum(1 for ln in lines if re.match(r"(#)?End If$", ln))
    assert opened == closed                       # the cut left whole If blocks: the module still compiles
    with pytest.raises(ItaError):                 # an xlwings whose GetConfig changed shape stops the build
        build.stamp_xlwings_module(src.replace("'Workbook Sheet Config", "'Sheet"), version="0")


# ------------------------------------------------------------------------------------------ the Python side
def test_workbook_keys_that_steer_are_ignored_and_named():
    rows = [["INTERPRETER_WIN", r"C:\evil\python.exe"], ["pythonpath", r"\\evil\share"],
            ["REPORT_TEMPLATE_DIR", r"\\evil\templates"], ["REPORT_FORMATS", "docx"], ["", "x"], [None]]
    assert book_conf.ignored_keys(rows) == ["INTERPRETER_WIN", "PYTHONPATH", "REPORT_TEMPLATE_DIR"]
    s = settings.settings_from_rows(rows)
    assert (s.formats, s.template_dir) == (("docx",), "")
    assert book_conf.notice("ก.xlsx", [], None) is None


def test_a_received_book_with_its_own_settings_changes_nothing(env, monkeypatch):
    """The sheet names an interpreter, a PYTHONPATH and a template folder; a conf file lies beside the book.
    The report comes from the standard template, and the officer is told once."""
    received = env / "ได้รับจาก อบต.อื่น"
    planted = template_with(received / "แม่แบบ", "memo", "{{ heading }}", MARK)
    (received / "ita.conf").write_text(f'"INTERPRETER_WIN","{received}\\python.exe"\n', encoding="utf-8")
    settings_file = env / "user" / "settings.toml"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('layouts = ["memo"]\nformats = ["docx"]\n', encoding="utf-8")

    sample = env / "sample.xlsx"
    from actions.samples import write_samples

    shutil.copy(write_samples(env / "samples")[0], sample)
    payload = book_payload(sample, name="แบบฟอร์มที่ได้รับ.xlsx")
    payload["sheets"].append({"name": "ita.conf", "pictures": [], "tables": [], "values": [
        ["INTERPRETER_WIN", str(received / "python.exe")], ["PYTHONPATH", str(received)],
        ["REPORT_TEMPLATE_DIR", str(planted.parent)], ["REPORT_OUTPUT_DIR", str(env / "reports")]]})
    monkeypatch.setattr(ExcelHost, "book_folder", lambda self: received)

    def press() -> list[str]:
        book = mock_caller(payload)
        assert entry.ribbon("report") == 0
        del xw.Book._mock_caller
        return [a["args"][0] for a in actions(book) if a["func"] == "alert"]

    first = press()
    assert len(first) == 2
    notice, done = first
    assert "INTERPRETER_WIN, PYTHONPATH, REPORT_TEMPLATE_DIR" in notice and str(received / "ita.conf") in notice
    assert "สั่งให้เรียกโปรแกรมอื่นไม่ได้" in notice
    (memo,) = (env / "reports").glob("*.docx")                # REPORT_OUTPUT_DIR is the book's to choose
    assert MARK not in docx_text(memo) and "บันทึกข้อความ" in docx_text(memo)
    assert done.startswith("สร้างรายงานแล้ว 1 ไฟล์")
    again = press()                                            # told once: the second click just works
    assert len(again) == 1 and again[0].startswith("สร้างรายงานแล้ว")


def test_the_users_own_template_folder_is_used(env):
    """The same template folder named in the user's own settings file is the agency's choice: it is used."""
    own = env / "แม่แบบของเรา"
    template_with(own, "memo", "{{ heading }}", "{{ heading }}ของเรา")
    path = env / "user" / "settings.toml"
    path.parent.mkdir(parents=True)
    path.write_text(f"template_dir = '{own}'\n", encoding="utf-8")
    assert settings.load_settings().template_dir == str(own)
    (memo,) = make_reports(load_sample("khuan_mao"), env / "o", ["memo"], ["docx"], template_dir=own)
    assert "บันทึกข้อความของเรา" in docx_text(memo)


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{{ x }}{% endfor %}",
])
def test_word_templates_render_in_a_sandbox(env, payload):
    own = env / "t"
    template_with(own, "memo", "{{ heading }}", payload.replace("'", "&apos;"))
    with pytest.raises(ItaError, match="แม่แบบ Word"):
        make_reports(load_sample("khuan_mao"), env / "o", ["memo"], ["docx"], template_dir=own)
    assert not list((env / "o").glob("*.docx"))
