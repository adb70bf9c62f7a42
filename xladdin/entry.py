"""What a ribbon click runs: the add-in's VBA starts `python -I -X utf8 -c "…; xladdin.entry.main()"`
(xladdin/launcher.py) with the button's tag, the book's name and Excel's window in environment variables.

A button's tag names its action: ``actions.<tag>.on_button(host)``, with the calling book wrapped as an
xladdin.host.ExcelHost. Each click is a fresh Python process, so this module imports nothing heavy: the
action's module (and xlwings) are imported only when a button is pressed. Every failure ends as one Thai
alert: an ItaError shows its own message; anything else writes the traceback to the log and names the
file. When Excel cannot show the alert (no book, Excel busy), Windows shows it (MessageBoxW); only when
nothing could be shown does main() return EXIT_UNTOLD, and the add-in's VBA then shows its own Thai box.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from typing import Any

from core.errors import ItaError
from xladdin.launcher import ENV, EXIT_UNTOLD

__all__ = ["MODULE", "TITLE", "UnknownActionError", "action", "main", "ribbon"]

TITLE = "ITA Toolkit"
MODULE = "actions.{tag}"   # a button's tag (xladdin/buttons.toml) names its action module: on_button(host)


class UnknownActionError(ItaError):
    """The ribbon sent a tag this version of the toolkit does not know (add-in and package differ)."""


def action(tag: str) -> Callable[[Any], object]:
    """The `on_button(host)` behind a button tag (imports its module)."""
    from xladdin.ribbon import actions

    if tag not in actions():
        raise UnknownActionError(
            f"ปุ่ม '{tag}' ไม่มีในโปรแกรม ITA Toolkit รุ่นนี้ — ติดตั้ง Add-in ใหม่ (ดับเบิลคลิก INSTALL.cmd อีกครั้ง)",
            english=f"unknown ribbon action {tag!r}")
    return importlib.import_module(MODULE.format(tag=tag)).on_button


def _caller() -> Any:
    """The book the button was pressed on: by name in the Excel whose window the add-in named, else
    xlwings' own caller (the JSON book of the tests, or an add-in that still uses RunPython)."""
    import xlwings as xw

    name, hwnd = os.environ.get(ENV["book"], ""), os.environ.get(ENV["hwnd"], "")
    if name and hwnd.isdigit() and not hasattr(xw.Book, "_mock_caller"):
        for app in xw.apps:
            if int(app.hwnd) == int(hwnd):
                return app.books[name]
        raise ItaError("ไม่พบหน้าต่าง Excel ที่กดปุ่ม — ลองกดปุ่มอีกครั้ง", english=f"no Excel with hwnd {hwnd}")
    return xw.Book.caller()


def main() -> int:
    """The click: the tag from the environment the add-in set. Returns the process's exit code."""
    return ribbon(os.environ.get(ENV["tag"], ""))


def ribbon(tag: str) -> int:
    """Run the action of button `tag` on the calling workbook; never raises into Excel. 0 when the officer
    has been told what happened, EXIT_UNTOLD when no message could be shown."""
    book = None
    try:
        book = _caller()
        from xladdin.host import ExcelHost

        host = ExcelHost(book)
        _notice(host)
        action(tag)(host)
        return 0
    except ItaError as err:
        return _report(book, err.line())
    except Exception as exc:  # noqa: BLE001 - the last resort: one Thai alert, the details in the log
        from core.crashlog import write_crash_log

        try:
            log = write_crash_log(exc, context=f"add-in button {tag} ({getattr(book, 'name', '?')})")
        except Exception:  # noqa: BLE001 - even the log cannot be written
            log = None
        where = f"รายละเอียดอยู่ในไฟล์ {log}" if log else "เขียนไฟล์บันทึกไม่ได้"
        return _report(book, f"เกิดข้อผิดพลาดที่ไม่คาดคิด ({type(exc).__name__}) — {where} "
                             "โปรดส่งไฟล์นี้ให้ผู้ดูแลระบบ แล้วกดปุ่ม ตรวจสอบการติดตั้ง")


def _notice(host: Any) -> None:
    """Say once that the book's own settings for the interpreter, PYTHONPATH or templates were ignored."""
    from actions.book_conf import notice_for

    try:
        text = notice_for(host)
    except Exception:  # noqa: BLE001 - a notice must never stop the button
        return
    if text:
        host.alert(text)


def _report(book: Any, message: str) -> int:
    """One critical alert: Excel's, else a Windows message box over Excel's window, else stderr."""
    if book is not None:
        try:
            book.app.alert(message, title=TITLE, buttons="ok", mode="critical")
            return 0
        except Exception as exc:  # noqa: BLE001 - fall through to Windows' own box
            message += f" [{type(exc).__name__}: {exc}]"
    from xladdin.windows import message_box

    hwnd = os.environ.get(ENV["hwnd"], "")
    if message_box(message, TITLE, hwnd=int(hwnd) if hwnd.isdigit() else 0, critical=True):
        return 0
    try:
        print(f"ITA Toolkit: {message}", file=sys.stderr)
    except (OSError, ValueError, AttributeError):   # pythonw: no stderr at all
        pass
    return EXIT_UNTOLD
