"""What an action may ask of the front end that runs it (today the Excel add-in: xladdin/host.py).

A ribbon button runs ``actions.<tag>.on_button(host)``. The action decides what to do; the host does what
only it can: read the live book, ask the officer (a folder, a year), show a message, open a file, write
findings into the open book. Actions never import xlwings or the add-in, so they are tested through any
host, and the layers stay one-way (actions below xladdin).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from actions.check import Check
    from workbook.reader import ReadResult
    from workbook.validation.catalogue import Finding

__all__ = ["Host"]


class Host(Protocol):
    """The front end that pressed a button, and the book it was pressed on."""

    @property
    def book_name(self) -> str:
        """The active book's file name ("แบบฟอร์ม ITA (1).xlsx")."""

    def read_book(self) -> ReadResult:
        """The active book's current values (unsaved edits included), read as the file reader reads."""

    def book_folder(self) -> Path | None:
        """The folder of the active book's file, or None (new book, web location)."""

    def output_folder(self, configured: str = "") -> Path:
        """Where results go: `configured` if set, else the book's folder if writable, else a fallback."""

    def fallback_folder(self) -> Path:
        """The folder for results when nothing better exists (Documents\\ITA Toolkit)."""

    def ask_folder(self, title: str, initial: Path | None = None) -> Path | None:
        """A folder the officer picks; None when cancelled."""

    def ask_year(self, prompt: str, default: int) -> int | None:
        """A Buddhist-era year the officer types; None when cancelled."""

    def alert(self, message: str, *, critical: bool = False) -> None:
        """One message box."""

    def open(self, path: Path) -> bool:
        """Show a result (a workbook in this Excel, anything else with Windows); False if it cannot."""

    def open_url(self, target: str) -> bool:
        """Show a page (a file path or a web address) in the browser; False if it cannot."""

    def is_open(self, file_name: str) -> bool:
        """Whether a workbook of that name is open in this Excel (it could not be overwritten)."""

    def progress(self) -> AbstractContextManager[Callable[[int, int], None] | None]:
        """Within the block, a callback showing 'done / total' of a long action (or None)."""

    def show_findings(self, result: ReadResult, findings: Sequence[Finding]) -> tuple[str | None, int]:
        """Write the findings into the book's ตรวจสอบ sheet and colour their cells. Returns the sheet's name
        (None when the book has no such sheet) and the number of cells that could not be coloured."""

    def conf_rows(self) -> list[list[object]]:
        """Key/value rows of the active book's ita.conf sheet ([] when it has none)."""

    def environment_checks(self) -> list[Check]:
        """What only this front end can tell the installation check (Excel version, the add-in loaded)."""

    def environment_facts(self) -> list[tuple[str, str]]:
        """(what, value) for the self-test's report: Excel and Office version and bitness, locales, paths."""

    def buttons(self) -> list[tuple[str, str]]:
        """(tag, label) of every button of this front end, in ribbon order (the self-test presses them)."""

    def open_book(self, path: Path) -> AbstractContextManager[Host]:
        """Within the block, a host for the workbook file `path` opened in this front end (closed after,
        unsaved)."""
