"""The Excel add-in build, checked without Excel: real files, real readers (lxml, olevba, olefile, LibreOffice).

What cannot be checked here (the tab appears, the VBA compiles, RunPython finds the interpreter, Mark of
the Web) is on the manual Windows checklist, docs/addin-checklist.md.
"""

from __future__ import annotations

import copy
import io
import random
import re
import struct
import subprocess
import warnings
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

with warnings.catch_warnings():                 # oletools' pyparsing grammar warns on import
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import decompress_stream

from core.errors import ItaError
from devkit.vba import read_modules
from xladdin import build, ribbon
from xladdin.launcher import vba_messages
from xladdin.vba_project import (
    CfbStorage,
    CfbStream,
    IncompressibleTailError,
    VbaProject,
    compress,
    decompress,
    read_cfb,
    write_cfb,
)

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "customui"  # vendored, see tests/schemas/README.md
XS = "http://www.w3.org/2001/XMLSchema"
CUI = f"{{{ribbon.CUSTOMUI_NS}}}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"     # VB_Base of a Workbook document module
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"    # VB_Base of a Worksheet document module
OFFICE_TYPELIB = "{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}"     # defines IRibbonControl
INTERPRETER = r"C:\Users\สมชาย ใจดี\AppData\Local\Programs\Python\Python312\python.exe"
PYTHONPATH = r"C:\ITA Toolkit & Co\lib"


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("addin")


@pytest.fixture(scope="module")
def xlam(out_dir) -> Path:
    return build.build_addin(out_dir, interpreter=INTERPRETER, pythonpath=PYTHONPATH)


@pytest.fixture(scope="module")
def xlsm(out_dir) -> Path:
    return build.build_xlsm_twin(out_dir, interpreter=INTERPRETER, pythonpath=PYTHONPATH)


@pytest.fixture(scope="module")
def parts(xlam) -> dict[str, bytes]:
    with zipfile.ZipFile(xlam) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.fixture(scope="module")
def vba_bin(parts) -> bytes:
    return parts["xl/vbaProject.bin"]


@pytest.fixture(scope="module")
def modules(vba_bin) -> dict[str, str]:
    return read_modules(vba_bin)


@pytest.fixture(scope="module")
def donor_modules() -> dict[str, str]:
    with zipfile.ZipFile(build.find_donor()) as zf:
        return read_modules(zf.read("xl/vbaProject.bin"))


def customui_schema() -> etree.XMLSchema:
    """customui14.xsd as libxml2 can compile it: attribute uses an extension repeats from its base type
    (20 of them, on 8 types: enabled/getEnabled/image/imageMso/getImage, sizeString, ...) are dropped, on
    an in-memory copy. Dropping a repeat leaves the set of allowed attributes unchanged."""
    doc = etree.parse(str(SCHEMAS / "customui14.xsd"))
    root = doc.getroot()
    q = lambda t: f"{{{XS}}}{t}"
    groups = {g.get("name"): g for g in root.findall(q("attributeGroup"))}
    types = {t.get("name"): t for t in root.findall(q("complexType"))}

    def group_attrs(name: str) -> list:
        out = []
        for ch in groups[name]:
            out += [ch] if ch.tag == q("attribute") else group_attrs(ch.get("ref")) if ch.tag == q(
                "attributeGroup") else []
        return out

    def own(holder) -> set[str]:
        names = {a.get("name") for a in holder.findall(q("attribute"))}
        for g in holder.findall(q("attributeGroup")):
            names |= {a.get("name") for a in group_attrs(g.get("ref"))}
        return names

    def inherited(type_name: str) -> set[str]:
        t = types.get(type_name)
        if t is None:
            return set()
        derived = t.find(f"{q('complexContent')}/*")
        return own(t) if derived is None else inherited(derived.get("base")) | own(derived)

    removed = 0
    for t in types.values():
        ext = t.find(f"{q('complexContent')}/{q('extension')}")
        if ext is None:
            continue
        seen = inherited(ext.get("base"))
        for ch in list(ext):
            if ch.tag == q("attribute"):
                if ch.get("name") in seen:
                    ext.remove(ch)
                    removed += 1
                seen.add(ch.get("name"))
            elif ch.tag == q("attributeGroup"):
                decls = group_attrs(ch.get("ref"))
                if any(a.get("name") in seen for a in decls):
                    at = ext.index(ch)
                    ext.remove(ch)
                    for a in (a for a in decls if a.get("name") not in seen):
                        ext.insert(at, copy.deepcopy(a))
                        at += 1
                    removed += sum(a.get("name") in seen for a in decls)
                seen |= {a.get("name") for a in decls}
    assert removed == 20, f"customui14.xsd changed: {removed} duplicate attribute uses"
    return etree.XMLSchema(doc)


def standard_subs(source: str) -> dict[str, str]:
    """{Sub name: parameter list} of the non-Private Subs in a module's source."""
    pat = re.compile(r"^[ \t]*(?:(?:Public|Friend)[ \t]+)?Sub[ \t]+(\w+)[ \t]*\(([^)]*)\)", re.IGNORECASE | re.MULTILINE)
    private = {m.group(1).lower() for m in re.finditer(r"^[ \t]*Private[ \t]+Sub[ \t]+(\w+)", source, re.IGNORECASE | re.MULTILINE)}
    return {m.group(1): m.group(2) for m in pat.finditer(source) if m.group(1).lower() not in private}


def code_lines(text: str) -> list[str]:
    lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if not ln.startswith("Attribute ")]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def function_lines(lines: list[str], name: str) -> tuple[int, int]:
    """(first, last + 1) of `Function <name>(` … `End Function` in a module's lines."""
    first = next(i for i, ln in enumerate(lines) if re.match(rf"(Public |Private )?Function {name}\(", ln))
    return first, next(i for i in range(first, len(lines)) if lines[i].startswith("End Function")) + 1


def without_function(lines: list[str], name: str) -> list[str]:
    first, last = function_lines(lines, name)
    return lines[:first] + lines[last:]


def conf_sheet(parts: dict[str, bytes]) -> tuple[str, dict[str, str], list[str]]:
    """(sheet name, {key: value}, keys in order) of the add-in's only sheet, read from the package XML."""
    wb = etree.fromstring(parts["xl/workbook.xml"])
    (sheet,) = wb.iter(f"{MAIN}sheet")
    strings = ["".join(si.itertext()) for si in etree.fromstring(parts["xl/sharedStrings.xml"])]
    xml = etree.fromstring(parts["xl/worksheets/sheet1.xml"])
    cells = {c.get("r"): strings[int(c.findtext(f"{MAIN}v"))] for c in xml.iter(f"{MAIN}c")}
    keys = [cells[f"A{i}"] for i in range(1, 100) if f"A{i}" in cells]
    return sheet.get("name"), {cells[f"A{i}"]: cells.get(f"B{i}", "") for i in range(1, len(keys) + 1)}, keys


# ---------------------------------------------------------------------------------------------- ribbon
def test_customui_validates_against_customui14_xsd(parts):
    schema = customui_schema()
    doc = etree.fromstring(parts["customUI/customUI14.xml"])
    assert schema.validate(doc), schema.error_log
    assert doc.tag == f"{CUI}customUI"
    # the schema really checks: a misspelt attribute, a bad size, a button outside a group are refused
    for mutate in (lambda b: b.set("onClick", "x"), lambda b: b.set("size", "huge"),
                   lambda b: b.getparent().getparent().append(b)):
        bad = copy.deepcopy(doc)
        mutate(next(bad.iter(f"{CUI}button")))
        assert not schema.validate(bad)


def test_every_onaction_resolves_to_a_ribbon_sub(parts, modules):
    buttons = list(etree.fromstring(parts["customUI/customUI14.xml"]).iter(f"{CUI}button"))
    assert buttons
    for b in buttons:
        action = b.get("onAction")
        module, _, proc = action.rpartition(".")
        candidates = [module] if module else [m for m in modules if proc in standard_subs(modules[m])]
        assert len(candidates) == 1 and candidates[0] in modules, f"{action}: no single module"
        params = standard_subs(modules[candidates[0]]).get(proc)
        assert params is not None, f"{action}: no public Sub {proc}"
        assert re.fullmatch(r"\s*(ByRef\s+|ByVal\s+)?\w+\s+As\s+IRibbonControl\s*", params, re.IGNORECASE), params


def test_every_tag_is_a_registry_action(parts):
    reg = ribbon.load_ribbon()
    doc = etree.fromstring(parts["customUI/customUI14.xml"])
    tags = [b.get("tag") for b in doc.iter(f"{CUI}button")]
    assert tags == list(reg.actions)
    assert set(tags) == {"validate", "report", "merge", "template", "rollover", "doctor", "selftest", "guide"}
    ids = [e.get("id") for e in doc.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.isascii() for i in ids)
    (tab,) = doc.iter(f"{CUI}tab")
    assert tab.get("label") == "ITA"
    labels = {b.get("tag"): b.get("label") for b in doc.iter(f"{CUI}button")}
    assert labels["validate"] == "ตรวจสอบข้อมูล" and labels["merge"] == "รวมไฟล์หน่วยงาน"
    assert all(b.get("screentip") and b.get("imageMso") for b in doc.iter(f"{CUI}button"))


def test_registry_refuses_broken_entries(tmp_path):
    good = ribbon.REGISTRY.read_text(encoding="utf-8")
    cases = {"duplicate tag": good.replace('tag = "report"', 'tag = "validate"'),
             "Thai id": good.replace('id = "ITAReport"', 'id = "ITAรายงาน"'),
             "tag not a Python name": good.replace('tag = "guide"', 'tag = "guide-me"'),
             "empty screentip": good.replace('screentip = "เปิดคู่มือการใช้งาน"', 'screentip = ""')}
    for what, text in cases.items():
        assert text != good, what
        path = tmp_path / "buttons.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValueError):
            ribbon.load_ribbon(path)


# ---------------------------------------------------------------------------------------------- package
def test_package_declares_an_addin_and_links_the_ribbon(parts, xlsm):
    rels = etree.fromstring(parts["_rels/.rels"])
    ui = [r for r in rels if r.get("Type") == build.REL_UI]
    assert [r.get("Target") for r in ui] == ["customUI/customUI14.xml"]
    assert not [n for n in parts if n.lower().startswith("customui/") and n != "customUI/customUI14.xml"]
    ids = [r.get("Id") for r in rels]
    assert len(ids) == len(set(ids))
    for r in rels:                                            # every package relationship resolves
        assert r.get("Target").lstrip("/") in parts
    wb_rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    for r in wb_rels:
        assert "xl/" + r.get("Target") in parts

    def content_types(data: bytes) -> dict[str, str]:
        return {o.get("PartName"): o.get("ContentType") for o in etree.fromstring(data).iter(f"{CT}Override")}

    ct = content_types(parts["[Content_Types].xml"])
    assert ct["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
    assert ct["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    with zipfile.ZipFile(xlsm) as zf:
        twin = content_types(zf.read("[Content_Types].xml"))
        assert twin["/xl/workbook.xml"] == "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
        assert zf.read("xl/vbaProject.bin") == parts["xl/vbaProject.bin"]
    assert next(iter(parts)) == "[Content_Types].xml"


def test_codenames_match_the_vba_document_modules(parts, modules):
    wb = etree.fromstring(parts["xl/workbook.xml"])
    wb_code = wb.find(f"{MAIN}workbookPr").get("codeName")
    sheet_codes = []
    for name in (n for n in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)):
        sheet_codes.append(etree.fromstring(parts[name]).find(f"{MAIN}sheetPr").get("codeName"))
    assert len(sheet_codes) == len(list(wb.iter(f"{MAIN}sheet")))
    assert WORKBOOK_BASE in modules[wb_code]
    for code in sheet_codes:
        assert WORKSHEET_BASE in modules[code]
    documents = {m for m, src in modules.items() if WORKBOOK_BASE in src or WORKSHEET_BASE in src}
    assert documents == {wb_code, *sheet_codes}


def test_xlwings_is_stamped_and_reads_the_conf_sheet(parts, modules):
    src = modules["xlwings"]
    assert re.search(r'^Public Const XLWINGS_VERSION As String = "([^"]+)"', src, re.MULTILINE).group(1) \
        == xlwings.__version__
    dlls = set(re.findall(r'"xlwings(?:32|64)-([^"]+)\.dll"', src))
    assert dlls == {xlwings.__version__}
    project = re.search(r'^Public Const PROJECT_NAME As String = "([^"]+)"', src, re.MULTILINE).group(1)
    name, conf, keys = conf_sheet(parts)
    assert name == f"{project}.conf" == build.CONF_SHEET       # xlwings: wb.Sheets(PROJECT_NAME & ".conf")
    assert 'Sheets(PROJECT_NAME & ".conf")' in src
    assert f'Private Const CONF_SHEET As String = "{build.CONF_SHEET}"' in modules["ITARibbon"]
    assert len(keys) == len({k.upper() for k in keys})    # a repeated key is VBA error 457 at run time
    assert conf == {"INTERPRETER_WIN": INTERPRETER, "PYTHONPATH": PYTHONPATH, "ADD_WORKBOOK_TO_PYTHONPATH": "false"}


def test_conf_rows_leave_unset_keys_to_the_user_config():
    assert build.conf_rows() == [("ADD_WORKBOOK_TO_PYTHONPATH", "false")]
    for bad in ("python", r"C:\Python312\\", 'C:\\x"y\\python.exe'):      # a bare name, a folder, a quote
        with pytest.raises(ItaError):
            build.conf_rows(bad)


# ---------------------------------------------------------------------------------------------- VBA
def test_ribbon_module_is_the_committed_bas_filled_in(modules, donor_modules):
    committed = build.RIBBON_BAS.read_bytes()
    assert committed.isascii(), "VBA source is code page 1252: no Thai in the .bas"
    source = build.ribbon_source()
    assert source.isascii() and max(len(line) for line in source.splitlines()) <= 1023   # VBA's line limit
    assert code_lines(modules["ITARibbon"]) == code_lines(source)
    assert modules["ITARibbon"].startswith('Attribute VB_Name = "ITARibbon"')
    # the committed text is the source with two generated parts: the launch arguments and the messages
    const = re.search(r"^Private Const LAUNCH_ARGS As String = [^\r\n]*", source, re.MULTILINE).group(0)
    assert source.replace(const, "'@LAUNCH_ARGS@").replace(vba_messages(), "'@MESSAGES@") == committed.decode()
    assert "RibbonMyAddin" not in modules
    # nothing else changed: same modules, donor sources except the stamped xlwings module
    assert set(modules) == set(donor_modules) - {"RibbonMyAddin"} | {"ITARibbon"}
    for name in set(modules) - {"ITARibbon", "xlwings"}:
        assert modules[name] == donor_modules[name], name
    stamped = build.stamp_xlwings_module(donor_modules["xlwings"], version=xlwings.__version__)
    assert code_lines(modules["xlwings"]) == code_lines(stamped)
    # outside GetConfig only the version and project lines differ from the donor
    donor_rest, stamped_rest = (without_function(code_lines(s), "GetConfig") for s in (donor_modules["xlwings"], stamped))
    changed = [(a, b) for a, b in zip(donor_rest, stamped_rest) if a != b]
    assert len(donor_rest) == len(stamped_rest)
    assert all("PROJECT_NAME" in a or xlwings.__version__ in b for a, b in changed) and len(changed) >= 1


def test_vba_project_is_source_only_and_consistent(vba_bin):
    ole = olefile.OleFileIO(io.BytesIO(vba_bin), raise_defects=olefile.DEFECT_INCORRECT)
    streams = ["/".join(p) for p in ole.listdir()]
    assert not [s for s in streams if "__SRP_" in s.upper()]
    vp = ole.openstream("VBA/_VBA_PROJECT").read()
    assert vp[:2] == b"\xCC\x61" and struct.unpack_from("<H", vp, 2)[0] == 0xFFFF
    project = VbaProject(vba_bin)
    offsets = {m.name: m.offset for m in project.modules()}
    assert offsets["ITARibbon"] == 0 and offsets["xlwings"] == 0
    assert {m.stream for m in project.modules()} <= {s.split("/")[1] for s in streams if s.startswith("VBA/")}
    listing = ole.openstream("PROJECT").read().decode("cp1252")
    assert re.search(r"^Module=ITARibbon\r?$", listing, re.MULTILINE) and "RibbonMyAddin" not in listing
    assert b"I\x00T\x00A\x00R\x00i\x00b\x00b\x00o\x00n" in ole.openstream("PROJECTwm").read()
    assert any(OFFICE_TYPELIB in ref.upper() for ref in project.references()), "IRibbonControl needs Office"


def test_the_unused_forms_reference_and_the_donor_authors_folder_are_gone(parts, vba_bin, donor_modules):
    """The donor's Microsoft Forms reference (a cached MSForms.exd in its author's temp folder) is not
    used by any module (no UserForm, no DataObject): it is dropped, and no part names a user folder."""
    project = VbaProject(vba_bin)
    assert project.reference_names() == ["Office"]
    with zipfile.ZipFile(build.find_donor()) as zf:
        assert VbaProject(zf.read("xl/vbaProject.bin")).reference_names() == ["MSForms", "Office"]
    forms = re.compile(r"\b(MSForms|UserForm|DataObject|Frame|CommandButton|TextBox|ComboBox|ListBox)\b")
    assert not [m for m, src in donor_modules.items() if forms.search(src)]
    dir_stream = decompress_stream(bytearray(olefile.OleFileIO(io.BytesIO(vba_bin)).openstream("VBA/dir").read()))
    for name, data in [*parts.items(), ("VBA/dir (decompressed)", bytes(dir_stream))]:
        assert b"felix" not in data.lower() and b"msforms" not in data.lower(), name
    assert b"\\users\\" not in bytes(dir_stream).lower() and b"\\users\\" not in vba_bin.lower()


# ---------------------------------------------------------------------------------------------- LibreOffice
@pytest.mark.libreoffice
def test_libreoffice_parses_the_vba_project(xlsm, tmp_path):
    from converters.office.engine import find_soffice

    soffice = find_soffice()
    assert soffice, "LibreOffice (soffice) not installed: make test installs it"
    profile = (tmp_path / "lo-profile").as_uri()
    res = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                          "--convert-to", "ods", "--outdir", str(tmp_path), str(xlsm)],
                         capture_output=True, text=True, timeout=300, check=False)
    ods = tmp_path / "ITA.ods"
    assert ods.is_file(), res.stdout + res.stderr
    with zipfile.ZipFile(ods) as zf:
        names = zf.namelist()
        (lib_index,) = [n for n in names if re.fullmatch(r"Basic/(?!Standard/)[^/]+/script-lb\.xml", n)]
        lib = lib_index.split("/")[1]
        listed = set(re.findall(r'library:name="([^"]+)"', zf.read(lib_index).decode())) - {lib}
        assert {"ITARibbon", "xlwings", "Dictionary", "ThisWorkbook", "Sheet2"} <= listed
        basic = etree.fromstring(zf.read(f"Basic/{lib}/ITARibbon.xml"), etree.XMLParser(load_dtd=False))
        lo_lines = code_lines(basic.text)
        assert lo_lines[:2] == ["Rem Attribute VBA_ModuleType=VBAModule", "Option VBASupport 1"]
        assert lo_lines[2:] == code_lines(build.ribbon_source())
        xlw = etree.fromstring(zf.read(f"Basic/{lib}/xlwings.xml"), etree.XMLParser(load_dtd=False)).text
        assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in xlw
        content = zf.read("content.xml").decode("utf-8")
    assert 'table:name="ita.conf"' in content and INTERPRETER in content  # the conf sheet, Thai path intact


# ---------------------------------------------------------------------------------------------- build
def test_build_is_reproducible_and_atomic(tmp_path, xlam):
    again = build.build_addin(tmp_path, interpreter=INTERPRETER, pythonpath=PYTHONPATH)
    assert again.read_bytes() == xlam.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ITA.xlam"]        # no temporary file left behind
    (tmp_path / "ITA.xlam").write_bytes(b"old")
    build.build_addin(tmp_path)
    assert zipfile.is_zipfile(tmp_path / "ITA.xlam")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ITA.xlam"]


# ---------------------------------------------------------------------------------------------- MS-OVBA / CFB
def chunk_sizes(container: bytes) -> list[int]:
    """Decompressed size of every chunk, decompressing chunk by chunk."""
    sizes, i = [], 1
    while i < len(container):
        header = struct.unpack_from("<H", container, i)[0]
        size = (header & 0x0FFF) + 3
        assert (header >> 12) & 0b111 == 0b011
        sizes.append(len(decompress_stream(bytearray(b"\x01" + container[i:i + size]))))
        i += size
    return sizes


def sample(kind: str, n: int, rng: random.Random) -> bytes:
    if kind == "random":
        return rng.randbytes(n)
    if kind == "zeros":
        return bytes(n)
    if kind == "vba":
        line = 'Public Const X{i} As String = "xlwings{i}"\r\n'
        return "".join(line.format(i=rng.randrange(10 ** 6)) for _ in range(n // 20 + 1)).encode()[:n]
    words = [rng.randbytes(rng.randrange(1, 12)) for _ in range(40)]                # "text"
    return b"".join(rng.choice(words) for _ in range(n))[:n]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 17, 4095, 4096, 4097, 8191, 8192, 8193, 12288, 3 * 4096 + 100, 50_000])
@pytest.mark.parametrize("kind", ["random", "zeros", "vba", "text"])
def test_compress_round_trips_through_oletools(n, kind):
    data = sample(kind, n, random.Random(n * 31 + len(kind)))
    try:
        container = compress(data)
    except IncompressibleTailError:
        assert kind == "random" and n % 4096 > 3640          # a literal-only short chunk cannot hold it
        return
    assert container[0] == 1
    assert bytes(decompress_stream(bytearray(container))) == data
    assert decompress(container) == data                      # our decompressor agrees with oletools'
    sizes = chunk_sizes(container)
    assert sum(sizes) == n and all(s == 4096 for s in sizes[:-1])
    if kind in ("zeros", "vba") and n > 100:
        assert len(container) < n / 2                         # real copy tokens, not literals only


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=9000), st.integers(0, 3))
def test_compress_round_trips_for_any_bytes(data, repeat):
    data = data * (repeat + 1)
    try:
        container = compress(data)
    except IncompressibleTailError:
        assert len(data) % 4096 > 3640
        return
    assert bytes(decompress_stream(bytearray(container))) == data == decompress(container)


def test_decompress_reads_what_excel_wrote_as_oletools_does():
    """Every compressed stream of the Excel-authored donor project (dir and module sources), and refusals."""
    with zipfile.ZipFile(build.find_donor()) as zf:
        project = VbaProject(zf.read("xl/vbaProject.bin"))
    dir_stream = project.vba.get("dir")
    assert decompress(dir_stream.data) == bytes(decompress_stream(bytearray(dir_stream.data)))
    for m in project.modules():
        raw = project.vba.get(m.stream).data[m.offset:]
        assert decompress(raw) == bytes(decompress_stream(bytearray(raw))), m.name
    for bad in (b"", b"\x00\x01\xb0", b"\x01\x00\x00"):
        with pytest.raises(ValueError):
            decompress(bad)


def test_cfb_writer_round_trips_and_keeps_a_valid_tree():
    rng = random.Random(7)
    names = [f"S{i}" for i in range(37)] + ["dir", "_VBA_PROJECT", "PROJECTwm", "a" * 31]
    sizes = [0, 1, 63, 64, 65, 4095, 4096, 4097, 100_000]
    streams = [CfbStream(n, rng.randbytes(sizes[i % len(sizes)])) for i, n in enumerate(names)]
    inner = CfbStorage("VBA", [CfbStream("x", b"inner"), CfbStorage("empty")],
                       clsid=bytes.fromhex("00112233445566778899aabbccddeeff"))
    data = write_cfb(CfbStorage("Root Entry", streams + [inner]))
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    for s in streams:
        assert ole.openstream(s.name).read() == s.data
    assert ole.openstream("VBA/x").read() == b"inner"
    assert ole.getclsid("VBA") == "33221100-5544-7766-8899-AABBCCDDEEFF"
    back = read_cfb(data)
    assert {c.name for c in back.children} == set(names) | {"VBA"}

    def key(name: str) -> tuple[int, str]:
        return len(name), name.upper()

    def black_height(sid: int) -> int:                     # raises on a red-red edge or unequal paths
        if sid == olefile.NOSTREAM:
            return 1
        e = ole.direntries[sid]
        for kid in (e.sid_left, e.sid_right):
            assert e.color == 1 or kid == olefile.NOSTREAM or ole.direntries[kid].color == 1
        left, right = black_height(e.sid_left), black_height(e.sid_right)
        assert left == right
        return left + e.color

    def in_order(sid: int) -> list[str]:
        if sid == olefile.NOSTREAM:
            return []
        e = ole.direntries[sid]
        return in_order(e.sid_left) + [e.name] + in_order(e.sid_right)

    root = ole.direntries[0]
    assert ole.direntries[root.sid_child].color == 1
    black_height(root.sid_child)
    assert in_order(root.sid_child) == sorted(names + ["VBA"], key=key)


def test_donor_project_survives_a_rewrite_unchanged():
    with zipfile.ZipFile(build.find_donor()) as zf:
        donor = zf.read("xl/vbaProject.bin")
    rewritten = VbaProject(donor).to_bytes()
    assert read_modules(rewritten) == read_modules(donor)
    ole_a, ole_b = (olefile.OleFileIO(io.BytesIO(b)) for b in (donor, rewritten))
    for path in ole_a.listdir():
        if path != ["VBA", "dir"]:                         # dir is recompressed: same content, other tokens
            assert ole_a.openstream(path).read() == ole_b.openstream(path).read(), path
    assert decompress_stream(bytearray(ole_a.openstream("VBA/dir").read())) == \
        decompress_stream(bytearray(ole_b.openstream("VBA/dir").read()))

