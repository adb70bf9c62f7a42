"""What several buttons share: where files go, the few dialogs, opening a result.

Dialogs and opening files need a real Excel on Windows (the COM book): with any other book (the JSON book
of the tests) `ask_folder` refuses, `ask_year` takes the default and `open_path` opens nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from core.errors import InputError, ItaError
from xladdin.live import book_folder, is_com

__all__ = ["ask_folder", "ask_year", "fallback_folder", "open_path", "output_folder", "unique_path"]

MSO_FOLDER_PICKER = 4          # Office.MsoFileDialogType.msoFileDialogFolderPicker
OUTPUT_ENV = "ITA_OUTPUT_DIR"  # where files go for a book that has no folder (new, web, JSON book)


def _windows_excel(book: Any) -> bool:
    return sys.platform == "win32" and is_com(book)


def fallback_folder() -> Path:
    """$ITA_OUTPUT_DIR, else Documents\\ITA Toolkit in the user's profile."""
    forced = os.environ.get(OUTPUT_ENV)
    if forced:
        return Path(forced)
    docs = Path.home() / "Documents"
    return (docs if docs.is_dir() else Path.home()) / "ITA Toolkit"


def output_folder(book: Any, output_dir: str = "") -> Path:
    """Where results for `book` go: the settings' folder if set, else the book's own folder (if it has
    one here and it is writable), else :func:`fallback_folder`. The folder is created."""
    if output_dir:
        folder = Path(os.path.expandvars(output_dir)).expanduser()
    else:
        own = book_folder(book) if book is not None else None
        folder = own if own is not None and os.access(own, os.W_OK) else fallback_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ItaError(f"สร้างโฟลเดอร์ผลลัพธ์ไม่ได้ ({exc.strerror or exc}) — แก้ output_dir ในไฟล์ตั้งค่า "
                       "หรือบันทึกแบบฟอร์มไว้ในโฟลเดอร์ที่เขียนได้", where=str(folder), english=str(exc)) from None
    return folder


def unique_path(path: Path) -> Path:
    """`path`, or 'name (2).ext', 'name (3).ext', … if it exists: never overwrite an officer's file."""
    if not path.exists():
        return path
    for i in range(2, 1000):
        candidate = path.with_name(f"{path.stem} ({i}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise ItaError("มีไฟล์ชื่อซ้ำมากเกินไป — ย้ายไฟล์เก่าออกจากโฟลเดอร์แล้วลองใหม่", where=str(path.parent))


def ask_folder(book: Any, title: str, initial: Path | None = None) -> Path | None:
    """Excel's own folder picker; None when the officer cancels."""
    if not _windows_excel(book):
        raise ItaError("การเลือกโฟลเดอร์ใช้ได้เฉพาะใน Excel บน Windows — ใช้คำสั่ง ita merge โฟลเดอร์ แทน",
                       english="folder picker needs Excel on Windows")
    dialog = book.app.api.FileDialog(MSO_FOLDER_PICKER)
    dialog.Title = title
    dialog.AllowMultiSelect = False
    if initial is not None:
        dialog.InitialFileName = str(initial).rstrip("\\") + "\\"
    if dialog.Show() != -1:
        return None
    return Path(dialog.SelectedItems(1))


def ask_year(book: Any, prompt: str, default: int) -> int | None:
    """A Buddhist-era year typed into Excel's InputBox; the default without Excel; None when cancelled."""
    from core.years import parse_year

    if not _windows_excel(book):
        return default
    answer = book.app.api.InputBox(Prompt=prompt, Title="ITA Toolkit", Default=str(default), Type=1)
    if answer is False or answer is None or answer == "":
        return None
    text = str(int(answer)) if isinstance(answer, float) and answer.is_integer() else str(answer)
    try:
        return parse_year(text)
    except InputError as err:
        raise InputError(err.message.replace("--year: ", "")) from None


def open_path(book: Any, path: Path) -> bool:
    """Show a result to the officer: workbooks in this Excel, other files and folders with Windows."""
    if not is_com(book):
        return False
    if path.suffix.lower() in (".xlsx", ".xlsm") and sys.platform == "win32":
        book.app.books.open(str(path))
    elif sys.platform == "win32":
        os.startfile(str(path))  # type: ignore[attr-defined]
    elif sys.platform == "darwin":
        import subprocess

        subprocess.run(["open", str(path)], check=False)
    else:
        return False
    return True
