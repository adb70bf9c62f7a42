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


def template_path(layout: str, template_dir: Path | None = None) -> Path:
    """The agency's template for `layout` when its folder has one, else the built-in one."""
    if template_dir is not None:
        own = Path(template_dir) / f"{layout}.docx"
        if own.is_file():
            return own
    return TEMPLATE_DIR / f"{layout}.docx"


def _prepare(value):
    """The report data for the template: every text without the characters XML cannot hold (a control
    character typed into a cell would stop the document from being written); the text is otherwise whole."""
    if isinstance(value, dict):
        return {k: _prepare(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_prepare(v) for v in value)
    return clean_xml(value) if isinstance(value, str) else value


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


def render(data: dict, layout: str, *, arabic_digits: bool = False, template_dir: Path | None = None,
           chart_png: bytes | None = None, garuda: Path | None = None):
    """The filled docxtpl document (not saved)."""
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    path = template_path(layout, template_dir)
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
    return tpl


def write_docx(path: Path, data: dict, layout: str, **kwargs) -> Path:
    tpl = render(data, layout, **kwargs)
    return write_atomic(path, lambda tmp: tpl.save(str(tmp)))
