"""The registry of report layouts: every module of this package that declares a LAYOUT (see spec.Layout).

A new layout is one module here (its LAYOUT, `build(facts)` and Word recipe `word()`) and one wording file
converters/reports/text/<name>.toml, then `python -m converters.reports.make_templates` for its Word
template and `python -m converters.reports.docs` for docs/reports.md. Everything else (the CLI's choices,
the add-in's settings, the docs, the templates, the PDF sources, the tests) reads LAYOUTS.
"""

from __future__ import annotations

import importlib
import pkgutil

from converters.reports.layouts.spec import Layout


def discover() -> dict[str, Layout]:
    """Every layout module of this package (its folders on __path__), in their declared order."""
    found: list[Layout] = []
    for info in pkgutil.iter_modules(__path__):
        declared = getattr(importlib.import_module(f"{__name__}.{info.name}"), "LAYOUT", None)
        if isinstance(declared, Layout):
            found.append(declared)
    found.sort(key=lambda lay: (lay.order, lay.name))
    names = [lay.name for lay in found]
    if len(set(names)) != len(names):
        raise RuntimeError(f"two report layouts share a name: {names}")
    return {lay.name: lay for lay in found}


LAYOUTS: dict[str, Layout] = discover()
LAYOUT_NAMES: tuple[str, ...] = tuple(LAYOUTS)

__all__ = ["LAYOUTS", "LAYOUT_NAMES", "Layout", "discover"]
