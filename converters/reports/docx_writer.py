"""Word reports: a docxtpl template (built-in or the agency's) filled with the report data.

Templates render in Jinja's sandbox: a template is code (an agency's own folder, or one a workbook
might name), and the sandbox refuses attribute tricks that reach Python internals.
"""

from __future__ import annotations

import io
from pathlib import Path

from core.atomic import write_atomic
from core.cell_text import clean_xml
from core.errors import ItaError
from core.thai_format import Fmt

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def template_path(layout: str, template_dir: Path | None = None, variant: str | None = None) -> Path:
    """The agency's template for `layout` (or its `variant`, e.g. "plan") when its folder has one, else the
    built-in one."""
    from converters.reports.layouts import LAYOUTS

    name = LAYOUTS[layout].variant_file(variant) if layout in LAYOUTS else f"{layout}.docx"
    if template_dir is not None:
        own = Path(template_dir) / name
        if own.is_file():
            return own
    return TEMPLATE_DIR / name


def _prepare(value):
    """The report data for the template: every text without the characters XML cannot hold (a control
    character typed into a cell would stop the document from being written), with a word run into a dotted
    abbreviation marked (core.thai_lines.soft_breaks) so that Word and LibreOffice do not break it wrongly."""
    from dataclasses import fields, is_dataclass, replace

    from core.thai_lines import soft_breaks

    if isinstance(value, str):
        return soft_breaks(clean_xml(value))
    if isinstance(value, dict):
        return {k: _prepare(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_prepare(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _prepare(getattr(value, f.name)) for f in fields(value) if f.init})
    return value


def _digits(doc, fmt: Fmt) -> None:
    """Digits of the template's own words (column headers, labels) in the report's style."""
    from docx.oxml.ns import qn

    tag = qn("w:t")
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or not hasattr(element, "iter"):
            continue
        for t in element.iter(tag):
            if t.text:
                new = fmt.digits(t.text)
                if new != t.text:
                    t.text = new


_PAGE_FIELDS = ("PAGE", "NUMPAGES", "PAGEREF", "SECTIONPAGES")
# what follows w:pgNumType in a w:sectPr (CT_SectPr is a sequence)
_AFTER_PG_NUM_TYPE = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                      "docGrid", "printerSettings", "sectPrChange")


def _page_number_runs(element):
    """Every run of every page-number field (PAGE, PAGEREF …) in `element`, from its begin to its end."""
    from docx.oxml.ns import qn

    runs, inside, kind = [], 0, []
    for r in element.iter(qn("w:r")):
        fld = r.find(qn("w:fldChar"))
        ftype = fld.get(qn("w:fldCharType")) if fld is not None else None
        if ftype == "begin":
            inside += 1
            kind.append(None)
        instr = r.find(qn("w:instrText"))
        if instr is not None and inside and kind[-1] is None and instr.text and instr.text.strip():
            kind[-1] = instr.text.split()[0].upper()
        if inside and kind and kind[-1] in _PAGE_FIELDS:
            runs.append(r)
        if ftype == "end" and inside:
            inside -= 1
            kind.pop()
    return runs


def _thai_page_numbers(doc) -> None:
    """Page numbers in Thai digits, in Word (the section's number format) and in LibreOffice (which reads that
    format as Arabic digits, and Word's own ThaiArabic switch as Thai letters: the field's runs are set in a
    font whose Arabic digits draw Thai ones)."""
    from docx.oxml.ns import qn

    from converters.reports.docx_blocks import el
    from core.fonts import PAGE_DIGITS_FONT

    for sect in doc.element.body.iter(qn("w:sectPr")):
        pg = sect.find(qn("w:pgNumType"))
        if pg is None:
            pg = el("w:pgNumType")
            later = next((c for c in sect if c.tag in {qn(f"w:{t}") for t in _AFTER_PG_NUM_TYPE}), None)
            if later is None:
                sect.append(pg)
            else:
                later.addprevious(pg)
        pg.set(qn("w:fmt"), "thaiNumbers")
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or not hasattr(element, "iter"):
            continue
        for r in _page_number_runs(element):
            rpr = r.find(qn("w:rPr"))
            if rpr is None:
                rpr = el("w:rPr")
                r.insert(0, rpr)
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = el("w:rFonts")
                rpr.insert(0, fonts)
            for slot in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(slot), PAGE_DIGITS_FONT)


def _stamp(doc, text: str) -> None:
    """`text` (ฉบับร่าง) at the top of every page: a first paragraph in every header in use.

    docxtpl replaces the rendered header parts behind python-docx's back, so the headers are found through
    the document's relationships; a first page without a header of its own gets one."""
    from docx.oxml.ns import qn

    from converters.reports.docx_blocks import el

    for section in doc.sections:
        for header in (section.header, section.first_page_header if section.different_first_page_header_footer
                       else None):
            if header is not None and header.is_linked_to_previous:
                header.is_linked_to_previous = False  # a new, empty header part of its own
    done: set[int] = set()
    for rel in doc.part.rels.values():
        if not rel.reltype.endswith("/header") or id(rel.target_part) in done:
            continue
        done.add(id(rel.target_part))
        root = rel.target_part._element
        rpr = el("w:rPr")
        for tag, attrs in (("w:b", {}), ("w:bCs", {}), ("w:color", {"w:val": "C00000"}), ("w:sz", {"w:val": "36"}),
                           ("w:szCs", {"w:val": "36"})):
            rpr.append(el(tag, **attrs))
        t = el("w:t")
        t.text = text
        r = el("w:r")
        r.append(rpr)
        r.append(t)
        ppr = el("w:pPr")
        ppr.append(el("w:jc", **{"w:val": "center"}))
        p = el("w:p")
        p.append(ppr)
        p.append(r)
        first = root.find(qn("w:p"))
        if first is None:
            root.append(p)
        else:
            first.addprevious(p)


def render(data: dict, layout: str, *, arabic_digits: bool = False, template_dir: Path | None = None,
           chart_png: bytes | None = None, garuda: Path | None = None, draft: str = ""):
    """The filled docxtpl document (not saved)."""
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    path = template_path(layout, template_dir, data.get("variant"))
    try:
        tpl = DocxTemplate(str(path))
    except Exception as exc:  # noqa: BLE001 - a broken .docx of the agency's
        raise ItaError(f"เปิดแม่แบบ Word ไม่ได้ ({type(exc).__name__})", where=str(path)) from None
    ctx = {k: _prepare(v) for k, v in data.items() if k != "sheets"}
    ctx["title_text"] = clean_xml(" ".join(data.get("title", [])))
    ctx["chart_image"] = InlineImage(tpl, io.BytesIO(chart_png), width=Cm(16)) if chart_png else ""
    ctx["garuda"] = ""
    if garuda is not None:
        if not Path(garuda).is_file():
            raise ItaError("ไม่พบไฟล์ภาพตราครุฑ", where=str(garuda))
        ctx["garuda"] = InlineImage(tpl, str(garuda), height=Cm(1.5))
    try:
        tpl.render(ctx, jinja_env=ImmutableSandboxedEnvironment(autoescape=True), autoescape=True)
    except TemplateError as exc:
        raise ItaError(f"แม่แบบ Word มีคำสั่งที่ใช้ไม่ได้ ({exc.message or type(exc).__name__}) — "
                       "ตรวจวงเล็บ {{ }} และ {% %} ในแม่แบบ", where=str(path)) from None
    _digits(tpl.docx, Fmt(arabic_digits))
    if not arabic_digits:
        _thai_page_numbers(tpl.docx)
    if draft:
        _stamp(tpl.docx, draft)
    return tpl


def write_docx(path: Path, data: dict, layout: str, **kwargs) -> Path:
    tpl = render(data, layout, **kwargs)
    return write_atomic(path, lambda tmp: tpl.save(str(tmp)))
