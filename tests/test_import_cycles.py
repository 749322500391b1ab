"""No module of gapcheck imports, at load time, a module that imports it back, directly or through others.

A cycle makes the order of imports matter (a name is missing while its module is half loaded) and ties stages
together that the architecture keeps apart. Imports inside functions (the lazy ones that keep `gapcheck --help`
fast) and under `if TYPE_CHECKING:` are not run at load time and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import gapcheck

PACKAGE = Path(gapcheck.__file__).parent


def _module_names(root: Path, package: str) -> dict[str, Path]:
    """Every module under `root` by its dotted name (a package by its own name, for its `__init__.py`)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _load_time_imports(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """The import statements run when the module is loaded: at its top level, in class bodies, in `try` and `if`
    blocks (not `if TYPE_CHECKING:`), never inside a function."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If):
            if not _is_type_checking(node):
                found += _load_time_imports(node.body)
            found += _load_time_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(handler.body for handler in node.handlers)):
                found += _load_time_imports(block)
        elif isinstance(node, ast.ClassDef | ast.With):
            found += _load_time_imports(node.body)
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Which modules of the package each of its modules imports at load time."""
    modules = _module_names(root, package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        edges = graph[name] = set()
        for node in _load_time_imports(ast.parse(path.read_text(encoding="utf-8")).body):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    parent = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                    base = ".".join([*parent, *([base] if base else [])])
                # `from a import b` loads a.b when b is a module, else takes the name b from a.
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            edges.update(target for target in targets if target in modules and target != name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as the modules along it (the first again at the end), or [] if there is none."""
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := walk(target)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return []


def test_gapcheck_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE, "gapcheck")
    assert len(graph) > 50 and "gapcheck.skills.ambiguous" in graph["gapcheck.nlp"]
    assert find_cycle(graph) == []


def test_a_cycle_through_a_relative_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "toy"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from toy.sub import b\n")
    (package / "sub" / "b.py").write_text("import toy.c\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from toy import a\n")
    assert find_cycle(import_graph(package, "toy")) == []
    (package / "c.py").write_text("def later():\n    from toy import a\n\nfrom .sub.b import x\nfrom . import a\n")
    assert find_cycle(import_graph(package, "toy")) == ["toy.a", "toy.sub.b", "toy.c", "toy.a"]
