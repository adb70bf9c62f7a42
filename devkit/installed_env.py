"""The environment of a timed Python process, as on a user's PC where the toolkit is installed.

pip writes the .pyc files of what it installs, so a click or a merge there starts from bytecode. A
PYTHONDONTWRITEBYTECODE in the developer's environment (this machine sets it) would have every timed process
compile the toolkit's sources again and make start-up look slower than users see it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def installed_env(pycache: Path | None = None, **extra: str) -> dict[str, str]:
    """This process's environment with bytecode cached under `pycache` (default: one folder in the temp
    directory for every timing tool, not beside the sources) and `extra` set."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache or Path(tempfile.gettempdir()) / "ita-bench-pycache")
    env.update(extra)
    return env


def not_as_shipped() -> str:
    """A note when this Python has packages the Windows bundle does not ship that change a click's start-up
    (xlwings imports pandas whenever it can: about 0.25 s), else ""."""
    import importlib.util

    if importlib.util.find_spec("pandas") is None:
        return ""
    return ("note: pandas is installed here and xlwings imports it (~0.25 s); the Windows bundle has no pandas. "
            "For the bundle's figure run build/wheel-check/venv/bin/python -m … (make wheel-check makes it).")
