"""Years as Thai officers use them: Buddhist era, and the fiscal year (1 Oct – 30 Sep, named by its end)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from core.errors import FrameworkError, InputError
from core.thai import BE_OFFSET, to_arabic_digits


def parse_year(text: str) -> int:
    """A Buddhist-era year typed by a person (Thai digits allowed); a common-era year gets its BE value named."""
    s = to_arabic_digits(str(text)).strip()
    if not s.isdigit():
        raise InputError(f"--year: '{text}' ไม่ใช่ปี พ.ศ. (เช่น 2565)")
    year = int(s)
    if 1900 < year < 2200:
        raise InputError(f"--year: {year} ดูเหมือนเป็นปี ค.ศ. — ใช้ปี พ.ศ. คือ {year + 543}")
    return year


def fiscal_year(d: dt.date) -> int:
    """Thai fiscal year (BE) of a date: 1 Oct – 30 Sep, named after the year it ends in."""
    return d.year + BE_OFFSET + (1 if d.month >= 10 else 0)


def current_assessed_year(today: dt.date | None = None) -> int:
    """The assessed year whose measures are being planned now: the last completed fiscal year."""
    return fiscal_year(today or dt.date.today()) - 1


@dataclass(frozen=True)
class Years:
    """The two years of one officer's cycle: the measures' fiscal year and the ITA result they build on.

    Measures for fiscal year 2570 are set from the ITA 2569 result, so `assessed` is normally `fiscal - 1`.
    """

    fiscal: int
    assessed: int

    @classmethod
    def of_fiscal(cls, fiscal: int) -> Years:
        return cls(fiscal, fiscal - 1)

    @classmethod
    def of_assessed(cls, assessed: int) -> Years:
        return cls(assessed + 1, assessed)

    def next(self) -> Years:
        """The cycle after this one: the next result, the next fiscal year."""
        return Years(self.fiscal + 1, self.assessed + 1)

    def say(self) -> str:
        """'ปีงบประมาณ 2570 ใช้ผลการประเมิน ITA 2569': how every command states the years it used."""
        return f"ปีงบประมาณ {self.fiscal} ใช้ผลการประเมิน ITA {self.assessed}"


def current_years(today: dt.date | None = None) -> Years:
    """The cycle of today: measures for this fiscal year on the result of the last one."""
    return Years.of_fiscal(fiscal_year(today or dt.date.today()))


def years_of(fiscal: int | None, assessed: int | None) -> Years | None:
    """The years of a book from what it has: both, or one of them and the usual other."""
    if fiscal and assessed:
        return Years(fiscal, assessed)
    if fiscal:
        return Years.of_fiscal(fiscal)
    if assessed:
        return Years.of_assessed(assessed)
    return None


def resolve_year(year: int, known: Collection[int] | None = None) -> Years:
    """What an officer means by one year: the ITA result of `year` when its framework exists, else the
    measures of fiscal year `year`, built on the result of `year - 1`.

    `known` is the set of years with a framework file (default: every one installed). A year that fits
    neither raises FrameworkError naming the file to add.
    """
    from core.frameworks.loader import USER_DIR, available_years

    have = set(available_years() if known is None else known)
    if year in have:
        return Years.of_assessed(year)
    if year - 1 in have:
        return Years.of_fiscal(year)
    shown = ", ".join(str(y) for y in sorted(have)) or "-"
    raise FrameworkError(
        f"ยังไม่มีเกณฑ์การประเมินสำหรับปี {year}: ถ้าหมายถึงมาตรการปีงบประมาณ {year} ต้องใช้เกณฑ์ ITA {year - 1} "
        f"ให้เพิ่มไฟล์ {year - 1}.toml ถ้าหมายถึงผลการประเมิน ITA {year} ให้เพิ่มไฟล์ {year}.toml "
        f"ไว้ที่ {USER_DIR} (เกณฑ์ที่มี: ITA {shown})",
        english=f"no framework for {year} or {year - 1}")
