"""Who a submission is from: one key per agency, whatever the spelling in the file.

Officers type the same name in many ways: with or without the type prefix ("องค์การบริหารส่วนตำบลบ้านขาม",
"อบต.บ้านขาม", "อบต. บ้านขาม"), with stray or non-breaking spaces, with Thai marks typed in another order
(nikhahit + sara aa instead of sara am, a tone mark before the upper vowel), with Thai digits. The key is
built from the normalised name without its prefix, the agency type, the province and the district's DOPA code
(core.places), so all of these meet, while two agencies of one name in two districts of a province (there are
several อบต.หนองบัว in some provinces) stay two agencies.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.thai_names import (
    DISTRICT_PREFIXES,
    PROVINCE_PREFIXES,
    TYPE_OF,
    TYPE_PREFIXES,
    WHOLE_NAME_TYPES,
    compact,
    normalize_thai,
    split_type,
    strip_prefix,
)

__all__ = ["DISTRICT_PREFIXES", "PROVINCE_PREFIXES", "TYPE_PREFIXES", "WHOLE_NAME_TYPES", "Identity",
           "agency_identity", "normalize_thai", "split_type", "strip_prefix"]

@dataclass(frozen=True)
class Identity:
    key: str  # type|name|province|district code, normalised: the same agency always gives the same key
    type: str  # the type used in the key (from the type field, else from the name's prefix)
    core_name: str  # the name without its type prefix
    province: str
    type_mismatch: bool = False  # the name's prefix says another type than the type field

    @property
    def display(self) -> str:
        """The name as the overview shows it: full type name + name ("อบต. บ้านขาม" -> "องค์การบริหารส่วนตำบลบ้านขาม")."""
        if not self.type or self.type in WHOLE_NAME_TYPES or self.core_name.startswith(self.type):
            return self.core_name
        return self.type + self.core_name


def agency_identity(name: object, typ: object = "", province: object = "", district_code: str = "") -> Identity:
    """The agency key of (name, type, province, district code) as typed in a submission; the province should be
    the gazetteer's name (core.places.resolve) so that every spelling of it meets."""
    prefix_type, core = split_type(str(name or ""))
    typ_n = normalize_thai(typ).replace(" ", "")
    typ_n = TYPE_OF.get(typ_n, typ_n)  # "อบต." typed in the type field
    used = typ_n or prefix_type
    mismatch = bool(typ_n and prefix_type and typ_n != prefix_type)
    prov = strip_prefix(province, PROVINCE_PREFIXES)
    if used in WHOLE_NAME_TYPES and core in ("", used):
        core = used
    key = "|".join((used, compact(core), compact(prov), district_code or ""))
    return Identity(key, used, core, prov, mismatch)
