"""The Windows wheelhouse of the offline bundle: every dependency as win_amd64 wheels for CPython 3.11, 3.12
and 3.13, pinned with their hashes and metadata in release/windows/wheels.lock.json.

pip evaluates environment markers for the machine it runs on, even with --platform win_amd64, so a Linux
pip never asks for xlwings' `pywin32; platform_system == "Windows"`. The closure here evaluates every
Requires-Dist for Windows itself and hands pip the Windows-only names explicitly.

    python -m devkit.wheelhouse lock          network: pip's resolver (PyPI metadata), rewrites the lock
    python -m devkit.wheelhouse fetch DIR     pip download --require-hashes into DIR (a cache: kept between runs)
    python -m devkit.wheelhouse check DIR…    offline: resolve the toolkit from DIR… for each Python, or fail

`make test` checks the lock without a network and without the 150 MB of wheels: it writes a metadata-only
stub of every locked wheel (and of the toolkit itself, from pyproject.toml) and lets pip resolve from
those with --no-index (tests/test_wheelhouse.py). `make windows-bundle` runs the same check on the real
wheels it downloaded, after pip has verified each one's hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "release" / "windows" / "wheels.lock.json"
CACHE = ROOT / "build" / "wheelhouse"          # the downloaded wheels, kept between bundle builds (git ignores build/)
PYTHONS = ("3.11", "3.12", "3.13")
PLATFORM = "win_amd64"


@dataclass(frozen=True)
class Wheel:
    file: str
    sha256: str
    name: str
    version: str
    requires_python: str
    requires_dist: tuple[str, ...]


# ------------------------------------------------------------------------------------------ Windows markers
def windows_env(python: str) -> dict[str, str]:
    """The marker environment of 64-bit CPython `python` ("3.12") on Windows 10/11."""
    return {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
            "platform_release": "10", "platform_version": "10.0.19045", "python_version": python,
            "python_full_version": f"{python}.0", "implementation_name": "cpython",
            "implementation_version": f"{python}.0", "platform_python_implementation": "CPython", "extra": ""}


def applies(req: Requirement, python: str, extras: Iterable[str] = ("",)) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({**windows_env(python), "extra": e}) for e in extras)


def win_tags(python: str) -> set[Tag]:
    major, minor = (int(x) for x in python.split("."))
    cp = f"cp{major}{minor}"
    return set(cpython_tags((major, minor), abis=[cp, "abi3", "none"], platforms=[PLATFORM])) | set(
        compatible_tags((major, minor), interpreter=cp, platforms=[PLATFORM]))


def project_requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[Requirement]:
    return [Requirement(r) for r in tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]]


def project_meta(pyproject: Path = ROOT / "pyproject.toml") -> tuple[str, str, str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return project["name"], project["version"], project["requires-python"]


# ------------------------------------------------------------------------------------------ the closure
def closure(roots: Iterable[Requirement], wheels: Iterable[Wheel], python: str) -> tuple[dict[str, Wheel], list[str]]:
    """(name -> chosen wheel, problems) for `roots` on Windows `python`: every requirement whose marker holds
    there must be met by a wheel with a compatible tag, Requires-Python and version."""
    tags = win_tags(python)
    by_name: dict[str, list[Wheel]] = {}
    for w in wheels:
        _, _, _, wtags = parse_wheel_filename(w.file)
        if wtags & tags and (not w.requires_python or Version(f"{python}.0") in SpecifierSet(w.requires_python)):
            by_name.setdefault(canonicalize_name(w.name), []).append(w)
    chosen: dict[str, Wheel] = {}
    problems: list[str] = []
    todo = [(r, ("",)) for r in roots]
    while todo:
        req, extras = todo.pop()
        if not applies(req, python, extras):
            continue
        name = canonicalize_name(req.name)
        fits = [w for w in by_name.get(name, []) if Version(w.version) in req.specifier]
        if not fits:
            problems.append(f"Python {python}: no {PLATFORM} wheel for {req}")
            continue
        best = max(fits, key=lambda w: Version(w.version))
        if name in chosen and chosen[name] != best:
            if Version(chosen[name].version) not in req.specifier:
                problems.append(f"Python {python}: {req} conflicts with {chosen[name].file}")
            continue
        new = name not in chosen
        chosen[name] = best
        if new or req.extras:
            todo += [(Requirement(r), ("", *req.extras)) for r in best.requires_dist]
    return chosen, problems


# ------------------------------------------------------------------------------------------ wheels and stubs
def read_wheel(path: Path) -> Wheel:
    """A wheel's name, version, Requires-Python and Requires-Dist (from its METADATA) and SHA-256."""
    with zipfile.ZipFile(path) as zf:
        meta_name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        meta = Parser().parsestr(zf.read(meta_name).decode("utf-8"))
    return Wheel(path.name, hashlib.sha256(path.read_bytes()).hexdigest(), meta["Name"], meta["Version"],
                 meta.get("Requires-Python") or "", tuple(meta.get_all("Requires-Dist") or ()))


def write_stub(folder: Path, wheel: Wheel) -> Path:
    """A wheel holding only its metadata: enough for pip to resolve, nothing to install."""
    name, version, _, _ = parse_wheel_filename(wheel.file)
    info = f"{str(name).replace('-', '_')}-{version}.dist-info"
    meta = ["Metadata-Version: 2.1", f"Name: {wheel.name}", f"Version: {wheel.version}"]
    meta += [f"Requires-Python: {wheel.requires_python}"] if wheel.requires_python else []
    meta += [f"Requires-Dist: {r}" for r in wheel.requires_dist]
    path = folder / wheel.file
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{info}/METADATA", "\n".join(meta) + "\n")
        zf.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: devkit.wheelhouse (metadata stub)\n"
                                     "Root-Is-Purelib: true\n")
        zf.writestr(f"{info}/RECORD", "")
    return path


def own_wheel(pyproject: Path = ROOT / "pyproject.toml") -> Wheel:
    """The toolkit's own wheel as pyproject.toml declares it (name, version, dependencies)."""
    name, version, requires_python = project_meta(pyproject)
    deps = tuple(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])
    return Wheel(f"{canonicalize_name(name).replace('-', '_')}-{version}-py3-none-any.whl", "", name, version,
                 requires_python, deps)


def load_lock(path: Path = LOCK) -> list[Wheel]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [Wheel(w["file"], w["sha256"], w["name"], w["version"], w["requires_python"], tuple(w["requires_dist"]))
            for w in raw["wheels"]]


# ------------------------------------------------------------------------------------------ pip
def pip_env() -> dict[str, str]:
    """pip with no configuration of this machine (its find-links and extra indexes would help it cheat)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def pip_resolves(folders: Iterable[Path], python: str, requirements: Iterable[str]) -> tuple[bool, str]:
    """`pip install --dry-run --no-index` for win_amd64 CPython `python` from `folders` only."""
    with tempfile.TemporaryDirectory(prefix="ita-wh-target-") as target:
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--platform", PLATFORM,
               "--python-version", python, "--implementation", "cp", "--only-binary=:all:", "--target", target]
        for folder in folders:
            cmd += ["--find-links", str(folder)]
        res = subprocess.run([*cmd, *requirements], capture_output=True, text=True, env=pip_env(), timeout=600,
                             check=False)
    return res.returncode == 0, res.stdout + res.stderr


def check(folders: list[Path], pythons: Iterable[str] = PYTHONS) -> list[str]:
    """Problems resolving the toolkit offline from `folders` (wheel files) for each Python; [] when none."""
    wheels = [read_wheel(p) for f in folders for p in sorted(Path(f).glob("*.whl"))]
    own = next((w for w in wheels if canonicalize_name(w.name) == canonicalize_name(project_meta()[0])), None)
    if own is None:
        return [f"the toolkit's own wheel is not in {folders}"]
    problems = []
    for python in pythons:
        chosen, missing = closure([Requirement(f"{own.name}=={own.version}")], wheels, python)
        problems += missing
        # pip's own resolver, told the Windows-only names its Linux marker evaluation would skip
        extra = sorted(f"{w.name}=={w.version}" for n, w in chosen.items() if n != canonicalize_name(own.name))
        ok, out = pip_resolves(folders, python, [f"{own.name}=={own.version}", *extra])
        if not ok:
            problems.append(f"Python {python}: pip cannot resolve offline:\n{out.strip()[-2000:]}")
    return problems


def check_lock(lock: Path = LOCK, pythons: Iterable[str] = PYTHONS) -> list[str]:
    """The same check on metadata-only stubs of the locked wheels and of the toolkit as pyproject says."""
    with tempfile.TemporaryDirectory(prefix="ita-wh-stubs-") as tmp:
        folder = Path(tmp)
        for w in [*load_lock(lock), own_wheel()]:
            write_stub(folder, w)
        return check([folder], pythons)


def requirements_txt(wheels: Iterable[Wheel], python: str) -> str:
    """Pinned, hashed requirements of the wheels one Python needs (for pip download --require-hashes)."""
    tags = win_tags(python)
    lines = {}
    for w in wheels:
        if parse_wheel_filename(w.file)[3] & tags:
            lines.setdefault(canonicalize_name(w.name), []).append(f"--hash=sha256:{w.sha256}")
    by_name = {canonicalize_name(w.name): w for w in wheels if parse_wheel_filename(w.file)[3] & tags}
    return "".join(f"{by_name[n].name}=={by_name[n].version} {' '.join(h)}\n" for n, h in sorted(lines.items()))


def fetch(folder: Path, lock: Path = LOCK) -> list[Path]:
    """Download every locked wheel into `folder` (those already there with the right hash are kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    wheels = load_lock(lock)
    for w in wheels:
        have = folder / w.file
        if have.exists() and hashlib.sha256(have.read_bytes()).hexdigest() != w.sha256:
            have.unlink()
    for python in PYTHONS:
        if all((folder / w.file).exists() for w in wheels if parse_wheel_filename(w.file)[3] & win_tags(python)):
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
            fh.write(requirements_txt(wheels, python))
        try:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes",
                            "--only-binary=:all:", "--platform", PLATFORM, "--python-version", python,
                            "--implementation", "cp", "-d", str(folder), "-r", fh.name], check=True,
                           env={**pip_env(), "PIP_CONFIG_FILE": os.devnull})
        finally:
            os.unlink(fh.name)
    return [folder / w.file for w in wheels]


# ------------------------------------------------------------------------------------------ lock
def _resolve(python: str, requirements: list[str]) -> list[Wheel]:
    """pip's resolution (from PyPI's metadata, nothing installed) for win_amd64 CPython `python`."""
    with tempfile.TemporaryDirectory(prefix="ita-wh-lock-") as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                        "--report", str(report), "--platform", PLATFORM, "--python-version", python,
                        "--implementation", "cp", "--only-binary=:all:", "--target", str(Path(tmp) / "t"),
                        *requirements], check=True, env=pip_env())
        items = json.loads(report.read_text(encoding="utf-8"))["install"]
    out = []
    for item in items:
        meta, info = item["metadata"], item["download_info"]
        digest = info.get("archive_info", {}).get("hashes", {}).get("sha256") or \
            info.get("archive_info", {}).get("hash", "=").split("=", 1)[1]
        out.append(Wheel(info["url"].rsplit("/", 1)[1], digest, meta["name"], meta["version"],
                         meta.get("requires_python", ""), tuple(meta.get("requires_dist", []))))
    return out


def _without_marker(text: str) -> str:
    req = Requirement(text)
    req.marker = None
    return str(req)


def lock(path: Path = LOCK) -> list[Wheel]:
    """Resolve the dependencies for each Python, adding the Windows-only requirements pip skipped, until
    nothing is missing; keep only the wheels Windows needs; write the lock."""
    roots = project_requirements()
    wanted: dict[str, Wheel] = {}
    for python in PYTHONS:
        names = [str(r) for r in roots]
        for _ in range(10):
            wheels = _resolve(python, names)
            chosen, missing = closure(roots, wheels, python)
            if not missing:
                break
            extra = {_without_marker(p.split(f"no {PLATFORM} wheel for ", 1)[1]) for p in missing if "no win" in p}
            names = sorted(set(names) | extra)
        else:
            raise SystemExit(f"cannot complete the Windows closure for {python}: {missing}")
        for w in chosen.values():
            wanted[w.file] = w
    data = {"note": "Generated by `python -m devkit.wheelhouse lock` (make windows-lock); do not edit by hand.",
            "platform": PLATFORM, "pythons": list(PYTHONS),
            "wheels": [{"file": w.file, "sha256": w.sha256, "name": w.name, "version": w.version,
                        "requires_python": w.requires_python, "requires_dist": list(w.requires_dist)}
                       for w in sorted(wanted.values(), key=lambda w: (canonicalize_name(w.name), w.file))]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return list(wanted.values())


def main(argv: list[str]) -> int:
    if argv[:1] == ["lock"]:
        print(f"{len(lock())} wheels locked in {LOCK.relative_to(ROOT)}")
        return 0
    if argv[:1] == ["fetch"] and len(argv) == 2:
        print(f"{len(fetch(Path(argv[1])))} wheels in {argv[1]}")
        return 0
    if argv[:1] == ["check"] and len(argv) >= 2:
        problems = check([Path(a) for a in argv[1:]])
        print("\n".join(problems) or f"resolves offline for win_amd64 CPython {', '.join(PYTHONS)}")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
