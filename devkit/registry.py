"""HKEY_CURRENT_USER as a dictionary, for the installers' tests (xladdin.winsetup.Registry's methods)."""

from __future__ import annotations


class FakeRegistry:
    """HKCU as {key path: {value name: value}}; keys exist when present in the dict."""

    def __init__(self, keys: dict[str, dict[str, object]] | None = None) -> None:
        self.keys = {k.lower(): (k, dict(v)) for k, v in (keys or {}).items()}

    def _get(self, key: str) -> dict[str, object] | None:
        entry = self.keys.get(key.lower())
        return entry[1] if entry else None

    def exists(self, key: str) -> bool:
        return any(k == key.lower() or k.startswith(key.lower() + "\\") for k in self.keys)

    def values(self, key: str) -> dict[str, object]:
        return dict(self._get(key) or {})

    def subkeys(self, key: str) -> list[str]:
        prefix = key.lower() + "\\"
        return sorted({orig[len(prefix):].split("\\")[0] for k, (orig, _) in self.keys.items() if k.startswith(prefix)})

    def set_value(self, key: str, name: str, value: object) -> None:
        self.keys.setdefault(key.lower(), (key, {}))[1][name] = value

    def delete_value(self, key: str, name: str) -> None:
        del self.keys[key.lower()][1][name]

    def delete_key(self, key: str) -> None:
        del self.keys[key.lower()]
