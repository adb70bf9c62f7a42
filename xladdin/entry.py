"""What a ribbon click runs: ``RunPython "import xladdin.entry as e; e.ribbon('<tag>')"``.

A button's tag names its action: ``actions.<tag>.on_button(host)``, with the calling book wrapped as an
xladdin.host.ExcelHost. Each click is a fresh Python process, so this module imports nothing heavy: the
action's module (and xlwings) are imported only when a button is pressed. Every failure ends as one Thai alert in Excel:
an ItaError shows its own message; anything else writes the traceback to the log and names the file.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

from core.errors import ItaError

__all__ = ["MODULE", "TITLE", "UnknownActionError", "action", "ribbon"]

TITLE = "ITA Toolkit"
MODULE = "actions.{tag}"   # a button's tag (xladdin/buttons.toml) names its action module: on_button(host)


class UnknownActionError(ItaError):
    """The ribbon sent a tag this version of the toolkit does not know (add-in and package differ)."""


def action(tag: str) -> Callable[[Any], object]:
    """The `on_button(host)` behind a button tag (imports its module)."""
    from xladdin.ribbon import actions

    if tag not in actions():
        raise UnknownActionError(
            f"ปุ่ม '{tag}' ไม่มีในโปรแกรม ITA Toolkit รุ่นนี้ — ติดตั้ง Add-in ใหม่ด้วยคำสั่ง ita addin install",
            english=f"unknown ribbon action {tag!r}")
    return importlib.import_module(MODULE.format(tag=tag)).on_button


def _caller() -> Any:
    import xlwings as xw

    return xw.Book.caller()


def ribbon(tag: str) -> None:
    """Run the action of button `tag` on the calling workbook; never raises into Excel."""
    book = None
    try:
        book = _caller()
        from xladdin.host import ExcelHost

        action(tag)(ExcelHost(book))
    except ItaError as err:
        _report(book, err.line(), critical=True)
    except Exception as exc:  # noqa: BLE001 - the last resort: one Thai alert, the details in the log
        from core.crashlog import write_crash_log

        try:
            log = write_crash_log(exc, context=f"add-in button {tag} ({getattr(book, 'name', '?')})")
        except Exception:  # noqa: BLE001 - even the log cannot be written
            log = None
        where = f"รายละเอียดอยู่ในไฟล์ {log}" if log else "เขียนไฟล์บันทึกไม่ได้"
        _report(book, f"เกิดข้อผิดพลาดที่ไม่คาดคิด ({type(exc).__name__}) — {where} "
                      "โปรดส่งไฟล์นี้ให้ผู้ดูแลระบบ แล้วกดปุ่ม ตรวจสอบการติดตั้ง", critical=True)


def _report(book: Any, message: str, *, critical: bool) -> None:
    """Alert in Excel; without a book (or if the alert fails) write to stderr, which xlwings shows."""
    if book is not None:
        try:
            book.app.alert(message, title=TITLE, buttons="ok", mode="critical" if critical else "info")
            return
        except Exception as exc:  # noqa: BLE001 - fall through to stderr
            message += f" [{type(exc).__name__}: {exc}]"
    print(f"ITA Toolkit: {message}", file=sys.stderr)
    raise SystemExit(1)
