"""The package's layers: data flows one way, top to bottom (docs/architecture.md).

A module may import from its own layer and the layers below it, never from one above
(not even for type hints), and no module imports itself back through others.
"""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import pytest

#: Bottom to top. The first match of a module's dotted name gives its layer.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("ecokg.namespaces", "ecokg.errors", "ecokg.version", "ecokg.text", "ecokg.terms",
              "ecokg.progress", "ecokg.render", "ecokg.data", "ecokg.files")),
    ("ontology", ("ecokg.ontology",)),
    ("loaders", ("ecokg.loaders",)),
    ("graph", ("ecokg.graph",)),
    ("queries", ("ecokg.queries",)),
    ("network", ("ecokg.network",)),
    ("maps", ("ecokg.maps",)),
    ("facade", ("ecokg.kg", "ecokg")),
    ("interfaces", ("ecokg.cli", "ecokg.server", "ecokg.__main__")),
]
MAX_LINES = 550  # "about 500"

ROOT = Path(str(resources.files("ecokg")))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def layer_of(module: str) -> int:
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or (prefix != "ecokg" and module.startswith(prefix + ".")):
                return rank
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS in tests/test_layout.py")


def imports_of(module: str) -> set[str]:
    """Every ecokg module ``module`` imports, at the top, in functions or for type hints."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            # ``from ecokg.network import analysis`` imports the module ecokg.network.analysis.
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name.startswith("ecokg") and name != module:
                found.add(name)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_from_its_layer_or_below(module: str) -> None:
    rank = layer_of(module)
    upward = sorted(m for m in GRAPH[module] if layer_of(m) > rank)
    assert not upward, (
        f"{module} ({LAYERS[rank][0]}) imports from a layer above it: "
        + ", ".join(f"{m} ({LAYERS[layer_of(m)][0]})" for m in upward)
    )


def test_no_import_cycles() -> None:
    # A cycle through a package's __init__ re-exporting its own modules is no cycle of design.
    def edges(module: str) -> set[str]:
        return {m for m in GRAPH[module] if not module.startswith(m + ".")}

    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(edges(module)):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target):], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_size(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines (at most about 500: split it by idea)"


def test_the_layers_table_is_documented() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in ("ontology", "loaders", "graph", "queries", "network", "maps"):
        assert f"`ecokg/{name}/`" in doc, f"docs/architecture.md does not show the {name} layer"
