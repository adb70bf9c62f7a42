"""Property: whatever text fills the template's input cells (formula starts, control characters, RTL marks,
Thai digits, text longer than a cell may hold), validate, report (xlsx, docx) and merge finish with exit 0 or
1 and no traceback, no output holds a formula made from that text, and every output opens with openpyxl and
python-calamine."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import openpyxl
import python_calamine
from books import hostile_book
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cli.main import main
from core.frameworks import load_year
from workbook.definition import FIRST_ROW, FORM_FIRST_ROW, column_letter, load_definition

D = load_definition()
KEPT = {"fiscal_year", "assessed_year"}  # the years pick the framework; without one no report can be made


def input_cells() -> list[str]:
    """Every input cell of the base book: the agency form, the scores and their summary inputs, the analysis
    issues, and three rows of measures and of progress."""
    from workbook.builder import build_template

    fw = load_year(2565)
    agency = D.sheet("agency")
    cells = [f"agency!B{FORM_FIRST_ROW + i}" for i, f in enumerate(agency.fields) if f.key not in KEPT]
    for key in ("scores", "analysis", "measures", "progress"):
        sheet = D.sheet(key)
        rows = range(FIRST_ROW, FIRST_ROW + (len(fw.indicators) if sheet.fixed_rows else 3))
        for c, col in enumerate(sheet.columns, 1):
            if not (col.computed or col.locked):
                cells += [f"{key}!{column_letter(c)}{r}" for r in rows]
    wb = build_template(fw)
    for item in D.sheet("scores").summary:
        if item.input:
            _, ref = next(iter(wb.defined_names[item.name].destinations))
            cells.append(f"scores!{ref.replace('$', '')}")
    return cells


CELLS = input_cells()
ALPHABET = st.sampled_from(list("กขคงจฉชซญฎฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาำิีึืุูเแโใไ่้๊๋็์")
                           + list("๐๑๒๓๔๕๖๗๘๙0123456789 ,.;/-=+@#'\"<>&_x")
                           + ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\t", "\n", "\r",
                              "\u200b", "\u200e", "\u200f", "\u202e", "\u2067", "\ufeff", "\ufffe", "😀"])
STARTS = st.sampled_from(["", "", "=", "+", "-", "@", "#N/A", "'", '=HYPERLINK("http://example.go.th","x")',
                          "=cmd|' /C calc'!A0", "\u202e=", "๙๖.๑๐", "_x0007_"])
TEXT = st.builds(lambda a, b: a + b, STARTS, st.text(ALPHABET, max_size=24))


@st.composite
def books(draw):
    texts = {cell: draw(TEXT) for cell in CELLS}
    long_cell = draw(st.sampled_from([None, "measures!C4", "progress!E5", "analysis!J12", "agency!B3"]))
    if long_cell:
        chunk = draw(st.text(ALPHABET, min_size=4, max_size=12)) + "ข้อความ "
        texts[long_cell] = draw(STARTS) + chunk * (36_000 // len(chunk) + 1)
    return texts


def ita(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, err.getvalue()


def formula_cells(path: Path) -> set[tuple[str, str]]:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"}


def opens(path: Path) -> None:
    openpyxl.load_workbook(path).close()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def no_formula(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n) for n in zf.namelist()
                       if n.startswith("xl/worksheets/"))


@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
          phases=(Phase.explicit, Phase.generate))  # no shrinking: 110 cells shrink for minutes
@given(books())
def test_hostile_text_in_every_input_cell(tmp_path_factory, monkeypatch, texts):
    tmp = tmp_path_factory.mktemp("hostile")
    monkeypatch.setenv("ITA_LOG_DIR", str(tmp / "logs"))
    src = hostile_book(tmp, texts, name="hostile.xlsx")
    template_formulas = formula_cells(src)

    code, err = ita("validate", str(src), "--annotate", str(tmp / "annotated.xlsx"))
    assert code in (0, 1) and "Traceback" not in err, err
    opens(tmp / "annotated.xlsx")
    assert formula_cells(tmp / "annotated.xlsx") <= template_formulas  # no cell of user text became one

    code, err = ita("report", str(src), "--format", "xlsx,docx", "-o", str(tmp / "r"))
    assert code in (0, 1) and "Traceback" not in err, err
    reports = sorted((tmp / "r").iterdir()) if (tmp / "r").exists() else []
    assert code == 1 or len(reports) >= 2
    for path in reports:
        if path.suffix == ".xlsx":
            opens(path)
            assert no_formula(path), path.name
        else:
            import docx

            docx.Document(str(path))

    code, err = ita("merge", str(src), "-o", str(tmp / "ov.xlsx"), "--db", str(tmp / "m.duckdb"), "-j", "1",
                    "--no-progress")
    assert code in (0, 1) and "Traceback" not in err, err
    for path in tmp.glob("ov*.xlsx"):
        opens(path)
        assert no_formula(path), path.name
    assert not (tmp / "logs").exists() or not any((tmp / "logs").iterdir())  # no crash was logged
