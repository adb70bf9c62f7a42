"""`ita doctor`: check the installation (Python, packages, add-in, PDF engine, fonts) — the twin of the
add-in's ตรวจสอบการติดตั้ง button. Exit 0 when everything works, 1 when something must be fixed."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--addin", metavar="FILE", help="ตรวจไฟล์ Add-in นี้ (ค่าเริ่มต้น: ที่ติดตั้งไว้ใน Excel)")


def run(args: argparse.Namespace) -> int:
    from actions.doctor import needs_fixing, render_table, run_checks
    from xladdin.diagnose import check_addin

    rows = run_checks(extra=[lambda: check_addin(Path(args.addin) if args.addin else None)])
    print(render_table(rows))
    return 1 if needs_fixing(rows) else 0
