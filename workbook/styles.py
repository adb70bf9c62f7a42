"""The template's look: TH SarabunPSK 16 everywhere, Thai-friendly fills and formats."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils.indexed_list import IndexedList

FONT_NAME = "TH SarabunPSK"
FONT_SIZE = 16
BASE_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, family=2)
TITLE_FONT = Font(name=FONT_NAME, sz=20, bold=True, color="1F3864")
HEADER_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, bold=True, color="FFFFFF")
LABEL_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, bold=True)
NOTE_FONT = Font(name=FONT_NAME, sz=14, italic=True, color="595959")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")  # cells the officer fills
COMPUTED_FILL = PatternFill("solid", fgColor="EDEDED")  # formulas, locked
RED_FILL = PatternFill("solid", fgColor="F8CBAD")
GREEN_FILL = PatternFill("solid", fgColor="C6EFCE")
YELLOW_FILL = PatternFill("solid", fgColor="FFEB9C")
GREY_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)

SCORE_FORMAT = "0.00"
WEIGHT_FORMAT = "0.00##"
DATE_FORMAT = "[$-107041E]d mmm yyyy"  # 15 ต.ค. 2567 in Excel and LibreOffice, Buddhist era
MONTH_FORMAT = "[$-107041E]mmm yy"  # ต.ค. 67

LINE_HEIGHT = 21.0  # points per line of TH SarabunPSK 16
CHARS_PER_WIDTH_UNIT = 1.15  # Thai letters of Sarabun 16 per Excel column-width unit (its digit width)


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: each paragraph's display width over the characters that fit a line."""
    from core.thai import display_width

    per_line = max(1.0, width * CHARS_PER_WIDTH_UNIT - 1)
    return sum(max(1, -(-display_width(p) // int(per_line))) for p in str(text).split("\n"))


def row_height(cells: list[tuple[object, float]]) -> float | None:
    """Height in points for a row of (value, column width) pairs; None when one line is enough.

    LibreOffice does not auto-fit wrapped rows from xlsx, so text would be clipped in its PDFs.
    """
    lines = max((text_lines(v, w) for v, w in cells if isinstance(v, str) and v), default=1)
    return lines * LINE_HEIGHT + 4 if lines > 1 else None


def use_thai_default_font(wb: Workbook) -> None:
    """Make TH SarabunPSK 16 the real default: font 0 (cellXfs[0]) and the Normal style."""
    wb._fonts = IndexedList([BASE_FONT])
    normal = NamedStyle(name="Normal", font=BASE_FONT)
    normal.builtinId = 0
    wb._named_styles = type(wb._named_styles)()
    wb._named_styles.append(normal)
