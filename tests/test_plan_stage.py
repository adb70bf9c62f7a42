"""The plan stage: a book with analysis and measures and no progress yet, the OIT item each document answers,
and the focus indicator."""

from __future__ import annotations

import datetime as dt

import pytest
from books import base_submission, book

from core.frameworks import load_year
from core.frameworks.documents import document_item, focus_rule, normalise_item
from core.scoring import lowest_indicator
from workbook.model import PLAN_ROUND
from workbook.reader import read_workbook
from workbook.validation import validate_file, validate_submission
from workbook.values import as_round


def _plan(sub):
    sub.agency.report_round = PLAN_ROUND
    sub.agency.report_date = dt.date(2022, 11, 15)
    sub.progress = []


def test_a_plan_needs_no_progress_and_validates_clean(tmp_path):
    path = book(tmp_path, _plan)
    sub = read_workbook(path).submission
    assert sub.agency.report_round == PLAN_ROUND and sub.progress == []
    assert validate_file(path).findings == []
    s = base_submission()
    _plan(s)
    assert validate_submission(s) == []


def test_the_same_book_at_six_months_asks_for_progress(tmp_path):
    path = book(tmp_path, lambda s: (_plan(s), setattr(s.agency, "report_round", 6)))
    codes = [f.code for f in validate_file(path).findings]
    assert codes.count("progress-missing") == 3


@pytest.mark.parametrize("typed, value", [("แผน", 0), (" แผน ", 0), ("plan", 0), ("0", 0), (6, 6), ("๑๒", 12),
                                          (12.0, 12)])
def test_the_stage_as_typed(typed, value):
    assert as_round(typed) == value


def test_a_stage_not_in_the_list_is_named(tmp_path):
    report = validate_file(book(tmp_path, cells={"agency!B9": "ครึ่งปี"}))
    f = next(f for f in report.findings if f.sheet == "ข้อมูลหน่วยงาน" and f.cell == "B9")
    assert f.code == "value-not-in-list" and "แผน, 6, 12" in f.fix_th


def test_a_report_date_long_before_the_plan_is_a_warning(tmp_path):
    def early(sub):
        _plan(sub)
        sub.agency.report_date = dt.date(2022, 3, 1)

    f = next(f for f in validate_file(book(tmp_path, early)).findings if f.code == "report-date-outside-round")
    assert "ระยะจัดทำแผน" in f.message_th and "1 ก.ค. 2565" in f.message_th


def test_the_item_a_document_answers_belongs_to_the_fiscal_year():
    fy2566 = document_item(2566, "measures", "O99")
    assert (fy2566.code, fy2566.confirmed, fy2566.typed) == ("O42", True, "O99")
    assert (document_item(2566, "progress").code, document_item(2566, "progress").confirmed) == ("O43", True)
    fy2567 = document_item(2567, "measures")
    assert (fy2567.code, fy2567.confirmed) == ("O32", False)  # no source for O32: printed as unconfirmed
    fy2570 = document_item(2570, "measures", " o๒๕ ")
    assert (fy2570.code, fy2570.confirmed, fy2570.year) == ("O25", False, 2570)
    assert document_item(2570, "progress").code is None
    assert normalise_item("O 26") == "O26" and normalise_item("ข้อ 26") == ""


def test_the_focus_guidance_and_the_proposed_focus():
    assert focus_rule(2570, load_year(2569))[0] == "lowest"  # no 2570 file: the analysed result's guidance
    assert focus_rule(2569, load_year(2568))[0] == "lowest"  # the fiscal year's own assessment
    assert focus_rule(2566, load_year(2565))[0] is None
    fw = load_year(2569)
    scores = {n: 90.0 for n in fw.indicator_numbers} | {4: 70.0, 7: 70.0}
    assert lowest_indicator(fw, scores) == 4
    assert lowest_indicator(fw, scores | {2: None}) is None


def test_the_focus_is_read_from_the_book(tmp_path):
    path = book(tmp_path, lambda s: setattr(s, "focus", 9))
    assert read_workbook(path).submission.focus == 9
    assert validate_file(path).findings == []
