"""A rating result as a dict (for JSON) and as a Thai text table (for the terminal)."""

from __future__ import annotations

from dataclasses import asdict

from core.scoring import Need, Result
from core.textable import render


def result_to_dict(r: Result) -> dict:
    """JSON-ready: year, total, tools, rating, pass, verified and one entry per indicator."""
    d = asdict(r)
    d["pass"] = d.pop("passed")
    for ind in d["indicators"]:
        ind["pass"] = ind.pop("passed")
        ind["weight"] = round(ind["weight"], 6)
    d["levers"] = [i.number for i in r.levers()]
    d["total_exact"] = round(r.total_exact, 10)
    return d


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f}"


def _need(n: Need | None) -> str:
    if n is None:
        return "-"
    if n.already:
        return "ถึงแล้ว"
    if not n.reachable:
        return "ไม่ถึงด้วยตัวเดียว"
    return f"{n.score:.2f}"


def render_result(r: Result) -> str:
    """The Thai report of `ita rate`."""
    out = [f"ผลการประเมิน ITA {r.year} (ใช้จัดทำมาตรการปีงบประมาณ {r.year + 1})"]
    if r.indicators:
        nxt = r.next_level or "-"
        headers = ["ตัวชี้วัด", "แบบวัด", "คะแนน", "ผ่าน 85", "ห่างจาก 85", "เพิ่มได้อีก",
                   "ต้องได้เพื่อผ่าน", f"ต้องได้เพื่อ {nxt}"]
        rows = []
        has_prev = any(i.previous is not None for i in r.indicators)
        if has_prev:
            headers += ["ปีก่อน", "เปลี่ยนแปลง"]
        for i in r.indicators:
            row = [f"{i.number}. {i.name_th}", i.tool, _num(i.score), "ผ่าน" if i.passed else "ต่ำกว่า 85",
                   _num(i.gap), _num(i.potential_gain), _need(i.need_pass), _need(i.need_next)]
            if has_prev:
                row += [_num(i.previous), f"{i.change:+.2f}" if i.change is not None else "-"]
            rows.append(row)
        out.append(render(headers, rows, "<^>^>>>>" + ">>" * has_prev))
        out.append("คะแนนรายแบบวัด: " + "  ".join(f"{k} {v:.2f}" for k, v in r.tools.items()))
    out.append(f"คะแนนรวม: {r.total:.2f}   ระดับ: {r.rating}   "
               f"{'ผ่านเกณฑ์' if r.passed else 'ไม่ผ่านเกณฑ์'} ({r.pass_mark:.0f} คะแนนขึ้นไป)")
    if len(r.possible_ratings) > 1:
        out.append("ระดับที่เป็นไปได้: " + " / ".join(r.possible_ratings))
    if not r.passed:
        out.append(f"ยังขาดอีก {r.gap_to_pass:.2f} คะแนนจึงจะผ่านเกณฑ์")
    if r.next_level:
        out.append(f"ระดับถัดไป: {r.next_level} (คะแนนรวมห่างอีก {r.gap_to_next:.2f})")
    if r.previous_total is not None:
        out.append(f"ปีก่อน: {r.previous_total:.2f} ({r.previous_rating}) เปลี่ยนแปลง {r.total_change:+.2f}")
    if r.indicators:
        out.append("ตัวชี้วัดที่ยกคะแนนรวมได้มากที่สุด (น้ำหนัก × (100 − คะแนน)):")
        for i in r.levers()[:5]:
            out.append(f"  {i.rank}. ตัวชี้วัด {i.number} {i.name_th}: เพิ่มคะแนนรวมได้อีก {i.potential_gain:.2f}")
    out.extend(r.notes)
    if not r.verified:
        out.append("⚠ ยังไม่ยืนยัน (verified: false):")
        out.extend(f"  - {reason}" for reason in r.unverified_reasons)
    return "\n".join(out)
