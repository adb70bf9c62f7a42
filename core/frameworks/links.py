"""What a measure's links name: an indicator number, a sub-indicator (9.3), an O item, or a question (i11, e7).

The letters of item and question codes are the framework's (each tool's `prefix`); without a framework
(its year unknown) the standard letters of core.frameworks.model.DEFAULT_PREFIXES stand in.
"""

from __future__ import annotations

import re

from core.frameworks.model import DEFAULT_PREFIXES, ITEMS_TOOL, Framework

_SUB = re.compile(r"^(\d+)\.(\d+)$")


def _prefixes(fw: Framework | None) -> dict[str, tuple[str, str]]:
    """Lower-case letter -> (tool code, the letter as the framework writes it)."""
    pairs = [(t.code, t.prefix) for t in fw.tools] if fw is not None else list(DEFAULT_PREFIXES.items())
    return {p.lower(): (code, p) for code, p in pairs if p}


def kind(link: str, fw: Framework | None = None) -> str:
    """'indicator', 'sub', 'item' (O…), 'question' (i…/e…) or 'unknown'."""
    if link.isdigit():
        return "indicator"
    if _SUB.match(link):
        return "sub"
    if len(link) > 1 and link[1:].isdigit():
        tool = _prefixes(fw).get(link[0].lower())
        if tool:
            return "item" if tool[0] == ITEMS_TOOL else "question"
    return "unknown"


def _item_prefix(fw: Framework) -> str:
    return next((p for code, p in _prefixes(fw).values() if code == ITEMS_TOOL), "O")


def known_in(fw: Framework, link: str) -> tuple[bool, str]:
    """Whether the year's framework has `link` (True when its list is not known), and what it does have."""
    k = kind(link, fw)
    if k == "indicator":
        return int(link) in fw.indicator_numbers, ", ".join(map(str, fw.indicator_numbers))
    if k == "sub":
        codes = [s.code for s in fw.sub_indicators]
        return (not codes or link in codes), ", ".join(codes)
    if k == "item":
        n, p = int(link[1:]), _item_prefix(fw)
        if fw.items_complete and fw.oit_items:
            return f"{p}{n}".upper() in {i.code.upper() for i in fw.oit_items}, f"{p}1–{p}{len(fw.oit_items)}"
        if fw.max_item:
            return 1 <= n <= fw.max_item, f"{p}1–{p}{fw.max_item}"
        return True, ""
    if k == "question":
        ranges = {q.prefix: q for q in fw.questions}
        q = ranges.get(link[0].lower())
        if not ranges:
            return True, ""
        shown = ", ".join(f"{r.prefix}{r.first}–{r.prefix}{r.last}" for r in fw.questions)
        return (q is not None and q.first <= int(link[1:]) <= q.last), shown
    return False, ""


def indicator_of(fw: Framework, link: str) -> int | None:
    """The indicator an O item or a sub-indicator code belongs to (None when the framework does not say)."""
    subs = {s.code: s.indicator for s in fw.sub_indicators}
    k = kind(link, fw)
    if k == "sub":
        return subs.get(link)
    if k == "item":
        code = (fw.item_code(link) or "").upper()
        for item in fw.oit_items:
            if item.code.upper() == code and item.sub_indicator:
                return subs.get(item.sub_indicator)
    return None
