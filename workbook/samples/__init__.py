"""Five filled sample submissions (measures for fiscal 2566, analysing the ITA 2565 result).

Each sample is a TOML file next to this module, modelled on one real agency's published report
(see the comment at the top of each file for which figures come from that report and which are
invented). The sections mirror the dataclasses of `workbook.model`:

    [agency]        Agency fields; district and province without the words อำเภอ / จังหวัด
    [scores]        current / previous = 10 numbers for indicators 1..10, plus the optional extras
    [[analysis]]    AnalysisRow
    [[measures]]    Measure (links is an array of strings, start/end are TOML dates)
    [[progress]]    ProgressRow

Unknown keys are refused, so a typo in a sample fails loudly instead of leaving a field blank.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from workbook.model import Agency, AnalysisRow, Measure, ProgressRow, Scores, Submission

SAMPLES_DIR = Path(__file__).resolve().parent
SAMPLE_KEYS: tuple[str, ...] = ("yang_yong", "ban_kham", "huai_sai_nuea", "khuan_mao", "tha_nang_naeo")
TEMPLATE_ID = "sample"

_T = TypeVar("_T")


def sample_path(key: str) -> Path:
    """The TOML file of one sample; KeyError for an unknown key."""
    if key not in SAMPLE_KEYS:
        raise KeyError(f"ไม่มีตัวอย่างชื่อ {key!r} (มี: {', '.join(SAMPLE_KEYS)})")
    return SAMPLES_DIR / f"{key}.toml"


def _build(cls: type[_T], data: dict[str, Any], where: str) -> _T:
    """A dataclass from a TOML table, refusing keys the dataclass does not have."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    return cls(**data)


def _as_date(value: Any, where: str) -> dt.date | None:
    """TOML dates stay dates; a datetime is cut to its date; anything else is refused."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"{where}: expected a TOML date, got {value!r}")


def _score_map(values: Any, where: str) -> dict[int, float | None]:
    """[v1, v2, ...] -> {1: v1, 2: v2, ...} with floats."""
    if values is None:
        return {}
    if not isinstance(values, list):
        raise TypeError(f"{where}: expected a list of numbers")
    out: dict[int, float | None] = {}
    for n, v in enumerate(values, 1):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError(f"{where}[{n}]: expected a number, got {v!r}")
        out[n] = float(v)
    return out


def _scores(data: dict[str, Any]) -> Scores:
    data = dict(data)
    current = _score_map(data.pop("current", None), "scores.current")
    previous = _score_map(data.pop("previous", None), "scores.previous")
    if "published_total" in data:
        data["published_total"] = float(data["published_total"])
    return _build(Scores, {"current": current, "previous": previous, **data}, "scores")


def _measure(data: dict[str, Any], i: int) -> Measure:
    where = f"measures[{i}]"
    data = dict(data)
    data["links"] = tuple(str(x) for x in data.get("links", ()))
    for key in ("start", "end"):
        if key in data:
            data[key] = _as_date(data[key], f"{where}.{key}")
    return _build(Measure, data, where)


def _progress(data: dict[str, Any], i: int) -> ProgressRow:
    where = f"progress[{i}]"
    data = dict(data)
    if "as_of" in data:
        data["as_of"] = _as_date(data["as_of"], f"{where}.as_of")
    return _build(ProgressRow, data, where)


def parse_sample(data: dict[str, Any], source: str = "") -> Submission:
    """A Submission from an already parsed sample table."""
    data = dict(data)
    agency_data = dict(data.pop("agency", {}))
    if "report_date" in agency_data:
        agency_data["report_date"] = _as_date(agency_data["report_date"], "agency.report_date")
    agency = _build(Agency, agency_data, "agency")
    scores = _scores(data.pop("scores", {}))
    analysis = [_build(AnalysisRow, dict(r), f"analysis[{i}]") for i, r in enumerate(data.pop("analysis", []))]
    measures = [_measure(r, i) for i, r in enumerate(data.pop("measures", []))]
    progress = [_progress(r, i) for i, r in enumerate(data.pop("progress", []))]
    if data:
        raise ValueError(f"unknown section(s) {', '.join(sorted(data))}")
    return Submission(agency=agency, scores=scores, analysis=analysis, measures=measures, progress=progress,
                      template_id=TEMPLATE_ID, source=source)


def load_sample(key: str) -> Submission:
    """One sample submission by key (one of SAMPLE_KEYS)."""
    path = sample_path(key)
    with path.open("rb") as f:
        data = tomllib.load(f)
    try:
        return parse_sample(data, source=str(path))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc


def load_all() -> dict[str, Submission]:
    """Every sample, keyed as in SAMPLE_KEYS and in that order."""
    return {key: load_sample(key) for key in SAMPLE_KEYS}


__all__ = ["SAMPLES_DIR", "SAMPLE_KEYS", "load_all", "load_sample", "parse_sample", "sample_path"]
