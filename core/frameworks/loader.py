"""Find, read and check yearly framework files (TOML). A broken file is refused with a Thai message."""

from __future__ import annotations

import math
import os
import stat
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from core.errors import FrameworkError
from core.frameworks.model import (
    CONFIDENCE,
    DEFAULT_PREFIXES,
    Categories,
    Framework,
    Indicator,
    Level,
    OitItem,
    QuestionRange,
    SubIndicator,
    Tool,
)

BUILTIN_DIR = Path(__file__).parent / "data"
ENV_VAR = "ITA_FRAMEWORKS"  # extra folders (or files) separated by os.pathsep
USER_DIR = Path.home() / ".ita" / "frameworks"
_EPS = 1e-9


def framework_dirs() -> list[Path]:
    """Where framework files are looked for, later entries overriding earlier ones for the same year."""
    dirs = [BUILTIN_DIR, USER_DIR]
    dirs += [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return dirs


def _candidates() -> list[tuple[str, Path, str]]:
    """(stem, folder or file, name within the folder or "") of every framework file, listed afresh on each call
    (a file added mid-session is seen): one stat and one scandir per folder, no globbing, no Path per entry
    (the merge asks several times per book)."""
    out: list[tuple[str, Path, str]] = []
    for d in framework_dirs():
        try:
            mode = d.stat().st_mode
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(mode):
            out.append((d.stem, d, ""))
        elif stat.S_ISDIR(mode):
            try:
                with os.scandir(d) as entries:
                    names = [e.name for e in entries if os.path.normcase(e.name).endswith(".toml")]
            except OSError:
                continue
            out.extend((n[:-5], d, n) for n in sorted(names, key=os.path.normcase))
    return out


def _candidate_files() -> list[Path]:
    return [d / name if name else d for _, d, name in _candidates()]


def builtin_years() -> list[int]:
    """The years whose framework ships with the toolkit (core/frameworks/data/<year>.toml)."""
    return sorted(int(f.stem) for f in BUILTIN_DIR.glob("*.toml") if f.stem.isdigit())


def available_years() -> list[int]:
    """Every fiscal year a framework file exists for (built in or added by the user)."""
    years = set()
    for f in _candidate_files():
        stem = f.stem
        if stem.isdigit():
            years.add(int(stem))
        else:
            try:
                years.add(load_file(f).year)
            except FrameworkError:
                continue
    return sorted(years)


def load_year(year: int) -> Framework:
    """The framework of a fiscal year (BE). Unknown years raise FrameworkError in Thai."""
    found: str | Path | None = None
    files = _candidates()
    wanted = str(year)
    for stem, d, name in files:
        if stem == wanted:
            found = os.path.join(d, name) if name else d
    if found is None:
        for f in (d / name if name else d for _, d, name in files):
            if not f.stem.isdigit():
                try:
                    if load_file(f).year == year:
                        found = f
                except FrameworkError:
                    continue
    if found is None:
        known = ", ".join(str(y) for y in available_years())
        raise FrameworkError(
            f"ยังไม่มีเกณฑ์การประเมิน ITA {year} (มี: {known}) — เพิ่มไฟล์เกณฑ์ {year}.toml ไว้ที่ {USER_DIR} "
            f"(คัดลอกไฟล์ของปีล่าสุดแล้วแก้ตามประกาศของ ป.ป.ช.)",
            english=f"no framework for ITA {year}",
        )
    return load_file(found)


def load_file(path: str | Path) -> Framework:
    """Read and check one framework file."""
    where = os.path.abspath(path)
    try:
        st = os.stat(where)
        version = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)  # this very file, as it is now
    except (OSError, ValueError):
        version = None
    return _load_cached(where, version)


@lru_cache(maxsize=64)
def _load_cached(where: str, _version: tuple[int, ...] | None) -> Framework:
    path = Path(where)
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise FrameworkError("ไม่พบไฟล์เกณฑ์", where=where) from None
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"ไฟล์เกณฑ์อ่านไม่ได้ (รูปแบบ TOML ผิด: {exc})", where=where) from None
    except OSError as exc:
        raise FrameworkError(f"เปิดไฟล์เกณฑ์ไม่ได้ ({exc.strerror})", where=where) from None
    return parse_framework(raw, where=where, source_path=path)


class _Reader:
    """Typed access to the raw TOML dict, every failure a FrameworkError naming the key."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, msg: str) -> FrameworkError:
        return FrameworkError(msg, where=self.where)

    def get(self, d: dict, key: str, typ: type | tuple[type, ...], ctx: str, default: object = ...) -> object:
        if key not in d:
            if default is ...:
                raise self.fail(f"{ctx}: ไม่มีค่า '{key}'")
            return default
        val = d[key]
        if typ is float and isinstance(val, int) and not isinstance(val, bool):
            val = float(val)
        if not isinstance(val, typ) or isinstance(val, bool) and typ is not bool:
            raise self.fail(f"{ctx}: ค่า '{key}' ต้องเป็น {_type_th(typ)} แต่พบ {val!r}")
        if isinstance(val, float) and not math.isfinite(val):
            raise self.fail(f"{ctx}: ค่า '{key}' ต้องเป็นตัวเลขจริง")
        return val

    def confidence(self, d: dict, ctx: str, key: str = "confidence") -> str:
        val = self.get(d, key, str, ctx, default="none")
        if val not in CONFIDENCE:
            raise self.fail(f"{ctx}: '{key}' ต้องเป็นหนึ่งใน {', '.join(CONFIDENCE)} แต่พบ '{val}'")
        return val  # type: ignore[return-value]

    def table_list(self, d: dict, key: str, ctx: str, required: bool = True) -> list[dict]:
        val = d.get(key, [] if not required else None)
        if val is None or (required and not val):
            raise self.fail(f"{ctx}: ต้องมีรายการ [[{key}]] อย่างน้อยหนึ่งรายการ")
        if not isinstance(val, list) or not all(isinstance(x, dict) for x in val):
            raise self.fail(f"{ctx}: '{key}' ต้องเป็นรายการแบบ [[{key}]]")
        return val


def _type_th(typ: object) -> str:
    return {int: "จำนวนเต็ม", float: "ตัวเลข", str: "ข้อความ", bool: "true/false", dict: "ตาราง", list: "รายการ"}.get(
        typ, str(typ)  # type: ignore[arg-type]
    )


def parse_framework(raw: dict, *, where: str = "<framework>", source_path: Path | None = None) -> Framework:
    """Build a Framework from parsed TOML, checking every rule; raise FrameworkError on the first break."""
    r = _Reader(where)
    head = r.get(raw, "framework", dict, "ไฟล์เกณฑ์")
    year = r.get(head, "year", int, "[framework]")
    if not 2500 <= year <= 2700:  # type: ignore[operator]
        raise r.fail(f"[framework]: ปี {year} ต้องเป็นปีพุทธศักราช (เช่น 2567)")
    pass_mark = r.get(head, "pass_mark", float, "[framework]", default=85.0)
    if not 0 < pass_mark <= 100:  # type: ignore[operator]
        raise r.fail(f"[framework]: เกณฑ์ผ่าน {pass_mark} ต้องอยู่ระหว่าง 0–100")

    tools = tuple(_tools(r, raw))
    indicators = tuple(_indicators(r, raw, tools))
    levels, kind, rating_source = _levels(r, raw, tools)
    weights = raw.get("weights", {})
    oit = raw.get("oit", {})
    if not isinstance(weights, dict) or not isinstance(oit, dict):
        raise r.fail("[weights] และ [oit] ต้องเป็นตาราง")
    subs = tuple(_sub_indicators(r, oit, indicators))
    items = tuple(_oit_items(r, oit, subs))
    questions = tuple(_questions(r, raw, tools))
    categories = _categories(r, raw, pass_mark)  # type: ignore[arg-type]
    max_item = r.get(oit, "max_item", int, "[oit]", default=None)
    fw = Framework(
        year=year,  # type: ignore[arg-type]
        title=r.get(head, "title", str, "[framework]", default=f"ITA {year}"),  # type: ignore[arg-type]
        pass_mark=pass_mark,  # type: ignore[arg-type]
        tools=tools,
        indicators=indicators,
        rating_kind=kind,
        levels=levels,
        weights_confidence=r.confidence(weights, "[weights]"),
        weights_source=r.get(weights, "source", str, "[weights]", default=""),  # type: ignore[arg-type]
        rating_source=rating_source,
        indicators_confidence=r.confidence(head, "[framework]", "indicators_confidence"),
        indicators_source=r.get(head, "indicators_source", str, "[framework]", default=""),  # type: ignore[arg-type]
        sub_indicators=subs,
        oit_items=items,
        items_complete=r.get(oit, "items_complete", bool, "[oit]", default=False),  # type: ignore[arg-type]
        max_item=max_item,  # type: ignore[arg-type]
        measures_item=r.get(oit, "measures_item", str, "[oit]", default=None),  # type: ignore[arg-type]
        progress_item=r.get(oit, "progress_item", str, "[oit]", default=None),  # type: ignore[arg-type]
        items_confidence=r.confidence(oit, "[oit]", "items_confidence"),
        items_source=r.get(oit, "items_source", str, "[oit]", default=""),  # type: ignore[arg-type]
        questions=questions,
        categories=categories,
        focus_rule=_focus_rule(r, oit),
        focus_confidence=r.confidence(oit, "[oit]", "focus_confidence"),
        focus_source=r.get(oit, "focus_source", str, "[oit]", default=""),  # type: ignore[arg-type]
        source_path=source_path,
    )
    for key in ("measures_item", "progress_item"):
        code = getattr(fw, key)
        if code is not None and fw.oit_items and code not in {i.code for i in fw.oit_items}:
            raise r.fail(f"[oit]: {key} = '{code}' ไม่อยู่ในรายการ [[oit.items]]")
    return fw


def _categories(r: _Reader, raw: dict, pass_mark: float) -> Categories:
    """[categories]: keep_mark and the three labels, each optional (the defaults of Categories)."""
    d = r.get(raw, "categories", dict, "ไฟล์เกณฑ์", default={})
    default = Categories()
    keep_mark = r.get(d, "keep_mark", float, "[categories]", default=default.keep_mark)
    if not pass_mark < keep_mark <= 100:  # type: ignore[operator]
        raise r.fail(f"[categories]: keep_mark {keep_mark} ต้องมากกว่าเกณฑ์ผ่าน ({pass_mark:g}) และไม่เกิน 100")
    labels = r.get(d, "labels", list, "[categories]", default=list(default.labels))
    if len(labels) != 3 or not all(isinstance(x, str) and x.strip() for x in labels) or len(set(labels)) != 3:
        raise r.fail("[categories]: labels ต้องเป็นข้อความสามคำที่ไม่ซ้ำกัน (ต่ำกว่าเกณฑ์ผ่าน, ควรปรับปรุง, รักษาระดับ)")
    return Categories(*labels, keep_mark=keep_mark)  # type: ignore[misc]


FOCUS_RULES = ("lowest",)


def _focus_rule(r: _Reader, oit: dict) -> str | None:
    rule = r.get(oit, "focus", str, "[oit]", default=None)
    if rule is not None and rule not in FOCUS_RULES:
        raise r.fail(f"[oit]: focus ต้องเป็น {', '.join(FOCUS_RULES)} แต่พบ '{rule}'")
    return rule  # type: ignore[return-value]


def _unique(r: _Reader, values: Iterable[object], what: str) -> None:
    seen: set[object] = set()
    for v in values:
        if v in seen:
            raise r.fail(f"{what} '{v}' ซ้ำกัน")
        seen.add(v)


def _tools(r: _Reader, raw: dict) -> Iterable[Tool]:
    items = r.table_list(raw, "tools", "ไฟล์เกณฑ์")
    tools = []
    for n, t in enumerate(items, 1):
        ctx = f"[[tools]] รายการที่ {n}"
        w = r.get(t, "weight", float, ctx)
        if not 0 < w <= 1:  # type: ignore[operator]
            raise r.fail(f"{ctx}: น้ำหนัก {w} ต้องมากกว่า 0 และไม่เกิน 1")
        code = r.get(t, "code", str, ctx)
        prefix = r.get(t, "prefix", str, ctx, default=DEFAULT_PREFIXES.get(code, ""))  # type: ignore[call-overload]
        if prefix and not (len(prefix) == 1 and prefix.isascii() and prefix.isalpha()):  # type: ignore[union-attr]
            raise r.fail(f"{ctx}: prefix ต้องเป็นตัวอักษรภาษาอังกฤษหนึ่งตัว (เช่น i, e, O) แต่พบ '{prefix}'")
        tools.append(Tool(code, r.get(t, "name_th", str, ctx),  # type: ignore[arg-type]
                          r.get(t, "name_en", str, ctx, default=""), w, prefix))  # type: ignore[arg-type]
    _unique(r, (t.code for t in tools), "รหัสแบบวัด")
    _unique(r, (t.prefix.lower() for t in tools if t.prefix), "prefix ของแบบวัด")
    total = sum(t.weight for t in tools)
    if abs(total - 1) > _EPS:
        raise r.fail(f"น้ำหนักของแบบวัดรวมกันได้ {total:g} ต้องเท่ากับ 1")
    return tools


def _indicators(r: _Reader, raw: dict, tools: tuple[Tool, ...]) -> Iterable[Indicator]:
    items = r.table_list(raw, "indicators", "ไฟล์เกณฑ์")
    codes = {t.code for t in tools}
    parsed = []
    for n, d in enumerate(items, 1):
        ctx = f"[[indicators]] รายการที่ {n}"
        number = r.get(d, "number", int, ctx)
        if number < 1:  # type: ignore[operator]
            raise r.fail(f"{ctx}: เลขตัวชี้วัดต้องเป็นจำนวนเต็มบวก")
        tool = r.get(d, "tool", str, ctx)
        if tool not in codes:
            raise r.fail(f"{ctx}: แบบวัด '{tool}' ไม่อยู่ใน [[tools]] ({', '.join(sorted(codes))})")
        share = r.get(d, "share", float, ctx, default=None)
        parsed.append((number, tool, r.get(d, "name_th", str, ctx), r.get(d, "name_en", str, ctx, default=""), share))
    _unique(r, (p[0] for p in parsed), "เลขตัวชี้วัด")
    result = []
    for tool in tools:
        mine = [p for p in parsed if p[1] == tool.code]
        if not mine:
            raise r.fail(f"แบบวัด {tool.code} ไม่มีตัวชี้วัด")
        shares = [p[4] for p in mine]
        if all(s is None for s in shares):
            shares = [1 / len(mine)] * len(mine)
        elif any(s is None for s in shares):
            raise r.fail(f"ตัวชี้วัดของแบบวัด {tool.code} ต้องกำหนด share ทุกตัว หรือไม่กำหนดเลย")
        elif abs(sum(shares) - 1) > _EPS:  # type: ignore[arg-type]
            raise r.fail(f"share ของตัวชี้วัดในแบบวัด {tool.code} รวมกันได้ {sum(shares):g} ต้องเท่ากับ 1")  # type: ignore[arg-type]
        for p, s in zip(mine, shares):
            result.append(Indicator(p[0], p[1], p[2], p[3], tool.weight * s))  # type: ignore[operator]
    result.sort(key=lambda i: i.number)
    return result


def _levels(r: _Reader, raw: dict, tools: tuple[Tool, ...]) -> tuple[tuple[Level, ...], str, str]:
    rating = r.get(raw, "rating", dict, "ไฟล์เกณฑ์")
    kind = r.get(rating, "kind", str, "[rating]")
    if kind not in ("letters", "labels"):
        raise r.fail(f"[rating]: kind ต้องเป็น 'letters' หรือ 'labels' แต่พบ '{kind}'")
    levels = []
    for n, d in enumerate(r.table_list(rating, "levels", "[rating]"), 1):
        ctx = f"[[rating.levels]] รายการที่ {n}"
        lo = r.get(d, "min", float, ctx)
        hi = r.get(d, "max", float, ctx)
        each = r.get(d, "min_each_tool", float, ctx, default=None)
        if not 0 <= lo <= hi <= 100:  # type: ignore[operator]
            raise r.fail(f"{ctx}: ช่วงคะแนน {lo}–{hi} ต้องอยู่ใน 0–100 และต่ำสุดไม่เกินสูงสุด")
        if each is not None and not 0 <= each <= 100:  # type: ignore[operator]
            raise r.fail(f"{ctx}: min_each_tool ต้องอยู่ใน 0–100")
        levels.append(Level(r.get(d, "label", str, ctx), lo, hi, r.confidence(d, ctx), each,  # type: ignore[arg-type]
                            r.get(d, "source", str, ctx, default="")))  # type: ignore[arg-type]
    _unique(r, (lv.label for lv in levels), "ระดับผลการประเมิน")
    # The unconditioned levels must tile 0–100 with no gap or overlap, in steps of 0.01.
    plain = sorted((lv for lv in levels if lv.min_each_tool is None), key=lambda lv: lv.min)
    if not plain or plain[0].min != 0 or plain[-1].max != 100:
        raise r.fail("ช่วงคะแนนของระดับผลการประเมินต้องครอบคลุมตั้งแต่ 0 ถึง 100")
    for low, high in pairwise(plain):
        if round(high.min - low.max, 2) != 0.01:
            raise r.fail(f"ช่วงคะแนนระดับ {low.label} ({low.min:.2f}–{low.max:.2f}) และ {high.label} "
                         f"({high.min:.2f}–{high.max:.2f}) ไม่ต่อเนื่องกัน (มีช่องว่างหรือซ้อนทับ)")
    # Highest first: by min, then by the strictness of the per-tool condition.
    ordered = sorted(levels, key=lambda lv: (lv.min, lv.min_each_tool or -1), reverse=True)
    return tuple(ordered), kind, r.get(rating, "source", str, "[rating]", default="")  # type: ignore[return-value]


def _sub_indicators(r: _Reader, oit: dict, indicators: tuple[Indicator, ...]) -> Iterable[SubIndicator]:
    numbers = {i.number for i in indicators}
    subs = []
    for n, d in enumerate(r.table_list(oit, "sub_indicators", "[oit]", required=False), 1):
        ctx = f"[[oit.sub_indicators]] รายการที่ {n}"
        ind = r.get(d, "indicator", int, ctx)
        if ind not in numbers:
            raise r.fail(f"{ctx}: ตัวชี้วัด {ind} ไม่มีในเกณฑ์")
        subs.append(SubIndicator(r.get(d, "code", str, ctx), ind, r.get(d, "name_th", str, ctx),  # type: ignore[arg-type]
                                 r.confidence(d, ctx)))
    _unique(r, (s.code for s in subs), "รหัสตัวชี้วัดย่อย")
    return subs


def _oit_items(r: _Reader, oit: dict, subs: tuple[SubIndicator, ...]) -> Iterable[OitItem]:
    sub_codes = {s.code for s in subs}
    items = []
    for n, d in enumerate(r.table_list(oit, "items", "[oit]", required=False), 1):
        ctx = f"[[oit.items]] รายการที่ {n}"
        sub = r.get(d, "sub_indicator", str, ctx, default=None)
        if sub is not None and sub not in sub_codes:
            raise r.fail(f"{ctx}: ตัวชี้วัดย่อย '{sub}' ไม่มีใน [[oit.sub_indicators]]")
        items.append(OitItem(r.get(d, "code", str, ctx).upper(), r.get(d, "title", str, ctx),  # type: ignore[union-attr,arg-type]
                             r.confidence(d, ctx), sub))  # type: ignore[arg-type]
    _unique(r, (i.code for i in items), "รหัสข้อ O")
    return items


def _questions(r: _Reader, raw: dict, tools: tuple[Tool, ...]) -> Iterable[QuestionRange]:
    prefixes = {t.code: t.prefix for t in tools}
    out = []
    for n, d in enumerate(r.table_list(raw, "questions", "ไฟล์เกณฑ์", required=False), 1):
        ctx = f"[[questions]] รายการที่ {n}"
        tool = r.get(d, "tool", str, ctx)
        if tool not in prefixes:
            raise r.fail(f"{ctx}: แบบวัด '{tool}' ไม่มีในเกณฑ์")
        if str(r.get(d, "prefix", str, ctx)).lower() != prefixes[tool].lower():
            raise r.fail(f"{ctx}: prefix '{d['prefix']}' ต้องตรงกับ prefix ของแบบวัด {tool} ('{prefixes[tool]}')")
        first, last = r.get(d, "first", int, ctx), r.get(d, "last", int, ctx)
        if not 1 <= first <= last:  # type: ignore[operator]
            raise r.fail(f"{ctx}: ช่วงข้อ {first}–{last} ไม่ถูกต้อง")
        out.append(QuestionRange(tool, r.get(d, "prefix", str, ctx).lower(), first, last,  # type: ignore[union-attr,arg-type]
                                 r.confidence(d, ctx)))
    _unique(r, (q.prefix for q in out), "คำนำหน้ารหัสข้อคำถาม")
    return out
