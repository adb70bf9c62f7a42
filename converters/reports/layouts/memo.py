"""`memo`: a บันทึกข้อความ to the executive with the measures, their status, the writer's signature and
comment blocks for the deputy (ปลัด) and the executive (นายก)."""

from __future__ import annotations

from converters.reports.facts import Facts
from converters.reports.layouts.common import PORTRAIT_MARGINS, ticks
from converters.reports.layouts.spec import Layout
from converters.reports.model import Column, Group, Para, Sheet, Table, TableBlock

STATUS = "สถานะการดำเนินการ"
MEASURE_COLUMNS = [
    Column("measure", "มาตรการ", 4.2),
    Column("steps", "ขั้นตอนหรือวิธีการปฏิบัติ", 6.0),
    Column("responsible", "ผู้รับผิดชอบ", 2.8),
    Column("monitoring", "การกำกับติดตาม", 3.0),
]
STATUS_COLUMNS = [
    Column("measure", "มาตรการ", 4.2),
    Column("results", "ผลการดำเนินการ", 5.6),
    Column("t_not", "ยังไม่\nดำเนินการ", 2.0, align="center", parent=STATUS, tick=True),
    Column("t_doing", "อยู่ระหว่าง\nดำเนินการ", 2.0, align="center", parent=STATUS, tick=True),
    Column("t_done", "ดำเนินการ\nแล้ว", 2.0, align="center", parent=STATUS, tick=True),
]
HEADING_SIZE = 29
LABEL_SIZE = 20
SIGN_SPAN = (0.42, 1.0)


def _signature(f: Facts, name: str, position: str) -> dict:
    return {"name": f"({f.fmt.text(name)})" if name else "(" + "." * 40 + ")", "position": f.fmt.text(position)}


def _names_agency(department: str, agency: str) -> bool:
    """Whether the department the officer typed already names the agency ("สำนักปลัด อบต.ยางหย่อง")."""
    from core.thai_names import split_type

    _, bare = split_type(agency)
    dep = department.replace(" ", "")
    return bool(bare) and len(bare) >= 2 and (bare in dep or agency.replace(" ", "") in dep)


def _result(f: Facts, t: dict) -> str:
    if f.plan:
        return f.say(t["result_plan"])
    return f.say(t["result"] if f.as_of else t["result_no_date"])


def build(f: Facts) -> dict:
    t = f.text(LAYOUT.text)
    a = f.agency
    plan = f.plan
    measure_rows, status_rows = [], []
    for i, m in enumerate(f.sub.measures, 1):
        label = f.fmt.text(f"{i}) {m.title}")
        measure_rows.append({"measure": label, "steps": f.fmt.text(m.steps),
                             "responsible": f.fmt.text(m.responsible), "monitoring": f.fmt.text(m.monitoring)})
        p = f.progress(m.id)
        status_rows.append({"measure": label, "results": f.fmt.text(p.results) if p else "",
                            **ticks(p.status if p else "")})
    measures = Table("measures", MEASURE_COLUMNS, [Group([], [], measure_rows)], empty="ยังไม่มีมาตรการ")
    status = Table("status", STATUS_COLUMNS, [Group([], [], status_rows)], empty="ยังไม่มีมาตรการ")
    data = {
        "layout": LAYOUT.name, "orientation": LAYOUT.orientation,
        "heading": f.say(t["heading"]),
        "labels": {k: f.say(t[f"{k}_label"]) for k in ("department", "number", "date", "subject")},
        "department": " ".join(f.say(t["department_named" if _names_agency(a.department, a.name)
                                         else "department"]).split()),
        "number": f.fmt.text(a.document_number),
        "date": f.fmt.date_long(a.report_date),
        "subject": f.say(t["subject_plan"] if plan else t["subject"] if f.round else t["subject_no_round"]),
        "salutation": f.say(t["salutation"]),
        "opening": f.say(t["opening_plan"] if plan else t["opening"]),
        "focus_line": f.focus_line(),
        "measures_heading": f.say(t["measures_heading"]),
        "measures": measures,
        "result": _result(f, t),
        "note": f.note,
        "status_heading": "" if plan else f.say(t["status_heading"]),
        "status": status,
        "closing": f.say(t["closing_plan"] if plan else t["closing"]),
        "variant": "plan" if plan else "",
        "writer": _signature(f, a.officer, a.officer_position),
        "comment_deputy": f.say(t["comment_deputy"]),
        "deputy": _signature(f, a.deputy_name, a.deputy_position),
        "comment_executive": f.say(t["comment_executive"]),
        "executive": _signature(f, a.executive_name, a.executive_position),
        "dots": t["dots"], "sign": f.say(t["sign"]),
        "agency": f.fmt.text(a.name), "title": [f.say(t["heading"])],
    }
    data["sheets"] = [_sheet(data)]
    return data


def _sign_paras(sig: dict, lead: str = "") -> list[Para]:
    """A signature block, kept together (its last line ends the keep)."""
    out = [Para("", span=SIGN_SPAN, keep_with_next=True)]
    if lead:
        out.append(Para(lead, align="center", span=SIGN_SPAN, keep_with_next=True))
    out += [Para(sig["name"], align="center", span=SIGN_SPAN, keep_with_next=True),
            Para(sig["position"], align="center", span=SIGN_SPAN)]
    return out


def _comment(data: dict, heading: str, sig: dict) -> list[Para]:
    return [Para(heading, space_before=12, keep_with_next=True), Para(data["dots"], keep_with_next=True),
            Para(data["dots"], keep_with_next=True), *_sign_paras(sig, data["sign"])]


def _sheet(data: dict) -> Sheet:
    lab = data["labels"]
    blocks: list = [
        Para(data["heading"], size=HEADING_SIZE, bold=True, align="center"),
        Para(data["department"], label=lab["department"], label_size=LABEL_SIZE),
        Para(f"{data['number']}    {lab['date']}  {data['date']}", label=lab["number"], label_size=LABEL_SIZE),
        Para(data["subject"], label=lab["subject"], label_size=LABEL_SIZE),
        Para(data["salutation"], space_before=6),
        Para(data["opening"], align="justify", indent=True, space_before=6),
    ]
    if data["focus_line"]:
        blocks.append(Para(data["focus_line"], indent=True))
    blocks += [
        Para(data["measures_heading"], bold=True, align="center", space_before=6, keep_with_next=True),
        TableBlock(data["measures"]),
        Para(data["result"], align="justify", indent=True, space_before=6),
    ]
    if data["note"]:
        blocks.append(Para(data["note"], size=14, italic=True))
    if data["status_heading"]:
        blocks += [Para(data["status_heading"], bold=True, align="center", space_before=6, keep_with_next=True),
                   TableBlock(data["status"])]
    blocks += [
        Para(data["closing"], indent=True, space_before=12, keep_with_next=True),  # never a signature alone
        *_sign_paras(data["writer"]),
        *_comment(data, data["comment_deputy"], data["deputy"]),
        *_comment(data, data["comment_executive"], data["executive"]),
    ]
    return Sheet("บันทึกข้อความ", LAYOUT.orientation, blocks, margins=PORTRAIT_MARGINS)


def word(variant: str | None = None):
    """The Word template: Garuda and heading, the fields with dotted tabs, both tables (the plan: the measures
    only), three signatures each kept whole and the writer's kept with the closing line."""
    from docx.shared import Cm, Pt

    from converters.reports.docx_blocks import (
        TableXml,
        captioned_table,
        el,
        new_document,
        page_number,
        para,
        twips,
        when,
    )

    doc = new_document("portrait", PORTRAIT_MARGINS)
    sec = doc.sections[0]
    sec.top_margin = Cm(1.5)
    page_number(sec, where="header", align="center", before="- ", after=" -", skip_first=True)
    width = 21.0 - PORTRAIT_MARGINS[0] - PORTRAIT_MARGINS[1]
    # Garuda at the left, the heading centred on the same line
    t = TableXml([Column("g", "", 2.5), Column("h", "", width - 5.0), Column("x", "", 2.5)], borders=False)
    tr = t.row(cant_split=True)
    t.cell(tr, "{{ garuda }}", 2.5, "ITAText", valign="center")
    t.cell(tr, "{{ heading }}", width - 5.0, "ITAMemoHeading", valign="center")
    t.cell(tr, "", 2.5, "ITAText")
    t.attach(doc)
    end = twips(width)
    half = twips(width * 0.5)

    def field_para(parts: list[tuple[str, bool]], tabs: list[tuple[int, str]]):
        p = para(doc, "", "ITA Memo Field")
        ppr = p._p.get_or_add_pPr()
        tabs_el = el("w:tabs")
        for pos, align in tabs:
            tabs_el.append(el("w:tab", **{"w:val": align, "w:leader": "dot", "w:pos": str(pos)}))
        ppr.insert(1, tabs_el)
        for text, is_label in parts:
            r = p.add_run(text)
            if is_label:
                r.bold = True
                rpr = r._r.get_or_add_rPr()
                rpr.append(el("w:bCs"))
                rpr.append(el("w:sz", **{"w:val": "40"}))
                rpr.append(el("w:szCs", **{"w:val": "40"}))
        return p

    field_para([("{{ labels.department }}", True), ("  {{ department }}\t", False)], [(end, "right")])
    field_para([("{{ labels.number }}", True), ("  {{ number }}\t", False), ("{{ labels.date }}", True),
                ("  {{ date }}\t", False)], [(half, "left"), (end, "right")])
    field_para([("{{ labels.subject }}", True), ("  {{ subject }}\t", False)], [(end, "right")])
    para(doc, "", "ITA Gap")
    para(doc, "{{ salutation }}", "ITA Text")
    para(doc, "{{ opening }}", "ITA Body")
    when(doc, "focus_line", "{{ focus_line }}", "ITA Body")
    captioned_table(doc, "{{ measures_heading }}", MEASURE_COLUMNS, "measures")
    para(doc, "", "ITA Gap")
    para(doc, "{{ result }}", "ITA Body")
    when(doc, "note", "{{ note }}", "ITA Note")
    if variant != "plan":
        captioned_table(doc, "{{ status_heading }}", STATUS_COLUMNS, "status")
    p = para(doc, "{{ closing }}", "ITA Body")
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.keep_with_next = True  # the writer's signature never starts a page alone
    for sig, lead in (("writer", None), ("deputy", "comment_deputy"), ("executive", "comment_executive")):
        if lead:
            p = para(doc, f"{{{{ {lead} }}}}", "ITA Text")
            p.paragraph_format.space_before = Pt(12)
            p.paragraph_format.keep_with_next = True
            for _ in range(2):
                q = para(doc, "{{ dots }}", "ITA Text")
                q.paragraph_format.keep_with_next = True
        for text in ("", "{{ sign }}" if lead else None, f"{{{{ {sig}.name }}}}"):
            if text is not None:
                q = para(doc, text, "ITA Signature")
                q.paragraph_format.keep_with_next = True
        q = para(doc, f"{{{{ {sig}.position }}}}", "ITA Signature")
        q.paragraph_format.keep_with_next = False
    return doc


LAYOUT = Layout(
    name="memo", order=4, title="บันทึกข้อความรายงานผลต่อผู้บริหาร",
    summary="บันทึกข้อความถึงผู้บริหาร: ตารางมาตรการ ตารางสถานะ ลงนาม ความเห็นปลัดและนายก",
    orientation="portrait", text="memo", pdf_from="docx", build=build, word=word, variants=("plan",))
