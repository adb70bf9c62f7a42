"""`ita fanout`: a pre-filled book per roster agency, read back by the real reader; scores from a results table."""

from __future__ import annotations

import csv

from converters.fanout import book_names
from converters.merge.roster import entry, read_roster
from workbook.reader import read_workbook

ROSTER = [
    ["ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "จังหวัด", "รหัส"],
    ["อบต.บ้านขาม", "", "น้ำพอง", "ขอนแก่น", "6400701"],
    ["เทศบาลตำบลท่านางแนว", "เทศบาลตำบล", "อ.แวงน้อย", "จ.ขอนแก่น", ""],
    ["องค์การบริหารส่วนตำบลหนองบัว", "", "เมือง", "ชัยภูมิ", ""],
    ["องค์การบริหารส่วนตำบลหนองบัว", "", "บ้านเขว้า", "ชัยภูมิ", ""],
    ["อบต.CON", "", "น้ำพอง", "ขอนแก่น", ""],
]


def _csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_one_book_per_agency_filled_and_read_back(tmp_path, ita):
    roster = _csv(tmp_path / "รายชื่อ.csv", ROSTER)
    results = _csv(tmp_path / "ผล.csv", [
        ["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด", *(str(i) for i in range(1, 11))],
        ["องค์การบริหารส่วนตำบลบ้านขาม", "น้ำพอง", "ขอนแก่น", *(f"{80 + i}.5" for i in range(10))],
        ["อบต.ไม่มีในรายชื่อ", "น้ำพอง", "ขอนแก่น", *(["90"] * 10)],
    ])
    out = tmp_path / "ส่งออก"
    r = ita("fanout", "--roster", str(roster), "--results", str(results), "--year", "2566", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "5 ไฟล์" in r.stdout and "มีคะแนนจากตารางผล 1 ไฟล์" in r.stdout and "ไม่อยู่ในรายชื่อ" in r.stdout
    books = sorted(out.glob("*.xlsx"))
    assert len(books) == 5
    entries = read_roster(roster)
    for e in entries:
        (path,) = [b for b in books if b.name == book_names(entries)[entries.index(e)]]
        a = read_workbook(path).submission.agency
        assert (a.name, a.type, a.district, a.province) == (e.display, e.type, e.district, e.province)
        assert (a.assessed_year, a.fiscal_year) == (2566, 2567)
    kham = read_workbook(out / "องค์การบริหารส่วนตำบลบ้านขาม.xlsx").submission.scores.current
    assert kham == {i + 1: 80 + i + 0.5 for i in range(10)}


def test_names_are_safe_and_distinct_on_windows():
    entries = [entry(i, *row[:4]) for i, row in enumerate(ROSTER[1:], 2)]
    names = book_names(entries)
    assert len({n.casefold() for n in names}) == len(names)
    assert names[2] != names[3] and "บ้านเขว้า" in names[3]  # one name in two districts
    for n in names:
        assert not set('\\/:*?"<>|') & set(n) and not n.startswith(" ") and len(n) <= 90


def test_windows_device_names_are_not_file_names():
    from core.filenames import safe_name

    assert safe_name("CON") == "CON_" and safe_name("nul.x") == "nul_.x" and safe_name("COM1") == "COM1_"
    assert safe_name("อบต. บ้าน/ขาม ") == "อบต._บ้านขาม" and safe_name("ก" * 100 + ".").endswith("ก")
