"""The same checks as `ita validate` (workbook.validation), as plain rows for the merge's database."""

from __future__ import annotations

from workbook.reader import ReadResult
from workbook.validation import validate_result

SEVERITIES = ("error", "warning", "info")


def finding(code: str, severity: str, message_th: str, sheet: str = "", cell: str = "", row_id: str = "",
            fix_th: str = "") -> dict:
    return {"code": code, "severity": severity, "message_th": message_th, "fix_th": fix_th, "sheet": sheet,
            "cell": cell, "row_id": row_id}


def validate(result: ReadResult) -> list[dict]:
    """Findings of one read submission as plain dicts (code, severity, message_th, sheet, cell, row_id)."""
    # the Finding's fields directly: as_dict() deep-copies, slow over thousands of files
    return [finding(f.code, f.severity, f.message_th, f.sheet or "", f.cell or "", f.row_id or "", f.fix_th or "")
            for f in validate_result(result)]
