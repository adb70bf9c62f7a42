"""Many agencies' books into one overview and a database: `ita merge` and the รวมไฟล์หน่วยงาน button.

Both run converters.merge.run.run_merge and say the same summary (`summary_lines`). The button asks for a
folder and puts the overview and its database beside it, not into it (so the next merge does not find the
overview among the submissions): choosing D:\\ITA\\ส่งมา writes D:\\ITA\\ภาพรวม_ITA_ส่งมา.xlsx. Merging
the same folder again updates that overview; files already read are taken from the database. A roster
(`ita roster`, named รายชื่อหน่วยงาน.xlsx) beside the folder is used: the overview then lists who has not sent.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from actions.host import Host
from core.errors import ItaError

__all__ = ["on_button", "overview_path", "roster_beside", "summary_lines"]


def overview_path(folder: Path, fallback: Path) -> Path:
    """Where the overview of `folder` goes: beside it, else in `fallback`."""
    name = f"ภาพรวม_ITA_{folder.name or 'หน่วยงาน'}.xlsx"
    parent = folder.parent if folder.parent != folder else folder
    if not os.access(parent, os.W_OK):
        parent = fallback
        parent.mkdir(parents=True, exist_ok=True)
    return parent / name


def roster_beside(folder: Path) -> Path | None:
    """The roster the button uses: รายชื่อหน่วยงาน.xlsx (what `ita roster` writes) beside the folder, if any."""
    from actions.roster import DEFAULT_NAME

    found = folder.parent / DEFAULT_NAME
    return found if found.is_file() else None


def summary_lines(stats: Any) -> list[str]:
    """What a merge did, in Thai: counts by status, the overview, the skipped non-spreadsheet files."""
    from converters.merge.db import STATUS_TH
    from core.years import Years

    counts = ", ".join(f"{label} {stats.statuses.get(key, 0):,}" for key, label in STATUS_TH.items()
                       if stats.statuses.get(key))
    lines = [f"รวม {stats.files:,} ไฟล์: {counts or 'ไม่มีไฟล์ที่อ่านได้'}"]
    if stats.year:
        lines.append(f"ภาพรวม{Years.of_assessed(stats.year).say()}: {stats.overview_rows.get('ภาพรวม', 0):,} หน่วยงาน")
    lines.append(f"ไฟล์ภาพรวม: {stats.overview}")
    if getattr(stats, "expected", None) is not None:
        lines.append(f"รายชื่อ {stats.expected:,} หน่วยงาน: ยังไม่ส่ง {stats.missing:,} (ชีต ยังไม่ส่ง), "
                     f"ไฟล์ที่ไม่ตรงกับรายชื่อหรือกำกวม {stats.off_roster:,} (ชีต รายชื่อ)")
        if getattr(stats, "roster_places", 0):
            lines.append(f"รายชื่อ {stats.roster_places:,} แถวมีจังหวัดหรืออำเภอที่ไม่ตรงกับทะเบียน "
                         "(ดูคอลัมน์ หมายเหตุ ในชีต รายชื่อ แล้วแก้ไฟล์รายชื่อ)")
    if getattr(stats, "details", None):
        lines.append(f"มาตรการและความก้าวหน้าของทุกหน่วยงาน: {stats.details}")
    if stats.other_files:
        lines.append(f"ข้ามไฟล์ที่ไม่ใช่ตารางคำนวณ {stats.other_files:,} ไฟล์ (เช่น PDF, Word)")
    return lines


def on_button(host: Host) -> str | None:
    from converters.merge.run import MergeOptions, run_merge

    folder = host.ask_folder("เลือกโฟลเดอร์ที่เก็บไฟล์แบบฟอร์มของหน่วยงาน", host.book_folder())
    if folder is None:
        return None                                             # the officer pressed Cancel
    if not folder.is_dir():
        raise ItaError("ไม่พบโฟลเดอร์นี้", where=str(folder))
    overview = overview_path(folder, host.fallback_folder())
    if host.is_open(overview.name):
        raise ItaError(f"ปิดไฟล์ {overview.name} ที่เปิดอยู่ก่อน แล้วกดปุ่มอีกครั้ง", english="overview is open")
    roster = roster_beside(folder)
    with host.progress() as show:
        stats = run_merge(MergeOptions(inputs=[str(folder)], overview=overview, progress=False, on_progress=show,
                                       roster=roster))
    message = "\n".join(summary_lines(stats))
    if stats.overview is not None:
        host.open(Path(stats.overview))
    host.alert(message)
    return message
