"""Every year file loads and is consistent; broken files are refused in Thai; a new year needs no code."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core.errors import FrameworkError
from core.frameworks import available_years, builtin_years, load_file, load_year, parse_framework
from core.frameworks.loader import BUILTIN_DIR
from core.frameworks.model import Categories
from core.scoring import category

YEARS = builtin_years()
LABELS_FROM = 2566  # the NACC replaced the letter levels with word labels from this year on


@pytest.mark.parametrize("year", YEARS)
def test_every_year_loads_with_consistent_weights_and_bands(year):
    fw = load_year(year)
    assert fw.year == year
    assert abs(sum(i.weight for i in fw.indicators) - 1) < 1e-9
    assert {i.tool for i in fw.indicators} == {t.code for t in fw.tools} == {"IIT", "EIT", "OIT"}
    assert fw.levels[-1].min == 0 and max(lv.max for lv in fw.levels) == 100
    assert len({i.code for i in fw.oit_items}) == len(fw.oit_items)


def test_years_and_kinds_follow_the_reference():
    assert set(YEARS) <= set(available_years()) and {2562, 2565, 2569} <= set(YEARS)
    for y in (y for y in YEARS if y < LABELS_FROM):
        assert load_year(y).rating_kind == "letters"
        assert [lv.label for lv in load_year(y).levels] == ["AA", "A", "B", "C", "D", "E", "F"]
    for y in (y for y in YEARS if y >= LABELS_FROM):
        assert load_year(y).rating_kind == "labels"
        assert not load_year(y).verified
    assert load_year(2565).verified and not load_year(2562).verified
    fw = load_year(2565)
    assert fw.measures_item == "O42" and fw.progress_item == "O43" and len(fw.oit_items) == 43
    assert load_year(2567).measures_item == "O32" and load_year(2569).progress_item == "O26"


def test_item_and_level_confidence_follow_the_sources():
    """O42/O43 of 2566 are confirmed; O32/O33 as the 2567/2568 measures items have no source; ผ่านดี's
    per-tool rule rests on one primary source, ผ่านดีเยี่ยม's is inferred; the two levels below 85 on two."""
    assert load_year(2566).items_confidence == "2+"
    for year in (2567, 2568):
        fw = load_year(year)
        assert fw.items_confidence == "none" and all(i.confidence == "none" for i in fw.oit_items)
    fw = load_year(2569)
    assert (fw.measures_item, fw.progress_item, fw.max_item, fw.items_confidence) == ("O25", "O26", 26, "1")
    assert fw.focus_rule == "lowest" and fw.focus_confidence == "1" and load_year(2568).focus_rule is None
    for year in (2566, 2567, 2568, 2569):
        levels = {lv.label: lv for lv in load_year(year).levels}
        assert list(levels) == ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"]
        assert (levels["ผ่านดี"].confidence, levels["ผ่านดีเยี่ยม"].confidence) == ("1", "inf")
        assert (levels["ต้องปรับปรุง"].min, levels["ต้องปรับปรุง"].max, levels["ต้องปรับปรุงโดยด่วน"].max) == (70, 84.99, 69.99)
        assert all(lv.source for lv in levels.values())


def _raw(year: int = 2565) -> dict:
    return tomllib.loads((BUILTIN_DIR / f"{year}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("breaker, words", [
    (lambda r: r["tools"][0].update(weight=0.5), "น้ำหนักของแบบวัดรวมกันได้"),
    (lambda r: r["rating"]["levels"][1].update(min=86.0), "ไม่ต่อเนื่อง"),
    (lambda r: r["rating"]["levels"][0].update(max=99.0), "ครอบคลุม"),
    (lambda r: r["indicators"][1].update(number=1), "เลขตัวชี้วัด '1' ซ้ำกัน"),
    (lambda r: r["oit"]["items"][1].update(code="O1"), "รหัสข้อ O 'O1' ซ้ำกัน"),
    (lambda r: r["indicators"][0].update(tool="XIT"), "แบบวัด 'XIT'"),
    (lambda r: r["rating"].update(kind="stars"), "kind"),
    (lambda r: r["weights"].update(confidence="sure"), "confidence"),
    (lambda r: r["framework"].update(year=2023), "พุทธศักราช"),
    (lambda r: r["tools"][2].update(weight="0.4"), "ต้องเป็น ตัวเลข"),
    (lambda r: r["oit"].update(focus="highest"), "focus"),
    (lambda r: r["rating"]["levels"][0].update(source=3), "source"),
    (lambda r: r["categories"].update(keep_mark=80.0), "keep_mark"),
    (lambda r: r["categories"].update(labels=["ก", "ข"]), "labels"),
    (lambda r: r["categories"].update(labels=["ก", "ก", "ข"]), "labels"),
    (lambda r: r["tools"][1].update(prefix="i"), "prefix ของแบบวัด 'i' ซ้ำกัน"),
    (lambda r: r["tools"][0].update(prefix="ไอ"), "prefix"),
    (lambda r: r["questions"][1].update(prefix="x"), "ต้องตรงกับ prefix ของแบบวัด EIT"),
])
def test_broken_files_are_refused_with_a_thai_message(breaker, words):
    raw = _raw()
    breaker(raw)
    with pytest.raises(FrameworkError) as err:
        parse_framework(raw, where="x.toml")
    assert words in str(err.value) and str(err.value).startswith("x.toml: ")


def test_unparseable_file_is_one_thai_line(tmp_path: Path):
    bad = tmp_path / "2570.toml"
    bad.write_text("[framework\nyear=", encoding="utf-8")
    with pytest.raises(FrameworkError, match="รูปแบบ TOML ผิด"):
        load_file(bad)


REFORMED_2570 = """
[framework]
year = 2570
title = "เกณฑ์ทดลองหลังปฏิรูป"
pass_mark = 80.0
indicators_confidence = "1"

[weights]
confidence = "1"

[[tools]]
code = "SUR"
name_th = "แบบสำรวจ"
weight = 0.5

[[tools]]
code = "WEB"
name_th = "แบบตรวจเว็บไซต์"
weight = 0.5

[[indicators]]
number = 1
tool = "SUR"
name_th = "ความพึงพอใจ"
share = 0.25

[[indicators]]
number = 2
tool = "SUR"
name_th = "ความเชื่อมั่น"
share = 0.75

[[indicators]]
number = 3
tool = "WEB"
name_th = "การเปิดเผยข้อมูล"

[rating]
kind = "letters"

[[rating.levels]]
label = "ดี"
min = 80.0
max = 100.0
confidence = "1"

[[rating.levels]]
label = "ปรับปรุง"
min = 0.0
max = 79.99
confidence = "1"
"""


def test_a_user_supplied_2570_file_works_without_code(tmp_path: Path, ita):
    (tmp_path / "2570.toml").write_text(REFORMED_2570, encoding="utf-8")
    res = ita("rate", "--year", "2570", "--scores", "80,60,90", "--json", env={"ITA_FRAMEWORKS": str(tmp_path)})
    assert res.returncode == 0, res.stderr
    import json

    out = json.loads(res.stdout)
    # SUR = 0.25*80 + 0.75*60 = 65; total = 0.5*65 + 0.5*90 = 77.5
    assert out["tools"] == {"SUR": 65.0, "WEB": 90.0}
    assert out["total"] == 77.5 and out["rating"] == "ปรับปรุง" and out["pass"] is False
    assert out["verified"] is False
    res = ita("rate", "--framework", str(tmp_path / "2570.toml"), "--total", "80")
    assert res.returncode == 0 and "ดี" in res.stdout


def test_a_framework_file_added_changed_or_removed_is_seen_in_the_same_session(tmp_path: Path, monkeypatch):
    """load_year is asked several times per book by the merge, so it is cheap; it still never answers from a
    stale listing or a stale parse: the folder is listed on every call, a file is known by its identity."""
    monkeypatch.setenv("ITA_FRAMEWORKS", str(tmp_path))
    with pytest.raises(FrameworkError):
        load_year(2570)
    f = tmp_path / "2570.toml"
    f.write_text(REFORMED_2570, encoding="utf-8")
    assert load_year(2570).pass_mark == 80.0
    f.write_text(REFORMED_2570.replace("pass_mark = 80.0", "pass_mark = 75.25"), encoding="utf-8")
    assert load_year(2570).pass_mark == 75.25  # the same path, edited: read again
    f.unlink()
    with pytest.raises(FrameworkError):
        load_year(2570)


def test_categories_and_code_letters_come_from_the_file_with_documented_defaults():
    """Every built-in year states them; a file without [categories] or prefixes (REFORMED_2570, or a copy
    of an old file) gets the defaults its comments name."""
    for year in YEARS:
        fw = load_year(year)
        assert fw.categories == Categories() and fw.categories.keep_mark == 95.0
        assert [t.prefix for t in fw.tools] == ["i", "e", "O"]
        assert "[categories]" in (BUILTIN_DIR / f"{year}.toml").read_text(encoding="utf-8")
    raw = _raw()
    del raw["categories"]
    for tool in raw["tools"]:
        del tool["prefix"]
    assert parse_framework(raw) == load_year(2565)
    reformed = parse_framework(tomllib.loads(REFORMED_2570))
    assert reformed.categories == Categories() and [t.prefix for t in reformed.tools] == ["", ""]
    own = _raw()
    own["categories"] = {"keep_mark": 90.0, "labels": ["แก้ด่วน", "พัฒนา", "ดีแล้ว"]}
    own["tools"][1]["prefix"] = "E"
    fw = parse_framework(own)
    assert [category(fw, s) for s in (None, 84.99, 85, 89.99, 90)] == ["", "แก้ด่วน", "พัฒนา", "พัฒนา", "ดีแล้ว"]
    assert fw.item_code("e07") == "E7" and fw.tool_of_code("E7").code == "EIT" and fw.item_code("x1") is None
