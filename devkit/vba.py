"""Read a VBA project back with oletools' olevba: an independent reader for the add-in's tests."""

from __future__ import annotations

import warnings


def read_modules(vba_bin: bytes) -> dict[str, str]:
    """{module name: source} as olevba reads it."""
    with warnings.catch_warnings():                 # oletools' pyparsing grammar warns on import
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools.olevba import VBA_Parser

    parser = VBA_Parser("vbaProject.bin", data=vba_bin)
    try:
        out = {}
        for _, stream_path, _, code in parser.extract_macros():
            name = stream_path.split("/")[-1]
            out[name] = code.decode("cp1252") if isinstance(code, bytes) else code
        return out
    finally:
        parser.close()
