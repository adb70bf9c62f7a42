"""Validation of a filled template: every problem at once, each with its code, severity, Thai fix and cell.

    validate_file(path)      -> FileReport   (an unreadable file is a report with status "unreadable")
    validate_result(result)  -> [Finding]    (a ReadResult: from a file, or from a live book's grids)
    validate_submission(sub) -> [Finding]    (a bare Submission: cells placed where the template puts them)

The rules are pure functions (workbook/validation/rules/); the messages live in catalogue.toml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import UnreadableFileError
from workbook.definition import load_definition
from workbook.model import Submission
from workbook.reader import ReadResult
from workbook.validation.catalogue import SEVERITIES, Finding, entry
from workbook.validation.context import Context, context_for_result, context_for_submission

__all__ = ["FileReport", "Finding", "validate_file", "validate_result", "validate_submission"]


@dataclass
class FileReport:
    file: str
    status: str  # "ok" (no error), "errors", or "unreadable"
    findings: list[Finding] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    @property
    def exit_code(self) -> int:
        return {"ok": 0, "errors": 1, "unreadable": 2}[self.status]

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "status": self.status, "counts": self.counts,
                "findings": [f.as_dict() for f in self.findings]}


def _run(ctx: Context) -> list[Finding]:
    from workbook.validation.rules import RULES

    findings = [f for rule in RULES for f in rule(ctx)]
    return sorted(findings, key=_order_key(ctx))


def _order_key(ctx: Context) -> Callable[[Finding], tuple[int, int, int, int]]:
    from workbook.book_map import parse_cell

    sheets = {ctx.sheet_name(s.key): i for i, s in enumerate(ctx.definition.sheets)}

    def key(f: Finding) -> tuple[int, int, int, int]:
        try:
            row, col = parse_cell(f.cell.split(":")[0])
        except ValueError:
            row, col = 0, 0
        return sheets.get(f.sheet, len(sheets)), row, col, SEVERITIES.index(f.severity)

    return key


def validate_result(result: ReadResult) -> list[Finding]:
    """Every finding of a read workbook, in sheet, row and column order."""
    return _run(context_for_result(result))


def validate_submission(sub: Submission) -> list[Finding]:
    """The findings that need no raw cell text (no decimals-as-typed, no text checks)."""
    return _run(context_for_submission(sub))


def report_for(file: str, findings: list[Finding]) -> FileReport:
    status = "errors" if any(f.severity == "error" for f in findings) else "ok"
    return FileReport(file, status, findings)


def unreadable_report(err: UnreadableFileError, file: str) -> FileReport:
    f = entry("file-unreadable").make(sheet="", cell="", file=file, reason=err.message,
                                      reason_en=err.english or "unreadable or unsafe content")
    return FileReport(file, "unreadable", [f])


def validate_file(path: str | Path) -> FileReport:
    """Read and validate one workbook; a file we cannot read gives a report, never an exception."""
    from workbook.reader import read_workbook

    file = str(path)
    try:
        result = read_workbook(path, definition=load_definition())
    except UnreadableFileError as err:
        return unreadable_report(err, file)
    return report_for(file, validate_result(result))
