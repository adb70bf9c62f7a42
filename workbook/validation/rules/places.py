"""The province and district are real places (core.places: the geothai gazetteer), with the nearest real name."""

from __future__ import annotations

from core.places import resolve
from workbook import values as V
from workbook.validation.catalogue import Finding
from workbook.validation.context import Context


def check(ctx: Context) -> list[Finding]:
    a = ctx.sub.agency
    if V.is_blank(a.province) or ctx.is_bad("agency.province") or "agency.province" not in ctx.names:
        return []
    place = resolve(a.province, "" if V.is_blank(a.district) else a.district, a.name or "")
    if not place.province_ok:
        near = place.province_nearest
        return [ctx.find("place-province-unknown", ctx.at("agency.province"), value=a.province,
                         nearest=f" — ใกล้เคียงที่สุดคือ '{near}'" if near else "",
                         nearest_en=f"; the nearest is '{near}'" if near else "",
                         suggestion=f"'{near}'" if near else "ชื่อจังหวัดที่ถูกต้อง")]
    if V.is_blank(a.district) or place.district_ok or "agency.district" not in ctx.names:
        return []
    near, other = place.district_nearest, place.district_elsewhere
    elsewhere = f" (มีอำเภอชื่อนี้ในจังหวัด{', '.join(other)})" if other else ""
    return [ctx.find("place-district-unknown", ctx.at("agency.district"), value=a.district,
                     province=place.province, elsewhere=elsewhere,
                     elsewhere_en=f" (a district of that name is in {', '.join(other)})" if other else "",
                     nearest=f" — ใกล้เคียงที่สุดคือ '{near}'" if near else "",
                     nearest_en=f"; the nearest is '{near}'" if near else "",
                     suggestion=f"'{near}'" if near else f"ชื่ออำเภอของจังหวัด{place.province}")]
