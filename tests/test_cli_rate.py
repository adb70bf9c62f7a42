"""`ita rate` as a user runs it: real subprocesses, Thai output, exit codes."""

import json

import pytest

SEED = "96.10,92.12,94.85,94.92,95.72,96.61,96.51,95.23,41.41,0.00"


def test_rate_prints_a_thai_table(ita):
    res = ita("rate", "--year", "2565", "--scores", SEED)
    assert res.returncode == 0, res.stderr
    assert "คะแนนรวม: 65.54" in res.stdout and "ระดับ: C" in res.stdout and "ไม่ผ่านเกณฑ์" in res.stdout
    assert "10. การป้องกันการทุจริต" in res.stdout and "97.28" in res.stdout
    assert "IIT 94.74" in res.stdout


def test_rate_json_has_the_contract_fields(ita):
    res = ita("rate", "--year", "2565", "--scores", SEED, "--json")
    out = json.loads(res.stdout)
    for key in ("year", "total", "tools", "rating", "pass", "verified", "indicators"):
        assert key in out
    assert out["year"] == 2565 and out["total"] == 65.54 and out["pass"] is False and out["verified"] is True
    assert set(out["tools"]) == {"IIT", "EIT", "OIT"} and len(out["indicators"]) == 10
    assert out["indicators"][8]["potential_gain"] == 11.72 and out["levers"][:2] == [10, 9]


def test_thai_digits_give_the_same_result(ita):
    thai = "๙๖.๑๐,๙๒.๑๒,๙๔.๘๕,๙๔.๙๒,๙๕.๗๒,๙๖.๖๑,๙๖.๕๑,๙๕.๒๓,๔๑.๔๑,๐.๐๐"
    a = json.loads(ita("rate", "--year", "๒๕๖๕", "--scores", thai, "--json").stdout)
    b = json.loads(ita("rate", "--year", "2565", "--scores", SEED, "--json").stdout)
    assert a == b


def test_total_alone(ita):
    res = ita("rate", "--year", "2564", "--total", "98.04", "--json")
    out = json.loads(res.stdout)
    assert out["rating"] == "AA" and out["pass"] is True and out["indicators"] == []


def test_unverified_years_say_so(ita):
    res = ita("rate", "--year", "2567", "--scores", "90,90,90,90,90,90,90,90,90,90")
    assert res.returncode == 0 and "ผ่านดี" in res.stdout and "verified: false" in res.stdout


@pytest.mark.parametrize("args, words", [
    (["--year", "2565", "--scores", "1,2,3"], "ต้องมีคะแนน 10 ค่า"),
    (["--year", "2565", "--scores", "1,2,3,4,5,6,7,8,9,abc"], "ไม่ใช่ตัวเลข"),
    (["--year", "2565", "--scores", "1,2,3,4,5,6,7,8,9,100.5"], "ต้องอยู่ระหว่าง 0 ถึง 100"),
    (["--year", "2565", "--scores", "-1,2,3,4,5,6,7,8,9,10"], "ต้องอยู่ระหว่าง 0 ถึง 100"),
    (["--year", "2599", "--total", "90"], "ยังไม่มีเกณฑ์การประเมิน ITA 2599"),
    (["--year", "2565", "--total", "101"], "ต้องอยู่ระหว่าง 0 ถึง 100"),
    (["--year", "2565"], "ต้องระบุอย่างใดอย่างหนึ่ง"),
    (["--year", "2565", "--bogus"], "คำสั่งไม่ถูกต้อง"),
])
def test_bad_input_is_one_thai_line_and_exit_2(ita, args, words):
    res = ita("rate", *args)
    assert res.returncode == 2
    assert words in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert res.stdout == ""


@pytest.mark.parametrize("scores, rating", [
    ("69.99," * 9 + "69.99", "ต้องปรับปรุงโดยด่วน"), ("70," * 9 + "70", "ต้องปรับปรุง"),
    ("84.99," * 9 + "84.99", "ต้องปรับปรุง"), ("85," * 9 + "85", "ผ่านดี"),
    ("84.99," * 5 + "100," * 4 + "100", "ผ่าน"),  # total 95.50 but one tool at 84.99
])
def test_2566_word_levels_at_the_edges(ita, scores, rating):
    out = json.loads(ita("rate", "--year", "2566", "--scores", scores, "--json").stdout)
    assert out["rating"] == rating


@pytest.mark.parametrize("total, rating", [("69.99", "ต้องปรับปรุงโดยด่วน"), ("70.00", "ต้องปรับปรุง"),
                                           ("84.99", "ต้องปรับปรุง"), ("85.00", "ผ่าน")])
def test_2566_word_levels_of_a_total_alone(ita, total, rating):
    out = json.loads(ita("rate", "--year", "2566", "--total", total, "--json").stdout)
    assert out["rating"] == rating and out["pass"] is (float(total) >= 85)
