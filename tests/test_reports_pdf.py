"""PDF reports through the real LibreOffice, checked with pdffonts, pdftotext and pdfinfo (no mocks).

One module-scoped fixture makes every layout of a 30-measure agency as PDF in a single soffice call.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from converters.office.engine import PdfEngineNotFoundError
from converters.reports import LAYOUTS, make_reports
from core.thai_format import Fmt
from devkit.pdf_check import off_page_words
from devkit.sample_data import big_submission

A4 = (595, 842)  # points, rounded


pytestmark = pytest.mark.libreoffice  # every test here renders or recalculates in LibreOffice

def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=120).stdout


def _squash(text: str) -> str:
    """Text without any whitespace: a title that wraps onto several lines still matches."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def _columns(path: Path, page: int | None = None, *, across_pages: bool = False) -> list[str]:
    """The PDF's text column by column: words on a line split where the gap is wider than a space (the
    padding between two table cells), each piece filed under the x where it starts, pieces of the same x
    joined top to bottom. A title that wraps inside its cell comes out in one piece, where plain pdftotext
    interleaves the lines of the cells of a table row."""
    args = ["pdftotext", "-bbox"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    html = _run(*args)
    streams: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for n, body in enumerate(html.split("<page ")[1:]):
        words = [(float(x0), float(y0), float(x1), w.replace("&amp;", "&"))
                 for x0, y0, x1, w in re.findall(
                     r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', body)]
        lines: dict[int, list] = {}
        for w in words:
            lines.setdefault(round(w[1] / 3), []).append(w)
        for y, ws in lines.items():
            ws.sort()
            piece, start, end = [], ws[0][0], ws[0][0]
            for x0, _, x1, text in ws + [(1e9, 0, 0, "")]:
                if piece and x0 - end > 7:
                    streams.setdefault((0 if across_pages else n, round(start / 4)), []).append(
                        ((n, y), " ".join(piece)))
                    piece, start = [], x0
                piece.append(text)
                end = x1
    return [" ".join(t for _, t in sorted(v)) for v in streams.values()]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    paths = make_reports(big_submission(30), out, list(LAYOUTS), ["pdf"])
    assert [p.suffix for p in paths] == [".pdf"] * len(LAYOUTS)
    assert not list(out.glob("*.xlsx")) and not list(out.glob("*.docx"))  # sources stayed in a scratch folder
    return {p.stem.split("_", 1)[1]: p for p in paths}


@pytest.fixture(scope="module")
def titles() -> list[str]:
    """The measure titles as a report prints them (digits in Thai)."""
    return [Fmt().text(m.title) for m in big_submission(30).measures]


def _pages(path: Path) -> list[tuple[float, float]]:
    info = _run("pdfinfo", "-f", "1", "-l", "999", str(path))
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_only_th_sarabun_new_embedded(pdfs, layout):
    lines = _run("pdffonts", str(pdfs[layout])).splitlines()[2:]
    assert lines
    for line in lines:
        name = line.split()[0]
        # TH Sarabun New, and its digits font for the page numbers (Arabic code points, Thai digit shapes)
        assert re.fullmatch(r"[A-Z]{6}\+(THSarabunNew(-Bold|-Italic|-BoldItalic)?|ITAThaiDigits)", name), line
        assert line.split()[-5] == "yes", f"not embedded: {line}"
    assert any("ITAThaiDigits" in line for line in lines)  # the page numbers print in Thai digits


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_measure_title_is_in_the_text(pdfs, titles, layout):
    columns = [_squash(c) for c in _columns(pdfs[layout])]
    if LAYOUTS[layout].name == "measures-form":  # a row filling the rest of a page continues on the next one
        columns += [_squash(c) for c in _columns(pdfs[layout], across_pages=True)]
    missing = [t for t in titles if not any(_squash(t) in c for c in columns)]
    assert not missing, f"{layout}: {missing[:3]}"


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_no_text_runs_into_the_margin(pdfs, layout):
    assert not off_page_words(pdfs[layout])


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a4_and_orientation(pdfs, layout):
    pages = _pages(pdfs[layout])
    assert len(pages) > 1
    for w, h in pages:
        assert sorted((round(w), round(h))) == list(A4)
    portrait = [h > w for w, h in pages]
    assert portrait[0] == (LAYOUTS[layout].orientation == "portrait")
    if layout == "measures-plan":
        assert not portrait[-1]  # the document, then the measures table in landscape
    else:
        assert len(set(portrait)) == 1


@pytest.mark.parametrize("layout,header,page", [
    ("progress", "ผลการดำเนินงาน", 2), ("by-indicator", "ขั้นตอน/วิธีปฏิบัติ", 2),
    ("measures-form", "ตัวชี้วัดการ", 2),  # its first row starts on page 1 under the title, cut where the page ends
])
def test_page_two_repeats_the_header_and_the_group(pdfs, layout, header, page):
    page2 = _columns(pdfs[layout], page)
    assert any(_squash(header) in _squash(c) for c in page2)
    assert any("(ต่อ)" in c for c in page2)  # the group heading that continues, repeated on the new page


def test_long_plan_table_repeats_its_header(pdfs):
    pages = _pages(pdfs["measures-plan"])
    last = len(pages)
    text = _run("pdftotext", "-f", str(last), "-l", str(last), str(pdfs["measures-plan"]), "-")
    assert "วิธีการดำเนินงาน" in text


def test_thai_digits_and_dates_in_the_pdf(pdfs):
    text = _run("pdftotext", str(pdfs["memo"]), "-")
    assert "บันทึกข้อความ" in text and "๒๕๖๖" in text and "2566" not in text


def test_page_numbers(pdfs):
    text = _run("pdftotext", "-f", "2", "-l", "2", str(pdfs["progress"]), "-")
    assert re.search(r"หน้า\s*2", text)


def test_arabic_digits_pdf(tmp_path):
    path = make_reports(big_submission(5), tmp_path, ["progress"], ["pdf"], arabic_digits=True)[0]
    text = _run("pdftotext", str(path), "-")
    assert "2566" in text and not re.search("[๐-๙]", text)


def test_no_pdf_engine_is_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_SOFFICE", str(tmp_path / "no-soffice"))
    with pytest.raises(PdfEngineNotFoundError, match="ไม่พบโปรแกรมสร้าง PDF"):
        make_reports(big_submission(3), tmp_path, ["memo"], ["pdf"])
    assert not list(tmp_path.glob("*.pdf"))
