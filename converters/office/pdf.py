"""PDF of the reports: every file in one conversion.

On Windows with Microsoft Office, Word and Excel export the PDFs themselves (through COM, pywin32 comes
with xlwings); elsewhere, or without Office, LibreOffice headless does it in one call for all files
(converters.office.engine: own profile, the vendored TH Sarabun New). Without either, the one-line Thai
message of converters.office.engine.PdfEngineNotFoundError tells the user what to install.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from converters.office.engine import ConversionError, convert_to_pdf

_WD_EXPORT_PDF = 17  # WdExportFormat.wdExportFormatPDF
_XL_TYPE_PDF = 0  # XlFixedFormatType.xlTypePDF


def _office_available() -> bool:
    if sys.platform != "win32" or os.environ.get("ITA_PDF_ENGINE", "").lower() == "libreoffice":
        return False
    try:
        import win32com.client  # noqa: F401
    except ImportError:
        return False
    import winreg

    for prog in ("Word.Application", "Excel.Application"):
        try:
            winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, prog))
        except OSError:
            return False
    return True


def _office_pdf(paths: list[Path], out_dir: Path) -> list[Path]:  # pragma: no cover - Windows with Office
    import win32com.client

    out: list[Path] = []
    apps: dict[str, object] = {}
    try:
        for src in paths:
            target = out_dir / f"{src.stem}.pdf"
            fd, tmp = tempfile.mkstemp(prefix=f".{src.stem}.", suffix=".pdf", dir=out_dir)
            os.close(fd)
            try:
                if src.suffix.lower() == ".docx":
                    word = apps.setdefault("word", win32com.client.DispatchEx("Word.Application"))
                    word.Visible = False
                    doc = word.Documents.Open(str(src.resolve()), ReadOnly=True, AddToRecentFiles=False)
                    try:
                        doc.Fields.Update()
                        doc.ExportAsFixedFormat(tmp, _WD_EXPORT_PDF)
                    finally:
                        doc.Close(False)
                else:
                    excel = apps.setdefault("excel", win32com.client.DispatchEx("Excel.Application"))
                    excel.Visible = False
                    excel.DisplayAlerts = False
                    wb = excel.Workbooks.Open(str(src.resolve()), ReadOnly=True)
                    try:
                        wb.ExportAsFixedFormat(_XL_TYPE_PDF, tmp)
                    finally:
                        wb.Close(False)
                os.replace(tmp, target)
            except Exception as exc:  # noqa: BLE001 - COM raises pywintypes.com_error and others
                Path(tmp).unlink(missing_ok=True)
                raise ConversionError("Microsoft Office แปลงไฟล์เป็น PDF ไม่สำเร็จ", where=src.name,
                                      english=str(exc)) from None
            out.append(target)
    finally:
        for app in apps.values():
            try:
                app.Quit()  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001, S110 - the application is already gone
                pass
    return out


def to_pdf(paths: list[Path], out_dir: Path, on_output: Callable[[int, int], None] | None = None) -> list[Path]:
    """PDFs of `paths` (docx/xlsx) in `out_dir`, named after each file's stem, in the order given;
    `on_output(done, total)` hears the progress."""
    if not paths:
        return []
    if _office_available():
        out = _office_pdf(paths, out_dir)
        if on_output is not None:
            on_output(len(out), len(paths))
        return out
    return convert_to_pdf(paths, out_dir, on_output=on_output)
