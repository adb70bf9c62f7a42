"""The template computes by itself, in LibreOffice, exactly what `ita rate` computes (to the last digit)."""

from __future__ import annotations

import dataclasses
import tomllib

import openpyxl
import pytest

from converters.office.recalc import computed_values, recalculate
from core.frameworks import load_year, parse_framework
from core.frameworks.loader import BUILTIN_DIR
from core.numbers import excel_round
from core.scoring import category, lowest_indicator, rate
from workbook.builder import write_template
from workbook.model import Agency, Measure, ProgressRow, Scores, Submission
from workbook.samples import SAMPLE_KEYS, load_sample
from workbook.values import as_links

pytestmark = pytest.mark.libreoffice  # every test here renders or recalculates in LibreOffice

def flat(values):
    return dict(zip(range(1, 11), values))


# totals at and around the band edges: equal scores give the total itself; 84.95 on an EIT indicator
# (weight 0.1) with 85 elsewhere gives exactly 84.995, which Excel's ROUND takes to 85.00
EDGES = {
    "edge_8499": (2565, flat([84.99] * 10)),
    "edge_84995": (2565, flat([85, 85, 85, 85, 85, 84.95, 85, 85, 85, 85])),
    "edge_8500": (2565, flat([85.0] * 10)),
    "edge_9499": (2565, flat([94.99] * 10)),
    "edge_94995": (2565, flat([95, 95, 95, 95, 95, 94.95, 95, 95, 95, 95])),
    "edge_9500": (2565, flat([95.0] * 10)),
    "labels_6999": (2566, flat([69.99] * 10)),
    "labels_7000": (2566, flat([70.0] * 10)),
    "labels_8499": (2566, flat([84.99] * 10)),
    "labels_8500": (2566, flat([85.0] * 10)),
    "labels_iit_8499": (2566, flat([84.99] * 5 + [100.0] * 5)),  # total 95.50, one tool at 84.99
    "labels_iit_8500": (2566, flat([85.0] * 5 + [100.0] * 5)),
    "labels_low_eit": (2568, flat([99, 99, 99, 99, 99, 84, 84, 84.5, 99.5, 99.6])),
    "labels_best": (2567, flat([99] * 10)),
    "letters_2562_f": (2562, flat([10, 20, 30, 40, 50, 60, 70, 80, 0, 5])),
}


# a year file of the user's own: other marks and other category words (the template must follow them)
OWN_SCORES = flat([79.99, 80.0, 89.99, 90.0, 100.0, 50.0, 85.0, 95.0, 80.5, 0.0])


def own_framework():
    raw = tomllib.loads((BUILTIN_DIR / "2565.toml").read_text(encoding="utf-8"))
    raw["framework"]["pass_mark"] = 80.0
    raw["categories"] = {"keep_mark": 90.0, "labels": ["แก้ด่วน", "พัฒนา", "ดีแล้ว"]}
    return parse_framework(raw, where="own.toml")


def _edge_submission(year: int, scores: dict) -> Submission:
    return Submission(
        agency=Agency(name="หน่วยงานทดสอบขอบเกณฑ์", assessed_year=year, fiscal_year=year + 1, report_round=6,
                      internal_stakeholders=2500),
        scores=Scores(current=scores, previous=flat([80.0] * 10)),
        measures=[Measure(id="M01", links=("6", "O8")), Measure(id="M02", links=("๖",))],
        progress=[ProgressRow("M01", 6, status="ดำเนินการแล้ว"), ProgressRow("M02", 6, status="ยังไม่ดำเนินการ"),
                  ProgressRow("M02", 12, status="ดำเนินการแล้ว")],
    )


@pytest.fixture(scope="module")
def recalculated_books(tmp_path_factory):
    """key -> (submission, the book written, LibreOffice's recalculated copy)."""
    src = tmp_path_factory.mktemp("src")
    books = {}
    for key in SAMPLE_KEYS:
        sub = load_sample(key)
        books[key] = (sub, write_template(src / f"{key}.xlsx", load_year(sub.agency.assessed_year), sub))
    for key, (year, scores) in EDGES.items():
        sub = _edge_submission(year, scores)
        books[key] = (sub, write_template(src / f"{key}.xlsx", load_year(year), sub))
    sub = _edge_submission(2565, OWN_SCORES)
    books["own_marks"] = (sub, write_template(src / "own_marks.xlsx", own_framework(), sub))
    out = recalculate([p for _, p in books.values()], tmp_path_factory.mktemp("recalc"))
    by_stem = {p.stem: p for p in out}
    return {key: (sub, path, by_stem[key]) for key, (sub, path) in books.items()}


@pytest.fixture(scope="module")
def recalculated(recalculated_books):
    return {key: (sub, computed_values(copy)) for key, (sub, _, copy) in recalculated_books.items()}


def _list_validations(path) -> dict[str, set[str]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
            for ws in wb.worksheets}


def test_drop_down_lists_are_read_by_libreoffice_as_the_named_lists(recalculated_books):
    """LibreOffice reads each list validation as a reference to its defined name: it writes the same bare
    name back (a list of literal text would come back quoted), on the same sheets."""
    _, ours, copy = recalculated_books[SAMPLE_KEYS[0]]
    want, got = _list_validations(ours), _list_validations(copy)
    assert got == want and {"AgencyTypes", "Rounds", "Statuses"} <= set().union(*want.values())
    assert set().union(*got.values()) <= set(openpyxl.load_workbook(copy).defined_names)


ALL = list(SAMPLE_KEYS) + list(EDGES)


@pytest.mark.parametrize("key", ALL)
def test_total_rating_tools_and_pass_agree_with_ita_rate(recalculated, key):
    sub, got = recalculated[key]
    fw = load_year(sub.agency.assessed_year)
    want = rate(fw, sub.scores.current)
    assert got["TotalScore"] == want.total
    assert got["Rating"] == want.rating
    assert got["PassStatus"] == ("ผ่านเกณฑ์" if want.passed else "ต่ำกว่าเกณฑ์")
    assert got["GapToPass"] == want.gap_to_pass
    for tool, value in want.tools.items():
        assert got[f"ToolScore{tool}"] == value
    assert got["RulesVerified"] == ("ยืนยันแล้ว" if want.verified else "ยังไม่ยืนยัน (verified: false)")


@pytest.mark.parametrize("key", ALL)
def test_analysis_gaps_gains_priorities_and_categories_agree(recalculated, key):
    sub, got = recalculated[key]
    fw = load_year(sub.agency.assessed_year)
    want = rate(fw, sub.scores.current)
    for ind in want.indicators:
        row = got["analysis"][ind.number]
        assert row["score"] == ind.score
        assert row["gap"] == ind.gap
        assert row["potential_gain"] == ind.potential_gain
        assert row["priority"] == ind.rank
        assert row["category"] == category(fw, sub.scores.current[ind.number])
        covering = [m for m in sub.measures if str(ind.number) in as_links(", ".join(m.links))]
        assert row["coverage"] == len(covering)


def test_every_category_is_reached_and_agrees(recalculated):
    """The books between them put indicators in all three categories, each as core.scoring says."""
    seen = {row["category"] for key in ALL for row in recalculated[key][1]["analysis"].values()}
    assert seen == set(load_year(2565).categories.labels)


def test_the_categories_follow_the_year_file(recalculated):
    """A user's year file with a pass mark of 80, keep_mark 90 and its own words: the book's formulas read
    them from เกณฑ์, so the category column and the pass column follow the file, as core.scoring does."""
    got = recalculated["own_marks"][1]
    fw = own_framework()
    rows = got["analysis"]
    assert [rows[n]["category"] for n in range(1, 11)] == [category(fw, OWN_SCORES[n]) for n in range(1, 11)]
    assert [rows[n]["category"] for n in (1, 2, 3, 4)] == ["แก้ด่วน", "พัฒนา", "พัฒนา", "ดีแล้ว"]
    assert got["PassStatus"] == ("ผ่านเกณฑ์" if rate(fw, OWN_SCORES).total >= 80 else "ต่ำกว่าเกณฑ์")


@pytest.mark.parametrize("key", ALL)
def test_progress_counts_and_uncovered(recalculated, key):
    sub, got = recalculated[key]
    current = [p for p in sub.progress if p.round == sub.agency.report_round]
    for name, status in (("ProgressNotStarted", "ยังไม่ดำเนินการ"), ("ProgressInProgress", "อยู่ระหว่างดำเนินการ"),
                         ("ProgressDone", "ดำเนินการแล้ว")):
        assert got[name] == sum(p.status == status for p in current)
    done = sum(p.status == "ดำเนินการแล้ว" for p in current)
    assert got["ProgressDonePercent"] == (excel_round(100 * done / len(current)) if current else None)
    fw = load_year(sub.agency.assessed_year)
    weak = [i for i in rate(fw, sub.scores.current).indicators if not i.passed]
    uncovered = [i for i in weak if not any(str(i.number) in m.links for m in sub.measures)]
    assert got["UncoveredWeak"] == len(uncovered)
    assert got["FocusProposed"] == lowest_indicator(fw, sub.scores.current)


def test_band_edges_land_where_excel_rounding_puts_them(recalculated):
    assert (recalculated["edge_8499"][1]["TotalScore"], recalculated["edge_8499"][1]["Rating"]) == (84.99, "B")
    assert (recalculated["edge_84995"][1]["TotalScore"], recalculated["edge_84995"][1]["Rating"]) == (85, "A")
    assert recalculated["edge_84995"][1]["PassStatus"] == "ผ่านเกณฑ์"
    assert recalculated["edge_94995"][1]["Rating"] == "AA" and recalculated["edge_9499"][1]["Rating"] == "A"
    assert recalculated["labels_low_eit"][1]["Rating"] == "ผ่าน"
    assert recalculated["labels_best"][1]["Rating"] == "ผ่านดีเยี่ยม"
    assert recalculated["edge_8500"][1]["IITMinimum"] == 100  # 2,500 internal stakeholders


LABEL_EDGES = {"labels_6999": (69.99, "ต้องปรับปรุงโดยด่วน"), "labels_7000": (70.0, "ต้องปรับปรุง"),
               "labels_8499": (84.99, "ต้องปรับปรุง"), "labels_8500": (85.0, "ผ่านดี"),
               "labels_iit_8499": (95.5, "ผ่าน"), "labels_iit_8500": (95.5, "ผ่านดี")}


@pytest.mark.parametrize("key", LABEL_EDGES)
def test_2566_word_levels_at_their_edges(recalculated, key):
    """Below 85 two levels cut at 70; ผ่านดี needs every tool at 85 — the book and `ita rate` agree."""
    total, label = LABEL_EDGES[key]
    got = recalculated[key][1]
    assert (got["TotalScore"], got["Rating"]) == (total, label)
    assert got["PassStatus"] == ("ผ่านเกณฑ์" if total >= 85 else "ต่ำกว่าเกณฑ์")


def test_previous_total_uses_the_same_weights(recalculated):
    sub, got = recalculated["edge_8500"]
    assert got["PreviousTotal"] == rate(load_year(2565), sub.scores.previous).total == 80.0
    assert dataclasses.is_dataclass(sub)


@pytest.mark.parametrize("key", ALL)
def test_validation_finds_the_book_s_own_values_equal_to_the_toolkit_s(recalculated_books, key):
    """Every computed cell LibreOffice filled and the criteria sheet agree with core.scoring and the framework:
    the checks for a typed-over formula or edited weights never fire on an honest book."""
    from workbook.validation import validate_file

    codes = {f.code for f in validate_file(recalculated_books[key][2]).findings}
    assert not codes & {"computed-cell-differs", "criteria-differs", "criteria-year-differs"}
