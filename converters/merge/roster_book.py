"""The roster workbook `ita roster` writes: one row per expected agency, empty or pre-filled from a database."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from converters.merge.roster import COLUMNS, Entry
from core.atomic import atomic_path
from workbook.cells import put_at

SHEET = "รายชื่อหน่วยงาน"
GUIDE = "วิธีกรอก"
_WIDTHS = {"name": 44, "type": 26, "district": 20, "province": 18, "code": 16}
_GUIDE = (
    "รายชื่อหน่วยงานที่ต้องส่งแบบรายงาน ITA (ใช้กับคำสั่ง ita merge ... --roster ไฟล์นี้)",
    "",
    "1. กรอกหนึ่งหน่วยงานต่อหนึ่งแถวในชีต รายชื่อหน่วยงาน ห้ามแก้ชื่อหัวคอลัมน์",
    "2. ชื่อหน่วยงาน: พิมพ์เต็มหรือย่อก็ได้ เช่น องค์การบริหารส่วนตำบลบ้านขาม หรือ อบต.บ้านขาม",
    "3. ประเภท: เลือกจากรายการ (ถ้าว่าง ใช้คำนำหน้าชื่อ อบต./ทต./ทม./ทน./อบจ.)",
    "4. อำเภอ และ จังหวัด: ชื่อตามทะเบียนของกรมการปกครอง จะมี อ. หรือ จ. นำหน้าหรือไม่ก็ได้",
    "5. รหัส: ไม่บังคับ เช่น รหัส อปท. ของกรมส่งเสริมการปกครองท้องถิ่น",
    "",
    "หน่วยงานที่ไม่มีไฟล์ในการรวมจะแสดงในชีต ยังไม่ส่ง ของไฟล์ภาพรวม แยกตามอำเภอ",
)


def write_roster_book(path: str | Path, entries: Sequence[Entry] = (), agency_types: Sequence[str] = ()) -> Path:
    """Write the roster workbook atomically; `entries` pre-fill it (e.g. last round's agencies)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    font = Font(name="TH SarabunPSK", size=16)
    head = Font(name="TH SarabunPSK", size=16, bold=True, color="FFFFFF")
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    keys = list(COLUMNS)
    for c, key in enumerate(keys, 1):
        cell = ws.cell(1, c, COLUMNS[key][0])
        cell.font, cell.fill = head, PatternFill("solid", fgColor="1F4E78")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[cell.column_letter].width = _WIDTHS[key]
    for r, e in enumerate(entries, 2):
        for c, value in enumerate((e.display, e.type, e.district, e.province, e.code), 1):
            put_at(ws, r, c, value or None)  # typed text stays text, never a formula
            ws.cell(r, c).font = font
    last = max(len(entries) + 1, 300)
    for r in range(len(entries) + 2, last + 1):
        for c in range(1, len(keys) + 1):
            ws.cell(r, c).font = font
    if agency_types:
        dv = DataValidation(type="list", formula1='"' + ",".join(agency_types) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="ประเภทหน่วยงาน",
                            error="เลือกประเภทจากรายการ")
        dv.add(f"B2:B{last}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize, ws.page_setup.orientation = ws.PAPERSIZE_A4, "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "หน้า &P จาก &N"
    guide = wb.create_sheet(GUIDE)
    guide.column_dimensions["A"].width = 110
    for r, line in enumerate(_GUIDE, 1):
        guide.cell(r, 1, line or None).font = Font(name="TH SarabunPSK", size=16, bold=r == 1)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)
