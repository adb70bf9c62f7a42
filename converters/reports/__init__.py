"""Standard reports of a filled template: print-ready Excel, editable Word (from templates) and PDF.

    make_reports(source, out_dir, layouts, formats) -> list of written files

Two steps: a pure report model (`build_report_data`: strings already in Thai digits and Buddhist-era
dates, tables as columns and groups of rows) and writers (xlsx_writer, docx_writer, pdf). Layouts are the
standard forms of the seeds, one module each, collected in the registry LAYOUTS (layouts/__init__.py);
docs/reports.md lists them.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from converters.reports.facts import Facts, Options
from converters.reports.layouts import LAYOUT_NAMES, LAYOUTS
from core.errors import InputError, ItaError
from core.filenames import safe_name
from workbook.model import Submission

FORMATS = ("xlsx", "docx", "pdf")
# what a layout's PDF is made from (each layout declares it): the workbook, paginated here so that a group
# running onto a new page is repeated with "(ต่อ)"; or the Word document (paragraphs, cover, contents)
PDF_FROM = {name: layout.pdf_from for name, layout in LAYOUTS.items()}

__all__ = ["DRAFT", "FORMATS", "LAYOUTS", "LAYOUT_NAMES", "PDF_FROM", "Options", "ReportPlan", "build_report_data",
           "default_out_dir", "errors_reason", "make_reports", "plan_layouts", "prepare_reports"]


def build_report_data(sub: Submission, layout: str, options: Options | None = None) -> dict:
    """The report model of one layout: plain strings and tables, no file format in sight."""
    if layout not in LAYOUTS:
        raise InputError(f"ไม่รู้จักรูปแบบรายงาน '{layout}' (มี: {', '.join(LAYOUTS)})")
    return LAYOUTS[layout].build(Facts(sub, options))


def default_out_dir(path: Path) -> Path:
    """Next to the input: รายงาน_<stem>."""
    return Path(path).parent / f"รายงาน_{Path(path).stem}"


def _check(layouts: list[str], formats: list[str]) -> tuple[list[str], list[str]]:
    layouts = list(dict.fromkeys(layouts or LAYOUTS))
    bad = [x for x in layouts if x not in LAYOUTS]
    if bad:
        raise InputError(f"ไม่รู้จักรูปแบบรายงาน {', '.join(bad)} (มี: {', '.join(LAYOUTS)})")
    formats = list(dict.fromkeys(f.strip().lower().lstrip(".") for f in (formats or FORMATS) if f.strip()))
    bad = [x for x in formats if x not in FORMATS]
    if bad:
        raise InputError(f"ไม่รู้จักชนิดไฟล์ {', '.join(bad)} (มี: {', '.join(FORMATS)})")
    return layouts, formats


def _submission(source: Path | Submission) -> Submission:
    if isinstance(source, Submission):
        return source
    from workbook.reader import read_workbook

    return read_workbook(Path(source)).submission


DRAFT = "ฉบับร่าง"


def errors_reason(path: Path) -> str:
    """'' when the book validates without error, else one Thai line: how many errors, the first with its cell.
    (`ita report` on one book lists them all: actions.report.)"""
    from workbook.reader import read_workbook
    from workbook.validation import validate_result

    errors = [f for f in validate_result(read_workbook(path)) if f.severity == "error"]
    if not errors:
        return ""
    first = errors[0]
    return (f"มีข้อผิดพลาด {len(errors)} รายการ เช่น {first.sheet}!{first.cell} {first.message_th} "
            f"— แก้ตาม ita validate หรือใช้ --draft")


def plan_layouts(facts: Facts, requested: list[str] | None) -> tuple[list[str], list[str]]:
    """The layouts to make and a Thai note for each left out: at the plan stage (no progress yet) a layout
    that only shows progress is not made; when nothing else was asked for, the run is refused with the reason."""
    wanted = list(dict.fromkeys(requested or LAYOUTS))
    if not facts.plan:
        facts.check_round()
        return wanted, []
    blocked = [name for name in wanted if name in LAYOUTS and LAYOUTS[name].needs_progress]
    why = ("เป็นรายงานความก้าวหน้า แต่แบบฟอร์มนี้อยู่ในระยะจัดทำแผน (รอบการรายงาน แผน ยังไม่มีความก้าวหน้า) — "
           "เมื่อรายงานผลรอบ ๖ หรือ ๑๒ เดือน ให้เปลี่ยนรอบการรายงานในชีต ข้อมูลหน่วยงาน")
    if blocked and len(blocked) == len(wanted):
        raise InputError(f"รายงาน {', '.join(blocked)} {why}")
    return [x for x in wanted if x not in blocked], [f"ไม่ได้สร้าง {name}: {why}" for name in blocked]


@dataclass
class ReportPlan:
    """What prepare_reports wrote, layout by layout, and the files still to convert to PDF."""

    layouts: list[str]
    written: dict[str, list[Path]]
    pdf_sources: list[tuple[str, Path]]  # (layout, the xlsx or docx its PDF is made from)
    notes: list[str] = field(default_factory=list)  # layouts left out, and why (in Thai)


def prepare_reports(source: Path | Submission, out_dir: Path | None, layouts: list[str] | None = None,
                    formats: list[str] | None = None, arabic_digits: bool = False,
                    template_dir: Path | None = None, *, round: int | None = None, garuda: Path | None = None,
                    pdf_from: str = "auto", scratch: Path, draft: bool = False) -> ReportPlan:
    """Write the xlsx and docx reports of `source` and list what the PDFs are to be made from; sources that are
    not wanted themselves are written into `scratch` (created when needed). No PDF is made here. A `draft` is
    stamped ฉบับร่าง on every page; at the plan stage the layouts that show only progress are left out."""
    from converters.reports.chart import render_png
    from converters.reports.docx_writer import write_docx
    from converters.reports.xlsx_writer import write_workbook

    requested = list(layouts or [])
    layouts, formats = _check(requested, list(formats or []))
    if pdf_from not in ("auto", "xlsx", "docx"):
        raise InputError(f"--pdf-from ต้องเป็น auto, xlsx หรือ docx (ได้ '{pdf_from}')")
    if out_dir is None:
        if isinstance(source, Submission):
            raise InputError("ต้องระบุโฟลเดอร์ผลลัพธ์ (-o DIR)")
        out_dir = default_out_dir(Path(source))
    out_dir = Path(out_dir)
    if template_dir is not None and not Path(template_dir).is_dir():
        raise InputError(f"ไม่พบโฟลเดอร์แม่แบบ {template_dir}")
    sub = _submission(source)
    if garuda is None and template_dir is not None:
        own = [p for p in Path(template_dir).glob("garuda.*") if p.suffix.lower() in (".png", ".jpg", ".jpeg")]
        garuda = own[0] if own else None
    facts = Facts(sub, Options(arabic_digits=arabic_digits, template_dir=template_dir, round=round,
                               garuda=garuda))
    layouts, left_out = plan_layouts(facts, requested)
    stamp = DRAFT if draft else ""
    base = safe_name(sub.agency.name)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ItaError(f"สร้างโฟลเดอร์ผลลัพธ์ไม่ได้ ({exc.strerror})", where=str(out_dir)) from None

    plan = ReportPlan(layouts, {}, [], left_out)
    for layout in layouts:
        data = LAYOUTS[layout].build(facts)
        stem = f"{base}_{layout}"
        files: list[Path] = []
        src_kind = PDF_FROM[layout] if pdf_from == "auto" else pdf_from
        for ext in ("xlsx", "docx"):
            wanted = ext in formats
            if not wanted and not ("pdf" in formats and src_kind == ext):
                continue
            if wanted:
                target = out_dir / f"{stem}.{ext}"
            else:
                scratch.mkdir(parents=True, exist_ok=True)
                target = scratch / f"{stem}.{ext}"
            if ext == "xlsx":
                write_workbook(target, data["sheets"], arabic_digits=arabic_digits, draft=stamp)
            else:
                chart = data.get("chart")  # a layout's chart for Word, as a picture
                write_docx(target, data, layout, arabic_digits=arabic_digits, template_dir=template_dir,
                           chart_png=render_png(chart) if chart else None, garuda=garuda, draft=stamp)
            if wanted:
                files.append(target)
            if "pdf" in formats and src_kind == ext:
                plan.pdf_sources.append((layout, target))
        plan.written[layout] = files
    return plan


def make_reports(source: Path | Submission, out_dir: Path | None, layouts: list[str] | None = None,
                 formats: list[str] | None = None, arabic_digits: bool = False,
                 template_dir: Path | None = None, *, round: int | None = None, garuda: Path | None = None,
                 pdf_from: str = "auto", draft: bool = False, notes: list[str] | None = None) -> list[Path]:
    """Write the reports of `source` (a filled template file, or a Submission) into `out_dir`.

    Files are named <agency>_<layout>.<ext> and written atomically; the input is never modified. All the
    PDFs are made in one conversion (LibreOffice, or Word/Excel on Windows). Returns the paths written,
    layout by layout, in the order xlsx, docx, pdf; `notes` gets the Thai reason of each layout left out.
    Many books at once: converters.reports.batch.
    """
    scratch = Path(tempfile.mkdtemp(prefix="ita-report-"))
    try:
        plan = prepare_reports(source, out_dir, layouts, formats, arabic_digits, template_dir, round=round,
                               garuda=garuda, pdf_from=pdf_from, scratch=scratch, draft=draft)
        if notes is not None:
            notes.extend(plan.notes)
        if plan.pdf_sources:
            from converters.office.pdf import to_pdf

            target = Path(out_dir) if out_dir is not None else default_out_dir(Path(source))  # type: ignore[arg-type]
            pdfs = to_pdf([src for _, src in plan.pdf_sources], target)
            for (layout, _), pdf in zip(plan.pdf_sources, pdfs):
                plan.written[layout].append(pdf)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return [p for layout in plan.layouts for p in plan.written[layout]]
