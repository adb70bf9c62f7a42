"""The five sample submissions: they load, their scores reproduce the published figures, every weak
indicator is analysed and addressed by a measure, every measure is reported on, and none of their text
is copied from the real reports they are modelled on."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from core.frameworks import load_year
from core.scoring import rate
from devkit import seed_fingerprint
from workbook.model import AGENCY_TYPES, ROUNDS, STATUSES, Submission
from workbook.samples import SAMPLE_KEYS, load_all, load_sample, parse_sample, sample_path

FW = load_year(2565)
FY_START, FY_END = dt.date(2022, 10, 1), dt.date(2023, 9, 30)  # fiscal 2566
PASS = 85.0
DONE = "ดำเนินการแล้ว"
SEED_004 = [96.10, 92.12, 94.85, 94.92, 95.72, 96.61, 96.51, 95.23, 41.41, 0.00]
SEED_WINDOWS = Path(__file__).with_name("data") / "seed-windows.bin"


@pytest.fixture(scope="module")
def samples() -> dict[str, Submission]:
    return load_all()


def test_keys_files_and_order(samples):
    assert SAMPLE_KEYS == ("yang_yong", "ban_kham", "huai_sai_nuea", "khuan_mao", "tha_nang_naeo")
    assert tuple(samples) == SAMPLE_KEYS
    for key in SAMPLE_KEYS:
        assert sample_path(key).is_file()


def test_unknown_key_and_unknown_field_are_refused():
    with pytest.raises(KeyError):
        load_sample("nowhere")
    with pytest.raises(ValueError, match="colour"):
        parse_sample({"agency": {"name": "x", "colour": "red"}})
    with pytest.raises(ValueError, match="extras"):
        parse_sample({"extras": {}})


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_sample_loads_into_the_dataclasses(key):
    sub = load_sample(key)
    assert isinstance(sub, Submission)
    assert sub.source.endswith(f"{key}.toml")
    a = sub.agency
    for name in ("name", "type", "district", "province", "officer", "officer_position", "contact", "department",
                 "document_number", "executive_name", "executive_position", "deputy_name", "deputy_position"):
        assert getattr(a, name).strip(), name
    assert a.type in AGENCY_TYPES
    assert a.name.startswith(a.type)
    assert a.fiscal_year == 2566 and a.assessed_year == 2565
    assert a.report_round in ROUNDS
    assert type(a.report_date) is dt.date and FY_START <= a.report_date <= FY_END
    assert isinstance(a.internal_stakeholders, int) and a.internal_stakeholders > 0
    for m in sub.measures:
        assert isinstance(m.links, tuple) and all(isinstance(x, str) for x in m.links)
        assert type(m.start) is dt.date and type(m.end) is dt.date
    for p in sub.progress:
        assert type(p.as_of) is dt.date


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_ten_scores_within_range_and_published_figures_reproduce(key):
    s = load_sample(key).scores
    assert sorted(s.current) == list(range(1, 11))
    assert all(isinstance(v, float) and 0 <= v <= 100 for v in s.current.values())
    if s.previous:
        assert sorted(s.previous) == list(range(1, 11))
        assert all(0 <= v <= 100 for v in s.previous.values())
    r = rate(FW, s.current)
    assert r.total == s.published_total and r.rating == s.published_rating
    if s.iit_respondents is not None:
        assert 0 < s.iit_respondents
    if s.eit_respondents is not None:
        assert s.eit_respondents >= 30


def test_khuan_mao_reproduces_the_published_77_04_b(samples):
    r = rate(load_year(2565), samples["khuan_mao"].scores.current)
    assert r.total == 77.04 and r.rating == "B"


def test_tha_nang_naeo_uses_the_seed_scores_and_gives_65_54_c(samples):
    scores = samples["tha_nang_naeo"].scores.current
    assert [scores[n] for n in range(1, 11)] == SEED_004
    r = rate(load_year(2565), scores)
    assert r.total == 65.54 and r.rating == "C"


def test_the_samples_cover_several_ratings_and_weak_indicators(samples):
    ratings = {k: rate(FW, s.scores.current).rating for k, s in samples.items()}
    assert {"AA", "A", "B", "C"} <= set(ratings.values())
    weak = {n for s in samples.values() for n, v in s.scores.current.items() if v < PASS}
    assert len(weak) >= 8  # most indicators are below 85 somewhere


def _indicator_of(code: str) -> int | None:
    """Indicator a link points at: "9" -> 9, "O42" -> 10 (via the framework's OIT items)."""
    if code.isdigit():
        return int(code)
    items = {i.code.upper(): i.sub_indicator for i in FW.oit_items}
    subs = {s.code: s.indicator for s in FW.sub_indicators}
    sub = items.get(code.upper())
    return subs.get(sub) if sub else None


def _link_is_known(code: str) -> bool:
    if code.isdigit():
        return int(code) in FW.indicator_numbers
    if code.upper() in {i.code.upper() for i in FW.oit_items}:
        return True
    for q in FW.questions:
        m = re.fullmatch(rf"{q.prefix}(\d+)", code, flags=re.IGNORECASE)
        if m:
            return q.first <= int(m.group(1)) <= q.last
    return False


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_every_weak_indicator_has_an_analysis_and_a_measure(key):
    sub = load_sample(key)
    analysed = {r.indicator for r in sub.analysis if r.issue.strip()}
    linked = {_indicator_of(code) for m in sub.measures for code in m.links}
    for n, v in sub.scores.current.items():
        if v < PASS:
            assert n in analysed, f"ตัวชี้วัด {n} ({v}) ไม่มีข้อวิเคราะห์"
            assert n in linked, f"ตัวชี้วัด {n} ({v}) ไม่มีมาตรการ"
    assert len({r.indicator for r in sub.analysis}) == len(sub.analysis)
    assert all(r.indicator in FW.indicator_numbers for r in sub.analysis)


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_measures_are_complete_and_within_the_fiscal_year(key):
    sub = load_sample(key)
    assert 5 <= len(sub.measures) <= 12
    ids = [m.id for m in sub.measures]
    assert ids == [f"M{i:02d}" for i in range(1, len(ids) + 1)]
    assert any(not code.isdigit() for m in sub.measures for code in m.links)  # some item codes
    for m in sub.measures:
        for name in ("title", "group", "sub_item", "steps", "responsible", "monitoring", "reporting",
                     "success_indicator"):
            assert getattr(m, name).strip(), (m.id, name)
        assert m.links and all(_link_is_known(c) for c in m.links), (m.id, m.links)
        assert m.start.day == 1 and m.end.day == 1
        assert FY_START <= m.start <= m.end <= FY_END, m.id


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_every_measure_has_one_progress_row_for_the_round(key):
    sub = load_sample(key)
    rnd = sub.agency.report_round
    ids = {m.id for m in sub.measures}
    assert all(p.measure_id in ids for p in sub.progress)
    for mid in ids:
        rows = [p for p in sub.progress if p.measure_id == mid and p.round == rnd]
        assert len(rows) == 1, mid
    for p in sub.progress:
        assert p.status in STATUSES, (p.measure_id, p.status)
        if p.status == DONE:
            assert p.results.strip() and p.outcomes.strip() and p.evidence, p.measure_id
        if p.status != STATUSES[0]:
            assert p.results.strip(), p.measure_id
        assert FY_START <= p.as_of <= sub.agency.report_date
        if p.evidence:
            assert re.fullmatch(r"https://www\.[a-z0-9-]+\.go\.th/\S*", p.evidence), p.evidence


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_texts_use_thai_digits_somewhere(key):
    raw = sample_path(key).read_text(encoding="utf-8")
    assert re.search("[๐-๙]", raw.split("[agency]", 1)[1])


# --- written anew --------------------------------------------------------------------------------------

ITA_NAME = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"


def _strings(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


@pytest.fixture(scope="module")
def seed_windows() -> frozenset[bytes]:
    """Every 40-character window of the seed reports, as digests (devkit/seed_fingerprint.py)."""
    return seed_fingerprint.load(SEED_WINDOWS)


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_no_sentence_of_40_characters_is_copied_from_a_seed(key, seed_windows):
    """Stricter than comparing whole sentences: no run of 40 characters (whitespace removed) of any text
    field occurs in any seed, so no sentence of 40+ characters can have been copied. Official names
    (the ITA's name, the framework's OIT item titles) are masked first: quoting them is not copying."""
    norm = seed_fingerprint.normalise
    official = sorted({norm(ITA_NAME)} | {norm(i.title) for i in FW.oit_items if len(i.title) >= 20},
                      key=len, reverse=True)
    data = tomllib.loads(sample_path(key).read_text(encoding="utf-8"))
    copied = []
    for path, text in _strings(data):
        s = norm(text)
        for name in official:
            s = s.replace(name, "\x00")
        for sentence in re.split(r"\x00", s):
            for window in seed_fingerprint.windows(sentence):
                if seed_fingerprint.digest(window) in seed_windows:
                    copied.append((path, window))
                    break
    assert not copied, copied


def test_the_copy_check_does_catch_a_copied_sentence(seed_windows):
    copied = "ได้ดำเนินการประชาสัมพันธ์ คู่มือการปฏิบัติงานให้บุคลากรภายในได้รับทราบทางกลุ่มไลน์"  # seed 001
    window = seed_fingerprint.normalise(copied)[:seed_fingerprint.WINDOW]
    assert seed_fingerprint.digest(window) in seed_windows
    assert seed_fingerprint.digest(window[1:] + "ก") not in seed_windows
