"""`ita addin build | install | uninstall | selftest`: the Excel add-in (the ITA ribbon tab)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="addin_command", metavar="ACTION", parser_class=type(p))
    b = sub.add_parser("build", help="สร้างไฟล์ ITA.xlam", description="สร้างไฟล์ Add-in ITA.xlam จากซอร์ส")
    b.add_argument("-o", "--output", metavar="DIR", default=".", help="โฟลเดอร์ปลายทาง (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน)")
    b.add_argument("--interpreter", metavar="PATH",
                   help="python.exe ที่ปุ่มจะเรียก (ค่าเริ่มต้น: python ใน PATH หรือไฟล์ ita.conf ของผู้ใช้)")
    b.add_argument("--pythonpath", metavar="PATHS", help="โฟลเดอร์ที่เพิ่มให้ Python หาโมดูล (ไม่จำเป็นถ้าติดตั้งด้วย pip)")
    b.add_argument("--xlsm", action="store_true", help="สร้างเป็น ITA.xlsm (สำหรับตรวจด้วย LibreOffice)")
    i = sub.add_parser("install", help="ติดตั้ง Add-in ให้ Excel ของผู้ใช้นี้ (Windows)",
                       description="ติดตั้ง ITA.xlam ลงโฟลเดอร์ Add-in ของ Excel ให้ใช้ Python ตัวนี้ "
                                   "และเปิดพร้อม Excel ทุกครั้ง (Windows เท่านั้น)")
    i.add_argument("--no-trust", action="store_true", help="ไม่เพิ่มโฟลเดอร์ Add-in เป็นตำแหน่งที่เชื่อถือได้ของ Excel")
    # used by the offline bundle's installer (xladdin/winsetup.py)
    i.add_argument("--xlam", metavar="FILE", help="ติดตั้งไฟล์ ITA.xlam นี้ (ของชุดติดตั้ง) แทนการสร้างใหม่")
    i.add_argument("--user-interpreter", metavar="PATH",
                   help=r"python ที่ปุ่มเรียก บันทึกในไฟล์ %%USERPROFILE%%\.ita\ita.conf (ใช้กับ --xlam)")
    i.add_argument("--manifest", metavar="FILE", help="บันทึกสิ่งที่ติดตั้งไว้ในไฟล์นี้ (ให้ถอนการติดตั้งได้ครบ)")
    u = sub.add_parser("uninstall", help="ถอนการติดตั้ง Add-in (Windows)", description="ถอน Add-in ITA ออกจาก Excel")
    u.add_argument("--manifest", metavar="FILE", help="ไฟล์บันทึกของการติดตั้ง")
    s = sub.add_parser("selftest", help="ทดสอบทุกปุ่มกับแบบฟอร์มตัวอย่าง แล้วเขียนรายงาน (คู่กับปุ่ม ทดสอบระบบ)",
                       description="กดทุกปุ่มกับแบบฟอร์มตัวอย่าง (จากไฟล์ ไม่ผ่าน Excel) จับเวลา แล้วเขียนรายงาน "
                                   "ita-selftest.txt — ใน Excel ใช้ปุ่ม ทดสอบระบบ")
    s.add_argument("-o", "--output", metavar="DIR", help="โฟลเดอร์ที่เก็บผล (ค่าเริ่มต้น: เอกสาร\\ITA Toolkit)")


def run(args: argparse.Namespace) -> int:
    command = args.addin_command
    if command == "build":
        from xladdin.build import build_addin

        path = build_addin(Path(args.output), interpreter=args.interpreter, pythonpath=args.pythonpath,
                           xlsm=args.xlsm)
        print(f"สร้าง Add-in แล้ว: {path}")
        return 0
    if command == "selftest":
        return _selftest(Path(args.output) if args.output else None)
    if command in ("install", "uninstall"):
        from xladdin import install

        if sys.platform != "win32":
            print(install.instructions_th())
            return 0
        if command == "install":
            report = install.install(trust=not args.no_trust, xlam=Path(args.xlam) if args.xlam else None,
                                     user_interpreter=args.user_interpreter,
                                     manifest=Path(args.manifest) if args.manifest else None)
            print("\n".join(report.lines_th()))
        else:
            print("\n".join(install.uninstall(manifest=Path(args.manifest) if args.manifest else None)))
        return 0
    print("ระบุคำสั่งย่อย: ita addin build | install | uninstall | selftest (ดูวิธีใช้: ita addin --help)",
          file=sys.stderr)
    return 2


def _selftest(output: Path | None) -> int:
    """The ทดสอบระบบ button's steps on the sample books' files (no Excel); exit 1 when a step fails."""
    from actions.filehost import FileHost
    from actions.selftest import render, run_selftest, work_folder, write_report
    from xladdin.host import fallback_folder
    from xladdin.ribbon import load_ribbon

    buttons = [(b.tag, b.label) for b in load_ribbon().buttons]
    work = work_folder(output or fallback_folder())
    host = FileHost(work, fallback=work, buttons=buttons)
    facts, steps = run_selftest(host, [tag for tag, _ in buttons], work)
    text = render(facts, steps, dict(buttons))
    path = write_report(text, work)
    print(text + f"\nรายงาน / report: {path}")
    return 0 if all(s.ok for s in steps) else 1
