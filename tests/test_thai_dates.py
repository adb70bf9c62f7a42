"""Dates as Thai officers type them: month names full or short, BE or two-digit BE years, Thai digits."""

from __future__ import annotations

import datetime as dt

import pytest
from books import book

from core.thai import month_number
from workbook.reader import read_workbook
from workbook.validation import validate_file
from workbook.values import as_date, as_month

JAN_15 = dt.date(2027, 1, 15)


@pytest.mark.parametrize("text", [
    "15 ม.ค. 2570", "15 มกราคม 2570", "๑๕ ม.ค. ๗๐", "15ม.ค.70", "15 ม.ค 2570", "15 มค. 2570", "15 ม. ค. 2570",
    "วันที่ 15 มกราคม พ.ศ. 2570", "15 มกรา 70", "๑๕ มกราคม ๒๕๗๐", " 15  ม.ค.  2570 ", "15\u00a0ม.ค.\u00a02570",
])
def test_thai_month_names_read_as_dates(text):
    assert as_date(text) == JAN_15


@pytest.mark.parametrize("text, expected", [
    ("1 ต.ค. 2569", dt.date(2026, 10, 1)), ("30 กันยายน 2570", dt.date(2027, 9, 30)),
    ("29 ก.พ. 2567", dt.date(2024, 2, 29)),  # BE 2567 is CE 2024, a leap year
    ("29/2/2567", dt.date(2024, 2, 29)), ("27/4/2566", dt.date(2023, 4, 27)), ("2023-04-27", dt.date(2023, 4, 27)),
    ("5 ธ.ค. 2023", dt.date(2023, 12, 5)),  # a CE year stays CE
])
def test_other_days_and_the_old_forms(text, expected):
    assert as_date(text) == expected


@pytest.mark.parametrize("text", ["15 abc 2570", "32 ม.ค. 2570", "15 มกราคมม 2570", "ม.ค. 2570", "29 ก.พ. 2566",
                                  "15 ม.ค.", "เมื่อวาน"])
def test_what_is_not_a_day_is_refused(text):
    with pytest.raises(ValueError):
        as_date(text)


@pytest.mark.parametrize("text, expected", [
    ("ม.ค. 2570", dt.date(2027, 1, 1)), ("ตุลาคม 69", dt.date(2026, 10, 1)), ("ก.ย. ๗๐", dt.date(2027, 9, 1)),
    ("15 ม.ค. 2570", dt.date(2027, 1, 1)), ("1/10/2569", dt.date(2026, 10, 1)),
])
def test_months_may_be_written_without_a_day(text, expected):
    assert as_month(text) == expected


def test_month_numbers():
    assert [month_number(n) for n in ("มกราคม", "ก.พ.", "มีค", "เมษา", "ธ.ค.")] == [1, 2, 3, 4, 12]
    assert month_number("มกราคมม") is None and month_number("") is None


def test_a_book_with_thai_dates_reads_them_and_validates_clean(tmp_path):
    path = book(tmp_path, cells={"agency!B10": "28 ก.ย. 2566", "measures!H4": "ต.ค. 65",
                                 "progress!C5": "๒๕ กันยายน ๒๕๖๖"})
    sub = read_workbook(path).submission
    assert sub.agency.report_date == dt.date(2023, 9, 28)
    assert sub.measures[0].start == dt.date(2022, 10, 1)
    assert sub.progress[1].as_of == dt.date(2023, 9, 25)
    report = validate_file(path)
    assert [f.code for f in report.findings if f.severity != "info"] == []
