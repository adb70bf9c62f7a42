"""Synthetic submissions for tests and the merge benchmark: thousands of varied, real template files, fast.

Writing each book with openpyxl takes ~60 ms; for 8,000 books that is minutes. Instead one filled template
per year is built with the project's own builder, and every copy patches only the input cells of the five
sheets that vary (agency, scores, analysis, measures, progress) in that book's XML, reusing the other parts'
compressed bytes as they are. The copies are the builder's workbooks with other values: same names, tables,
styles and stamp, read by the real reader.

The corpus holds, besides the ordinary submissions: agencies that sent twice (a later report, the name
spelled another way), .xlsm copies with a (never run) macro part, text that looks like a formula, and a few
broken files: empty, not a zip, a truncated download, an .xls, a workbook that is not our template.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from workbook.definition import FIRST_ROW, FORM_FIRST_ROW, column_letter, load_definition
from workbook.model import Agency, AnalysisRow, Measure, ProgressRow, Scores, Submission

MAX_MEASURES = 15
MAX_PROGRESS = 30
GENERATOR_VERSION = 5  # bump when the corpus changes, so cached corpora are rebuilt

PROVINCES = (
    "กระบี่", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี", "ฉะเชิงเทรา", "ชลบุรี", "ชัยนาท",
    "ชัยภูมิ", "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด", "ตาก", "นครนายก", "นครปฐม", "นครพนม",
    "นครราชสีมา", "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี", "นราธิวาส", "น่าน", "บึงกาฬ", "บุรีรัมย์",
    "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี", "ปัตตานี", "พระนครศรีอยุธยา", "พะเยา", "พังงา", "พัทลุง",
    "พิจิตร", "พิษณุโลก", "เพชรบุรี", "เพชรบูรณ์", "แพร่", "ภูเก็ต", "มหาสารคาม", "มุกดาหาร", "แม่ฮ่องสอน",
    "ยโสธร", "ยะลา", "ร้อยเอ็ด", "ระนอง", "ระยอง", "ราชบุรี", "ลพบุรี", "ลำปาง", "ลำพูน", "เลย", "ศรีสะเกษ",
    "สกลนคร", "สงขลา", "สตูล", "สมุทรปราการ", "สมุทรสงคราม", "สมุทรสาคร", "สระแก้ว", "สระบุรี", "สิงห์บุรี",
    "สุโขทัย", "สุพรรณบุรี", "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู", "อ่างทอง", "อำนาจเจริญ",
    "อุดรธานี", "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี",
)
_FIRST = ("บ้าน", "หนอง", "โนน", "ดอน", "นา", "ห้วย", "โคก", "ท่า", "วัง", "คลอง", "บึง", "เขา", "ทุ่ง", "สระ",
          "ป่า", "แม่", "ลำ", "หาด", "เกาะ", "ศรี")
_SECOND = ("ใหญ่", "น้อย", "แดง", "ขาม", "ทอง", "สูง", "ใหม่", "งาม", "หลวง", "ยาง", "ไผ่", "บัว", "ช้าง", "ม่วง",
           "โพธิ์", "ตาล", "เสือ", "จันทร์", "แก้ว", "คำ", "เงิน", "ลาด", "กลาง", "สวรรค์", "ทราย")
_THIRD = ("", "เหนือ", "ใต้", "ตะวันออก", "ตะวันตก", "พัฒนา", "สามัคคี", "เจริญ", "สุข", "ทอง", "ใหม่", "งาม",
          "ศรี", "ชัย", "พร", "ทิพย์", "มงคล", "รุ่งเรือง", "สมบูรณ์", "นคร")
_TYPES = (("องค์การบริหารส่วนตำบล", 70), ("เทศบาลตำบล", 24), ("เทศบาลเมือง", 5), ("เทศบาลนคร", 1))
_STATUSES = ("ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้ว")
_FORMULA_LIKE = ("=HYPERLINK(\"https://example.go.th\")", "+66 4320 7319", "-ไม่มี-", "@งานประชาสัมพันธ์",
                 "=1+1", "- จัดประชุมชี้แจงแล้ว")
BROKEN_KINDS = ("empty", "not_zip", "truncated", "old_xls", "foreign", "lock")


# -- the base book, split around its input cells -------------------------------------------------------------

_CELL = r'<c r="{ref}"(?P<attrs>[^>]*?)(?:/>|>.*?</c>)'


@dataclass
class _Part:
    name: str
    segments: list[str]  # text between the input cells; len = len(cells) + 1
    cells: list[tuple[int, str, str]]  # (index in the values list, ref, style attribute text such as ' s="5"')


@dataclass
class Base:
    year: int
    statics: list[tuple[str, int, int, bytes]]  # (name, crc, size, deflated bytes) of the unchanged parts
    parts: dict[str, _Part]  # sheet key -> its patchable part
    order: list[str]  # every part name in package order
    indicators: tuple[int, ...]
    names: dict[str, str] = field(default_factory=dict)  # defined name -> sheet key|ref of the score extras


def _filled_base(fw) -> Submission:
    """A submission with every input cell filled, so every input cell exists (with its style) in the base."""
    sample = _pool()
    ms = [dataclasses.replace(sample.measures[i % len(sample.measures)], id=f"M{i + 1:02d}")
          for i in range(MAX_MEASURES)]
    ps = [dataclasses.replace(sample.progress[i % len(sample.progress)], measure_id=f"M{i % MAX_MEASURES + 1:02d}")
          for i in range(MAX_PROGRESS)]
    agency = Agency(**{f.name: (getattr(sample.agency, f.name) or "x") for f in dataclasses.fields(Agency)})
    scores = Scores(current={n: 90.0 for n in fw.indicator_numbers}, previous={n: 80.0 for n in fw.indicator_numbers},
                    published_total=90.0, published_rating="A", iit_respondents=30, eit_respondents=30)
    analysis = [AnalysisRow(n, "x") for n in fw.indicator_numbers]
    return Submission(agency=agency, scores=scores, analysis=analysis, measures=ms, progress=ps)


@dataclass
class _Pool:
    agency: Agency
    measures: list[Measure]
    progress: list[ProgressRow]
    issues: list[str]


@lru_cache(maxsize=1)
def _pool() -> _Pool:
    """Realistic texts: the measures, progress and analysis of the project's samples."""
    from workbook.samples import load_all

    subs = list(load_all().values())
    return _Pool(subs[0].agency, [m for s in subs for m in s.measures], [p for s in subs for p in s.progress],
                 [a.issue for s in subs for a in s.analysis if a.issue])


def _sheet_parts(zf) -> dict[str, str]:
    from workbook.book_map import part_rels

    wb = zf.read("xl/workbook.xml").decode("utf-8")
    rels = part_rels(zf, "xl/workbook.xml")
    out = {}
    for m in re.finditer(r'<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"', wb):
        out[_unescape(m.group(1))] = rels[m.group(2)]
    return out


def _unescape(s: str) -> str:
    from xml.sax.saxutils import unescape

    return re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), unescape(s, {"&quot;": '"'}))


def _split(xml: str, refs: Sequence[str]) -> tuple[list[str], list[tuple[int, str, str]]]:
    spans = []
    for index, ref in enumerate(refs):
        m = re.search(_CELL.format(ref=ref), xml)
        if not m:
            raise RuntimeError(f"base template has no cell {ref}")
        attrs = re.sub(r'\s*t="[^"]*"', "", m.group("attrs"))
        spans.append((m.start(), m.end(), index, ref, attrs))
    spans.sort()
    segments, cells, pos = [], [], 0
    for start, end, index, ref, attrs in spans:
        segments.append(xml[pos:start])
        cells.append((index, ref, attrs))
        pos = end
    segments.append(xml[pos:])
    return segments, cells


def _deflate(data: bytes, level: int = 6) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


@lru_cache(maxsize=8)
def build_base(year: int) -> Base:
    """The year's template filled to the maximum size, split into fixed parts and patchable input cells."""
    import io
    import zipfile

    from core.frameworks import load_year
    from workbook.book_map import read_layout
    from workbook.builder import build_template

    fw = load_year(year)
    wb = build_template(fw, _filled_base(fw))
    buf = io.BytesIO()
    wb.save(buf)
    d = load_definition()
    with zipfile.ZipFile(buf) as zf:
        layout = read_layout(zf)
        parts_of = _sheet_parts(zf)
        refs: dict[str, list[str]] = {}
        agency = d.sheet("agency")
        refs["agency"] = [f"B{FORM_FIRST_ROW + i}" for i in range(len(agency.fields))]
        scores = d.sheet("scores")
        n_ind = len(fw.indicators)
        refs["scores"] = [f"{column_letter(scores.column_index(k))}{r}" for r in range(FIRST_ROW, FIRST_ROW + n_ind)
                          for k in ("score", "previous")]
        extras = {}
        for name in ("PublishedTotal", "PublishedRating", "IITRespondents", "EITRespondents"):
            area = layout.names[name]
            ref = f"{column_letter(area.col)}{area.row}"
            refs["scores"].append(ref)
            extras[name] = ref
        analysis = d.sheet("analysis")
        refs["analysis"] = [f"{column_letter(analysis.column_index('issue'))}{r}"
                            for r in range(FIRST_ROW, FIRST_ROW + n_ind)]
        for key, n in (("measures", MAX_MEASURES), ("progress", MAX_PROGRESS)):
            sheet = d.sheet(key)
            refs[key] = [f"{column_letter(c)}{r}" for r in range(FIRST_ROW, FIRST_ROW + n)
                         for c in range(1, len(sheet.columns) + 1)]
        part_of_key = {key: parts_of[d.sheet(key).name] for key in refs}
        parts, statics, order = {}, [], []
        for info in zf.infolist():
            order.append(info.filename)
            data = zf.read(info.filename)
            key = next((k for k, p in part_of_key.items() if p == info.filename), None)
            if key is None:
                statics.append((info.filename, zlib.crc32(data), len(data), _deflate(data)))
            else:
                segments, cells = _split(data.decode("utf-8"), refs[key])
                parts[key] = _Part(info.filename, segments, cells)
    return Base(year, statics, parts, order, fw.indicator_numbers, extras)


# -- values -> cell XML --------------------------------------------------------------------------------------

_EPOCH = dt.date(1899, 12, 30)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell(ref: str, attrs: str, value: object) -> str:
    if value is None or value == "" or value == ():
        return f'<c r="{ref}"{attrs}/>'
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, dt.date):
        return f'<c r="{ref}"{attrs}><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{attrs}><v>{value!r}</v></c>'
    if isinstance(value, tuple):
        value = ", ".join(value)
    text = escape(_ILLEGAL.sub("", str(value)))
    return f'<c r="{ref}"{attrs} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _patch(part: _Part, values: Sequence[object]) -> bytes:
    out = [part.segments[0]]
    for (index, ref, attrs), seg in zip(part.cells, part.segments[1:]):
        out.append(_cell(ref, attrs, values[index]))
        out.append(seg)
    return "".join(out).encode("utf-8")


def submission_values(base: Base, sub: Submission) -> dict[str, list[object]]:
    """The input cells' values of every patchable sheet, in the base's cell order."""
    d = load_definition()
    out: dict[str, list[object]] = {}
    out["agency"] = [getattr(sub.agency, f.key) for f in d.sheet("agency").fields]
    vals: list[object] = []
    for n in base.indicators:
        vals += [sub.scores.current.get(n), sub.scores.previous.get(n)]
    vals += [sub.scores.published_total, sub.scores.published_rating, sub.scores.iit_respondents,
             sub.scores.eit_respondents]
    out["scores"] = vals
    issues = {a.indicator: a.issue for a in sub.analysis}
    out["analysis"] = [issues.get(n) for n in base.indicators]
    for key, rows, n in (("measures", sub.measures, MAX_MEASURES), ("progress", sub.progress, MAX_PROGRESS)):
        cols = [c.key for c in d.sheet(key).columns]
        flat: list[object] = []
        for i in range(n):
            if i < len(rows):
                item = dataclasses.asdict(rows[i])
                flat += [item.get(k) for k in cols]
            else:
                flat += [None] * len(cols)
        out[key] = flat
    return out


def write_zip(path: str | Path, entries: Iterable[tuple[str, int, int, bytes]]) -> None:
    """Write a zip of already deflated entries: (name, crc32, uncompressed size, raw deflate bytes)."""
    from converters.merge.xlsx import Zip

    z = Zip(Path(path), 6)
    try:
        for name, crc, size, data in entries:
            z.write_raw(name, crc, size, data)
    finally:
        z.close()


def write_submission(path: str | Path, sub: Submission, *, year: int | None = None, macro: bool = False) -> Path:
    """Write `sub` as a real template file (for its assessed year) by patching the year's base book."""
    base = build_base(year or sub.agency.assessed_year or 2565)
    values = submission_values(base, sub)
    patched = {}
    for key, part in base.parts.items():
        data = _patch(part, values[key])
        patched[part.name] = (part.name, zlib.crc32(data), len(data), _deflate(data, 1))
    statics = {e[0]: e for e in base.statics}
    entries = [patched.get(name) or statics[name] for name in base.order]
    if macro:
        blob = b"\xd0\xcf\x11\xe0 synthetic vbaProject placeholder: never executed"
        entries.append(("xl/vbaProject.bin", zlib.crc32(blob), len(blob), _deflate(blob)))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_zip(path, entries)
    return path


# -- varied submissions --------------------------------------------------------------------------------------

@lru_cache(maxsize=128)
def districts_of(province: str) -> tuple[str, ...]:
    """The real districts of a province (the gazetteer), "เมือง" for the capital as officers type it."""
    import geothai

    from core.places import find_province

    names = [d.name_th for d in geothai.districts(find_province(province).code)]
    return ("เมือง", *names[1:])


def agency_for(i: int, rng: random.Random, provinces: Sequence[str] = PROVINCES) -> Agency:
    """The i-th synthetic agency: a unique (type, name, province) for i < 10,000 (a unique (type, name) when
    `provinces` is one province: a district office's corpus)."""
    core = _FIRST[i % len(_FIRST)] + _SECOND[(i // len(_FIRST)) % len(_SECOND)] + \
        _THIRD[(i // (len(_FIRST) * len(_SECOND))) % len(_THIRD)]
    typ = rng.choices([t for t, _ in _TYPES], [w for _, w in _TYPES])[0]
    province = provinces[(i * 7) % len(provinces)]
    return Agency(name=typ + core, type=typ, district=rng.choice(districts_of(province)), province=province,
                  officer=f"นางสาวทดสอบ ลำดับ{i}", officer_position="นักวิเคราะห์นโยบายและแผน",
                  contact=f"0 4320 {i % 10000:04d}", internal_stakeholders=rng.randint(12, 180),
                  department="สำนักปลัด", document_number=f"ทส {70000 + i}/{rng.randint(1, 400)}",
                  executive_name=f"นายผู้บริหาร ลำดับ{i}", executive_position=f"นายก{typ}{core}",
                  deputy_name=f"นางปลัด ลำดับ{i}", deputy_position=f"ปลัด{typ}{core}")


def varied_submission(i: int, year: int, seed: int = 0, fw=None, provinces: Sequence[str] = PROVINCES) -> Submission:
    """A plausible filled template for agency i of `year` (assessed year, BE)."""
    from core.frameworks import load_year

    fw = fw or load_year(year)
    rng = random.Random(f"{seed}-{year}-{i}")
    pool = _pool()
    agency = agency_for(i, random.Random(f"agency-{seed}-{i}"), provinces)
    agency.assessed_year, agency.fiscal_year = year, year + 1
    agency.report_round = rng.choice((6, 12))
    ce = year + 1 - 543
    agency.report_date = dt.date(ce, 4, 1) + dt.timedelta(days=rng.randint(0, 25)) if agency.report_round == 6 \
        else dt.date(ce, 9, 1) + dt.timedelta(days=rng.randint(0, 28))
    level = rng.random()
    current, previous = {}, {}
    for n in fw.indicator_numbers:
        if rng.random() < 0.12 + 0.25 * (level < 0.3):
            v = rng.uniform(20, 84.99)
        else:
            v = rng.uniform(85, 100)
        current[n] = round(v, 2)
        if rng.random() < 0.5:
            previous[n] = round(min(100.0, max(0.0, v + rng.uniform(-15, 10))), 2)
    weak = [n for n, v in current.items() if v < fw.pass_mark]
    scores = Scores(current=current, previous=previous, iit_respondents=rng.randint(10, 120),
                    eit_respondents=rng.randint(30, 400))
    if rng.random() < 0.4:
        scores.published_total = round(sum(ind.weight * current[ind.number] for ind in fw.indicators), 2)
    analysis = [AnalysisRow(n, rng.choice(pool.issues) if n in weak or rng.random() < 0.3 else "")
                for n in fw.indicator_numbers]
    n_measures = rng.randint(3, MAX_MEASURES)
    months = [dt.date(ce - 1, 10, 1), dt.date(ce - 1, 11, 1), dt.date(ce - 1, 12, 1), dt.date(ce, 1, 1)]
    measures = []
    for k, src in enumerate(rng.sample(pool.measures, min(n_measures, len(pool.measures)))):
        links = [str(weak[k])] if k < len(weak) and rng.random() < 0.85 else [str(rng.choice(fw.indicator_numbers))]
        if rng.random() < 0.4:
            links.append(f"O{rng.randint(1, 33)}")
        measures.append(dataclasses.replace(
            src, id=f"M{k + 1:02d}", links=tuple(links), row=None,
            start=rng.choice(months),
            end=dt.date(ce, rng.randint(3, 9), 1),
        ))
    progress = []
    for m in measures:
        src = rng.choice(pool.progress)
        status = rng.choices(_STATUSES, (1, 3, 6))[0]
        p = dataclasses.replace(src, measure_id=m.id, round=agency.report_round, row=None,
                                as_of=agency.report_date - dt.timedelta(days=rng.randint(0, 10)), status=status)
        if rng.random() < 0.05:
            p.results = rng.choice(_FORMULA_LIKE)
        progress.append(p)
    if agency.report_round == 12 and rng.random() < 0.5:  # the 6-month round kept in the same book
        for m in measures[: MAX_PROGRESS - len(progress)]:
            src = rng.choice(pool.progress)
            progress.append(dataclasses.replace(src, measure_id=m.id, round=6, row=None,
                                                as_of=dt.date(ce, 3, 31), status=rng.choice(_STATUSES[:2])))
    return Submission(agency=agency, scores=scores, analysis=analysis, measures=measures, progress=progress[:MAX_PROGRESS])


def respell(name: str, rng: random.Random) -> str:
    """The same agency's name typed another way: abbreviated prefix, stray spaces, marks in another order."""
    from converters.merge.identity import TYPE_PREFIXES

    out = name
    for prefix, typ in TYPE_PREFIXES:
        if name.startswith(typ) and len(prefix) <= 4:
            if rng.random() < 0.7:
                out = prefix + " " + name[len(typ):]
            break
    out = out.replace("\u0e33", "\u0e4d\u0e32")  # ำ typed as ํ + า
    return "  " + out + " "


@dataclass
class CorpusFile:
    path: Path
    kind: str  # ok, duplicate_old, duplicate_new, macro, broken:<kind>
    agency: int | None = None


def _broken(path: Path, kind: str, valid_example: Path | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "not_zip":
        path.write_text("ชื่อหน่วยงาน,คะแนน\nอบต.ทดสอบ,90\n", encoding="utf-8")
    elif kind == "truncated" and valid_example is not None:
        data = valid_example.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "old_xls":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    elif kind == "foreign":
        from openpyxl import Workbook

        wb = Workbook()
        wb.active["A1"] = "สรุปผล ITA (ไม่ใช่แบบฟอร์ม)"
        wb.active["A2"] = 90.5
        wb.save(path)
    elif kind == "lock":
        path.write_bytes(b"\x0cuser" + b" " * 100)


def _write_one(args: tuple) -> None:
    path, i, year, seed, name, report_date, macro, provinces = args
    sub = varied_submission(i, year, seed, provinces=provinces)
    if name is not None:
        sub.agency.name = name
    if report_date is not None:
        sub.agency.report_date = report_date
    write_submission(path, sub, year=year, macro=macro)


def generate_corpus(root: str | Path, n: int, *, year: int = 2565, seed: int = 0, duplicates: float = 0.01,
                    macros: float = 0.005, broken: bool = True, jobs: int = 1,
                    provinces: Sequence[str] = PROVINCES) -> list[CorpusFile]:
    """Write `n` files under `root` (folders by province): submissions, duplicates, .xlsm and broken files."""
    root = Path(root)
    rng = random.Random(f"corpus-{seed}-{year}")
    n_broken = len(BROKEN_KINDS) if broken else 0
    n_dup = int(n * duplicates)
    n_agencies = n - n_dup - n_broken
    plan: list[tuple] = []
    files: list[CorpusFile] = []
    for i in range(n_agencies):
        agency = agency_for(i, random.Random(f"agency-{seed}-{i}"), provinces)
        macro = rng.random() < macros
        path = root / agency.province / f"{i:05d}_ITA{year + 1}{'.xlsm' if macro else '.xlsx'}"
        plan.append((path, i, year, seed, None, None, macro, provinces))
        files.append(CorpusFile(path, "macro" if macro else "ok", i))
    dup_of = rng.sample(range(n_agencies), min(n_dup, n_agencies)) if n_agencies else []
    for i in dup_of:
        agency = agency_for(i, random.Random(f"agency-{seed}-{i}"), provinces)
        first = varied_submission(i, year, seed, provinces=provinces)
        path = root / agency.province / f"{i:05d}_ITA{year + 1}_แก้ไข.xlsx"
        later = first.agency.report_date + dt.timedelta(days=rng.randint(1, 20))
        plan.append((path, i, year, seed, respell(first.agency.name, rng), later, False, provinces))
        files.append(CorpusFile(path, "duplicate_new", i))
        for f in files:
            if f.agency == i and f.kind in ("ok", "macro"):
                f.kind = "duplicate_old"
    if jobs > 1 and len(plan) > 50:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs) as ex:
            list(ex.map(_write_one, plan, chunksize=64))
    else:
        for args in plan:
            _write_one(args)
    example = plan[0][0] if plan else None
    for kind in BROKEN_KINDS[:n_broken]:
        name = {"old_xls": "เก่า.xls", "lock": "~$กำลังเปิด.xlsx"}.get(kind, f"เสีย_{kind}.xlsx")
        path = root / "_ไฟล์มีปัญหา" / name
        _broken(path, kind, example)
        files.append(CorpusFile(path, f"broken:{kind}"))
    return files


def cached_corpus(n: int, *, year: int = 2565, seed: int = 0, cache_dir: str | Path | None = None,
                  jobs: int = 2) -> tuple[Path, list[CorpusFile]]:
    """A corpus under a temp folder reused between runs (rebuilt when n, seed or the generator change)."""
    import pickle
    import shutil
    import tempfile

    base = Path(cache_dir or os.environ.get("ITA_BENCH_CACHE") or Path(tempfile.gettempdir()) / "ita-merge-corpus")
    root = base / f"v{GENERATOR_VERSION}-y{year}-s{seed}-n{n}"
    manifest = root / ".manifest.pickle"
    if manifest.exists():
        try:
            return root, pickle.loads(manifest.read_bytes())
        except Exception:  # noqa: BLE001, S110 - a damaged cache is rebuilt
            pass
    if root.exists():
        shutil.rmtree(root)
    files = generate_corpus(root, n, year=year, seed=seed, jobs=jobs)
    manifest.write_bytes(pickle.dumps(files))
    return root, files
