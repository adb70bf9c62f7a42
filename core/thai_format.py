"""Thai formatting for reports: digits, Buddhist-era dates and periods, numbers.

Every string a report shows goes through :class:`Fmt`, which knows whether the report uses Thai digits
(the default) or Arabic ones. Links, e-mail addresses and web addresses keep their Arabic digits in both
modes (a Thai digit inside a URL breaks it), and so do codes written with Latin letters: OIT items and
questionnaire items (O25, i11, E7) and measure ids (M01) are names, not numbers ("O๒๕" would wrap as
"O ๒ ๕" and match nothing in the assessment's own lists).
"""

from __future__ import annotations

import datetime as dt
import re

from core.numbers import excel_round
from core.thai import THAI_MONTHS, THAI_MONTHS_SHORT, to_arabic_digits, to_thai_digits

NBSP = "\u00a0"
DASH = "–"  # en dash between the two ends of a period or a range
_KEEP = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                   r"|(?<![A-Za-z0-9๐-๙])[A-Za-z]+[0-9๐-๙]+[A-Za-z0-9๐-๙]*", re.IGNORECASE)


class Fmt:
    """Formatting helpers bound to one digit style."""

    def __init__(self, arabic_digits: bool = False) -> None:
        self.arabic = arabic_digits

    # -- digits ------------------------------------------------------------------------------------
    def digits(self, text: object) -> str:
        """Text with its digits in the report's style; URLs, e-mail addresses and codes (O25, i11) in Arabic."""
        if text is None:
            return ""
        s = str(text)
        if not s:
            return s
        convert = to_arabic_digits if self.arabic else to_thai_digits
        out, last = [], 0
        for m in _KEEP.finditer(s):
            out.append(convert(s[last:m.start()]))
            out.append(to_arabic_digits(m.group(0)))
            last = m.end()
        out.append(convert(s[last:]))
        return "".join(out)

    def text(self, value: object) -> str:
        """User text for a cell: trimmed, line endings normalised, digits converted."""
        if value is None:
            return ""
        s = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
        return self.digits(s)

    def num(self, value: float | None, places: int = 2) -> str:
        """96.1 -> '๙๖.๑๐' (rounded the way Excel's ROUND does)."""
        if value is None:
            return ""
        return self.digits(f"{excel_round(value, places):,.{places}f}")

    def int(self, value: int | None) -> str:
        return "" if value is None else self.digits(f"{value:,}")

    # -- dates -------------------------------------------------------------------------------------
    def year(self, be_year: int | None) -> str:
        return "" if not be_year else self.digits(str(be_year))

    def month_short(self, d: dt.date | None) -> str:
        """'ต.ค. ๖๕' with a no-break space inside."""
        if d is None:
            return ""
        return self.digits(f"{THAI_MONTHS_SHORT[d.month - 1]}{NBSP}{(d.year + 543) % 100:02d}")

    def date_long(self, d: dt.date | None) -> str:
        """'๒๗ เมษายน ๒๕๖๖' (memo style)."""
        if d is None:
            return ""
        return self.digits(f"{d.day} {THAI_MONTHS[d.month - 1]} {d.year + 543}")

    def date_short(self, d: dt.date | None) -> str:
        """'๒๗ เม.ย. ๒๕๖๖'."""
        if d is None:
            return ""
        return self.digits(f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {d.year + 543}")

    def period(self, start: dt.date | None, end: dt.date | None) -> str:
        """'ต.ค. ๖๕ – ก.ย. ๖๖'; one month alone when both ends are the same month."""
        if start is None and end is None:
            return ""
        if start is None or end is None:
            return self.month_short(start or end)
        if (start.year, start.month) == (end.year, end.month):
            return self.month_short(start)
        return f"{self.month_short(start)} {DASH} {self.month_short(end)}"

    def fiscal_span(self, fiscal_year: int | None) -> str:
        """The whole fiscal year: 'ต.ค. ๖๕ – ก.ย. ๖๖' for 2566."""
        if not fiscal_year:
            return ""
        ce = fiscal_year - 543
        return self.period(dt.date(ce - 1, 10, 1), dt.date(ce, 9, 1))


def number_label(index: int, parent: str = "") -> str:
    """'1.' or '1.2' before digits are converted (the caller's Fmt converts them)."""
    return f"{parent}.{index}" if parent else f"{index}."
