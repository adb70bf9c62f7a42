"""The catalogue as data: stable codes, known severities, complete templates, and docs/validation.md current."""

from __future__ import annotations

import json
import re
from pathlib import Path

from workbook.validation import FileReport
from workbook.validation.catalogue import SEVERITIES, entry, load_catalogue
from workbook.validation.docs import catalogue_markdown
from workbook.validation.render import render_json, render_text

DOC = Path(__file__).resolve().parents[1] / "docs" / "validation.md"


def test_codes_are_stable_slugs_with_known_severities():
    cat = load_catalogue()
    assert set(cat.severity_names) == set(SEVERITIES)
    for code, e in cat.entries.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", code) and e.severity in SEVERITIES
        assert e.title_th and e.message_th and e.message_en and e.fix_th


def test_a_thai_windows_console_can_print_every_message():
    """Redirected output on Thai Windows is cp874: no character of ours may be outside it."""
    cat = load_catalogue()
    for e in cat.entries.values():
        (e.title_th + e.message_th + e.message_en + e.fix_th).encode("cp874")
    "".join(cat.severity_names.values()).encode("cp874")
    f = entry("score-missing").make(sheet="คะแนน", cell="E6", file="a.xlsx", indicator=3)
    render_text([FileReport("a.xlsx", "errors", [f]), FileReport("b.xlsx", "ok", [])]).encode("cp874")


def test_messages_fill_every_placeholder():
    f = entry("score-missing").make(sheet="คะแนน", cell="E6", file="a.xlsx", row_id="3", indicator=3)
    assert f.message_th == "ยังไม่ได้กรอกคะแนนตัวชี้วัด 3 (เซลล์ E6)"
    assert f.as_dict() == {"code": "score-missing", "severity": "error", "message_th": f.message_th,
                           "message_en": "The score of indicator 3 is empty (E6)", "fix_th": f.fix_th,
                           "file": "a.xlsx", "sheet": "คะแนน", "cell": "E6", "row_id": "3",
                           "title_th": "ยังไม่ได้กรอกคะแนน"}


def test_long_cell_text_is_cut_and_numbers_are_clean():
    f = entry("progress-evidence-not-link").make(sheet="s", cell="G4", row_label="r", row_label_en="r",
                                                 value="ก" * 100)
    assert "…" in f.message_th and len(f.message_th) < 150
    g = entry("score-out-of-range").make(sheet="s", cell="E4", what="w", what_en="w", value=100.50000000000001)
    assert "100.50" in g.message_th


def test_the_doc_is_generated_from_the_catalogue():
    assert DOC.read_text(encoding="utf-8") == catalogue_markdown(), \
        "run: python -m workbook.validation.docs > docs/validation.md"
    for code in load_catalogue().entries:
        assert f"`{code}`" in catalogue_markdown()


def test_text_and_json_render_the_same_report():
    f = entry("score-missing").make(sheet="คะแนน", cell="E6", file="a.xlsx", row_id="3", indicator=3)
    reports = [FileReport("a.xlsx", "errors", [f]), FileReport("b.xlsx", "ok", [])]
    text = render_text(reports)
    assert "ไฟล์ a.xlsx: ข้อผิดพลาด 1, คำเตือน 0, ข้อสังเกต 0" in text and "[ข้อผิดพลาด] คะแนน!E6" in text
    assert "ไฟล์ b.xlsx: ไม่พบปัญหา" in text and "รวม 2 ไฟล์" in text
    data = json.loads(render_json(reports))
    assert data["files"][0]["findings"][0]["message_th"] == f.message_th
    assert data["summary"] == {"files": 2, "ok": 1, "errors": 1, "unreadable": 0}
