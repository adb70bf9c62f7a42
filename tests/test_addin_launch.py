"""A click starts Python Unicode-safe: the exact command line the add-in hands CreateProcessW, the bootstrap
it runs, the user's launcher settings file, and the VBA that does it (read from the built add-in).

What no Linux test can show — that Excel really runs this VBA on a Thai profile with an English system
locale — is the first box of docs/addin-checklist.md (and of the self-test's report).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from core.errors import ItaError
from devkit.vba import read_modules
from xladdin import build
from xladdin.launcher import (
    BOOTSTRAP,
    ENV,
    EXIT_UNTOLD,
    LAUNCH_ARGS,
    MESSAGES,
    PATH_PREP,
    USER_CONF,
    launch_command,
    split_command_line,
    vba_messages,
)
from xladdin.winsetup import parse_user_conf, user_conf_text

# interpreters an officer's PC can have: Thai user name, spaces, cmd.exe's & ^ %, a %VAR% look-alike
INTERPRETERS = [
    r"C:\Users\สมชาย ใจดี\AppData\Local\ITA Toolkit\venv\Scripts\pythonw.exe",
    r"C:\Program Files\Python312\python.exe",
    r"D:\งาน & เอกสาร ^ 100% ok\%USERNAME%\python.exe",
    r"C:\Users\a^b&c%d\AppData\Local\ITA Toolkit\venv\Scripts\pythonw.exe",
    r"\\server\share\ปลัด\python.exe",
]


@pytest.fixture(scope="module")
def ribbon_vba(tmp_path_factory) -> str:
    path = build.build_addin(tmp_path_factory.mktemp("launch"))
    with zipfile.ZipFile(path) as zf:
        return read_modules(zf.read("xl/vbaProject.bin"))["ITARibbon"]


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_the_command_line_gives_python_exactly_its_arguments(interpreter):
    line = launch_command(interpreter)
    assert line == f'"{interpreter}"{LAUNCH_ARGS}'
    assert split_command_line(line) == [interpreter, "-I", "-X", "utf8", "-c", BOOTSTRAP]
    # nothing in the arguments needs escaping, so Python's own quoting gives the same line
    assert subprocess.list2cmdline(["-I", "-X", "utf8", "-c", BOOTSTRAP]) == LAUNCH_ARGS.strip()
    assert '"' not in BOOTSTRAP and "\\" not in BOOTSTRAP and "%" not in BOOTSTRAP


@pytest.mark.parametrize("bad", ["python", "pythonw.exe", "C:\\Python312\\", "C:/Python312/", 'C:\\x"y\\python.exe',
                                 "", "venv\\Scripts\\python.exe"])
def test_the_command_line_refuses_what_would_not_be_one_program(bad):
    with pytest.raises(ItaError):
        launch_command(bad)


def test_the_argv_parser_follows_the_windows_rules():
    # the MSVC runtime's rules, as documented for CommandLineToArgvW / the C runtime
    assert split_command_line(r'"C:\a b\p.exe" x "y z" a\\\"b "c\\" d') == [r"C:\a b\p.exe", "x", "y z", 'a\\"b',
                                                                            "c\\", "d"]
    assert split_command_line(r'C:\p.exe "trailing\\"') == [r"C:\p.exe", "trailing\\"]
    assert split_command_line(r'"C:\dir\"x') == ["C:\\dir\\", "x"]     # no escapes in the program name


def run_python(code: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """Run `code` the way the add-in does: -I -X utf8 -c, in a chosen folder, with a chosen environment."""
    return subprocess.run([sys.executable, "-I", "-X", "utf8", "-c", code], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)


def test_the_pythonpath_setting_arrives_exactly(tmp_path):
    """ITA_PYTHONPATH travels in the environment: Thai, spaces, & ^ %, trailing backslashes arrive intact."""
    paths = ["C:\\src\\", "D:\\สมชาย & co ^ 100%x%\\lib\\", "\\\\server\\share\\"]
    env = dict(os.environ, **{ENV["pythonpath"]: ";".join(paths) + ";"})
    out = run_python(PATH_PREP + ";print(repr(sys.path[:3]))", env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert ast.literal_eval(out.stdout) == paths


def test_nothing_beside_the_workbook_or_in_the_environment_is_imported(tmp_path):
    """-I: the current folder, the script folder, PYTHONPATH and the user site are not on sys.path, so a
    folder holding a planted `xladdin` package (a zip from another office) runs nothing."""
    planted = tmp_path / "received"
    (planted / "xladdin").mkdir(parents=True)
    marker = tmp_path / "planted-code-ran"
    (planted / "xladdin" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    (planted / "xladdin" / "entry.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ITA_")}
    env.update(PYTHONPATH=str(planted), PYTHONSTARTUP=str(planted / "xladdin" / "entry.py"),
               ITA_LOG_DIR=str(tmp_path / "logs"), **{ENV["tag"]: "validate"})
    out = run_python(BOOTSTRAP, env, planted)
    assert not marker.exists()
    # the same line without -I would have run it: the isolation is what protects
    subprocess.run([sys.executable, "-X", "utf8", "-c", BOOTSTRAP], cwd=planted, env=env, capture_output=True,
                   timeout=120, check=False)
    assert marker.exists()
    # the real entry ran: no Excel here, so nothing could be shown and it says so with its exit code
    assert out.returncode == EXIT_UNTOLD, out.stderr
    assert "ITA Toolkit: เกิดข้อผิดพลาดที่ไม่คาดคิด" in out.stderr


def test_the_user_settings_file_round_trips():
    values = {"INTERPRETER_WIN": INTERPRETERS[0], "PYTHONPATH": r"D:\สมชาย & co ^ 100%\lib\;C:\x"}
    text = user_conf_text(values)
    assert text == "".join(f'"{k}","{v}"\r\n' for k, v in values.items())
    assert parse_user_conf(text) == values
    assert parse_user_conf("\ufeff" + text.replace("\r\n", "\n") + "junk\n\"A\",\n") == values   # BOM, LF, junk
    assert parse_user_conf('"interpreter_win","first"\r\n"INTERPRETER_WIN","second"\r\n') == {
        "INTERPRETER_WIN": "first"}                                        # VBA stops at the first match
    for bad in ({"INTERPRETER_WIN": 'C:\\"x'}, {"INTERPRETER_WIN": "a\nb"}, {"interpreter": "x"}):
        with pytest.raises(ValueError):
            user_conf_text(bad)


# ------------------------------------------------------------------------------------------ the VBA
def vba_sub(source: str, name: str) -> str:
    m = re.search(rf"^(?:Public |Private )?(Sub|Function) {name}\b.*?^End \1", source, re.MULTILINE | re.DOTALL)
    assert m, name
    return m.group(0)


def test_the_vba_launches_exactly_the_tested_command_line(ribbon_vba):
    const = re.search(r'^Private Const LAUNCH_ARGS As String = "(.*)"\r?$', ribbon_vba, re.MULTILINE).group(1)
    assert const.replace('""', '"') == LAUNCH_ARGS
    run = vba_sub(ribbon_vba, "RunAction")
    assert 'python = Setting("INTERPRETER_WIN")' in run
    assert "code = Launch(Chr(34) & python & Chr(34) & LAUNCH_ARGS, FolderOf(python))" in run
    launch = vba_sub(ribbon_vba, "Launch")
    assert "CreateProcessW(0, StrPtr(buffer)" in launch and "CREATE_NO_WINDOW" in launch
    # per click values go into the environment under the names xladdin.entry reads
    for key in ("tag", "book", "hwnd", "bits", "pythonpath"):
        assert f'SetEnv "{ENV[key]}", ' in run
    assert f'Private Const USER_CONF As String = "{USER_CONF}"' in ribbon_vba


def test_the_vba_touches_no_ansi_api_and_no_shell(ribbon_vba):
    code = "\n".join(ln.split("'")[0] for ln in ribbon_vba.splitlines() if not ln.lstrip().startswith("'"))
    for ansi in (r"\bGetAttr\b", r"\bEnviron\$?\(", r"\bOpen\b.*\bFor\b", r"\bLine Input\b", r"\bDir\$?\(",
                 r"\bShell\(", r"\bKill\b", r"\.Run\b", r"\bMsgBox\b", r"\bRunPython\b", r"cmd\.exe"):
        assert not re.search(ansi, code, re.IGNORECASE), ansi
    declares = re.findall(r'Declare PtrSafe Function (\w+) Lib "(\w+)"', code)
    assert {name for name, _ in declares} == {"CreateProcessW", "MsgWaitForMultipleObjects", "GetExitCodeProcess",
                                             "CloseHandle", "SetEnvironmentVariableW", "MessageBoxW"}


def test_the_vba_never_reads_settings_from_the_active_workbook(ribbon_vba):
    code = [ln for ln in ribbon_vba.splitlines() if not ln.lstrip().startswith("'")]
    uses = [ln.strip() for ln in code if "ActiveWorkbook" in ln]
    assert uses == ["If ActiveWorkbook Is Nothing Then Workbooks.Add   ' Python needs a book (none open, Protected View)",
                    'SetEnv "ITA_BOOK", ActiveWorkbook.Name']
    setting = vba_sub(ribbon_vba, "SheetSetting")
    assert "ThisWorkbook.Worksheets(CONF_SHEET)" in setting and "ActiveWorkbook" not in setting
    assert "GetConfig" not in ribbon_vba


def decode_vba_messages(text: str) -> dict[int, str]:
    """Evaluate the generated Msg(): `s = s & "…" & U("hex") & vbLf …` per Case."""
    out: dict[int, str] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if m := re.fullmatch(r"Case (\d+)", line):
            current = int(m.group(1))
            out[current] = ""
        elif line.startswith("s = s & "):
            for part in re.findall(r'"(?:[^"]|"")*"|U\("[0-9A-F]+"\)|vbLf', line[len("s = s & "):]):
                if part == "vbLf":
                    out[current] += "\n"
                elif part.startswith("U("):
                    out[current] += bytes.fromhex(part[3:-2]).decode("utf-16-be")
                else:
                    out[current] += part[1:-1].replace('""', '"')
    return out


def test_the_vba_carries_the_thai_messages(ribbon_vba):
    assert decode_vba_messages(vba_sub(ribbon_vba, "Msg")) == MESSAGES
    assert vba_messages().isascii()
    assert max(len(ln) for ln in vba_messages().splitlines()) <= 1023
    # a long message splits across lines and still decodes
    long = {9: "ก" * 900 + " & \"x\" " + "ข" * 10}
    assert decode_vba_messages(vba_messages(long)) == long
    used = {int(n) for n in re.findall(r"\bMsg\((\d+)\)", ribbon_vba)}
    assert used == set(MESSAGES)
