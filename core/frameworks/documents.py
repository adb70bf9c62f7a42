"""Which OIT item a document answers: the measures (plan) and the progress report.

The item belongs to the assessment that will examine the document, i.e. the one of the measures' fiscal
year (a FY2566 form cites O42 of ITA 2566). When that year's framework confirms the item it is used; else
the code the officer typed in the book, printed as unconfirmed; else the framework's unconfirmed guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import FrameworkError
from core.frameworks.model import CONFIRMED, Framework
from core.thai import to_arabic_digits

ROLES = ("measures", "progress")
_CODE = re.compile(r"^\s*[oO]\s*0*(\d{1,3})\s*$")


@dataclass(frozen=True)
class DocumentItem:
    code: str | None  # "O25", or None when nothing says it
    confirmed: bool
    year: int  # the assessment whose list the code belongs to (the measures' fiscal year)
    typed: str = ""  # what the officer typed, normalised ("" if nothing or not a code)
    framework_code: str | None = None  # the fiscal year's framework's code, confirmed or not


def normalise_item(text: str) -> str:
    """' o25 ', 'O๒๕' -> 'O25'; '' for anything that is not an O item code."""
    m = _CODE.match(to_arabic_digits(text or ""))
    return f"O{int(m.group(1))}" if m else ""


def _fiscal_framework(fiscal_year: int) -> Framework | None:
    from core.frameworks import load_year

    try:
        return load_year(fiscal_year)
    except FrameworkError:
        return None


def document_item(fiscal_year: int, role: str, typed: str = "", fallback: Framework | None = None) -> DocumentItem:
    """The OIT item of `role` ("measures" or "progress") for the measures of `fiscal_year`.

    Without a framework file for that year, `fallback` (the analysed result's framework) gives an
    unconfirmed guess when the officer typed nothing."""
    if role not in ROLES:
        raise ValueError(role)
    fw = _fiscal_framework(fiscal_year) or fallback
    own = (fw.measures_item if role == "measures" else fw.progress_item) if fw else None
    if fw is not None and fw is fallback:
        typed = normalise_item(typed)
        return DocumentItem(typed or own, False, fiscal_year, typed, None)
    typed = normalise_item(typed)
    if own and fw is not None and fw.items_confidence == CONFIRMED:
        return DocumentItem(own, True, fiscal_year, typed, own)
    return DocumentItem(typed or own, False, fiscal_year, typed, own)


def focus_rule(fiscal_year: int | None, assessed: Framework | None) -> tuple[str | None, Framework | None]:
    """The focus guidance that applies to the measures of `fiscal_year` ("lowest" or None) and the framework
    it comes from: the fiscal year's assessment if it has a file, else the analysed result's."""
    fw = _fiscal_framework(fiscal_year) if fiscal_year else None
    fw = fw or assessed
    return (fw.focus_rule, fw) if fw is not None else (None, None)
