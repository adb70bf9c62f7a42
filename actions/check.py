"""One row of the installation check (`ita doctor`, the ตรวจสอบการติดตั้ง button): what, found, status, fix.

Statuses: "ok"; "warn" (works, but something is missing or risky); "fail" (a part cannot work until it is
fixed); "info" (only for the record).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["STATUS_TH", "Check"]

STATUS_TH = {"ok": "ผ่าน", "warn": "ควรแก้", "fail": "ต้องแก้", "info": "ข้อมูล"}


@dataclass(frozen=True)
class Check:
    topic: str          # what was checked, in Thai
    value: str          # what was found
    status: str         # ok | warn | fail | info
    fix: str = ""       # what to do, in Thai (for warn and fail)
