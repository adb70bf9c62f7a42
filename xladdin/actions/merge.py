"""รวมไฟล์หน่วยงาน: merge a chosen folder of agencies' workbooks into one overview, then open it.

The twin of `ita merge FOLDER -o OVERVIEW.xlsx` (converters.merge.run.run_merge). The overview and its
database go beside the chosen folder, not into it (so the next merge does not find the overview among
the submissions): choosing D:\\ITA\\ส่งมา writes D:\\ITA\\ภาพรวม_ITA_ส่งมา.xlsx. Merging the same folder
again updates that overview; files already read are taken from the database.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from core.errors import ItaError
from xladdin.actions import common
from xladdin.live import book_folder, is_com

__all__ = ["overview_path", "run"]


def overview_path(folder: Path) -> Path:
    """Where the overview of `folder` goes: beside it, else in the fallback folder."""
    name = f"ภาพรวม_ITA_{folder.name or 'หน่วยงาน'}.xlsx"
    parent = folder.parent if folder.parent != folder else folder
    if not os.access(parent, os.W_OK):
        parent = common.fallback_folder()
        parent.mkdir(parents=True, exist_ok=True)
    return parent / name


def _progress(book: Any):
    """Excel's status bar shows 'files read / to read' (at most every half second)."""
    if not is_com(book):
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or done == total:
            last[0] = now
            try:
                book.app.status_bar = f"ITA Toolkit: กำลังอ่านไฟล์ {done:,}/{total:,}"
            except Exception:  # noqa: BLE001, S110 - the status bar is a nicety
                pass

    return show


def run(book: Any) -> str | None:
    from converters.merge.db import STATUS_TH
    from converters.merge.run import MergeOptions, run_merge

    folder = common.ask_folder(book, "เลือกโฟลเดอร์ที่เก็บไฟล์แบบฟอร์มของหน่วยงาน", book_folder(book))
    if folder is None:
        return None                                             # the officer pressed Cancel
    if not folder.is_dir():
        raise ItaError("ไม่พบโฟลเดอร์นี้", where=str(folder))
    overview = overview_path(folder)
    if is_com(book) and any(b.name.casefold() == overview.name.casefold() for b in book.app.books):
        raise ItaError(f"ปิดไฟล์ {overview.name} ที่เปิดอยู่ก่อน แล้วกดปุ่มอีกครั้ง", english="overview is open")
    try:
        stats = run_merge(MergeOptions(inputs=[str(folder)], overview=overview, progress=False,
                                       on_progress=_progress(book)))
    finally:
        if is_com(book):
            try:
                book.app.status_bar = False
            except Exception:  # noqa: BLE001, S110
                pass
    counts = ", ".join(f"{label} {stats.statuses.get(key, 0):,}" for key, label in STATUS_TH.items()
                       if stats.statuses.get(key))
    lines = [f"รวม {stats.files:,} ไฟล์: {counts or 'ไม่มีไฟล์ที่อ่านได้'}",
             f"ไฟล์ภาพรวม: {stats.overview}"]
    if stats.year:
        lines.insert(1, f"ภาพรวมปี {stats.year}: {stats.overview_rows.get('ภาพรวม', 0):,} หน่วยงาน")
    if stats.other_files:
        lines.append(f"ข้ามไฟล์ที่ไม่ใช่ตารางคำนวณ {stats.other_files:,} ไฟล์")
    message = "\n".join(lines)
    if stats.overview is not None:
        common.open_path(book, Path(stats.overview))
    from xladdin.entry import alert

    alert(book, message)
    return message
