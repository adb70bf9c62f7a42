"""Write the details of an unexpected failure to a log file the user can send, and say where it is."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

from core import __version__


def log_dir() -> Path:
    """$ITA_LOG_DIR, else %LOCALAPPDATA%\\ITA Toolkit\\logs (Windows), else ~/.ita/logs."""
    local = os.environ.get("LOCALAPPDATA")
    base = os.environ.get("ITA_LOG_DIR") or (os.path.join(local, "ITA Toolkit", "logs") if local
                                             else os.path.join(Path.home(), ".ita", "logs"))
    path = Path(base)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        path = Path(tempfile.gettempdir())
    return path


def write_crash_log(exc: BaseException, *, context: str = "") -> Path | None:
    """Append the traceback to today's log file and return its path; None when even that cannot be written
    (a full disk, a read-only profile)."""
    path = log_dir() / f"ita-{dt.date.today():%Y%m%d}.log"
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} ITA Toolkit {__version__} {context}\n")
            fh.write(text + "\n")
    except OSError:
        return None
    return path
