"""Windows facts the add-in uses, each a pure choice over values Windows gives (so the tests can feed it a
Thai user's profile or a Documents folder moved into OneDrive), plus the ctypes calls that fetch them.

Only the standard library: this runs in the first milliseconds of a click, and in `ita doctor`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "FOLDERID_DOCUMENTS",
    "ansi_code_page",
    "documents_folder",
    "known_folder",
    "locale_facts",
    "message_box",
]

FOLDERID_DOCUMENTS = "{FDD39AD0-238F-46AF-ADB4-6C85480369C7}"
_MB_OK, _MB_ICONINFORMATION, _MB_ICONWARNING = 0x0, 0x40, 0x30
_MB_SETFOREGROUND, _MB_TOPMOST = 0x10000, 0x40000


def known_folder(folder_id: str) -> str | None:
    """SHGetKnownFolderPath (the folder where Windows really keeps it, OneDrive or a redirection
    included); None off Windows or when Windows has none."""
    if sys.platform != "win32":
        return None
    import ctypes
    import uuid

    class GUID(ctypes.Structure):
        _fields_ = [("d1", ctypes.c_uint32), ("d2", ctypes.c_uint16), ("d3", ctypes.c_uint16),
                    ("d4", ctypes.c_ubyte * 8)]

    guid = GUID.from_buffer_copy(uuid.UUID(folder_id).bytes_le)
    out = ctypes.c_void_p()
    try:
        hr = ctypes.windll.shell32.SHGetKnownFolderPath(ctypes.byref(guid), 0, None, ctypes.byref(out))
    except (AttributeError, OSError):
        return None
    try:
        return ctypes.wstring_at(out) if hr == 0 and out.value else None
    finally:
        ctypes.windll.ole32.CoTaskMemFree(out)


def documents_folder(known: str | None = None, env: Mapping[str, str] | None = None,
                     home: Path | None = None) -> Path:
    """The user's Documents: what the Known Folder API says (`known`; asked when not given), else
    %USERPROFILE%\\Documents or ~/Documents if it exists, else the home folder itself."""
    if known is None:
        known = known_folder(FOLDERID_DOCUMENTS)
    if known:
        return Path(known)
    env = os.environ if env is None else env
    home = home or Path(env.get("USERPROFILE") or Path.home())
    docs = home / "Documents"
    return docs if docs.is_dir() else home


def message_box(text: str, title: str, *, hwnd: int = 0, critical: bool = False) -> bool:
    """A Windows message box through the Unicode API (MessageBoxW): Thai is readable whatever the system
    locale. False when there is no Windows to show it on."""
    if sys.platform != "win32":
        return False
    import ctypes

    style = (_MB_ICONWARNING if critical else _MB_ICONINFORMATION) | _MB_OK | _MB_SETFOREGROUND | _MB_TOPMOST
    try:
        return ctypes.windll.user32.MessageBoxW(ctypes.c_void_p(hwnd or None), text, title, style) != 0
    except (AttributeError, OSError):
        return False


def ansi_code_page() -> int | None:
    """The system's ANSI code page (874 on a Thai system locale, 1252 on an English one); None off Windows."""
    if sys.platform != "win32":
        return None
    import ctypes

    return int(ctypes.windll.kernel32.GetACP())


def locale_facts() -> dict[str, str]:
    """System and user locale, UI language and code pages, for the self-test report."""
    import locale

    facts = {"python locale": ".".join(x for x in locale.getlocale() if x) or "-",
             "preferred encoding": locale.getpreferredencoding(False)}
    if sys.platform == "win32":
        import ctypes

        k = ctypes.windll.kernel32
        buf = ctypes.create_unicode_buffer(85)
        if k.GetSystemDefaultLocaleName(buf, 85):
            facts["system locale"] = buf.value
        if k.GetUserDefaultLocaleName(buf, 85):
            facts["user locale"] = buf.value
        facts["UI language"] = hex(k.GetUserDefaultUILanguage())
        facts["ANSI code page"] = str(k.GetACP())
        facts["OEM code page"] = str(k.GetOEMCP())
    return facts
