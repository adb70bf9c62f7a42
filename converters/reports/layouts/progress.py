"""`progress`: measure, method, period, responsible unit, results and outcomes, under group headings."""

from __future__ import annotations

from converters.reports.facts import Facts
from converters.reports.layouts.common import head, measure_groups, table_sheet
from converters.reports.layouts.spec import Layout
from converters.reports.model import Column, Group, Table

COLUMNS = [
    Column("measure", "มาตรการ", 4.6),
    Column("method", "วิธีดำเนินการ", 6.0),
    Column("period", "ระยะเวลา", 2.5, align="center"),
    Column("responsible", "หน่วยงาน\nรับผิดชอบ", 2.8),
    Column("results", "ผลการดำเนินงาน", 6.0),
    Column("outcomes", "ผลลัพธ์หรือความสำเร็จ\nของการดำเนินการ", 4.1),
]


def build(f: Facts) -> dict:
    data = head(f, LAYOUT.text)
    t = f.text(LAYOUT.text)
    groups = []
    for gi, heading, measures in measure_groups(f, t["no_group"]):
        rows = []
        for mi, m in enumerate(measures, 1):
            p = f.progress(m.id)
            rows.append({
                "measure": f.fmt.text(f"{gi}.{mi} {m.title}"),
                "method": f.fmt.text(m.steps),
                "period": f.fmt.period(m.start, m.end),
                "responsible": f.fmt.text(m.responsible),
                "results": f.fmt.text(p.results) if p else "",
                "outcomes": f.fmt.text(p.outcomes) if p else "",
            })
        groups.append(Group([heading], [heading], rows, key=str(gi)))
    table = Table("main", COLUMNS, groups, empty="ยังไม่มีมาตรการ")
    data.update(layout=LAYOUT.name, orientation=LAYOUT.orientation, main=table)
    data["sheets"] = [table_sheet("รายงานผล", data, table)]
    return data


def word():
    from converters.reports.docx_blocks import table_report

    return table_report(COLUMNS)


LAYOUT = Layout(
    name="progress", order=1, title="รายงานผลการดำเนินการตามมาตรการ (รายมาตรการ)",
    summary="รายงานผลรายมาตรการ: มาตรการ วิธีดำเนินการ ระยะเวลา หน่วยงานรับผิดชอบ ผลการดำเนินงาน ผลลัพธ์ "
            "จัดกลุ่มตามหัวข้อมาตรการ",
    orientation="landscape", text="progress", pdf_from="xlsx", build=build, word=word, needs_progress=True)
