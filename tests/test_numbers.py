import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.numbers import decimals_of, excel_round, parse_number
from core.thai import display_width, to_arabic_digits, to_thai_digits


@pytest.mark.parametrize("value, expected", [
    (84.995, 85.0), (84.994999, 84.99), (2.675, 2.68), (1.005, 1.01), (-2.555, -2.56), (0.125, 0.13),
    (65.5396, 65.54), (94.994, 94.99), (94.995, 95.0), (100.0, 100.0), (0.0, 0.0),
])
def test_excel_round_half_away_from_zero_on_15_digits(value, expected):
    assert excel_round(value, 2) == expected


def test_python_round_would_differ_where_excel_snaps():
    assert round(2.675, 2) == 2.67  # the double is 2.67499…; Excel says 2.68
    assert round(0.125, 2) == 0.12  # banker's rounding; Excel rounds half away from zero
    assert excel_round(2.675, 2) == 2.68 and excel_round(0.125, 2) == 0.13


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_excel_round_stays_within_half_a_cent(x):
    r = excel_round(x, 2)
    assert abs(r - x) <= 0.005 + 1e-9
    assert 0 <= r <= 100


@pytest.mark.parametrize("text, value", [
    ("๙๖.๑๐", 96.10), (" 41.41 ", 41.41), ("1,234.5", 1234.5), ("85%", 85.0), (7, 7.0), ("๐", 0.0),
])
def test_parse_number_accepts_what_officers_type(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("bad", ["", "abc", "9..1", "nan", "inf", True, float("nan")])
def test_parse_number_refuses(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


def test_decimals_of():
    assert decimals_of("96.10") == 1 and decimals_of("96.123") == 3 and decimals_of(96.12) == 2
    assert decimals_of(1e-5) == 5


def test_thai_digits_round_trip_and_width():
    assert to_arabic_digits(to_thai_digits("2566-10-01")) == "2566-10-01"
    assert display_width("ตัวชี้วัด") == 5  # ต ว ช ว ด; the vowel and tone marks stack
    assert not math.isnan(excel_round(1e-9))
