"""Thai names as officers type them, in one form: Unicode, Thai marks, digits, spaces and the usual prefixes.

Officers type the same name in many ways: with or without the type prefix ("องค์การบริหารส่วนตำบลบ้านขาม",
"อบต.บ้านขาม", "อบต. บ้านขาม"), with stray or non-breaking spaces, with Thai marks typed in another order
(nikhahit + sara aa instead of sara am, a tone mark before the upper vowel), with Thai digits. Used by the
merge's agency identity, the roster, the place check (core.places) and the pre-filled books.
"""

from __future__ import annotations

import re
import unicodedata

from core.thai import to_arabic_digits

# Full type names and their common abbreviations, longest first so "เทศบาลตำบล" wins over "เทศบาล".
TYPE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัด"),
    ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบล"),
    ("เทศบาลตำบล", "เทศบาลตำบล"),
    ("เทศบาลเมือง", "เทศบาลเมือง"),
    ("เทศบาลนคร", "เทศบาลนคร"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบจ", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อบต", "องค์การบริหารส่วนตำบล"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
)
WHOLE_NAME_TYPES = ("กรุงเทพมหานคร", "เมืองพัทยา")  # the name is the type
TYPE_OF = {p: t for p, t in TYPE_PREFIXES} | {w: w for w in WHOLE_NAME_TYPES}
PROVINCE_PREFIXES = ("จังหวัด", "จ.")
DISTRICT_PREFIXES = ("อำเภอ", "อ.", "เขต")
SUBDISTRICT_PREFIX = "ต."

_SPACE = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+")
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็ (upper vowels and maitaikhu)
_BELOW = "\u0e38\u0e39\u0e3a"  # ุ ู ฺ
_NIKHAHIT, _SARA_AA, _SARA_AM, _SARA_E = "\u0e4d", "\u0e32", "\u0e33", "\u0e40"
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONES}\u0e4c])([{_ABOVE}{_BELOW}])")  # tone/thanthakhat typed first
_NIKHAHIT_AA = re.compile(f"{_NIKHAHIT}([{_TONES}]?){_SARA_AA}")  # ํ(่)า -> (่)ำ
_TONE_NIKHAHIT_AA = re.compile(f"([{_TONES}]){_NIKHAHIT}{_SARA_AA}")
_AM_TONE = re.compile(f"{_SARA_AM}([{_TONES}])")  # ำ typed before its tone mark
_DOUBLED_MARK = re.compile(f"([{_TONES}{_ABOVE}{_BELOW}\u0e4c])\\1+")


# Everything normalize_thai would change besides NFC: a space that is not one plain space between words,
# nikhahit, sara am before a tone, a tone before a vowel, a doubled mark, เเ, a Thai digit. Most names have
# none of these and are returned as they are (the merge and the roster normalise every name several times).
_NEEDS_WORK = re.compile(f"[^\\S ]|[\u200b\u200c\u200d\u2060\ufeff]|  |^ | $|{_NIKHAHIT}|{_SARA_AM}[{_TONES}]|"
                         f"[{_TONES}\u0e4c][{_ABOVE}{_BELOW}]|([{_TONES}{_ABOVE}{_BELOW}\u0e4c])\\1|"
                         f"{_SARA_E}{_SARA_E}|[\u0e50-\u0e59]")


def normalize_thai(text: object) -> str:
    """NFC, Thai marks in their canonical order, one space between words, Arabic digits, outer spaces gone."""
    if type(text) is str and unicodedata.is_normalized("NFC", text) and not _NEEDS_WORK.search(text):
        return text
    s = unicodedata.normalize("NFC", "" if text is None else str(text))
    s = _SPACE.sub(" ", s).strip()
    s = _NIKHAHIT_AA.sub(lambda m: m.group(1) + _SARA_AM, s)
    s = _TONE_NIKHAHIT_AA.sub(lambda m: m.group(1) + _SARA_AM, s)
    s = s.replace(_NIKHAHIT + _SARA_AA, _SARA_AM)
    s = _AM_TONE.sub(lambda m: m.group(1) + _SARA_AM, s)
    s = _TONE_BEFORE_VOWEL.sub(r"\2\1", s)
    s = _DOUBLED_MARK.sub(r"\1", s)
    s = s.replace(_SARA_E + _SARA_E, "\u0e41")  # เ + เ typed for แ
    return to_arabic_digits(s)


def compact(text: str) -> str:
    return text.replace(" ", "").casefold()


def split_type(name: str) -> tuple[str, str]:
    """('องค์การบริหารส่วนตำบล', 'บ้านขาม') from any spelling of the name; ('', name) without a prefix."""
    n = normalize_thai(name)
    compact = n.replace(" ", "")
    for whole in WHOLE_NAME_TYPES:
        if compact == whole:
            return whole, whole
    for prefix, typ in TYPE_PREFIXES:
        if compact.startswith(prefix):
            core = compact[len(prefix):]
            if core.startswith(SUBDISTRICT_PREFIX) and len(core) > len(SUBDISTRICT_PREFIX):
                core = core[len(SUBDISTRICT_PREFIX):]  # "อบต.ต.บ้านขาม": the subdistrict's own ต.
            if core:
                return typ, core
    return "", compact


def strip_prefix(text: object, prefixes: tuple[str, ...]) -> str:
    s = normalize_thai(text).replace(" ", "")
    for p in prefixes:
        if s.startswith(p) and len(s) > len(p):
            return s[len(p):]
    return s
