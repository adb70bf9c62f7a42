"""Build ITA.xlam (and an .xlsm twin for LibreOffice-based checks) from xlwings' own ribbon add-in.

The donor is `quickstart_addin_ribbon.xlam` from the installed xlwings wheel (an Excel-authored VBA
project: its document modules, references and the `xlwings` module). The build:

* replaces the donor's ribbon module `RibbonMyAddin` by xladdin/vba/ITARibbon.bas (source-only form),
  renamed `ITARibbon`, with the launch command and the Thai messages of xladdin/launcher.py filled in:
  the buttons start Python themselves (Unicode-safe), not through xlwings' RunPython;
* stamps the `xlwings` module: XLWINGS_VERSION (and the DLL names) = xlwings.__version__,
  PROJECT_NAME = "ita", and a GetConfig that never reads the active workbook's ita.conf sheet or an
  ita.conf file beside it (a received workbook must not steer the add-in);
* drops the donor's unused Microsoft Forms reference (it records the donor author's temp folder);
* replaces customUI/customUI.xml (2006 namespace) by customUI/customUI14.xml generated from buttons.toml,
  linked from _rels/.rels;
* renames the settings sheet to "ita.conf" and fills it (INTERPRETER_WIN, PYTHONPATH);
* writes the package atomically (temporary file + os.replace).
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from core.errors import ItaError
from xladdin.launcher import LAUNCH_ARGS, launch_command, vba_messages
from xladdin.ribbon import VBA_MODULE, customui_xml, load_ribbon, xml_bytes

__all__ = [
    "ADDIN_NAME",
    "CONF_SHEET",
    "PROJECT_NAME",
    "RIBBON_BAS",
    "AddinBuildError",
    "build_addin",
    "build_package",
    "build_xlsm_twin",
    "conf_rows",
    "find_donor",
    "ribbon_source",
    "stamp_xlwings_module",
]

ADDIN_NAME = "ITA"                      # -> ITA.xlam
PROJECT_NAME = "ita"                    # xlwings' PROJECT_NAME constant in the add-in's VBA
CONF_SHEET = f"{PROJECT_NAME}.conf"     # xlwings reads Sheets(PROJECT_NAME & ".conf") of the add-in
RIBBON_BAS = Path(__file__).with_name("vba") / f"{VBA_MODULE}.bas"
DONOR_FILE = "quickstart_addin_ribbon.xlam"
DONOR_RIBBON_MODULE = "RibbonMyAddin"
XLWINGS_MODULE = "xlwings"
UNUSED_REFERENCES = ("MSForms",)        # no module uses Microsoft Forms; the reference names felix's temp folder

CT_ADDIN = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
CT_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_VBA = "application/vnd.ms-office.vbaProject"
REL_UI = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)       # fixed, so two builds of the same inputs are byte-identical


class AddinBuildError(ItaError):
    """The add-in cannot be built (missing template, file locked by Excel, ...)."""


def find_donor() -> Path:
    """The ribbon add-in template shipped in the installed xlwings wheel."""
    import xlwings

    path = Path(xlwings.__file__).resolve().parent / DONOR_FILE
    if not path.is_file():
        raise AddinBuildError(f"ไม่พบแม่แบบส่วนเสริม {DONOR_FILE} ใน xlwings {xlwings.__version__}: "
                              "ติดตั้ง xlwings ใหม่ (pip install --force-reinstall xlwings)",
                              english=f"{path} missing")
    return path


def conf_rows(interpreter: str | None = None, pythonpath: str | None = None) -> list[tuple[str, str]]:
    """Key/value rows of the add-in's settings sheet.

    Keys are only written when there is a value: an empty INTERPRETER_WIN in the sheet leaves the choice to
    the user's %USERPROFILE%\\.ita\\ita.conf (what the offline installer writes). The interpreter must be a
    full path to python(w).exe (the add-in starts exactly that file, see xladdin.launcher).
    ADD_WORKBOOK_TO_PYTHONPATH is off for xlwings' own functions, so a file beside an officer's workbook
    can never shadow a Python module.
    """
    interpreter = (interpreter or "").strip().strip('"')
    pythonpath = (pythonpath or "").strip()
    if '"' in pythonpath:
        raise AddinBuildError("ที่อยู่ของโฟลเดอร์ต้องไม่มีเครื่องหมาย \"", english="quote inside PYTHONPATH")
    rows = []
    if interpreter:
        launch_command(interpreter)                 # refuses a bare name, a folder or a quote
        rows.append(("INTERPRETER_WIN", interpreter))
    if pythonpath:
        rows.append(("PYTHONPATH", pythonpath))
    rows.append(("ADD_WORKBOOK_TO_PYTHONPATH", "false"))
    return rows


def ribbon_source() -> str:
    """ITARibbon.bas as it goes into the add-in: the launch arguments and the Thai messages filled in."""
    text = RIBBON_BAS.read_bytes().decode("ascii")         # CRLF kept: VBA line ends
    const = 'Private Const LAUNCH_ARGS As String = "' + LAUNCH_ARGS.replace('"', '""') + '"'
    for marker, value in (("'@LAUNCH_ARGS@", const), ("'@MESSAGES@", vba_messages())):
        if text.count(marker) != 1:
            raise AddinBuildError("แม่แบบ ITARibbon.bas ไม่ครบ", english=f"{marker} must appear once")
        text = text.replace(marker, value)
    return text


def stamp_xlwings_module(source: str, *, version: str, project_name: str = PROJECT_NAME) -> str:
    """The donor's xlwings VBA module with XLWINGS_VERSION/DLL names = `version` and PROJECT_NAME set."""
    m = re.search(r'^Public Const XLWINGS_VERSION As String = "([^"]*)"', source, re.MULTILINE)
    if not m or len(re.findall(r'^Public Const PROJECT_NAME As String = "[^"]*"', source, re.MULTILINE)) != 1:
        raise AddinBuildError("แม่แบบส่วนเสริมของ xlwings ไม่เป็นแบบที่รู้จัก",
                              english="xlwings VBA module lacks XLWINGS_VERSION / PROJECT_NAME")
    old = re.escape(m.group(1))
    source = re.sub(rf'^(Public Const XLWINGS_VERSION As String = )"{old}"', rf'\g<1>"{version}"', source,
                    flags=re.MULTILINE)
    source = re.sub(rf"(xlwings(?:32|64)-){old}(\.dll)", rf"\g<1>{version}\g<2>", source)
    source = re.sub(rf"^'Version: {old}$", f"'Version: {version}", source, flags=re.MULTILINE)
    source = re.sub(r'^(Public Const PROJECT_NAME As String = )"[^"]*"', rf'\g<1>"{project_name}"', source,
                    flags=re.MULTILINE)
    return _config_from_addin_only(source)


# GetConfig's layers that a received workbook controls: its own <project>.conf sheet and a <project>.conf
# file in its folder. Each runs from its marker comment to the next marker (xlwings 0.3x layout).
_STEERABLE = (("'Workbook Sheet Config", "'Add-in Sheet Config"), ("' Directory Config", "' User Config"))


def _config_from_addin_only(source: str) -> str:
    """xlwings' GetConfig without the active workbook's sheet and the file beside it: settings come from the
    add-in's own sheet, the user's file and the defaults only."""
    lines = source.replace("\r\n", "\n").split("\n")
    for start, stop in _STEERABLE:
        first = [i for i, ln in enumerate(lines) if ln.strip() == start]
        last = [i for i, ln in enumerate(lines) if ln.strip().startswith(stop)]
        if len(first) != 1 or len(last) != 1 or not first[0] < last[0]:
            raise AddinBuildError("แม่แบบส่วนเสริมของ xlwings ไม่เป็นแบบที่รู้จัก",
                                  english=f"GetConfig: cannot find the block {start!r} .. {stop!r}")
        indent = lines[first[0]][: len(lines[first[0]]) - len(lines[first[0]].lstrip())]
        note = f"{indent}' ITA Toolkit: {start.lstrip(chr(39) + ' ')} is not read (a received workbook must not steer)"
        lines[first[0]:last[0]] = [note, ""]
    return "\r\n".join(lines)


def _vba_project(donor_bin: bytes, xlwings_version: str) -> bytes:
    from xladdin.vba_project import VbaProject

    project = VbaProject(donor_bin)
    project.replace_module(XLWINGS_MODULE, stamp_xlwings_module(project.source(XLWINGS_MODULE),
                                                                version=xlwings_version))
    project.replace_module(DONOR_RIBBON_MODULE, ribbon_source(), new_name=VBA_MODULE)
    for name in UNUSED_REFERENCES:
        if name in project.reference_names():
            project.remove_reference(name)
    return project.to_bytes()


def _xml(root: ET.Element, default_ns: str) -> bytes:
    if not root.tag.startswith(f"{{{default_ns}}}"):
        raise AddinBuildError("แม่แบบส่วนเสริมของ xlwings ไม่เป็นแบบที่รู้จัก", english=f"unexpected {root.tag}")
    return xml_bytes(root)


def _content_types(data: bytes, workbook_type: str) -> bytes:
    root = ET.fromstring(data)
    overrides = {o.get("PartName"): o for o in root.findall(f"{{{NS_CT}}}Override")}
    for part, ctype in (("/xl/workbook.xml", workbook_type), ("/xl/vbaProject.bin", CT_VBA)):
        node = overrides.get(part)
        if node is None:
            node = ET.SubElement(root, f"{{{NS_CT}}}Override", PartName=part)
        node.set("ContentType", ctype)
    return _xml(root, NS_CT)


def _package_rels(data: bytes) -> bytes:
    root = ET.fromstring(data)
    for rel in root.findall(f"{{{NS_REL}}}Relationship"):
        if rel.get("Type") == REL_UI:
            root.remove(rel)
    ids = {r.get("Id") for r in root}
    rid = next(f"rId{i}" for i in range(1, len(ids) + 2) if f"rId{i}" not in ids)
    ET.SubElement(root, f"{{{NS_REL}}}Relationship", Id=rid, Type=REL_UI, Target="customUI/customUI14.xml")
    return _xml(root, NS_REL)


def _conf_sheet_xml(code_name: str, rows: list[tuple[str, str]]) -> tuple[bytes, bytes]:
    """(worksheet xml, sharedStrings xml) for the settings sheet: keys in column A, values in column B."""
    strings: list[str] = []

    def sst(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    body = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>{sst(k)}</v></c><c r="B{i}" t="s"><v>{sst(v)}</v></c></row>'
                   for i, (k, v) in enumerate(rows, 1))
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><sheetPr codeName="{escape(code_name)}"/>'
             f'<dimension ref="A1:B{len(rows)}"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/>'
             f'</sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>'
             f'<col min="1" max="1" width="30" customWidth="1"/><col min="2" max="2" width="80" customWidth="1"/>'
             f'</cols><sheetData>{body}</sheetData>'
             f'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
    items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<sst xmlns="{NS_MAIN}" count="{2 * len(rows)}" uniqueCount="{len(strings)}">{items}</sst>')
    return sheet.encode("utf-8"), shared.encode("utf-8")


def _core_xml(data: bytes) -> bytes:
    """docProps/core.xml with the title and comment Excel shows in its Add-ins dialog.

    The donor's empty cp:contentType goes: it is not a core property of the OPC schema.
    """
    text = re.sub(r"<cp:contentType\s*/>|<cp:contentType>[^<]*</cp:contentType>", "", data.decode("utf-8"))
    for tag, value in (("dc:title", "ITA Toolkit"),
                       ("dc:description", "ITA Toolkit: ตรวจสอบข้อมูล รวมไฟล์ และสร้างรายงาน ITA"),
                       ("dc:creator", "ITA Toolkit"), ("cp:lastModifiedBy", "ITA Toolkit")):
        text, n = re.subn(rf"<{tag}\s*/>|<{tag}>[^<]*</{tag}>", f"<{tag}>{escape(value)}</{tag}>", text)
        if n == 0:
            text = text.replace("</cp:coreProperties>", f"<{tag}>{escape(value)}</{tag}></cp:coreProperties>")
    return text.encode("utf-8")


# the donor's x15ac:absPath (the folder its author last saved it in, his home folder), wrapped in the
# mc:AlternateContent Excel writes around it
_ABS_PATH = re.compile(rb"<mc:AlternateContent\b(?:(?!</mc:AlternateContent>).)*?<x15ac:absPath\b"
                       rb"(?:(?!</mc:AlternateContent>).)*</mc:AlternateContent>", re.DOTALL)


def _workbook_xml(data: bytes, sheet_name: str) -> bytes:
    """xl/workbook.xml with the settings sheet renamed and without the donor's save folder."""
    data = data.replace(f'name="{sheet_name}"'.encode(), f'name="{escape(CONF_SHEET)}"'.encode(), 1)
    return _ABS_PATH.sub(b"", data)


def _sheet_part(files: dict[str, bytes]) -> tuple[str, str]:
    """(sheet name, part path) of the donor's only worksheet, the settings sheet."""
    sheets = re.findall(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"', files["xl/workbook.xml"])
    if len(sheets) != 1:
        raise AddinBuildError("แม่แบบส่วนเสริมของ xlwings ไม่เป็นแบบที่รู้จัก",
                              english=f"donor has {len(sheets)} sheets, expected the one .conf sheet")
    name, rid = (s.decode() for s in sheets[0])
    rels = ET.fromstring(files["xl/_rels/workbook.xml.rels"])
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    return name, str(PurePosixPath("xl") / target) if not target.startswith("/") else target.lstrip("/")


def build_package(*, interpreter: str | None = None, pythonpath: str | None = None, xlsm: bool = False,
                  donor: Path | None = None) -> bytes:
    """The finished package as bytes: .xlam content type, or the .xlsm one when `xlsm` is true."""
    import xlwings

    donor = donor or find_donor()
    with zipfile.ZipFile(donor) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}

    files["xl/vbaProject.bin"] = _vba_project(files["xl/vbaProject.bin"], xlwings.__version__)
    files = {k: v for k, v in files.items() if not k.lower().startswith("customui/")}
    files["customUI/customUI14.xml"] = customui_xml(load_ribbon())
    files["_rels/.rels"] = _package_rels(files["_rels/.rels"])
    files["[Content_Types].xml"] = _content_types(files["[Content_Types].xml"], CT_XLSM if xlsm else CT_ADDIN)

    sheet_name, sheet_part = _sheet_part(files)
    code_name = re.search(rb'<sheetPr\b[^>]*\bcodeName="([^"]*)"', files[sheet_part])
    if not code_name:
        raise AddinBuildError("แม่แบบส่วนเสริมของ xlwings ไม่เป็นแบบที่รู้จัก", english="conf sheet has no codeName")
    files[sheet_part], files["xl/sharedStrings.xml"] = _conf_sheet_xml(code_name.group(1).decode(),
                                                                       conf_rows(interpreter, pythonpath))
    files["xl/workbook.xml"] = _workbook_xml(files["xl/workbook.xml"], sheet_name)
    if "docProps/core.xml" in files:
        files["docProps/core.xml"] = _core_xml(files["docProps/core.xml"])

    buf = io.BytesIO()
    order = ["[Content_Types].xml"] + sorted(k for k in files if k != "[Content_Types].xml")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    return buf.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except PermissionError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise AddinBuildError(f"เขียนไฟล์ {path.name} ไม่ได้: ปิดไฟล์นี้ใน Excel (หรือโปรแกรมอื่น) แล้วลองใหม่",
                              where=str(path.parent), english=str(exc)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_addin(out_dir: Path, *, interpreter: str | None = None, pythonpath: str | None = None,
                xlsm: bool = False) -> Path:
    """Write <out_dir>/ITA.xlam (or ITA.xlsm when `xlsm`) and return its path.

    `interpreter` (the full path of a python.exe / pythonw.exe) goes to INTERPRETER_WIN of the settings
    sheet, `pythonpath` to PYTHONPATH; without an interpreter the add-in reads INTERPRETER_WIN from
    %USERPROFILE%\\.ita\\ita.conf (written by the offline installer).
    """
    path = Path(out_dir) / f"{ADDIN_NAME}.{'xlsm' if xlsm else 'xlam'}"
    _write_atomic(path, build_package(interpreter=interpreter, pythonpath=pythonpath, xlsm=xlsm))
    return path


def build_xlsm_twin(out_dir: Path, *, interpreter: str | None = None, pythonpath: str | None = None) -> Path:
    """The same package as ITA.xlsm (macro-enabled workbook), which LibreOffice can open."""
    return build_addin(out_dir, interpreter=interpreter, pythonpath=pythonpath, xlsm=True)
