"""`make windows-bundle`: dist/ITA-Toolkit-windows-<version>.zip, everything an officer's PC needs offline.

    ITA-Toolkit-windows-<version>/
        INSTALL.cmd, UNINSTALL.cmd        find a Python, run setup/ita_setup.py (release/windows/*.cmd)
        setup/ita_setup.py                the installer's logic (a copy of xladdin/winsetup.py)
        README-TH.html                    docs/addin-install.md as a page (the officer reads this first)
        ITA.xlam                          the add-in (no interpreter inside: the installer writes ita.conf)
        thai_ita_toolkit-<version>-py3-none-any.whl
        wheelhouse/*.whl                  every dependency, win_amd64, CPython 3.11-3.13 (the lock's wheels)
        SHA256SUMS.txt

Built on Linux. The wheels come from release/windows/wheels.lock.json through pip download
--require-hashes into build/wheelhouse (a cache: only the first build needs the network); the finished
wheelhouse must resolve offline for every Python (devkit.wheelhouse.check) or the build fails.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from devkit import wheelhouse as wh

ROOT = wh.ROOT
ASSETS = ROOT / "release" / "windows"
DOCS = ROOT / "docs" / "addin-install.md"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def version() -> str:
    return wh.project_meta()[1]


def bundle_name(ver: str | None = None) -> str:
    return f"ITA-Toolkit-windows-{ver or version()}"


def readme_html() -> str:
    """docs/addin-install.md as one self-contained page (the guide button's Markdown renderer)."""
    from actions.guide import markdown_html

    return markdown_html(DOCS.read_text(encoding="utf-8"), title="ติดตั้ง ITA Toolkit")


def build_wheel(out: Path) -> Path:
    """The toolkit's wheel, built from the source tree (pip wheel, build isolation)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True)
    (wheel,) = out.glob(f"thai_ita_toolkit-{version()}-py3-none-any.whl")
    return wheel


def assemble(folder: Path, wheel: Path, wheels: list[Path]) -> Path:
    """The bundle's folder tree (see the module docstring) under `folder`."""
    from xladdin.build import build_addin
    from xladdin.winsetup import __file__ as setup_source

    top = folder / bundle_name()
    if top.exists():
        shutil.rmtree(top)
    (top / "setup").mkdir(parents=True)
    (top / "wheelhouse").mkdir()
    for name in ("INSTALL.cmd", "UNINSTALL.cmd"):
        shutil.copyfile(ASSETS / name, top / name)
    shutil.copyfile(setup_source, top / "setup" / "ita_setup.py")
    (top / "README-TH.html").write_text(readme_html(), encoding="utf-8")
    build_addin(top)
    shutil.copyfile(wheel, top / wheel.name)
    for w in wheels:
        shutil.copyfile(w, top / "wheelhouse" / w.name)
    files = sorted(p for p in top.rglob("*") if p.is_file())
    (top / "SHA256SUMS.txt").write_text("".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(top).as_posix()}\n" for p in files),
        encoding="ascii")
    return top


def zip_folder(top: Path, target: Path) -> Path:
    """A zip with fixed times and ASCII names (Windows' own Extract All reads them on any locale)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in top.rglob("*") if p.is_file()):
            arc = path.relative_to(top.parent).as_posix()
            if not arc.isascii():
                raise SystemExit(f"non-ASCII name in the bundle: {arc}")
            info = zipfile.ZipInfo(arc, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)
    return target


def main() -> int:
    dist = ROOT / "dist"
    print("wheelhouse: fetching the locked wheels (cache build/wheelhouse)…", flush=True)
    wheels = wh.fetch(wh.CACHE)
    with tempfile.TemporaryDirectory(prefix="ita-bundle-") as tmp:
        wheel = build_wheel(Path(tmp) / "wheel")
        top = assemble(Path(tmp), wheel, wheels)
        problems = wh.check([top / "wheelhouse", top])
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        target = zip_folder(top, dist / f"{bundle_name()}.zip")
    size = target.stat().st_size
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    print(f"{target.relative_to(ROOT)}: {size / 1e6:.1f} MB, {len(wheels)} wheels, sha256 {digest}")
    print(f"resolves offline for win_amd64 CPython {', '.join(wh.PYTHONS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
