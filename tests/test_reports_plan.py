"""Reports through the officer's year: the plan stage (after a rollover), refusal of books with errors and
drafts, the round and data date on every report, the memo's header and signatures, page numbers in Thai."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from books import book

from actions.report import ReportRefused, report_file
from actions.rollover import roll_over
from actions.samples import write_samples
from converters.reports import LAYOUTS, build_report_data
from converters.reports.facts import Options
from core.errors import InputError
from core.fonts import PAGE_DIGITS_FONT
from workbook.reader import read_workbook
from workbook.samples import SAMPLE_KEYS, load_sample
from workbook.validation import validate_file

NEW_SCORES = {n: v for n, v in enumerate((96.20, 91.45, 90.80, 92.10, 95.60, 93.75, 94.20, 90.65, 88.40, 87.90), 1)}
PLAN_LAYOUTS = ("measures-plan", "by-indicator", "memo")


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


@pytest.fixture(scope="module")
def rolled(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("next")
    last = {p.stem: p for p in write_samples(out / "last")}
    return {key: roll_over(last[key], out / f"{key}.xlsx", scores=NEW_SCORES, today=dt.date(2023, 11, 20)).path
            for key in SAMPLE_KEYS}


@pytest.mark.libreoffice
@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_a_rolled_sample_makes_the_plan_documents(rolled, key, tmp_path):
    """Done when: every sample rolled into the next year, new scores in, validates clean at the plan stage and
    gives measures-plan, by-indicator and memo in xlsx, docx and pdf."""
    src = rolled[key]
    assert [f.code for f in validate_file(src).findings if f.severity != "info"] == []
    run = report_file(src, tmp_path, PLAN_LAYOUTS, ("xlsx", "docx", "pdf"))
    assert run.years == "ปีงบประมาณ 2567 ใช้ผลการประเมิน ITA 2566" and not run.draft
    made = {(p.stem.split("_", 1)[1], p.suffix) for p in run.paths}
    assert made == {(name, ext) for name in PLAN_LAYOUTS for ext in (".xlsx", ".docx", ".pdf")}
    by_name = {(p.stem.split("_", 1)[1], p.suffix): p for p in run.paths}
    memo = "\n".join(_pdf_pages(by_name[("memo", ".pdf")]))
    assert "ขอความเห็นชอบมาตรการ" in memo and "สถานะการดำเนินการ" not in memo
    plan = "\n".join(_pdf_pages(by_name[("by-indicator", ".pdf")]))
    assert "ระยะจัดทำแผน" in plan and "ความก้าวหน้า/ผลการดำเนินการ" not in plan
    with zipfile.ZipFile(by_name[("by-indicator", ".docx")]) as z:
        assert "ความก้าวหน้า/ผลการดำเนินการ" not in z.read("word/document.xml").decode()


def test_at_the_plan_stage_the_progress_report_says_why_it_is_not_made(rolled, tmp_path):
    run = report_file(rolled["khuan_mao"], tmp_path, (), ("xlsx",))
    assert {p.stem.split("_", 1)[1] for p in run.paths} == set(LAYOUTS) - {"progress"}
    (note,) = run.notes
    assert note.startswith("ไม่ได้สร้าง progress:") and "ระยะจัดทำแผน" in note
    with pytest.raises(InputError, match="ระยะจัดทำแผน"):
        report_file(rolled["khuan_mao"], tmp_path, ("progress",), ("xlsx",))


def test_measures_form_at_the_plan_stage_has_empty_status_boxes(rolled):
    sub = read_workbook(rolled["yang_yong"]).submission
    data = build_report_data(sub, "measures-form")
    rows = data["main"].rows
    assert rows and all(r[k] == "" for r in rows for k in ("t_not", "t_doing", "t_done"))
    assert "เว้นว่างไว้สำหรับรายงานรอบ" in data["intro"]


def test_every_report_states_its_round_and_data_date_or_why_not():
    sub = load_sample("khuan_mao")  # the 6-month round, data of 31 March 2566
    for name in LAYOUTS:
        data = build_report_data(sub, name)
        if name == "memo":  # the memo's subject names the round, its body the date of the data
            assert "รอบ ๖ เดือน" in data["subject"] and "๓๑ มีนาคม ๒๕๖๖" in data["result"]
        else:
            assert data["round_line"] == "รอบ ๖ เดือน ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖", name
    for p in sub.progress:
        p.as_of = None
    line = build_report_data(sub, "by-indicator")["round_line"]
    assert line.startswith("รอบ ๖ เดือน") and "ระบุวันที่ของข้อมูลไม่ได้" in line
    memo = build_report_data(sub, "memo")
    assert "ไม่ได้ระบุวันที่ของข้อมูล" in memo["result"] and "วันที่  โดย" not in memo["result"]


def test_a_round_without_progress_is_refused_in_thai(tmp_path):
    path = book(tmp_path)  # the 12-month round only
    with pytest.raises(InputError, match="ไม่มีข้อมูลความก้าวหน้ารอบ 6 เดือน") as err:
        report_file(path, tmp_path / "r", (), ("xlsx",), round=6)
    assert "--round 12" in err.value.message


@pytest.mark.libreoffice
def test_a_book_with_errors_gets_no_report_but_a_stamped_draft(tmp_path, ita):
    src = book(tmp_path, name="bad.xlsx", cells={"scores!E12": "abc"})
    r = ita("report", str(src), "-o", str(tmp_path / "r"), "--format", "xlsx")
    assert r.returncode == 1 and "คะแนน!E12" in r.stderr and "--draft" in r.stderr
    assert not (tmp_path / "r").exists()
    with pytest.raises(ReportRefused):
        report_file(src, tmp_path / "r2")
    run = report_file(src, tmp_path / "d", ("progress", "memo"), ("xlsx", "docx", "pdf"), draft=True)
    assert run.draft
    for p in run.paths:
        if p.suffix == ".pdf":
            pages = _pdf_pages(p)
            assert pages and all("ฉบับร่าง" in page for page in pages), p.name
        elif p.suffix == ".xlsx":
            for ws in openpyxl.load_workbook(p).worksheets:
                if ws.sheet_state == "visible":
                    assert ws.oddHeader.center.text == "ฉบับร่าง", (p.name, ws.title)
        else:
            with zipfile.ZipFile(p) as z:
                headers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/header")]
            assert headers and any("ฉบับร่าง" in h for h in headers)


def test_the_memo_does_not_repeat_the_agency_and_keeps_its_signatures():
    sub = load_sample("yang_yong")
    assert build_report_data(sub, "memo")["department"] == \
        "สำนักปลัด องค์การบริหารส่วนตำบลยางหย่อง อำเภอท่ายาง จังหวัดเพชรบุรี"
    sub.agency.department = "สำนักปลัด อบต.ยางหย่อง"
    data = build_report_data(sub, "memo")
    assert data["department"] == "สำนักปลัด อบต.ยางหย่อง อำเภอท่ายาง จังหวัดเพชรบุรี"
    paras = [b for b in data["sheets"][0].blocks if hasattr(b, "keep_with_next")]
    closing = next(i for i, b in enumerate(paras) if b.text == data["closing"])
    assert paras[closing].keep_with_next and paras[closing + 1].keep_with_next  # never a signature alone


def test_page_numbers_are_thai_digits_unless_arabic_is_asked(tmp_path):
    from converters.reports import make_reports

    sub = load_sample("ban_kham")
    thai = make_reports(sub, tmp_path / "th", ["progress", "memo"], ["xlsx", "docx"])
    arabic = make_reports(sub, tmp_path / "ar", ["progress", "memo"], ["xlsx", "docx"], arabic_digits=True)
    for paths, want in ((thai, True), (arabic, False)):
        for p in paths:
            with zipfile.ZipFile(p) as z:
                xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
            assert (PAGE_DIGITS_FONT in xml) == want, p.name
            if p.suffix == ".docx":
                assert bool(re.search(r'<w:pgNumType [^>]*w:fmt="thaiNumbers"', xml)) == want, p.name


def test_the_focus_indicator_is_named_where_the_guidance_applies(tmp_path):
    sub = load_sample("khuan_mao")
    assert build_report_data(sub, "by-indicator")["focus_line"] == ""  # 2565/2566: no such guidance
    sub.agency.fiscal_year, sub.agency.assessed_year = 2570, 2569
    line = build_report_data(sub, "by-indicator", Options())["focus_line"]
    lowest = min(sub.scores.current, key=lambda n: (sub.scores.current[n], n))
    assert line.startswith("ตัวชี้วัดที่เป็นจุดเน้นของมาตรการ:") and "คะแนนต่ำสุด" in line and f"{lowest}" in \
        line.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    sub.focus = 2
    assert "หน่วยงานเลือก" in build_report_data(sub, "memo")["focus_line"]


@pytest.mark.libreoffice
def test_lines_never_break_inside_a_word_run_into_an_abbreviation(tmp_path):
    """ICU (and LibreOffice) read ของอบต. as ขอ | งอบต.: the workbooks end every line where core.thai_lines
    does, the Word documents mark the boundary; the PDFs of both never print ขอ / งอบต."""
    from converters.reports import make_reports

    sub = load_sample("yang_yong")
    sub.agency.name = "อบต.ยางหย่อง"
    for m in sub.measures:
        m.title = f"{m.title} ของอบต.ยางหย่อง และของอบต.ใกล้เคียงที่ร่วมโครงการ"
        m.steps = f"{m.steps} โดยปลัดอบต.และนายกอบต.ร่วมติดตาม"
    pdfs = [p for p in make_reports(sub, tmp_path, ["progress", "memo"], ["pdf"])]
    for p in pdfs:
        text = "\n".join(_pdf_pages(p))
        assert "อบต.ยางหย่อง" in text.replace("\n", "")
        for bad in ("ขอ\nง", "อบ\nต.", "อ\nบต.", "ปลั\nด"):
            assert bad not in text, (p.name, bad)
