"""The shape of the code: no import cycle, no private module of the standard library, no module
over 400 lines (read from the source with `ast`, nothing is imported)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the repository folders and the package each is installed as (pyproject.toml `package-dir`)
PACKAGES = {"linter": "notice_lint", "checks": "notice_lint.checks",
            "configs": "notice_lint.configs"}
MAX_LINES = 400
# Imported inside a function only so that start-up does not pay for them: not counted as edges
# (they are third-party, so they never close a cycle among our modules anyway).
HEAVY = frozenset({"docx", "lxml", "opencc"})

# Offenders owned by the other engineers of issue 15, expected to fail until their branches are
# merged; delete each list once it is (strict: a case that passes fails, so it is not forgotten).
NOT_YET_MERGED_CYCLES: frozenset[str] = frozenset()
NOT_YET_MERGED_PRIVATE_STDLIB: frozenset[str] = frozenset()
NOT_YET_MERGED_LONG_MODULES: frozenset[str] = frozenset()


def _modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside `if TYPE_CHECKING:` the import never runs, so it closes no cycle."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _imports(name: str) -> list[tuple[str, bool]]:
    """(imported module, whether at function level) for each import statement of `name`;
    `from package import x` names package.x when x is a module of ours."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name if _is_package(name) else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or _type_checking_only(node, parents):
            continue
        nested, up = node, False
        while nested in parents:
            nested = parents[nested]
            up = up or isinstance(nested, ast.FunctionDef | ast.AsyncFunctionDef)
        if isinstance(node, ast.Import):
            out += [(alias.name, up) for alias in node.names]
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[:len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, *([node.module] if node.module else [])])
        for alias in node.names:
            child = f"{base}.{alias.name}"
            out.append((child if child in MODULES else base, up))
    return out


def _graph() -> dict[str, set[str]]:
    return {name: {target for target, up in _imports(name)
                   if target in MODULES and target != name
                   and not (up and target.split(".")[0] in HEAVY)}
            for name in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _cases(names, offenders: frozenset[str], why: str) -> list:
    return [pytest.param(name, id=name, marks=pytest.mark.xfail(strict=True, reason=why))
            if name in offenders else name for name in names]


CYCLES = _cycles(_graph())


@pytest.mark.parametrize("module", _cases(sorted(MODULES), NOT_YET_MERGED_CYCLES,
                                          "an import cycle another branch of issue 15 breaks"))
def test_no_import_cycle(module):
    """Module-level and function-level imports alike: a lazy import that dodges a cycle is one."""
    cycle = next((c for c in CYCLES if module in c), None)
    assert cycle is None, f"{module} is in the import cycle {' ⇄ '.join(cycle)}"


def _private_stdlib(name: str) -> list[str]:
    """The modules of the standard library `name` imports that are private (`_sre`, `re._parser`),
    so may change or go away in any Python release."""
    found = []
    for target, _ in _imports(name):
        parts = target.split(".")
        if parts[0] not in sys.stdlib_module_names:
            continue
        if any(part.startswith("_") and not part.startswith("__") for part in parts):
            found.append(target)
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):   # `from re import _parser`: a private module, not a name
        if isinstance(node, ast.ImportFrom) and not node.level and node.module \
                and node.module.split(".")[0] in sys.stdlib_module_names:
            found += [f"{node.module}.{alias.name}" for alias in node.names
                      if alias.name.startswith("_") and not alias.name.startswith("__")
                      and _is_stdlib_module(f"{node.module}.{alias.name}")]
    return found


def _is_stdlib_module(dotted: str) -> bool:
    import importlib.util
    try:
        return importlib.util.find_spec(dotted) is not None
    except (ImportError, ValueError):   # the parent is a module, not a package: a plain name
        return False


@pytest.mark.parametrize("module", _cases(
    sorted(MODULES), NOT_YET_MERGED_PRIVATE_STDLIB,
    "a private standard-library module another branch of issue 15 stops importing"))
def test_no_private_stdlib_module(module):
    assert _private_stdlib(module) == []


@pytest.mark.parametrize("module", _cases(sorted(MODULES), NOT_YET_MERGED_LONG_MODULES,
                                          "a long module another branch of issue 15 splits"))
def test_module_length(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[module].relative_to(ROOT)}: {lines} lines"


def test_the_graph_sees_relative_imports():
    """The graph is only as good as its reading of imports: spot-check both kinds."""
    graph = _graph()
    assert "notice_lint.input.decoding" in graph["notice_lint.document"]
    assert "notice_lint.config" in graph["notice_lint.engine"]   # `from . import config as ...`
    assert "notice_lint.parallel" in graph["notice_lint.run"]    # a function-level import
