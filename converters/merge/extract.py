"""The worker: one file -> plain rows for the database, and its findings.

Runs in worker processes, so it takes and returns only plain, picklable values (str, numbers, dates,
tuples). It never raises for a bad file: whatever goes wrong becomes a rejected row with a Thai reason.
Values are read with workbook.reader (python-calamine, by the template's names and tables); nothing in the
file is ever executed, macros included.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import os
import time
import zipfile
from functools import lru_cache

from converters.merge import checks
from converters.merge.identity import agency_identity
from converters.merge.tables import AGENCY_COLUMNS, CONTENT_TABLES, NULL, columns
from core.errors import ItaError
from core.places import resolve

_SUB_COLUMNS = columns("submissions")


@lru_cache(maxsize=32)
def _framework(year: int):
    from core.frameworks import load_year

    try:
        return load_year(year)
    except ItaError:
        return None


def _has_macro(path: str) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return any(n.lower().endswith("vbaproject.bin") for n in zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def rejected(sha256: str, reason: str, *, has_macro: bool = False, read_ms: float = 0.0) -> dict:
    row = dict.fromkeys(_SUB_COLUMNS)
    row.update(sha256=sha256, readable=False, reason=reason, has_macro=has_macro,
               read_at=dt.datetime.now().replace(microsecond=0), read_ms=read_ms)
    return {"sha256": sha256, "submissions": [tuple(row[c] for c in _SUB_COLUMNS)]}


def packed(rows: dict) -> dict:
    """A worker's result as the parent stores it: CSV text per table (one fast COPY per batch) and the
    overview's pre-compressed pieces."""
    out = {"sha256": rows["sha256"], "csv": {}}
    frags = [(f[0], f[1], base64.b64encode(f[2]).decode("ascii"), *f[3:]) for f in rows.get("fragments", ())]
    if frags:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(frags)
        out["csv"]["fragments"] = buf.getvalue()
    for table in CONTENT_TABLES:
        if rows.get(table):
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(
                [[NULL if v is None else v for v in r] for r in rows[table]])
            out["csv"][table] = buf.getvalue()
    return out


def extract(path: str, sha256: str) -> dict:
    """Rows of every table for one file (see converters.merge.tables); never raises for a bad file."""
    t0 = time.perf_counter()
    from workbook.reader import read_workbook

    xlsm = path.lower().endswith(".xlsm")
    try:
        result = read_workbook(path)
    except ItaError as err:
        macro = xlsm or _has_macro(path)
        reason = err.message
        if os.path.basename(path).startswith("~$"):
            reason = "ไฟล์ล็อกชั่วคราวของ Excel (ชื่อขึ้นต้นด้วย ~$) ไม่ใช่แบบฟอร์ม — ไม่ต้องส่ง ลบทิ้งได้"
        return rejected(sha256, reason, has_macro=macro, read_ms=(time.perf_counter() - t0) * 1000)
    except Exception as exc:  # noqa: BLE001 - a file must never stop the merge
        return rejected(sha256, f"อ่านไฟล์ไม่ได้ ({type(exc).__name__}) — ขอไฟล์ใหม่", has_macro=xlsm or _has_macro(path),
                        read_ms=(time.perf_counter() - t0) * 1000)
    macro = xlsm or result.has_macros  # the reader has listed the package's parts already
    try:
        return _rows(result, sha256, macro, t0)
    except Exception as exc:  # noqa: BLE001
        return rejected(sha256, f"ประมวลผลข้อมูลในไฟล์ไม่ได้ ({type(exc).__name__}: {exc})", has_macro=macro,
                        read_ms=(time.perf_counter() - t0) * 1000)


def _rows(result, sha256: str, macro: bool, t0: float) -> dict:
    from core.numbers import excel_round
    from core.scoring import check_scores, level_for, tool_scores_exact, total_exact

    sub = result.submission
    a = sub.agency
    findings = checks.validate(result)  # macros in the package are validation's "workbook-has-macros"
    place = resolve(a.province, a.district, a.name)
    ident = agency_identity(a.name, a.type, place.province, place.district_code)
    if ident.type_mismatch:
        findings.append(checks.finding("MERGE_TYPE_MISMATCH", "warning",
                                       f"ชื่อหน่วยงานขึ้นต้นด้วยประเภทอื่น แต่เลือกประเภท {a.type} — ใช้ประเภทที่เลือก",
                                       *result.cell_of("agency.type")))
    year = a.assessed_year
    if year is None and a.fiscal_year is not None:
        year = a.fiscal_year - 1
        findings.append(checks.finding("MERGE_YEAR_GUESSED", "warning",
                                       f"ไม่ได้กรอกปีที่ได้รับผลการประเมิน ใช้ปีงบประมาณของมาตรการลบหนึ่ง ({year})",
                                       *result.cell_of("agency.assessed_year")))
    reason = ""
    if not ident.core_name:
        reason = "ไม่ได้กรอกชื่อหน่วยงาน — ระบุหน่วยงานไม่ได้"
    elif year is None:
        reason = "ไม่ได้กรอกปีที่ได้รับผลการประเมิน ITA — ระบุปีไม่ได้"
    if reason:
        out = rejected(sha256, reason, has_macro=macro, read_ms=(time.perf_counter() - t0) * 1000)
        out["findings"] = [_finding_row(sha256, f)
                           for f in findings]
        return out

    fw = _framework(year)
    pass_mark = fw.pass_mark if fw else 85.0
    current = {n: v for n, v in sub.scores.current.items() if v is not None}
    total = previous_total = rating = passed = verified = None
    tools: dict[str, float] = {}
    if fw is None:
        findings.append(checks.finding("MERGE_NO_FRAMEWORK", "warning", f"ไม่มีเกณฑ์ของปี {year} — ไม่คำนวณคะแนนรวม"))
    else:
        try:
            scores = check_scores(fw, current)
        except ItaError:
            scores = None  # validation reports which score is missing or out of range
        if scores is not None:
            exact_tools = tool_scores_exact(fw, scores)
            total = excel_round(total_exact(fw, scores))
            level = level_for(fw, total, exact_tools)
            rating, passed, verified = level.label, total >= fw.pass_mark, level.verified and fw.verified
            tools = {k: excel_round(v) for k, v in exact_tools.items()}
        previous = {n: v for n, v in sub.scores.previous.items() if v is not None}
        if set(previous) == set(fw.indicator_numbers) and all(0 <= v <= 100 for v in previous.values()):
            previous_total = excel_round(total_exact(fw, previous))  # as the book's PreviousTotal formula

    score_sheet = result.cell_of("scores.score")[0]
    weak = sorted(n for n, v in current.items() if excel_round(v) < pass_mark)
    linked: set[int] = set()
    for m in sub.measures:
        for link in m.links:
            if link.isdigit():
                linked.add(int(link))
    covered = sum(1 for n in weak if n in linked)
    rnd = a.report_round
    this_round = [p for p in sub.progress if rnd is None or p.round == rnd]
    counts = {s: sum(1 for p in this_round if p.status == s) for s in ("ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ",
                                                                     "ดำเนินการแล้ว")}
    with_status = sum(1 for p in this_round if p.status)
    done_pct = round(100 * counts["ดำเนินการแล้ว"] / with_status, 2) if with_status else None
    sev = [f["severity"] for f in findings]

    row = {c: getattr(a, c, None) for c, _ in AGENCY_COLUMNS if c != "year"}
    row.update(
        sha256=sha256, readable=True, reason="", template_id=sub.template_id, template_version=sub.template_version,
        has_macro=macro, read_at=dt.datetime.now().replace(microsecond=0), agency_key=ident.key,
        agency_name=ident.display,
        name=a.name, type=a.type or ident.type, province=place.province, district=place.district,
        province_typed=a.province, district_typed=a.district, province_code=place.province_code or None,
        district_code=place.district_code or None, year=year,
        published_total=sub.scores.published_total, published_rating=sub.scores.published_rating,
        iit_respondents=sub.scores.iit_respondents, eit_respondents=sub.scores.eit_respondents,
        total=total, previous_total=previous_total, rating=rating, passed=passed, verified=verified,
        indicators=len(fw.indicators) if fw else len(sub.scores.current), scored=len(current), weak=len(weak),
        weak_list=", ".join(map(str, weak)), weak_covered=covered, measures=len(sub.measures),
        progress=len(sub.progress), not_started=counts["ยังไม่ดำเนินการ"], in_progress=counts["อยู่ระหว่างดำเนินการ"],
        done=counts["ดำเนินการแล้ว"], done_pct=done_pct, errors=sev.count("error"), warnings=sev.count("warning"),
        infos=sev.count("info"),
    )
    row["read_ms"] = round((time.perf_counter() - t0) * 1000, 2)
    sheet_of = {k: result.cell_of(f"{k}.indicator" if k in ("scores", "analysis") else f"{k}.id")[0]
                for k in ("scores", "analysis", "measures", "progress")}
    measures = [(sha256, m.id, m.group, m.title, ", ".join(m.links), m.sub_item, m.steps, m.responsible, m.start,
                 m.end, m.monitoring, m.reporting, m.success_indicator, sheet_of["measures"], m.row)
                for m in sub.measures]
    progress = [(sha256, p.measure_id, p.round, p.as_of, p.status, p.results, p.outcomes, p.evidence, p.obstacles,
                 sheet_of["progress"], p.row) for p in sub.progress]
    finding_rows = [_finding_row(sha256, f) for f in findings]
    from converters.merge import fragments

    frags = fragments.build(sha256, (place.province, place.district, row["type"], row["agency_name"]), measures, progress,
                            finding_rows)
    return {
        "sha256": sha256,
        "fragments": frags,
        "submissions": [tuple(row[c] for c in _SUB_COLUMNS)],
        "tool_scores": [(sha256, k, v) for k, v in tools.items()],
        "scores": [(sha256, n, v, sub.scores.previous.get(n), None if v is None else excel_round(v) >= pass_mark,
                    score_sheet, sub.scores.rows.get(n)) for n, v in sorted(sub.scores.current.items())],
        "analysis": [(sha256, x.indicator, x.issue, sheet_of["analysis"], x.row) for x in sub.analysis],
        "measures": measures,
        "progress": progress,
        "findings": finding_rows,
    }


def worker_init() -> None:
    """A worker's start (defined here, not in run.py, so the workers import only the reading side)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C must not kill a worker mid-row


def warm_up() -> None:
    """Import and load what reading any file needs (reader, rules, definition, catalogue, gazetteer): a
    worker does it as soon as it starts, while the parent is still finding and hashing the files."""
    from core.places import resolve
    from workbook.definition import load_definition
    from workbook.reader import read_workbook  # noqa: F401
    from workbook.validation.catalogue import load_catalogue
    from workbook.validation.rules import RULES  # noqa: F401

    load_definition()
    load_catalogue()
    resolve("กรุงเทพมหานคร")


def extract_many(tasks: list[tuple[str, str]]) -> list[dict]:
    """A chunk of (path, sha256) for one worker round trip, packed for storing."""
    return [packed(extract(p, h)) for p, h in tasks]


def _finding_row(sha256: str, f: dict) -> tuple:
    return (sha256, f["code"], f["severity"], f["message_th"], f["fix_th"], f["sheet"], f["cell"], f["row_id"])
