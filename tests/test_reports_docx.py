"""Word output: the shipped templates (lint, reproducible from make_templates), the rendered documents, an
agency's own restyled template."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from converters.reports import LAYOUTS, make_reports
from converters.reports import make_templates as MT
from converters.reports.docx_writer import TEMPLATE_DIR
from workbook.samples import load_sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FONT = "TH SarabunPSK"


def _xml(path: Path, part: str = "word/document.xml"):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _text(path: Path) -> str:
    return "".join(t.text or "" for t in _xml(path).iter(f"{W}t"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    paths = make_reports(load_sample("khuan_mao"), out, list(LAYOUTS), ["docx"])
    return {p.stem.split("_", 1)[1]: p for p in paths}


@pytest.mark.parametrize("layout", list(MT.templates()))
def test_template_lint(layout):
    path = TEMPLATE_DIR / layout
    styles = _xml(path, "word/styles.xml")
    rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = rpr.find(f"{W}rFonts")
    assert {fonts.get(f"{W}{s}") for s in ("ascii", "hAnsi", "cs", "eastAsia")} == {FONT}
    assert rpr.find(f"{W}szCs").get(f"{W}val") == "32"
    assert rpr.find(f"{W}lang").get(f"{W}bidi") == "th-TH"
    # no theme fonts anywhere, and every rFonts names the Thai font in its complex-script slot
    for f in styles.iter(f"{W}rFonts"):
        assert not any("Theme" in k or "theme" in k for k in f.attrib), etree.tostring(f)
        assert f.get(f"{W}cs") == FONT
    # a bold style sets bCs next to b
    for st in styles.iter(f"{W}style"):
        r = st.find(f"{W}rPr")
        if r is not None and r.find(f"{W}b") is not None:
            assert r.find(f"{W}bCs") is not None, st.get(f"{W}styleId")
    doc = _xml(path)
    tables = list(doc.iter(f"{W}tbl"))
    assert tables
    for tbl in tables:
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        assert all(int(g.get(f"{W}w")) > 0 for g in tbl.iter(f"{W}gridCol"))
    assert doc.find(f".//{W}tblHeader") is not None
    assert doc.find(f".//{W}cantSplit") is not None
    # Jinja tags are whole (not split across runs): every {{ … }} / {% … %} opens and closes in one w:t
    for t in doc.iter(f"{W}t"):
        s = t.text or ""
        assert s.count("{{") == s.count("}}") and s.count("{%") == s.count("%}"), s


def test_templates_are_reproducible(tmp_path):
    """The shipped templates are what make_templates.py generates (regenerate after changing a layout)."""
    MT.main([str(tmp_path)])
    for file in MT.templates():
        for part in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
            with zipfile.ZipFile(TEMPLATE_DIR / file) as a, zipfile.ZipFile(tmp_path / file) as b:
                assert a.read(part) == b.read(part), f"{file}: {part} differs — run python -m " \
                                                     "converters.reports.make_templates"


def test_rendered_documents_have_no_tags_and_thai_text(rendered):
    for layout, path in rendered.items():
        text = _text(path)
        assert "{{" not in text and "{%" not in text, layout
        assert "ควนเมา" in text
        assert "๒๕๖๖" in text and "2566" not in text, layout
        styles = _xml(path, "word/styles.xml")
        assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts").get(f"{W}cs") == FONT


def test_rendered_memo_content(rendered):
    text = _text(rendered["memo"])
    for s in ("บันทึกข้อความ", "ส่วนราชการ", "ตง ๗๑๒๐๑/๕๓๖", "๒๗ เมษายน ๒๕๖๖", "จึงเรียนมาเพื่อโปรดทราบ",
              "(นายวรวุฒิ สุขสวัสดิ์)", "ความเห็นของนายกองค์การบริหารส่วนตำบลควนเมา"):
        assert s in text, s
    doc = _xml(rendered["memo"])
    sect = doc.find(f".//{W}sectPr/{W}pgSz")
    assert int(sect.get(f"{W}w")) < int(sect.get(f"{W}h"))  # portrait


def test_rendered_plan_has_chart_image_and_bookmarks(rendered):
    path = rendered["measures-plan"]
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert media and z.read(media[0])[:8] == b"\x89PNG\r\n\x1a\n"
    doc = _xml(path)
    names = {b.get(f"{W}name") for b in doc.iter(f"{W}bookmarkStart")}
    assert {"ita_background", "ita_results", "ita_measures"} <= names
    instr = " ".join(t.text for t in doc.iter(f"{W}instrText"))
    assert "PAGEREF ita_results" in instr
    orients = [s.find(f"{W}pgSz").get(f"{W}orient") for s in doc.iter(f"{W}sectPr")]
    assert "landscape" in orients


def test_tick_boxes_in_word(rendered):
    assert "ขับเคลื่อนตามข้อ O42" in _text(rendered["measures-form"])
    doc = _xml(rendered["measures-form"])
    ticks = [p for p in doc.iter(f"{W}p") if p.find(f"{W}pPr/{W}pBdr") is not None]
    assert ticks and len(ticks) % 3 == 0
    marked = [p for p in ticks if "√" in "".join(t.text or "" for t in p.iter(f"{W}t"))]
    assert len(marked) * 3 == len(ticks)


def test_arabic_digits_option(tmp_path):
    path = make_reports(load_sample("khuan_mao"), tmp_path, ["progress"], ["docx"], arabic_digits=True)[0]
    text = _text(path)
    assert not re.search("[๐-๙]", text)
    assert "2566" in text


def test_agency_restyled_template(tmp_path):
    """An agency copies a template, edits it in Word (here: a header's wording and the body font size) and
    points the command at its folder."""
    own = tmp_path / "แม่แบบ"
    own.mkdir()
    shutil.copy(TEMPLATE_DIR / "progress.docx", own / "progress.docx")
    with zipfile.ZipFile(own / "progress.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace("วิธีดำเนินการ".encode(), "วิธีการของเรา".encode())
    with zipfile.ZipFile(own / "progress.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    path = make_reports(load_sample("khuan_mao"), tmp_path / "out", ["progress", "memo"], ["docx"],
                        template_dir=own)
    assert "วิธีการของเรา" in _text(path[0])
    assert "บันทึกข้อความ" in _text(path[1])  # no memo.docx of its own: the built-in one


def test_broken_agency_template_is_a_thai_error(tmp_path):
    from core.errors import ItaError

    own = tmp_path / "t"
    own.mkdir()
    shutil.copy(TEMPLATE_DIR / "progress.docx", own / "progress.docx")
    with zipfile.ZipFile(own / "progress.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"for x in title", b"for x in")
    with zipfile.ZipFile(own / "progress.docx", "w") as z:
        for n, b in parts.items():
            z.writestr(n, b)
    with pytest.raises(ItaError, match="แม่แบบ Word"):
        make_reports(load_sample("khuan_mao"), tmp_path / "o", ["progress"], ["docx"], template_dir=own)


def test_garuda_in_the_memo(tmp_path):
    from converters.reports.chart import Canvas

    png = tmp_path / "garuda.png"
    c = Canvas(60, 64)
    c.rect(10, 10, 50, 54, (0xB0, 0x80, 0x20))
    png.write_bytes(c.png(150))
    path = make_reports(load_sample("khuan_mao"), tmp_path / "o", ["memo"], ["docx"], garuda=png)[0]
    with zipfile.ZipFile(path) as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")]
    assert "บันทึกข้อความ" in _text(path)
