"""converters.office.engine against the real LibreOffice, pdffonts, pdftotext and fc-match (no mocks).

soffice costs about 1 s a call: the documents are built and converted once per module, and each test
that needs LibreOffice makes at most one call of its own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from converters.office import engine as pdf_engine
from converters.office.engine import (
    ConversionError,
    PdfEngineNotFoundError,
    convert,
    convert_to_pdf,
    find_soffice,
    fontconfig_file,
    fonts_dir,
)
from core.errors import ItaError, UnreadableFileError

THAI_FONT = "TH SarabunPSK"
# Tone marks, sara am, Thai digits, Latin and Arabic digits: everything a memo line carries.
DOCX_TEXT = "บันทึกข้อความ ส่วนราชการ องค์การบริหารส่วนตำบลหนองน้ำใส ที่ มท ๐๘๐๘.๒/๑๒๓ วันที่ ๒๗ เมษายน ๒๕๖๖"
DOCX_BOLD = "เรื่อง รายงานผลการประเมิน ITA ประจำปี 2567"
XLSX_TEXT = "ผลคะแนนการประเมินคุณธรรมและความโปร่งใส"



# ------------------------------------------------------------------------------------------ builders

def _thai_rpr(rpr, size_half_points: int | None = None) -> None:
    """Set TH SarabunPSK in all four rFonts slots (no theme fonts), sz/szCs and the Thai bidi language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), THAI_FONT)
    rpr.insert(0, fonts)
    if size_half_points:
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(size_half_points))
            rpr.append(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")
    rpr.append(lang)


def build_docx(path: Path) -> Path:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document()
    styles = doc.styles.element
    default_rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _thai_rpr(default_rpr, 32)
    for style in styles.findall(qn("w:style")):  # headings and co. name theme fonts: override them all
        rpr = style.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _thai_rpr(rpr)
    doc.add_paragraph(DOCX_TEXT)
    para = doc.add_paragraph()
    run = para.add_run(DOCX_BOLD)
    run.bold = True
    run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:bCs"), {}))
    doc.save(path)
    return path


def build_xlsx(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "คะแนน"
    ws["A1"] = 42
    ws["A2"] = "=A1*2"
    ws["A3"] = "=ROUND(84.995,2)"
    ws["B1"] = XLSX_TEXT
    ws["B2"] = "รวม"
    for row in ws.iter_rows():
        for cell in row:
            cell.font = Font(name=THAI_FONT, size=16, bold=cell.coordinate == "B2")
    ws.column_dimensions["B"].width = 60
    wb.save(path)
    return path


def pdf_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name without subset tag, emb) for each line of pdffonts."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        if not parts:
            continue
        # columns from the right: emb sub uni object-id generation
        name, emb = parts[0], parts[-5]
        rows.append((name.split("+", 1)[-1], emb))
    return rows


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, check=True).stdout
    return re.sub(r"\s+", " ", out.decode("utf-8"))


# ------------------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    src = tmp_path_factory.mktemp("src")
    return {"docx": build_docx(src / "บันทึก ข้อความ.docx"), "xlsx": build_xlsx(src / "report.xlsx")}


@pytest.fixture(scope="module")
def pdfs(sources, tmp_path_factory) -> dict[str, Path]:
    """Both documents converted to PDF in one soffice call."""
    out = tmp_path_factory.mktemp("pdf")
    started = time.perf_counter()
    result = convert_to_pdf([sources["docx"], sources["xlsx"]], out)
    elapsed = time.perf_counter() - started
    print(f"\nsoffice, 2 files to PDF: {elapsed:.2f} s")
    return {"docx": result[0], "xlsx": result[1], "out": out, "elapsed": elapsed}


# ------------------------------------------------------------------------------------------ fonts

def test_vendored_fonts_are_small_and_licensed():
    ttfs = sorted(fonts_dir().glob("*.ttf"))
    # TH Sarabun New, and the digits font derived from it for page numbers (devkit/digit_font.py)
    assert [p.name for p in ttfs] == ["ITAThaiDigits.ttf", "THSarabunNew-Bold.ttf", "THSarabunNew-BoldItalic.ttf",
                                      "THSarabunNew-Italic.ttf", "THSarabunNew-Regular.ttf"]
    sizes = [p.stat().st_size for p in ttfs]
    assert all(s < 2 * 1024 * 1024 for s in sizes)
    assert 0.8e6 < sum(sizes) < 1.5e6
    licence = " ".join((fonts_dir() / "LICENSE-THSarabunNew.txt").read_text(encoding="utf-8").split())
    assert "either version 2 of the License, or (at your option) any later version" in licence
    assert "As a special exception, if you create a document which uses this font" in licence
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "SIPA" in licence
    assert fontconfig_file().is_file() and fontconfig_file().parent == fonts_dir()


@pytest.mark.parametrize("family", ["TH SarabunPSK", "TH SarabunIT๙", "TH Sarabun PSK", "TH Sarabun New",
                                    "Sarabun", "TH SarabunPSK:bold", "TH SarabunIT๙:bold:italic"])
def test_fontconfig_maps_thai_office_fonts_to_vendored_sarabun(family, tmp_path):
    # run from an unrelated folder: <dir prefix="relative"> must resolve against fonts.conf itself
    out = subprocess.run(["fc-match", "--format", "%{family[0]}|%{file}", f"{family}:lang=th"],
                         capture_output=True, text=True, check=True, cwd=tmp_path,
                         env=pdf_engine.fontconfig_env()).stdout
    name, file = out.split("|")
    assert name == "TH Sarabun New"
    assert Path(file).parent == fonts_dir()


# ------------------------------------------------------------------------------------------ PDF

@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_pdf_embeds_only_th_sarabun_new(pdfs, kind):
    fonts = pdf_fonts(pdfs[kind])
    assert fonts, "no font in the PDF"
    for name, emb in fonts:
        assert name.startswith("THSarabunNew"), fonts
        assert emb == "yes", fonts
    # the bold run / bold cell use the bold face, not a synthetic one
    assert "THSarabunNew-Bold" in {n for n, _ in fonts}


@pytest.mark.libreoffice
def test_pdf_text_is_the_exact_thai(pdfs):
    docx_text = pdf_text(pdfs["docx"])
    assert DOCX_TEXT in docx_text
    assert DOCX_BOLD in docx_text
    xlsx_text = pdf_text(pdfs["xlsx"])
    assert XLSX_TEXT in xlsx_text
    assert re.search(r"\b42\b", xlsx_text) and re.search(r"\b84\b", xlsx_text)
    assert re.search(r"\b85\b", xlsx_text)


@pytest.mark.libreoffice
def test_outputs_named_after_inputs_and_written_atomically(pdfs, sources):
    out = pdfs["out"]
    assert pdfs["docx"] == out / "บันทึก ข้อความ.pdf"
    assert pdfs["xlsx"] == out / "report.pdf"
    assert sorted(p.name for p in out.iterdir()) == sorted(["บันทึก ข้อความ.pdf", "report.pdf"])
    for pdf in (pdfs["docx"], pdfs["xlsx"]):
        assert pdf.read_bytes().startswith(b"%PDF-")
    # sources untouched, no LibreOffice lock files left beside them
    assert sorted(p.name for p in sources["xlsx"].parent.iterdir()) == ["report.xlsx", "บันทึก ข้อความ.docx"]


# ------------------------------------------------------------------------------------------ recalculation

@pytest.mark.libreoffice
def test_xlsx_to_xlsx_recalculates_formulas(sources, tmp_path):
    from openpyxl import load_workbook

    before = load_workbook(sources["xlsx"], data_only=True)["คะแนน"]
    assert before["A2"].value is None  # openpyxl writes no cached values

    started = time.perf_counter()
    [out] = convert([sources["xlsx"]], tmp_path, "xlsx")
    print(f"\nsoffice, 1 file xlsx recalculation: {time.perf_counter() - started:.2f} s")
    assert out == tmp_path / "report.xlsx"
    ws = load_workbook(out, data_only=True)["คะแนน"]
    assert ws["A2"].value == 84
    assert ws["A3"].value == 85  # ROUND(84.995, 2): decimal rounding as in Excel, not 84.99
    assert ws["B1"].value == XLSX_TEXT
    formulas = load_workbook(out)["คะแนน"]
    assert formulas["A2"].value == "=A1*2"  # formulas kept
    assert formulas["B1"].font.name == THAI_FONT  # fonts kept as written (no substitution in the file)


@pytest.mark.libreoffice
def test_stale_cached_values_are_recalculated(sources, tmp_path):
    """A workbook whose cached results are out of date (edited outside Excel) is recalculated, although
    LibreOffice's own default for xlsx is to trust the cached values."""
    import zipfile

    from openpyxl import load_workbook

    first = tmp_path / "first"
    [calc] = convert([sources["xlsx"]], first, "xlsx")
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(calc) as zin, zipfile.ZipFile(stale, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                new = re.sub(rb'(<c r="A1"[^>]*><v>)42(</v>)', rb"\g<1>50\g<2>", data)
                assert new != data
                data = new
            zout.writestr(item, data)
    assert load_workbook(stale, data_only=True).active["A2"].value == 84  # stale on purpose

    [fresh] = convert([stale], tmp_path / "second", "xlsx")
    ws = load_workbook(fresh, data_only=True).active
    assert (ws["A1"].value, ws["A2"].value) == (50, 100)


# ------------------------------------------------------------------------------------------ concurrency

@pytest.mark.libreoffice
def test_two_conversions_in_parallel_both_succeed(sources, tmp_path):
    results: dict[str, object] = {}

    def work(key: str, fmt: str) -> None:
        try:
            results[key] = convert([sources["xlsx"], sources["docx"]] if fmt == "pdf" else [sources["xlsx"]],
                                   tmp_path / key, fmt)
        except BaseException as err:  # noqa: BLE001 - reported below
            results[key] = err

    threads = [threading.Thread(target=work, args=("one", "pdf")),
               threading.Thread(target=work, args=("two", "xlsx"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(isinstance(r, BaseException) for r in results.values()), results
    assert [p.name for p in results["one"]] == ["report.pdf", "บันทึก ข้อความ.pdf"]
    assert [p.name for p in results["two"]] == ["report.xlsx"]
    for p in [*results["one"], *results["two"]]:
        assert p.stat().st_size > 0


# ------------------------------------------------------------------------------------------ errors

@pytest.mark.libreoffice
def test_failed_file_fails_the_batch_and_leaves_out_dir_untouched(sources, tmp_path):
    import zipfile

    broken = tmp_path / "in" / "broken.xlsx"  # a zip, but not a workbook: LibreOffice cannot load it
    broken.parent.mkdir()
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.pdf").write_bytes(b"old")

    with pytest.raises(ConversionError) as info:
        convert_to_pdf([sources["xlsx"], broken], out)
    assert "broken.xlsx" in str(info.value)
    assert isinstance(info.value, ItaError) and "\n" not in info.value.message
    # all or nothing: the good file's PDF did not replace the old one, no temporary folder is left
    assert (out / "report.pdf").read_bytes() == b"old"
    assert [p.name for p in out.iterdir()] == ["report.pdf"]


def test_missing_and_broken_inputs_are_reported_before_starting_libreoffice(tmp_path):
    with pytest.raises(UnreadableFileError) as info:
        convert_to_pdf([tmp_path / "ไม่มี.xlsx"], tmp_path)
    assert "ไม่มี.xlsx" in str(info.value)

    ole = tmp_path / "locked.xlsx"  # what a password-protected workbook looks like
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(UnreadableFileError, match="รหัสผ่าน"):
        convert_to_pdf([ole], tmp_path)


def test_same_output_name_twice_is_refused(tmp_path, sources):
    other = tmp_path / "report.docx"
    shutil.copy(sources["docx"], other)
    with pytest.raises(ConversionError, match="ซ้ำ"):
        convert_to_pdf([sources["xlsx"], other], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_no_engine_gives_the_thai_message(monkeypatch, sources, tmp_path):
    # ITA_SOFFICE is the real override that find_soffice honours; point it at nothing.
    monkeypatch.setenv(pdf_engine.SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    assert find_soffice() is None
    with pytest.raises(PdfEngineNotFoundError) as info:
        convert_to_pdf([sources["xlsx"]], tmp_path)
    assert str(info.value) == ("ไม่พบโปรแกรมสร้าง PDF (LibreOffice) — "
                               "ติดตั้ง LibreOffice หรือใช้ Microsoft Office บน Windows")
    assert isinstance(info.value, ItaError)


@pytest.mark.libreoffice
def test_timeout_kills_libreoffice_and_raises(sources, tmp_path):
    started = time.perf_counter()
    with pytest.raises(ConversionError, match="วินาที"):
        convert_to_pdf([sources["xlsx"]], tmp_path / "out", timeout=0.2)
    assert time.perf_counter() - started < 30
    assert list((tmp_path / "out").iterdir()) == []


def test_empty_batch_does_nothing(tmp_path):
    assert convert_to_pdf([], tmp_path / "out") == []
    assert not (tmp_path / "out").exists()


def test_the_page_digits_font_draws_thai_digits():
    """ITA Thai Digits maps 0–9 to the glyphs of ๐–๙ (and keeps ๐–๙): page numbers print in Thai digits."""
    import uharfbuzz as hb

    from core.fonts import fonts_dir

    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(fonts_dir() / "ITAThaiDigits.ttf"))))

    def glyphs(text: str) -> list[int]:
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(font, buf, {})
        return [g.codepoint for g in buf.glyph_infos]

    assert glyphs("0123456789") == glyphs("๐๑๒๓๔๕๖๗๘๙") and 0 not in glyphs("0123456789")
