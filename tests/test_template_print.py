"""The filled template and the annotated copy as LibreOffice prints them: every wrapped line painted.

The rows of typed text are as tall as core.thai_lines counts (the engine of the reports): the check looks
at the PDF itself (devkit.pdf_check), so it fails when a count is too low, whoever made it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from books import book
from openpyxl import load_workbook

from actions.samples import write_samples
from converters.office.engine import convert_to_pdf
from core.thai_lines import row_height
from devkit.pdf_check import clipped_words, off_page_words, overlapping_words
from workbook.definition import FIRST_ROW, load_definition
from workbook.styles import FONT_SIZE
from workbook.validation import validate_file
from workbook.validation.annotate import annotate

LONG = ("ประชุมชี้แจงแนวทางการเปิดเผยข้อมูลสาธารณะแก่ทุกกองและมอบหมายผู้รับผิดชอบรายข้อ ตรวจทานความครบถ้วนทุกเดือน"
        "แล้วนำขึ้นเว็บไซต์ขององค์การบริหารส่วนตำบลพร้อมรายงานผู้บริหารเป็นลายลักษณ์อักษร")

PRINTED = ("khuan_mao", "huai_sai_nuea")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """Two samples (with the width guess before this engine, both had lines cut off), and the annotated copy
    of a book with long texts and findings, as PDF."""
    out = tmp_path_factory.mktemp("print")
    books = [p for p in write_samples(out / "samples") if p.stem in PRINTED]

    def lengthen(sub):
        sub.measures[0].steps = LONG
        sub.measures[1].responsible = ""  # a finding: the responsible unit is missing

    src = book(out, name="in.xlsx", mutate=lengthen, cells={"scores!E12": "abc"})
    annotated = annotate(src, out / "annotated.xlsx", validate_file(src).findings)
    pdfs = convert_to_pdf([*books, annotated], out)
    return {p.stem: p for p in pdfs}


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", [*PRINTED, "annotated"])
def test_nothing_is_clipped_in_print(printed, name):
    assert not clipped_words(printed[name])
    assert not overlapping_words(printed[name])
    assert not off_page_words(printed[name])  # e.g. the guide sheet's title, once cut at the paper's edge


def test_rows_follow_the_engine(tmp_path):
    """A row of one line is one line of the font high; a long typed text gets the lines it wraps into."""
    src = book(tmp_path, mutate=lambda sub: setattr(sub.measures[0], "steps", LONG))
    ws = load_workbook(src)[load_definition().sheet("measures").name]
    assert ws.sheet_format.defaultRowHeight == pytest.approx(row_height(1, FONT_SIZE))
    assert ws.row_dimensions[FIRST_ROW].height >= row_height(4, FONT_SIZE)  # LONG in a 45-wide column
    assert (ws.row_dimensions[FIRST_ROW + 1].height or 0) < row_height(3, FONT_SIZE)
