"""`measures-form`: the 12-column form with status tick boxes, one table per tool."""

from __future__ import annotations

from converters.reports.facts import Facts
from converters.reports.layouts.common import head, table_sheet, ticks, tool_heading
from converters.reports.layouts.spec import Layout
from converters.reports.model import Column, Group, Table

STATUS = "สถานะการดำเนินการ"
COLUMNS = [
    Column("no", "ลำดับ\nที่", 1.1, align="center"),
    Column("indicator", "ตัวชี้วัดการประเมิน", 2.1),
    Column("sub_item", "หัวข้อย่อยการประเมิน", 2.3),
    Column("measure", "{measures_header}", 2.7),
    Column("responsible", "(๑) ผู้รับผิดชอบหรือผู้เกี่ยวข้อง", 2.1),
    Column("period", "ระยะเวลาดำเนินการ/กำหนดแล้วเสร็จ", 1.8, align="center"),
    Column("steps", "(๒) การกำหนดขั้นตอนหรือวิธีการปฏิบัติ", 3.3),
    Column("monitoring", "(๓) แนวทางการกำกับติดตามให้นำไปสู่การปฏิบัติ", 2.6),
    Column("t_not", "ยังไม่\nดำเนินการ", 1.55, align="center", parent=STATUS, tick=True),
    Column("t_doing", "อยู่ระหว่าง\nดำเนินการ", 1.55, align="center", parent=STATUS, tick=True),
    Column("t_done", "ดำเนินการ\nแล้ว", 1.55, align="center", parent=STATUS, tick=True),
    Column("reporting", "(๔) การรายงานผลการดำเนินการ", 3.35),
]
FONT_SIZE = 14


def measures_header(f: Facts) -> str:
    t = f.text(LAYOUT.text)
    return f.say(t["measures_header"] if f.values["measures_item"] else t["measures_header_no_item"])


def columns(f: Facts) -> list[Column]:
    header = measures_header(f)
    return [Column(c.key, f.fmt.digits(c.header.replace("{measures_header}", header)), c.width, c.align,
                   c.parent, c.carry, c.tick) for c in COLUMNS]


def build(f: Facts) -> dict:
    data = head(f, LAYOUT.text)
    codes = [t.code for t in f.fw.tools]
    by_tool: dict[str, list] = {c: [] for c in codes + [""]}
    for m in f.sub.measures:
        tools = f.tools_of(m)
        for code in tools or [""]:
            by_tool[code].append(m)
    groups = []
    for code, measures in by_tool.items():
        if not measures:
            continue
        rows = []
        for i, m in enumerate(measures, 1):
            inds = [n for n in f.indicators_of(m) if not code or f.fw.indicator(n).tool == code]
            items = f.item_codes(m, code) if code else []
            sub_item = " ".join(x for x in (" ".join(items), m.sub_item) if x)
            p = f.progress(m.id)
            reporting = "\n".join(x for x in (m.reporting, p.results if p else "") if x)
            rows.append({
                "no": f.fmt.int(i),
                "indicator": "\n".join(f.indicator_label(n) for n in inds),
                "sub_item": f.fmt.text(sub_item),
                "measure": f.fmt.text(m.title),
                "responsible": f.fmt.text(m.responsible),
                "period": f.fmt.period(m.start, m.end),
                "steps": f.fmt.text(m.steps),
                "monitoring": f.fmt.text(m.monitoring),
                **ticks(p.status if p else ""),
                "reporting": f.fmt.text(reporting),
            })
        heading = tool_heading(f, code)
        groups.append(Group([heading], [heading], rows, key=code))  # the tools follow on the same page
    table = Table("main", columns(f), groups, font_size=FONT_SIZE, header_size=13, empty="ยังไม่มีมาตรการ",
                  split_rows=True)
    data.update(layout=LAYOUT.name, orientation=LAYOUT.orientation, main=table,
                measures_item=f.values["measures_item"], measures_header=measures_header(f))
    data["sheets"] = [table_sheet("แบบรายงาน", data, table)]
    return data


def word():
    from converters.reports.docx_blocks import table_report

    columns = [Column(c.key, c.header.replace("{measures_header}", "{{ measures_header }}"), c.width, c.align,
                      c.parent, c.carry, c.tick) for c in COLUMNS]
    return table_report(columns, small=True, split_rows=True)


LAYOUT = Layout(
    name="measures-form", order=3, title="แบบรายงานมาตรการ ๑๒ ช่อง",
    summary="แบบ ๑๒ ช่อง พร้อมช่องทำเครื่องหมายสถานะ หนึ่งตารางต่อแบบวัด",
    orientation="landscape", text="measures_form", pdf_from="xlsx", build=build, word=word)
