"""The add-in's Python side, driven through xladdin.entry.ribbon(tag) against xlwings' own JSON book.

Each test builds the JSON payload an xlwings client sends from a real workbook the project wrote (the
five samples, or the clean fixture book), edits it as an officer would (unsaved values), sets it as the
mock caller and presses a button; it then checks what would be sent back to Excel: the ตรวจสอบ rows, the
cells coloured, the alert text, and the files written. XLWINGS_LICENSE_KEY=noncommercial is set here for
the tests only (xw.Book(json=...) is xlwings' PolyForm-licensed remote book); the product does not use it.
"""

from __future__ import annotations

import copy
import inspect
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from books import base_submission

from actions import settings
from actions import validate as validate_action
from core.errors import ItaError
from core.filenames import unique_path
from devkit.xlwings_book import actions, book_payload, mock_caller
from workbook.definition import FIRST_ROW, load_definition
from workbook.validation import validate_file
from workbook.validation.annotate import FILLS, findings_rows
from xladdin import entry, findings, live, ribbon
from xladdin.host import ExcelHost

D = load_definition()
AGENCY, SCORES, FINDINGS = D.sheet("agency").name, D.sheet("scores").name, D.sheet("findings").name


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> list[Path]:
    from actions.samples import write_samples

    return write_samples(tmp_path_factory.mktemp("samples"))


@pytest.fixture(scope="module")
def clean_book(tmp_path_factory) -> Path:
    from core.frameworks import load_year
    from workbook.builder import write_template

    return write_template(tmp_path_factory.mktemp("clean") / "clean.xlsx", load_year(2565), base_submission())


@pytest.fixture(autouse=True)
def env(addin_env: Path) -> Path:
    return addin_env


def payload_of(path: Path, **kwargs) -> dict:
    return book_payload(path, **kwargs)


def sheet_of(payload: dict, name: str) -> dict:
    return next(s for s in payload["sheets"] if s["name"] == name)


def set_cell(payload: dict, sheet: str, address: str, value: object) -> None:
    """Type a value into the payload, as an officer would before pressing the button (not saved)."""
    from workbook.book_map import parse_cell

    row, col = parse_cell(address)
    values = sheet_of(payload, sheet)["values"]
    width = max(len(values[0]), col)
    while len(values) < row:
        values.append([""] * width)
    for r in values:
        r.extend([""] * (width - len(r)))
    values[row - 1][col - 1] = value


def press(payload: dict, tag: str):
    book = mock_caller(payload)
    entry.ribbon(tag)
    return book, actions(book)


def alerts(acts: list[dict]) -> list[str]:
    return [a["args"][0] for a in acts if a["func"] == "alert"]


def position(payload: dict, sheet: str) -> int:
    return [s["name"] for s in payload["sheets"]].index(sheet)


def colours(acts: list[dict], payload: dict) -> dict[tuple[str, str], str]:
    """(sheet, A1 address) -> colour of every setRangeColor action, the last one winning."""
    from workbook.definition import column_letter

    names = [s["name"] for s in payload["sheets"]]
    out = {}
    for a in acts:
        if a["func"] == "setRangeColor":
            assert a["row_count"] == a["column_count"] == 1
            out[(names[a["sheet_position"]], f"{column_letter(a['start_column'] + 1)}{a['start_row'] + 1}")] = \
                a["args"][0]
    return out


def expected_summary(rows: list[list]) -> str:
    """The alert the issue asks for, from the severities of the rows written."""
    counts = [(name, sum(r[0] == name for r in rows)) for name in ("ข้อผิดพลาด", "คำเตือน", "ข้อสังเกต")]
    parts = " ".join(f"{name} {n} รายการ" for name, n in counts if n)
    head = f"พบ{parts}" if counts[0][1] else f"ไม่พบข้อผิดพลาด พบ{parts}"
    return f"{head} — ดูชีต {FINDINGS}" if rows else "ไม่พบปัญหา ข้อมูลพร้อมสร้างรายงาน"


def written_rows(acts: list[dict], payload: dict) -> list[list]:
    (write,) = [a for a in acts if a["func"] == "setValues" and a["sheet_position"] == position(payload, FINDINGS)]
    assert (write["start_row"], write["start_column"]) == (FIRST_ROW - 1, 0)
    assert write["row_count"] == len(write["values"]) and write["column_count"] == len(D.sheet("findings").columns)
    return write["values"]


# ---------------------------------------------------------------------------------------------- registry
def test_every_button_has_an_action_and_a_cli_twin():
    import pkgutil

    import actions
    from cli.main import COMMANDS

    buttons = ribbon.load_ribbon().buttons
    for b in buttons:
        fn = entry.action(b.tag)
        assert fn.__module__ == f"actions.{b.tag}" and list(inspect.signature(fn).parameters) == ["host"], b.tag
        command, *sub = b.command.split()
        assert command in COMMANDS, f"button {b.tag}: no `ita {b.command}` command"
        if sub:                                              # a subcommand twin: `ita addin selftest`
            assert _has_subcommand(command, sub[0]), b.command
    with_button = {m.name for m in pkgutil.iter_modules(actions.__path__)
                   if hasattr(__import__(f"actions.{m.name}", fromlist=["on_button"]), "on_button")}
    assert with_button == {b.tag for b in buttons}
    with pytest.raises(ItaError, match="INSTALL.cmd"):
        entry.action("no_such_button")


def _has_subcommand(command: str, sub: str) -> bool:
    """`ita <command> <sub> --help` exits 0 (an unknown subcommand exits 2)."""
    import contextlib
    import io

    from cli.main import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            pytest.raises(SystemExit) as done:
        main([command, sub, "--help"])
    return done.value.code == 0


def test_entry_imports_nothing_heavy():
    import subprocess

    code = "import sys, xladdin.entry; print(sorted(m for m in ('xlwings', 'openpyxl', 'pandas', 'numpy', " \
           "'docx', 'duckdb', 'oletools') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------------------------------------- live values
def test_live_read_equals_reading_the_saved_file(samples):
    from workbook.reader import read_workbook
    from workbook.validation import validate_result

    for path in samples:
        book = mock_caller(payload_of(path))
        live_result, file_result = live.read_book(book), read_workbook(path)
        assert live_result.submission.agency == file_result.submission.agency
        assert live_result.submission.measures == file_result.submission.measures
        assert live_result.submission.scores.current == file_result.submission.scores.current
        key = lambda f: (f.code, f.sheet, f.cell, f.message_th)
        assert [key(f) for f in validate_result(live_result)] == [key(f) for f in validate_result(file_result)]


def test_template_fills_match_the_template_styles():
    from workbook import styles

    assert findings.INPUT_FILL == "#" + styles.INPUT_FILL.fgColor.rgb[-6:]
    assert findings.COMPUTED_FILL == "#" + styles.COMPUTED_FILL.fgColor.rgb[-6:]


# ---------------------------------------------------------------------------------------------- ตรวจสอบข้อมูล
def test_validate_clean_book_says_no_problem(clean_book):
    payload = payload_of(clean_book)
    _, acts = press(payload, "validate")
    assert alerts(acts) == ["ไม่พบปัญหา ข้อมูลพร้อมสร้างรายงาน"]
    assert not [a for a in acts if a["func"] in ("setValues", "setRangeColor")]
    clear = [a for a in acts if a["func"] == "rangeClearContents"]
    assert clear and clear[0]["sheet_position"] == position(payload, FINDINGS)


@pytest.mark.parametrize("index", range(5))
def test_validate_sample_writes_the_same_rows_as_the_cli(samples, index):
    path = samples[index]
    payload = payload_of(path)
    _, acts = press(payload, "validate")
    expected = [list(r) for r in findings_rows(validate_file(path).findings)]
    if expected:
        assert written_rows(acts, payload) == expected
    assert alerts(acts) == [expected_summary(expected)]
    assert set(colours(acts, payload).values()) <= {"#" + FILLS["warning"], "#" + FILLS["info"]}


def test_validate_reads_unsaved_edits_and_colours_the_cells(samples):
    path = samples[0]
    payload = payload_of(path)
    name_cell = D.sheet("agency").fields[0]
    area = {n["name"]: n["address"] for n in payload["names"]}[name_cell.name]
    set_cell(payload, AGENCY, area, "")                     # the officer cleared the agency name
    set_cell(payload, SCORES, f"E{FIRST_ROW + 2}", "เก้าสิบ")  # and typed words into a score
    _, acts = press(payload, "validate")
    rows = written_rows(acts, payload)
    codes = {(r[1], r[2], r[3]) for r in rows}
    assert ("agency-required", AGENCY, area) in codes
    assert any(c[0] == "score-not-number" and c[1:] == (SCORES, f"E{FIRST_ROW + 2}") for c in codes), codes
    coloured = colours(acts, payload)
    assert coloured[(AGENCY, area)] == coloured[(SCORES, f"E{FIRST_ROW + 2}")] == "#" + FILLS["error"]
    assert alerts(acts) == [expected_summary(rows)]
    assert alerts(acts)[0].startswith("พบข้อผิดพลาด 2 รายการ")
    (alert,) = [a for a in acts if a["func"] == "alert"]
    assert alert["args"][1:4] == ["ITA Toolkit", "ok", "critical"]
    assert acts[-1]["func"] == "alert"


def test_validate_again_restores_cells_fixed_since(samples):
    path = samples[0]
    payload = payload_of(path)
    area = {n["name"]: n["address"] for n in payload["names"]}["AgencyName"]
    set_cell(payload, AGENCY, area, "")
    _, first = press(payload, "validate")
    rows = written_rows(first, payload)
    # the book now holds those rows; the officer fixes the name and presses the button again
    fixed = copy.deepcopy(payload)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            set_cell(fixed, FINDINGS, f"{'ABCDEF'[j]}{FIRST_ROW + i}", value)
    set_cell(fixed, AGENCY, area, "องค์การบริหารส่วนตำบลทดสอบ")
    del xw.Book._mock_caller
    _, again = press(fixed, "validate")
    assert colours(again, fixed)[(AGENCY, area)] == findings.INPUT_FILL
    clear = next(a for a in again if a["func"] == "rangeClearContents")
    assert clear["start_row"] == FIRST_ROW - 1 and clear["row_count"] >= len(rows)
    assert ("agency-required", AGENCY, area) not in {(r[1], r[2], r[3]) for r in written_rows(again, fixed)}


def test_validate_without_findings_sheet_lists_them_in_the_alert(samples):
    payload = payload_of(samples[0])
    old = [s["name"] for s in payload["sheets"]]
    payload["sheets"] = [s for s in payload["sheets"] if s["name"] != FINDINGS]
    new = [s["name"] for s in payload["sheets"]]
    payload["names"] = [dict(n, sheet_index=new.index(old[n["sheet_index"]])) for n in payload["names"]
                        if old[n["sheet_index"]] != FINDINGS]
    _, acts = press(payload, "validate")
    (message,) = alerts(acts)
    assert "ไม่มีชีตผลการตรวจสอบ" in message and "\n- " in message
    assert not [a for a in acts if a["func"] == "setValues"]


def test_validate_a_book_that_is_not_a_template(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "งบประมาณ"
    wb.save(tmp_path / "อื่น ๆ (1).xlsx")
    _, acts = press(payload_of(tmp_path / "อื่น ๆ (1).xlsx"), "validate")
    (message,) = alerts(acts)
    assert "ไม่ใช่แบบฟอร์ม ITA Toolkit" in message and "แบบฟอร์มใหม่" in message
    assert [a["func"] for a in acts] == ["alert"]


# ---------------------------------------------------------------------------------------------- failures
def test_ita_error_becomes_one_thai_alert(samples, monkeypatch):
    def refuse(host):
        raise ItaError("ข้อมูลไม่ครบ — กรอกให้ครบแล้วลองใหม่", where="ชีต คะแนน")

    monkeypatch.setattr(validate_action, "on_button", refuse)
    _, acts = press(payload_of(samples[0]), "validate")
    assert [a["func"] for a in acts] == ["alert"]
    assert acts[0]["args"][:4] == ["ชีต คะแนน: ข้อมูลไม่ครบ — กรอกให้ครบแล้วลองใหม่", "ITA Toolkit", "ok", "critical"]


def test_unexpected_error_alert_names_the_log_file(samples, monkeypatch, env):
    def crash(host):
        return 1 / 0

    monkeypatch.setattr(validate_action, "on_button", crash)
    _, acts = press(payload_of(samples[0]), "validate")
    (message,) = alerts(acts)
    assert "ZeroDivisionError" in message
    logs = list((env / "logs").glob("ita-*.log"))
    assert len(logs) == 1 and str(logs[0]) in message
    text = logs[0].read_text(encoding="utf-8")
    assert "add-in button validate" in text and "ZeroDivisionError" in text


def test_without_excel_the_message_goes_to_stderr(capsys):
    """No book and no Windows to show a box: the message goes to stderr and the exit code tells the add-in's
    VBA that nothing was shown (it then shows its own Thai box)."""
    from xladdin.launcher import EXIT_UNTOLD

    assert not hasattr(xw.Book, "_mock_caller")
    assert entry.ribbon("validate") == EXIT_UNTOLD
    assert "ITA Toolkit: เกิดข้อผิดพลาดที่ไม่คาดคิด" in capsys.readouterr().err


def test_main_reads_the_click_from_the_environment(samples, monkeypatch):
    from xladdin.launcher import ENV

    monkeypatch.setenv(ENV["tag"], "validate")
    book = mock_caller(payload_of(samples[0]))
    assert entry.main() == 0
    assert [a["func"] for a in actions(book)][-1] == "alert"


# ---------------------------------------------------------------------------------------------- settings
def test_settings_file_then_workbook_sheet(tmp_path, monkeypatch):
    path = tmp_path / "settings.toml"
    assert settings.load_settings() == settings.ReportSettings()
    assert settings.ensure_settings_file() == path
    assert settings.settings_from_toml(path.read_text(encoding="utf-8")).formats == settings.ReportSettings().formats
    path.write_text('formats = ["PDF", "docx", "pdf"]\narabic_digits = true\n', encoding="utf-8")
    s = settings.load_settings()
    assert (s.formats, s.arabic_digits, s.source) == (("pdf", "docx"), True, str(path))
    rows = [["INTERPRETER_WIN", r"C:\Python\python.exe"], ["REPORT_FORMATS", "xlsx"], ["REPORT_ARABIC_DIGITS", "ไม่"]]
    s = settings.settings_from_rows(rows, base=s)
    assert (s.formats, s.arabic_digits) == (("xlsx",), False)
    with pytest.raises(ItaError, match=r"formats = 'html'.*ใช้ได้: xlsx, docx, pdf"):
        settings.settings_from_rows([["REPORT_FORMATS", "html"]])
    path.write_text("formats = [", encoding="utf-8")
    with pytest.raises(ItaError, match="เขียนผิดรูปแบบ"):
        settings.load_settings()
    path.write_text("colour = 'red'\n", encoding="utf-8")
    with pytest.raises(ItaError, match="ไม่รู้จักค่า 'colour'"):
        settings.load_settings()


def test_settings_sheet_in_the_workbook_is_read_live(samples):
    payload = payload_of(samples[0])
    payload["sheets"].append({"name": settings.SHEET, "values": [["REPORT_FORMATS", "docx; pdf"],
                                                                 ["REPORT_LAYOUTS", "memo"]],
                              "pictures": [], "tables": []})
    book = mock_caller(payload)
    s = settings.settings_for(ExcelHost(book))
    assert (s.formats, s.layouts) == (("docx", "pdf"), ("memo",))
    assert s.source == f"{book.name} ชีต {settings.SHEET}"


# ---------------------------------------------------------------------------------------------- other buttons
def test_template_next_to_nothing_goes_to_the_output_folder(samples, monkeypatch, env):
    monkeypatch.setattr(ExcelHost, "ask_year", lambda self, prompt, default: 2566)
    payload = payload_of(samples[0])
    _, acts = press(payload, "template")
    first = env / "out" / "แบบฟอร์ม_ITA_ปีงบประมาณ_2567.xlsx"
    assert alerts(acts) == [(f"สร้างแบบฟอร์มแล้ว (ปีงบประมาณ 2567 ใช้ผลการประเมิน ITA 2566): {first}\n"
                            "เปิดไฟล์นี้ใน Excel เพื่อกรอกข้อมูล")]
    with zipfile.ZipFile(first) as zf:
        assert "xl/workbook.xml" in zf.namelist()
    del xw.Book._mock_caller
    _, acts = press(payload, "template")              # never overwrites the first one
    assert f"{env / 'out' / 'แบบฟอร์ม_ITA_ปีงบประมาณ_2567 (2).xlsx'}" in alerts(acts)[0]
    monkeypatch.setattr(ExcelHost, "ask_year", lambda self, prompt, default: None)
    del xw.Book._mock_caller
    _, acts = press(payload, "template")              # Cancel: nothing happens
    assert acts == []


def test_rollover_writes_next_year_from_the_live_values(samples, env):
    """ปีถัดไป, the twin of `ita rollover`: the unsaved values of the open book roll into the next cycle."""
    from workbook.reader import read_workbook

    payload = payload_of(samples[0])
    set_cell(payload, SCORES, f"E{FIRST_ROW}", 77.77)  # typed, not saved
    _, acts = press(payload, "rollover")
    (made,) = (env / "out").glob("*_ปีงบประมาณ_2567.xlsx")
    (message,) = alerts(acts)
    assert message.startswith(f"สร้างแบบฟอร์มปีถัดไปแล้ว (ปีงบประมาณ 2567 ใช้ผลการประเมิน ITA 2566): {made}")
    new = read_workbook(made).submission
    assert new.scores.previous[1] == 77.77 and new.agency.report_round == 0 and new.progress == []
    del xw.Book._mock_caller
    press(payload, "rollover")  # never over the first one
    assert len(list((env / "out").glob("*_ปีงบประมาณ_2567*.xlsx"))) == 2


def test_merge_writes_the_overview_beside_the_chosen_folder(samples, monkeypatch, tmp_path):
    import shutil

    folder = tmp_path / "ส่งมา ปี 66"
    folder.mkdir()
    for p in samples:
        shutil.copy(p, folder)
    monkeypatch.setattr(ExcelHost, "ask_folder", lambda self, title, initial=None: folder)
    _, acts = press(payload_of(samples[0]), "merge")
    overview = tmp_path / "ภาพรวม_ITA_ส่งมา ปี 66.xlsx"
    assert overview.is_file()
    (message,) = alerts(acts)
    assert message.startswith(f"รวม {len(samples)} ไฟล์: ") and str(overview) in message
    monkeypatch.setattr(ExcelHost, "ask_folder", lambda self, title, initial=None: None)
    del xw.Book._mock_caller
    assert press(payload_of(samples[0]), "merge")[1] == []


def test_merge_button_uses_the_roster_beside_the_folder(samples, monkeypatch, tmp_path):
    import shutil

    from actions.roster import write_roster

    folder = tmp_path / "ส่งมา"
    folder.mkdir()
    shutil.copy(samples[0], folder)
    path = tmp_path / "รายชื่อหน่วยงาน.xlsx"
    write_roster(path)
    ws_book = openpyxl.load_workbook(path)
    ws = ws_book["รายชื่อหน่วยงาน"]
    for r, row in enumerate([("องค์การบริหารส่วนตำบลไม่ได้ส่ง", "องค์การบริหารส่วนตำบล", "น้ำพอง", "ขอนแก่น")], 2):
        for c, v in enumerate(row, 1):
            ws.cell(r, c, v)
    ws_book.save(path)
    monkeypatch.setattr(ExcelHost, "ask_folder", lambda self, title, initial=None: folder)
    _, acts = press(payload_of(samples[0]), "merge")
    (message,) = alerts(acts)
    assert "รายชื่อ 1 หน่วยงาน: ยังไม่ส่ง 1" in message


def test_merge_without_excel_dialog_explains_the_command(samples):
    _, acts = press(payload_of(samples[0]), "merge")
    (message,) = alerts(acts)
    assert "ita merge" in message


def test_doctor_button_alerts_and_writes_the_report(samples, env):
    _, acts = press(payload_of(samples[0]), "doctor")
    (message,) = alerts(acts)
    # everything the checks look for is installed by `make test`: nothing must be fixed, no red alert
    assert message.splitlines()[0] == "การติดตั้งใช้งานได้", message
    (alert,) = [a for a in acts if a["func"] == "alert"]
    assert alert["args"][3] == "info"
    assert "Add-in ITA.xlam" in message                      # the add-in's own rows come through the host
    assert "Python" in message and "xlwings" in message
    (report,) = (env / "logs").glob("ita-doctor-*.txt")
    assert str(report) in message and "รายการ" in report.read_text(encoding="utf-8")


def test_guide_button_shows_the_guide(samples, monkeypatch, tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("# คู่มือ\n\n- ข้อหนึ่ง `ita doctor`\n\n| ก | ข |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    monkeypatch.setenv("ITA_GUIDE", str(guide))
    _, acts = press(payload_of(samples[0]), "guide")
    (message,) = alerts(acts)
    page = Path(message.removeprefix("คู่มืออยู่ที่ "))
    html = page.read_text(encoding="utf-8")
    assert page.suffix == ".html" and "<h1>คู่มือ</h1>" in html and "<code>ita doctor</code>" in html
    assert "<th>ก</th>" in html and "<td>1</td>" in html


def test_guide_default_is_the_officers_guide_in_the_package():
    from actions import guide

    found = Path(guide.find_guide())
    assert found.parent == guide.MANUAL and found.name in guide.CANDIDATES
    assert "ปุ่มในแท็บ ITA" in guide.markdown_html(found.read_text(encoding="utf-8"))


def test_output_folder_rules(samples, tmp_path, monkeypatch):
    host = ExcelHost(mock_caller(payload_of(samples[0])))
    assert host.book_folder() is None                        # the JSON book has a name, no folder
    assert host.output_folder() == tmp_path / "out"
    assert host.output_folder(str(tmp_path / "ที่ตั้งเอง")) == tmp_path / "ที่ตั้งเอง"
    p = tmp_path / "a.xlsx"
    assert unique_path(p) == p
    p.write_bytes(b"x")
    assert unique_path(p) == tmp_path / "a (2).xlsx"
    assert re.fullmatch(r".*ITA Toolkit", str(host.fallback_folder())) is None  # ITA_OUTPUT_DIR wins


# ---------------------------------------------------------------------------------------------- สร้างรายงาน
def test_report_refuses_a_book_with_errors(samples, env):
    payload = payload_of(samples[0])
    set_cell(payload, SCORES, f"E{FIRST_ROW}", "ไม่ทราบ")
    _, acts = press(payload, "report")
    (message,) = alerts(acts)
    assert message.startswith("ยังสร้างรายงานไม่ได้: พบข้อผิดพลาด 1 รายการ") and "ตรวจสอบข้อมูล" in message
    assert not (env / "out").exists() or not any((env / "out").iterdir())


def test_report_writes_the_chosen_reports_for_the_live_values(samples, env):
    from converters.reports import FORMATS, LAYOUTS

    assert settings.LAYOUTS == tuple(LAYOUTS) and settings.FORMATS == FORMATS
    (env / "settings.toml").write_text('layouts = ["progress", "memo"]\nformats = ["xlsx", "docx"]\n',
                                       encoding="utf-8")
    payload = payload_of(samples[0], name="แบบฟอร์ม ITA (1).xlsx")
    area = {n["name"]: n["address"] for n in payload["names"]}["AgencyName"]
    set_cell(payload, AGENCY, area, "องค์การบริหารส่วนตำบลทดลองสด")      # typed, not saved
    _, acts = press(payload, "report")
    (message,) = alerts(acts)
    folder = env / "out" / "รายงาน_แบบฟอร์ม ITA (1)"
    made = sorted(p.name for p in folder.iterdir())
    assert made == sorted(f"องค์การบริหารส่วนตำบลทดลองสด_{layout}.{ext}" for layout in ("progress", "memo")
                          for ext in ("xlsx", "docx"))
    assert message.splitlines()[0] == f"สร้างรายงานแล้ว 4 ไฟล์ ในโฟลเดอร์ {folder}"
    assert all(f"- {name}" in message for name in made)
    assert str(env / "settings.toml") in message


def test_report_settings_errors_name_the_place(samples, env):
    (env / "settings.toml").write_text('layouts = ["summary"]\n', encoding="utf-8")
    _, acts = press(payload_of(samples[0]), "report")
    (message,) = alerts(acts)
    assert message.startswith(f"{env / 'settings.toml'}: ค่า layouts = 'summary' ไม่ถูกต้อง (ใช้ได้: progress")


def test_validate_writes_text_that_could_be_a_formula_as_text(samples):
    """A sheet the officer renamed to start with '=' is named in the findings; written through Excel, such
    a text would become a formula, so it carries Excel's quote prefix."""
    payload = payload_of(samples[0])
    renamed = "=ข้อมูลหน่วยงาน"
    sheet_of(payload, AGENCY)["name"] = renamed
    area = {n["name"]: n["address"] for n in payload["names"]}["AgencyName"]
    set_cell(payload, renamed, area, "")                       # a finding on the renamed sheet
    _, acts = press(payload, "validate")
    rows = written_rows(acts, payload)
    assert ["'" + renamed, area] in [r[2:4] for r in rows]
    assert not [v for r in rows for v in r if isinstance(v, str) and v[:1] in "=+-@"]
