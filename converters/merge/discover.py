"""Inputs (files and folders) -> the list of files to merge: recursive, stable order, no symlink loops.

Folders are searched for spreadsheet files. Anything spreadsheet-like is kept, even what we cannot read
(.xls, lock files), so that it is listed with its reason instead of vanishing; other files in the
folders (PDF, Word, pictures) are counted, not merged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import InputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SPREADSHEET_SUFFIXES = WORKBOOK_SUFFIXES + (".xls", ".xlsb", ".xltx", ".xltm", ".ods")


@dataclass
class Discovered:
    files: list[Path] = field(default_factory=list)  # absolute, each real file once, in a stable order
    roots: list[Path] = field(default_factory=list)  # the folders searched (absolute)
    other: int = 0  # non-spreadsheet files found in the folders (not merged)
    duplicates: int = 0  # the same file reached twice (given twice, or through a link)


def _key(p: Path) -> tuple:
    return tuple(part.casefold() for part in p.parts), str(p)


def discover(inputs: list[str | Path]) -> Discovered:
    """Every spreadsheet file under `inputs`; a missing input is an InputError (one Thai line)."""
    out = Discovered()
    seen_files: set[tuple[int, int]] = set()

    def add(p: Path) -> None:
        try:
            st = p.stat()
        except OSError:
            out.files.append(p)  # dangling link: listed, and rejected by the reader with its reason
            return
        ident = (st.st_dev, st.st_ino)
        if ident in seen_files:
            out.duplicates += 1
            return
        seen_files.add(ident)
        out.files.append(p)

    for raw in inputs:
        p = Path(os.path.abspath(os.path.expanduser(str(raw))))
        if p.is_dir():
            out.roots.append(p)
            found: list[Path] = []
            seen_dirs: set[tuple[int, int]] = set()
            for folder, dirs, files in os.walk(p, followlinks=True):
                try:
                    st = os.stat(folder)
                except OSError:
                    dirs[:] = []
                    continue
                if (st.st_dev, st.st_ino) in seen_dirs:  # a link back up the tree
                    dirs[:] = []
                    continue
                seen_dirs.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.lower().endswith(SPREADSHEET_SUFFIXES):
                        found.append(Path(folder, name))
                    elif not name.startswith("."):
                        out.other += 1
            for f in sorted(found, key=_key):
                add(f)
        elif p.exists() or p.is_symlink():
            add(p)
        else:
            raise InputError(f"ไม่พบไฟล์หรือโฟลเดอร์ {raw}", english="input not found")
    return out
