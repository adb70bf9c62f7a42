"""The Excel add-in as the host of an action (actions.host.Host): the open book and what Excel can do.

Works on any xlwings Book: the COM book a ribbon click gives, and the JSON book of the tests. Dialogs and
opening files need a real Excel on Windows: with any other book `ask_folder` refuses, `ask_year` takes the
default and `open` opens nothing.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from actions.check import Check
from core.errors import InputError, ItaError
from xladdin import live

__all__ = ["OUTPUT_ENV", "TITLE", "ExcelHost", "fallback_folder"]

TITLE = "ITA Toolkit"
MSO_FOLDER_PICKER = 4          # Office.MsoFileDialogType.msoFileDialogFolderPicker
OUTPUT_ENV = "ITA_OUTPUT_DIR"  # where files go for a book that has no folder (new, web, JSON book)


def fallback_folder() -> Path:
    """$ITA_OUTPUT_DIR, else ITA Toolkit in the user's real Documents folder (the Known Folder API's answer,
    which follows a move into OneDrive; xladdin.windows.documents_folder)."""
    from xladdin.windows import documents_folder

    forced = os.environ.get(OUTPUT_ENV)
    if forced:
        return Path(forced)
    return documents_folder() / "ITA Toolkit"


class ExcelHost:
    """The calling workbook and its Excel."""

    def __init__(self, book: Any) -> None:
        self.book = book

    # -- the book ------------------------------------------------------------------------------------
    @property
    def book_name(self) -> str:
        return str(self.book.name)

    def read_book(self) -> Any:
        return live.read_book(self.book)

    def book_folder(self) -> Path | None:
        return live.book_folder(self.book)

    def conf_rows(self) -> list[list[object]]:
        from actions.book_conf import CONF_NAME

        sheet = next((s for s in self.book.sheets if s.name == CONF_NAME), None)
        return live.sheet_grid(sheet) if sheet is not None else []

    def show_findings(self, result: Any, findings: Sequence[Any]) -> tuple[str | None, int]:
        from xladdin.findings import show_findings

        return show_findings(self.book, result, findings)

    # -- files ---------------------------------------------------------------------------------------
    def fallback_folder(self) -> Path:
        return fallback_folder()

    def output_folder(self, configured: str = "") -> Path:
        """The settings' folder if set, else the book's own folder (if it has one here and it is
        writable), else :func:`fallback_folder`. The folder is created."""
        if configured:
            folder = Path(os.path.expandvars(configured)).expanduser()
        else:
            own = self.book_folder()
            folder = own if own is not None and os.access(own, os.W_OK) else fallback_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ItaError(f"สร้างโฟลเดอร์ผลลัพธ์ไม่ได้ ({exc.strerror or exc}) — แก้ output_dir ในไฟล์ตั้งค่า "
                           "หรือบันทึกแบบฟอร์มไว้ในโฟลเดอร์ที่เขียนได้", where=str(folder), english=str(exc)) from None
        return folder

    def open(self, path: Path) -> bool:
        """Workbooks in this Excel, other files and folders with Windows."""
        if not live.is_com(self.book):
            return False
        if path.suffix.lower() in (".xlsx", ".xlsm") and sys.platform == "win32":
            self.book.app.books.open(str(path))
        elif sys.platform == "win32":
            os.startfile(str(path))  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            import subprocess

            subprocess.run(["open", str(path)], check=False)
        else:
            return False
        return True

    def open_url(self, target: str) -> bool:
        if not live.is_com(self.book):
            return False
        import webbrowser

        return webbrowser.open(target if "://" in target else Path(target).resolve().as_uri())

    def is_open(self, file_name: str) -> bool:
        return live.is_com(self.book) and any(b.name.casefold() == file_name.casefold() for b in self.book.app.books)

    # -- the officer ---------------------------------------------------------------------------------
    def _windows_excel(self) -> bool:
        return sys.platform == "win32" and live.is_com(self.book)

    def alert(self, message: str, *, critical: bool = False) -> None:
        """One message box in Excel (Thai is fine: xlwings shows it through the Unicode API)."""
        self.book.app.alert(message, title=TITLE, buttons="ok", mode="critical" if critical else "info")

    def ask_folder(self, title: str, initial: Path | None = None) -> Path | None:
        """Excel's own folder picker; None when the officer cancels."""
        if not self._windows_excel():
            raise ItaError("การเลือกโฟลเดอร์ใช้ได้เฉพาะใน Excel บน Windows — ใช้คำสั่ง ita merge โฟลเดอร์ แทน",
                           english="folder picker needs Excel on Windows")
        dialog = self.book.app.api.FileDialog(MSO_FOLDER_PICKER)
        dialog.Title = title
        dialog.AllowMultiSelect = False
        if initial is not None:
            dialog.InitialFileName = str(initial).rstrip("\\") + "\\"
        if dialog.Show() != -1:
            return None
        return Path(dialog.SelectedItems(1))

    def ask_year(self, prompt: str, default: int) -> int | None:
        """A Buddhist-era year typed into Excel's InputBox; the default without Excel; None when cancelled."""
        from core.years import parse_year

        if not self._windows_excel():
            return default
        answer = self.book.app.api.InputBox(Prompt=prompt, Title=TITLE, Default=str(default), Type=1)
        if answer is False or answer is None or answer == "":
            return None
        text = str(int(answer)) if isinstance(answer, float) and answer.is_integer() else str(answer)
        try:
            return parse_year(text)
        except InputError as err:
            raise InputError(err.message.replace("--year: ", "")) from None

    @contextmanager
    def progress(self) -> Iterator[Callable[[int, int], None] | None]:
        """Excel's status bar shows 'files read / to read' (at most every half second) within the block,
        and is given back to Excel afterwards."""
        if not live.is_com(self.book):
            yield None
            return
        last = [0.0]
        app = self.book.app

        def show(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.5 or done == total:
                last[0] = now
                try:
                    app.status_bar = f"ITA Toolkit: กำลังอ่านไฟล์ {done:,}/{total:,}"
                except Exception:  # noqa: BLE001, S110 - the status bar is a nicety
                    pass

        try:
            yield show
        finally:
            try:
                app.status_bar = False
            except Exception:  # noqa: BLE001, S110
                pass

    # -- diagnosis -----------------------------------------------------------------------------------
    def environment_checks(self) -> list[Check]:
        """Excel's version and the ITA.xlam this Excel loaded (its stamp and Python)."""
        from xladdin.diagnose import check_addin

        rows: list[Check] = []
        loaded: Path | None = None
        if live.is_com(self.book):
            try:
                rows.append(Check("Excel", str(self.book.app.version), "info"))
            except Exception:  # noqa: BLE001, S110
                pass
            try:
                from xladdin.install import ADDIN_FILE

                loaded = Path(self.book.app.api.Workbooks(ADDIN_FILE).FullName)
            except Exception:  # noqa: BLE001 - not loaded under that name
                loaded = None
        return rows + check_addin(loaded)

    def environment_facts(self) -> list[tuple[str, str]]:
        """Excel, Office and Windows as this Excel reports them, plus the locale and code pages."""
        from xladdin.launcher import ENV
        from xladdin.windows import locale_facts

        facts: list[tuple[str, str]] = []
        if live.is_com(self.book):
            api = self.book.app.api
            for label, get in (("Excel", lambda: f"{api.Version} build {api.Build}"),
                               ("Excel bitness", lambda: os.environ.get(ENV["bits"], "?") + "-bit"),
                               ("Windows (Excel)", lambda: str(api.OperatingSystem)),
                               ("Add-in", lambda: str(api.Workbooks("ITA.xlam").FullName)),
                               ("Excel language", lambda: str(api.LanguageSettings.LanguageID(2)))):
                try:
                    facts.append((label, get()))
                except Exception as exc:  # noqa: BLE001 - a fact Excel cannot give is noted, not fatal
                    facts.append((label, f"? ({type(exc).__name__})"))
        else:
            facts.append(("Excel", "- (xlwings JSON book)"))
        return facts + list(locale_facts().items())

    def buttons(self) -> list[tuple[str, str]]:
        from xladdin.ribbon import load_ribbon

        return [(b.tag, b.label) for b in load_ribbon().buttons]

    @contextmanager
    def open_book(self, path: Path) -> Iterator[Any]:
        """The workbook opened in this Excel (closed afterwards without saving); a book Excel cannot open
        (the tests' JSON book has no Excel) is read from its file instead."""
        if not live.is_com(self.book):
            from actions.filehost import FileHost

            yield FileHost(path, fallback=fallback_folder(), buttons=self.buttons())
            return
        book = self.book.app.books.open(str(path))
        try:
            yield ExcelHost(book)
        finally:
            try:
                book.close()
            except Exception:  # noqa: BLE001, S110 - already closed by the officer
                pass
