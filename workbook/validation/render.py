"""File reports as Thai terminal text (grouped by file, with counts) and as JSON for analysts."""

from __future__ import annotations

import json
from collections.abc import Sequence

from workbook.validation import FileReport
from workbook.validation.catalogue import SEVERITIES, Finding, severity_th


def where(f: Finding) -> str:
    """'คะแนน!E12', or the file alone when the finding is about the whole file."""
    return f"{f.sheet}!{f.cell}" if f.sheet else f.file


def counts_th(counts: dict[str, int]) -> str:
    return ", ".join(f"{severity_th(s)} {counts[s]}" for s in SEVERITIES)


def unreadable_line(report: FileReport) -> str:
    """The one line an unreadable file gets: 'file: what is wrong — what to do'."""
    return f"{report.file}: {report.findings[0].message_th}"


def render_report(report: FileReport) -> str:
    if report.status == "unreadable":
        return unreadable_line(report)
    if not report.findings:
        return f"ไฟล์ {report.file}: ไม่พบปัญหา"
    lines = [f"ไฟล์ {report.file}: {counts_th(report.counts)}"]
    for f in report.findings:
        lines.append(f"  [{f.severity_th}] {where(f)}  {f.code}")
        lines.append(f"      {f.message_th}")
        lines.append(f"      วิธีแก้: {f.fix_th}")
    return "\n".join(lines)


def summary(reports: Sequence[FileReport]) -> dict[str, int]:
    out = {"files": len(reports)}
    out.update({status: sum(1 for r in reports if r.status == status) for status in ("ok", "errors", "unreadable")})
    return out


def render_text(reports: Sequence[FileReport]) -> str:
    """Every readable file's block (unreadable files get their one line on stderr); a total for several files."""
    blocks = [render_report(r) for r in reports if r.status != "unreadable"]
    if len(reports) > 1:
        s = summary(reports)
        blocks.append(f"รวม {s['files']} ไฟล์: ไม่มีข้อผิดพลาด {s['ok']}, มีข้อผิดพลาด {s['errors']}, "
                      f"อ่านไม่ได้ {s['unreadable']}")
    return "\n\n".join(blocks)


def render_json(reports: Sequence[FileReport]) -> str:
    return json.dumps({"files": [r.as_dict() for r in reports], "summary": summary(reports)}, ensure_ascii=False,
                      indent=2)
