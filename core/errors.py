"""One root exception: everything the user can fix is an ItaError carrying a Thai message."""

from __future__ import annotations


class ItaError(Exception):
    """A problem the user can act on. `str(err)` is one Thai line; `where` names the file, sheet or cell."""

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None, english: str | None = None) -> None:
        self.message = message
        self.where = where
        self.english = english
        super().__init__(self.line())

    def line(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(ItaError, ValueError):
    """A value typed by the user (on the command line or in a cell) that cannot be used."""


class FrameworkError(ItaError, ValueError):
    """A framework data file that is missing or broken."""


class UnreadableFileError(ItaError, OSError):
    """A file that cannot be opened or is not what we expect."""
