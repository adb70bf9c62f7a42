"""The agency form: required fields, choices, the two years, the framework they select, the report date."""

from __future__ import annotations

from workbook import values as V
from workbook.model import PLAN_ROUND, REPORT_ROUNDS, ROUNDS, round_label
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context, date_params, in_round, round_window, window_params
from workbook.validation.rules.common import label

CE_YEARS = (1957, 2100)  # typed as CE: BE 2500–2643


def check(ctx: Context) -> list[Finding]:
    out = _required_and_choices(ctx)
    out += _years(ctx)
    out += _framework(ctx)
    out += _report_date(ctx)
    out += _document_items(ctx)
    return out


def _required_and_choices(ctx: Context) -> list[Finding]:
    out = []
    for f in ctx.definition.sheet("agency").fields:
        key = f"agency.{f.key}"
        value = getattr(ctx.sub.agency, f.key)
        if ctx.is_bad(key) or key not in ctx.names:
            continue
        if V.is_blank(value):
            if f.required:
                out.append(ctx.find("agency-required", ctx.at(key), label=f.label))
        elif f.list and value not in _allowed(ctx, f.list, f.type):
            out.append(ctx.find("value-not-in-list", ctx.at(key), label=f.label,
                                value=round_label(value) if f.type == "round" else value,
                                choices=", ".join(map(str, ctx.definition.lists[f.list]))))
    return out


def _allowed(ctx: Context, lst: str, typ: str) -> tuple:
    values = ctx.definition.lists[lst]
    return tuple(V.as_round(v) for v in values) if typ == "round" else values


def _years(ctx: Context) -> list[Finding]:
    out = []
    for key in ("fiscal_year", "assessed_year"):
        year = getattr(ctx.sub.agency, key)
        f = ctx.definition.sheet("agency").field(key)
        if year is None:
            continue
        where, name = ctx.at(f"agency.{key}"), label(ctx.definition, f"agency.{key}")
        if CE_YEARS[0] < year < CE_YEARS[1]:
            out.append(ctx.find("year-ce", where, label=name, value=year, be=year + 543))
        elif not f.min <= year <= f.max:  # type: ignore[operator]
            out.append(ctx.find("year-out-of-range", where, label=name, value=year, low=int(f.min or 0),
                                high=int(f.max or 0)))
    a = ctx.sub.agency
    if ctx.fiscal and ctx.year_ok("assessed_year") and a.assessed_year != ctx.fiscal - 1:
        out.append(ctx.find("assessed-year-unusual", ctx.at("agency.assessed_year"), assessed=a.assessed_year,
                            fiscal=ctx.fiscal, expected=ctx.fiscal - 1))
    return out


def _framework(ctx: Context) -> list[Finding]:
    out = []
    for year in ctx.fw_missing:
        if ctx.fw is not None:
            th = f"จึงตรวจคะแนนด้วยเกณฑ์ปี {ctx.fw.year} แทน"
            en = f"the scores are checked against {ctx.fw.year} instead"
        else:
            th, en = "จึงตรวจคะแนนและตัวชี้วัดกับเกณฑ์ไม่ได้", "the scores and indicators cannot be checked"
        out.append(ctx.find("framework-unknown", ctx.at("agency.assessed_year"), year=year, consequence=th,
                            consequence_en=en))
    return out


def _report_date(ctx: Context) -> list[Finding]:
    a = ctx.sub.agency
    if not (ctx.fiscal and a.report_round in REPORT_ROUNDS and a.report_date):
        return []
    first, last = round_window(ctx.fiscal, a.report_round)
    if in_round(a.report_date, first, last):
        return []
    return [ctx.find("report-date-outside-round", ctx.at("agency.report_date"), round=_stage(a.report_round),
                     round_en=_stage_en(a.report_round),
                     fiscal=ctx.fiscal, **date_params("date", a.report_date), **window_params(first, last))]


def _stage(rnd: int) -> str:
    return "ระยะจัดทำแผน" if rnd == PLAN_ROUND else f"รอบ {rnd} เดือน"


def _stage_en(rnd: int) -> str:
    return "plan stage" if rnd == PLAN_ROUND else f"{rnd}-month round"


DOCUMENTS = {"measures": ("เอกสารมาตรการ", "the measures"), "progress": ("รายงานผลการดำเนินการ", "the progress reports")}


def _document_items(ctx: Context) -> list[Finding]:
    """The OIT items the book's documents answer: a typed code against the fiscal year's confirmed one, or a
    note that the reports will print the code as unconfirmed."""
    from core.frameworks.documents import document_item

    if ctx.fiscal is None:
        return []
    out = []
    for role in ("measures", "progress"):
        key = f"agency.{role}_item"
        typed = getattr(ctx.sub.agency, f"{role}_item")
        item = document_item(ctx.fiscal, role, typed, ctx.fw)
        name = label(ctx.definition, key)
        if typed.strip() and not item.typed:
            out.append(ctx.find("document-item-not-code", ctx.at(key), label=name, value=typed))
        elif item.confirmed and item.typed and item.typed != item.code:
            out.append(ctx.find("document-item-differs", ctx.at(key), label=name, typed=item.typed, item=item.code,
                                fiscal=ctx.fiscal))
        elif not item.confirmed and (role == "measures" or ctx.sub.agency.report_round in ROUNDS):
            document, document_en = DOCUMENTS[role]
            out.append(ctx.find("document-item-unconfirmed", ctx.at(key), label=name, item=item.code or "-",
                                document=document, document_en=document_en,
                                fiscal=ctx.fiscal))
    return out
