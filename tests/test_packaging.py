"""The distribution is ours and complete: a plain `pip install` of the wheel (no extras) gives every button
and command what it imports, and every file the code reads at run time ships inside the package.

Checked statically against pyproject.toml, so a new import without its dependency, or a new data file
without its package-data pattern, fails here rather than on an officer's PC.
"""

from __future__ import annotations

import ast
import fnmatch
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from core import DIST_NAME

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# modules of Windows-only distributions (not installed on this Linux machine) -> their distribution
WINDOWS_ONLY = {"win32com": "pywin32", "win32api": "pywin32", "win32con": "pywin32", "pywintypes": "pywin32",
                "pythoncom": "pywin32"}
SHIPPED = tuple(p.rstrip("*") for p in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"])


def shipped_files() -> list[Path]:
    return [p for pkg in SHIPPED for p in sorted((ROOT / pkg).rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts]


def third_party_imports() -> dict[str, list[str]]:
    """Top-level name -> modules importing it, for every import (lazy ones too) outside stdlib and our packages."""
    ours = set(SHIPPED) | {"devkit"}
    found: dict[str, list[str]] = {}
    for path in shipped_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for name in names:
                top = name.split(".")[0]
                if top not in ours and top not in sys.stdlib_module_names and top != "__future__":
                    found.setdefault(top, []).append(str(path.relative_to(ROOT)))
    return found


def test_the_distribution_name_is_not_the_taken_one():
    # "ita-toolkit" on PyPI is an unrelated project (azure/pyodbc, Python >= 3.12, no `ita` command)
    assert PYPROJECT["project"]["name"] == DIST_NAME
    assert canonicalize_name(DIST_NAME) != "ita-toolkit"
    assert PYPROJECT["project"]["scripts"] == {"ita": "cli.main:main"}


def test_every_import_is_a_plain_dependency():
    """No extras: every third-party module a shipped module imports comes from a direct dependency."""
    direct = {canonicalize_name(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}
    assert not set(PYPROJECT["project"].get("optional-dependencies", {})) - {"dev"}, "no extras besides dev"
    owners = metadata.packages_distributions()
    missing = {}
    for top, where in third_party_imports().items():
        dists = {canonicalize_name(d) for d in owners.get(top, [])} or {WINDOWS_ONLY.get(top, "?")}
        if not dists & direct:
            missing[top] = (sorted(dists), where[:3])
    assert not missing, f"imported but not in [project] dependencies: {missing}"


def test_no_dependency_is_left_unused():
    """The reverse: a runtime dependency nothing imports only makes the Windows bundle bigger."""
    owners = metadata.packages_distributions()
    imported = {canonicalize_name(d) for top in third_party_imports()
                for d in owners.get(top, []) or [WINDOWS_ONLY.get(top, "?")]}
    direct = {canonicalize_name(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}
    assert direct <= imported, f"declared but never imported: {sorted(direct - imported)}"


def test_every_data_file_ships_in_the_wheel():
    """Each non-Python file under a shipped package matches a package-data pattern of its folder or of a
    folder above it (setuptools finds every folder as a namespace package, so "*" applies to each)."""
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]

    def covered(path: Path, package: Path) -> bool:
        rel = path.relative_to(package).as_posix()
        globs = patterns.get(".".join(package.relative_to(ROOT).parts), [])
        globs += patterns.get("*", []) if package == path.parent else []
        return any(fnmatch.fnmatchcase(rel, g) and rel.count("/") == g.count("/") for g in globs)

    unshipped = [str(path.relative_to(ROOT)) for path in shipped_files() if path.suffix not in (".py", ".pyc")
                 and not any(covered(path, p) for p in path.parents if p.is_relative_to(ROOT) and p != ROOT)]
    assert not unshipped, f"not in [tool.setuptools.package-data]: {unshipped}"


def test_the_guide_is_package_data():
    from actions import guide

    target = guide.find_guide()
    assert Path(target).is_relative_to(ROOT / "actions" / "manual"), target
    assert "docs" not in Path(target).relative_to(ROOT).parts
