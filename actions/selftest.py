"""ทดสอบระบบ: press every other button on a sample book, in the front end it runs in, and write one Thai/English
report an officer can send back: `ita addin selftest` and the ทดสอบระบบ button.

In Excel the sample book is opened in Excel and each button's `on_button` runs against it as a click would
(live read, findings written into the book, reports, the merge of the samples folder, a new template, the
installation check, the guide), with the questions answered for the officer (the samples folder, the
default year) and the messages and files collected instead of shown. Each step is timed; a failure is
recorded and the next step runs. The report adds what a maintainer needs to reproduce a problem: Excel's
and Office's version and bitness, Windows' locales and code pages, Python, and the paths in use.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actions.host import Host

__all__ = ["Step", "on_button", "press", "render", "run_selftest", "work_folder", "write_report"]

TAG = "selftest"


@dataclass(frozen=True)
class Step:
    tag: str
    ok: bool
    seconds: float
    said: str            # the first line the button said, or the error


class _Scripted:
    """The opened sample's host with the officer's part played: answers given, messages and files kept."""

    def __init__(self, host: Any, folder: Path) -> None:
        self._host, self._folder = host, folder
        self.alerts: list[tuple[str, bool]] = []
        self.opened: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._host, name)

    @property
    def book_name(self) -> str:
        return self._host.book_name

    def alert(self, message: str, *, critical: bool = False) -> None:
        self.alerts.append((message, critical))

    def ask_folder(self, title: str, initial: Path | None = None) -> Path | None:
        return self._folder

    def ask_year(self, prompt: str, default: int) -> int | None:
        return default

    def open(self, path: Path) -> bool:
        self.opened.append(str(path))
        return Path(path).exists()

    def open_url(self, target: str) -> bool:
        self.opened.append(target)
        return "://" in target or Path(target).is_file()


def press(tag: str, host: Any, samples: Path) -> Step:
    import importlib

    scripted = _Scripted(host, samples)
    start = time.perf_counter()
    try:
        importlib.import_module(f"actions.{tag}").on_button(scripted)
    except Exception as exc:  # noqa: BLE001 - a failing button is a finding of the self-test
        said = getattr(exc, "message", "") or f"{type(exc).__name__}: {exc}"
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return Step(tag, False, time.perf_counter() - start, f"{said} [{detail}]" if said != detail else said)
    seconds = time.perf_counter() - start
    critical = [m for m, c in scripted.alerts if c]
    said = (critical or [m for m, _ in scripted.alerts] or ["(ไม่มีข้อความ / no message)"])[0]
    missing = [p for p in scripted.opened if "://" not in p and not Path(p).exists()]
    if missing:
        return Step(tag, False, seconds, f"ไม่พบไฟล์ที่ปุ่มสร้าง / missing output: {missing[0]}")
    return Step(tag, not critical, seconds, said)


def _facts(host: Host) -> list[tuple[str, str]]:
    import platform

    from core import DIST_NAME, __version__
    from core.crashlog import log_dir

    bits = "64" if sys.maxsize > 2**32 else "32"
    home = str(Path.home())
    return [("ITA Toolkit", f"{__version__} ({DIST_NAME})"),
            ("Python", f"{platform.python_version()} {bits}-bit {sys.executable}"),
            *host.environment_facts(),
            ("ผู้ใช้ / Profile", f"{home} ({'ASCII' if home.isascii() else 'มีอักษรไทย / non-ASCII'})"),
            ("โฟลเดอร์ผลลัพธ์ / Output folder", str(host.fallback_folder())),
            ("โฟลเดอร์บันทึก / Log folder", str(log_dir()))]


def run_selftest(host: Host, tags: Sequence[str], work: Path) -> tuple[list[tuple[str, str]], list[Step]]:
    """Write the sample books into `work`, open the first one in the front end and press each button."""
    from actions.samples import write_samples

    facts = _facts(host)
    samples_dir = work / "samples"
    start = time.perf_counter()
    try:
        samples = write_samples(samples_dir)
    except Exception as exc:  # noqa: BLE001
        return facts, [Step("samples", False, time.perf_counter() - start, f"{type(exc).__name__}: {exc}")]
    steps = [Step("samples", True, time.perf_counter() - start, f"{len(samples)} ไฟล์ / files: {samples_dir}")]
    start = time.perf_counter()
    try:
        with host.open_book(samples[0]) as book:
            steps.append(Step("open", True, time.perf_counter() - start, book.book_name))
            steps += [press(tag, book, samples_dir) for tag in tags if tag != TAG]
    except Exception as exc:  # noqa: BLE001 - Excel could not open (or close) the sample
        steps.append(Step("open", False, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"))
    return facts, steps


_NAMES = {"samples": "เขียนแบบฟอร์มตัวอย่าง / write samples", "open": "เปิดแบบฟอร์มตัวอย่าง / open a sample"}


def render(facts: Sequence[tuple[str, str]], steps: Sequence[Step], labels: dict[str, str] | None = None) -> str:
    """The report: environment, each step with its result and time, the verdict; Thai and English."""
    labels = {**_NAMES, **(labels or {})}
    passed = sum(s.ok for s in steps)
    lines = ["ITA Toolkit — ผลการทดสอบระบบ / self-test report",
             f"วันที่ / Date: {dt.datetime.now():%Y-%m-%d %H:%M:%S}", "",
             "== สภาพแวดล้อม / Environment =="]
    lines += [f"{k}: {v}" for k, v in facts]
    lines += ["", "== ขั้นตอน / Steps =="]
    for s in steps:
        mark = "ผ่าน / PASS" if s.ok else "ไม่ผ่าน / FAIL"
        said = s.said.splitlines()[0] if s.said else ""
        lines.append(f"[{mark}] {labels.get(s.tag, s.tag)} — {s.seconds:.2f} s — {said}")
    lines += ["", "== สรุป / Summary ==", f"ผ่าน {passed} จาก {len(steps)} ขั้นตอน / {passed} of {len(steps)} steps passed"]
    if passed < len(steps):
        lines.append("ส่งไฟล์นี้ให้ผู้ดูแลระบบ / please send this file to the administrator")
    return "\n".join(lines) + "\n"


def write_report(text: str, work: Path) -> Path:
    """ita-selftest.txt in `work`: UTF-8 with a BOM, so Notepad shows the Thai on any Windows."""
    path = work / "ita-selftest.txt"
    path.write_text(text, encoding="utf-8-sig")
    return path


def work_folder(base: Path) -> Path:
    folder = base / f"selftest-{dt.datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def on_button(host: Host) -> str:
    """ทดสอบระบบ: run the self-test on a sample book in this Excel, show the verdict and the report file."""
    work = work_folder(host.fallback_folder())
    buttons = dict(host.buttons())
    facts, steps = run_selftest(host, list(buttons), work)
    path = write_report(render(facts, steps, buttons), work)
    passed = sum(s.ok for s in steps)
    failed = [s for s in steps if not s.ok]
    message = "\n".join([f"ทดสอบระบบ: ผ่าน {passed} จาก {len(steps)} ขั้นตอน",
                         *[f"- ไม่ผ่าน: {s.tag}: {s.said.splitlines()[0] if s.said else ''}" for s in failed],
                         f"รายงาน: {path}",
                         "ส่งไฟล์รายงานนี้ให้ผู้ดูแลระบบ" if failed else "ทุกปุ่มทำงานได้"])
    host.open(path)
    host.alert(message, critical=bool(failed))
    return message
