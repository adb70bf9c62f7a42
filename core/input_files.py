"""Input files are opened only when they are regular files of a sane size.

A FIFO named like a workbook would block the first read forever, a link to /dev/zero would be hashed
forever, and a 2 GB file is not a submission: each is refused, before any byte is read, with its reason
in Thai. `stat` follows links, so a link is judged by what it points at.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from core.errors import UnreadableFileError

MAX_INPUT_BYTES = 100 * 1024 * 1024  # a submission is a few hundred KB; with pictures a few MB

_KINDS = (
    (stat.S_ISDIR, "เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "a folder"),
    (stat.S_ISFIFO, "เป็นช่องทางส่งข้อมูล (FIFO) ไม่ใช่ไฟล์ — ไม่เปิดอ่าน", "a FIFO"),
    (stat.S_ISCHR, "เป็นอุปกรณ์ของระบบ ไม่ใช่ไฟล์ — ไม่เปิดอ่าน", "a character device"),
    (stat.S_ISBLK, "เป็นอุปกรณ์ของระบบ ไม่ใช่ไฟล์ — ไม่เปิดอ่าน", "a block device"),
    (stat.S_ISSOCK, "เป็นซ็อกเก็ต ไม่ใช่ไฟล์ — ไม่เปิดอ่าน", "a socket"),
)


def refusal(st: os.stat_result, path: Path) -> UnreadableFileError | None:
    """Why a file with this stat result is not read (None: a regular file of a sane size)."""
    where = str(path)
    link = " (ผ่านลิงก์)" if path.is_symlink() else ""
    for test, th, en in _KINDS:
        if test(st.st_mode):
            return UnreadableFileError(th + link, where=where, english=f"not a regular file: {en}")
    if not stat.S_ISREG(st.st_mode):
        return UnreadableFileError("ไม่ใช่ไฟล์ธรรมดา — ไม่เปิดอ่าน" + link, where=where, english="not a regular file")
    if st.st_size > MAX_INPUT_BYTES:
        return UnreadableFileError(
            f"ไฟล์ใหญ่ผิดปกติ ({st.st_size / 1024 / 1024:,.0f} MB ส่วนแบบฟอร์มปกติไม่ถึง "
            f"{MAX_INPUT_BYTES // 1024 // 1024} MB) — ไม่เปิดอ่าน ตรวจว่าส่งไฟล์ถูกต้อง", where=where,
            english=f"file too large ({st.st_size} bytes)")
    return None


def check_regular(path: str | Path) -> os.stat_result:
    """The stat result of `path` if it is a regular file we may read; else UnreadableFileError."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise UnreadableFileError("ลิงก์ชี้ไปยังไฟล์ที่ไม่มีอยู่", where=str(p), english="dangling link") from None
        raise UnreadableFileError("ไม่พบไฟล์", where=str(p), english="file not found") from None
    except OSError as exc:
        raise UnreadableFileError(f"เปิดไฟล์ไม่ได้ ({exc.strerror})", where=str(p), english=str(exc)) from None
    err = refusal(st, p)
    if err is not None:
        raise err
    return st


def open_regular(path: str | Path) -> BinaryIO:
    """`path` opened for reading, checked on the open descriptor (no window for a swap to a FIFO)."""
    p = Path(path)
    check_regular(p)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)  # non-blocking: opening a FIFO returns at once instead of waiting for a writer
    except OSError as exc:
        raise UnreadableFileError(f"เปิดไฟล์ไม่ได้ ({exc.strerror})", where=str(p), english=str(exc)) from None
    err = refusal(os.fstat(fd), p)
    if err is not None:
        os.close(fd)
        raise err
    return os.fdopen(fd, "rb")
