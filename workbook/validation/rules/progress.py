"""The progress sheet: a row per measure for the report round, known measures, statuses, results, links, dates."""

from __future__ import annotations

import re

from core.cell_text import summarise
from workbook.model import ProgressRow
from workbook.validation.catalogue import Finding
from workbook.validation.context import (
    Context,
    date_params,
    in_round,
    measure_label,
    plausible,
    round_window,
    window_params,
)
from workbook.validation.rules.common import required

DONE = "ดำเนินการแล้ว"
_LINK = re.compile(r"(?:https?://|www\.)[^\s/.]+\.[^\s]+", re.IGNORECASE)


def check(ctx: Context) -> list[Finding]:
    if not ctx.has_table("progress"):
        return []
    out = _missing(ctx)
    ids = [m.id for m in ctx.sub.measures if m.id]
    known = (set(ids), summarise(ids, "มาตรการ") or "-")  # once, not once per progress row
    for p in ctx.sub.progress:
        out += required(ctx, "progress", p, row_label(p), p.row, p.measure_id)
        out += _row(ctx, p, known) + _date(ctx, p)
    return out + _duplicates(ctx)


def row_label(p: ProgressRow) -> tuple[str, str]:
    if p.measure_id:
        return f"รายงานความก้าวหน้า {p.measure_id} (แถว {p.row})", f"The progress of {p.measure_id} (row {p.row})"
    return f"รายงานความก้าวหน้าแถว {p.row}", f"The progress row {p.row}"


def _missing(ctx: Context) -> list[Finding]:
    rnd = ctx.sub.agency.report_round
    if rnd not in ctx.definition.lists["Rounds"]:
        return []
    done = {p.measure_id for p in ctx.sub.progress if p.round == rnd}
    out = []
    for m in ctx.sub.measures:
        if m.id and m.id not in done:
            th, en = measure_label(m)
            out.append(ctx.find("progress-missing", ctx.at("measures.id", m.row), row_id=m.id, measure=th,
                                measure_en=en, round=rnd, id=m.id))
    return out


def _row(ctx: Context, p: ProgressRow, known: tuple[set[str], str]) -> list[Finding]:
    th, en = row_label(p)
    out = []
    if p.measure_id and p.measure_id not in known[0]:
        out.append(ctx.find("progress-unknown-measure", ctx.at("progress.measure_id", p.row), row_id=p.measure_id,
                            row=p.row, id=p.measure_id, known=known[1]))
    rounds = ctx.definition.lists["Rounds"]
    if p.round is not None and p.round not in rounds:
        out.append(ctx.find("value-not-in-list", ctx.at("progress.round", p.row), row_id=p.measure_id,
                            label=ctx.definition.sheet("progress").column("round").header, value=p.round,
                            choices=", ".join(map(str, rounds))))
    statuses = ctx.definition.lists["Statuses"]
    if p.status and p.status not in statuses:
        out.append(ctx.find("progress-status-unknown", ctx.at("progress.status", p.row), row_id=p.measure_id,
                            row_label=th, row_label_en=en, value=p.status, choices=", ".join(statuses)))
    if p.status == DONE and not p.results.strip():
        out.append(ctx.find("progress-done-no-results", ctx.at("progress.results", p.row), row_id=p.measure_id,
                            row_label=th, row_label_en=en))
    if p.evidence.strip() and not _LINK.search(p.evidence):
        out.append(ctx.find("progress-evidence-not-link", ctx.at("progress.evidence", p.row), row_id=p.measure_id,
                            row_label=th, row_label_en=en, value=p.evidence))
    return out


def _date(ctx: Context, p: ProgressRow) -> list[Finding]:
    if not (p.as_of and plausible(p.as_of) and ctx.fiscal and p.round in (6, 12)):
        return []
    first, last = round_window(ctx.fiscal, p.round)
    if in_round(p.as_of, first, last):
        return []
    th, en = row_label(p)
    return [ctx.find("progress-date-outside-round", ctx.at("progress.as_of", p.row), row_id=p.measure_id,
                     row_label=th, row_label_en=en, round=p.round, fiscal=ctx.fiscal,
                     **date_params("date", p.as_of), **window_params(first, last))]


def _duplicates(ctx: Context) -> list[Finding]:
    groups: dict[tuple[str, int], list[ProgressRow]] = {}
    for p in ctx.sub.progress:
        if p.measure_id and p.round is not None:
            groups.setdefault((p.measure_id, p.round), []).append(p)
    return [ctx.find("progress-duplicate", ctx.at("progress.measure_id", rows[1].row), row_id=mid, id=mid,
                     round=rnd, rows=summarise([p.row for p in rows], "แถว"))
            for (mid, rnd), rows in groups.items() if len(rows) > 1]
