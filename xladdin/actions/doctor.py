"""ตรวจสอบการติดตั้ง: the checks of `ita doctor` as one alert, the full report in a log file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from xladdin.live import is_com

__all__ = ["run"]


def _excel_rows(book: Any) -> list:
    """What only the running Excel can tell: its version and which ITA.xlam it loaded."""
    from actions.doctor import Check

    if not is_com(book):
        return []
    rows = []
    try:
        rows.append(Check("Excel", str(book.app.version), "info"))
    except Exception:  # noqa: BLE001, S110
        pass
    return rows


def _loaded_addin(book: Any) -> Path | None:
    if not is_com(book):
        return None
    try:
        from xladdin.install import ADDIN_FILE

        return Path(book.app.api.Workbooks(ADDIN_FILE).FullName)
    except Exception:  # noqa: BLE001 - not loaded under that name
        return None


def run(book: Any) -> str:
    from actions.doctor import needs_fixing, render_alert, render_table, run_checks
    from core.crashlog import log_dir

    rows = _excel_rows(book) + run_checks(addin=_loaded_addin(book))
    path = log_dir() / f"ita-doctor-{dt.datetime.now():%Y%m%d-%H%M%S}.txt"
    try:
        path.write_text(render_table(rows) + "\n", encoding="utf-8")
        where = f"\n\nรายงานฉบับเต็ม: {path}"
    except OSError:
        where = ""
    message = render_alert(rows) + where
    from xladdin.entry import alert

    alert(book, message, critical=needs_fixing(rows))
    return message
