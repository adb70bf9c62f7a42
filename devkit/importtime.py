"""What a click imports, measured honestly: `python -X importtime` of one button press per button, in a
fresh process each, counting only the button's own path (the add-in's bootstrap, xladdin.entry, xlwings,
the action and everything it imports while it runs) — not the test scaffolding that stands in for Excel.

    python -m devkit.importtime [TAG…]        (default: every button)

Prints, per button, the import time summed over the top-level imports of the path and the heaviest ones.
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
from pathlib import Path

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


def measure(tag: str, payload: Path, folder: Path) -> tuple[float, list[tuple[str, int]]]:
    env = dict(os.environ, XLWINGS_LICENSE_KEY="noncommercial", ITA_TAG=tag, ITA_LOG_DIR=str(folder / "logs"),
               ITA_SETTINGS=str(folder / "settings.toml"), ITA_OUTPUT_DIR=str(folder / "out"),
               PYTHONPATH=str(ROOT))
    code = CHILD.format(measure=MEASURE, pause=PAUSE, payload=str(payload))
    res = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                         env=env, cwd=folder, timeout=300, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"button {tag} failed: {res.stderr[-2000:]}")
    mods = parse(res.stderr)
    return sum(us for _, us in mods) / 1000, sorted(mods, key=lambda m: -m[1])


def main(tags: list[str]) -> int:
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
            ms, mods = measure(tag, payload, folder)
            results[tag] = ms
            heavy = ", ".join(f"{name} {us / 1000:.0f}" for name, us in mods[:6])
            print(f"{tag:<10} {ms:6.0f} ms imports   heaviest (ms): {heavy}", flush=True)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
