"""The book's hidden criteria sheet against the year's framework: the weights, tools, marks and rating bands its
formulas compute with. An edited weight or band makes the book show another total or rating than the toolkit.
"""

from __future__ import annotations

from collections import defaultdict

from core.frameworks.model import Framework
from core.numbers import parse_number
from workbook.reader import RawCell
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context

# key -> (Thai, English) name of the value
WHAT = {
    "criteria.pass_mark": ("เกณฑ์ผ่าน", "the pass mark"),
    "criteria.keep_mark": ("คะแนนระดับรักษาไว้", "the keep mark"),
    "criteria.indicator": ("เลขตัวชี้วัด", "the indicator number"),
    "criteria.tool": ("แบบวัดของตัวชี้วัด", "the indicator's tool"),
    "criteria.weight": ("น้ำหนักของตัวชี้วัด", "the indicator's weight"),
    "criteria.level": ("ชื่อระดับ", "the level's label"),
    "criteria.level_min": ("คะแนนต่ำสุดของระดับ", "the level's lowest total"),
    "criteria.level_max": ("คะแนนสูงสุดของระดับ", "the level's highest total"),
    "criteria.level_each": ("คะแนนขั้นต่ำทุกแบบวัดของระดับ", "the level's minimum for every tool"),
    "criteria.category": ("ชื่อประเภทของตัวชี้วัด", "the name of an analysis category"),
}
TOLERANCE = 1e-9


def check(ctx: Context) -> list[Finding]:
    fw = ctx.fw
    if fw is None or not ctx.criteria:
        return []
    cells = {c.key: c for c in ctx.criteria if not c.item}
    year = cells.get("criteria.year")
    if year is not None and not _same(year.value, fw.year):
        return [ctx.find("criteria-year-differs", (year.sheet, year.address), shown=_show(year.value),
                         year=fw.year)]
    out = []
    for key, value in (("criteria.pass_mark", fw.pass_mark), ("criteria.keep_mark", fw.categories.keep_mark)):
        if key in cells:
            out += _differs(ctx, fw, cells[key], value)
    rows: dict[str, dict[str, RawCell]] = defaultdict(dict)
    for c in ctx.criteria:
        if c.item:
            group = c.key.split(".")[1].split("_")[0]  # indicator, tool, weight -> indicator; level…; category
            group = "indicator" if group in ("tool", "weight") else group
            rows[f"{group}:{c.item}"][c.key] = c
    for i, ind in enumerate(fw.indicators):
        row = rows.get(f"indicator:{i}", {})
        for key, value in (("criteria.indicator", ind.number), ("criteria.tool", ind.tool),
                           ("criteria.weight", ind.weight)):
            if key in row:
                out += _differs(ctx, fw, row[key], value)
    for i, word in enumerate((fw.categories.weak, fw.categories.improve, fw.categories.keep)):
        row = rows.get(f"category:{i}", {})
        if "criteria.category" in row:
            out += _differs(ctx, fw, row["criteria.category"], word)
    for i, lv in enumerate(fw.levels):
        row = rows.get(f"level:{i}", {})
        for key, value in (("criteria.level", lv.label), ("criteria.level_min", lv.min),
                           ("criteria.level_max", lv.max), ("criteria.level_each", lv.min_each_tool)):
            if key in row:
                out += _differs(ctx, fw, row[key], value)
    return out


def _differs(ctx: Context, fw: Framework, c: RawCell, expected: object) -> list[Finding]:
    if _same(c.value, expected):
        return []
    th, en = WHAT[c.key]
    return [ctx.find("criteria-differs", (c.sheet, c.address), what=th, what_en=en, shown=_show(c.value),
                     expected=_show(expected), year=fw.year)]


def _same(value: object, expected: object) -> bool:
    blank = value is None or (isinstance(value, str) and not value.strip())
    if expected is None:
        return blank
    if blank:
        return False
    if isinstance(expected, str):
        return str(value).strip() == expected
    try:
        return abs(parse_number(value) - float(expected)) <= TOLERANCE  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False


def _show(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "(ว่าง)"
    if isinstance(value, float):
        return f"{value:g}" if value == round(value, 6) else f"{value:.6g}"
    return str(value)
