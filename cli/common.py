"""Arguments and helpers shared by several commands."""

from __future__ import annotations

import argparse

from core.errors import FrameworkError, InputError
from core.frameworks.model import Framework
from core.years import parse_year


def add_year_arguments(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--year", type=str, required=False,
                   help="ปีของผลการประเมิน ITA (พ.ศ.) เช่น 2565" + (" (จำเป็น)" if required else ""))
    p.add_argument("--framework", metavar="FILE", help="ใช้ไฟล์เกณฑ์ (.toml) ที่กำหนดเองแทนเกณฑ์ในตัว")


def framework_from_args(args: argparse.Namespace) -> Framework:
    """--framework FILE wins; otherwise --year."""
    from core.frameworks import load_file, load_year

    if getattr(args, "framework", None):
        fw = load_file(args.framework)
        if args.year and parse_year(args.year) != fw.year:
            raise InputError(f"--year {args.year} ไม่ตรงกับปีในไฟล์เกณฑ์ ({fw.year})")
        return fw
    if not args.year:
        raise InputError("ต้องระบุ --year (ปีของผลการประเมิน ITA เช่น 2565) หรือ --framework FILE")
    year = parse_year(args.year)
    try:
        return load_year(year)
    except FrameworkError as err:
        try:  # the officer may mean the measures' fiscal year: name the result year it builds on
            load_year(year - 1)
        except FrameworkError:
            raise err from None
        raise FrameworkError(f"{err.message} — ถ้าหมายถึงมาตรการปีงบประมาณ {year} คะแนนที่ใช้คือผลการประเมิน "
                             f"ITA {year - 1}: ใช้ --year {year - 1}", english=err.english) from None
