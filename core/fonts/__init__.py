"""The vendored TH Sarabun New (the advance widths of TH SarabunPSK) and its fontconfig file.

Row heights (core.thai_lines) measure text with these files, and LibreOffice renders PDFs with them
(converters.office.engine points FONTCONFIG_FILE at ``fonts.conf`` here). Licence: LICENSE-THSarabunNew.txt.

``ITAThaiDigits.ttf`` (family "ITA Thai Digits") is derived from TH Sarabun New by devkit/digit_font.py, under
the same licence: its Arabic digits draw Thai digits, so that page numbers print as ๑ ๒ ๓ in the PDFs
LibreOffice makes (see converters/reports: PAGE_DIGITS_FONT).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PAGE_DIGITS_FONT", "fontconfig_file", "fonts_dir"]

PAGE_DIGITS_FONT = "ITA Thai Digits"  # page numbers in Thai digits where LibreOffice cannot number them


def fonts_dir() -> Path:
    """The folder of the vendored TH Sarabun New TTFs (with their licence and ``fonts.conf``)."""
    return Path(__file__).resolve().parent


def fontconfig_file() -> Path:
    """The fontconfig file that adds :func:`fonts_dir` to the system fonts and maps TH SarabunPSK,
    TH SarabunIT๙ and Sarabun to TH Sarabun New (strong binding). Its ``<dir prefix="relative">`` is
    resolved by fontconfig (>= 2.13) against the file's own location, so it works wherever the project
    lives. Only fontconfig users read it: LibreOffice on Linux/BSD, WeasyPrint/Pango everywhere."""
    return fonts_dir() / "fonts.conf"
