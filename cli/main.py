"""Entry point of the `ita` command. Every failure the user can fix is one Thai line and exit code 2."""

from __future__ import annotations

import argparse
import errno
import importlib
import importlib.util
import os
import re
import sys
from collections.abc import Sequence

from core import DIST_NAME, __version__
from core.errors import ItaError

# command name -> (module, one-line Thai help). Modules are imported lazily: heavy libraries load only
# when their command runs, so `ita --help` and quick commands start fast.
COMMANDS: dict[str, tuple[str, str]] = {
    "rate": ("cli.rate", "คำนวณคะแนนรวม ระดับผลการประเมิน และช่องว่างจากคะแนนรายตัวชี้วัด"),
    "template": ("cli.template", "สร้างแบบฟอร์ม (Excel) สำหรับกรอกผลและมาตรการของปีที่เลือก"),
    "rollover": ("cli.rollover", "สร้างแบบฟอร์มปีถัดไปจากแบบฟอร์มปีที่แล้ว (ยกข้อมูลหน่วยงาน คะแนน และมาตรการ)"),
    "validate": ("cli.validate", "ตรวจสอบแบบฟอร์มที่กรอกแล้ว แจ้งทุกปัญหาพร้อมชีตและเซลล์"),
    "report": ("cli.report", "สร้างรายงานมาตรฐาน (Excel, Word, PDF) จากแบบฟอร์มที่กรอกแล้ว"),
    "merge": ("cli.merge", "รวมแบบฟอร์มของหลายหน่วยงานเป็นภาพรวมและฐานข้อมูล"),
    "roster": ("cli.roster", "เขียนไฟล์รายชื่อหน่วยงานที่ต้องส่ง (ใช้กับ ita merge --roster)"),
    "history": ("cli.history", "ผลของแต่ละหน่วยงานย้อนหลังหลายปีจากฐานข้อมูลการรวม พร้อมการเปลี่ยนแปลง"),
    "fanout": ("cli.fanout", "สร้างแบบฟอร์มที่กรอกชื่อหน่วยงานไว้แล้วให้ทุกหน่วยงานในรายชื่อ"),
    "samples": ("cli.samples", "เขียนแบบฟอร์มตัวอย่างที่กรอกข้อมูลแล้ว 5 หน่วยงาน"),
    "addin": ("cli.addin", "สร้างและติดตั้ง Add-in ของ Excel (แท็บ ITA)"),
    "doctor": ("cli.doctor", "ตรวจสอบการติดตั้ง: Python, แพ็กเกจ, Add-in, โปรแกรม PDF, ฟอนต์"),
    "guide": ("cli.guide", "บอกที่อยู่ของคู่มือการใช้งาน (หรือเปิดในเบราว์เซอร์ด้วย --open)"),
}


class ThaiArgumentParser(argparse.ArgumentParser):
    """argparse that reports a bad command line in one Thai line (exit 2), not a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: คำสั่งไม่ถูกต้อง — {message} (ดูวิธีใช้: {self.prog} --help)\n")


def _available(only: str | None = None) -> dict[str, object]:
    """The command modules that exist; imported only for `only` when given (the command being run: a merge
    need not load the report layouts), all of them otherwise (`ita --help` lists every command)."""
    mods = {}
    for name, (module, _help) in COMMANDS.items():
        if only is not None and name != only:
            if importlib.util.find_spec(module) is not None:
                mods[name] = None
            continue
        try:
            mods[name] = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return mods


def build_parser(command: str | None = None) -> tuple[ThaiArgumentParser, dict[str, object]]:
    """The parser; with `command`, only that command's module is imported and given its arguments."""
    parser = ThaiArgumentParser(prog="ita", description="ITA Toolkit — เครื่องมือจัดทำมาตรการและรายงานผล ITA")
    parser.add_argument("--version", action="version", version=f"ITA Toolkit {__version__} ({DIST_NAME})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ThaiArgumentParser)
    mods = _available(command if command in COMMANDS else None)
    for name, mod in mods.items():
        p = sub.add_parser(name, help=COMMANDS[name][1], description=COMMANDS[name][1])
        if mod is not None:
            mod.add_arguments(p)  # type: ignore[attr-defined]
    return parser, mods


_NEGATIVE_VALUE = re.compile(r"^-[0-9๐-๙.]")


def _glue_negative_values(argv: Sequence[str]) -> list[str]:
    """'--scores -1,2,…' -> '--scores=-1,2,…' so a (wrong) negative score gets our message, not argparse's."""
    out: list[str] = []
    for tok in argv:
        if out and out[-1].startswith("--") and "=" not in out[-1] and _NEGATIVE_VALUE.match(tok):
            out[-1] = f"{out[-1]}={tok}"
        else:
            out.append(tok)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, mods = build_parser(argv[0] if argv else None)
    args = parser.parse_args(_glue_negative_values(argv))
    if not args.command:
        parser.print_help()
        return 2
    try:
        code = int(mods[args.command].run(args) or 0)  # type: ignore[attr-defined]
        sys.stdout.flush()  # a closed pipe or a full disk shows here, not at exit
        return code
    except ItaError as err:
        _say(f"ita {args.command}: {err.line()}")
        return err.exit_code
    except KeyboardInterrupt:
        _say(f"ita {args.command}: ยกเลิกแล้ว ไม่มีไฟล์ผลลัพธ์ที่เขียนค้างไว้")
        return 130
    except OSError as exc:
        if (line := _output_fault(exc)) is None:
            return _crash(args.command, exc, argv)
        _silence_stdout()
        _say(f"ita {args.command}: {line}")
        return 2
    except Exception as exc:  # noqa: BLE001 - last resort: one Thai line, details in the log
        return _crash(args.command, exc, argv)


def _output_fault(exc: OSError) -> str | None:
    """The Thai line for a fault of the output stream itself (a closed pipe, a full disk), else None."""
    from core.atomic import MSG_FULL, is_disk_full

    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return "หยุดแสดงผลแล้ว เพราะโปรแกรมที่รับผลลัพธ์ต่อ (เช่น head) ปิดไปก่อน — ผลลัพธ์ที่เห็นอาจไม่ครบ"
    if is_disk_full(exc):
        return MSG_FULL
    return None


def _silence_stdout() -> None:
    """Point stdout at the null device: what is still buffered must not fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _say(line: str) -> None:
    """One line on stderr; a stderr that is gone too is left alone."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _crash(command: str, exc: BaseException, argv: Sequence[str] | None) -> int:
    from core.crashlog import write_crash_log

    path = write_crash_log(exc, context=f"ita {' '.join(sys.argv[1:] if argv is None else argv)}")
    where = f"รายละเอียดอยู่ที่ {path} โปรดส่งไฟล์นี้ให้ผู้ดูแลระบบ" if path else "เขียนบันทึกรายละเอียดไม่ได้"
    _say(f"ita {command}: เกิดข้อผิดพลาดที่ไม่คาดคิด ({type(exc).__name__}) — {where}")
    return 3


if __name__ == "__main__":
    sys.exit(main())
