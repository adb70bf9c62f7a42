"""Numbers as Excel sees them: parsing user text and rounding exactly like Excel's ROUND."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from core.thai import to_arabic_digits


def excel_round(value: float, digits: int = 2) -> float:
    """Round half away from zero on the value's 15 significant digits, as Excel's ROUND does.

    Excel first snaps a double to 15 significant digits, so ROUND(84.995, 2) is 85 even though the
    double is 84.99499999…; Python's round() would give 84.99.
    """
    if not math.isfinite(value):
        raise ValueError(f"cannot round {value!r}")
    snapped = Decimal(format(value, ".15g"))
    return float(snapped.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def parse_number(text: object) -> float:
    """A number from a cell or the command line: Thai digits, spaces, thousands commas and '%' allowed.

    Raises ValueError when it is not a number.
    """
    if isinstance(text, bool):
        raise ValueError("boolean")  # noqa: TRY004 - callers catch ValueError for anything that is not a number
    if isinstance(text, (int, float)):
        if not math.isfinite(float(text)):
            raise ValueError("not finite")
        return float(text)
    s = to_arabic_digits(str(text)).strip().replace("\u00a0", "").replace(" ", "")
    s = s.rstrip("%").replace(",", "")
    if not s:
        raise ValueError("empty")
    try:
        d = Decimal(s)
    except InvalidOperation as exc:
        raise ValueError(s) from exc
    if not d.is_finite():
        raise ValueError(s)
    return float(d)


def decimals_of(value: object) -> int:
    """How many decimals the user typed (for text) or the float needs (shortest repr)."""
    if isinstance(value, str):
        s = to_arabic_digits(value).strip()
    else:
        s = repr(float(value))
    if "e" in s.lower():
        return max(0, -Decimal(s).as_tuple().exponent)
    return len(s.split(".", 1)[1].rstrip("0")) if "." in s else 0
