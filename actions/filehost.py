"""A host over a workbook file on disk, with nobody at the screen: what `ita addin selftest` presses the
buttons through, and what the add-in falls back to for a book Excel itself cannot open (xlwings' JSON book).

Reads the saved file (workbook.reader), never writes into it (inputs are never modified: findings go to
the alert text), answers every question with its default, and records every message and every file it
was asked to show instead of showing them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from actions.book_conf import CONF_NAME
from actions.check import Check

__all__ = ["FileHost"]


class FileHost:
    """A saved workbook (`path`) and a record of what the buttons said (`alerts`) and showed (`opened`)."""

    def __init__(self, path: Path, *, fallback: Path, buttons: Sequence[tuple[str, str]] = ()) -> None:
        self.path = Path(path)
        self.fallback = Path(fallback)
        self._buttons = tuple(buttons)
        self.alerts: list[tuple[str, bool]] = []
        self.opened: list[str] = []

    @property
    def book_name(self) -> str:
        return self.path.name

    def read_book(self) -> Any:
        from workbook.reader import read_workbook

        return read_workbook(self.path)

    def book_folder(self) -> Path | None:
        return self.path.parent

    def conf_rows(self) -> list[list[object]]:
        import python_calamine

        try:
            book = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except Exception:  # noqa: BLE001 - not a workbook calamine reads: no settings sheet
            return []
        try:
            if CONF_NAME not in book.sheet_names:
                return []
            return [list(r) for r in book.get_sheet_by_name(CONF_NAME).to_python()]
        finally:
            book.close()

    def show_findings(self, result: Any, findings: Sequence[Any]) -> tuple[str | None, int]:
        return None, 0                          # the file is not changed: the alert lists the findings

    def fallback_folder(self) -> Path:
        return self.fallback

    def output_folder(self, configured: str = "") -> Path:
        folder = Path(os.path.expandvars(configured)).expanduser() if configured else self.fallback
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def open(self, path: Path) -> bool:
        self.opened.append(str(path))
        return False

    def open_url(self, target: str) -> bool:
        self.opened.append(target)
        return False

    def is_open(self, file_name: str) -> bool:
        return False

    def alert(self, message: str, *, critical: bool = False) -> None:
        self.alerts.append((message, critical))

    def ask_folder(self, title: str, initial: Path | None = None) -> Path | None:
        return initial

    def ask_year(self, prompt: str, default: int) -> int | None:
        return default

    @contextmanager
    def progress(self) -> Iterator[Callable[[int, int], None] | None]:
        yield None

    def environment_checks(self) -> list[Check]:
        return []

    def environment_facts(self) -> list[tuple[str, str]]:
        import platform

        return [("ระบบ / System", platform.platform()), ("Excel", "- (ไม่ได้ทดสอบใน Excel / not run in Excel)")]

    def buttons(self) -> list[tuple[str, str]]:
        return list(self._buttons)

    @contextmanager
    def open_book(self, path: Path) -> Iterator[FileHost]:
        yield FileHost(path, fallback=self.fallback, buttons=self._buttons)
