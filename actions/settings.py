"""Report choices of the สร้างรายงาน button (layouts, formats, digits, output folder), which the officer can edit.

Two places, the later winning key by key:

1. the user's settings file, %USERPROFILE%\\.ita\\settings.toml (ITA_SETTINGS names another file), written
   with the defaults and Thai comments the first time a report is made or the add-in is installed:

       layouts = []               # empty: every layout (as `ita report` without --layout)
       formats = ["xlsx", "docx", "pdf"]
       arabic_digits = false
       output_dir = ""            # empty: รายงาน_<book name> next to the workbook (as `ita report`)
       template_dir = ""          # the agency's own Word templates, texts and garuda.png (--template)

2. a sheet named ``ita.conf`` in the workbook itself (key in column A, value in column B) with
   REPORT_LAYOUTS, REPORT_FORMATS, REPORT_ARABIC_DIGITS, REPORT_OUTPUT_DIR — for one workbook that needs
   other choices. The Word template folder is not among them: templates are rendered by Jinja, so only
   the user's own file names them (actions.book_conf: a received workbook does not steer the add-in).

A wrong value is an ItaError naming the file or sheet, the key and the allowed values.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from actions.book_conf import BOOK_KEYS
from actions.host import Host
from converters.reports.layouts import LAYOUT_NAMES
from core.errors import InputError

__all__ = [
    "FORMATS",
    "LAYOUTS",
    "SHEET",
    "ReportSettings",
    "default_text",
    "ensure_settings_file",
    "load_settings",
    "settings_for",
    "settings_from_rows",
    "settings_from_toml",
    "settings_path",
]

SHEET = "ita.conf"                                 # = xladdin.build.CONF_SHEET (xlwings' PROJECT_NAME.conf)
FORMATS = ("xlsx", "docx", "pdf")
LAYOUTS = LAYOUT_NAMES                             # the registry of report layouts
_TRUE = {"true", "yes", "1", "ใช่", "จริง", "on"}
_FALSE = {"false", "no", "0", "ไม่", "ไม่ใช่", "เท็จ", "off", ""}
_SHEET_KEYS = BOOK_KEYS                            # what a workbook's sheet may set (no template folder)
_KEYS = ("layouts", "formats", "arabic_digits", "output_dir", "template_dir")


@dataclass(frozen=True)
class ReportSettings:
    layouts: tuple[str, ...] = ()                   # () = every layout
    formats: tuple[str, ...] = FORMATS
    arabic_digits: bool = False
    output_dir: str = ""                            # "" = รายงาน_<book name> next to the workbook
    template_dir: str = ""                          # "" = the standard templates
    source: str = "ค่าเริ่มต้น"                         # where the values came from, for messages


def settings_path() -> Path:
    """%USERPROFILE%\\.ita\\settings.toml, or the file $ITA_SETTINGS names."""
    forced = os.environ.get("ITA_SETTINGS")
    return Path(forced) if forced else Path.home() / ".ita" / "settings.toml"


def _names(value: object, key: str, where: str, allowed: Sequence[str], *, empty_ok: bool) -> tuple[str, ...]:
    items = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    out = []
    for item in items:
        text = str(item).strip().lower().lstrip(".")
        if not text:
            continue
        if text not in allowed:
            raise InputError(f"ค่า {key} = '{item}' ไม่ถูกต้อง (ใช้ได้: {', '.join(allowed)}) — แก้ค่านี้แล้วลองใหม่",
                             where=where)
        if text not in out:
            out.append(text)
    if not out and not empty_ok:
        raise InputError(f"ค่า {key} ว่าง — ระบุอย่างน้อยหนึ่งค่า (ใช้ได้: {', '.join(allowed)})", where=where)
    return tuple(out)


def _flag(value: object, key: str, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InputError(f"ค่า {key} = '{value}' ต้องเป็น true หรือ false", where=where)


def _apply(base: ReportSettings, values: Mapping[str, object], where: str) -> ReportSettings:
    changes: dict[str, object] = {}
    for key, value in values.items():
        if key == "layouts":
            changes[key] = _names(value, key, where, LAYOUTS, empty_ok=True)
        elif key == "formats":
            changes[key] = _names(value, key, where, FORMATS, empty_ok=False)
        elif key == "arabic_digits":
            changes[key] = _flag(value, key, where)
        elif key in ("output_dir", "template_dir"):
            changes[key] = os.path.expandvars(str(value).strip().strip('"'))
        else:
            raise InputError(f"ไม่รู้จักค่า '{key}' (ใช้ได้: {', '.join(_KEYS)})", where=where)
    return replace(base, **changes, source=where) if changes else base


def settings_from_toml(text: str, *, where: str = "settings.toml",
                       base: ReportSettings | None = None) -> ReportSettings:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"ไฟล์ตั้งค่าเขียนผิดรูปแบบ ({exc}) — แก้ไขหรือลบไฟล์นี้แล้วลองใหม่", where=where) from None
    return _apply(base or ReportSettings(), raw, where)


def settings_from_rows(rows: Iterable[Sequence[object]], *, where: str = SHEET,
                       base: ReportSettings | None = None) -> ReportSettings:
    """Settings from key/value rows (the ita.conf sheet); other keys are ignored (actions.book_conf)."""
    values = {}
    for row in rows:
        if not row or row[0] is None:
            continue
        key = str(row[0]).strip().upper()
        if key in _SHEET_KEYS:
            values[_SHEET_KEYS[key]] = "" if len(row) < 2 or row[1] is None else row[1]
    return _apply(base or ReportSettings(), values, where)


def load_settings(conf_rows: Sequence[Sequence[object]] = (), *, conf_where: str = SHEET) -> ReportSettings:
    """Defaults, then the user's settings file, then the rows of a workbook's ita.conf sheet (if given)."""
    settings = ReportSettings()
    path = settings_path()
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"อ่านไฟล์ตั้งค่าไม่ได้ ({exc})", where=str(path)) from None
        settings = settings_from_toml(text, where=str(path), base=settings)
    if conf_rows:
        settings = settings_from_rows(conf_rows, where=conf_where, base=settings)
    return settings


def settings_for(host: Host) -> ReportSettings:
    """The settings for the book a button was pressed on: the user's file, then the book's ita.conf sheet."""
    return load_settings(host.conf_rows(), conf_where=f"{host.book_name} ชีต {SHEET}")


def default_text(settings: ReportSettings | None = None) -> str:
    s = settings or ReportSettings()

    def arr(xs: Iterable[str]) -> str:
        return "[" + ", ".join(f'"{x}"' for x in xs) + "]"

    return (
        "# ITA Toolkit: การตั้งค่าปุ่ม สร้างรายงาน ในแท็บ ITA ของ Excel\n"
        "# แก้ไขด้วย Notepad แล้วบันทึก (UTF-8) ครั้งต่อไปที่กดปุ่มจะใช้ค่าใหม่\n"
        "# ตั้งค่าเฉพาะสมุดงานเดียวได้ในชีตชื่อ ita.conf ของสมุดงานนั้น (คอลัมน์ A ชื่อค่า คอลัมน์ B ค่า):\n"
        "#   REPORT_LAYOUTS, REPORT_FORMATS, REPORT_ARABIC_DIGITS, REPORT_OUTPUT_DIR\n"
        "# (โฟลเดอร์แม่แบบ Word กำหนดได้ในไฟล์นี้เท่านั้น)\n\n"
        f"# รูปแบบรายงานที่จะสร้าง: {', '.join(LAYOUTS)}\n"
        "# ว่าง [] = ทุกรูปแบบ\n"
        f"layouts = {arr(s.layouts)}\n\n"
        f"# ชนิดไฟล์: {', '.join(FORMATS)}\n"
        f"formats = {arr(s.formats)}\n\n"
        "# true = ใช้เลขอารบิก (1 2 3), false = ใช้เลขไทย (๑ ๒ ๓) ในเนื้อความ\n"
        f"arabic_digits = {'true' if s.arabic_digits else 'false'}\n\n"
        "# โฟลเดอร์ที่เก็บรายงาน เว้นว่าง = โฟลเดอร์ รายงาน_<ชื่อไฟล์> ข้างไฟล์แบบฟอร์ม\n"
        f"output_dir = {_toml_string(s.output_dir)}\n\n"
        "# โฟลเดอร์แม่แบบของหน่วยงาน (<รูปแบบ>.docx, ข้อความ .toml, garuda.png) เว้นว่าง = แม่แบบมาตรฐาน\n"
        f"template_dir = {_toml_string(s.template_dir)}\n"
    )


def _toml_string(text: str) -> str:
    return "'" + text + "'" if "'" not in text and "\n" not in text else '"' + text.replace("\\", "\\\\").replace(
        '"', '\\"') + '"'


def ensure_settings_file() -> Path:
    """The user's settings file, written with the defaults if it does not exist yet."""
    path = settings_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(default_text(), encoding="utf-8")
    return path
