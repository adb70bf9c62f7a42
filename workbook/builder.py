"""Build the template workbook for a fiscal year from the definition and the framework, optionally filled."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from core.atomic import write_atomic
from core.frameworks.model import Framework
from core.years import Years
from workbook import formulas as F
from workbook import styles as S
from workbook.cells import put, put_at
from workbook.definition import (
    FIRST_ROW,
    FORM_FIRST_ROW,
    HEADER_ROW,
    Definition,
    Sheet,
    column_letter,
    load_definition,
)
from workbook.model import PLAN_ROUND, Submission, round_label

# what a blank book has filled in already: its two years, and the plan stage (no progress yet)
BLANK_BOOK_VALUES = {"fiscal_year": lambda y: y.fiscal, "assessed_year": lambda y: y.assessed,
                     "report_round": lambda y: round_label(PLAN_ROUND)}
LINKS_RANGE_ROWS = 1000  # MeasureLinks / Progress ranges reach past the table so added rows count
GUIDE_WIDTH = 76  # the guide sheet's one column: A4 portrait's printable 16 cm (LibreOffice does not shrink this sheet to fit)
GUIDE_LINES = (
    "แบบฟอร์มนี้ใช้วิเคราะห์ผลการประเมิน ITA จัดทำมาตรการ และรายงานความก้าวหน้า ในไฟล์เดียว",
    "1. ชีต ข้อมูลหน่วยงาน: กรอกช่องสีเหลืองให้ครบ (ชื่อ ประเภท อำเภอ จังหวัด ปีงบประมาณ รอบการรายงาน)",
    "   รอบการรายงาน แผน = ช่วงจัดทำมาตรการ (ยังไม่ต้องกรอกความก้าวหน้า) แล้วเปลี่ยนเป็น 6 และ 12 เมื่อรายงานผล",
    "2. ชีต คะแนน: กรอกคะแนนรายตัวชี้วัดจากระบบ ITAS ในคอลัมน์ คะแนน ระบบจะคำนวณคะแนนรวมและระดับให้เอง",
    "   ถ้ามีคะแนนปีก่อน ให้กรอกเพื่อดูการเปลี่ยนแปลง และกรอกคะแนนรวมที่ประกาศเพื่อตรวจทาน",
    "3. ชีต วิเคราะห์: ระบบจัดลำดับตัวชี้วัดที่ยกคะแนนรวมได้มากที่สุด ให้เขียนประเด็นที่พบ",
    "   ทุกตัวชี้วัดที่ต่ำกว่า 85 ต้องมีคำอธิบายและมีมาตรการอย่างน้อย 1 มาตรการ",
    "   ระบบเสนอตัวชี้วัดที่คะแนนต่ำสุดเป็นจุดเน้นของมาตรการ เลือกตัวอื่นที่เสี่ยงสูงสุดแทนได้ในช่องสีเหลืองข้างตาราง",
    "4. ชีต มาตรการ: หนึ่งแถวต่อหนึ่งมาตรการ ระบุรหัสไม่ซ้ำ (เช่น M01) และเลขตัวชี้วัดที่เกี่ยวข้อง",
    "   ในช่อง ตัวชี้วัด/ข้อที่เกี่ยวข้อง (เช่น 9, O8) เพิ่มแถวได้โดยพิมพ์ต่อท้ายตาราง",
    "5. ชีต ความก้าวหน้า: หนึ่งแถวต่อมาตรการต่อรอบรายงาน เลือกสถานะจากรายการ และใส่ลิงก์หลักฐาน",
    "6. ชีต ตรวจสอบ: ผลการตรวจสอบจากปุ่ม ตรวจสอบข้อมูล ในแท็บ ITA (หรือคำสั่ง ita validate)",
    "ช่องสีเทาเป็นสูตรคำนวณ ถูกล็อกไว้ (ป้องกันชีตโดยไม่มีรหัสผ่าน) แก้เฉพาะช่องสีเหลือง",
    "วันที่พิมพ์เป็นปี พ.ศ. ได้ เช่น 27/4/2566 หรือ 27 เม.ย. 2566 หรือ ๒๗ เมษายน ๒๕๖๖ ระบบเข้าใจว่าเป็นปีพุทธศักราช",
    "ใช้ได้ทั้ง Excel และ LibreOffice โดยไม่ต้องติดตั้ง Add-in สูตรทั้งหมดเป็นสูตรของ Excel เอง",
)




def _q(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class _Builder:
    def __init__(self, fw: Framework, definition: Definition, sub: Submission | None,
                 years: Years | None = None) -> None:
        self.fw, self.d, self.sub = fw, definition, sub
        self.years = years or Years.of_assessed(fw.year)
        self.wb = Workbook()
        S.use_thai_default_font(self.wb)
        self.wb.remove(self.wb.active)
        self.ws: dict[str, Worksheet] = {}
        for sheet in self.d.sheets:
            ws = self.wb.create_sheet(sheet.name)
            ws.sheet_properties.codeName = f"Sheet{sheet.key.capitalize()}"
            S.one_line_rows(ws)
            if sheet.hidden:
                ws.sheet_state = "hidden"
            self.ws[sheet.key] = ws

    # -- names ---------------------------------------------------------------------------------
    def name(self, name: str, sheet_key: str, ref: str) -> None:
        sheet = self.d.sheet(sheet_key).name
        parts = []
        for part in ref.split(":"):
            letters = "".join(ch for ch in part if ch.isalpha())
            digits = part[len(letters):]
            parts.append(f"${letters}${digits}")
        absolute = ":".join(parts)
        self.wb.defined_names[name] = DefinedName(name, attr_text=f"{_q(sheet)}!{absolute}")

    # -- helpers -------------------------------------------------------------------------------
    def rows_for(self, sheet: Sheet, n_data: int) -> int:
        if sheet.fixed_rows:
            return len(self.fw.indicators)
        return max(sheet.blank_rows, n_data + 5)

    def title(self, ws: Worksheet, text: str, note: str = "") -> None:
        ws["A1"] = text
        ws["A1"].font = S.TITLE_FONT
        if note:
            ws["A2"] = note
            ws["A2"].font = S.NOTE_FONT
        ws.row_dimensions[1].height = 30

    def validation_for(self, ws: Worksheet, kind: str, rng: str, *, prompt: str = "", title: str = "",
                       lst: str | None = None, lo: float | None = None, hi: float | None = None) -> None:
        first = rng.split(":")[0]
        if kind in ("choice", "round", "indicator"):
            source = "CritIndicator" if kind == "indicator" else lst
            dv = DataValidation(type="list", formula1=source, allow_blank=True)  # a name, no "=" (ST_Formula)
            dv.error = "เลือกค่าจากรายการเท่านั้น"
        elif kind == "number":
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                                allow_blank=True)
            dv.error = "คะแนนต้องเป็นตัวเลข 0 ถึง 100"
        elif kind == "int":
            dv = DataValidation(type="whole", operator="between", formula1=str(int(lo or 0)),
                                formula2=str(int(hi or 10**6)), allow_blank=True)
            dv.error = f"ต้องเป็นจำนวนเต็มระหว่าง {int(lo or 0)} ถึง {int(hi or 10**6)}"
        elif kind in ("date", "month"):
            # Common-era dates, Buddhist-era years typed as they are (read back as BE), or a date written as
            # text ("15 ม.ค. 2570"), which Excel cannot parse but the reader does and the validator checks
            f1 = (f"OR(ISTEXT({first}),AND({first}>=DATE(2015,1,1),{first}<=DATE(2045,12,31)),"
                  f"AND({first}>=DATE(2558,1,1),{first}<=DATE(2588,12,31)))")
            dv = DataValidation(type="custom", formula1=f1, allow_blank=True)
            dv.error = "ต้องเป็นวันที่ เช่น 27/4/2566 หรือ 27 เม.ย. 2566"
        else:
            return
        dv.errorTitle = "ข้อมูลไม่ถูกต้อง"
        dv.errorStyle = "stop"
        dv.showErrorMessage = True
        if prompt:
            dv.promptTitle = (title or "คำแนะนำ")[:32]
            dv.prompt = prompt[:255]
            dv.showInputMessage = True
        ws.add_data_validation(dv)
        dv.add(rng)

    # -- sheets --------------------------------------------------------------------------------
    def lists(self) -> None:
        ws = self.ws["lists"]
        for c, (lname, values) in enumerate(self.d.lists.items(), 1):
            letter = column_letter(c)
            ws.cell(1, c, lname).font = S.LABEL_FONT
            for r, v in enumerate(values, 2):
                ws.cell(r, c, v)
            self.name(lname, "lists", f"{letter}2:{letter}{len(values) + 1}")
            ws.column_dimensions[letter].width = 26
        ws.protection.sheet = True

    def criteria(self) -> None:
        fw, ws = self.fw, self.ws["criteria"]
        ws["A1"], ws["B1"] = "ปีงบประมาณที่ประเมิน", fw.year
        ws["A2"], ws["B2"] = "เกณฑ์ผ่าน", fw.pass_mark
        ws["A3"], ws["B3"] = "คะแนนระดับรักษาไว้", fw.categories.keep_mark
        # weights and indicators confirmed by two sources or more; the level reached is checked by formula
        ws["A4"], ws["B4"] = "โครงสร้างและน้ำหนักยืนยันแล้ว", fw.verified
        ws["A5"] = "ที่มา"
        put(ws["B5"], fw.weights_source or fw.rating_source)  # a user's framework file may say anything
        self.name("CritYear", "criteria", "B1")
        self.name("PassMark", "criteria", "B2")
        self.name("KeepMark", "criteria", "B3")
        self.name("CritStructureVerified", "criteria", "B4")
        # the analysis categories: below PassMark, below KeepMark, from KeepMark
        for r, (what, label) in enumerate(zip(("ต่ำกว่าเกณฑ์ผ่าน", "ต่ำกว่าระดับรักษาไว้", "ตั้งแต่ระดับรักษาไว้"),
                                              fw.categories.labels), 1):
            ws[f"H{r}"] = f"ประเภท: {what}"
            put(ws[f"I{r}"], label)
        self.name("CritCategories", "criteria", "I1:I3")
        r = 7
        for c, h in enumerate(("แบบวัด", "ชื่อแบบวัด", "น้ำหนัก"), 1):
            ws.cell(r, c, h).font = S.LABEL_FONT
        for i, t in enumerate(fw.tools, r + 1):
            for c, v in enumerate((t.code, t.name_th, t.weight), 1):
                put_at(ws, i, c, v)
        r = r + len(fw.tools) + 2
        for c, h in enumerate(("ตัวชี้วัด", "แบบวัด", "ชื่อตัวชี้วัด", "ชื่อภาษาอังกฤษ", "น้ำหนัก"), 1):
            ws.cell(r, c, h).font = S.LABEL_FONT
        first = r + 1
        for i, ind in enumerate(fw.indicators, first):
            for c, v in enumerate((ind.number, ind.tool, ind.name_th, ind.name_en, ind.weight), 1):
                put_at(ws, i, c, v)
        last = first + len(fw.indicators) - 1
        for nm, col in (("CritIndicator", "A"), ("CritIndicatorTool", "B"), ("CritIndicatorName", "C"),
                        ("CritIndicatorWeight", "E")):
            self.name(nm, "criteria", f"{col}{first}:{col}{last}")
        r = last + 2
        for c, h in enumerate(("ระดับ", "ต่ำสุด", "สูงสุด", "ทุกแบบวัดไม่ต่ำกว่า", "เข้าเงื่อนไข", "ความมั่นใจ"), 1):
            ws.cell(r, c, h).font = S.LABEL_FONT
        first = r + 1
        for i, lv in enumerate(fw.levels, first):
            for c, v in ((1, lv.label), (2, lv.min), (3, lv.max), (4, lv.min_each_tool), (6, lv.confidence)):
                put_at(ws, i, c, v)
            ws.cell(i, 5, F.level_qualifies(i))
        last = first + len(fw.levels) - 1
        self.name("CritLevelLabel", "criteria", f"A{first}:A{last}")
        self.name("CritLevelQualifies", "criteria", f"E{first}:E{last}")
        self.name("CritLevelConfidence", "criteria", f"F{first}:F{last}")
        if fw.oit_items:
            r = last + 2
            for c, h in enumerate(("ข้อ", "ตัวชี้วัดย่อย", "รายการ"), 1):
                ws.cell(r, c, h).font = S.LABEL_FONT
            for i, item in enumerate(fw.oit_items, r + 1):
                for c, v in enumerate((item.code, item.sub_indicator, item.title), 1):
                    put_at(ws, i, c, v)
        for letter, w in zip("ABCDEF", (22, 14, 40, 24, 12, 12)):
            ws.column_dimensions[letter].width = w
        ws.protection.sheet = True

    def guide(self) -> None:
        ws = self.ws["guide"]
        title = (f"แบบฟอร์มมาตรการส่งเสริมคุณธรรมและความโปร่งใส\nปีงบประมาณ {self.years.fiscal} "
                 f"(ผลการประเมิน ITA {self.years.assessed})")
        self.title(ws, title)
        # one column as wide as the printed page: LibreOffice does not shrink this sheet, so longer lines wrap
        ws["A1"].alignment = S.WRAP
        ws.row_dimensions[1].height = max(30.0, S.row_height([(title, GUIDE_WIDTH, True)], size=S.TITLE_FONT.sz) or 0)
        for r, line in enumerate(GUIDE_LINES, 3):
            ws.cell(r, 1, line).alignment = S.WRAP
            if height := S.row_height([(line, GUIDE_WIDTH)]):
                ws.row_dimensions[r].height = height
        r = len(GUIDE_LINES) + 4
        ws.cell(r, 1, f"แบบฟอร์ม {self.d.template_id} รุ่น {self.d.version} — เกณฑ์ปี {self.fw.year}"
                      f"{'' if self.fw.verified else ' (เกณฑ์บางส่วนยังไม่ยืนยัน)'}").font = S.NOTE_FONT
        ws.cell(r + 1, 1, self.d.template_id)
        ws.cell(r + 2, 1, self.d.version)
        self.name("TemplateId", "guide", f"A{r + 1}")
        self.name("TemplateVersion", "guide", f"A{r + 2}")
        ws.column_dimensions["A"].width = GUIDE_WIDTH
        ws.protection.sheet = True

    def agency(self) -> None:
        sheet, ws = self.d.sheet("agency"), self.ws["agency"]
        self.title(ws, sheet.title, "กรอกช่องสีเหลือง ช่องที่มี * ต้องกรอก")
        for r, f in enumerate(sheet.fields, FORM_FIRST_ROW):
            label = ws.cell(r, 1, f.label + (" *" if f.required else ""))
            label.font, label.border, label.alignment = S.LABEL_FONT, S.BORDER, S.WRAP
            cell = ws.cell(r, 2)
            cell.fill, cell.border, cell.alignment = S.INPUT_FILL, S.BORDER, S.WRAP
            cell.protection = Protection(locked=False)
            if f.type == "date":
                cell.number_format = S.DATE_FORMAT
            self.name(f.name, "agency", f"B{r}")
            if self.sub is None and f.key in BLANK_BOOK_VALUES:  # a new book says its years once, filled in
                cell.value = BLANK_BOOK_VALUES[f.key](self.years)
            prompt = f.prompt.replace("{fiscal}", str(self.years.fiscal)).replace("{assessed}",
                                                                                   str(self.years.assessed))
            self.validation_for(ws, f.type, f"B{r}", prompt=prompt, title=f.label, lst=f.list,
                                lo=f.min, hi=f.max)
        ws.column_dimensions["A"].width = 38
        ws.column_dimensions["B"].width = 60
        ws.freeze_panes = f"A{FORM_FIRST_ROW}"
        self._protect(ws)

    def table(self, key: str, n_data: int = 0) -> tuple[Sheet, Worksheet, int]:
        """Headers, styled empty body, the Excel table and per-column validation. Returns the last row."""
        sheet, ws = self.d.sheet(key), self.ws[key]
        rows = self.rows_for(sheet, n_data)
        last = HEADER_ROW + rows
        self.title(ws, sheet.title, "ช่องสีเทาคำนวณอัตโนมัติ" if any(c.computed for c in sheet.columns)
                    else "เพิ่มแถวได้โดยพิมพ์ต่อท้ายตาราง")
        for c, col in enumerate(sheet.columns, 1):
            letter = column_letter(c)
            h = ws.cell(HEADER_ROW, c, col.header)
            h.font, h.fill, h.alignment, h.border = S.HEADER_FONT, S.HEADER_FILL, S.HEADER_ALIGN, S.BORDER
            ws.column_dimensions[letter].width = col.width
            for r in range(FIRST_ROW, last + 1):
                cell = ws.cell(r, c)
                cell.border = S.BORDER
                cell.alignment = S.CENTER if col.type in ("int", "choice", "date", "month") else S.WRAP
                if col.computed or col.locked:
                    cell.fill = S.COMPUTED_FILL
                else:
                    cell.fill = S.INPUT_FILL
                    cell.protection = Protection(locked=False)
                if col.type == "number":
                    cell.number_format = S.SCORE_FORMAT
                elif col.type == "date":
                    cell.number_format = S.DATE_FORMAT
                elif col.type == "month":
                    cell.number_format = S.MONTH_FORMAT
            if not col.computed and not col.locked:
                end = last if sheet.fixed_rows else max(last, LINKS_RANGE_ROWS)
                self.validation_for(ws, col.type, f"{letter}{FIRST_ROW}:{letter}{end}", prompt=col.prompt,
                                    title=col.header, lst=col.list)
        ws.row_dimensions[HEADER_ROW].height = max(42.0, S.row_height(
            [(col.header, col.width, True) for col in sheet.columns]) or 0.0)
        ref = f"A{HEADER_ROW}:{column_letter(len(sheet.columns))}{last}"
        tab = Table(displayName=sheet.table, ref=ref)
        tab.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(tab)
        ws.freeze_panes = f"B{FIRST_ROW}"
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        return sheet, ws, last

    def col_letters(self, sheet: Sheet) -> dict[str, str]:
        return {c.key: column_letter(i) for i, c in enumerate(sheet.columns, 1)}

    def scores(self) -> None:
        sheet, ws, last = self.table("scores")
        col = self.col_letters(sheet)
        for r, ind in enumerate(self.fw.indicators, FIRST_ROW):
            ws[f"{col['indicator']}{r}"] = ind.number
            for key, formula in F.scores_row(col, r).items():
                ws[f"{col[key]}{r}"] = formula
            ws[f"{col['weight']}{r}"].number_format = S.WEIGHT_FORMAT
            ws[f"{col['change']}{r}"].number_format = "+0.00;-0.00;0.00"
        for key, nm in (("indicator", "ScoreIndicator"), ("tool", "ScoreTool"), ("weight", "ScoreWeight"),
                        ("score", "ScoreValue"), ("previous", "ScorePrevious"), ("weighted", "ScoreWeighted")):
            self.name(nm, "scores", f"{col[key]}{FIRST_ROW}:{col[key]}{last}")
        score_rng = f"{col['score']}{FIRST_ROW}:{col['score']}{last}"
        for key in ("score", "previous"):  # text where a number belongs: the formulas cannot read it
            rng = f"{col[key]}{FIRST_ROW}:{col[key]}{last}"
            ws.conditional_formatting.add(rng, FormulaRule(formula=[F.not_a_number(f"{col[key]}{FIRST_ROW}")],
                                                           fill=S.RED_FILL, font=S.ERROR_FONT, stopIfTrue=True))
        ws.conditional_formatting.add(score_rng, CellIsRule(operator="lessThan", formula=["PassMark"],
                                                            fill=S.RED_FILL))
        ws.conditional_formatting.add(score_rng, FormulaRule(
            formula=[f'AND(ISNUMBER({col["score"]}{FIRST_ROW}),{col["score"]}{FIRST_ROW}>=KeepMark)'],
            fill=S.GREEN_FILL))
        # the summary block, two columns right of the table
        lc = len(sheet.columns) + 2
        lab, val = column_letter(lc), column_letter(lc + 1)
        ws.cell(HEADER_ROW, lc, "สรุปผล").font = S.LABEL_FONT
        r = HEADER_ROW + 1
        tool_rows = []
        for item in sheet.summary:
            for tool in ([t.code for t in self.fw.tools] if item.per_tool else [None]):
                label = item.label.format(tool=tool) if tool else item.label
                name = item.name.format(tool=tool) if tool else item.name
                lcell = ws.cell(r, lc, label)
                lcell.font, lcell.border, lcell.alignment = S.LABEL_FONT, S.BORDER, S.WRAP
                vcell = ws.cell(r, lc + 1)
                vcell.border = S.BORDER
                vcell.alignment = S.CENTER
                if item.input:
                    vcell.fill = S.INPUT_FILL
                    vcell.protection = Protection(locked=False)
                    if item.input == "number":
                        vcell.number_format = S.SCORE_FORMAT
                    self.validation_for(ws, item.input, f"{val}{r}", prompt=item.prompt, title=label)
                else:
                    vcell.fill = S.COMPUTED_FILL
                    vcell.value = F.tool_score(tool) if tool else F.SUMMARY[item.key]
                    if item.key in ("total", "previous_total", "gap_to_pass", "tool_score"):
                        vcell.number_format = S.SCORE_FORMAT
                if item.key == "input_errors":
                    ws.conditional_formatting.add(f"{val}{r}", CellIsRule(
                        operator="greaterThan", formula=["0"], fill=S.RED_FILL, font=S.ERROR_FONT))
                if tool:
                    tool_rows.append(r)
                self.name(name, "scores", f"{val}{r}")
                r += 1
        self.name("ToolScores", "scores", f"{val}{tool_rows[0]}:{val}{tool_rows[-1]}")
        ws.column_dimensions[lab].width = 34
        ws.column_dimensions[val].width = 22
        self._protect(ws)

    def analysis(self) -> None:
        sheet, ws, last = self.table("analysis")
        col = self.col_letters(sheet)
        for r, ind in enumerate(self.fw.indicators, FIRST_ROW):
            ws[f"{col['indicator']}{r}"] = ind.number
            for key, formula in F.analysis_row(col, r).items():
                ws[f"{col[key]}{r}"] = formula
            for key in ("score", "gap", "potential_gain"):
                ws[f"{col[key]}{r}"].number_format = S.SCORE_FORMAT
        self.name("AnalysisGain", "analysis", f"{col['potential_gain']}{FIRST_ROW}:{col['potential_gain']}{last}")
        self.name("AnalysisScore", "analysis", f"{col['score']}{FIRST_ROW}:{col['score']}{last}")
        self.name("AnalysisCoverage", "analysis", f"{col['coverage']}{FIRST_ROW}:{col['coverage']}{last}")
        _colour_by_text(ws, col["category"], last, zip(self.fw.categories.labels,
                                                       (S.RED_FILL, S.YELLOW_FILL, S.GREEN_FILL)))
        cov = f"{col['coverage']}{FIRST_ROW}:{col['coverage']}{last}"
        ws.conditional_formatting.add(cov, FormulaRule(
            formula=[(f'AND(ISNUMBER({col["score"]}{FIRST_ROW}),{col["score"]}{FIRST_ROW}<PassMark,'
                      f'{col["coverage"]}{FIRST_ROW}=0)')], fill=S.RED_FILL))
        lc = len(sheet.columns) + 2
        letter = column_letter(lc)
        for i, item in enumerate(sheet.summary):  # one label above each value, a blank row between
            r = HEADER_ROW + 3 * i
            ws.cell(r, lc, item.label.replace("{pass_mark}", f"{self.fw.pass_mark:g}")).font = S.LABEL_FONT
            c = ws.cell(r + 1, lc)
            c.border, c.alignment = S.BORDER, S.CENTER
            if item.input:
                c.fill = S.INPUT_FILL
                c.protection = Protection(locked=False)
                self.validation_for(ws, item.input, f"{letter}{r + 1}", prompt=item.prompt, title=item.label)
            else:
                c.fill, c.value = S.COMPUTED_FILL, F.SUMMARY[item.key]
            self.name(item.name, "analysis", f"{letter}{r + 1}")
        ws.column_dimensions[letter].width = 40
        self._protect(ws)

    def measures(self) -> None:
        n = len(self.sub.measures) if self.sub else 0
        sheet, _ws, _last = self.table("measures", n)
        col = self.col_letters(sheet)
        self.name("MeasureLinks", "measures", f"{col['links']}{FIRST_ROW}:{col['links']}{LINKS_RANGE_ROWS}")
        self.name("MeasureIds", "measures", f"{col['id']}{FIRST_ROW}:{col['id']}{LINKS_RANGE_ROWS}")

    def progress(self) -> None:
        n = len(self.sub.progress) if self.sub else 0
        sheet, ws, last = self.table("progress", n)
        col = self.col_letters(sheet)
        end = max(last, LINKS_RANGE_ROWS)
        self.name("ProgressStatus", "progress", f"{col['status']}{FIRST_ROW}:{col['status']}{end}")
        self.name("ProgressRound", "progress", f"{col['round']}{FIRST_ROW}:{col['round']}{end}")
        self.name("ProgressMeasure", "progress", f"{col['measure_id']}{FIRST_ROW}:{col['measure_id']}{end}")
        _colour_by_text(ws, col["status"], end, zip(self.d.lists["Statuses"],
                                                     (S.GREY_FILL, S.YELLOW_FILL, S.GREEN_FILL)))
        lc = len(sheet.columns) + 2
        ws.cell(HEADER_ROW, lc, "สรุปรอบรายงานปัจจุบัน").font = S.LABEL_FONT
        items = [(s, F.progress_count(s), f"Progress{k}") for s, k in
                 zip(self.d.lists["Statuses"], ("NotStarted", "InProgress", "Done"))]
        items.append(("ดำเนินการแล้ว (ร้อยละ)", F.PROGRESS_DONE_PERCENT, "ProgressDonePercent"))
        for r, (label, formula, nm) in enumerate(items, FIRST_ROW):
            ws.cell(r, lc, label).font = S.LABEL_FONT
            c = ws.cell(r, lc + 1, formula)
            c.fill, c.border, c.alignment = S.COMPUTED_FILL, S.BORDER, S.CENTER
            self.name(nm, "progress", f"{column_letter(lc + 1)}{r}")
        ws.column_dimensions[column_letter(lc)].width = 26
        ws.column_dimensions[column_letter(lc + 1)].width = 12

    def findings(self) -> None:
        self.table("findings")

    def _protect(self, ws: Worksheet) -> None:
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.autoFilter = False

    def print_setup(self) -> None:
        for sheet in self.d.sheets:
            ws = self.ws[sheet.key]
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.orientation = "portrait" if sheet.kind in ("form", "guide") else "landscape"
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.page_margins.left, ws.page_margins.right = 3 / 2.54, 2 / 2.54
            ws.oddFooter.center.text = "หน้า &P / &N"

    def build(self) -> Workbook:
        self.lists()
        self.criteria()
        self.guide()
        self.agency()
        self.scores()
        self.analysis()
        self.measures()
        self.progress()
        self.findings()
        self.print_setup()
        if self.sub is not None:
            from workbook.filler import fill

            fill(self.wb, self.sub, self.d)
        self.wb.active = self.wb.sheetnames.index(self.d.sheet("agency" if self.sub is None else "scores").name)
        return self.wb


def _colour_by_text(ws: Worksheet, letter: str, last: int, pairs) -> None:
    """Conditional fills for a column whose cells hold one of a few texts (statuses, categories)."""
    rng, first = f"{letter}{FIRST_ROW}:{letter}{last}", f"{letter}{FIRST_ROW}"
    for text, fill in pairs:
        ws.conditional_formatting.add(rng, FormulaRule(formula=[f'{first}="{text}"'], fill=fill))


def build_template(fw: Framework, submission: Submission | None = None,
                   definition: Definition | None = None, *, years: Years | None = None) -> Workbook:
    """The template for `fw`'s year as an openpyxl Workbook, filled with `submission` when given.

    A blank book gets `years` (default: measures for the year after `fw`'s) in its year cells."""
    return _Builder(fw, definition or load_definition(), submission, years).build()


def write_template(path: str | Path, fw: Framework, submission: Submission | None = None, *,
                   years: Years | None = None) -> Path:
    """Write the template (or a filled book) atomically to `path`."""
    wb = build_template(fw, submission, years=years)
    return write_atomic(path, lambda tmp: wb.save(tmp))

