"""Reports of many books at once (`ita report FILE… | FOLDER`): the xlsx and docx of every book, then all their
PDFs in one LibreOffice session (starting LibreOffice costs a second or two; one more file costs little).

Each book gets a status line as it is done (its reports, or the one-line reason it was skipped); a book that
cannot be read does not stop the others. Every file is written atomically, the PDFs are moved into place only
when the whole conversion succeeded, and Ctrl-C stops LibreOffice and leaves no half-written file.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.atomic import atomic_path
from core.errors import InputError, ItaError

BOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class BookResult:
    source: Path
    out_dir: Path | None = None
    written: list[Path] = field(default_factory=list)
    error: str = ""  # the Thai reason the book got no report


def find_books(inputs: Sequence[str | Path]) -> list[Path]:
    """The books named or inside the folders named (recursively, sorted), each once; no lock files (~$)."""
    out: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in BOOK_SUFFIXES and f.is_file()
                           and not f.name.startswith("~$") and not any(part.startswith("รายงาน_") for part in
                                                                       f.relative_to(p).parts[:-1]))
            out += found
        else:
            from core.input_files import check_regular

            check_regular(p)  # missing, a FIFO, a device, too large: its own reason before anything is made
            out.append(p)
    unique = list(dict.fromkeys(x.resolve() for x in out))
    if not unique:
        raise InputError("ไม่พบแบบฟอร์ม (.xlsx หรือ .xlsm) ในที่ที่ระบุ")
    return unique


def make_many_reports(books: Sequence[Path], out_root: Path | None, layouts: list[str] | None = None,
                      formats: list[str] | None = None, *, on_book: Callable[[int, int, BookResult], None] | None = None,
                      on_pdf: Callable[[int, int], None] | None = None, **options) -> list[BookResult]:
    """Reports of every book: each into out_root/รายงาน_<stem> (or beside it), all PDFs in one conversion."""
    from converters.office.pdf import to_pdf
    from converters.reports import default_out_dir, errors_reason, prepare_reports

    formats = list(formats or ["xlsx", "docx", "pdf"])
    want_pdf = "pdf" in [f.strip().lower().lstrip(".") for f in formats]
    results: list[BookResult] = []
    scratch = Path(tempfile.mkdtemp(prefix="ita-reports-"))
    pending: list[tuple[BookResult, str, Path]] = []  # (book, layout, source of its PDF)
    try:
        for k, src in enumerate(books, 1):
            res = BookResult(src)
            res.out_dir = (out_root / default_out_dir(src).name) if out_root else default_out_dir(src)
            try:
                # a book with errors gets no report, only a draft when asked for (stamped ฉบับร่าง)
                res.error = "" if options.get("draft") else errors_reason(src)
                if not res.error:
                    plan = prepare_reports(src, res.out_dir, layouts, formats, scratch=scratch / f"{k:04d}",
                                           **options)
            except ItaError as err:
                res.error = err.message
            if not res.error:
                res.written = [p for ps in plan.written.values() for p in ps]
                pending += [(res, layout, pdf_src) for layout, pdf_src in plan.pdf_sources]
            results.append(res)
            if on_book:
                on_book(k, len(books), res)
        if want_pdf and pending:
            # unique names in one folder: the conversion names each PDF after its source
            inbox = scratch / "pdf-in"
            inbox.mkdir()
            staged = []
            for i, (_res, _layout, pdf_src) in enumerate(pending):
                dst = inbox / f"{i:05d}{pdf_src.suffix}"
                shutil.copyfile(pdf_src, dst)
                staged.append(dst)
            done = to_pdf(staged, scratch / "pdf-out", on_output=on_pdf)
            for (res, _layout, pdf_src), pdf in zip(pending, done):
                target = res.out_dir / f"{pdf_src.stem}.pdf"
                with atomic_path(target) as tmp:  # the batch succeeded as a whole: now the PDFs go in place
                    shutil.copyfile(pdf, tmp)
                res.written.append(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return results
