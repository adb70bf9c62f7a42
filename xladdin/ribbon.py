"""The ITA ribbon: the button registry (buttons.toml) and the customUI14.xml generated from it.

Every button has onAction = "ITARibbon.OnButton" and tag = its Python action name; the one VBA
dispatcher passes control.Tag on to `xladdin.entry.ribbon(tag)`. This module knows nothing about the
actions themselves, so the registry can be checked and the add-in built without importing them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:    # XML is only for the build; a click reads the registry only
    import xml.etree.ElementTree as ET

__all__ = [
    "CUSTOMUI_NS",
    "DISPATCHER",
    "ON_ACTION",
    "REGISTRY",
    "VBA_MODULE",
    "Button",
    "Group",
    "Ribbon",
    "actions",
    "customui_xml",
    "load_ribbon",
    "xml_bytes",
]

REGISTRY = Path(__file__).with_name("buttons.toml")
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
VBA_MODULE = "ITARibbon"          # the standard module holding the dispatcher (xladdin/vba/ITARibbon.bas)
DISPATCHER = "OnButton"           # Public Sub OnButton(control As IRibbonControl)
ON_ACTION = f"{VBA_MODULE}.{DISPATCHER}"   # module-qualified, so another add-in's OnButton cannot catch it

_XML_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,1023}")   # ASCII subset of xsd:ID (ST_UniqueID)
_ACTION = re.compile(r"[a-z][a-z0-9_]{0,63}")
_SIZES = ("large", "normal")


@dataclass(frozen=True)
class Button:
    id: str
    tag: str
    label: str
    image: str
    screentip: str
    supertip: str = ""
    size: str = "large"
    command: str = ""       # the `ita` command (and subcommand) that is this button's twin


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Ribbon:
    tab_id: str
    tab_label: str
    groups: tuple[Group, ...]

    @property
    def buttons(self) -> tuple[Button, ...]:
        return tuple(b for g in self.groups for b in g.buttons)

    @property
    def actions(self) -> tuple[str, ...]:
        """The Python action names (button tags), in ribbon order."""
        return tuple(b.tag for b in self.buttons)


def _text(table: dict, key: str, where: str, *, required: bool = True, limit: int = 1024) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise ValueError(f"{REGISTRY.name}: {where}: '{key}' must be a non-empty string of at most {limit} "
                         f"characters")
    return value


def load_ribbon(path: Path = REGISTRY) -> Ribbon:
    """Read and check the registry: ASCII unique ids, unique Python-identifier tags, the fields Office needs."""
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    tab = raw.get("tab", {})
    groups, seen_ids, seen_tags = [], set(), set()

    def check_id(value: str, where: str) -> str:
        if not _XML_ID.fullmatch(value) or value in seen_ids:
            raise ValueError(f"{path.name}: {where}: id {value!r} must be unique ASCII (letter/_ first, then "
                             f"letters, digits, _ . -)")
        seen_ids.add(value)
        return value

    tab_id = check_id(_text(tab, "id", "[tab]"), "[tab]")
    for gi, g in enumerate(raw.get("group", []), 1):
        where = f"group {gi}"
        gid = check_id(_text(g, "id", where), where)
        buttons = []
        for bi, b in enumerate(g.get("button", []), 1):
            bw = f"{where}, button {bi}"
            tag = _text(b, "tag", bw)
            if not _ACTION.fullmatch(tag) or tag in seen_tags:
                raise ValueError(f"{path.name}: {bw}: tag {tag!r} must be a unique lower-case Python name")
            seen_tags.add(tag)
            size = b.get("size", "large")
            if size not in _SIZES:
                raise ValueError(f"{path.name}: {bw}: size must be one of {_SIZES}")
            image = _text(b, "image", bw)
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", image):
                raise ValueError(f"{path.name}: {bw}: image {image!r} is not an imageMso name")
            buttons.append(Button(id=check_id(_text(b, "id", bw), bw), tag=tag, label=_text(b, "label", bw),
                                  image=image, screentip=_text(b, "screentip", bw),
                                  supertip=_text(b, "supertip", bw, required=False), size=size,
                                  command=_text(b, "command", bw)))
        if not buttons:
            raise ValueError(f"{path.name}: {where} has no buttons")
        groups.append(Group(id=gid, label=_text(g, "label", where), buttons=tuple(buttons)))
    if not groups:
        raise ValueError(f"{path.name}: no [[group]]")
    return Ribbon(tab_id=tab_id, tab_label=_text(tab, "label", "[tab]"), groups=tuple(groups))


def actions(path: Path = REGISTRY) -> tuple[str, ...]:
    """The action names the ribbon can send to Python."""
    return load_ribbon(path).actions


def customui_xml(ribbon: Ribbon | None = None, *, on_action: str = ON_ACTION) -> bytes:
    """customUI14.xml (UTF-8) for the ribbon: one tab, its groups, one button per registry entry."""
    import xml.etree.ElementTree as ET

    ribbon = ribbon or load_ribbon()

    def el(parent: ET.Element | None, element: str, **attrs: str) -> ET.Element:
        name = f"{{{CUSTOMUI_NS}}}{element}"
        return ET.Element(name, attrs) if parent is None else ET.SubElement(parent, name, attrs)

    root = el(None, "customUI")
    tabs = el(el(root, "ribbon"), "tabs")
    tab = el(tabs, "tab", id=ribbon.tab_id, label=ribbon.tab_label)
    for g in ribbon.groups:
        group = el(tab, "group", id=g.id, label=g.label)
        for b in g.buttons:
            attrs = {"id": b.id, "label": b.label, "size": b.size, "imageMso": b.image, "screentip": b.screentip}
            if b.supertip:
                attrs["supertip"] = b.supertip
            el(group, "button", **attrs, tag=b.tag, onAction=on_action)
    return xml_bytes(root, indent="  ")


def xml_bytes(root: ET.Element, *, indent: str = "") -> bytes:
    """UTF-8 XML for an attribute-only tree whose elements share one namespace (written as the default
    namespace) and whose attributes are unqualified; ElementTree's default_namespace option refuses those."""
    from xml.sax.saxutils import quoteattr

    ns = root.tag[1:].split("}")[0]
    for el in root.iter():
        if not el.tag.startswith(f"{{{ns}}}") or (el.text or "").strip() or any(k.startswith("{") for k in el.attrib):
            raise ValueError(f"xml_bytes cannot write {el.tag!r} faithfully")

    def write(el: ET.Element, depth: int) -> str:
        pad = ("\n" + indent * depth) if indent else ""
        local = el.tag.split("}")[1]
        attrs = "".join(f" {k}={quoteattr(v)}" for k, v in el.attrib.items())
        if depth == 0:
            attrs = f' xmlns="{ns}"' + attrs
        if not len(el):
            return f"{pad}<{local}{attrs}/>"
        inner = "".join(write(child, depth + 1) for child in el)
        return f"{pad}<{local}{attrs}>{inner}{pad}</{local}>"

    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + ("" if indent else "\n")
            + write(root, 0) + "\n").encode("utf-8")
