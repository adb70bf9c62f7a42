"""Outputs are written atomically: to a temporary file beside the target, then renamed over it.

Whatever goes wrong while writing (a read-only folder, a path that is a folder, a full disk, a file held
open by Excel) leaves no partial file and becomes one Thai line (`output_error`), never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from core.errors import ItaError

DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_FULL_TEXT = ("no space left", "disk full", "disk quota", "file too large")  # in the text of libraries' errors

MSG_FULL = "พื้นที่ดิสก์เต็ม เขียนไฟล์ไม่ได้ — ลบไฟล์ที่ไม่ใช้หรือบันทึกที่อื่น แล้วลองใหม่ (ไม่มีไฟล์ที่เขียนค้างไว้)"
MSG_TOO_BIG = "ไฟล์ใหญ่เกินกว่าที่ระบบอนุญาตให้เขียน — บันทึกที่อื่น แล้วลองใหม่ (ไม่มีไฟล์ที่เขียนค้างไว้)"
MSG_FOLDER_LOCKED = "ไม่มีสิทธิ์เขียนในโฟลเดอร์นี้ (หรือเป็นโฟลเดอร์อ่านอย่างเดียว) — เลือกโฟลเดอร์อื่น เช่น Documents"
MSG_FILE_LOCKED = "เขียนไฟล์ไม่ได้ — ไฟล์อาจเปิดอยู่ใน Excel หรือไม่มีสิทธิ์เขียน ปิดไฟล์แล้วลองใหม่"
MSG_IS_FOLDER = "ที่ที่จะเขียนเป็นโฟลเดอร์ ไม่ใช่ชื่อไฟล์ — ระบุชื่อไฟล์ เช่น ผลตรวจ.xlsx"


def is_disk_full(exc: BaseException) -> bool:
    """An OSError for a full disk or quota, or a library's error (DuckDB's) that says so in its text."""
    if isinstance(exc, OSError) and exc.errno in (*DISK_FULL, errno.EFBIG):
        return True
    text = str(exc).lower()
    return any(t in text for t in _FULL_TEXT)


def output_error(exc: OSError, where: str | Path, *, folder: bool = False) -> ItaError:
    """The Thai line for an OSError met while writing `where` (`folder`: while creating a file in it)."""
    code = exc.errno
    if code in DISK_FULL:
        msg = MSG_FULL
    elif code == errno.EFBIG:
        msg = MSG_TOO_BIG
    elif code == errno.EISDIR:
        msg = MSG_IS_FOLDER
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        msg = MSG_FOLDER_LOCKED if folder or code == errno.EROFS else MSG_FILE_LOCKED
    else:
        msg = f"เขียนไฟล์ไม่ได้ ({exc.strerror or type(exc).__name__})"
    return ItaError(msg, where=str(where), english=f"{type(exc).__name__}: {exc}")


def _sync(path: Path) -> None:
    """Flush the file to the disk, so a full disk shows here (on some file systems only at close)."""
    if not path.exists():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):  # a file system without fsync
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target`, on failure it is removed."""
    target = Path(target)
    if target.is_dir():
        raise ItaError(MSG_IS_FOLDER, where=str(target), english="output path is a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno in (*DISK_FULL, errno.EACCES, errno.EPERM, errno.EROFS):
            raise output_error(exc, target.parent, folder=True) from None
        raise ItaError(f"สร้างโฟลเดอร์ไม่ได้ ({exc.strerror})", where=str(target.parent)) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=target.suffix + ".part", dir=target.parent)
    except OSError as exc:
        raise output_error(exc, target.parent, folder=True) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        yield tmp_path
        _sync(tmp_path)
        os.replace(tmp_path, target)
    except OSError as exc:
        _let_go(exc)
        tmp_path.unlink(missing_ok=True)
        if exc.errno in (*DISK_FULL, errno.EFBIG, errno.EISDIR, errno.EACCES, errno.EPERM, errno.EROFS):
            raise output_error(exc, target) from None
        raise
    except BaseException as exc:
        _let_go(exc)
        tmp_path.unlink(missing_ok=True)
        if not isinstance(exc, ItaError) and isinstance(exc, Exception) and is_disk_full(exc):
            raise ItaError(MSG_FULL, where=str(target), english=str(exc)) from None
        raise


def _let_go(exc: BaseException) -> None:
    """Close now what the failed writer left open (openpyxl's zip file): its close fails again on a full disk,
    and at exit Python would print that as a traceback. The temporary file can then be removed (Windows)."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook


def write_atomic(target: str | Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)` and move the result onto `target`."""
    with atomic_path(target) as tmp:
        write(tmp)
    return Path(target)
