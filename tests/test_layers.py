"""Imports point down the layers and never close a circle.

Every module of the package is parsed (not imported) and every import of a
coopnlp module counts, function-level ones included: an import hidden in a
function still ties the two modules together.

Layers, top to bottom (a layer may import its own modules, any lower layer
and the layers beside it; cycles are caught either way):
cli > report, retrain, evaluate > engine > corpus > pipeline > matching,
knowledge > io > records > resources. Packages that do not exist (yet) are
simply not found. `coopnlp/__init__.py` is the public API: it may import
anything (lazily), and any module may read `coopnlp.__version__` from it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import coopnlp

PACKAGE = Path(coopnlp.__file__).resolve().parent
TOP = "coopnlp"

# Rank of each layer: higher ranks may import lower ones.
LAYERS: dict[str, int] = {
    "cli": 9,
    "report": 8,
    "retrain": 8,
    "evaluate": 8,
    "engine": 7,
    "corpus": 6,
    "pipeline": 5,
    "matching": 4,
    "knowledge": 4,
    "io": 3,
    "records": 2,
    "resources": 1,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The package module an imported name lives in (a module or a name in one)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The coopnlp modules `module` imports, at any depth of its code."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from a import b` may import the module a.b or a name of a.
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            if name == TOP or name.startswith(TOP + "."):
                target = _resolve(name, modules)
                if target is not None and target != module:
                    found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(module: str) -> str | None:
    """The layer of a module: its first part below coopnlp (None for coopnlp itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_module_is_in_a_layer() -> None:
    unknown = sorted(
        module for module in _graph() if module != TOP and _layer(module) not in LAYERS
    )
    assert not unknown, (
        "modules outside the known layers (add the package to LAYERS in tests/test_layers.py, "
        f"at its place in the README's layer list): {unknown}"
    )


def test_imports_point_down_the_layers() -> None:
    upward = []
    for module, targets in sorted(_graph().items()):
        if module == TOP:
            continue  # the public API may import anything
        for target in sorted(targets):
            if target == TOP:
                continue  # coopnlp.__version__
            source_layer, target_layer = _layer(module), _layer(target)
            if source_layer == target_layer:
                continue
            if LAYERS.get(source_layer, 0) < LAYERS.get(target_layer, 0):
                upward.append(f"{module} imports {target} ({source_layer} -> {target_layer})")
    assert not upward, "imports that point up the layers:\n" + "\n".join(upward)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles() -> None:
    # Edges into and out of coopnlp/__init__ are left out: every module loads
    # it first anyway, and it imports the rest only inside its functions.
    graph = {
        module: {t for t in targets if t != TOP}
        for module, targets in _graph().items()
        if module != TOP
    }
    cycles = _cycles(graph)
    assert not cycles, "modules that import each other (in a circle):\n" + "\n".join(
        " <-> ".join(group) for group in cycles
    )


def test_the_checks_see_function_level_and_relative_imports(tmp_path: Path) -> None:
    # The walk must not miss an import hidden in a function or written relative.
    modules = {"coopnlp.io.a": tmp_path / "a.py", "coopnlp.engine.b": tmp_path / "b.py"}
    modules["coopnlp.io.a"].write_text(
        "def f():\n    from coopnlp.engine.b import g\n", encoding="utf-8"
    )
    modules["coopnlp.engine.b"].write_text("from ..io import a\n", encoding="utf-8")
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert graph == {"coopnlp.io.a": {"coopnlp.engine.b"}, "coopnlp.engine.b": {"coopnlp.io.a"}}
    assert _cycles(graph) == [["coopnlp.engine.b", "coopnlp.io.a"]]
