"""`ita report` end to end on a filled template file, as a real subprocess."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from core.frameworks import load_year
from workbook.builder import write_template
from workbook.samples import load_sample


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    sub = load_sample("ban_kham")
    path = tmp_path_factory.mktemp("in") / "บ้านขาม.xlsx"
    write_template(path, load_year(sub.agency.assessed_year), sub)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_default_folder_next_to_the_input(ita, filled):
    before = _digest(filled)
    res = ita("report", str(filled), "--layout", "progress", "--layout", "memo,by-indicator", "--format", "xlsx,docx")
    assert res.returncode == 0, res.stderr
    out = filled.parent / "รายงาน_บ้านขาม"
    names = sorted(p.name for p in out.iterdir())
    agency = "องค์การบริหารส่วนตำบลบ้านขาม"
    assert names == sorted(f"{agency}_{layout}.{ext}" for layout in ("progress", "memo", "by-indicator")
                           for ext in ("xlsx", "docx"))
    assert "สร้างรายงานแล้ว 6 ไฟล์" in res.stdout
    assert _digest(filled) == before  # the input is never modified
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_report_output_folder_and_arabic_digits(ita, filled, tmp_path):
    res = ita("report", str(filled), "--layout", "measures-plan", "--format", "docx", "-o", str(tmp_path / "o"),
              "--arabic-digits")
    assert res.returncode == 0, res.stderr
    (doc,) = (tmp_path / "o").glob("*.docx")
    from docx import Document

    text = "\n".join(p.text for p in Document(str(doc)).paragraphs)
    assert "2566" in text and "๒๕๖๖" not in text


@pytest.mark.parametrize("args,message", [
    (["--layout", "summary"], "ไม่รู้จักรูปแบบรายงาน summary"),
    (["--format", "odt"], "ไม่รู้จักชนิดไฟล์ odt"),
    (["--template", "/no/such/folder"], "ไม่พบโฟลเดอร์แม่แบบ"),
])
def test_report_errors_are_one_thai_line(ita, filled, tmp_path, args, message):
    res = ita("report", str(filled), "-o", str(tmp_path), *args)
    assert res.returncode == 2
    assert message in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_report_missing_file(ita, tmp_path):
    res = ita("report", str(tmp_path / "ไม่มี.xlsx"))
    assert res.returncode == 2 and "ไม่พบไฟล์" in res.stderr
