"""Recalculate workbooks in LibreOffice and read back the values of their native formulas.

openpyxl writes no cached results; LibreOffice computes every formula on conversion. This is how the tests
(and `ita doctor`) prove that the template computes by itself exactly what `ita rate` computes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

SUMMARY_NAMES = ("TotalScore", "Rating", "PassStatus", "GapToPass", "PreviousTotal", "IITMinimum", "ScoreInputErrors",
                 "ProgressNotStarted", "ProgressInProgress", "ProgressDone", "ProgressDonePercent",
                 "UncoveredWeak", "RulesVerified", "FocusProposed")


def recalculate(paths: Iterable[Path], out_dir: Path | None = None) -> list[Path]:
    """Copies of `paths` recalculated by LibreOffice (one soffice call), in `out_dir`."""
    from converters.office.engine import convert

    out = Path(out_dir or tempfile.mkdtemp(prefix="ita-recalc-"))
    return convert(list(paths), out, "xlsx")


def computed_values(path: Path) -> dict[str, object]:
    """Values of the summary names, the tool scores and the Analysis table of a recalculated book."""
    import openpyxl

    from workbook.definition import FIRST_ROW, load_definition

    wb = openpyxl.load_workbook(path, data_only=True)
    out: dict[str, object] = {}
    for name, dn in wb.defined_names.items():
        if name in SUMMARY_NAMES or name.startswith("ToolScore") and name != "ToolScores":
            sheet, ref = next(iter(dn.destinations))
            out[name] = wb[sheet][ref.replace("$", "")].value
    analysis = load_definition().sheet("analysis")
    ws = wb[analysis.name]
    rows = {}
    r = FIRST_ROW
    while ws.cell(r, 1).value is not None:
        rows[int(ws.cell(r, 1).value)] = {c.key: ws.cell(r, i).value for i, c in enumerate(analysis.columns, 1)}
        r += 1
    out["analysis"] = rows
    return out
