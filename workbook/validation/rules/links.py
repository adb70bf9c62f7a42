"""What a measure's links name: an indicator number, a sub-indicator (9.3), an O item, or a question (i11, e7)."""

from __future__ import annotations

import re

from core.frameworks.model import Framework

_ITEM = re.compile(r"^([OIE])(\d+)$", re.IGNORECASE)
_SUB = re.compile(r"^(\d+)\.(\d+)$")


def kind(link: str) -> str:
    """'indicator', 'sub', 'item' (O…), 'question' (i…/e…) or 'unknown'."""
    if link.isdigit():
        return "indicator"
    if _SUB.match(link):
        return "sub"
    m = _ITEM.match(link)
    if m:
        return "item" if m.group(1) in "Oo" else "question"
    return "unknown"


def known_in(fw: Framework, link: str) -> tuple[bool, str]:
    """Whether the year's framework has `link` (True when its list is not known), and what it does have."""
    k = kind(link)
    if k == "indicator":
        return int(link) in fw.indicator_numbers, ", ".join(map(str, fw.indicator_numbers))
    if k == "sub":
        codes = [s.code for s in fw.sub_indicators]
        return (not codes or link in codes), ", ".join(codes)
    if k == "item":
        n = int(link[1:])
        if fw.items_complete and fw.oit_items:
            return f"O{n}" in {i.code for i in fw.oit_items}, f"O1–O{len(fw.oit_items)}"
        if fw.max_item:
            return 1 <= n <= fw.max_item, f"O1–O{fw.max_item}"
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
    k = kind(link)
    if k == "sub":
        return subs.get(link)
    if k == "item":
        for item in fw.oit_items:
            if item.code == f"O{int(link[1:])}" and item.sub_indicator:
                return subs.get(item.sub_indicator)
    return None
