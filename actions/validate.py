"""Check a filled book: `ita validate` and the ตรวจสอบข้อมูล button.

Both use the same reader (workbook.reader: a saved file, or the live values of the open book), the same
rules (workbook.validation) and the same rows and colours (workbook.validation.annotate). The CLI prints
the findings or writes an annotated copy; the button writes them into the open book's ตรวจสอบ sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from actions.host import Host

__all__ = ["SHOWN", "on_button", "summary"]

SHOWN = 5                     # findings listed in the alert when the book has no ตรวจสอบ sheet


def summary(findings: Sequence[Any], sheet: str | None) -> str:
    """"พบข้อผิดพลาด 3 รายการ คำเตือน 2 รายการ — ดูชีต ตรวจสอบ"."""
    from workbook.validation.catalogue import SEVERITIES, severity_th

    if not findings:
        return "ไม่พบปัญหา ข้อมูลพร้อมสร้างรายงาน"
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    parts = " ".join(f"{severity_th(s)} {n} รายการ" for s, n in counts.items() if n)
    head = f"พบ{parts}" if counts["error"] else f"ไม่พบข้อผิดพลาด พบ{parts}"
    if sheet:
        return f"{head} — ดูชีต {sheet}"
    lines = [f"- {f.sheet}!{f.cell}: {f.message_th}" if f.sheet else f"- {f.message_th}" for f in findings[:SHOWN]]
    more = [f"(และอีก {len(findings) - SHOWN} รายการ — ใช้คำสั่ง ita validate)"] if len(findings) > SHOWN else []
    return "\n".join([f"{head} (สมุดงานนี้ไม่มีชีตผลการตรวจสอบ)", *lines, *more])


def on_button(host: Host) -> str:
    """Validate the open book's live values; findings into its ตรวจสอบ sheet, their cells coloured."""
    from workbook.validation import validate_result

    result = host.read_book()
    findings = validate_result(result)
    sheet, failed = host.show_findings(result, findings)
    message = summary(findings, sheet)
    if failed:
        message += f"\n(ระบายสีเซลล์ไม่ได้ {failed} เซลล์: ชีตถูกป้องกันด้วยรหัสผ่าน)"
    host.alert(message, critical=any(f.severity == "error" for f in findings))
    return message
