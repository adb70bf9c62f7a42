"""Building blocks of the Word templates of the reports (python-docx): Thai styles, page setup, fields,
docxtpl tags and fixed-width tables with Jinja rows. Each layout's recipe (its `word()` function, in
converters/reports/layouts/<name>.py) puts these together; `python -m converters.reports.make_templates`
saves every recipe as templates/<layout>.docx.

The templates are docxtpl templates: Jinja tags in the text ({{ … }}, {%p … %} paragraphs, {%tr … %} rows)
that an agency can keep while it restyles the document in Word (fonts, sizes, colours, margins, column
widths, header wording, a logo) and then point `ita report --template DIR` at its copy.

Thai needs care in Word (see the project's thai-output notes): the font goes into all four rFonts slots
without theme attributes, sizes into sz and szCs, bold into b and bCs, and the language into w:lang with
w:bidi="th-TH" — on docDefaults and on every style, not on runs. Tables have fixed column widths (gridCol
and tcW, fixed layout), header rows that repeat on every page (tblHeader) and rows that never split
(cantSplit). A group of a long table is its own table whose header rows include the group heading, so a
group that runs onto a new page shows its heading there again.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from converters.reports.layouts.common import LANDSCAPE_MARGINS
from converters.reports.model import Column

FONT = "TH SarabunPSK"
HEADER_FILL = "D9E2F3"
HEADING_FILL = "F2F2F2"
TWIPS_PER_CM = 1440 / 2.54
CELL_MARGIN_CM = 0.15
TICK_BOX_CM = 0.62
# the children of w:settings that follow w:updateFields in the schema's sequence (CT_Settings, ECMA-376 Part 1)
UPDATE_FIELDS_SUCCESSORS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
A4 = (21.0, 29.7)

# paragraph styles: name -> (size, bold, italic, align, first-line indent cm, left indent cm, space before pt,
#                             keep with next)
STYLES = {
    "ITA Title": (18, True, False, "center", 0, 0, 0, True),
    "ITA Cover": (28, True, False, "center", 0, 0, 0, True),
    "ITA Body": (16, False, False, "thaiDistribute", 2.5, 0, 3, False),
    "ITA Text": (16, False, False, "left", 0, 0, 0, False),
    "ITA Center": (16, False, False, "center", 0, 0, 0, False),
    "ITA Note": (14, False, True, "left", 0, 0, 3, False),
    "ITA Caption": (16, True, False, "center", 0, 0, 6, True),
    "ITA Signature": (16, False, False, "center", 0, 7.0, 0, True),
    "ITA Memo Heading": (29, True, False, "center", 0, 0, 0, False),
    "ITA Memo Field": (16, False, False, "left", 0, 0, 0, False),
    "ITA Cell": (16, False, False, "left", 0, 0, 0, False),
    "ITA Cell Center": (16, False, False, "center", 0, 0, 0, False),
    "ITA Cell Header": (16, True, False, "center", 0, 0, 0, False),
    "ITA Cell Heading": (16, True, False, "left", 0, 0, 0, True),
    "ITA Small Cell": (14, False, False, "left", 0, 0, 0, False),
    "ITA Small Cell Center": (14, False, False, "center", 0, 0, 0, False),
    "ITA Small Cell Header": (13, True, False, "center", 0, 0, 0, False),
    "ITA Small Cell Heading": (14, True, False, "left", 0, 0, 0, True),
    "ITA Gap": (6, False, False, "left", 0, 0, 0, False),
    "ITA Tick": (14, False, False, "center", 0, 0, 0, False),
}


# ---------------------------------------------------------------------------------------------- XML

def el(tag: str, **attrs: str):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), str(v))
    return e


def twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


def thai_rpr(rpr, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:
    """TH SarabunPSK in all four slots, sz/szCs, b/bCs, i/iCs and the Thai language on a w:rPr."""
    for tag in ("w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:color", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    # schema order: rFonts, b, bCs, i, iCs, …, color, …, sz, szCs, …, lang
    rpr.insert(0, el("w:rFonts", **{"w:ascii": FONT, "w:hAnsi": FONT, "w:cs": FONT, "w:eastAsia": FONT}))
    pos = 1
    for flag, tags in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
        if flag is not None:
            for tag in tags:
                rpr.insert(pos, el(tag, **({} if flag else {"w:val": "0"})))
                pos += 1
    rpr.insert(pos, el("w:color", **{"w:val": "000000"}))
    if size is not None:
        half = str(round(size * 2))
        rpr.append(el("w:sz", **{"w:val": half}))
        rpr.append(el("w:szCs", **{"w:val": half}))
    rpr.append(el("w:lang", **{"w:val": "th-TH", "w:eastAsia": "th-TH", "w:bidi": "th-TH"}))


def _get(parent, tag: str):
    found = parent.find(qn(tag))
    if found is None:
        found = el(tag)
        parent.append(found)
    return found


def setup_styles(doc) -> None:
    """docDefaults, Normal, the headings python-docx ships and the ITA paragraph styles, all in Thai."""
    styles_el = doc.styles.element
    defaults = _get(styles_el, "w:docDefaults")
    rpr_default = _get(defaults, "w:rPrDefault")
    thai_rpr(_get(rpr_default, "w:rPr"), 16)
    ppr_default = _get(defaults, "w:pPrDefault")
    ppr = _get(ppr_default, "w:pPr")
    for old in ppr.findall(qn("w:spacing")):
        ppr.remove(old)
    ppr.append(el("w:spacing", **{"w:after": "0", "w:line": "240", "w:lineRule": "auto"}))
    # python-docx's default template carries dozens of table styles in theme fonts: keep the default one
    for style in styles_el.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:default")) != "1":
            styles_el.remove(style)
    # every rPr that names fonts gets the Thai font (no theme fonts anywhere)
    for fonts in list(styles_el.iter(qn("w:rFonts"))):
        rpr = fonts.getparent()
        sz = rpr.find(qn("w:sz"))
        thai_rpr(rpr, int(sz.get(qn("w:val"))) / 2 if sz is not None else None)
    normal = doc.styles["Normal"]
    thai_rpr(normal.element.get_or_add_rPr(), 16)
    normal.paragraph_format.space_after = Pt(0)
    for name in ("Heading 1", "Heading 2"):
        st = doc.styles[name]
        thai_rpr(st.element.get_or_add_rPr(), 18 if name == "Heading 1" else 16, bold=True, italic=False)
        st.paragraph_format.space_before = Pt(6)
        st.paragraph_format.space_after = Pt(0)
        st.paragraph_format.keep_with_next = True
    for name, (size, bold, italic, align, first, left, before, keep) in STYLES.items():
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.quick_style = True
        thai_rpr(st.element.get_or_add_rPr(), size, bold=bold, italic=italic)
        ppr = st.element.get_or_add_pPr()
        if keep:
            ppr.append(el("w:keepNext"))
        ppr.append(el("w:spacing", **{"w:before": str(int(before * 20)), "w:after": "0"}))
        if first or left:
            ppr.append(el("w:ind", **{"w:left": str(twips(left)), "w:firstLine": str(twips(first))}))
        ppr.append(el("w:jc", **{"w:val": align}))


def page_setup(section, orientation: str, margins: Sequence[float]) -> None:
    w, h = A4 if orientation == "portrait" else A4[::-1]
    section.orientation = WD_ORIENT.PORTRAIT if orientation == "portrait" else WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(w), Cm(h)
    left, right, top, bottom = margins
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.header_distance = section.footer_distance = Cm(0.8)


def field(p, instr: str, cached: str = "") -> None:
    """A complex field (PAGE, PAGEREF …) in paragraph p (a python-docx Paragraph or a raw w:p)."""
    p_el = getattr(p, "_p", p)
    for kind in ("begin", None, "separate", "text", "end"):
        r = el("w:r")
        if kind == "begin" or kind == "separate" or kind == "end":
            r.append(el("w:fldChar", **{"w:fldCharType": kind}))
        elif kind is None:
            t = el("w:instrText")
            t.set(qn("xml:space"), "preserve")
            t.text = f" {instr} "
            r.append(t)
        else:
            t = el("w:t")
            t.text = cached
            r.append(t)
        p_el.append(r)


def page_number(section, *, where: str = "footer", align: str = "right", before: str = "หน้า ",
                after: str = "", skip_first: bool = False) -> None:
    part = section.footer if where == "footer" else section.header
    part.is_linked_to_previous = False
    p = part.paragraphs[0]
    p.style = "ITA Text"
    p.alignment = {"right": 2, "center": 1, "left": 0}[align]
    if before:
        p.add_run(before)
    field(p, "PAGE", "1")
    if after:
        p.add_run(after)
    if skip_first:
        section.different_first_page_header_footer = True


def para(doc_or_cell, text: str = "", style: str | None = None):
    p = doc_or_cell.add_paragraph(text)
    if style:
        p.style = style
    return p


def tag(doc, text: str) -> None:
    """A paragraph holding only a docxtpl tag ({%p … %}): removed when the template is rendered."""
    doc.add_paragraph(text)


def when(doc, cond: str, text: str, style: str) -> None:
    """A paragraph shown only when `cond` holds."""
    tag(doc, f"{{%p if {cond} %}}")
    para(doc, text, style)
    tag(doc, "{%p endif %}")


def each(doc, seq: str, style: str) -> None:
    """One paragraph per item of `seq` (the item is {{ x }})."""
    tag(doc, f"{{%p for x in {seq} %}}")
    para(doc, "{{ x }}", style)
    tag(doc, "{%p endfor %}")


def bookmark(p, name: str, bid: int) -> None:
    p._p.insert(1 if p._p.pPr is not None else 0, el("w:bookmarkStart", **{"w:id": str(bid), "w:name": name}))
    p._p.append(el("w:bookmarkEnd", **{"w:id": str(bid)}))


# -------------------------------------------------------------------------------------------- tables

class TableXml:
    """A fixed-width table built as XML with Jinja rows."""

    def __init__(self, columns: Sequence[Column], *, small: bool = False, borders: bool = True) -> None:
        self.columns = list(columns)
        self.small = small
        self.tbl = el("w:tbl")
        pr = el("w:tblPr")
        pr.append(el("w:tblW", **{"w:w": str(sum(twips(c.width) for c in columns)), "w:type": "dxa"}))
        pr.append(el("w:jc", **{"w:val": "center"}))
        if borders:
            b = el("w:tblBorders")
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                b.append(el(f"w:{side}", **{"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"}))
            pr.append(b)
        pr.append(el("w:tblLayout", **{"w:type": "fixed"}))
        mar = el("w:tblCellMar")
        margin = str(twips(CELL_MARGIN_CM))
        for side, v in (("top", 0), ("left", margin), ("bottom", 0), ("right", margin)):
            mar.append(el(f"w:{side}", **{"w:w": str(v), "w:type": "dxa"}))
        pr.append(mar)
        pr.append(el("w:tblLook", **{"w:val": "04A0", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                     "w:lastColumn": "0", "w:noHBand": "0", "w:noVBand": "1"}))
        self.tbl.append(pr)
        grid = el("w:tblGrid")
        for c in columns:
            grid.append(el("w:gridCol", **{"w:w": str(twips(c.width))}))
        self.tbl.append(grid)

    def style(self, kind: str, align: str = "left") -> str:
        base = {"cell": "ITA Cell", "header": "ITA Cell Header", "heading": "ITA Cell Heading"}[kind]
        if self.small:
            base = base.replace("ITA Cell", "ITA Small Cell")
        if kind == "cell" and align == "center":
            base += " Center"
        return base.replace(" ", "")

    def row(self, *, header: bool = False, cant_split: bool = True):
        tr = el("w:tr")
        pr = el("w:trPr")
        if cant_split:
            pr.append(el("w:cantSplit"))
        if header:
            pr.append(el("w:tblHeader"))
        tr.append(pr)
        self.tbl.append(tr)
        return tr

    def cell(self, tr, text: str, width_cm: float, style_id: str, *, span: int = 1, fill: str | None = None,
             vmerge: str | None = None, valign: str | None = None, tick: bool = False, raw_vmerge: str = ""):
        tc = el("w:tc")
        pr = el("w:tcPr")
        pr.append(el("w:tcW", **{"w:w": str(twips(width_cm)), "w:type": "dxa"}))
        if span > 1:
            pr.append(el("w:gridSpan", **{"w:val": str(span)}))
        if vmerge is not None:
            pr.append(el("w:vMerge", **({"w:val": vmerge} if vmerge else {})))
        if raw_vmerge:
            pr.append(el("w:vMerge", **{"w:val": raw_vmerge}))
        if fill:
            pr.append(el("w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}))
        if valign:
            pr.append(el("w:vAlign", **{"w:val": valign}))
        tc.append(pr)
        p = el("w:p")
        ppr = el("w:pPr")
        ppr.append(el("w:pStyle", **{"w:val": "ITATick" if tick else style_id}))
        if tick:  # the paragraph's border, narrowed by its indents, is the box; the tick goes inside
            bdr = el("w:pBdr")
            for side in ("top", "left", "bottom", "right"):
                bdr.append(el(f"w:{side}", **{"w:val": "single", "w:sz": "6", "w:space": "0", "w:color": "000000"}))
            ppr.append(bdr)
            side_cm = max(0.0, (width_cm - 2 * CELL_MARGIN_CM - TICK_BOX_CM) / 2)
            ppr.append(el("w:spacing", **{"w:before": "60", "w:after": "0"}))
            ppr.append(el("w:ind", **{"w:left": str(twips(side_cm)), "w:right": str(twips(side_cm))}))
        p.append(ppr)
        if text:
            r = el("w:r")
            t = el("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            r.append(t)
            p.append(r)
        tc.append(p)
        tr.append(tc)
        return tc

    def control(self, text: str) -> None:
        """A row holding a {%tr … %} tag (removed when rendered)."""
        tr = self.row(cant_split=False)
        self.cell(tr, text, self.columns[0].width, self.style("cell"), span=len(self.columns))

    def header(self, columns: Sequence[Column] | None = None) -> None:
        cols = list(columns or self.columns)
        hs = self.style("header")
        if not any(c.parent for c in cols):
            tr = self.row(header=True)
            for c in cols:
                self.cell(tr, c.header, c.width, hs, fill=HEADER_FILL, valign="center")
            return
        top, bottom = self.row(header=True), self.row(header=True)
        done = set()
        for c in cols:
            if c.parent:
                if c.parent not in done:
                    kids = [k for k in cols if k.parent == c.parent]
                    self.cell(top, c.parent, sum(k.width for k in kids), hs, span=len(kids), fill=HEADER_FILL,
                              valign="center")
                    done.add(c.parent)
                self.cell(bottom, c.header, c.width, hs, fill=HEADER_FILL, valign="center")
            else:
                self.cell(top, c.header, c.width, hs, vmerge="restart", fill=HEADER_FILL, valign="center")
                self.cell(bottom, "", c.width, hs, vmerge="", fill=HEADER_FILL, valign="center")

    def heading(self, text: str, *, header: bool) -> None:
        tr = self.row(header=header)
        self.cell(tr, text, sum(c.width for c in self.columns), self.style("heading"), span=len(self.columns),
                  fill=HEADING_FILL)

    def data(self, var: str, *, cant_split: bool = True) -> None:
        tr = self.row(cant_split=cant_split)
        for c in self.columns:
            vm = f"{{{{ 'restart' if {var}.{c.key} else 'continue' }}}}" if c.carry else ""
            self.cell(tr, f"{{{{ {var}.{c.key} }}}}", c.width, self.style("cell", c.align), tick=c.tick,
                      raw_vmerge=vm)

    def empty(self, text_expr: str) -> None:
        tr = self.row()
        self.cell(tr, f"{{{{ {text_expr} }}}}", sum(c.width for c in self.columns), self.style("cell", "center"),
                  span=len(self.columns))

    def attach(self, doc) -> None:
        doc.element.body.append(self.tbl)
        # python-docx appends before the final sectPr only through its API: move the table there
        body = doc.element.body
        sect = body.find(qn("w:sectPr"))
        if sect is not None:
            body.remove(sect)
            body.append(sect)


def simple_table(doc, columns: Sequence[Column], var: str, *, small: bool = False) -> None:
    """A table of `var.groups` with its headings as rows inside one table (short tables)."""
    t = TableXml(columns, small=small)
    t.header()
    t.control(f"{{%tr for g in {var}.groups %}}")
    t.control("{%tr for h in g.headings %}")
    t.heading("{{ h }}", header=False)
    t.control("{%tr endfor %}")
    t.control("{%tr for r in g.rows %}")
    t.data("r")
    t.control("{%tr endfor %}")
    t.control("{%tr endfor %}")
    t.control(f"{{%tr if not {var}.rows %}}")
    t.empty(f"{var}.empty")
    t.control("{%tr endif %}")
    t.attach(doc)


def captioned_table(doc, caption: str, columns: Sequence[Column], var: str) -> None:
    para(doc, caption, "ITA Caption")
    simple_table(doc, columns, var)


def group_tables(doc, columns: Sequence[Column], var: str, *, small: bool = False, split_rows: bool = False) -> None:
    """One table per group of `var`: its header rows are the column headers and the group's heading stack,
    all repeated on every page the group runs onto."""
    tag(doc, f"{{%p for g in {var}.groups %}}")
    tag(doc, "{%p if g.new_page %}")
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    tag(doc, "{%p endif %}")
    t = TableXml(columns, small=small)
    t.header()
    t.control("{%tr for h in g.context %}")
    t.heading("{{ h }}", header=True)
    t.control("{%tr endfor %}")
    t.control("{%tr for r in g.rows %}")
    t.data("r", cant_split=not split_rows)
    t.control("{%tr endfor %}")
    t.attach(doc)
    para(doc, "", "ITA Gap")
    tag(doc, "{%p endfor %}")
    when(doc, f"not {var}.rows", f"{{{{ {var}.empty }}}}", "ITA Center")


# ------------------------------------------------------------------------------------------ documents

def new_document(orientation: str, margins: Sequence[float]):
    """An A4 document with the ITA styles in Thai and the report's title as its document title."""
    doc = Document()
    setup_styles(doc)
    page_setup(doc.sections[0], orientation, margins)
    for rel in list(doc.part.rels.values()):  # Word 2010's duplicate of styles.xml, in theme fonts
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel.rId)
    zoom = doc.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:  # required by CT_Zoom; python-docx's default lacks it
        zoom.set(qn("w:percent"), "100")
    props = doc.core_properties
    props.author, props.title, props.comments = "ITA Toolkit", "{{ title_text }}", "สร้างโดย ITA Toolkit"
    return doc


def update_fields_on_open(doc) -> None:
    """Ask Word to refresh the fields (contents, page numbers) when it opens the document.

    CT_Settings is a sequence: w:updateFields goes before the first of its successors present.
    """
    doc.settings.element.insert_element_before(el("w:updateFields", **{"w:val": "true"}), *UPDATE_FIELDS_SUCCESSORS)


def title_block(doc) -> None:
    each(doc, "title", "ITA Title")
    para(doc, "{{ agency }}", "ITA Title")
    when(doc, "place", "{{ place }}", "ITA Title")
    when(doc, "round_line", "{{ round_line }}", "ITA Center")
    when(doc, "focus_line", "{{ focus_line }}", "ITA Center")
    when(doc, "intro", "{{ intro }}", "ITA Body")
    when(doc, "note", "{{ note }}", "ITA Note")
    para(doc, "", "ITA Gap")


def table_report(columns: Sequence[Column], *, small: bool = False, split_rows: bool = False):
    """A landscape report: page numbers, the title block and one table per group of `main`; with
    `split_rows` a long row continues on the next page instead of leaving a gap."""
    doc = new_document("landscape", LANDSCAPE_MARGINS)
    page_number(doc.sections[0])
    title_block(doc)
    group_tables(doc, columns, "main", small=small, split_rows=split_rows)
    return doc
