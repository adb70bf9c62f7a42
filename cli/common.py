"""Arguments and helpers shared by several commands."""

from __future__ import annotations

import argparse

from core.errors import InputError
from core.frameworks.model import Framework
from core.years import parse_year


def add_year_arguments(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--year", type=str, required=False,
                   help="ปีงบประมาณที่ประเมิน (พ.ศ.) เช่น 2565" + (" (จำเป็น)" if required else ""))
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
        raise InputError("ต้องระบุ --year (ปี พ.ศ. ที่ประเมิน เช่น 2565) หรือ --framework FILE")
    return load_year(parse_year(args.year))
