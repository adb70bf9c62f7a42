"""Imports run one way: every module of the shipped packages imports only from its own layer or below,
there is no import cycle between files, and no module reaches into another's private names.

The layer order is data (LAYERS, lowest first); docs/architecture.md explains it. Imports inside functions
count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),          # errors, Thai text and numbers, frameworks, scoring, Thai line breaking, fonts
    ("workbook",),      # the template: definition, builder, reader, validation
    ("converters",),    # reports, merge, LibreOffice
    ("actions",),       # what a user can do, shared by both front ends
    ("xladdin",),       # the Excel add-in
    ("cli",),           # the `ita` command
)
NOT_SHIPPED = ("devkit",)   # test and benchmark helpers: may import anything, nothing shipped imports them
LAYER_OF = {package: i for i, layer in enumerate(LAYERS) for package in layer}


def _modules() -> dict[str, Path]:
    out = {}
    for package in [*LAYER_OF, *NOT_SHIPPED]:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The longest known module that `name` is or lies in (a name imported from a module resolves to it)."""
    parts = name.split(".")
    for k in range(len(parts), 0, -1):
        candidate = ".".join(parts[:k])
        if candidate in MODULES:
            return candidate
    return None


def _imports(module: str, path: Path) -> list[tuple[str, int, list[str]]]:
    """(imported module, line, names taken from it) for every import statement, lazy ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [alias.name for alias in node.names]
            out.append((base, node.lineno, names))
            out += [(f"{base}.{n}", node.lineno, []) for n in names if f"{base}.{n}" in MODULES]
    return out


EDGES: dict[str, set[str]] = defaultdict(set)
FOUND: list[tuple[str, int, str, list[str]]] = []
for _module, _path in MODULES.items():
    for _target, _line, _names in _imports(_module, _path):
        _known = _resolve(_target)
        if _known and _known != _module:
            EDGES[_module].add(_known)
            FOUND.append((_module, _line, _known, _names))


def test_the_layer_table_names_every_shipped_package():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - set(NOT_SHIPPED) - {"tests", "benchmarks"}
    assert packages == set(LAYER_OF), "a new top-level package needs its place in LAYERS (and the docs)"


def test_no_import_from_a_higher_layer():
    wrong = []
    for module, line, target, _ in FOUND:
        src, dst = module.split(".")[0], target.split(".")[0]
        if src in NOT_SHIPPED:
            continue
        if dst in NOT_SHIPPED:
            wrong.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports {target} (test helpers are not shipped)")
        elif LAYER_OF[dst] > LAYER_OF[src]:
            wrong.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}: {src} sits below {dst}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle_between_files():
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(EDGES.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(MODULES):
        if node not in state:
            visit(node, [])
    # a package's __init__ importing its own submodules (and they importing a sibling) is not a cycle
    real = [c for c in cycles if not any(a.startswith(b + ".") for a, b in zip(c[1:], c) if a != b)]
    assert not real, "\n".join(" -> ".join(c) for c in real)


def test_no_reach_into_another_modules_private_names():
    wrong = [f"{MODULES[m].relative_to(ROOT)}:{line} takes {', '.join(n for n in names if n.startswith('_'))} "
             f"from {target}"
             for m, line, target, names in FOUND
             if m.split(".")[0] not in NOT_SHIPPED and any(n.startswith("_") and n != "__version__" for n in names)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("higher, lower", [("cli", "core"), ("xladdin", "actions"), ("converters", "workbook")])
def test_the_check_sees_real_edges(higher, lower):
    """The walk finds imports at all (a broken walk would pass every check above)."""
    assert any(m.startswith(higher) and t.startswith(lower) for m, _, t, _ in FOUND)
