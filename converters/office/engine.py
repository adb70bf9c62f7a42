"""Office files to PDF (or to a recalculated xlsx) through LibreOffice, with the project's own Thai font.

Everything goes through one headless ``soffice`` call per batch (starting LibreOffice costs about 1 s,
converting one more file costs little), each call with its own private profile so that parallel calls
do not steal each other's output, and with ``FONTCONFIG_FILE`` pointing at ``core/fonts/fonts.conf``: the
vendored TH Sarabun New stands in for TH SarabunPSK / TH SarabunIT๙ so a PDF embeds no Loma, Laksaman
or DejaVu and keeps the layout of the officer's own font.

The private profile also tells Calc to recalculate every formula on load (LibreOffice's default for
xlsx is "never recalculate", which keeps whatever stale values a file carries): ``convert(files, dir,
"xlsx")`` is therefore how a workbook written by openpyxl gets its computed values, to be read back with
``openpyxl.load_workbook(path, data_only=True)``.

Outputs are written atomically: LibreOffice writes into a hidden temporary folder inside ``out_dir``;
every expected output is checked (present, non-empty, right kind of file) before any is moved into place
with ``os.replace``. Nothing in ``out_dir`` is touched when a conversion fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from core.errors import ItaError, UnreadableFileError
from core.fonts import fontconfig_file, fonts_dir

__all__ = [
    "ConversionError",
    "PdfEngineNotFoundError",
    "convert",
    "convert_to_pdf",
    "find_soffice",
    "fontconfig_env",
    "fontconfig_file",
    "fonts_dir",
    "soffice_env",
]

#: Environment variable that names the soffice executable to use, overriding the search.
SOFFICE_ENV = "ITA_SOFFICE"

#: Export filters for the short target names; LibreOffice's own pick for a bare "xlsx" is
#: "Calc Office Open XML", not the "Excel 2007-365" filter that Excel users expect.
FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "docx": "docx:MS Word 2007 XML",
    "pdf": "pdf",
}

# Input formats that are zip packages: anything else under these names (an encrypted workbook is an
# OLE file, a renamed CSV is text) would be opened by LibreOffice as something else or not at all.
_ZIP_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".docx", ".docm", ".dotx", ".pptx", ".ods", ".odt"}
_MAGIC = {"pdf": b"%PDF-", "xlsx": b"PK", "docx": b"PK", "ods": b"PK", "odt": b"PK", "pptx": b"PK"}

# Windows' command line holds 32767 characters: longer batches are split into several calls.
_MAX_ARGS_CHARS = 24000

# Calc: recalculate formulas of xlsx and ods files on load (0 = always, 1 = never, 2 = ask).
_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse">\
<value>false</value></prop></item>
</oor:items>
"""


class PdfEngineNotFoundError(ItaError, RuntimeError):
    """No LibreOffice (soffice) on this machine."""

    def __init__(self) -> None:
        super().__init__(
            "ไม่พบโปรแกรมสร้าง PDF (LibreOffice) — ติดตั้ง LibreOffice หรือใช้ Microsoft Office บน Windows",
            english=f"LibreOffice (soffice) not found on PATH nor in the usual install folders; "
                    f"install it or set {SOFFICE_ENV} to the soffice executable",
        )


class ConversionError(ItaError, RuntimeError):
    """LibreOffice ran but did not produce every expected file (or did not finish in time)."""


# --------------------------------------------------------------------------------------------- fonts



def fontconfig_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """A copy of ``base`` (default ``os.environ``) with ``FONTCONFIG_FILE`` set to :func:`fontconfig_file`.

    For an in-process fontconfig user (WeasyPrint) set it in ``os.environ`` *before* the library first
    loads fonts; for a subprocess pass the returned dict as ``env``."""
    env = dict(os.environ if base is None else base)
    env["FONTCONFIG_FILE"] = str(fontconfig_file())
    return env


def soffice_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a conversion runs soffice with (:func:`fontconfig_env`)."""
    return fontconfig_env(base)


# ------------------------------------------------------------------------------------------- soffice

def _candidates() -> list[Path]:
    """Usual install locations, for when soffice is not on PATH (it never is on Windows or macOS)."""
    out: list[Path] = []
    if sys.platform == "win32":
        env_roots = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA")
        roots = [os.environ.get(v) for v in env_roots]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        for root in dict.fromkeys(r for r in roots if r):
            for name in ("LibreOffice", "LibreOffice 7", "LibreOffice 24", "LibreOffice 25",
                         r"Programs\LibreOffice"):
                # soffice.com is the console launcher: it waits for the conversion and forwards output.
                program = Path(root, name, "program")
                out += [program / "soffice.com", program / "soffice.exe"]
    elif sys.platform == "darwin":
        for app in (Path("/Applications"), Path.home() / "Applications"):
            out.append(app / "LibreOffice.app" / "Contents" / "MacOS" / "soffice")
    else:
        out += [Path("/usr/bin/soffice"), Path("/usr/local/bin/soffice"),
                Path("/usr/lib/libreoffice/program/soffice"), Path("/usr/lib64/libreoffice/program/soffice"),
                Path("/snap/bin/libreoffice")]
        out += sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
    return out


def find_soffice() -> str | None:
    """The LibreOffice executable to run: ``$ITA_SOFFICE``, else PATH, else the usual install folders."""
    forced = os.environ.get(SOFFICE_ENV)
    if forced:
        found = shutil.which(forced)
        return found or (forced if Path(forced).is_file() else None)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in _candidates():
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    return None


# ---------------------------------------------------------------------------------------- conversion

def _target_ext(fmt: str) -> str:
    ext = fmt.split(":", 1)[0].strip().lower().lstrip(".")
    if not ext:
        raise ValueError(f"empty target format: {fmt!r}")
    return ext


def _check_inputs(paths: Iterable[Path | str]) -> list[Path]:
    checked: list[Path] = []
    for raw in paths:
        path = Path(raw).resolve()
        if not path.is_file():
            raise UnreadableFileError("ไม่พบไฟล์", where=str(raw), english="input file not found")
        if path.suffix.lower() in _ZIP_SUFFIXES:
            try:
                with path.open("rb") as fh:
                    head = fh.read(4)
            except OSError as err:
                raise UnreadableFileError("เปิดไฟล์ไม่ได้", where=str(raw), english=str(err)) from err
            if head != b"PK\x03\x04":
                hint = "ไฟล์ถูกตั้งรหัสผ่านหรือเสียหาย" if head == b"\xd0\xcf\x11\xe0" else "ไฟล์เสียหาย"
                raise UnreadableFileError(
                    f"ไม่ใช่ไฟล์ {path.suffix.lower()} ที่ถูกต้อง ({hint}) — "
                    "บันทึกใหม่จาก Excel/Word แล้วลองอีกครั้ง",
                    where=str(raw), english="not an Office Open XML package (encrypted, legacy or damaged)")
        checked.append(path)
    return checked


def _batches(paths: list[Path]) -> list[list[Path]]:
    batches: list[list[Path]] = [[]]
    size = 0
    for path in paths:
        length = len(str(path)) + 3
        if batches[-1] and size + length > _MAX_ARGS_CHARS:
            batches.append([])
            size = 0
        batches[-1].append(path)
        size += length
    return batches


def _kill(proc: subprocess.Popen) -> None:
    """End soffice and the soffice.bin it started (they share the process group / tree)."""
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], check=False, capture_output=True, timeout=30)
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        proc.kill()
    except OSError:
        pass
    try:
        proc.communicate(timeout=30)
    except (OSError, subprocess.SubprocessError):
        pass


def _run_soffice(soffice: str, files: list[Path], fmt: str, outdir: Path, timeout: float,
                 tick: Callable[[], None] | None = None) -> str:
    """One soffice call with a private profile; returns its combined output (for error messages).

    `tick` is called about four times a second while it runs (progress); Ctrl-C ends LibreOffice too."""
    profile = Path(tempfile.mkdtemp(prefix="ita-lo-profile-"))
    try:
        (profile / "user").mkdir()
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_XCU, encoding="utf-8")
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
               "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)]
        kwargs: dict = {}
        if sys.platform == "win32":
            no_window = getattr(subprocess, "CREATE_NO_WINDOW", 0)
            kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | no_window
        else:
            kwargs["start_new_session"] = True
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, env=soffice_env(), **kwargs)
        except OSError as err:
            raise ConversionError("เรียกโปรแกรม LibreOffice ไม่ได้", where=soffice, english=str(err)) from err
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    out, _ = proc.communicate(timeout=0.25 if tick else max(0.0, deadline - time.monotonic()))
                    break
                except subprocess.TimeoutExpired:
                    if time.monotonic() >= deadline:
                        raise
                    if tick is not None:
                        tick()
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise ConversionError(
                f"LibreOffice ทำงานนานเกิน {timeout:g} วินาที จึงหยุดการแปลงไฟล์",
                where=files[0].name if len(files) == 1 else None,
                english=f"soffice timed out after {timeout:g} s converting {len(files)} file(s)") from None
        except BaseException:  # Ctrl-C: LibreOffice (its own session, so it got no signal) stops too
            _kill(proc)
            raise
        text = out.decode("utf-8", "replace") if out else ""
        if proc.returncode != 0:
            raise ConversionError(f"LibreOffice แปลงไฟล์ไม่สำเร็จ (รหัส {proc.returncode})",
                                  english=f"soffice exited with {proc.returncode}: {text.strip()[-500:]}")
        return text
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def convert(paths: Iterable[Path | str], out_dir: Path | str, fmt: str, *,
            timeout: float = 300, on_output: Callable[[int, int], None] | None = None) -> list[Path]:
    """Convert every file of ``paths`` to ``fmt`` into ``out_dir`` with as few soffice calls as possible.

    ``fmt`` is a LibreOffice ``--convert-to`` target: "pdf", "xlsx" (Excel 2007-365 filter, formulas
    recalculated), "docx", or an explicit "ext:Filter Name". Returns the output paths in the order of
    ``paths`` (``out_dir/<stem>.<ext>``). ``timeout`` applies to each soffice call; ``on_output(done, total)``
    hears how many outputs LibreOffice has written so far (a progress bar).

    Raises UnreadableFileError for a missing or broken input, PdfEngineNotFoundError when there is no
    LibreOffice, ConversionError when an output is missing or empty; ``out_dir`` is left untouched then.
    """
    fmt = FILTERS.get(fmt.strip().lower(), fmt.strip())
    ext = _target_ext(fmt)
    resolved = _check_inputs(list(paths))
    inputs = list(dict.fromkeys(resolved))  # the same file given twice is converted once
    out_dir = Path(out_dir)
    if not inputs:
        return []

    targets: dict[Path, Path] = {}
    seen: dict[str, Path] = {}
    for src in inputs:
        name = f"{src.stem}.{ext}"
        other = seen.get(name.casefold())
        if other is not None:
            raise ConversionError(
                f"ไฟล์ {other.name} และ {src.name} ได้ผลลัพธ์ชื่อ {name} ซ้ำกัน — เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง",
                english=f"{other} and {src} would both be written as {name}")
        seen[name.casefold()] = src
        targets[src] = out_dir / name

    soffice = find_soffice()
    if soffice is None:
        raise PdfEngineNotFoundError()

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".ita-convert-", dir=out_dir))
    except OSError as err:
        raise ConversionError("สร้างไฟล์ในโฟลเดอร์ปลายทางไม่ได้", where=str(out_dir),
                              english=str(err)) from err
    try:
        log = []

        def tick() -> None:
            if on_output is not None:
                on_output(sum(1 for f in work.iterdir() if f.suffix == f".{ext}"), len(inputs))

        for batch in _batches(inputs):
            log.append(_run_soffice(soffice, batch, fmt, work, timeout, tick if on_output else None))
        if on_output is not None:
            tick()

        magic = _MAGIC.get(ext)
        failed: list[Path] = []
        for src in inputs:
            produced = work / targets[src].name
            try:
                with produced.open("rb") as fh:
                    head = fh.read(8)
                ok = produced.stat().st_size > 0 and (magic is None or head.startswith(magic))
            except OSError:
                ok = False
            if not ok:
                failed.append(src)
        if failed:
            names = ", ".join(p.name for p in failed)
            what = "PDF" if ext == "pdf" else ext
            raise ConversionError(
                f"แปลงไฟล์เป็น {what} ไม่สำเร็จ: {names} — ตรวจว่าเปิดไฟล์ด้วย Excel/Word ได้",
                english=f"soffice produced no (valid) {ext} for {len(failed)} of {len(inputs)} file(s): "
                        f"{names}; soffice said: {' '.join(log).strip()[-500:]}")

        for src in inputs:
            try:
                os.replace(work / targets[src].name, targets[src])
            except OSError as err:
                raise ConversionError("เขียนไฟล์ผลลัพธ์ไม่ได้ (ไฟล์อาจเปิดค้างอยู่ในโปรแกรมอื่น)",
                                      where=str(targets[src]), english=str(err)) from err
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [targets[src] for src in resolved]


def convert_to_pdf(paths: Iterable[Path | str], out_dir: Path | str, *, timeout: float = 300,
                   on_output: Callable[[int, int], None] | None = None) -> list[Path]:
    """Convert .xlsx/.docx (any mix, any number) to PDF in one soffice call; see :func:`convert`.

    The PDFs use the vendored TH Sarabun New for TH SarabunPSK / TH SarabunIT๙ text (on Linux, through
    fontconfig; on Windows and macOS LibreOffice uses the fonts installed there)."""
    return convert(paths, out_dir, "pdf", timeout=timeout, on_output=on_output)
