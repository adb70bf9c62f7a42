"""What a click imports, measured honestly: `python -X importtime` of one button press per button, in a
fresh process each, counting only the button's own path (the add-in's bootstrap, xladdin.entry, xlwings,
the action and everything it imports while it runs) — not the test scaffolding that stands in for Excel.

    python -m devkit.importtime [--cold] [TAG…]        (default: every button but merge and selftest)

Prints, per button, the import time summed over the top-level imports of the path, the heaviest ones, and
the whole process's wall time (start to exit, JSON book set-up included). Warm: each button is run once
before it is measured (disk cache and .pyc files warm, as on a second click; bytecode is cached even where
PYTHONDONTWRITEBYTECODE is set, as pip does for an installed toolkit). --cold drops Linux's page
cache before each measured run (root only), the nearest thing here to the first click after a reboot.
Excel is xlwings' JSON book of a sample workbook, so xlwings' Windows COM layer (pywin32) is not in the
figure: on Windows add what `python -X importtime -c "import xlwings._xlwindows"` shows there.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devkit.installed_env import installed_env, not_as_shipped

ROOT = Path(__file__).resolve().parents[1]
MEASURE, PAUSE = "@@measure", "@@pause"

CHILD = """
import os, sys
sys.stderr.write("{measure}\\n"); sys.stderr.flush()
import xladdin.entry as e
import xlwings
sys.stderr.write("{pause}\\n"); sys.stderr.flush()
import devkit.xlwings_book as t
book = t.mock_caller(t.load_payload({payload!r}))
sys.stderr.write("{measure}\\n"); sys.stderr.flush()
code = e.main()
sys.stderr.write("{pause}\\n"); sys.stderr.flush()
sys.exit(code)
"""


def parse(stderr: str) -> list[tuple[str, int]]:
    """(module, cumulative µs) of the top-level imports inside the measured regions."""
    out, on = [], False
    for line in stderr.splitlines():
        if line == MEASURE:
            on = True
        elif line == PAUSE:
            on = False
        elif on and (m := re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)):
            out.append((m.group(2), int(m.group(1))))          # no indent before the name: a top-level import
    return out


def drop_caches() -> None:
    """Empty Linux's page cache (root only): the next run reads every file from disk."""
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def measure(tag: str, payload: Path, folder: Path) -> tuple[float, list[tuple[str, int]], float]:
    env = installed_env(XLWINGS_LICENSE_KEY="noncommercial",
                        ITA_TAG=tag, ITA_LOG_DIR=str(folder / "logs"), ITA_SETTINGS=str(folder / "settings.toml"),
                        ITA_OUTPUT_DIR=str(folder / "out"), PYTHONPATH=str(ROOT))
    code = CHILD.format(measure=MEASURE, pause=PAUSE, payload=str(payload))
    start = time.perf_counter()
    res = subprocess.run([sys.executable, "-X", "importtime", "-X", "utf8", "-c", code], capture_output=True,
                         text=True, env=env, cwd=folder, timeout=300, check=False)
    wall = time.perf_counter() - start
    if res.returncode != 0:
        raise RuntimeError(f"button {tag} failed: {res.stderr[-2000:]}")
    mods = parse(res.stderr)
    return sum(us for _, us in mods) / 1000, sorted(mods, key=lambda m: -m[1]), wall


def main(args: list[str]) -> int:
    cold = "--cold" in args
    tags = [a for a in args if a != "--cold"]
    from actions.samples import write_samples
    from devkit.xlwings_book import book_payload, save_payload
    from xladdin.ribbon import actions

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    with tempfile.TemporaryDirectory(prefix="ita-importtime-") as tmp:
        folder = Path(tmp)
        payload = save_payload(book_payload(write_samples(folder / "samples")[0]), folder / "book.json")
        results = {}
        for tag in tags or [t for t in actions() if t not in ("merge", "selftest")]:
            measure(tag, payload, folder)                      # once to warm the disk cache and .pyc files
            if cold:
                drop_caches()
            ms, mods, wall = measure(tag, payload, folder)
            results[tag] = {"imports_ms": round(ms), "wall_ms": round(wall * 1000)}
            heavy = ", ".join(f"{name} {us / 1000:.0f}" for name, us in mods[:5])
            print(f"{tag:<9} {'cold' if cold else 'warm'}: imports {ms:5.0f} ms, process {wall * 1000:5.0f} ms"
                  f"   heaviest imports (ms): {heavy}", flush=True)
    print(json.dumps(results))
    if note := not_as_shipped():
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
