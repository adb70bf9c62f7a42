"""The five filled sample workbooks (modelled on the seed agencies): `ita samples` and `make demo`."""

from __future__ import annotations

from pathlib import Path


def write_samples(out_dir: Path) -> list[Path]:
    """One filled book per sample agency, named after its key."""
    from core.frameworks import load_year
    from workbook.builder import write_template
    from workbook.samples import SAMPLE_KEYS, load_sample

    paths = []
    for key in SAMPLE_KEYS:
        sub = load_sample(key)
        fw = load_year(sub.agency.assessed_year or 2565)
        paths.append(write_template(out_dir / f"{key}.xlsx", fw, sub))
    return paths
