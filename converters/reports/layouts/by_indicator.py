"""`by-indicator`: the weak indicators first, grouped by tool, with their measures, steps and progress."""

from __future__ import annotations

from converters.reports.facts import Facts
from converters.reports.layouts.common import category_heading, head, table_sheet, tool_heading
from converters.reports.layouts.spec import Layout
from converters.reports.model import Column, Group, Table

COLUMNS = [
    Column("indicator", "ตัวชี้วัด", 4.0, carry=True),
    Column("measure", "มาตรการ/แนวทาง", 5.6),
    Column("steps", "ขั้นตอน/วิธีปฏิบัติ", 6.4),
    Column("responsible", "ผู้รับผิดชอบ", 3.2),
    Column("progress", "ความก้าวหน้า/ผลการดำเนินการ", 6.8),
]
# the plan stage: no progress yet, so no progress column; the others share its width
PLAN_COLUMNS = [
    Column("indicator", "ตัวชี้วัด", 4.8, carry=True),
    Column("measure", "มาตรการ/แนวทาง", 7.2),
    Column("steps", "ขั้นตอน/วิธีปฏิบัติ", 10.0),
    Column("responsible", "ผู้รับผิดชอบ", 4.0),
]


def _indicator_cell(f: Facts, n: int) -> str:
    t = f.text(LAYOUT.text)
    score = f.scores.get(n)
    label = f.indicator_label(n)
    return label if score is None else f"{label}\n{f.say(t['score'], score=f.fmt.num(score))}"


def build(f: Facts) -> dict:
    data = head(f, LAYOUT.text)
    t = f.text(LAYOUT.text)
    groups: list[Group] = []
    weak = f.fw.categories.weak
    for key, cat in f.fw.categories.by_key.items():
        shown_cat = False
        for tool in f.fw.tools:
            rows = []
            for ind in f.fw.indicators_of(tool.code):
                if f.category(ind.number) != cat:
                    continue
                measures = f.measures_for(ind.number)
                cell = _indicator_cell(f, ind.number)
                if not measures:
                    if cat == weak:
                        rows.append({"indicator": cell, "_indicator": cell, "measure": f.say(t["no_measure"]),
                                     "steps": "", "responsible": "", "progress": ""})
                    continue
                for i, m in enumerate(measures):
                    p = f.progress(m.id)
                    progress = ""
                    if p:
                        progress = "\n".join(x for x in (f"สถานะ: {p.status}" if p.status else "", p.results) if x)
                    rows.append({
                        "indicator": cell if i == 0 else "", "_indicator": cell,
                        "measure": f.fmt.text(m.title), "steps": f.fmt.text(m.steps),
                        "responsible": f.fmt.text(m.responsible), "progress": f.fmt.text(progress),
                    })
            if not rows:
                continue
            cat_h, tool_h = category_heading(f, key), tool_heading(f, tool.code)
            headings = [tool_h] if shown_cat else [cat_h, tool_h]
            shown_cat = True
            groups.append(Group(headings, [cat_h, tool_h], rows, key=f"{cat}/{tool.code}"))
    if f.plan:
        for g in groups:
            for r in g.rows:
                r.pop("progress", None)
    table = Table("main", PLAN_COLUMNS if f.plan else COLUMNS, groups, empty="ยังไม่มีคะแนนหรือมาตรการ")
    data.update(layout=LAYOUT.name, orientation=LAYOUT.orientation, main=table, variant="plan" if f.plan else "")
    data["sheets"] = [table_sheet("รายตัวชี้วัด", data, table)]
    return data


def word(variant: str | None = None):
    from converters.reports.docx_blocks import table_report

    return table_report(PLAN_COLUMNS if variant == "plan" else COLUMNS)


LAYOUT = Layout(
    name="by-indicator", order=2, title="ความก้าวหน้าตามมาตรการ (รายตัวชี้วัด)",
    summary="ความก้าวหน้ารายตัวชี้วัด: จุดอ่อนเร่งด่วน (ต่ำกว่าเกณฑ์ผ่าน) ก่อน แยกตามแบบวัด IIT / EIT / OIT",
    orientation="landscape", text="by_indicator", pdf_from="xlsx", build=build, word=word, variants=("plan",))
