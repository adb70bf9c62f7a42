"""Shared fixtures: the project's own CLI run in-process and as a real subprocess; the libreoffice marker.

Tests that start LibreOffice are marked ``@pytest.mark.libreoffice`` so a quick local run can leave them
out (``make test-quick`` = ``pytest -m "not libreoffice"``); ``make test`` and CI run everything. The marks
are kept true by the tests themselves: an unmarked test runs with ITA_SOFFICE (the toolkit's own setting
for which LibreOffice to use) pointing at a stand-in that refuses, so a test that needs LibreOffice and is
not marked fails and says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_ita(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real `ita` command in a fresh Python process."""
    import os

    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "cli", *args], check=False, capture_output=True, text=True,
                          env=full_env, cwd=cwd or ROOT, timeout=600)


@pytest.fixture
def ita():
    return run_ita


@pytest.fixture
def addin_env(monkeypatch, tmp_path) -> Path:
    """The add-in's side as in Excel: xlwings' licence key for its JSON book, and every folder the glue
    writes to (logs, settings, output) inside tmp_path."""
    import xlwings as xw

    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    monkeypatch.setenv("ITA_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("ITA_SETTINGS", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("ITA_OUTPUT_DIR", str(tmp_path / "out"))
    monkeypatch.delenv("ITA_GUIDE", raising=False)
    yield tmp_path
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


UNMARKED_SOFFICE = """#!/bin/sh
echo "this test starts LibreOffice: mark it @pytest.mark.libreoffice (tests/conftest.py)" >&2
exit 97
"""
_REAL_SOFFICE = os.environ.get("ITA_SOFFICE")


def pytest_configure(config):
    folder = Path(tempfile.mkdtemp(prefix="ita-test-soffice-"))
    config.refusing_soffice = folder / "soffice-unmarked"
    config.refusing_soffice.write_text(UNMARKED_SOFFICE, encoding="utf-8")
    config.refusing_soffice.chmod(0o755)


def _guard(item) -> None:
    """Before anything of `item` runs (its fixtures included), say which LibreOffice it may start."""
    if item.get_closest_marker("libreoffice") is not None:
        if _REAL_SOFFICE is None:
            os.environ.pop("ITA_SOFFICE", None)
        else:
            os.environ["ITA_SOFFICE"] = _REAL_SOFFICE
    else:
        os.environ["ITA_SOFFICE"] = str(item.config.refusing_soffice)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    _guard(item)
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    _guard(item)
    yield
