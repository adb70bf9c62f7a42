"""The offline bundle's wheelhouse resolves for win_amd64 CPython 3.11, 3.12 and 3.13 — checked here without a
network and without downloading 150 MB: pip resolves (--dry-run --no-index) from metadata-only stubs of the
locked wheels (release/windows/wheels.lock.json, with their hashes and Requires-Dist) and of the toolkit as
pyproject.toml declares it. `make windows-bundle` runs the same check on the real, hash-verified wheels.
"""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from devkit import wheelhouse as wh


@pytest.fixture(scope="module")
def locked() -> list[wh.Wheel]:
    return wh.load_lock()


def test_the_lock_resolves_offline_for_every_python():
    assert wh.check_lock() == []


def test_every_dependency_is_locked_for_every_python_and_nothing_else(locked):
    used = set()
    for python in wh.PYTHONS:
        chosen, problems = wh.closure(wh.project_requirements(), locked, python)
        assert problems == [], problems
        assert {"pywin32", "xlwings", "numpy", "duckdb"} <= set(chosen)       # pywin32: a Windows-only marker
        used |= {w.file for w in chosen.values()}
    assert used == {w.file for w in locked}, "stale wheels in the lock: run make windows-lock"
    assert all(len(w.sha256) == 64 for w in locked)


def test_the_check_fails_when_a_wheel_is_missing(locked, tmp_path):
    """pywin32 gone (a Linux pip would never notice: its marker says Windows), and lxml gone for 3.13."""
    lock = json.loads(wh.LOCK.read_text(encoding="utf-8"))
    lock["wheels"] = [w for w in lock["wheels"] if w["name"] != "pywin32" and w["file"] != next(
        x.file for x in locked if x.name == "lxml" and "cp313" in x.file)]
    path = tmp_path / "lock.json"
    path.write_text(json.dumps(lock), encoding="utf-8")
    problems = wh.check_lock(path)
    for python in wh.PYTHONS:
        assert any(p.startswith(f"Python {python}: no win_amd64 wheel for pywin32") for p in problems), problems
    assert any(p.startswith("Python 3.13: no win_amd64 wheel for lxml") for p in problems)
    assert not any(p.startswith("Python 3.12: no win_amd64 wheel for lxml") for p in problems)


def test_pip_itself_refuses_an_incomplete_wheelhouse(locked, tmp_path):
    """The literal check of the issue, on stubs: pip install --dry-run --no-index … fails for a missing wheel."""
    for w in locked:
        if w.name != "numpy":
            wh.write_stub(tmp_path, w)
    wh.write_stub(tmp_path, wh.own_wheel())
    ok, out = wh.pip_resolves([tmp_path], "3.12", [f"{wh.project_meta()[0]}"])
    assert not ok and "numpy" in out
    wh.write_stub(tmp_path, next(w for w in locked if w.name == "numpy" and "cp312" in w.file))
    ok, out = wh.pip_resolves([tmp_path], "3.12", [f"{wh.project_meta()[0]}"])
    assert ok, out


def test_a_new_dependency_without_a_lock_entry_fails(locked, tmp_path):
    own = wh.own_wheel()
    grown = dataclasses.replace(own, requires_dist=(*own.requires_dist, "requests>=2"))
    for python in wh.PYTHONS:
        _, problems = wh.closure([Requirement(f"{own.name}=={own.version}")], [*locked, grown], python)
        assert problems == [f"Python {python}: no win_amd64 wheel for requests>=2"]


def test_stubs_hold_the_metadata_pip_reads(locked, tmp_path):
    w = next(x for x in locked if x.name == "xlwings")
    stub = wh.write_stub(tmp_path, w)
    assert wh.read_wheel(stub).requires_dist == w.requires_dist
    with zipfile.ZipFile(stub) as zf:
        assert {n.split("/")[-1] for n in zf.namelist()} == {"METADATA", "WHEEL", "RECORD"}
    assert canonicalize_name(wh.read_wheel(stub).name) == "xlwings"


def test_requirements_for_download_are_pinned_and_hashed(locked):
    text = wh.requirements_txt(locked, "3.12")
    assert "pywin32==" in text and "--hash=sha256:" in text
    assert all("==" in line and "--hash=sha256:" in line for line in text.splitlines())
    assert "numpy==2.4" not in text or "cp312" in text              # 3.12's own numpy, not 3.11's


def test_the_cache_folder_is_ignored_by_git():
    ignore = (wh.ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "build/" in ignore and "dist/" in ignore
    assert Path(wh.CACHE).relative_to(wh.ROOT).parts[0] == "build"
