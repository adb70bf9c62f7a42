"""Years said once, plainly: a fiscal year of measures builds on the ITA result of the year before."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from actions.template import template_years
from core.errors import FrameworkError
from core.frameworks import builtin_years
from core.years import Years, current_years, resolve_year, years_of

KNOWN = builtin_years()  # the built-in framework files


def test_the_two_years_of_a_cycle():
    assert Years.of_fiscal(2570) == Years(2570, 2569) == Years.of_assessed(2569)
    assert Years(2566, 2565).next() == Years(2567, 2566)
    assert Years.of_fiscal(2570).say() == "ปีงบประมาณ 2570 ใช้ผลการประเมิน ITA 2569"
    assert current_years(dt.date(2026, 11, 30)) == Years(2570, 2569)
    assert current_years(dt.date(2026, 9, 30)) == Years(2569, 2568)
    assert years_of(2570, None) == Years(2570, 2569) and years_of(None, 2565) == Years(2566, 2565)
    assert years_of(2570, 2568) == Years(2570, 2568) and years_of(None, None) is None


@pytest.mark.parametrize("typed, years", [
    (2569, Years(2570, 2569)),  # a result year with a framework
    (2570, Years(2570, 2569)),  # no framework for 2570: the measures' fiscal year
    (2565, Years(2566, 2565)),
])
def test_one_typed_year_is_resolved(typed, years):
    assert resolve_year(typed, KNOWN) == years


def test_a_year_with_no_framework_names_the_files_to_add():
    with pytest.raises(FrameworkError) as err:
        resolve_year(2572, KNOWN)
    assert "2571.toml" in err.value.message and "2572.toml" in err.value.message


def test_template_years_follow_the_same_rule():
    years, fw = template_years(2570)
    assert years == Years(2570, 2569) and fw.year == 2569
    years, fw = template_years(None, fiscal_year=2566)
    assert years == Years(2566, 2565) and fw.year == 2565


def test_ita_template_fills_both_years_and_says_them(ita, tmp_path):
    out = tmp_path / "t.xlsx"
    r = ita("template", "--year", "2570", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "ปีงบประมาณ 2570 ใช้ผลการประเมิน ITA 2569" in r.stdout
    wb = openpyxl.load_workbook(out)
    values = {}
    for name in ("FiscalYear", "AssessedYear"):
        sheet, ref = next(iter(wb.defined_names[name].destinations))
        values[name] = wb[sheet][ref.replace("$", "")].value
    assert values == {"FiscalYear": 2570, "AssessedYear": 2569}
    assert wb["เกณฑ์"]["B1"].value == 2569
    r = ita("template", "--year", "2572", "-o", str(tmp_path / "x.xlsx"))
    assert r.returncode == 2 and "2571.toml" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = ita("rate", "--year", "2570", "--total", "90")
    assert r.returncode == 2 and "--year 2569" in r.stderr
