"""The overview's first sheets, the answer a supervising office sends up: a one-page summary, then per district,
per agency type, a ranking with the change from last year, who has not sent (per district, one page each)
and the roster with what each agency sent.

Everything comes from two TEMP tables: _ov (the current submission of every agency in the overview,
converters.merge.overview.prepare_scope) and _agency (prepare_agencies: one row per roster agency and per
submission that is not on the roster, or per submission when there is no roster).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from converters.merge import charts as C
from converters.merge.roster import MATCHED, MISSING, STATUS_TH, Matching, Submitted
from converters.merge.xlsx import Chart, Column, Print, Styled, XlsxWriter
from core.thai_format import Fmt

SHEET_SUMMARY = "สรุป"
SHEET_DISTRICTS = "รายอำเภอ"
SHEET_TYPES = "รายประเภท"
SHEET_RANKING = "อันดับ"
SHEET_MISSING = "ยังไม่ส่ง"
SHEET_ROSTER = "รายชื่อ"
SUBMITTED = "submitted"  # _agency status when there is no roster
_SUBMITTED_TH = "ส่งแล้ว (ไม่มีรายชื่อให้ตรวจ)"


def thai_date(d: dt.date) -> str:
    return Fmt(arabic_digits=True).date_long(d)


def submitted_rows(con) -> list[Submitted]:
    rows = con.execute("SELECT sha256, agency_key, agency_name, district, coalesce(district_code, '') FROM _ov "
                       "ORDER BY sha256").fetchall()
    return [Submitted(*r) for r in rows]


def prepare_agencies(db, matching: Matching | None) -> None:
    """TEMP table _agency (ord, roster_row, status, sha256, name, type, district, province, code, note)."""
    con = db.con
    con.execute("""CREATE OR REPLACE TEMP TABLE _agency (ord INTEGER, roster_row INTEGER, status VARCHAR,
                   sha256 VARCHAR, name VARCHAR, type VARCHAR, district VARCHAR, province VARCHAR, code VARCHAR,
                   note VARCHAR)""")
    rows: list[tuple] = []
    if matching is not None:
        for i, e in enumerate(matching.entries):
            sha = matching.submission_of.get(i)
            note = "; ".join(x for x in (matching.note_of.get(i, ""), e.place_note) if x)
            rows.append((len(rows) + 1, e.row, MATCHED if sha else MISSING, sha, e.display, e.type, e.district,
                         e.province, e.code, note))
        extra = [(s.sha256, status, hint) for s, status, hint in matching.unmatched]
    else:
        extra = [(s.sha256, SUBMITTED, "") for s in submitted_rows(con)]
    db.insert_rows("_agency", rows)
    if extra:
        con.execute("CREATE OR REPLACE TEMP TABLE _extra (sha256 VARCHAR, status VARCHAR, note VARCHAR)")
        db.insert_rows("_extra", extra)
        con.execute(f"""INSERT INTO _agency SELECT {len(rows)} + row_number() OVER (ORDER BY o.province COLLATE th,
                        o.district COLLATE th, o.agency_name COLLATE th), NULL, x.status, o.sha256, o.agency_name,
                        o.type, o.district, o.province, '', x.note FROM _extra x JOIN _ov o USING (sha256)""")
        con.execute("DROP TABLE _extra")


@dataclass
class Scope:
    year: int
    title: str
    subtitle: str
    pass_mark: float
    levels: list[str]
    names: dict[int, str]
    indicator_rows: int  # rows of the ตัวชี้วัด sheet holding the all-types statistics (from row 2)
    roster: bool


def scope_of(con, year: int, pass_mark: float, levels: list[str], names: dict[int, str], n_indicators: int,
             roster: bool, today: dt.date) -> Scope:
    provinces = [r[0] for r in con.execute(
        "SELECT DISTINCT province FROM _agency WHERE province IS NOT NULL AND province <> '' "
        "ORDER BY 1").fetchall()]
    districts = [r[0] for r in con.execute(
        "SELECT DISTINCT district FROM _agency WHERE district IS NOT NULL AND district <> ''").fetchall()]
    if len(provinces) == 1:
        where = (f"อำเภอ{districts[0]} " if len(districts) == 1 else "") + f"จังหวัด{provinces[0]}"
    else:
        where = f"{len(provinces)} จังหวัด" if provinces else "ไม่ระบุจังหวัด"
    rounds = [r[0] for r in con.execute("SELECT report_round FROM _ov WHERE report_round IS NOT NULL "
                                         "GROUP BY 1 ORDER BY count(*) DESC, 1 DESC").fetchall()]
    fiscal = year + 1
    rnd = f" · รายงานความก้าวหน้ารอบ {' และ '.join(f'{r} เดือน' for r in sorted(rounds))} ปีงบประมาณ {fiscal}" \
        if rounds else ""
    return Scope(year, f"สรุปผลการประเมินคุณธรรมและความโปร่งใส (ITA) ปี {year}",
                 f"{where}{rnd} · ข้อมูล ณ วันที่ {thai_date(today)}", pass_mark, levels, names, n_indicators,
                 roster)


# -- the summary page -----------------------------------------------------------------------------------------

def _h(*texts: str) -> list[Styled]:
    return [Styled(t, "header") for t in texts]


def summary_sheet(w: XlsxWriter, con, s: Scope, file_counts: dict[str, int], indicator_sheet: str) -> int:
    """One landscape A4 page: title, counts, pass rate, ratings, the five weakest indicators and a chart."""
    agencies = dict(con.execute("SELECT status, count(*) FROM _agency GROUP BY 1").fetchall())
    expected = sum(v for k, v in agencies.items() if k in (MATCHED, MISSING)) if s.roster else None
    merged, clean, warned, errors, passed, scored, mean, median = con.execute("""
        SELECT count(*), count_if(status = 'merged'), count_if(status = 'merged_with_warnings'),
               count_if(status = 'merged_with_errors'), count_if(passed), count(total), avg(total), median(total)
        FROM _ov""").fetchone()
    off_roster = sum(v for k, v in agencies.items() if k not in (MATCHED, MISSING, SUBMITTED))
    ratings = dict(con.execute("SELECT coalesce(rating, ''), count(*) FROM _ov GROUP BY 1").fetchall())
    weakest = con.execute("""
        SELECT sc.indicator, avg(sc.score), count_if(round(sc.score, 2) < ?), count(sc.score)
        FROM _ov o JOIN scores sc USING (sha256) WHERE sc.score IS NOT NULL
        GROUP BY 1 ORDER BY 2, 1 LIMIT 5""", [s.pass_mark]).fetchall()
    means = [r[0] for r in con.execute("""
        SELECT avg(sc.score) FROM _ov o JOIN scores sc USING (sha256) WHERE sc.score IS NOT NULL
        GROUP BY sc.indicator""").fetchall()]

    def pct(n: float | None, d: float | None) -> float | None:
        return n / d if n is not None and d else None

    rows: list[list[object]] = [
        [Styled(s.title, "title")],
        [Styled(s.subtitle, "bold")],
        [],
        _h("จำนวนหน่วยงาน", "ต้องส่ง", "ส่งแล้ว", "รวมแล้ว", "ยังไม่ส่ง", "ไฟล์ที่ไม่รับ"),
        [Styled("หน่วยงาน / ไฟล์", "bold"), expected if s.roster else "ไม่มีรายชื่อ",
         (expected or 0) - agencies.get(MISSING, 0) if s.roster else merged, merged,
         agencies.get(MISSING, 0) if s.roster else "-", file_counts.get("rejected", 0)],
        ["ไฟล์ที่ถูกแทนที่ด้วยฉบับใหม่กว่า", file_counts.get("superseded", 0)],
        *([["ไฟล์ที่ไม่ตรงกับรายชื่อหรือกำกวม", off_roster]] if s.roster else []),
        [],
        _h("ผลการรวม", "ไม่มีข้อผิดพลาด", "มีคำเตือน", "มีข้อผิดพลาด", "ผ่านเกณฑ์", "ร้อยละที่ผ่าน"),
        [Styled("หน่วยงาน", "bold"), clean, warned, errors, passed, Styled(pct(passed, scored), "pct")],
        ["คะแนนรวมเฉลี่ย / มัธยฐาน", Styled(mean, "num"), Styled(median, "num"), None,
         Styled(f"เกณฑ์ผ่าน {s.pass_mark:g} คะแนน", "text")],
        [],
        _h("ระดับผลการประเมิน", "หน่วยงาน", "ร้อยละ"),
    ]
    levels = list(s.levels) + (["คะแนนไม่ครบ"] if ratings.get("") else [])
    for lv in levels:
        n = ratings.get("" if lv == "คะแนนไม่ครบ" else lv, 0)
        rows.append([lv, n, Styled(pct(n, merged), "pct")])
    rows += [[], _h("5 ตัวชี้วัดที่อ่อนที่สุด", "ค่าเฉลี่ย", f"ต่ำกว่า {s.pass_mark:g}", "ร้อยละ")]
    for ind, avg, below, n in weakest:
        rows.append([f"{ind}. {s.names.get(ind, '')}".strip(), Styled(avg, "num"), below, Styled(pct(below, n), "pct")])
    q = "'" + indicator_sheet.replace("'", "''") + "'"
    charts = []
    if s.indicator_rows:
        last = s.indicator_rows + 1
        xml = C.bars_with_line(f"ค่าเฉลี่ยรายตัวชี้วัด เทียบเกณฑ์ {s.pass_mark:g} คะแนน", "คะแนน",
                               f"{q}!$A$2:$A${last}", f"{q}!$E$1", f"{q}!$E$2:$E${last}", f"{q}!$J$1",
                               f"{q}!$J$2:$J${last}", y_min=C.axis_floor(means, s.pass_mark), labels="0.0")
        charts.append(Chart(xml, (6, 2, 14, max(len(rows), 24))))
    cols = [Column("", width=34)] + [Column("", "int", 13) for _ in range(5)] + [Column("", width=9)] * 8
    return w.sheet(SHEET_SUMMARY, cols, rows, freeze=None, autofilter=False, charts=charts, header_row=False,
                   printing=Print(fit=(1, 1)))


# -- per district and per type --------------------------------------------------------------------------------

def _group_sheet(w: XlsxWriter, con, name: str, keys: Sequence[tuple[str, str, float]], roster: bool) -> int:
    cols = [Column(h, width=wd) for _, h, wd in keys] + [
        Column("ต้องส่ง", "int", 9), Column("ส่งแล้ว", "int", 9), Column("ยังไม่ส่ง", "int", 9),
        Column("คะแนนเฉลี่ย", "num", 11), Column("มัธยฐาน", "num", 10), Column("ต่ำสุด", "num", 9),
        Column("สูงสุด", "num", 9), Column("ผ่านเกณฑ์", "int", 10), Column("ผ่านเกณฑ์ (ร้อยละ)", "pct", 11),
        Column("มีข้อผิดพลาด", "int", 10)]
    group = ", ".join(f"coalesce(a.{k}, '')" for k, _, _ in keys)
    order = ", ".join(f"{i} COLLATE th" for i in range(1, len(keys) + 1))
    rows = con.execute(f"""
        SELECT {group}, {'count_if(a.roster_row IS NOT NULL)' if roster else 'NULL'},
               count(o.sha256), {"count_if(a.status = 'missing')" if roster else 'NULL'}, avg(o.total),
               median(o.total), min(o.total), max(o.total), count_if(o.passed),
               count_if(o.passed) / nullif(count(o.total), 0), count_if(o.status = 'merged_with_errors')
        FROM _agency a LEFT JOIN _ov o USING (sha256) GROUP BY ALL ORDER BY {order}""").fetchall()
    total = con.execute(f"""
        SELECT {'count_if(a.roster_row IS NOT NULL)' if roster else 'NULL'}, count(o.sha256),
               {"count_if(a.status = 'missing')" if roster else 'NULL'}, avg(o.total), median(o.total),
               min(o.total), max(o.total), count_if(o.passed), count_if(o.passed) / nullif(count(o.total), 0),
               count_if(o.status = 'merged_with_errors')
        FROM _agency a LEFT JOIN _ov o USING (sha256)""").fetchone()
    body = [list(r) for r in rows]
    body.append([Styled("รวม", "bold"), *([""] * (len(keys) - 1)), *total])
    return w.sheet(name, cols, body, freeze=(1, len(keys)), autofilter=False, header_height=42)


def district_sheet(w: XlsxWriter, con, roster: bool) -> int:
    return _group_sheet(w, con, SHEET_DISTRICTS, [("province", "จังหวัด", 16), ("district", "อำเภอ", 20)], roster)


def type_sheet(w: XlsxWriter, con, roster: bool) -> int:
    return _group_sheet(w, con, SHEET_TYPES, [("type", "ประเภทหน่วยงาน", 28)], roster)


# -- ranking --------------------------------------------------------------------------------------------------

def ranking_sheet(w: XlsxWriter, con) -> int:
    """Every agency by total, with last year's total (the database's, else the book's own previous scores)."""
    cols = [Column("อันดับ", "int", 7), Column("หน่วยงาน", width=36), Column("ประเภท", width=20),
            Column("อำเภอ", width=16), Column("จังหวัด", width=14), Column("คะแนนรวม", "num", 10),
            Column("ระดับ", width=8), Column("ผ่านเกณฑ์", width=9), Column("ปีก่อน", "num", 10),
            Column("เปลี่ยนแปลง", "num", 10), Column("ทิศทาง", width=9), Column("อันดับปีก่อน", "int", 9)]
    rows = con.execute("""
        WITH prev AS (
            SELECT p.agency_key, p.total AS total FROM current_submissions p
            WHERE p.year = (SELECT max(year) FROM _ov) - 1),
        prev_rank AS (
            SELECT agency_key, rank() OVER (ORDER BY total DESC) AS r FROM prev
            WHERE agency_key IN (SELECT agency_key FROM _ov) AND total IS NOT NULL)
        SELECT CASE WHEN o.total IS NOT NULL THEN rank() OVER (ORDER BY o.total DESC NULLS LAST) END,
               a.name, a.type, a.district, a.province, o.total, o.rating,
               CASE WHEN o.passed THEN 'ผ่าน' WHEN NOT o.passed THEN 'ไม่ผ่าน' END,
               coalesce(p.total, o.previous_total) AS before,
               round(o.total - coalesce(p.total, o.previous_total), 2),
               CASE WHEN o.total > before THEN '▲ ขึ้น' WHEN o.total < before THEN '▼ ลง'
                    WHEN o.total = before THEN '= เท่าเดิม' END,
               pr.r
        FROM _agency a JOIN _ov o USING (sha256) LEFT JOIN prev p ON p.agency_key = o.agency_key
        LEFT JOIN prev_rank pr ON pr.agency_key = o.agency_key
        ORDER BY o.total DESC NULLS LAST, a.name COLLATE th""").fetchall()
    return w.sheet(SHEET_RANKING, cols, rows, freeze=(1, 2), header_height=30)


# -- who has not sent ----------------------------------------------------------------------------------------

def missing_sheet(w: XlsxWriter, con, s: Scope) -> int:
    """The roster agencies without a submission, grouped by district, each district on its own page."""
    cols = [Column("อำเภอ", width=20), Column("ลำดับ", "int", 7), Column("ประเภท", width=26),
            Column("หน่วยงาน", width=46), Column("รหัส", width=14), Column("จังหวัด", width=16),
            Column("วันที่ติดตาม", width=16), Column("หมายเหตุ", width=30)]
    rows = con.execute("""
        SELECT district, row_number() OVER (PARTITION BY province, district ORDER BY type COLLATE th,
               name COLLATE th), type, name, code, province
        FROM _agency WHERE status = 'missing'
        ORDER BY province COLLATE th, district COLLATE th, 2""").fetchall()
    preamble = [[f"หน่วยงานที่ยังไม่ส่งแบบรายงาน ITA ปี {s.year} ({len(rows)} หน่วยงาน)"],
                ["ไม่มีไฟล์ในการรวมครั้งนี้ หรือไฟล์ที่ส่งอ่านไม่ได้ (ดูชีต ไฟล์) · แต่ละอำเภอพิมพ์แยกหน้า"]]
    first_data = len(preamble) + 2
    breaks = tuple(first_data + i for i in range(1, len(rows)) if rows[i][0] != rows[i - 1][0] or
                   rows[i][5] != rows[i - 1][5])
    return w.sheet(SHEET_MISSING, cols, rows, preamble=preamble, freeze=(1, 0), header_height=30,
                   printing=Print(fit=(1, 0), breaks=breaks))


def roster_sheet(w: XlsxWriter, con) -> int:
    """Every roster agency with what it sent; then the submissions not on the roster, with the nearest names."""
    cols = [Column("สถานะ", width=16), Column("อำเภอ", width=18), Column("ประเภท", width=22),
            Column("หน่วยงาน", width=36), Column("รหัส", width=10), Column("ชื่อในไฟล์", width=30),
            Column("คะแนนรวม", "num", 10), Column("สถานะไฟล์", width=18), Column("ไฟล์", width=34),
            Column("หมายเหตุ", "wrap", 44)]
    from converters.merge.db import STATUS_TH as FILE_STATUS

    status_case = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in {**STATUS_TH, SUBMITTED: _SUBMITTED_TH}.items())
    file_case = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in FILE_STATUS.items())
    rows = con.execute(f"""
        SELECT CASE a.status {status_case} END, a.district, a.type, a.name, a.code, o.name, o.total,
               CASE o.status {file_case} END, regexp_extract(o.path, '[^/\\\\]+$'), a.note
        FROM _agency a LEFT JOIN _ov o USING (sha256)
        ORDER BY CASE a.status WHEN 'ambiguous' THEN 0 WHEN 'unmatched' THEN 1 WHEN 'missing' THEN 2 ELSE 3 END,
                 a.province COLLATE th, a.district COLLATE th, a.name COLLATE th""").fetchall()
    return w.sheet(SHEET_ROSTER, cols, rows, freeze=(1, 0), header_height=30)
