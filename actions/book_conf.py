"""What a workbook may choose for itself, and the one notice when a received workbook tries to choose more.

A workbook's ``ita.conf`` sheet may set the report choices below (actions.settings reads them). Everything
else that decides what runs — the Python interpreter, PYTHONPATH, xlwings' own keys, the Word template
folder — comes only from the add-in's own settings and the user's files: the add-in's VBA never reads the
active workbook (xladdin/launcher.py), and the report settings drop those keys. A workbook that carries
such keys, or an ``ita.conf`` file beside it (xlwings' per-folder settings), gets one Thai notice that they
were ignored; it is remembered in the user's folder so the same book does not repeat it on every click.

Light on purpose: xladdin.entry calls `notice_for` on every click.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from actions.host import Host

__all__ = ["BOOK_KEYS", "CONF_NAME", "ignored_keys", "notice", "notice_for", "told_path"]

CONF_NAME = "ita.conf"          # the sheet (and xlwings' file beside a workbook) of PROJECT_NAME "ita"
# sheet key -> report setting a workbook may choose for itself
BOOK_KEYS = {"REPORT_LAYOUTS": "layouts", "REPORT_FORMATS": "formats", "REPORT_ARABIC_DIGITS": "arabic_digits",
             "REPORT_OUTPUT_DIR": "output_dir"}


def ignored_keys(rows: Iterable[Sequence[object]]) -> list[str]:
    """Keys of an ita.conf sheet that a workbook may not set (interpreter, PYTHONPATH, template folder, …)."""
    keys = {str(row[0]).strip().upper() for row in rows if row and row[0] is not None and str(row[0]).strip()}
    return sorted(keys - set(BOOK_KEYS))


def notice(book_name: str, keys: Sequence[str], beside: Path | None) -> str | None:
    """The Thai notice for a workbook that carries settings the add-in ignores (None when it carries none)."""
    found = []
    if keys:
        found.append(f"ชีต {CONF_NAME} ({', '.join(keys)})")
    if beside is not None:
        found.append(f"ไฟล์ {beside}")
    if not found:
        return None
    return (f"สมุดงาน {book_name} มีค่าตั้งค่าที่ ITA Toolkit ไม่ใช้: {' และ '.join(found)}\n"
            "โปรแกรม Python โฟลเดอร์โปรแกรม (PYTHONPATH) และโฟลเดอร์แม่แบบ Word มาจากการติดตั้งและไฟล์ตั้งค่าของผู้ใช้"
            "เท่านั้น สมุดงานที่ได้รับมาจึงสั่งให้เรียกโปรแกรมอื่นไม่ได้ สมุดงานกำหนดได้เฉพาะ "
            f"{', '.join(BOOK_KEYS)} (แจ้งครั้งเดียวสำหรับสมุดงานนี้)")


def told_path() -> Path:
    """Where the notices already given are remembered (beside the user's settings file)."""
    forced = os.environ.get("ITA_SETTINGS")
    return (Path(forced).parent if forced else Path.home() / ".ita") / "notices.json"


def _tell_once(key: str) -> bool:
    """True the first time `key` is seen (and remembers it); True as well when nothing can be remembered."""
    path = told_path()
    try:
        seen = set(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else set()
    except (OSError, ValueError, TypeError):
        seen = set()
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    if digest in seen:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sorted(seen | {digest})), encoding="utf-8")
    except OSError:
        pass
    return True


def notice_for(host: Host) -> str | None:
    """The notice for the book a button was pressed on, once per book and set of ignored settings."""
    keys = ignored_keys(host.conf_rows())
    folder = host.book_folder()
    beside = folder / CONF_NAME if folder is not None and (folder / CONF_NAME).is_file() else None
    text = notice(host.book_name, keys, beside)
    if text is None or not _tell_once(f"{folder}|{host.book_name}|{keys}|{beside}"):
        return None
    return text
