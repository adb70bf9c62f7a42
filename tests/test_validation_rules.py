"""One fixture book per rule: the base book with one mutation gives that finding, at that sheet and cell."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from books import ROW, Literal, base_submission, book

from workbook.definition import load_definition
from workbook.reader import read_workbook
from workbook.validation import validate_file, validate_result, validate_submission
from workbook.validation.catalogue import load_catalogue

D = load_definition()


def _set(path: str, value: object):
    """mutate(sub): sub.<path> = value, with list indexes: 'measures.0.responsible'."""
    def mutate(sub):
        *parents, last = path.split(".")
        obj = sub
        for p in parents:
            obj = obj[int(p)] if p.isdigit() else getattr(obj, p)
        if isinstance(obj, dict):
            obj[int(last)] = value
        else:
            setattr(obj, last, value)
    return mutate


def _years(fiscal: int):
    def mutate(sub):
        sub.agency.fiscal_year, sub.agency.assessed_year = fiscal, fiscal - 1
    return mutate


def _drop_measure(i: int):
    def mutate(sub):
        m = sub.measures.pop(i)
        sub.progress = [p for p in sub.progress if p.measure_id != m.id]
    return mutate


def _swap_measures(sub):
    sub.measures[0], sub.measures[1] = sub.measures[1], sub.measures[0]


def _no_issue(n: int):
    def mutate(sub):
        sub.analysis = [a for a in sub.analysis if a.indicator != n]
    return mutate


def _copy_progress(sub):
    sub.progress.append(dataclasses.replace(sub.progress[0]))


def _drop_sheet(key: str):
    return lambda wb: wb.remove(wb[D.sheet(key).name])


def _merge(key: str, ref: str):
    return lambda wb: wb[D.sheet(key).name].merge_cells(ref)


# id: (mutate, cells, edit) -> (code, sheet key, cell)
CASES = {
    # agency
    "agency-required": (_set("agency.name", ""), None, None, "agency-required", "agency", "B3"),
    "agency-type": (_set("agency.type", "อบต."), None, None, "value-not-in-list", "agency", "B4"),
    "year-ce": (_set("agency.fiscal_year", 2023), None, None, "year-ce", "agency", "B7"),
    "year-out-of-range": (_set("agency.fiscal_year", 2590), None, None, "year-out-of-range", "agency", "B7"),
    "assessed-year": (_set("agency.assessed_year", 2564), None, None, "assessed-year-unusual", "agency", "B8"),
    "framework-fallback": (_set("agency.assessed_year", 2561), None, None, "framework-unknown", "agency", "B8"),
    "not-int": (None, {"agency!B7": "ปี 2566"}, None, "not-a-whole-number", "agency", "B7"),
    "not-date": (None, {"agency!B10": "เมื่อวาน"}, None, "not-a-date", "agency", "B10"),
    "date-panic": (None, {"progress!C4": -10**12}, None, "not-a-date", "progress", "C4"),  # calamine panics
    "date-be": (None, {"agency!B10": dt.datetime(2566, 9, 28)}, None, "date-be-typed", "agency", "B10"),
    "date-be-text": (None, {"progress!C4": "25/9/2566"}, None, "date-be-typed", "progress", "C4"),
    "date-typo": (_set("agency.report_date", dt.date(2256, 9, 28)), None, None, "date-implausible", "agency", "B10"),
    "report-date": (_set("agency.report_date", dt.date(2022, 5, 1)), None, None, "report-date-outside-round",
                    "agency", "B10"),
    "round": (_set("agency.report_round", 9), None, None, "value-not-in-list", "agency", "B9"),
    "province": (_set("agency.province", "ขอนแกน"), None, None, "place-province-unknown", "agency", "B6"),
    "district": (_set("agency.district", "นำพอง"), None, None, "place-district-unknown", "agency", "B5"),
    # scores
    "score-missing": (_set("scores.current.3", None), None, None, "score-missing", "scores", f"E{ROW[3]}"),
    "score-not-number": (None, {"scores!E12": "abc"}, None, "score-not-number", "scores", "E12"),
    "score-range": (_set("scores.current.5", 105.0), None, None, "score-out-of-range", "scores", f"E{ROW[5]}"),
    "previous-range": (_set("scores.previous.5", -1.0), None, None, "score-out-of-range", "scores", f"F{ROW[5]}"),
    "score-decimals": (_set("scores.current.1", 96.123), None, None, "score-decimals", "scores", f"E{ROW[1]}"),
    "score-decimals-text": (None, {"scores!E4": "96.105"}, None, "score-decimals", "scores", "E4"),
    "indicator-unknown": (None, {"scores!A13": 11}, None, "score-indicator-unknown", "scores", "A13"),
    "total": (_set("scores.published_total", 70.0), None, None, "total-mismatch", "scores", "K12"),
    "rating": (_set("scores.published_rating", "B"), None, None, "rating-mismatch", "scores", "K13"),
    "rating-unverified": (_set("scores.published_rating", "D"), None, None, "rating-mismatch-unverified", "scores",
                          "K13"),
    "respondents": (None, {"scores!K14": "สามสิบ"}, None, "not-a-whole-number", "scores", "K14"),
    # analysis
    "analysis": (_no_issue(9), None, None, "analysis-issue-missing", "analysis", f"J{ROW[9]}"),
    # measures
    "measure-required": (_set("measures.0.responsible", ""), None, None, "measure-required", "measures", "G4"),
    "measure-no-id": (_set("measures.2.id", ""), None, None, "measure-required", "measures", "A6"),
    "measure-id-dup": (_set("measures.1.id", "M01"), None, None, "measure-id-duplicate", "measures", "A5"),
    "measure-dup": (_set("measures.2.title", "จัดทำและเผยแพร่มาตรการป้องกันการทุจริต"), None, None,
                    "measure-duplicate", "measures", "C6"),
    "link-text": (_set("measures.2.links", ("2", "ข้อห้า")), None, None, "link-not-understood", "measures", "D6"),
    "link-indicator": (_set("measures.2.links", ("2", "12")), None, None, "link-indicator-unknown", "measures", "D6"),
    "link-item": (_set("measures.2.links", ("2", "O99")), None, None, "link-item-unknown", "measures", "D6"),
    "link-question": (_set("measures.2.links", ("2", "i45")), None, None, "link-item-unknown", "measures", "D6"),
    "dates-reversed": (_set("measures.2.start", dt.date(2023, 9, 1)), {"measures!I6": dt.datetime(2022, 10, 1)}, None,
                       "measure-dates-reversed", "measures", "I6"),
    "outside-fy": (_set("measures.2.start", dt.date(2021, 10, 1)), {"measures!I6": dt.datetime(2022, 8, 1)}, None,
                   "measure-outside-fiscal-year", "measures", "H6"),
    "cadence": (_set("measures.2.reporting", "ทุกวัน"), None, None, "cadence-not-in-list", "measures", "K6"),
    "column-missing": (None, {"measures!G3": "คนทำ"}, None, "column-missing", "measures", "A3"),
    "table-missing": (None, None, _drop_sheet("progress"), "table-missing", "progress", "A1"),
    "merged-across": (None, None, _merge("measures", "C4:D4"), "cells-merged-across", "measures", "C4:D4"),
    # duplicate keys: the repeated row is an error and never read over the first
    "indicator-dup": (None, {"scores!A13": 1}, None, "indicator-duplicate", "scores", "A13"),
    "analysis-dup": (None, {"analysis!A12": 10}, None, "indicator-duplicate", "analysis", "A13"),
    # what the book shows against what the toolkit computes
    "total-typed-over": (None, {"scores!K7": 90}, None, "computed-cell-differs", "scores", "K7"),
    "weight-typed-over": (None, {"scores!D4": 0.5}, None, "computed-cell-differs", "scores", "D4"),
    "criteria-weight": (None, {"criteria!E13": 0.5}, None, "criteria-differs", "criteria", "E13"),
    "criteria-band": (None, {"criteria!B25": 80}, None, "criteria-differs", "criteria", "B25"),
    "criteria-year": (None, {"criteria!B1": 2566}, None, "criteria-year-differs", "criteria", "B1"),
    "criteria-words": (None, {"criteria!I3": "ดีแล้ว"}, None, "criteria-differs", "criteria", "I3"),
    "criteria-keep": (None, {"criteria!B3": 90}, None, "criteria-differs", "criteria", "B3"),
    # coverage
    "coverage": (_drop_measure(1), None, None, "coverage-missing", "analysis", f"I{ROW[9]}"),
    "coverage-item": (_set("measures.1.links", ("O20",)), None, None, "coverage-item-only", "analysis", f"I{ROW[9]}"),
    "coverage-order": (_swap_measures, None, None, "coverage-order", "measures", "D5"),
    # progress
    "progress-missing": (lambda s: s.progress.pop(2), None, None, "progress-missing", "measures", "A6"),
    "progress-required": (_set("progress.0.status", ""), None, None, "progress-required", "progress", "D4"),
    "progress-unknown": (_set("progress.2.measure_id", "M09"), None, None, "progress-unknown-measure", "progress",
                         "A6"),
    "progress-status": (_set("progress.0.status", "เสร็จ"), None, None, "progress-status-unknown", "progress", "D4"),
    "progress-round": (_set("progress.0.round", 9), None, None, "value-not-in-list", "progress", "B4"),
    "done-no-results": (_set("progress.0.results", ""), None, None, "progress-done-no-results", "progress", "E4"),
    "evidence": (_set("progress.0.evidence", "ตามเอกสารแนบ"), None, None, "progress-evidence-not-link", "progress",
                 "G4"),
    "as-of": (_set("progress.0.as_of", dt.date(2024, 3, 1)), None, None, "progress-date-outside-round", "progress",
              "C4"),
    "progress-dup": (_copy_progress, None, None, "progress-duplicate", "progress", "A7"),
    # text
    "formula-minus": (_set("measures.0.steps", "-ประชุมและประกาศ"), None, None, "text-formula-like", "measures", "F4"),
    "formula-equals": (None, {"measures!F4": Literal("=ประชุม")}, None, "text-formula-like", "measures", "F4"),
    "formula-phone": (_set("agency.contact", "+66 43 000 000"), None, None, "text-formula-like", "agency", "B13"),
    "spaces": (_set("measures.0.title", " จัดทำ  มาตรการ "), None, None, "text-stray-spaces", "measures", "C4"),
    "mixed-digits": (_set("measures.0.steps", "ประชุมปี ๒๕66"), None, None, "digits-mixed", "measures", "F4"),
    "thai-digits": (None, {"agency!B7": "๒๕๖๖"}, None, "digits-thai", "agency", "B7"),
    "score-as-text": (None, {"scores!E4": "๙๖.๑๐"}, None, "number-typed-as-text", "scores", "E4"),
    # the OIT item a document answers, and the focus indicator
    "item-not-code": (None, {"agency!B21": "ข้อมาตรการ"}, None, "document-item-not-code", "agency", "B21"),
    "item-differs": (None, {"agency!B21": "o25"}, None, "document-item-differs", "agency", "B21"),
    "item-unconfirmed": (_years(2567), None, None, "document-item-unconfirmed", "agency", "B21"),
    "focus-unknown": (None, {"analysis!L10": 11}, None, "focus-unknown", "analysis", "L10"),
    "focus-not-covered": (_years(2569), {"analysis!L10": 4}, None, "focus-not-covered", "analysis", "L10"),
    "stakeholders-as-text": (None, {"agency!B14": Literal("40 ")}, None, "number-typed-as-text", "agency", "B14"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_rule_points_at_its_cell(tmp_path, case):
    mutate, cells, edit, code, sheet, cell = CASES[case]
    report = validate_file(book(tmp_path, mutate, cells, edit=edit))
    hits = [f for f in report.findings if f.code == code]
    assert hits, f"{code} not found in {[(f.code, f.cell) for f in report.findings]}"
    assert (hits[0].sheet, hits[0].cell) == (D.sheet(sheet).name, cell)
    for f in report.findings:  # every finding names file, sheet and cell, in Thai and English
        assert f.file == str(tmp_path / "book.xlsx") and f.sheet and f.cell
        assert f.message_th and f.message_en and f.fix_th and "{" not in f.message_th + f.fix_th
    assert report.status == ("errors" if any(f.severity == "error" for f in report.findings) else "ok")


def test_every_catalogue_code_has_a_fixture():
    covered = {c[3] for c in CASES.values()} | {"file-unreadable", "template-old-version", "workbook-has-macros"}
    assert covered == set(load_catalogue().entries)


def test_the_clean_book_has_no_finding(tmp_path):
    assert validate_file(book(tmp_path)).findings == []
    assert validate_submission(base_submission()) == []


def test_the_brief_s_own_example(tmp_path):
    f = next(f for f in validate_file(book(tmp_path, cells={"scores!E12": "abc"})).findings
             if f.code == "score-not-number")
    assert f.message_th == "คะแนนตัวชี้วัด 9 ในเซลล์ E12 เป็น 'abc' ซึ่งไม่ใช่ตัวเลข" and f.row_id == "9"
    assert f.severity == "error"


def test_an_unreadable_score_is_not_also_missing(tmp_path):
    codes = [f.code for f in validate_file(book(tmp_path, cells={"scores!E12": "abc"})).findings]
    assert "score-missing" not in codes and codes.count("score-not-number") == 1


def test_ce_year_suggests_the_be_year(tmp_path):
    f = next(f for f in validate_file(book(tmp_path, _set("agency.fiscal_year", 2023))).findings
             if f.code == "year-ce")
    assert "2566" in f.fix_th and "ค.ศ." in f.message_th


@pytest.mark.parametrize("province, district, nearest", [
    ("ขอนแกน", "เมือง", "ขอนแก่น"), ("ขอนแก่น", "นำพอง", "น้ำพอง"), ("ขอนแก่น", "บ้านไผ", "บ้านไผ่")])
def test_a_misspelt_place_names_the_nearest_real_one(province, district, nearest):
    def mutate(sub):
        sub.agency.province, sub.agency.district = province, district
    f = next(f for f in validate_submission(_mutated(mutate)) if f.code.startswith("place-"))
    assert f"'{nearest}'" in f.message_th and f"'{nearest}'" in f.fix_th and f.severity == "warning"


@pytest.mark.parametrize("province, district", [
    ("จ.ขอนแก่น", "อ.เมือง"), ("จังหวัดขอนแก่น", "อำเภอน้ำพอง"), (" ขอนแก่น ", "เมืองขอนแก่น"), ("ขอนแก่น", "นำ้พอง")])
def test_usual_spellings_of_real_places_are_accepted(province, district):
    def mutate(sub):
        sub.agency.province, sub.agency.district = province, district
    assert not [f for f in validate_submission(_mutated(mutate)) if f.code.startswith("place-")]


def test_a_district_of_another_province_says_where_it_is():
    def mutate(sub):
        sub.agency.name, sub.agency.province, sub.agency.district = "องค์การบริหารส่วนตำบลยางหย่อง", "เพชรบุรี", "ท่าช้าง"
    f = next(f for f in validate_submission(_mutated(mutate)) if f.code == "place-district-unknown")
    assert "สิงห์บุรี" in f.message_th and "'ท่ายาง'" in f.fix_th  # the subdistrict ยางหย่อง is in ท่ายาง


def test_item_only_link_says_which_number_to_add(tmp_path):
    f = next(f for f in validate_file(book(tmp_path, _set("measures.1.links", ("O20",)))).findings
             if f.code == "coverage-item-only")
    assert "M02" in f.message_th and "O20" in f.message_th and "'9, O20'" in f.fix_th


def test_no_framework_at_all_is_a_finding_not_a_crash(tmp_path):
    def mutate(sub):
        sub.agency.fiscal_year, sub.agency.assessed_year = 2591, 2590
    report = validate_file(book(tmp_path, mutate))
    unknown = [f for f in report.findings if f.code == "framework-unknown"]
    assert unknown and "ตรวจคะแนนและตัวชี้วัดกับเกณฑ์ไม่ได้" in unknown[0].message_th
    assert not any(f.code.startswith(("score-", "coverage", "analysis")) for f in report.findings)


@pytest.mark.parametrize("score, weak", [(84.99, True), (85.00, False), (94.99, False), (95.00, False)])
def test_band_edges_of_the_pass_mark(tmp_path, score, weak):
    def mutate(sub):
        sub.scores.current[9] = score
        sub.scores.published_total = sub.scores.published_rating = None
        sub.analysis = [a for a in sub.analysis if a.indicator != 9]
        sub.measures[1].links = ("O20",)
    codes = {f.code for f in validate_submission(_mutated(mutate))}
    assert ("analysis-issue-missing" in codes) is weak and ("coverage-item-only" in codes) is weak


@pytest.mark.parametrize("score, category", [(84.99, "จุดอ่อนเร่งด่วน"), (85.00, "ควรปรับปรุง"),
                                              (94.99, "ควรปรับปรุง"), (95.00, "รักษาระดับ")])
def test_categories_at_their_edges(score, category):
    """The one category function (the template's formula is checked against it in LibreOffice)."""
    from core.frameworks import load_year
    from core.scoring import category as cat

    assert cat(load_year(2565), score) == category


def test_float_noise_is_not_a_third_decimal(tmp_path):
    report = validate_file(book(tmp_path, cells={"scores!E4": 96.10000000000001, "scores!E5": 92.12}))
    assert not [f for f in report.findings if f.code == "score-decimals"]


def test_round_six_allows_sixty_days_after_march(tmp_path):
    def mutate(sub):
        sub.agency.report_round, sub.agency.report_date = 6, dt.date(2023, 5, 30)
        for p in sub.progress:
            p.round, p.as_of = 6, dt.date(2023, 5, 30)
    assert validate_submission(_mutated(mutate)) == []
    late = _mutated(mutate)
    late.progress[0].as_of = dt.date(2023, 5, 31)
    assert [f.code for f in validate_submission(late)] == ["progress-date-outside-round"]


def test_every_problem_is_found_at_once(tmp_path):
    def mutate(sub):
        sub.agency.name = ""
        sub.scores.current[3] = 120.0
        sub.measures[0].responsible = ""
        sub.progress[1].status = "เสร็จ"
    codes = [f.code for f in validate_file(book(tmp_path, mutate)).findings]
    for code in ("agency-required", "score-out-of-range", "measure-required", "progress-status-unknown"):
        assert code in codes
    assert codes.index("agency-required") < codes.index("score-out-of-range") < codes.index("measure-required")


def test_a_submission_without_a_file_is_placed_on_the_template(tmp_path):
    sub = _mutated(_set("measures.0.responsible", ""))
    (f,) = validate_submission(sub)
    assert (f.code, f.sheet, f.cell) == ("measure-required", "มาตรการ", "G4")


def test_an_older_readable_version_is_said_once(tmp_path):
    result = read_workbook(book(tmp_path))
    result.submission.template_version = "0.9"
    assert [f.code for f in validate_result(result)] == ["template-old-version"]


def test_live_grids_give_the_same_findings(tmp_path):
    """The add-in reads unsaved values as grids: same function, same findings."""
    import zipfile

    from openpyxl import load_workbook

    from workbook.book_map import read_layout
    from workbook.reader import read_grids

    path = book(tmp_path, _set("measures.0.responsible", ""))
    wb = load_workbook(path)
    grids = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    with zipfile.ZipFile(path) as zf:
        layout = read_layout(zf)
    live = validate_result(read_grids(grids, layout, source="<live>"))
    assert [(f.code, f.cell) for f in live] == [(f.code, f.cell) for f in validate_file(path).findings]


def _mutated(mutate):
    sub = base_submission()
    mutate(sub)
    return sub


def test_coverage_order_is_a_note_about_weak_indicators_only():
    """Measures of passing indicators may come in any order; the order of weak ones is a note, not a warning."""
    def passing_first(sub):
        sub.measures.insert(0, dataclasses.replace(sub.measures[-1], id="M99", links=("1",)))
        sub.progress.append(dataclasses.replace(sub.progress[-1], measure_id="M99"))
    assert not [f for f in validate_submission(_mutated(passing_first)) if f.code == "coverage-order"]
    found = [f for f in validate_submission(_mutated(_swap_measures)) if f.code == "coverage-order"]
    assert found and found[0].severity == "info"
