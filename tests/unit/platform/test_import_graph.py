"""No import circles among first-party modules (issue 20): the import graph of the shared library and
of every service, built with `ast` from every `import` and `from … import` anywhere in a module — at
module level, inside functions, under `if TYPE_CHECKING:` — must have no cycle. A circle is a module
that cannot be understood (or imported) without the one that imports it, e.g. a composition root
whose settings class its own entrypoints import."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _packages() -> list[Path]:
    """Top-level first-party packages: `shared/chuishao_shared` and `services/*/chuishao_*`."""
    found = [p.parent for p in ROOT.glob("shared/*/__init__.py")]
    found += [p.parent for p in ROOT.glob("services/*/*/__init__.py")]
    return sorted(p for p in found if p.name.startswith("chuishao_"))


def _modules() -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for package in _packages():
        for path in package.rglob("*.py"):
            if "migrations" in path.relative_to(package).parts[:-1]:
                continue  # Alembic's version scripts are loaded by Alembic, not imported
            parts = list(path.relative_to(package.parent).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _imported(name: str, path: Path, tree: ast.AST, modules: dict[str, Path]) -> Iterator[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base = ".".join(base_parts[: len(base_parts) - node.level + 1])
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            for alias in node.names:
                # `from a.b import c` imports the module a.b.c when there is one, else a name of a.b.
                yield f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = {
            target for target in _imported(name, path, tree, modules) if target in modules and target != name
        }
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

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
    return [_path_within(graph, component) for component in components]


def _path_within(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A concrete circle a → b → … → a inside a strongly connected component, for the message."""
    members = set(component)
    start = component[0]
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & members):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if target not in parents:
                    parents[target] = node
                    following.append(target)
        frontier = following
    return component


def test_first_party_modules_import_no_circle() -> None:
    graph = import_graph()
    assert len(graph) > 100 and "chuishao_shared.auth" in graph and "chuishao_intake.bootstrap" in graph
    found = cycles(graph)
    assert not found, "import circles:\n" + "\n".join(" → ".join(cycle) for cycle in found)


def test_the_cycle_finder_finds_a_circle_and_names_it() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"x": {"y"}, "y": set()}) == []


def test_function_level_and_type_checking_imports_count(tmp_path: Path) -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pkg.root import Settings\n"
        "def run():\n    from pkg import other\n    import pkg.third\n"
        "from . import sibling\n"
    )
    tree = ast.parse(source)
    modules = dict.fromkeys(["pkg", "pkg.root", "pkg.other", "pkg.third", "pkg.sibling", "pkg.mod"], tmp_path)
    found = set(_imported("pkg.mod", tmp_path / "mod.py", tree, modules))
    assert {"pkg.root", "pkg.other", "pkg.third", "pkg.sibling"} <= found
