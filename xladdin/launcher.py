"""How a ribbon click starts Python, Unicode-safe: the command line, the settings file the add-in reads, and
the Thai messages the add-in's own VBA shows when Python cannot.

xlwings' RunPython launches Python through ANSI file APIs (GetAttr on the interpreter, Environ("Temp") for
its log, Open … Line Input to read it back) and through cmd.exe: with a Thai user name on an English
system locale each of those paths turns into "?" and Python never starts. It also reads its settings from
the *active* workbook first (a sheet, then a file beside it), so a received workbook could choose the
interpreter. The add-in therefore launches Python itself (xladdin/vba/ITARibbon.bas):

* the interpreter comes from the add-in's own ita.conf sheet, else from the user's file
  %USERPROFILE%\\.ita\\ita.conf (read as UTF-8 through ADODB.Stream) — never from the active workbook;
* the process starts with CreateProcessW (no cmd.exe, no environment expansion, no ANSI conversion), in
  the interpreter's own folder, with this exact command line: the quoted interpreter + LAUNCH_ARGS;
* what varies per click (the button's tag, the book's name, Excel's window) travels in environment
  variables set with SetEnvironmentVariableW, never on the command line;
* when Python cannot be started or ends without having spoken, the VBA shows one of MESSAGES with
  MessageBoxW (the Thai text is carried as UTF-16 code units, since VBA source is code page 1252).

Everything here is pure; xladdin.build writes it into the VBA, the installers write the settings file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PureWindowsPath

from core.errors import ItaError

__all__ = [
    "BOOTSTRAP",
    "ENV",
    "EXIT_UNTOLD",
    "LAUNCH_ARGS",
    "MESSAGES",
    "PATH_PREP",
    "USER_CONF",
    "launch_command",
    "split_command_line",
    "user_conf_path",
    "vba_messages",
    "vba_string",
]

# environment variables the VBA sets for one click (xladdin.entry reads them)
ENV = {"tag": "ITA_TAG", "book": "ITA_BOOK", "hwnd": "ITA_EXCEL_HWND", "bits": "ITA_EXCEL_BITS",
       "pythonpath": "ITA_PYTHONPATH"}
USER_CONF = r"%USERPROFILE%\.ita\ita.conf"          # the user's launcher settings (xladdin.winsetup writes it)
EXIT_UNTOLD = 3                                       # Python ran but could not show its own message

# -I: isolated (no PYTHON* variables, no user site, neither the current nor the script folder on sys.path),
# so nothing beside a workbook or in the environment can shadow a module; -X utf8: files and pipes in UTF-8.
# PYTHONPATH (only for a source checkout) comes from the add-in's own settings through ITA_PYTHONPATH.
PATH_PREP = "import os,sys;sys.path[:0]=[p for p in os.environ.get('ITA_PYTHONPATH','').split(';') if p]"
BOOTSTRAP = PATH_PREP + ";import xladdin.entry as e;sys.exit(e.main())"
LAUNCH_ARGS = f' -I -X utf8 -c "{BOOTSTRAP}"'

# What the VBA says on its own (ids are used in ITARibbon.bas; "{0}" is replaced by a path or a code).
MESSAGES: dict[int, str] = {
    1: "ยังไม่ได้ตั้งค่าโปรแกรม Python ของ ITA Toolkit — ปิด Excel แล้วดับเบิลคลิก INSTALL.cmd "
       "ในชุดติดตั้ง ITA Toolkit",
    2: "ไม่พบโปรแกรม Python ที่ ITA Toolkit ใช้:\n{0}\n\nปิด Excel แล้วดับเบิลคลิก INSTALL.cmd "
       "ในชุดติดตั้ง ITA Toolkit อีกครั้ง (ตัวติดตั้งจะซ่อมการติดตั้งเดิม)",
    3: "เริ่มโปรแกรม Python ไม่ได้ (รหัส {0}) — ปิด Excel แล้วดับเบิลคลิก INSTALL.cmd อีกครั้ง "
       "ถ้ายังไม่ได้ ให้แจ้งผู้ดูแลระบบพร้อมรหัสนี้",
    4: "ITA Toolkit ทำงานไม่สำเร็จ (รหัส {0}) — โปรแกรมในเครื่องนี้อาจไม่ครบ: ปิด Excel แล้วดับเบิลคลิก "
       "INSTALL.cmd อีกครั้ง รายละเอียดอยู่ในโฟลเดอร์บันทึกของ ITA Toolkit",
    5: "ITA Toolkit กำลังทำงานกับปุ่มก่อนหน้า — รอให้เสร็จแล้วกดอีกครั้ง",
}


def launch_command(interpreter: str) -> str:
    """The exact command line the add-in gives CreateProcessW for `interpreter` (a python(w).exe).

    The interpreter is quoted as a program name (no escapes apply inside it); it may hold Thai, spaces,
    &, ^, % — nothing on this line goes through cmd.exe or environment expansion."""
    path = interpreter.strip()
    if not path or '"' in path or path.endswith(("\\", "/")) or not PureWindowsPath(path).is_absolute():
        raise ItaError("ที่อยู่ของ Python ต้องเป็นไฟล์ python.exe แบบเต็ม (เช่น C:\\...\\python.exe) ไม่มีเครื่องหมาย \"",
                       where=interpreter, english="interpreter must be an absolute file path without quotes")
    return f'"{path}"{LAUNCH_ARGS}'


def split_command_line(line: str) -> list[str]:
    """argv as a Windows program sees it (the MSVC runtime's rules, which CPython uses): the program name
    ends at the next quote when it starts with one; later arguments follow the backslash-quote rules."""
    argv: list[str] = []
    i = 0
    if line.startswith('"'):
        end = line.find('"', 1)
        end = len(line) if end < 0 else end
        argv.append(line[1:end])
        i = end + 1
    else:
        m = re.match(r"[^ \t]*", line)
        argv.append(m.group(0) if m else "")
        i = len(argv[0])
    n = len(line)
    while True:
        while i < n and line[i] in " \t":
            i += 1
        if i >= n:
            return argv
        arg, quoted = [], False
        while i < n and (quoted or line[i] not in " \t"):
            if line[i] == "\\":
                j = i
                while j < n and line[j] == "\\":
                    j += 1
                slashes = j - i
                if j < n and line[j] == '"':
                    arg.append("\\" * (slashes // 2))
                    if slashes % 2:
                        arg.append('"')
                        i = j + 1
                    else:
                        i = j
                    continue
                arg.append("\\" * slashes)
                i = j
                continue
            if line[i] == '"':
                if quoted and i + 1 < n and line[i + 1] == '"':      # "" inside quotes: a literal quote
                    arg.append('"')
                    i += 2
                    continue
                quoted = not quoted
                i += 1
                continue
            arg.append(line[i])
            i += 1
        argv.append("".join(arg))


# ------------------------------------------------------------------------------------- the user's ita.conf
def user_conf_path(env: Mapping[str, str] | None = None) -> Path:
    """%USERPROFILE%\\.ita\\ita.conf (the home folder where there is no USERPROFILE)."""
    env = os.environ if env is None else env
    return Path(env.get("USERPROFILE") or Path.home()) / ".ita" / "ita.conf"


# ------------------------------------------------------------------------------------- VBA text
def vba_string(text: str) -> str:
    """A VBA expression for `text`: ASCII runs as literals, everything else through U("<UTF-16 hex>")."""
    parts: list[str] = []
    for run in re.findall(r"[\x20-\x7e]+|\n|[^\x20-\x7e\n]+", text):
        if run == "\n":
            parts.append("vbLf")
        elif run.isascii():
            parts.append('"' + run.replace('"', '""') + '"')
        else:
            units = run.encode("utf-16-be")
            parts.append(f'U("{units.hex().upper()}")')
    return " & ".join(parts) or '""'


def vba_messages(messages: Mapping[int, str] | None = None, *, width: int = 700) -> str:
    """The body of ITARibbon's Msg(id) function: one Case per message, lines kept under VBA's limit."""
    out = ["Private Function Msg(ByVal id As Long) As String",
           "    ' generated by xladdin.build from xladdin/launcher.py MESSAGES: edit the Thai there",
           "    Dim s As String",
           "    Select Case id"]
    for key, text in (messages or MESSAGES).items():
        out.append(f"    Case {int(key)}")
        for chunk in _chunks(vba_string(text).split(" & "), width):
            out.append(f"        s = s & {chunk}")
    out += ["    End Select", "    Msg = s", "End Function"]
    return "\r\n".join(out)


def _chunks(parts: Iterable[str], width: int) -> list[str]:
    lines: list[str] = []
    for part in parts:
        while len(part) > width and part.startswith('U("'):      # split a long U("…") run on a 4-digit edge
            cut = 3 + (width - 6) // 4 * 4
            lines.append(part[:cut] + '")')
            part = 'U("' + part[cut:]
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " & " + part
        else:
            lines.append(part)
    return lines
