"""Next year: every sample rolled into the next cycle, new scores filled in, validates clean at the plan stage."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from books import book

from actions.rollover import next_submission, roll_over
from actions.samples import write_samples
from core.errors import FrameworkError, InputError
from core.years import Years
from workbook.model import PLAN_ROUND
from workbook.reader import read_workbook
from workbook.samples import SAMPLE_KEYS, load_sample
from workbook.validation import validate_file

# the next result, better everywhere (the measures worked): every indicator at the pass mark or above
NEW_SCORES = "96.20,91.45,90.80,92.10,95.60,93.75,94.20,90.65,88.40,87.90"
NEW = dict(enumerate((float(x) for x in NEW_SCORES.split(",")), 1))


@pytest.fixture(scope="module")
def rolled(tmp_path_factory):
    out = tmp_path_factory.mktemp("roll")
    last = {p.stem: p for p in write_samples(out / "last")}
    return {key: (last[key], roll_over(last[key], out / "next" / f"{key}.xlsx", scores=NEW,
                                       today=dt.date(2026, 11, 30))) for key in SAMPLE_KEYS}


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_every_sample_rolls_into_the_next_year_and_validates_clean(rolled, key):
    last_path, r = rolled[key]
    last, new = read_workbook(last_path).submission, read_workbook(r.path).submission
    assert r.years == Years(2567, 2566)
    a = new.agency
    assert (a.fiscal_year, a.assessed_year, a.report_round) == (2567, 2566, PLAN_ROUND)
    assert (a.name, a.district, a.officer, a.executive_name) == (last.agency.name, last.agency.district,
                                                                 last.agency.officer, last.agency.executive_name)
    assert a.document_number == "" and a.report_date == dt.date(2024, 3, 31)  # the plan window's end
    assert new.scores.previous == {n: v for n, v in last.scores.current.items() if v is not None}
    assert new.scores.current == NEW and new.scores.published_total is None
    assert [m.id for m in new.measures] == [m.id for m in last.measures]
    for old, m in zip(last.measures, new.measures):
        assert (m.title, m.links) == (old.title, old.links)
        assert m.start == old.start.replace(year=old.start.year + 1) and m.end == old.end.replace(year=old.end.year + 1)
    assert new.progress == [] and all(not x.issue for x in new.analysis)
    findings = validate_file(r.path).findings
    assert [(f.code, f.cell) for f in findings if f.severity != "info"] == []
    wb = openpyxl.load_workbook(r.path)
    assert wb["เกณฑ์"]["B1"].value == 2566  # the new result year's framework


def test_the_input_is_never_touched(rolled):
    last_path, _ = rolled["yang_yong"]
    before = last_path.read_bytes()
    with pytest.raises(InputError) as err:
        roll_over(last_path, last_path)
    assert "ไฟล์เดิม" in str(err.value) and last_path.read_bytes() == before


def test_a_weak_new_score_asks_for_the_new_analysis(tmp_path):
    last = book(tmp_path, name="last.xlsx")
    r = roll_over(last, tmp_path / "next.xlsx", scores={**NEW, 4: 80.0}, today=dt.date(2023, 11, 1))
    codes = {(f.code, f.row_id) for f in validate_file(r.path).findings if f.severity == "error"}
    assert ("analysis-issue-missing", "4") in codes and ("coverage-missing", "4") in codes
    assert read_workbook(r.path).submission.agency.report_date == dt.date(2023, 11, 1)


def test_a_result_year_without_a_framework_names_the_file_to_add(tmp_path):
    sub = load_sample("ban_kham")
    sub.agency.fiscal_year, sub.agency.assessed_year = 2570, 2569
    with pytest.raises(FrameworkError) as err:
        next_submission(sub)
    assert "ปีงบประมาณ 2571 ใช้ผลการประเมิน ITA 2570" in err.value.message and "2570.toml" in err.value.message


def test_ita_rollover(tmp_path, ita):
    last = write_samples(tmp_path / "last")[0]
    r = ita("rollover", str(last), "--scores", NEW_SCORES.replace("9", "๙"))
    assert r.returncode == 0, r.stderr
    assert "ปีงบประมาณ 2567 ใช้ผลการประเมิน ITA 2566" in r.stdout
    made = list((tmp_path / "last").glob("*_ปีงบประมาณ_2567.xlsx"))
    assert len(made) == 1 and read_workbook(made[0]).submission.scores.current == NEW
    again = ita("rollover", str(last))  # never over an existing file
    assert again.returncode == 0 and len(list((tmp_path / "last").glob("*_ปีงบประมาณ_2567*.xlsx"))) == 2
    bad = ita("rollover", str(last), "--scores", "1,2,3")
    assert bad.returncode == 2 and "10 ค่า" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    missing = ita("rollover", str(tmp_path / "ไม่มี.xlsx"))
    assert missing.returncode == 2 and "ไม่พบไฟล์" in missing.stderr
