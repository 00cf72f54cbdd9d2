"""The shape of the code: no import circle among iafr's modules, no function past 80 lines."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "iafr"
LONGEST_FUNCTION = 80


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Every iafr module ``path`` imports, lazily or not (``if TYPE_CHECKING:`` imports aside)."""
    tree = ast.parse(path.read_text("utf-8"))
    type_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & modules


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(path): path for path in SRC.rglob("*.py")}
    modules = set(paths)
    return {name: _imports(path, modules) - {name} for name, path in paths.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_circle() -> None:
    graph = _graph()
    # a command module registers on its package's app: the package imports it only by name
    assert _cycles(graph) == []


def test_the_checker_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_function_is_longer_than_80_lines() -> None:
    long = [
        f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in SRC.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION
    ]
    assert long == []


DECLARATION_MODULES = {"kinds.py", "declaration.py", "models.py"}


def _kind_names() -> set[str]:
    from iafr.declaration import Nested
    from iafr.kinds import KINDS

    names = {name for kind in KINDS for name in (kind.section, kind.record_type)}
    names |= {nested.record_type for kind in KINDS for nested in kind.of_kind(Nested) if nested.record_type}
    return names


def kind_lists(tree: ast.AST, names: set[str]) -> list[tuple[int, list[str]]]:
    """Literal tuples, lists, sets and dict keys naming two kinds of record or more."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items: list[ast.expr | None] = list(node.elts)
        elif isinstance(node, ast.Dict):
            items = list(node.keys)
        else:
            continue
        named = sorted({item.value for item in items if isinstance(item, ast.Constant) and item.value in names})
        if len(named) >= 2:
            found.append((node.lineno, named))
    return found


def test_no_module_but_the_declaration_spells_a_list_of_kinds() -> None:
    # A list of kinds outside iafr.kinds leaves the next kind out without a word: derive it instead.
    names = _kind_names()
    spelled = [
        f"{path.relative_to(SRC)}:{line} {named}"
        for path in SRC.rglob("*.py")
        if path.name not in DECLARATION_MODULES
        for line, named in kind_lists(ast.parse(path.read_text("utf-8")), names)
    ]
    assert spelled == []


def test_the_list_finder_finds_a_list() -> None:
    tree = ast.parse('KNOWN = ("measures", "funding")\nSHOWN = {"actor": 1, "report": 2}\nONE = ["actors"]')
    assert kind_lists(tree, {"measures", "funding", "actor", "report", "actors"}) == [
        (1, ["funding", "measures"]),
        (2, ["actor", "report"]),
    ]
