"""The template: built from the definition, named by the contract, styled, protected and read back."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from core.frameworks import builtin_years, load_year
from workbook.book_map import read_layout
from workbook.builder import build_template, write_template
from workbook.definition import FIRST_ROW, load_definition

CONTRACT_NAMES = ("AgencyName", "AgencyType", "Province", "District", "FiscalYear", "AssessedYear",
                  "ReportRound", "ReportDate", "TemplateVersion", "TemplateId", "TotalScore", "Rating")
CONTRACT_TABLES = ("Scores", "Analysis", "Measures", "Progress", "Findings")


@pytest.fixture(scope="module")
def blank_2565(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "t.xlsx"
    write_template(path, load_year(2565))
    return path


@pytest.mark.parametrize("year", builtin_years())
def test_every_year_builds_with_the_contract(year, tmp_path):
    path = write_template(tmp_path / f"{year}.xlsx", load_year(year))
    with zipfile.ZipFile(path) as zf:
        layout = read_layout(zf)
    d = load_definition()
    assert layout.sheets == [s.name for s in d.sheets]
    for name in CONTRACT_NAMES:
        assert name in layout.names, name
    for table in CONTRACT_TABLES:
        assert table in layout.tables, table
    scores = layout.tables["Scores"]
    assert scores.columns[:1] == ("ตัวชี้วัด",) and "คะแนน" in scores.columns
    assert scores.area.last_row - scores.area.row == len(load_year(year).indicators)
    wb = openpyxl.load_workbook(path)
    crit = wb["เกณฑ์"]
    assert crit["B1"].value == year


def test_stamp_and_hidden_helper_sheets(blank_2565):
    wb = openpyxl.load_workbook(blank_2565)
    d = load_definition()
    names = {n: next(iter(dn.destinations)) for n, dn in wb.defined_names.items()}
    sheet, ref = names["TemplateId"]
    assert wb[sheet][ref.replace("$", "")].value == d.template_id
    sheet, ref = names["TemplateVersion"]
    assert wb[sheet][ref.replace("$", "")].value == d.version
    assert wb["รายการ"].sheet_state == "hidden" and wb["เกณฑ์"].sheet_state == "hidden"
    assert wb["เกณฑ์"].protection.sheet and wb["รายการ"].protection.sheet


def test_thai_font_is_the_real_default(blank_2565):
    with zipfile.ZipFile(blank_2565) as zf:
        styles = zf.read("xl/styles.xml").decode()
    first_font = styles.split("<fonts", 1)[1].split("<font>", 1)[1].split("</font>", 1)[0]
    assert 'val="TH SarabunPSK"' in first_font and 'val="16"' in first_font
    cell_style_xfs = styles.split("<cellStyleXfs", 1)[1].split("</cellStyleXfs>", 1)[0]
    assert 'fontId="0"' in cell_style_xfs
    assert '<cellStyle name="Normal" xfId="0" builtinId="0"' in styles


def test_inputs_unlocked_formulas_locked_and_validated(blank_2565):
    wb = openpyxl.load_workbook(blank_2565)
    ws = wb["คะแนน"]
    assert ws.protection.sheet
    assert ws[f"E{FIRST_ROW}"].protection.locked is False  # the score
    assert ws[f"B{FIRST_ROW}"].protection.locked is True and str(ws[f"B{FIRST_ROW}"].value).startswith("=")
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    score_rule = next(dv for ref, dv in rules.items() if ref.startswith(f"E{FIRST_ROW}"))
    assert (score_rule.type, score_rule.formula1, score_rule.formula2) == ("decimal", "0", "100")
    agency = wb["ข้อมูลหน่วยงาน"]
    lists = [dv.formula1 for dv in agency.data_validations.dataValidation if dv.type == "list"]
    assert "AgencyTypes" in lists and "ReportRounds" in lists  # a defined name, without "="
    assert all(dv.prompt for dv in agency.data_validations.dataValidation)
    progress = wb["ความก้าวหน้า"]
    assert not progress.protection.sheet  # tables on unprotected sheets grow when officers type below
    assert any(dv.formula1 == "Statuses" for dv in progress.data_validations.dataValidation)
    assert ws.conditional_formatting and wb["วิเคราะห์"].conditional_formatting


def test_print_setup(blank_2565):
    wb = openpyxl.load_workbook(blank_2565)
    for name in ("คะแนน", "วิเคราะห์", "มาตรการ", "ความก้าวหน้า"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == f"B{FIRST_ROW}"
        assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_workbook_object_is_built_without_disk():
    wb = build_template(load_year(2567))
    assert "ผ่านดีเยี่ยม" in [c.value for c in wb["เกณฑ์"]["A"]]
