"""The same checks as `ita validate`, through one small adapter.

`ita.validation.validate_result(result) -> list[Finding]` is the real rule set. While a tree does not have it
yet (it is written in parallel), a minimal fallback reports what the reader itself could not convert and the
missing key fields, so a merge never silently accepts an unreadable value.
"""

from __future__ import annotations

from workbook.reader import ReadResult

SEVERITIES = ("error", "warning", "info")
_KIND_TH = {
    "not_number": "ไม่ใช่ตัวเลข",
    "not_int": "ไม่ใช่จำนวนเต็ม",
    "not_date": "ไม่ใช่วันที่",
    "missing_column": "ไม่พบคอลัมน์",
    "missing_table": "ไม่พบตาราง",
}


def finding(code: str, severity: str, message_th: str, sheet: str = "", cell: str = "", row_id: str = "",
            fix_th: str = "") -> dict:
    return {"code": code, "severity": severity, "message_th": message_th, "fix_th": fix_th, "sheet": sheet,
            "cell": cell, "row_id": row_id}


def validator_name() -> str:
    """'ita.validation' when the real rules are installed, else 'fallback'."""
    try:
        import ita.validation  # noqa: F401
    except ImportError:
        return "fallback"
    return "ita.validation"


def validate(result: ReadResult) -> list[dict]:
    """Findings of one read submission as plain dicts (code, severity, message_th, sheet, cell, row_id)."""
    try:
        from ita.validation import validate_result
    except ImportError:
        return _fallback(result)
    out = []
    for f in validate_result(result):
        # the Finding's fields directly: as_dict() deep-copies, slow over thousands of files
        out.append(finding(str(getattr(f, "code", "")), str(getattr(f, "severity", "error")),
                           str(getattr(f, "message_th", "")), str(getattr(f, "sheet", "") or ""),
                           str(getattr(f, "cell", "") or ""), str(getattr(f, "row_id", "") or ""),
                           str(getattr(f, "fix_th", "") or "")))
    return out


def _fallback(result: ReadResult) -> list[dict]:
    out = []
    for issue in result.issues:
        what = _KIND_TH.get(issue.kind, issue.kind)
        value = "" if issue.value is None else f" ({issue.value})"
        out.append(finding(f"READ_{issue.kind.upper()}", "error", f"{issue.key}: {what}{value}", issue.sheet,
                           issue.address))
    a = result.submission.agency
    for key, label in (("name", "ชื่อหน่วยงาน"), ("type", "ประเภทหน่วยงาน"), ("province", "จังหวัด"),
                       ("assessed_year", "ปีที่ได้รับผลการประเมิน ITA"), ("report_date", "วันที่รายงาน")):
        if getattr(a, key) in (None, ""):
            sheet, cell = result.cell_of(f"agency.{key}")
            out.append(finding("REQUIRED", "error", f"ยังไม่ได้กรอก {label}", sheet, cell))
    return out
