"""`measures-plan`: the whole document — cover, preface, contents, background, the framework and its
rating table, data collection and sample sizes, the results with a chart of the indicator scores against
the pass line, the analysis table and the measures table."""

from __future__ import annotations

from converters.reports.facts import Facts
from converters.reports.layouts.common import (
    LANDSCAPE_MARGINS,
    PORTRAIT_MARGINS,
    TITLE_SIZE,
    head,
    measure_groups,
    tool_heading,
)
from converters.reports.layouts.spec import Layout
from converters.reports.model import ChartBlock, Column, Group, PageBreak, Para, Sheet, Table, TableBlock

COVER_SIZE = 28
SECTIONS = ("background", "framework", "collection", "results", "analysis", "measures")

WEIGHT_COLUMNS = [Column("indicator", "ตัวชี้วัด", 11.0), Column("weight", "น้ำหนักในคะแนนรวม (ร้อยละ)", 5.0,
                                                                    align="center")]
LEVEL_COLUMNS = [Column("level", "ระดับผลการประเมิน", 4.5, align="center"),
                 Column("range", "ช่วงคะแนน", 4.5, align="center"),
                 Column("condition", "เงื่อนไขเพิ่มเติม", 7.0)]
IIT_COLUMNS = [Column("size", "ขนาด", 3.0, align="center"),
               Column("people", "จำนวนผู้มีส่วนได้ส่วนเสียภายใน", 6.5, align="center"),
               Column("minimum", "ขนาดตัวอย่างขั้นต่ำ", 6.5, align="center")]
EIT_COLUMNS = [Column("size", "ขนาดหน่วยงาน", 8.0, align="center"),
               Column("minimum", "ขนาดตัวอย่างขั้นต่ำ", 8.0, align="center")]
TOOL_COLUMNS = [Column("tool", "แบบวัด", 10.0), Column("score", "คะแนน", 3.0, align="center"),
                Column("weight", "น้ำหนัก (ร้อยละ)", 3.0, align="center")]
SCORE_COLUMNS = [Column("indicator", "ตัวชี้วัด", 8.5), Column("tool", "แบบวัด", 2.3, align="center"),
                 Column("score", "คะแนน", 2.4, align="center"), Column("result", "ผลเทียบเกณฑ์", 2.8,
                                                                          align="center")]
ANALYSIS_COLUMNS = [Column("indicator", "ตัวชี้วัด", 5.2), Column("score", "คะแนน", 2.0, align="center"),
                    Column("issue", "ประเด็นที่ต้องแก้ไข ปรับปรุง หรือรักษาระดับ", 8.8)]
MEASURE_COLUMNS = [
    Column("measure", "มาตรการ/แนวทาง", 5.0),
    Column("steps", "วิธีการดำเนินงาน", 7.6),
    Column("responsible", "ผู้รับผิดชอบ", 3.6),
    Column("period", "ระยะเวลาดำเนินการ", 2.8, align="center"),
    Column("monitoring", "การติดตามผล", 5.2),
    Column("indicators", "ตัวชี้วัดที่", 1.8, align="center"),
]


def _pct(f: Facts, weight: float) -> str:
    return f.fmt.num(weight * 100, 0) if abs(weight * 100 - round(weight * 100)) < 1e-9 else f.fmt.num(weight * 100)


def _framework_tables(f: Facts) -> tuple[Table, Table]:
    groups = []
    for tool in f.fw.tools:
        rows = [{"indicator": f.indicator_label(i.number), "weight": _pct(f, i.weight)}
                for i in f.fw.indicators_of(tool.code)]
        h = f.fmt.digits(f"{tool_heading(f, tool.code)} ร้อยละ {_pct(f, tool.weight)}")
        groups.append(Group([h], [h], rows, key=tool.code))
    weights = Table("weights", WEIGHT_COLUMNS, groups)
    rows = []
    for lv in f.fw.levels:
        mark = "" if lv.verified else " *"
        cond = f"ทุกแบบวัดได้ไม่ต่ำกว่า {f.fmt.num(lv.min_each_tool)}" if lv.min_each_tool is not None else ""
        rows.append({"level": f"{lv.label}{mark}", "range": f"{f.fmt.num(lv.min)} – {f.fmt.num(lv.max)}",
                     "condition": f.fmt.digits(cond)})
    levels = Table("levels", LEVEL_COLUMNS, [Group([], [], rows)])
    return weights, levels


def _sample_tables(f: Facts, t: dict) -> tuple[Table, Table]:
    groups: dict[str, list] = {}
    for typ, size, people, minimum in t["iit_rows"]:
        groups.setdefault(typ, []).append({"size": f.fmt.text(size), "people": f.fmt.text(people),
                                           "minimum": f.fmt.text(minimum)})
    iit = Table("iit_sample", IIT_COLUMNS, [Group([f.fmt.text(k)], [f.fmt.text(k)], v) for k, v in groups.items()])
    eit = Table("eit_sample", EIT_COLUMNS, [Group([], [], [{"size": f.fmt.text(s), "minimum": f.fmt.text(m)}
                                                         for s, m in t["eit_rows"]])])
    return iit, eit


def _results(f: Facts, t: dict) -> tuple[Table, Table, dict]:
    r = f.result
    tool_rows = []
    for tool in f.fw.tools:
        score = r.tools.get(tool.code) if r else None
        tool_rows.append({"tool": tool_heading(f, tool.code), "score": f.fmt.num(score) if score is not None else "–",
                          "weight": _pct(f, tool.weight)})
    tools = Table("tool_scores", TOOL_COLUMNS, [Group([], [], tool_rows)])
    rows = []
    for ind in f.fw.indicators:
        s = f.scores.get(ind.number)
        verdict = "" if s is None else (t["passed"] if s >= f.fw.pass_mark else t["below"])
        rows.append({"indicator": f.indicator_label(ind.number), "tool": ind.tool,
                     "score": f.fmt.num(s) if s is not None else "–", "result": verdict})
    scores = Table("scores", SCORE_COLUMNS, [Group([], [], rows)])
    chart = {
        "title": f.say(t["chart_title"]),
        "labels": [f.fmt.digits(str(i.number)) for i in f.fw.indicators],
        "names": [f.indicator_label(i.number) for i in f.fw.indicators],
        "values": [f.scores.get(i.number) for i in f.fw.indicators],
        "value_labels": [f.fmt.num(f.scores.get(i.number)) if f.scores.get(i.number) is not None else ""
                         for i in f.fw.indicators],
        "line": f.fw.pass_mark,
        "line_label": f.say(t["chart_line"]),
        "series_label": "คะแนน",
        "axis_label": "ตัวชี้วัดที่",
        "y_ticks": [(v, f.fmt.int(v)) for v in range(0, 101, 20)],
        "caption": f.say(t["chart_caption"]),
    }
    return tools, scores, chart


def _analysis(f: Facts, t: dict) -> Table:
    issues: dict[int, list[str]] = {}
    for a in f.sub.analysis:
        if a.issue:
            issues.setdefault(a.indicator, []).append(a.issue)
    groups = []
    for tool in f.fw.tools:
        rows = []
        for ind in f.fw.indicators_of(tool.code):
            s = f.scores.get(ind.number)
            rows.append({"indicator": f.indicator_label(ind.number), "score": f.fmt.num(s) if s is not None else "–",
                         "issue": f.fmt.text("\n".join(issues.get(ind.number, [])) or t["no_issue"])})
        h = tool_heading(f, tool.code)
        groups.append(Group([h], [h], rows, key=tool.code))
    return Table("analysis", ANALYSIS_COLUMNS, groups)


def _measures(f: Facts, t: dict) -> Table:
    groups = []
    for gi, h, ms in measure_groups(f, t["no_group"]):
        rows = [{
            "measure": f.fmt.text(f"{gi}.{mi} {m.title}"), "steps": f.fmt.text(m.steps),
            "responsible": f.fmt.text(m.responsible), "period": f.fmt.period(m.start, m.end),
            "monitoring": f.fmt.text("\n".join(x for x in (m.monitoring, m.reporting) if x)),
            "indicators": f.fmt.digits(", ".join(str(n) for n in f.indicators_of(m))),
        } for mi, m in enumerate(ms, 1)]
        groups.append(Group([h], [h], rows, key=str(gi)))
    return Table("measures", MEASURE_COLUMNS, groups, empty="ยังไม่มีมาตรการ")


def build(f: Facts) -> dict:
    t = f.text(LAYOUT.text)
    base = head(f, "progress")  # agency, place and note
    weights, levels = _framework_tables(f)
    iit, eit = _sample_tables(f, t["collection"])
    tool_scores, scores, chart = _results(f, t["results"])
    s = f.sub.scores
    extra = {"n_tools": f.fmt.int(len(f.fw.tools)), "n_indicators": f.fmt.int(len(f.fw.indicators)),
             "iit": f.fmt.int(s.iit_respondents) if s.iit_respondents is not None else "–",
             "eit": f.fmt.int(s.eit_respondents) if s.eit_respondents is not None else "–"}
    c = t["collection"]
    rating_intro = t["framework"]["rating_intro_labels" if f.fw.rating_kind == "labels" else "rating_intro"]
    data = {
        "layout": LAYOUT.name, "orientation": LAYOUT.orientation,
        "agency": base["agency"], "place": base["place"], "note": base["note"],
        "round_line": base["round_line"], "focus_line": base["focus_line"],
        "cover": [f.say(x) for x in t["cover"]],
        "preface": {"heading": f.say(t["preface"]["heading"]),
                    "paragraphs": [f.say(p) for p in t["preface"]["paragraphs"]],
                    "signer": f.say(t["preface"]["signer"])},
        "contents": {"heading": f.say(t["contents"]["heading"]), "topic": f.say(t["contents"]["topic"]),
                     "page": f.say(t["contents"]["page"]),
                     "entries": [{"title": f.say(t[k]["heading"]), "anchor": f"ita_{k}"} for k in SECTIONS]},
        "background": {"heading": f.say(t["background"]["heading"]),
                       "paragraphs": [f.say(p) for p in t["background"]["paragraphs"]]},
        "framework": {"heading": f.say(t["framework"]["heading"]),
                      "intro": f.say(t["framework"]["intro"], **extra), "weights": weights,
                      "rating_intro": f.say(rating_intro), "levels": levels,
                      "levels_note": "* เกณฑ์ที่ยังไม่ได้รับการยืนยันจากแหล่งข้อมูลอย่างน้อยสองแหล่ง"
                      if any(not lv.verified for lv in f.fw.levels) else ""},
        "collection": {"heading": f.say(c["heading"]), "iit": f.say(c["iit"]), "iit_caption": f.say(c["iit_caption"]),
                       "iit_table": iit, "eit": f.say(c["eit"]), "eit_caption": f.say(c["eit_caption"]),
                       "eit_table": eit, "oit": f.say(c["oit"]), "sample_note": f.say(c["sample_note"]),
                       "respondents": f.say(c["respondents"], **extra)
                       if (s.iit_respondents is not None or s.eit_respondents is not None) else ""},
        "results": {"heading": f.say(t["results"]["heading"]),
                    "intro": f.say(t["results"]["intro" if f.total is not None else "intro_incomplete"]),
                    "tools": tool_scores, "scores": scores, "chart": chart},
        "analysis": {"heading": f.say(t["analysis"]["heading"]), "intro": f.say(t["analysis"]["intro"]),
                     "focus": base["focus_line"], "table": _analysis(f, t["analysis"])},
        "measures": {"heading": f.say(t["measures"]["heading"]), "intro": f.say(t["measures"]["intro"]),
                     "table": _measures(f, t["measures"])},
        "title": [f.say(x) for x in t["cover"]],
        "chart": chart,
    }
    data["sheets"] = _sheets(data)
    return data


def _h(text: str, anchor: str = "") -> Para:
    return Para(text, size=TITLE_SIZE, bold=True, space_before=6, keep_with_next=True, anchor=anchor)


def _body(text: str) -> Para:
    return Para(text, align="justify", indent=True, space_before=3)


def _caption(text: str) -> Para:
    return Para(text, bold=True, align="center", space_before=6, keep_with_next=True)


def _sheets(d: dict) -> list[Sheet]:
    fw, col, res = d["framework"], d["collection"], d["results"]
    blocks: list = [Para("", size=COVER_SIZE), Para("", size=COVER_SIZE)]
    blocks += [Para(x, size=COVER_SIZE, bold=True, align="center") for x in d["cover"]]
    blocks += [Para("", size=COVER_SIZE), Para(d["agency"], size=TITLE_SIZE + 4, bold=True, align="center"),
               Para(d["place"], size=TITLE_SIZE + 4, bold=True, align="center"),
               Para(d["round_line"], align="center", space_before=12), PageBreak()]
    blocks += [Para(d["preface"]["heading"], size=TITLE_SIZE + 2, bold=True, align="center")]
    blocks += [_body(p) for p in d["preface"]["paragraphs"]]
    blocks += [Para(d["preface"]["signer"], align="center", span=(0.45, 1.0), space_before=18), PageBreak()]
    blocks += [Para(d["contents"]["heading"], size=TITLE_SIZE + 2, bold=True, align="center")]
    blocks += [Para(e["title"], page_of=e["anchor"], space_before=3) for e in d["contents"]["entries"]]
    blocks += [PageBreak(), _h(d["background"]["heading"], "ita_background")]
    blocks += [_body(p) for p in d["background"]["paragraphs"]]
    blocks += [_h(fw["heading"], "ita_framework"), _body(fw["intro"]), TableBlock(fw["weights"]),
               _body(fw["rating_intro"]), TableBlock(fw["levels"])]
    if fw["levels_note"]:
        blocks.append(Para(fw["levels_note"], size=14, italic=True))
    blocks += [_h(col["heading"], "ita_collection"), _body(col["iit"]), _caption(col["iit_caption"]),
               TableBlock(col["iit_table"]), _body(col["eit"]), _caption(col["eit_caption"]),
               TableBlock(col["eit_table"]), Para(col["sample_note"], size=14, italic=True), _body(col["oit"])]
    if col["respondents"]:
        blocks.append(_body(col["respondents"]))
    blocks += [PageBreak(), _h(res["heading"], "ita_results"), _body(res["intro"]), TableBlock(res["tools"]),
               ChartBlock(res["chart"], width=16.0, height=8.5), _caption(res["chart"]["caption"]),
               TableBlock(res["scores"])]
    if d["note"]:
        blocks.append(Para(d["note"], size=14, italic=True))
    blocks += [_h(d["analysis"]["heading"], "ita_analysis"), _body(d["analysis"]["intro"])]
    if d["analysis"]["focus"]:
        blocks.append(_body(d["analysis"]["focus"]))
    blocks.append(TableBlock(d["analysis"]["table"]))
    doc = Sheet("เอกสาร", "portrait", blocks, margins=PORTRAIT_MARGINS, first_page_number=False)
    m = d["measures"]
    mblocks = [_h(m["heading"], "ita_measures"), _body(m["intro"]), TableBlock(m["table"], print_titles=True)]
    return [doc, Sheet("ตารางมาตรการ", "landscape", mblocks, margins=LANDSCAPE_MARGINS)]


def word():
    """The Word template: cover, preface, contents with page fields, the sections with bookmarks, the chart,
    and the measures table in a landscape section."""
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from converters.reports.docx_blocks import (
        TableXml,
        bookmark,
        captioned_table,
        each,
        el,
        field,
        group_tables,
        new_document,
        page_number,
        page_setup,
        para,
        simple_table,
        update_fields_on_open,
        when,
    )

    doc = new_document("portrait", PORTRAIT_MARGINS)
    sec = doc.sections[0]
    page_number(sec, align="center", before="", skip_first=True)
    # cover
    for _ in range(3):
        para(doc, "", "ITA Cover")
    when(doc, "garuda", "{{ garuda }}", "ITA Center")
    each(doc, "cover", "ITA Cover")
    for _ in range(4):
        para(doc, "", "ITA Cover")
    for key in ("agency", "place"):
        p = para(doc, f"{{{{ {key} }}}}", "ITA Title")
        p.runs[0].font.size = Pt(22)
        p.runs[0]._r.get_or_add_rPr().append(el("w:szCs", **{"w:val": "44"}))
    para(doc, "", "ITA Gap")
    para(doc, "{{ round_line }}", "ITA Center")  # the stage and the date of the data
    doc.add_page_break()
    # preface
    para(doc, "{{ preface.heading }}", "ITA Title")
    each(doc, "preface.paragraphs", "ITA Body")
    p = para(doc, "{{ preface.signer }}", "ITA Signature")
    p.paragraph_format.space_before = Pt(24)
    doc.add_page_break()
    # contents
    para(doc, "{{ contents.heading }}", "ITA Title")
    width = 21.0 - PORTRAIT_MARGINS[0] - PORTRAIT_MARGINS[1]
    t = TableXml([Column("t", "", width - 2.0), Column("p", "", 2.0)], borders=False)
    tr = t.row()
    t.cell(tr, "{{ contents.topic }}", width - 2.0, "ITACellHeading")
    t.cell(tr, "{{ contents.page }}", 2.0, "ITACellHeader")
    t.control("{%tr for e in contents.entries %}")
    tr = t.row()
    t.cell(tr, "{{ e.title }}", width - 2.0, "ITACell")
    tc = t.cell(tr, "", 2.0, "ITACellCenter")
    field(tc.find(qn("w:p")), "PAGEREF {{ e.anchor }} \\h", "")
    t.control("{%tr endfor %}")
    t.attach(doc)
    doc.add_page_break()
    bid = 10

    def heading(key: str) -> None:
        nonlocal bid
        p = para(doc, f"{{{{ {key}.heading }}}}", "Heading 1")
        bookmark(p, f"ita_{key}", bid)
        bid += 1

    heading("background")
    each(doc, "background.paragraphs", "ITA Body")
    heading("framework")
    para(doc, "{{ framework.intro }}", "ITA Body")
    simple_table(doc, WEIGHT_COLUMNS, "framework.weights")
    para(doc, "{{ framework.rating_intro }}", "ITA Body")
    simple_table(doc, LEVEL_COLUMNS, "framework.levels")
    when(doc, "framework.levels_note", "{{ framework.levels_note }}", "ITA Note")
    heading("collection")
    para(doc, "{{ collection.iit }}", "ITA Body")
    captioned_table(doc, "{{ collection.iit_caption }}", IIT_COLUMNS, "collection.iit_table")
    para(doc, "{{ collection.eit }}", "ITA Body")
    captioned_table(doc, "{{ collection.eit_caption }}", EIT_COLUMNS, "collection.eit_table")
    para(doc, "{{ collection.sample_note }}", "ITA Note")
    para(doc, "{{ collection.oit }}", "ITA Body")
    when(doc, "collection.respondents", "{{ collection.respondents }}", "ITA Body")
    doc.add_page_break()
    heading("results")
    para(doc, "{{ results.intro }}", "ITA Body")
    simple_table(doc, TOOL_COLUMNS, "results.tools")
    para(doc, "", "ITA Gap")
    para(doc, "{{ chart_image }}", "ITA Center")
    para(doc, "{{ results.chart.caption }}", "ITA Caption")
    simple_table(doc, SCORE_COLUMNS, "results.scores")
    when(doc, "note", "{{ note }}", "ITA Note")
    heading("analysis")
    para(doc, "{{ analysis.intro }}", "ITA Body")
    when(doc, "analysis.focus", "{{ analysis.focus }}", "ITA Body")
    simple_table(doc, ANALYSIS_COLUMNS, "analysis.table")
    # the measures table on landscape pages
    new = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(new, "landscape", LANDSCAPE_MARGINS)
    new.different_first_page_header_footer = False
    heading("measures")
    para(doc, "{{ measures.intro }}", "ITA Body")
    group_tables(doc, MEASURE_COLUMNS, "measures.table")
    update_fields_on_open(doc)
    return doc


LAYOUT = Layout(
    name="measures-plan", order=5, title="มาตรการส่งเสริมคุณธรรมและความโปร่งใส (ฉบับเต็ม)",
    summary="เอกสารมาตรการฉบับเต็ม: ปก คำนำ สารบัญ ที่มา กรอบการประเมิน การเก็บข้อมูล ผลการประเมิน "
            "(แผนภูมิเทียบเส้นเกณฑ์ผ่าน) การวิเคราะห์ ตารางมาตรการ (หน้าแนวนอน)",
    orientation="portrait", text="measures_plan", pdf_from="docx", build=build, word=word)
