"""One module per standard form: `build(facts) -> dict` (the report data), plus TITLE and ORIENTATION."""

from __future__ import annotations

from types import ModuleType

from converters.reports.layouts import by_indicator, measures_form, measures_plan, memo, progress

LAYOUTS: dict[str, ModuleType] = {
    "progress": progress,
    "by-indicator": by_indicator,
    "measures-form": measures_form,
    "memo": memo,
    "measures-plan": measures_plan,
}
