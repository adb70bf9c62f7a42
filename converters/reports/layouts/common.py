"""Pieces several layouts share: the title block, status ticks, group numbering, headings by tool."""

from __future__ import annotations

import re

from converters.reports.facts import Facts
from converters.reports.model import Para, Sheet, Table, TableBlock
from workbook.model import STATUSES, Measure

TICK = "√"
TITLE_SIZE = 18
LANDSCAPE_MARGINS = (2.0, 1.5, 1.5, 1.6)  # left, right, top, bottom (cm)
PORTRAIT_MARGINS = (3.0, 2.0, 2.0, 2.0)
_NUMBERED = re.compile(r"^\s*(?:มาตรการ(?:ที่)?\s*)?[0-9๐-๙]+[.)]?\s")


def ticks(status: str) -> dict[str, str]:
    """The three status columns of a row: a tick in the one that matches."""
    keys = ("t_not", "t_doing", "t_done")
    return {k: TICK if status == s else "" for k, s in zip(keys, STATUSES)}


def numbered(f: Facts, text: str, n: int) -> str:
    """'๑. text' unless the text already starts with a number (or 'มาตรการที่ ๑')."""
    if _NUMBERED.match(text):
        return f.fmt.text(text)
    return f.fmt.text(f"{n}. {text}")


def measure_groups(f: Facts, no_group: str) -> list[tuple[int, str, list[Measure]]]:
    """The measures under their group headings, in the order the groups first appear: (number, heading,
    measures); the heading is numbered unless the agency numbered it already."""
    order: dict[str, list[Measure]] = {}
    for m in f.sub.measures:
        order.setdefault(m.group.strip(), []).append(m)
    return [(gi, numbered(f, name or no_group, gi), ms) for gi, (name, ms) in enumerate(order.items(), 1)]


def head(f: Facts, key: str) -> dict:
    """Title lines, the agency, the round line, the intro and the note of a layout's text file."""
    t = f.text(key)
    a = f.agency
    intro = t.get("intro_plan") if f.plan and t.get("intro_plan") else t.get("intro")
    title = t.get("title_plan") if f.plan and t.get("title_plan") else t.get("title", [])
    return {
        "title": [f.say(x) for x in title],
        "agency": f.fmt.text(a.name),
        "place": f.fmt.text(f.place),
        "round_line": f.round_line(),
        "focus_line": f.focus_line(),
        "intro": f.say(intro) if intro else "",
        "note": f.note,
    }


def head_paras(data: dict, *, with_agency: bool = True) -> list[Para]:
    """The title block as worksheet paragraphs."""
    paras = [Para(line, size=TITLE_SIZE, bold=True, align="center") for line in data["title"]]
    if with_agency:
        paras += [Para(x, size=TITLE_SIZE, bold=True, align="center") for x in (data["agency"], data["place"]) if x]
    if data.get("round_line"):
        paras.append(Para(data["round_line"], align="center"))
    if data.get("focus_line"):
        paras.append(Para(data["focus_line"], align="center"))
    if data.get("intro"):
        paras.append(Para(data["intro"], align="justify", indent=True, space_before=6))
    if data.get("note"):
        paras.append(Para(data["note"], size=14, italic=True))
    return paras


def table_sheet(name: str, data: dict, table: Table) -> Sheet:
    """One landscape sheet: the title block, then the table with its header as print titles."""
    blocks = head_paras(data)
    blocks.append(TableBlock(table, print_titles=True))
    return Sheet(name, "landscape", blocks, margins=LANDSCAPE_MARGINS, font_size=table.font_size)


def tool_heading(f: Facts, code: str) -> str:
    t = f.text("common")["tools"]
    if not code:
        return f.say(t["none"])
    return f.say(t["heading"], code=code, name=f.tool_name(code))


def category_heading(f: Facts, key: str) -> str:
    """The heading of a category of indicators (key: weak, improve or keep; wording in common.toml)."""
    return f.say(f.text("common")["categories"][key])


def join_lines(items: list[str], numbered_items: bool = True) -> str:
    """Several texts in one cell: '๑. a\\n๒. b' when there are several, the text alone when one."""
    items = [i for i in items if i]
    if len(items) <= 1 or not numbered_items:
        return "\n".join(items)
    return "\n".join(f"{n}. {text}" for n, text in enumerate(items, 1))
