"""Every file the project writes conforms to ECMA-376 (Transitional): each XML part validated by lxml.

The files are built once for the module by the project's own code: the blank template, the five samples,
every report layout as xlsx and docx, the merge overview and the add-in. devkit/ooxml.py maps each part to
its schema through [Content_Types].xml and the relationships, and applies Markup Compatibility first as a
consumer does. A failure names the file, the part, the line and the schema's message.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from actions.samples import write_samples
from actions.template import make_template
from converters.merge.run import MergeOptions, run_merge
from converters.reports import make_reports
from converters.reports.layouts import LAYOUTS
from devkit.ooxml import MC, MceError, check_package, mce_process, understood_namespaces
from workbook.samples import SAMPLE_KEYS
from xladdin.build import build_addin

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REPORT_FORMATS = ("xlsx", "docx")
FILES = (["template"] + [f"sample-{k}" for k in SAMPLE_KEYS]
         + [f"report-{layout}.{fmt}" for layout in LAYOUTS for fmt in REPORT_FORMATS] + ["overview", "addin"])


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    """Each file the project writes, by the ids of FILES."""
    out = tmp_path_factory.mktemp("written")
    files = {"template": make_template(None, out / "template.xlsx")}
    (out / "samples").mkdir()
    samples = write_samples(out / "samples")
    files |= {f"sample-{p.stem}": p for p in samples}
    reports = make_reports(samples[0], out / "reports", list(LAYOUTS), list(REPORT_FORMATS))
    for path in reports:
        layout = next(x for x in LAYOUTS if path.stem.endswith(f"_{x}"))
        files[f"report-{layout}{path.suffix}"] = path
    files["overview"] = out / "overview.xlsx"
    run_merge(MergeOptions(inputs=[str(out / "samples")], overview=files["overview"], jobs=1))
    files["addin"] = build_addin(out / "addin")
    return files


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _rezip(path: Path, out: Path, replace: dict[str, bytes]) -> Path:
    """A copy of the package at `path` with some parts replaced or added."""
    parts = _parts(path) | replace
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out


# ----------------------------------------------------------------------------------------- conformance
def test_every_file_the_project_writes_is_built(written):
    assert sorted(written) == sorted(FILES)


@pytest.mark.parametrize("key", FILES)
def test_every_xml_part_conforms(written, key):
    report = check_package(written[key])
    assert not report.problems, "\n".join(report.problems)
    parts = _parts(written[key])
    xml_parts = {n for n in parts if n.endswith((".xml", ".rels"))}
    # every XML part was validated, except the ribbon (Microsoft's customUI schema, test_addin_build.py)
    assert set(report.validated) | set(report.elsewhere) == xml_parts
    assert set(report.elsewhere) == ({"customUI/customUI14.xml"} if key == "addin" else set())
    main = "document" if key.endswith(".docx") else "workbook"
    assert main in report.validated.values() and "Relationships" in report.validated.values()


def test_template_lists_are_bare_names(written):
    """A list validation's formula1 is a formula without its '=' (ST_Formula): =AgencyTypes is not one."""
    parts = _parts(written["template"])
    workbook = etree.fromstring(parts["xl/workbook.xml"])
    names = {d.get("name") for d in workbook.iter(f"{{{MAIN}}}definedName")}
    lists = []
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            for dv in etree.fromstring(data).iter(f"{{{MAIN}}}dataValidation"):
                formulas = [f.text for f in dv if f.tag in (f"{{{MAIN}}}formula1", f"{{{MAIN}}}formula2")]
                assert not any(f.startswith("=") for f in formulas), (name, formulas)
                if dv.get("type") == "list":
                    lists += formulas
    assert {"AgencyTypes", "Rounds", "Statuses"} <= set(lists) and set(lists) <= names


def test_addin_carries_no_save_folder(written):
    parts = _parts(written["addin"])
    assert b"absPath" not in parts["xl/workbook.xml"] and b"x15ac" not in parts["xl/workbook.xml"]
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            assert not re.search(rb"[A-Za-z]:\\\\Users\\\\", data), name
    etree.fromstring(parts["xl/workbook.xml"])  # still well-formed after the cut


# ------------------------------------------------------------------ the checker finds what it must find
def test_settings_out_of_order_is_reported_with_file_part_line_and_message(written, tmp_path):
    docx = written["report-measures-plan.docx"]
    settings = _parts(docx)["word/settings.xml"]
    update = b'<w:updateFields w:val="true"/>'
    assert update in settings
    moved = settings.replace(update, b"").replace(b"</w:settings>", b"\n" + update + b"</w:settings>")
    report = check_package(_rezip(docx, tmp_path / "plan.docx", {"word/settings.xml": moved}))
    assert len(report.problems) == 1
    file, part, line, message = report.problems[0].split(" | ")
    assert (file, part, line) == ("plan.docx", "word/settings.xml", "line 3")
    assert "updateFields" in message and "not expected" in message


def test_schema_errors_in_a_worksheet_are_reported(written, tmp_path):
    book = written["template"]
    sheet = _parts(book)["xl/worksheets/sheet1.xml"]
    bad = sheet.replace(b"<sheetData", b'<sheetData bogus="1"', 1)
    report = check_package(_rezip(book, tmp_path / "bad.xlsx", {"xl/worksheets/sheet1.xml": bad}))
    assert [p.split(" | ")[1] for p in report.problems] == ["xl/worksheets/sheet1.xml"]
    assert "bogus" in report.problems[0]


def test_extension_attribute_outside_ignorable_is_reported(written, tmp_path):
    book = written["template"]
    styles = _parts(book)["xl/styles.xml"]
    x14ac = b'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
    tagged = re.sub(rb"<styleSheet ", b"<styleSheet " + x14ac + b" ", styles, count=1)
    tagged = tagged.replace(b"<fonts ", b'<fonts x14ac:knownFonts="1" ', 1)
    assert check_package(_rezip(book, tmp_path / "a.xlsx", {"xl/styles.xml": tagged})).problems
    ignorable = tagged.replace(b"<styleSheet ", b'<styleSheet xmlns:mc="' + MC.encode() + b'" mc:Ignorable="x14ac" ', 1)
    assert not check_package(_rezip(book, tmp_path / "b.xlsx", {"xl/styles.xml": ignorable})).problems


def test_a_part_without_content_type_or_schema_is_reported(written, tmp_path):
    book = written["template"]
    types = _parts(book)["[Content_Types].xml"]
    no_override = re.sub(rb'<Override PartName="/xl/styles.xml"[^>]*/>', b"", types)
    report = check_package(_rezip(book, tmp_path / "a.xlsx", {"[Content_Types].xml": no_override}))
    assert any("xl/styles.xml" in p and "no schema mapped" in p for p in report.problems), report.problems
    stray = _rezip(book, tmp_path / "b.xlsx", {"xl/stray.xml": b"<x/>"})
    assert any("xl/stray.xml | no relationship reaches" in p for p in check_package(stray).problems)


# ------------------------------------------------------------------------------- markup compatibility
UNDERSTOOD = frozenset({MC, W})


def _mce(xml: str) -> str:
    root = mce_process(etree.fromstring(xml), UNDERSTOOD)
    return re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(root, encoding="unicode"))


def _doc(body: str, attrs: str = 'mc:Ignorable="w14"') -> str:
    return (f'<w:r xmlns:w="{W}" xmlns:mc="{MC}" xmlns:w14="urn:w14" xmlns:w15="urn:w15" {attrs}>'
            f"{body}</w:r>")


def test_mce_drops_ignorable_attributes_and_elements_only():
    out = _mce(_doc('<w:t w14:paraId="1" w:b="x">a</w:t><w14:ext><w:t/></w14:ext><w15:keep/>'))
    assert out == '<w:r><w:t w:b="x">a</w:t><w15:keep/></w:r>'   # w15 is not ignorable: left for the schema


def test_mce_takes_the_first_understood_choice_else_the_fallback():
    alt = ('<mc:AlternateContent><mc:Choice Requires="w14"><w14:x/></mc:Choice>'
           '<mc:Choice Requires="w"><w:t>choice</w:t></mc:Choice><mc:Fallback><w:t>fallback</w:t></mc:Fallback>'
           "</mc:AlternateContent>")
    assert _mce(_doc(alt)) == "<w:r><w:t>choice</w:t></w:r>"
    assert _mce(_doc(alt.replace('Requires="w"', 'Requires="w15"'))) == "<w:r><w:t>fallback</w:t></w:r>"
    assert _mce(_doc('<mc:AlternateContent><mc:Choice Requires="w14"><w14:x/></mc:Choice>'
                     "</mc:AlternateContent><w:t/>")) == "<w:r><w:t/></w:r>"


def test_mce_process_content_unwraps_and_must_understand_fails():
    out = _mce(_doc("<w14:wrap><w:t>kept</w:t></w14:wrap>", 'mc:Ignorable="w14" mc:ProcessContent="w14:wrap"'))
    assert out == "<w:r><w:t>kept</w:t></w:r>"
    with pytest.raises(MceError):
        _mce(_doc("", 'mc:MustUnderstand="w15"'))


def test_the_consumer_understands_the_vendored_namespaces_only():
    ns = understood_namespaces()
    assert {MAIN, W, "http://purl.org/dc/terms/", MC} <= ns
    assert "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" not in ns
