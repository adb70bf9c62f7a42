"""The overview workbook, generated from the merge database, and its companion book of measures.

Overview sheets: สรุป (the one-page summary), รายอำเภอ, รายประเภท, อันดับ, ยังไม่ส่ง and รายชื่อ (with a roster;
converters.merge.summary), ภาพรวม (one row per agency, heat map of indicator scores), ตัวชี้วัด (statistics per
indicator and agency type, rating distribution, two native charts), ข้อสังเกต (errors and warnings of the
merged submissions), ไฟล์ (every input file of the run with its status and reason). Every sheet prints on A4
landscape, fitted to the page width, with the header rows, the title, the Thai date and page numbers on every
page; 200 agencies print in well under 60 pages.

The companion book (<overview>_มาตรการ.xlsx) holds มาตรการ and ความก้าวหน้า: every measure and progress row of
every agency, thousands of rows to filter on screen, not to print with the summary.

The overview covers one assessed year and the agencies whose files were given in this run; the database keeps
every run and year. Rows stream from DuckDB into the sheet XML, never all in memory.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from converters.merge import charts as C
from converters.merge import summary as S
from converters.merge.db import MERGED_STATUSES, STATUS_TH, MergeDB
from converters.merge.roster import Matching
from converters.merge.xlsx import Chart, Column, Print, XlsxWriter, sql_rows

SHEET_OVERVIEW = "ภาพรวม"
SHEET_INDICATORS = "ตัวชี้วัด"
SHEET_MEASURES = "มาตรการ"
SHEET_PROGRESS = "ความก้าวหน้า"
SHEET_FINDINGS = "ข้อสังเกต"
SHEET_FILES = "ไฟล์"
_ORDER = "o.province COLLATE th, o.district COLLATE th, o.agency_name COLLATE th, o.path"
FETCH = 5000


def _stream(con, sql: str, params: Sequence[object] = ()) -> Iterator[tuple]:
    cur = con.execute(sql, list(params))
    while True:
        rows = cur.fetchmany(FETCH)
        if not rows:
            return
        yield from rows


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _display_sql(expr: str, roots: Sequence[str]) -> str:
    """SQL for a path shown relative to the folder it was found in (absolute when outside them)."""
    cases = []
    for root in roots:
        prefix = root.rstrip("/\\") + os.sep
        cases.append(f"WHEN starts_with({expr}, {_sql_text(prefix)}) THEN substr({expr}, {len(prefix) + 1})")
    return f"CASE {' '.join(cases)} ELSE {expr} END" if cases else expr


def _status_th_sql(expr: str) -> str:
    return f"CASE {expr} {' '.join(f'WHEN {_sql_text(k)} THEN {_sql_text(v)}' for k, v in STATUS_TH.items())} " \
           f"ELSE {expr} END"


def prepare_scope(db: MergeDB, run_id: int, year: int) -> int:
    """TEMP table _ov: the current submission of every agency of `year` that had a file in this run."""
    db.con.execute("""
        CREATE OR REPLACE TEMP TABLE _ov AS
        SELECT st.* FROM current_submissions st
        WHERE st.year = ? AND st.agency_key IN (
            SELECT s.agency_key FROM run_files rf JOIN submissions s ON s.sha256 = rf.sha256
            WHERE rf.run_id = ? AND s.readable AND s.year = ?)""", [year, run_id, year])
    return int(db.con.execute("SELECT count(*) FROM _ov").fetchone()[0])


def _framework(year: int):
    from core.errors import ItaError
    from core.frameworks import load_year

    try:
        return load_year(year)
    except ItaError:
        return None


def detail_path(overview: str | Path) -> Path:
    """The companion book of measures and progress beside the overview: ภาพรวม.xlsx -> ภาพรวม_มาตรการ.xlsx."""
    p = Path(overview)
    return p.with_name(f"{p.stem}_มาตรการ{p.suffix}")


def write_overview(path: str | Path, db: MergeDB, run_id: int, year: int, roots: Sequence[str],
                   matching: Matching | None = None, file_counts: dict[str, int] | None = None,
                   today: dt.date | None = None) -> dict[str, int]:
    """Write the overview to `path` (the caller makes it atomic). TEMP tables _ov (prepare_scope) and _agency
    (summary.prepare_agencies) must exist. Returns the row count of each sheet."""
    con = db.con
    fw = _framework(year)
    indicators = [i.number for i in fw.indicators] if fw else [
        r[0] for r in con.execute("SELECT DISTINCT indicator FROM scores JOIN _ov USING (sha256) ORDER BY 1").fetchall()]
    names = {i.number: i.name_th for i in fw.indicators} if fw else {}
    pass_mark = fw.pass_mark if fw else 85.0
    levels = [lv.label for lv in fw.levels] if fw else [
        r[0] for r in con.execute("SELECT DISTINCT rating FROM _ov WHERE rating IS NOT NULL ORDER BY 1").fetchall()]
    n_all = int(con.execute("SELECT count(DISTINCT indicator) FROM scores JOIN _ov USING (sha256) "
                            "WHERE score IS NOT NULL").fetchone()[0])
    scope = S.scope_of(con, year, pass_mark, levels, names, n_all, matching is not None, today or dt.date.today())
    counts: dict[str, int] = {}
    w = XlsxWriter(path, header=(scope.title, f"ข้อมูล ณ วันที่ {S.thai_date(today or dt.date.today())}"))
    try:
        counts[S.SHEET_SUMMARY] = S.summary_sheet(w, con, scope, file_counts or {}, SHEET_INDICATORS)
        counts[S.SHEET_DISTRICTS] = S.district_sheet(w, con, scope.roster)
        counts[S.SHEET_TYPES] = S.type_sheet(w, con, scope.roster)
        counts[S.SHEET_RANKING] = S.ranking_sheet(w, con)
        if matching is not None:
            counts[S.SHEET_MISSING] = S.missing_sheet(w, con, scope)
            counts[S.SHEET_ROSTER] = S.roster_sheet(w, con)
        counts[SHEET_OVERVIEW] = _overview_sheet(w, con, indicators, names, roots, year)
        counts[SHEET_INDICATORS] = _indicator_sheet(w, con, indicators, names, pass_mark, fw)
        counts[SHEET_FINDINGS] = _findings_sheet(w, con, roots)
        counts[SHEET_FILES] = _files_sheet(w, con, run_id, year, roots)
    except BaseException:
        w.abort()
        raise
    w.close()
    return counts


def write_details(path: str | Path, db: MergeDB, roots: Sequence[str], title: str,
                  today: dt.date | None = None) -> dict[str, int]:
    """The companion book: every measure and progress row of the agencies in _ov (the caller makes it atomic)."""
    counts: dict[str, int] = {}
    w = XlsxWriter(path, header=(title, f"ข้อมูล ณ วันที่ {S.thai_date(today or dt.date.today())}"))
    try:
        counts[SHEET_MEASURES] = _measures_sheet(w, db.con, roots)
        counts[SHEET_PROGRESS] = _progress_sheet(w, db.con, roots)
    except BaseException:
        w.abort()
        raise
    w.close()
    return counts


def _overview_sheet(w: XlsxWriter, con, indicators: list[int], names: dict[int, str], roots, year: int) -> int:
    n = len(indicators)
    cols = [Column("จังหวัด", width=14), Column("อำเภอ", width=14), Column("ประเภท", width=20),
            Column("หน่วยงาน", width=34)]
    cols += [Column(f"{k}. {names.get(k, '')}".strip(". "), "num", 10) for k in indicators]
    cols += [Column("คะแนนรวม", "num", 10), Column("ระดับ", width=9), Column("ผ่านเกณฑ์ 85", width=10),
             Column("ตัวชี้วัดต่ำกว่า 85 (จำนวน)", "int", 11), Column("ตัวชี้วัดต่ำกว่า 85", width=14),
             Column("มาตรการ", "int", 9), Column("จุดอ่อนที่มีมาตรการ", "int", 11),
             Column("ครอบคลุมจุดอ่อน", "pct", 11), Column("ยังไม่ดำเนินการ", "int", 10),
             Column("อยู่ระหว่างดำเนินการ", "int", 11), Column("ดำเนินการแล้ว", "int", 10),
             Column("ดำเนินการแล้ว (ร้อยละ)", "pct", 11), Column("ข้อผิดพลาด", "int", 10),
             Column("คำเตือน", "int", 9), Column("รอบรายงาน (เดือน)", "int", 9), Column("วันที่รายงาน", "date", 13),
             Column("มีแมโคร", width=8), Column("สถานะ", width=16), Column("ไฟล์ต้นฉบับ", width=40)]
    pivot = ", ".join(f"max(score) FILTER (WHERE indicator = {int(k)}) AS s{int(k)}" for k in indicators)
    values = ["o.province", "o.district", "o.type", "o.agency_name", *(f"sc.s{int(k)}" for k in indicators),
              "o.total", "o.rating", "CASE WHEN o.passed THEN 'ผ่าน' WHEN NOT o.passed THEN 'ไม่ผ่าน' END",
              "o.weak", "o.weak_list", "o.measures", "o.weak_covered",
              "CASE WHEN o.weak > 0 THEN o.weak_covered / o.weak END", "o.not_started", "o.in_progress", "o.done",
              "o.done_pct / 100", "o.errors", "o.warnings", "o.report_round", "o.report_date",
              "CASE WHEN o.has_macro THEN 'มี (ไม่ได้เรียกใช้)' END", _status_th_sql("o.status"),
              _display_sql("o.path", roots)]
    sql = sql_rows(cols, values, f"(row_number() OVER (ORDER BY {_ORDER}) + 1)",
                   "FROM _ov o LEFT JOIN sc ON sc.sha256 = o.sha256",
                   with_=f"""WITH sc AS (SELECT sha256{", " + pivot if pivot else ""} FROM scores
                                     WHERE sha256 IN (SELECT sha256 FROM _ov) GROUP BY sha256)""")
    xml_rows = (r[0] for r in _stream(con, sql))

    first_score = 5
    return w.sheet(SHEET_OVERVIEW, cols, (), xml_rows=xml_rows, freeze=(1, 4), header_height=63,
                   color_scales=[(first_score, first_score + n, (0, 85, 100))] if n else [],
                   printing=Print(fit=(1, 0)))


def _indicator_sheet(w: XlsxWriter, con, indicators, names, pass_mark: float, fw) -> int:
    cols = [Column("ตัวชี้วัด", "int", 9), Column("ชื่อตัวชี้วัด", width=30), Column("ประเภทหน่วยงาน", width=22),
            Column("จำนวนหน่วยงาน", "int", 11), Column("ค่าเฉลี่ย", "num", 10), Column("มัธยฐาน", "num", 10),
            Column("ต่ำสุด", "num", 10), Column("ต่ำกว่า 85 (หน่วยงาน)", "int", 12),
            Column("ต่ำกว่า 85 (ร้อยละ)", "pct", 11), Column(f"เกณฑ์ {pass_mark:g}", "num", 9),
            Column("", width=3), Column("ระดับผลการประเมิน", width=16), Column("จำนวนหน่วยงาน", "int", 11)]
    stats = con.execute("""
        SELECT sc.indicator, coalesce(o.type, '') AS type, grouping(o.type) AS all_types, count(sc.score),
               avg(sc.score), median(sc.score), min(sc.score), count_if(round(sc.score, 2) < ?)
        FROM _ov o JOIN scores sc ON sc.sha256 = o.sha256
        WHERE sc.score IS NOT NULL
        GROUP BY GROUPING SETS ((sc.indicator), (sc.indicator, o.type))
        ORDER BY all_types DESC, type COLLATE th, sc.indicator""", [pass_mark]).fetchall()
    ratings = dict(con.execute("SELECT coalesce(rating, ''), count(*) FROM _ov GROUP BY 1").fetchall())
    levels = [lv.label for lv in fw.levels] if fw else sorted(k for k in ratings if k)
    rating_rows = [(lv, ratings.get(lv, 0)) for lv in levels]
    if ratings.get(""):
        rating_rows.append(("คะแนนไม่ครบ", ratings[""]))
    body = []
    for ind, typ, all_types, cnt, mean, med, mn, below in stats:
        body.append([ind, names.get(ind, ""), "ทุกประเภท" if all_types else typ, cnt, mean, med, mn, below,
                     below / cnt if cnt else None, pass_mark])
    for i, (label, count) in enumerate(rating_rows):
        if i >= len(body):
            body.append([None] * 10)
        body[i] = body[i] + [None, label, count]
    sheet = SHEET_INDICATORS
    q = "'" + sheet.replace("'", "''") + "'"
    n_all = sum(1 for r in stats if r[2])
    charts = []
    below = len(body) + 2  # the charts go under the table, in the sheet's width: seen and printed with it
    if n_all:
        last = n_all + 1
        floor = C.axis_floor([r[4] for r in stats if r[2]], pass_mark)
        xml = C.bars_with_line(f"ค่าเฉลี่ยรายตัวชี้วัด เทียบเกณฑ์ {pass_mark:g} คะแนน", "คะแนน", f"{q}!$A$2:$A${last}",
                               f"{q}!$E$1", f"{q}!$E$2:$E${last}", f"{q}!$J$1", f"{q}!$J$2:$J${last}",
                               y_min=floor, labels="0.0")
        charts.append(Chart(xml, (0, below, 6, below + 18)))
    if rating_rows:
        last = len(rating_rows) + 1
        xml = C.bars("จำนวนหน่วยงานตามระดับผลการประเมิน", f"{q}!$L$2:$L${last}", f"{q}!$M$1",
                     f"{q}!$M$2:$M${last}")
        charts.append(Chart(xml, (6, below, 13, below + 18)))
    return w.sheet(sheet, cols, body, freeze=(1, 0), autofilter=False, charts=charts, header_height=42,
                   color_scales=[(5, 7, (0, pass_mark, 100))],
                   printing=Print(breaks=(below + 1,) if charts else ()))  # the charts start a page


_AGENCY_COLS = [Column("จังหวัด", width=14), Column("อำเภอ", width=14), Column("ประเภท", width=20),
                Column("หน่วยงาน", width=32)]


def _pieces(con, sheet: str) -> Iterator[tuple]:
    """The stored pieces of one sheet, in the overview's agency order (see converters.merge.fragments)."""
    yield from _stream(con, f"""
        SELECT f.data, f.crc, f.op, f.length, f.rows FROM _ov o JOIN fragments f ON f.sha256 = o.sha256
        WHERE f.sheet = ? ORDER BY {_ORDER}""", [sheet])


def _measures_sheet(w: XlsxWriter, con, roots) -> int:
    cols = _AGENCY_COLS + [
        Column("รหัส", width=8), Column("หมวด", "wrap", 20), Column("มาตรการ/แนวทาง", "wrap", 40),
        Column("ตัวชี้วัด/ข้อที่เกี่ยวข้อง", width=14), Column("หัวข้อย่อยการประเมิน", "wrap", 25),
        Column("ขั้นตอน/วิธีปฏิบัติ", "wrap", 45), Column("ผู้รับผิดชอบ", "wrap", 20),
        Column("เริ่ม (เดือน)", "date", 12), Column("สิ้นสุด (เดือน)", "date", 12),
        Column("การติดตามผล", "wrap", 28), Column("การรายงานผล", width=12), Column("ตัวชี้วัดความสำเร็จ", "wrap", 28),
        Column("ชีต", width=10), Column("แถว", "int", 6)]
    return w.sheet(SHEET_MEASURES, cols, (), pieces=_pieces(con, "measures"), freeze=(1, 4), header_height=42)


def _progress_sheet(w: XlsxWriter, con, roots) -> int:
    cols = _AGENCY_COLS + [
        Column("รหัสมาตรการ", width=10), Column("มาตรการ", "wrap", 36), Column("รอบ (เดือน)", "int", 8),
        Column("ข้อมูล ณ วันที่", "date", 13), Column("สถานะ", width=18), Column("ผลการดำเนินการ", "wrap", 45),
        Column("ผลลัพธ์ที่เกิดขึ้น", "wrap", 30), Column("ลิงก์หลักฐาน", width=30), Column("ปัญหาอุปสรรค", "wrap", 28),
        Column("ชีต", width=10), Column("แถว", "int", 6)]
    return w.sheet(SHEET_PROGRESS, cols, (), pieces=_pieces(con, "progress"), freeze=(1, 4), header_height=42)


def _findings_sheet(w: XlsxWriter, con, roots) -> int:
    cols = _AGENCY_COLS + [Column("ระดับ", width=11), Column("รหัส", width=18), Column("ปัญหา", "wrap", 60),
                           Column("วิธีแก้", "wrap", 45), Column("ชีต", width=14), Column("เซลล์", width=8)]
    return w.sheet(SHEET_FINDINGS, cols, (), pieces=_pieces(con, "findings"), freeze=(1, 4), header_height=30)


def _files_sheet(w: XlsxWriter, con, run_id: int, year: int, roots) -> int:
    cols = [Column("ไฟล์", width=44), Column("สถานะ", width=18), Column("เหตุผล", "wrap", 60),
            Column("หน่วยงาน", width=32), Column("จังหวัด", width=14), Column("ปีที่ประเมิน", "int", 10),
            Column("วันที่รายงาน", "date", 13), Column("รุ่นแบบฟอร์ม", width=10), Column("มีแมโคร", width=16),
            Column("ข้อผิดพลาด", "int", 10), Column("คำเตือน", "int", 9), Column("ขนาด (KB)", "num", 10),
            Column("แก้ไขล่าสุด", "date", 13), Column("อ่านในรอบนี้", width=12), Column("ถูกแทนที่ด้วย", width=36),
            Column("SHA-256", width=20)]
    other_year = (f"CASE WHEN st.status IN {MERGED_STATUSES} AND st.year <> {int(year)} THEN "
                  f"concat_ws(' — ', nullif(st.status_reason, ''), 'ผลปี ' || st.year || "
                  f"' อยู่ในฐานข้อมูล ไม่อยู่ในภาพรวมปี {int(year)} นี้') ELSE st.status_reason END")
    values = [_display_sql("rf.path", roots), _status_th_sql("coalesce(st.status, 'rejected')"), other_year,
              "st.agency_name", "st.province", "st.year", "st.report_date", "st.template_version",
              "CASE WHEN st.has_macro THEN 'มีแมโคร (ไม่ได้เรียกใช้)' END", "st.errors", "st.warnings",
              "round(st.size / 1024, 1)", "st.mtime", "CASE WHEN rf.cached THEN 'ใช้ข้อมูลเดิม' ELSE 'อ่านใหม่' END",
              _display_sql("st.superseded_by", roots), "left(rf.sha256, 16)"]
    sql = sql_rows(cols, values, "(rf.ord + 2)",
                   "FROM run_files rf LEFT JOIN submission_status st ON st.path = rf.path WHERE rf.run_id = ?")
    xml_rows = (r[0] for r in _stream(con, sql, [run_id]))

    return w.sheet(SHEET_FILES, cols, (), xml_rows=xml_rows, freeze=(1, 1), header_height=30)
