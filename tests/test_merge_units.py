"""Pieces of `ita merge` on their own: agency identity, file discovery, the overview's zip pieces, the
synthetic corpus."""

from __future__ import annotations

import random
import zipfile
import zlib

import pytest

from converters.merge import crc32, fragments
from converters.merge.discover import discover
from converters.merge.identity import agency_identity, normalize_thai, split_type
from devkit import synth

KHAM = ("องค์การบริหารส่วนตำบล", "บ้านขาม", "ขอนแก่น", "4007")


@pytest.mark.parametrize("name,typ,province", [
    ("องค์การบริหารส่วนตำบลบ้านขาม", "องค์การบริหารส่วนตำบล", "ขอนแก่น"),
    ("อบต.บ้านขาม", "", "จังหวัดขอนแก่น"),
    ("  อบต. บ้าน\u00a0ขาม ", "อบต.", " ขอนแก่น"),
    ("องค์การบริหารส่วนตำบล บ้านขาม", "องค์การบริหารส่วนตำบล", "จ.ขอนแก่น"),
    ("องค์การบริหารส่วนต\u0e4d\u0e32บลบ้านขาม", "", "ขอนแก่น"),  # ตำ typed as ต + ํ + า
    ("บ้านขาม", "องค์การบริหารส่วนตำบล", "ขอนแก่น"),
    ("อบต.บ\u0e49\u0e32\u0e19\u200bขาม", "", "ขอนแก่น"),  # a zero-width space
    ("อบต. ต.บ้านขาม", "", "จ.ขอนแก่น"),  # the subdistrict's ต. after the type
])
def test_spellings_of_one_agency_meet(name, typ, province):
    ident = agency_identity(name, typ, province, "4007")
    assert ident.key == "|".join(KHAM)
    assert ident.display == "องค์การบริหารส่วนตำบลบ้านขาม"


def test_thai_mark_order_and_digits():
    assert normalize_thai("น\u0e4d\u0e49\u0e32") == "น\u0e49\u0e33"  # ํ ้ า -> ้ ำ
    assert normalize_thai("ท\u0e48\u0e35") == "ท\u0e35\u0e48"  # tone before the vowel above
    assert normalize_thai("เเดง") == "แดง"
    assert normalize_thai("หมู่ ๑๒") == "หมู่ 12"
    assert normalize_thai("กรุงเทพ\u00a0\u00a0มหานคร ") == "กรุงเทพ มหานคร"


def test_type_and_province_separate_agencies():
    a = agency_identity("องค์การบริหารส่วนตำบลบ้านขาม", "องค์การบริหารส่วนตำบล", "ขอนแก่น")
    assert a.key != agency_identity("เทศบาลตำบลบ้านขาม", "เทศบาลตำบล", "ขอนแก่น").key
    assert a.key != agency_identity("องค์การบริหารส่วนตำบลบ้านขาม", "องค์การบริหารส่วนตำบล", "ชัยภูมิ").key
    mixed = agency_identity("อบต.บ้านขาม", "เทศบาลตำบล", "ขอนแก่น")
    assert mixed.type_mismatch and mixed.type == "เทศบาลตำบล"
    assert split_type("ทต.น้ำพอง") == ("เทศบาลตำบล", "น้ำพอง")
    assert agency_identity("กรุงเทพมหานคร", "กรุงเทพมหานคร", "กรุงเทพมหานคร").display == "กรุงเทพมหานคร"
    # one name in two districts of a province (several อบต.หนองบัว in one province) is two agencies
    assert agency_identity("อบต.หนองบัว", "", "ชัยภูมิ", "3601").key != agency_identity(
        "อบต.หนองบัว", "", "ชัยภูมิ", "3605").key


def test_discover_is_recursive_stable_and_survives_link_loops(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    for p in ("b/2.xlsx", "b/c/1.xlsm", "a.XLSX", "b/old.xls", "b/note.pdf", ".hidden/x.xlsx"):
        (tmp_path / p).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / p).write_bytes(b"x")
    (tmp_path / "b" / "c" / "loop").symlink_to(tmp_path / "b")
    (tmp_path / "alias.xlsx").symlink_to(tmp_path / "a.XLSX")
    found = discover([tmp_path, tmp_path / "a.XLSX"])
    names = [p.relative_to(tmp_path).as_posix() for p in found.files]
    assert names == ["a.XLSX", "b/2.xlsx", "b/c/1.xlsm", "b/old.xls"]
    assert found.other == 1 and found.duplicates == 2
    assert discover([tmp_path]).files == found.files


def test_pieces_concatenate_into_one_valid_deflate_stream_and_crc():
    rng = random.Random(1)
    texts = ["".join(rng.choice("abc<>&กขค่้ ") for _ in range(rng.randint(0, 4000))) for _ in range(40)]
    head, tail = "<sheetData>", "</sheetData>"
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    out, crc = [c.compress(head.encode()) + c.flush(zlib.Z_SYNC_FLUSH)], zlib.crc32(head.encode())
    for t in texts:
        data, pcrc, op, length = fragments.pack(t)
        assert length == len(t.encode())
        out.append(data)
        crc = crc32.crc_combine(crc, pcrc, op)
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    out.append(c.compress(tail.encode()) + c.flush())
    crc = zlib.crc32(tail.encode(), crc)
    whole = (head + "".join(texts) + tail).encode()
    assert zlib.decompress(b"".join(out), -15) == whole
    assert crc == zlib.crc32(whole)


def test_writer_makes_a_valid_package(tmp_path):
    import datetime as dt

    import openpyxl

    from converters.merge.xlsx import Column, XlsxWriter

    rows = [["ก", 1.5, dt.date(2023, 4, 1), "=1+1", None, "x\x01y"], ["-", None, None, "", 3, "ok"]]
    piece = fragments.pack(fragments.rows_xml(rows, ["text", "num", "date", "wrap", "int", "text"]))
    w = XlsxWriter(tmp_path / "o.xlsx")
    w.sheet("แรก", [Column("a"), Column("b", "num"), Column("c", "date"), Column("d", "wrap"), Column("e", "int"),
                    Column("f")], rows)
    w.sheet("ชิ้น", [Column(h) for h in "abcdef"], [], pieces=[(*piece, 2), (*piece, 2)])
    w.close()
    assert zipfile.ZipFile(tmp_path / "o.xlsx").testzip() is None
    wb = openpyxl.load_workbook(tmp_path / "o.xlsx")
    for name, n in (("แรก", 2), ("ชิ้น", 4)):
        got = [list(r) for r in wb[name].iter_rows(min_row=2, values_only=True)]
        assert len(got) == n
        assert got[0][:4] == ["ก", 1.5, dt.datetime(2023, 4, 1), "=1+1"] and got[0][5] == "xy"
        assert got[1][0] == "-" and got[1][4] == 3
        assert wb[name]["D2"].data_type == "s" and wb[name]["D2"].quotePrefix


def test_synthetic_books_read_back_exactly(tmp_path):
    from workbook.reader import read_workbook

    for i in (0, 7, 42):
        sub = synth.varied_submission(i, 2565)
        res = read_workbook(synth.write_submission(tmp_path / f"{i}.xlsx", sub))
        got = res.submission
        for x in [*sub.measures, *sub.progress, *got.measures, *got.progress, *sub.analysis, *got.analysis]:
            x.row = None
        assert res.issues == []
        assert got.agency == sub.agency
        assert got.scores.current == sub.scores.current and got.scores.previous == sub.scores.previous
        assert got.measures == sub.measures and got.progress == sub.progress
        assert [a for a in got.analysis if a.issue] == [a for a in sub.analysis if a.issue]


def test_corpus_has_every_kind(tmp_path):
    files = synth.generate_corpus(tmp_path, 120, duplicates=0.05, macros=0.05)
    kinds = {f.kind for f in files}
    assert {"ok", "duplicate_old", "duplicate_new", "macro"} <= kinds
    assert {f"broken:{k}" for k in synth.BROKEN_KINDS} <= kinds
    assert len(files) == 120 and all(f.path.exists() for f in files)
    again = tmp_path / "again"
    synth.generate_corpus(again, 120, duplicates=0.05, macros=0.05)
    first = min(f.path for f in files if f.kind == "ok")
    assert (again / first.relative_to(tmp_path)).read_bytes() == first.read_bytes()  # reproducible bytes


def test_overview_styles_match_the_template():
    from converters.merge import xlsx
    from workbook import styles

    assert (xlsx.FONT_NAME, xlsx.DATE_FORMAT) == (styles.FONT_NAME, styles.DATE_FORMAT)


def test_one_province_is_one_province_whatever_the_spelling():
    from core.places import resolve

    places = {resolve(p, d) for p, d in (("จ.ชัยภูมิ", "อ.เมือง"), ("จังหวัดชัยภูมิ", "เมืองชัยภูมิ"),
                                         (" ชัยภูมิ", "อำเภอเมืองชัยภูมิ"), ("Chaiyaphum", "เมือง"))}
    assert len(places) == 1
    (place,) = places
    assert (place.province, place.district, place.province_code, place.district_code) == (
        "ชัยภูมิ", "เมืองชัยภูมิ", "36", "3601")
    keys = {agency_identity("อบต.บ้านเขว้า", "", resolve(p).province).key for p in ("จ.ชัยภูมิ", "Chaiyaphum")}
    assert len(keys) == 1
