"""Who is expected: 200 synthetic submissions of one province merged against a roster of 210 agencies
(10 that did not send, 3 spelt differently from their files, 1 file that fits two roster agencies), and the
overview as a supervising office prints it (real LibreOffice, pdfinfo)."""

from __future__ import annotations

import csv
import datetime as dt
import random
import subprocess

import duckdb
import openpyxl
import pytest

from converters.merge.roster import read_roster
from converters.merge.run import MergeOptions, run_merge
from converters.office.engine import convert_to_pdf
from devkit import synth
from devkit.pdf_check import off_page_words

PROVINCE = "ชัยภูมิ"
YEAR = 2565


def _agency(i: int):
    return synth.agency_for(i, random.Random(f"agency-0-{i}"), (PROVINCE,))


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    root = tmp_path_factory.mktemp("roster")
    inputs = root / "in"
    synth.generate_corpus(inputs, 199, year=YEAR, duplicates=0, macros=0, broken=False, provinces=(PROVINCE,))
    # a second agency of the same name as agency 7, in another district of the province (a real case:
    # several อบต.หนองบัว in one province), and a file of that name whose district is no real place
    twin = synth.varied_submission(7, YEAR, provinces=(PROVINCE,))
    districts = synth.districts_of(PROVINCE)
    twin.agency.district = next(d for d in districts[1:] if d != twin.agency.district)
    synth.write_submission(inputs / PROVINCE / "twin.xlsx", twin)
    lost = synth.varied_submission(7, YEAR, provinces=(PROVINCE,))
    lost.agency.district = "อำเภอที่ไม่มีจริง"
    lost.agency.officer = "ผู้ส่งไฟล์ที่สาม"
    synth.write_submission(inputs / PROVINCE / "ambiguous.xlsx", lost)

    rows = []
    for i in range(199):
        a = _agency(i)
        rows.append([a.name, a.type, a.district, a.province, f"{6360000 + i}"])
    rows.append([twin.agency.name, twin.agency.type, twin.agency.district, twin.agency.province, ""])
    spelt = {}
    for i in (3, 11, 25):  # the same agencies written another way
        a = _agency(i)
        name = synth.respell(a.name, random.Random(i)).replace("ำ", "ํา")
        rows[i] = [name, "", "อ." + a.district, "จ." + a.province, rows[i][4]]
        spelt[i] = name
    missing = []
    for i in range(200, 210):  # on the roster, no file
        a = _agency(i)
        rows.append([a.name, a.type, a.district, a.province, ""])
        missing.append(a.name)
    roster = root / "รายชื่อ.csv"
    with open(roster, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ลำดับ", "ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "จังหวัด", "รหัส"])
        w.writerows([[k + 1, *r] for k, r in enumerate(rows)])
    out = root / "out" / "ภาพรวม.xlsx"
    stats = run_merge(MergeOptions(inputs=[str(inputs)], overview=out, jobs=2, roster=roster,
                                   today=dt.date(2023, 10, 20)))
    return root, stats, out, missing, spelt, rows


def test_roster_reads_every_row(merged):
    root, *_ = merged
    entries = read_roster(root / "รายชื่อ.csv")
    assert len(entries) == 210
    assert len({e.key for e in entries}) == 210  # the twins differ by district


def test_exactly_the_ten_are_missing_and_the_three_match(merged):
    _, stats, out, missing, spelt, _rows = merged
    assert stats.expected == 210 and stats.missing == 10 and stats.off_roster == 1
    wb = openpyxl.load_workbook(out, read_only=True)
    sheet = wb["ยังไม่ส่ง"]
    listed = [r[3] for r in sheet.iter_rows(values_only=True) if len(r) > 3 and isinstance(r[1], int)]
    assert sorted(listed) == sorted(missing)
    roster = [r for r in wb["รายชื่อ"].iter_rows(min_row=2, values_only=True) if r[0]]
    by_status: dict[str, list] = {}
    for r in roster:
        by_status.setdefault(r[0], []).append(r)
    assert len(by_status["ส่งแล้ว"]) == 200 and len(by_status["ยังไม่ส่ง"]) == 10
    (amb,) = by_status["ตรงกับหลายหน่วยงาน"]
    assert amb[8] == "ambiguous.xlsx" and "ตรงกับ" in amb[9] and amb[9].count("(อ.") == 2
    sent = {r[3]: r for r in by_status["ส่งแล้ว"]}
    for i in spelt:
        a = _agency(i)
        row = next(r for r in sent.values() if r[5] == a.name)
        assert row[7] and row[8] and row[8] != "ambiguous.xlsx"  # its own file, attached


def test_summary_counts(merged):
    _, _stats, out, *_ = merged
    wb = openpyxl.load_workbook(out, read_only=True)
    cells = [list(r) + [None] * 6 for r in wb["สรุป"].iter_rows(values_only=True)]
    assert cells[0][0] == f"สรุปผลการประเมินคุณธรรมและความโปร่งใส (ITA) ปี {YEAR}"
    assert f"จังหวัด{PROVINCE}" in cells[1][0] and "20 ตุลาคม 2566" in cells[1][0]
    counts = next(r for r in cells if r[0] == "หน่วยงาน / ไฟล์")
    assert counts[1:6] == [210, 200, 201, 10, 0]  # expected, sent, merged (with the ambiguous file), missing
    assert sum(1 for r in wb["อันดับ"].iter_rows(min_row=2, values_only=True) if r[1]) == 201


def test_shares_show_one_decimal_so_one_agency_is_not_zero(merged):
    _, _stats, out, *_ = merged
    ws = openpyxl.load_workbook(out)["สรุป"]
    start = next(c.row for c in ws["A"] if c.value == "ระดับผลการประเมิน")
    shares = [ws.cell(r, 3) for r in range(start + 1, start + 8) if ws.cell(r, 2).value == 1]
    assert shares, "a level that one agency of 201 reached"
    assert all(c.number_format == "0.0%" and c.value == pytest.approx(1 / 201) for c in shares)


def test_district_sheet_adds_up(merged):
    _, _stats, out, *_ = merged
    ws = openpyxl.load_workbook(out, read_only=True)["รายอำเภอ"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] or r[1]]
    body, total = rows[:-1], rows[-1]
    assert total[0] == "รวม" and total[2] == 210 and total[4] == 10
    assert sum(r[2] or 0 for r in body) == 210 and sum(r[4] or 0 for r in body) == 10


def test_overview_companion_and_roster_book_conform_to_the_schemas(merged, tmp_path):
    from converters.merge.roster import entry
    from converters.merge.roster_book import write_roster_book
    from devkit.ooxml import check_package

    _, stats, out, *_ = merged
    book = write_roster_book(tmp_path / "r.xlsx", [entry(1, "อบต.บ้านขาม", "", "น้ำพอง", "ขอนแก่น")], ["อบต."])
    for path in (out, stats.details, book):  # print setup, page breaks, print titles and charts included
        report = check_package(path)
        assert not report.problems, "\n".join(report.problems)


def test_roster_is_kept_for_next_round(merged):
    _, stats, *_ = merged
    with duckdb.connect(str(stats.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM rosters").fetchone()[0] == 210


@pytest.mark.libreoffice
def test_overview_prints_summary_on_one_page_and_all_under_60(merged, tmp_path):
    _, _stats, out, *_ = merged
    pdf = convert_to_pdf([out], tmp_path)[0]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages < 60, pages
    assert not off_page_words(pdf)
    print(f"overview of 201 agencies: {pages} pages")
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout
    assert "5 ตัวชี้วัดที่อ่อนที่สุด" in first and "หน้า 1 จาก" in first
    assert "5 ตัวชี้วัดที่อ่อนที่สุด" not in second and "อำเภอ" in second  # the summary ended on page 1
    paper = next(line for line in info.splitlines() if line.startswith("Page size:"))
    assert "(A4)" in paper and paper.index("841") < paper.index("595")  # A4 landscape


def test_ita_roster_writes_a_book_to_fill_and_one_from_the_database(merged, tmp_path, ita):
    root, stats, *_ = merged
    empty = ita("roster", "-o", str(tmp_path / "ว่าง.xlsx"))
    assert empty.returncode == 0, empty.stderr
    ws = openpyxl.load_workbook(tmp_path / "ว่าง.xlsx")["รายชื่อหน่วยงาน"]
    assert [c.value for c in ws[1]] == ["ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "จังหวัด", "รหัส (ถ้ามี)"]
    assert ws.data_validations.dataValidation  # the type is picked from the template's list
    filled = ita("roster", "-o", str(tmp_path / "รอบก่อน.xlsx"), "--from-db", str(stats.db))
    assert filled.returncode == 0 and "210" in filled.stdout
    again = read_roster(tmp_path / "รอบก่อน.xlsx")
    assert {e.key for e in again} == {e.key for e in read_roster(root / "รายชื่อ.csv")}


def test_roster_last_reuses_the_stored_roster(merged, tmp_path):
    root, stats, *_ = merged
    out = tmp_path / "ภาพรวม.xlsx"
    again = run_merge(MergeOptions(inputs=[str(root / "in")], overview=out, db=stats.db, jobs=1, roster="last"))
    assert (again.expected, again.missing, again.off_roster) == (210, 10, 1)


def test_a_bad_roster_row_is_one_thai_line_with_the_row(tmp_path, ita):
    bad = tmp_path / "รายชื่อ.csv"
    bad.write_text("ชื่อหน่วยงาน,ประเภท,อำเภอ,จังหวัด\nอบต.บ้านขาม,,น้ำพอง,ขอนแก่น\nอบต.โนนทอง,,,ขอนแก่น\n",
                   encoding="utf-8")
    (tmp_path / "in").mkdir()
    synth.write_submission(tmp_path / "in" / "a.xlsx", synth.varied_submission(1, YEAR))
    r = ita("merge", str(tmp_path / "in"), "-o", str(tmp_path / "o.xlsx"), "--roster", str(bad))
    assert r.returncode == 2 and "แถว 3" in r.stderr and "อำเภอ" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o.xlsx").exists()


def test_a_formula_like_name_stays_text_in_the_roster_book(tmp_path):
    from converters.merge.roster import entry
    from converters.merge.roster_book import write_roster_book

    code = '=HYPERLINK("http://example.com","x")'
    write_roster_book(tmp_path / "r.xlsx", [entry(1, "อบต.ทดสอบ", "", "น้ำพอง", "ขอนแก่น", code)])
    cell = openpyxl.load_workbook(tmp_path / "r.xlsx")["รายชื่อหน่วยงาน"]["E2"]
    assert cell.data_type == "s" and cell.value == code


def test_a_roster_district_that_is_no_real_place_still_matches_and_is_noted():
    from converters.merge.roster import Submitted, entry, match

    typo = entry(2, "อบต.บ้านขาม", "", "นำพอง", "ขอนแก่น")  # น้ำพอง without its marks
    assert typo.place_note and "'น้ำพอง'" in typo.place_note
    right = entry(9, "อบต.บ้านขาม", "", "น้ำพอง", "ขอนแก่น")
    m = match([typo], [Submitted("sha", right.key, right.display, right.district, right.district_code)])
    assert m.submission_of == {0: "sha"} and "รายชื่อ" in m.note_of[0] and not m.unmatched
