"""Real failing file systems for the output-fault tests: a full disk, a read-only folder, a closed pipe.

A full disk is a small tmpfs mounted for the test (root on Linux, as in CI); where mounting is not allowed,
the command runs with RLIMIT_FSIZE so that its writes fail with EFBIG instead. A read-only folder is a
read-only tmpfs for root (root ignores permission bits), a folder without write permission otherwise.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
Run = Callable[..., subprocess.CompletedProcess]


def _mount(path: Path, options: str) -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True,
                         check=False)
    return res.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def run_ita(*args: str, limit_bytes: int | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real `ita` command in a fresh process; `limit_bytes`: RLIMIT_FSIZE for it (writes past it fail)."""

    def limit() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, not a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout, preexec_fn=limit if limit_bytes is not None else None, check=False)


@contextlib.contextmanager
def small_disk(path: Path, size_kb: int) -> Iterator[tuple[Path, Run, Callable[[], None]]]:
    """(folder, run, grow): `run(*args)` runs ita with a disk of `size_kb` under `folder`; `grow()` gives it
    room again (remount bigger, or lift the limit) so a next run can show the database is still good."""
    path.mkdir(parents=True, exist_ok=True)
    if _mount(path, f"size={size_kb}k"):
        state = {"mounted": True}

        def grow() -> None:
            subprocess.run(["mount", "-o", "remount,size=64m", str(path)], check=True, capture_output=True)

        try:
            yield path, run_ita, grow
        finally:
            if state["mounted"]:
                _umount(path)
        return
    if sys.platform == "win32":
        pytest.skip("no way to make a full disk on Windows without administrator rights")
    limits = {"bytes": size_kb * 1024}

    def run(*args: str, **kw) -> subprocess.CompletedProcess:
        return run_ita(*args, limit_bytes=limits["bytes"], **kw)

    def lift() -> None:
        limits["bytes"] = 2**40

    yield path, run, lift


@contextlib.contextmanager
def read_only_folder(path: Path) -> Iterator[Path]:
    """A folder no file can be created in."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix" and os.geteuid() == 0:
        if not _mount(path, "ro,size=64k"):
            pytest.skip("root ignores permissions, and this system does not let the test mount a read-only tmpfs")
        try:
            yield path
        finally:
            _umount(path)
        return
    path.chmod(0o555)
    try:
        yield path
    finally:
        path.chmod(0o755)


def leftovers(folder: Path) -> list[str]:
    """Files a failed write left behind (a partial output, a temporary part)."""
    return sorted(p.name for p in folder.rglob("*") if p.is_file())
