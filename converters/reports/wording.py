"""The Thai wording of the reports, kept in TOML files under text/ so an agency can change it.

An agency's own wording goes into a folder given with ``--template DIR``: a file there with the same name
(e.g. ``memo.toml``) overrides the keys it has; everything else comes from the built-in file.
Placeholders in braces ({agency}, {fiscal_year}, …) are filled with already formatted strings.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.errors import ItaError

TEXT_DIR = Path(__file__).resolve().parent / "text"


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for k, v in extra.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


@lru_cache(maxsize=64)
def _read(path: Path, mtime: float) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ItaError(f"ไฟล์ข้อความรายงานเสียหาย ({exc})", where=str(path)) from None
    except OSError as exc:
        raise ItaError(f"เปิดไฟล์ข้อความรายงานไม่ได้ ({exc.strerror})", where=str(path)) from None


def load(name: str, override_dir: Path | None = None) -> dict[str, Any]:
    """The text table `name` (common, progress, memo, …), with the agency's overrides applied."""
    base_path = TEXT_DIR / f"{name}.toml"
    data = _read(base_path, base_path.stat().st_mtime)
    if override_dir is not None:
        own = Path(override_dir) / f"{name}.toml"
        if own.is_file():
            data = _merge(data, _read(own, own.stat().st_mtime))
    return data


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with {name} placeholders replaced; unknown names are left as they are."""
    return str(text).format_map(_Keep(values))
