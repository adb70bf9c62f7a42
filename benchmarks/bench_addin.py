"""Add-in cold start: each ribbon click is a fresh Python process, so its start-up is the latency.

Measured: a new process running what the add-in's launcher runs on Windows (xladdin/launcher.py:
`python -X utf8 -c "…; import xladdin.entry as e; sys.exit(e.main())"` with ITA_TAG=validate; without
-I only so that devkit's JSON book can be imported) until the validation of a sample book is finished —
live read, rules, findings and colours written back, summary alert sent. Excel is replaced by xlwings' JSON book of the same workbook (built once, outside the
timing; XLWINGS_LICENSE_KEY=noncommercial is set for the child process only), with bytecode cached as
on an installed toolkit (devkit.installed_env). Target: 1.0 s. The baseline is a bare `python -c pass`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import measure, report
from devkit.installed_env import installed_env, not_as_shipped

TARGET = 1.0  # seconds, process start to validation finished

CHILD = """
import os, sys
import devkit.xlwings_book as t
book = t.mock_caller(t.load_payload({payload!r}))
os.environ["ITA_TAG"] = "validate"
import xladdin.entry as e
assert e.main() == 0
assert any(a["func"] == "alert" for a in book.json()["actions"]), book.json()["actions"]
"""


def _payload(folder: Path) -> Path:
    from actions.samples import write_samples
    from devkit.xlwings_book import book_payload, save_payload

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")   # building the payload imports xlwings only
    book = write_samples(folder)[0]
    return save_payload(book_payload(book), folder / "book.json")


def main() -> bool:
    with tempfile.TemporaryDirectory(prefix="ita-bench-addin-") as tmp:
        folder = Path(tmp)
        payload = _payload(folder)
        env = installed_env(XLWINGS_LICENSE_KEY="noncommercial",
                            ITA_LOG_DIR=str(folder / "logs"), ITA_SETTINGS=str(folder / "settings.toml"),
                            PYTHONPATH=str(Path(__file__).resolve().parents[1]))
        code = CHILD.format(payload=str(payload))

        def run(*args: str) -> None:
            subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True, timeout=120)

        base = measure("python -c pass", lambda: run("-c", "pass"), repeat=5)
        cold = measure("add-in cold start: validate a sample book", lambda: run("-X", "utf8", "-c", code), repeat=7)
        ok = report(cold, target=TARGET)
        print(f"     cold start / bare interpreter start: {cold.seconds / base.seconds:.0f}x "
              f"({cold.seconds * 1000:.0f} ms vs {base.seconds * 1000:.0f} ms)", flush=True)
        if note := not_as_shipped():
            print(f"     {note}", flush=True)
        return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
