"""Thailand's provinces and districts as they really are: names typed by officers checked against a gazetteer.

The gazetteer is the `geothai` package (77 provinces, 928 districts, 7,436 subdistricts with DOPA codes, a
dated data release, no dependencies, works offline once installed). Chosen over pythainlp (provinces only,
a large NLP install), thaiaddress / thaiaddressparser (address parsers with 2020 data) and
django-thailand-geography (a Django app without the data in its wheel); see docs/merge.md.

`resolve(province, district)` gives the official names and codes of what was typed ("จ.ชัยภูมิ",
"จังหวัดชัยภูมิ" and "ชัยภูมิ " are one province; "อ.เมือง" is the capital district), or, for a name that is
no real place, the nearest real name to suggest. Results are cached: the merge asks once per spelling.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from core.thai_names import DISTRICT_PREFIXES, PROVINCE_PREFIXES, normalize_thai, split_type, strip_prefix

_CUTOFF = 0.6  # difflib ratio below which a real name is too far from what was typed to be suggested


@dataclass(frozen=True)
class Place:
    """What a submission's province and district fields name."""

    province: str  # the official Thai name, or the typed text (prefix and spaces removed) if not recognised
    district: str
    province_code: str = ""  # DOPA code, '' when not recognised
    district_code: str = ""
    province_nearest: str = ""  # for an unrecognised province: the nearest real province name ('' if none)
    district_nearest: str = ""  # for an unrecognised district: the nearest district of the province
    district_elsewhere: tuple[str, ...] = ()  # provinces that have a district of the typed name

    @property
    def province_ok(self) -> bool:
        return bool(self.province_code)

    @property
    def district_ok(self) -> bool:
        return bool(self.district_code)


_LEVEL_WORD = re.compile(r"^(?:จังหวัด|อำเภอ|กิ่งอำเภอ|เขต|ตำบล|แขวง|จ\.|อ\.|ต\.)")
_MARKS = re.compile(r"[\s.'\-]")


def _key(text: str) -> str:
    """A name in comparison form: no level word, spaces, dots, apostrophes or hyphens; lower case."""
    return _MARKS.sub("", _LEVEL_WORD.sub("", normalize_thai(text).lower()))


@lru_cache(maxsize=1)
def _provinces() -> dict[str, object]:
    import geothai

    out: dict[str, object] = {}
    for p in geothai.provinces():
        out[_key(p.name_th)] = p
        out[_key(p.name_en)] = p
    for alias, code in (("กทม", "10"), ("กรุงเทพ", "10"), ("อยุธยา", "14")):
        out[alias] = geothai.province(code)
    return out


@lru_cache(maxsize=1)
def _district_names() -> dict[str, tuple[str, ...]]:
    """Normalised district name -> the Thai names of the provinces that have it."""
    import geothai

    out: dict[str, list[str]] = {}
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            out.setdefault(_key(d.name_th), []).append(p.name_th)
    return {k: tuple(v) for k, v in out.items()}


def _clean(text: object, prefixes: tuple[str, ...]) -> str:
    return strip_prefix(normalize_thai(text), prefixes)


def find_province(text: object):
    """The geothai Province named by `text` (any usual spelling), or None."""
    name = _clean(text, PROVINCE_PREFIXES)
    return _provinces().get(_key(name)) if name else None


def find_district(text: object, province_code: str):
    """The geothai District of the province named by `text` ("เมือง" is the capital district), or None."""
    name = _key(_clean(text, DISTRICT_PREFIXES))
    return _districts_by_key(province_code).get(name) if name else None


@lru_cache(maxsize=128)
def _districts_by_key(province_code: str) -> dict[str, object]:
    """Comparison key (Thai or English name; "เมือง" and "mueang" for the capital district, outside Bangkok)
    -> the province's first district in the gazetteer's order with that key."""
    import geothai

    out: dict[str, object] = {}
    for d in geothai.districts(province_code):
        out.setdefault(_key(d.name_th), d)
        out.setdefault(_key(d.name_en), d)
        if d.code.endswith("01") and province_code != "10":
            out.setdefault("เมือง", d)
            out.setdefault("mueang", d)
        # "เมืองขอนแก่น" typed as "เมือง ขอนแก่น" normalises to the same key; nothing else to try
    return out


def nearest(text: str, names: list[str]) -> str:
    """The name in `names` closest to `text` by spelling, or '' when none is close."""
    keys = {_key(n): n for n in names}
    found = difflib.get_close_matches(_key(text), list(keys), n=1, cutoff=_CUTOFF)
    return keys[found[0]] if found else ""


def _subdistrict_district(core_name: str, province_code: str) -> str:
    """The one district of the province that has a subdistrict named `core_name` ('' if none or several)."""
    import geothai

    found = {a.district.name_th for a in geothai.match(core_name) if a.province.code == province_code}
    return found.pop() if len(found) == 1 else ""


@lru_cache(maxsize=4096)
def resolve(province: object, district: object = "", agency_name: object = "") -> Place:
    """The official province and district of what was typed. `agency_name` (an อบต. is usually named after
    its subdistrict) only helps to suggest the district when the typed one is not a real place."""
    place = _place(province, district)
    if agency_name and place.province_ok and place.district and not place.district_ok:
        hint = _subdistrict_district(split_type(str(agency_name))[1], place.province_code)
        if hint:
            return replace(place, district_nearest=hint)
    return place


@lru_cache(maxsize=4096)
def _place(province: object, district: object) -> Place:
    """resolve() without the agency's name: cached per spelling, not per agency."""
    import geothai

    typed_p = _clean(province, PROVINCE_PREFIXES)
    typed_d = _clean(district, DISTRICT_PREFIXES)
    p = find_province(province)
    if p is None:
        names = [x.name_th for x in geothai.provinces()]
        return Place(typed_p, typed_d, province_nearest=nearest(typed_p, names) if typed_p else "")
    d = find_district(district, p.code) if typed_d else None
    if d is not None or not typed_d:
        return Place(p.name_th, d.name_th if d else "", p.code, d.code if d else "")
    elsewhere = tuple(x for x in _district_names().get(_key(typed_d), ()) if x != p.name_th)
    near = nearest(typed_d, [x.name_th for x in geothai.districts(p.code)])
    return Place(p.name_th, typed_d, p.code, "", district_nearest=near, district_elsewhere=elsewhere)


def gazetteer_version() -> str:
    """The geothai data release in use, such as '2026.10.23'."""
    import geothai

    return geothai.DATA_VERSION
