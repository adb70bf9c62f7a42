"""Windows CI only (.github/workflows/windows.yml): after the bundle's installer ran (twice) for this user,
check what it wrote; after the uninstaller, check that all of it is gone.

    python .github/check_windows_install.py installed | removed
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from xladdin.launcher import LAUNCH_ARGS, PATH_PREP, launch_command, split_command_line
from xladdin.winsetup import (
    ADDIN_FILE,
    TRUST_DESCRIPTION,
    Manifest,
    WinRegistry,
    expand,
    file_sha256,
    options_key,
    parse_user_conf,
    plan_paths,
    refers_to_addin,
    trusted_key,
)


def ours(reg: WinRegistry, addin: Path) -> tuple[list[str], list[str]]:
    opens = [n for n, v in reg.values(options_key("16.0")).items() if n.upper().startswith("OPEN")
             and refers_to_addin(v, addin)]
    tkey = trusted_key("16.0")
    trusted = [s for s in reg.subkeys(tkey) if reg.values(rf"{tkey}\{s}").get("Description") == TRUST_DESCRIPTION]
    return opens, trusted


def installed() -> list[str]:
    paths = plan_paths(os.environ)
    reg = WinRegistry()
    addin = Path(paths.addins) / ADDIN_FILE
    problems = []
    opens, trusted = ours(reg, addin)
    if len(opens) != 1 or len(trusted) != 1:
        problems.append(f"after two installs: OPEN values {opens}, trusted locations {trusted} (one each)")
    conf = parse_user_conf(Path(paths.user_conf).read_text(encoding="utf-8-sig"))
    pythonw = expand(conf.get("INTERPRETER_WIN", ""), os.environ)
    if conf.get("INTERPRETER_WIN") != paths.interpreter_setting or Path(pythonw) != Path(paths.pythonw):
        problems.append(f"ita.conf names {conf}, expected {paths.interpreter_setting}")
    record = Manifest.load(paths.manifest)
    for path, digest in record.files:
        if file_sha256(path) != digest:
            problems.append(f"{path} differs from what the manifest recorded")
    if not addin.is_file():
        problems.append(f"{addin} missing")
    # the add-in's exact command line, parsed by Windows' rules, names the Thai path intact
    line = launch_command(pythonw)
    if split_command_line(line)[0] != pythonw or not line.endswith(LAUNCH_ARGS):
        problems.append(f"launch command {line!r}")
    # and that interpreter starts isolated, finds the toolkit, xlwings and pywin32 (CreateProcessW, no shell)
    probe = subprocess.list2cmdline([pythonw.replace("pythonw.exe", "python.exe"), "-I", "-X", "utf8", "-c",
                                     PATH_PREP + ";import xladdin.entry, xlwings, win32api;print('ok')"])
    res = subprocess.run(probe, capture_output=True, text=True, timeout=300, check=False)
    if res.stdout.strip() != "ok":
        problems.append(f"the venv's Python does not start the toolkit: {res.stdout}{res.stderr}")
    return problems


def removed() -> list[str]:
    paths = plan_paths(os.environ)
    addin = Path(paths.addins) / ADDIN_FILE
    opens, trusted = ours(WinRegistry(), addin)
    left = [str(p) for p in (addin, Path(paths.user_conf), Path(paths.app)) if p.exists()]
    return [f"left after uninstall: {x}" for x in [*opens, *trusted, *left]]


if __name__ == "__main__":
    found = {"installed": installed, "removed": removed}[sys.argv[1]]()
    print("\n".join(found) or f"{sys.argv[1]}: as expected")
    sys.exit(1 if found else 0)
