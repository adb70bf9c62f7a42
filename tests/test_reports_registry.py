"""One registry of report layouts: every reader of it (the CLI, the add-in's settings, docs/reports.md, the
Word templates, the PDF sources, the wording files) sees exactly the same layouts, and a new layout
module is picked up by dropping it into the package."""

from __future__ import annotations

import re
import sys

import pytest

import converters.reports.layouts as registry
from actions import settings
from cli import report
from cli.main import ThaiArgumentParser
from converters.reports import PDF_FROM
from converters.reports.docs import DOC, END, START, layouts_markdown
from converters.reports.docx_writer import TEMPLATE_DIR
from converters.reports.layouts import LAYOUTS, Layout
from converters.reports.wording import TEXT_DIR
from core.errors import InputError

NAMES = list(LAYOUTS)


def test_there_are_layouts_in_a_stable_order():
    assert len(NAMES) >= 5
    orders = [lay.order for lay in LAYOUTS.values()]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    for lay in LAYOUTS.values():
        assert re.search("[ก-๙]", lay.title) and re.search("[ก-๙]", lay.summary), lay.name


def test_the_cli_offers_exactly_the_registry(monkeypatch):
    monkeypatch.setenv("COLUMNS", "2000")  # one help line per option
    parser = ThaiArgumentParser(prog="ita report")
    report.add_arguments(parser)
    line = next(x for x in parser.format_help().splitlines() if x.strip().startswith("--layout"))
    assert re.findall(r"([a-z][a-z-]+) = ", line) == NAMES
    args = parser.parse_args(["f.xlsx", "--layout", ",".join(NAMES)])
    assert [n for names in args.layout for n in names] == NAMES
    with pytest.raises(SystemExit):
        parser.parse_args(["f.xlsx", "--layout", "summary"])


def test_the_settings_allow_exactly_the_registry():
    assert list(settings.LAYOUTS) == NAMES
    every = settings.settings_from_toml(f"layouts = {NAMES!r}".replace("'", '"'))
    assert list(every.layouts) == NAMES
    with pytest.raises(InputError, match="summary"):
        settings.settings_from_toml('layouts = ["summary"]')
    assert all(name in settings.default_text() for name in NAMES)


def test_the_doc_lists_exactly_the_registry():
    text = DOC.read_text(encoding="utf-8")
    block = text.split(START, 1)[1].split(END, 1)[0]
    assert block.strip() == layouts_markdown(), "run: python -m converters.reports.docs"
    assert re.findall(r"^\| `([a-z-]+)` \|", block, re.MULTILINE) == NAMES


def test_templates_pdf_sources_and_wording_match_the_registry():
    assert sorted(p.name for p in TEMPLATE_DIR.glob("*.docx")) == sorted(
        file for lay in LAYOUTS.values() for file in lay.templates())
    assert list(PDF_FROM) == NAMES and set(PDF_FROM.values()) <= {"xlsx", "docx"}
    texts = {p.name for p in TEXT_DIR.glob("*.toml")} - {"common.toml"}
    assert texts == {lay.text_file for lay in LAYOUTS.values()}


NEW_LAYOUT = '''
from converters.reports.layouts.common import head
from converters.reports.layouts.spec import Layout


def build(f):
    return head(f, "progress")


def word():
    from converters.reports.docx_blocks import new_document

    return new_document("portrait", (2, 2, 2, 2))


LAYOUT = Layout(name="zz-extra", order=99, title="ทดลอง", summary="รูปแบบทดลอง", orientation="portrait",
                text="progress", pdf_from="docx", build=build, word=word)
'''


def test_a_new_layout_is_one_module(tmp_path, monkeypatch):
    (tmp_path / "zz_extra.py").write_text(NEW_LAYOUT, encoding="utf-8")
    monkeypatch.setattr(registry, "__path__", [*registry.__path__, str(tmp_path)])
    try:
        found = registry.discover()
    finally:
        sys.modules.pop("converters.reports.layouts.zz_extra", None)
    assert list(found) == [*NAMES, "zz-extra"]
    assert isinstance(found["zz-extra"], Layout) and found["zz-extra"].word().sections


def test_a_layout_declares_only_known_values():
    with pytest.raises(ValueError, match="pdf_from"):
        Layout(name="x", order=1, title="ก", summary="ก", orientation="portrait", text="x", pdf_from="odt",
               build=lambda f: {}, word=lambda: None)
