"""Check every XML part of an Office Open XML package (xlsx, xlsm, xlam, docx) against the ECMA-376 schemas.

    report = check_package(path)          # report.problems == [] when every part conforms
    report.validated                      # {part name: root element it was validated as}

What a part must be is read from the package, as Office reads it: the part's content type
([Content_Types].xml, Override before Default) picks the schema and the root element; a part of a generic
content type (application/xml) is placed by the relationship that reaches it (custom XML data by the
schema its properties part names). Parts are walked from /_rels/.rels along relationships, so a part that
nothing reaches, or an XML content type that nothing maps, is a problem too, never silently skipped.

Before validation each part goes through Markup Compatibility processing (ECMA-376 Part 3) as a consumer
that understands exactly the namespaces of the vendored schemas would do it: see `mce_process`. The schemas
are the ECMA-376 Transitional set (tests/schemas/ooxml, where README.md says where they come from).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "tests" / "schemas" / "ooxml"

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_OFF = "application/vnd.openxmlformats-officedocument"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "application/vnd.openxmlformats-package.relationships+xml"

# the schema documents loaded, in import order (xml, then Dublin Core, before the OPC and ECMA ones that use them)
SCHEMA_FILES = (
    "w3c/xml.xsd", "dcmi/dc.xsd", "dcmi/dcmitype.xsd", "dcmi/dcterms.xsd",
    "transitional/opc-xsd/opc-contentTypes.xsd", "transitional/opc-xsd/opc-relationships.xsd",
    "transitional/opc-xsd/opc-coreProperties.xsd", "transitional/shared-documentPropertiesExtended.xsd",
    "transitional/shared-documentPropertiesCustom.xsd", "transitional/shared-customXmlDataProperties.xsd",
    "transitional/shared-bibliography.xsd", "transitional/sml.xsd", "transitional/wml.xsd",
    "transitional/dml-chart.xsd", "transitional/dml-spreadsheetDrawing.xsd", "transitional/vml-main.xsd",
)

# content type -> the root element its part must have (namespace, local name)
ROOTS: dict[str, tuple[str, str]] = {
    RELS: (PR, "Relationships"),
    "application/vnd.openxmlformats-package.core-properties+xml":
        ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "coreProperties"),
    f"{_OFF}.extended-properties+xml":
        ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", "Properties"),
    f"{_OFF}.custom-properties+xml":
        ("http://schemas.openxmlformats.org/officeDocument/2006/custom-properties", "Properties"),
    f"{_OFF}.customXmlProperties+xml": (_DS, "datastoreItem"),
    f"{_OFF}.theme+xml": ("http://schemas.openxmlformats.org/drawingml/2006/main", "theme"),
    f"{_OFF}.drawing+xml": ("http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing", "wsDr"),
    f"{_OFF}.drawingml.chart+xml": ("http://schemas.openxmlformats.org/drawingml/2006/chart", "chartSpace"),
    f"{_OFF}.spreadsheetml.sheet.main+xml": (_S, "workbook"),
    f"{_OFF}.spreadsheetml.template.main+xml": (_S, "workbook"),
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": (_S, "workbook"),
    "application/vnd.ms-excel.addin.macroEnabled.main+xml": (_S, "workbook"),
    f"{_OFF}.spreadsheetml.worksheet+xml": (_S, "worksheet"),
    f"{_OFF}.spreadsheetml.styles+xml": (_S, "styleSheet"),
    f"{_OFF}.spreadsheetml.sharedStrings+xml": (_S, "sst"),
    f"{_OFF}.spreadsheetml.table+xml": (_S, "table"),
    f"{_OFF}.spreadsheetml.comments+xml": (_S, "comments"),
    f"{_OFF}.spreadsheetml.calcChain+xml": (_S, "calcChain"),
    f"{_OFF}.wordprocessingml.document.main+xml": (_W, "document"),
    f"{_OFF}.wordprocessingml.styles+xml": (_W, "styles"),
    f"{_OFF}.wordprocessingml.settings+xml": (_W, "settings"),
    f"{_OFF}.wordprocessingml.webSettings+xml": (_W, "webSettings"),
    f"{_OFF}.wordprocessingml.fontTable+xml": (_W, "fonts"),
    f"{_OFF}.wordprocessingml.numbering+xml": (_W, "numbering"),
    f"{_OFF}.wordprocessingml.header+xml": (_W, "hdr"),
    f"{_OFF}.wordprocessingml.footer+xml": (_W, "ftr"),
    f"{_OFF}.wordprocessingml.footnotes+xml": (_W, "footnotes"),
    f"{_OFF}.wordprocessingml.endnotes+xml": (_W, "endnotes"),
    f"{_OFF}.wordprocessingml.comments+xml": (_W, "comments"),
}
GENERIC_XML = ("application/xml", "text/xml")
CUSTOM_XML_REL = f"{_REL}/customXml"
CUSTOM_XML_PROPS_REL = f"{_REL}/customXmlProps"
# parts of a generic content type checked elsewhere, by the relationship type that reaches them
CHECKED_ELSEWHERE = {
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility":
        "customUI (Microsoft's schema, tests/test_addin_build.py)",
    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility":
        "customUI (Microsoft's schema, tests/test_addin_build.py)",
}


@dataclass
class Report:
    """What `check_package` found: one line per problem ("file | part | line N | message")."""
    path: Path
    validated: dict[str, str] = field(default_factory=dict)   # part -> root element validated
    elsewhere: dict[str, str] = field(default_factory=dict)   # part -> where it is checked instead
    problems: list[str] = field(default_factory=list)

    def problem(self, part: str, message: str, line: int | None = None) -> None:
        where = f" | line {line}" if line is not None else ""
        self.problems.append(f"{self.path.name} | {part}{where} | {message}")


# ---------------------------------------------------------------------------------------------- schemas
_XS = "http://www.w3.org/2001/XMLSchema"


def _sml_text_keeps_xml_space(doc: etree._ElementTree) -> None:
    """Let SpreadsheetML's <t> carry xml:space, on the in-memory copy of sml.xsd.

    The schema types <t> (shared strings, inline strings, rich-text runs) as the simple type ST_Xstring, so
    it takes no attribute; yet Excel writes <t xml:space="preserve"> whenever a text has leading or trailing
    spaces (without it an XML processor may drop them), and so do openpyxl, XlsxWriter and LibreOffice. The
    type leaves out what every producer writes; the check allows that one attribute and nothing else.
    """
    root = doc.getroot()
    root.insert(0, etree.Element(f"{{{_XS}}}import", namespace=XML_NS))
    for decl in root.iter(f"{{{_XS}}}element"):
        if decl.get("name") == "t" and decl.get("type") == "s:ST_Xstring":
            del decl.attrib["type"]
            ext = etree.SubElement(etree.SubElement(etree.SubElement(decl, f"{{{_XS}}}complexType"),
                                                    f"{{{_XS}}}simpleContent"), f"{{{_XS}}}extension",
                                   base="s:ST_Xstring")
            etree.SubElement(ext, f"{{{_XS}}}attribute", ref="xml:space")


# schema documents corrected in memory before compiling (the vendored files stay as published)
ERRATA = {"transitional/sml.xsd": _sml_text_keeps_xml_space}


class _Errata(etree.Resolver):
    """Hands libxml2 the corrected text of the ERRATA documents instead of the files."""

    def __init__(self, docs: dict[str, bytes]) -> None:
        super().__init__()
        self.docs = docs

    def resolve(self, url, pubid, context):
        if url in self.docs:
            return self.resolve_string(self.docs[url], context, base_url=url)
        return None


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """One compiled schema holding every vendored namespace.

    A driver document imports the schema files in SCHEMA_FILES order with local paths; libxml2 keeps the
    first schema it loads for a namespace, so the imports the ECMA files make without a location (the xml
    namespace) or with a remote one (Dublin Core) resolve to the vendored copies and nothing is fetched.
    """
    parser = etree.XMLParser(no_network=True)
    patched = {}
    for name, fix in ERRATA.items():
        doc = etree.parse(str(SCHEMA_DIR / name))
        fix(doc)
        patched[(SCHEMA_DIR / name).as_uri()] = etree.tostring(doc)
    parser.resolvers.add(_Errata(patched))
    driver = etree.Element(f"{{{_XS}}}schema", nsmap={"xs": _XS})
    for name in SCHEMA_FILES:
        path = SCHEMA_DIR / name
        ns = etree.parse(str(path)).getroot().get("targetNamespace")
        etree.SubElement(driver, f"{{{_XS}}}import", namespace=ns, schemaLocation=path.as_uri())
    return etree.XMLSchema(etree.fromstring(etree.tostring(driver), parser, base_url=SCHEMA_DIR.as_uri() + "/"))


@lru_cache(maxsize=1)
def understood_namespaces() -> frozenset[str]:
    """The namespaces a consumer holding the vendored schemas understands (every targetNamespace loaded)."""
    out = {MC, XSI, XML_NS}
    for path in SCHEMA_DIR.rglob("*.xsd"):
        ns = etree.parse(str(path)).getroot().get("targetNamespace")
        if ns:
            out.add(ns)
    return frozenset(out)


# ------------------------------------------------------------------------------ markup compatibility
class MceError(ValueError):
    """The part requires a namespace the consumer does not understand (mc:MustUnderstand)."""


def _prefixes(el: etree._Element, value: str | None) -> set[str]:
    """Namespace names of the space-separated prefixes in an mc attribute, resolved where `el` stands."""
    return {el.nsmap.get(p, "") for p in (value or "").split()}


def mce_process(root: etree._Element, understood: frozenset[str]) -> etree._Element:
    """Markup Compatibility pre-processing (ECMA-376 Part 3, §10) of `root`, in place, as a consumer does.

    - mc:Ignorable namespaces (declared on an element, in force for it and its descendants) that the
      consumer does not understand are dropped: their attributes removed, their elements removed with
      their content, or unwrapped when mc:ProcessContent names them;
    - mc:AlternateContent is replaced by the content of its first mc:Choice whose Requires prefixes are
      all understood, else of its mc:Fallback, else by nothing;
    - mc:MustUnderstand naming a namespace not understood is an error (MceError);
    - the mc attributes themselves go. Elements keep their source line, so schema errors point into the
      part as written. A non-ignorable unknown namespace is left for the schema to reject.
    """
    _process(root, understood, frozenset(), frozenset())
    return root


def _process(el: etree._Element, understood: frozenset[str], ignorable: frozenset[str],
             process_content: frozenset[str]) -> None:
    must = _prefixes(el, el.get(f"{{{MC}}}MustUnderstand")) - understood
    if must:
        raise MceError(f"mc:MustUnderstand names namespaces not understood: {', '.join(sorted(must))}")
    ignorable = ignorable | _prefixes(el, el.get(f"{{{MC}}}Ignorable"))
    for qname in (el.get(f"{{{MC}}}ProcessContent") or "").split():
        prefix, _, local = qname.rpartition(":")
        process_content = process_content | {f"{{{el.nsmap.get(prefix or None, '')}}}{local}"}
    for name in list(el.attrib):
        ns = etree.QName(name).namespace
        if ns == MC or (ns in ignorable and ns not in understood):
            del el.attrib[name]
    for child in list(el):
        if not isinstance(child.tag, str):                  # comments and processing instructions
            continue
        ns = etree.QName(child).namespace
        ignored = ns not in understood and ns in ignorable | _prefixes(child, child.get(f"{{{MC}}}Ignorable"))
        if child.tag == f"{{{MC}}}AlternateContent":
            chosen = _choose(child, understood)
            _replace(child, chosen)
            for node in chosen:
                if isinstance(node.tag, str):
                    _process(node, understood, ignorable, process_content)
        elif ignored:
            if child.tag in process_content:
                kids = list(child)
                _replace(child, kids)
                for node in kids:
                    if isinstance(node.tag, str):
                        _process(node, understood, ignorable, process_content)
            else:
                el.remove(child)
        else:
            _process(child, understood, ignorable, process_content)


def _choose(alternate: etree._Element, understood: frozenset[str]) -> list[etree._Element]:
    for branch in alternate:
        if branch.tag == f"{{{MC}}}Choice" and _prefixes(branch, branch.get("Requires")) <= understood:
            return list(branch)
        if branch.tag == f"{{{MC}}}Fallback":
            return list(branch)
    return []


def _replace(old: etree._Element, new: list[etree._Element]) -> None:
    parent = old.getparent()
    at = parent.index(old)
    parent.remove(old)
    for offset, node in enumerate(new):
        parent.insert(at + offset, node)


# --------------------------------------------------------------------------------------------- package
@dataclass(frozen=True)
class Rel:
    source: str
    type: str
    target: str


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _relationships(zf: zipfile.ZipFile, part: str) -> Iterator[Rel]:
    """Internal relationships of `part` ("" is the package), targets resolved to part names."""
    rels = _rels_name(part)
    if rels not in zf.NameToInfo:
        return
    folder = posixpath.dirname(part)
    for r in etree.fromstring(zf.read(rels)).iter(f"{{{PR}}}Relationship"):
        if r.get("TargetMode") == "External":
            continue
        target = r.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        yield Rel(part, r.get("Type", ""), name)


def _content_types(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    root = etree.fromstring(zf.read("[Content_Types].xml"))
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in root.iter(f"{{{CT}}}Override")}
    return defaults, overrides


def _reached(zf: zipfile.ZipFile) -> dict[str, Rel]:
    """Every part reachable from the package relationships -> the first relationship that reaches it."""
    reached: dict[str, Rel] = {}
    todo = [""]
    while todo:
        for rel in _relationships(zf, todo.pop()):
            if rel.target not in reached:
                reached[rel.target] = rel
                todo.append(rel.target)
    return reached


def _is_xml(content_type: str) -> bool:
    return content_type.endswith("+xml") or content_type in GENERIC_XML


def _expected_root(zf: zipfile.ZipFile, part: str, content_type: str, rel: Rel | None,
                   report: Report) -> tuple[str, str] | None:
    """(namespace, local name) the part must have as root; None when it is checked elsewhere or not at all."""
    if content_type in ROOTS:
        return ROOTS[content_type]
    if rel is not None and rel.type in CHECKED_ELSEWHERE:
        report.elsewhere[part] = CHECKED_ELSEWHERE[rel.type]
        return None
    if rel is not None and rel.type == CUSTOM_XML_REL:
        props = [r.target for r in _relationships(zf, part) if r.type == CUSTOM_XML_PROPS_REL]
        refs = {ref.get(f"{{{_DS}}}uri") for p in props
                for ref in etree.fromstring(zf.read(p)).iter(f"{{{_DS}}}schemaRef")}
        root = etree.QName(etree.fromstring(zf.read(part)))
        if root.namespace in refs & understood_namespaces():
            return root.namespace, root.localname
        report.problem(part, f"custom XML data in {root.namespace}: no vendored schema among its schemaRefs {refs}")
        return None
    report.problem(part, f"no schema mapped for content type {content_type!r} "
                         f"(reached by {rel.type if rel else 'no relationship'})")
    return None


def _validate(report: Report, part: str, data: bytes, expected: tuple[str, str]) -> None:
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        report.problem(part, f"not well-formed: {e}")
        return
    try:
        mce_process(root, understood_namespaces())
    except MceError as e:
        report.problem(part, str(e), root.sourceline)
        return
    got = etree.QName(root)
    if (got.namespace, got.localname) != expected:
        report.problem(part, f"root element {got.text}, expected {{{expected[0]}}}{expected[1]}", root.sourceline)
        return
    xsd = schema()
    if not xsd.validate(root):
        for err in xsd.error_log:
            report.problem(part, f"{err.message} (at {err.path})", err.line)
    report.validated[part] = got.localname


def check_package(path: Path) -> Report:
    """Validate [Content_Types].xml, every relationships part and every XML part reached from them."""
    report = Report(Path(path))
    with zipfile.ZipFile(path) as zf:
        if "[Content_Types].xml" not in zf.NameToInfo:
            report.problem("[Content_Types].xml", "missing")
            return report
        _validate(report, "[Content_Types].xml", zf.read("[Content_Types].xml"), (CT, "Types"))
        defaults, overrides = _content_types(zf)
        reached = _reached(zf)
        for target, rel in reached.items():
            if target not in zf.NameToInfo:
                report.problem(_rels_name(rel.source), f"relationship target {target} is not in the package")
        for part in (n for n in zf.namelist() if not n.endswith("/") and n != "[Content_Types].xml"):
            extension = posixpath.basename(part).rpartition(".")[2].lower()
            content_type = overrides.get(part) or defaults.get(extension)
            if content_type is None:
                report.problem(part, "no content type in [Content_Types].xml")
                continue
            if part not in reached and content_type != RELS:
                report.problem(part, "no relationship reaches this part")
            if _is_xml(content_type):
                expected = _expected_root(zf, part, content_type, reached.get(part), report)
                if expected is not None:
                    _validate(report, part, zf.read(part), expected)
    return report
