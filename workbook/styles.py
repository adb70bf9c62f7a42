"""The template's look: TH SarabunPSK 16 everywhere, Thai-friendly fills and formats."""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from core.thai_lines import column_points, shared
from core.thai_lines import row_height as thai_row_height

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
ERROR_FONT = Font(bold=True, color="9C0006")  # an input the formulas cannot read
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)

SCORE_FORMAT = "0.00"
WEIGHT_FORMAT = "0.00##"
DATE_FORMAT = "[$-107041E]d mmm yyyy"  # 15 ต.ค. 2567 in Excel and LibreOffice, Buddhist era
MONTH_FORMAT = "[$-107041E]mmm yy"  # ต.ค. 67

def row_height(cells: Iterable[tuple[object, float] | tuple[object, float, bool]], *,
               size: float = FONT_SIZE) -> float | None:
    """Height in points for a row of (value, column width[, bold]) cells; None when one line is enough.

    LibreOffice does not auto-fit wrapped rows from xlsx, so text would be clipped in its PDFs: the lines
    are counted by core.thai_lines (the widths of the vendored font, ICU's line breaks), as for the reports.
    """
    tf = shared()
    lines = 1
    for value, width, *bold in cells:
        if isinstance(value, str) and value:
            lines = max(lines, len(tf.cell_lines(value, column_points(width), size, bool(bold and bold[0]))))
    return thai_row_height(lines, size) if lines > 1 else None


def one_line_rows(ws: Worksheet) -> None:
    """Rows without a height of their own are one line of TH SarabunPSK 16 high (LibreOffice would take
    openpyxl's 15 pt and clip the Thai marks below the line; Excel sizes them alike from the font)."""
    ws.sheet_format.defaultRowHeight = thai_row_height(1, FONT_SIZE)
    ws.sheet_format.customHeight = True


def use_thai_default_font(wb: Workbook) -> None:
    """Make TH SarabunPSK 16 the real default: font 0 (cellXfs[0]) and the Normal style."""
    wb._fonts = IndexedList([BASE_FONT])
    normal = NamedStyle(name="Normal", font=BASE_FONT)
    normal.builtinId = 0
    wb._named_styles = type(wb._named_styles)()
    wb._named_styles.append(normal)
