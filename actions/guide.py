"""คู่มือ: the Thai guide, opened in the browser (or its PDF viewer) by the button, named by `ita guide`.

Which guide: $ITA_GUIDE (a file or an https:// address) if set, else the first of guide.pdf, guide.html,
guide.md in actions/manual/, which ships inside the package (the wheel carries it; nothing is read from
the source tree's docs/). A Markdown guide is turned into a simple HTML page (headings, lists, tables,
code) in the log folder, so Windows shows it in the browser instead of Notepad.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from actions.host import Host
from core import REPAIR_TH
from core.errors import ItaError

__all__ = ["CANDIDATES", "find_guide", "guide_target", "markdown_html", "on_button"]

CANDIDATES = ("guide.pdf", "guide.html", "guide.md")
MANUAL = Path(__file__).resolve().parent / "manual"      # package data (pyproject: "actions" = ["manual/*.md"])


def find_guide() -> str:
    """A path or URL of the guide to show."""
    forced = os.environ.get("ITA_GUIDE")
    if forced:
        return forced
    for name in CANDIDATES:
        if (MANUAL / name).is_file():
            return str(MANUAL / name)
    raise ItaError(f"ไม่พบไฟล์คู่มือในเครื่องนี้ — {REPAIR_TH} หรือตั้งตัวแปร ITA_GUIDE เป็นที่อยู่ของคู่มือ",
                   where=str(MANUAL), english="no guide file found")


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', text)


def markdown_html(text: str, title: str = "คู่มือ ITA Toolkit") -> str:
    """Enough Markdown for our docs: #-headings, - and 1. lists, - [ ] boxes, | tables |, ``` code ```."""
    out, in_code, in_list, table, para = [], False, "", [], False

    def close() -> None:
        nonlocal in_list
        if in_list:
            out.append(f"</{in_list}>")
            in_list = ""
        if table:
            rows = [r for r in table if not re.fullmatch(r"\|?[\s:|-]+\|?", r)]
            cells = [[_inline(c.strip()) for c in r.strip().strip("|").split("|")] for r in rows]
            body = "".join("<tr>" + "".join(f"<{'th' if i == 0 else 'td'}>{c}</{'th' if i == 0 else 'td'}>"
                                             for c in row) + "</tr>" for i, row in enumerate(cells))
            out.append(f"<table>{body}</table>")
            table.clear()

    for line in text.splitlines():
        if line.startswith("```"):
            close()
            out.append("</pre>" if in_code else "<pre>")
            in_code = not in_code
            continue
        if in_code:
            out.append(html.escape(line))
            continue
        if line.startswith("|"):
            if in_list:
                out.append(f"</{in_list}>")
                in_list = ""
            table.append(line)
            continue
        if table:
            close()
        m = re.match(r"(#{1,6})\s+(.*)", line)
        item = re.match(r"\s*(?:[-*]|(\d+)\.)\s+(.*)", line)
        if m:
            close()
            n = len(m.group(1))
            out.append(f"<h{n}>{_inline(m.group(2))}</h{n}>")
        elif item:
            kind = "ol" if item.group(1) else "ul"
            if in_list != kind:
                close()
                out.append(f"<{kind}>")
                in_list = kind
            body = re.sub(r"^\[ \]\s*", "☐ ", item.group(2))
            out.append(f"<li>{_inline(body)}</li>")
        elif line.strip():
            if in_list and line.startswith("  "):
                out[-1] = out[-1].replace("</li>", " " + _inline(line.strip()) + "</li>")
                continue
            if para and out and out[-1].startswith("<p>"):           # a paragraph's next line joins it
                out[-1] = out[-1][:-4] + " " + _inline(line.strip()) + "</p>"
                continue
            close()
            out.append(f"<p>{_inline(line)}</p>")
            para = True
            continue
        else:
            close()
        para = False
    close()
    style = ("body{font-family:'TH Sarabun New','TH SarabunPSK',Tahoma,sans-serif;font-size:20px;max-width:60em;"
             "margin:2em auto;line-height:1.5}code,pre{font-family:Consolas,monospace;font-size:15px;"
             "background:#f3f3f3}pre{padding:.5em}table{border-collapse:collapse}td,th{border:1px solid #999;"
             "padding:.2em .5em}")
    return (f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{style}</style></head><body>" + "\n".join(out) + "</body></html>\n")


def guide_target() -> str:
    """What to open: the guide itself, or an HTML page made from a Markdown guide."""
    guide = find_guide()
    if "://" in guide or not guide.lower().endswith(".md"):
        return guide
    from core.crashlog import log_dir

    page = log_dir() / (Path(guide).stem + ".html")
    page.write_text(markdown_html(Path(guide).read_text(encoding="utf-8")), encoding="utf-8")
    return str(page)


def on_button(host: Host) -> str:
    """Open the guide; when nothing can open it, say where it is."""
    target = guide_target()
    if host.open_url(target):
        return target
    host.alert(f"คู่มืออยู่ที่ {target}")
    return target
