"""The layout is the architecture: data flows one way through the layers, with no import cycles.

Layers, lowest first: text, glossary, formats, align, findings, rules, config, run, report, cli
(``_version`` is at the bottom and the package's lazy façade, ``zhen_tools/__init__.py``, at the
top). A module may import from its own layer and the layers below it, never from above: that is
checked for every import, wherever it stands (a function, ``if TYPE_CHECKING:``). Module-level
imports form no cycle. Imports stand at the top of a module; the only ones allowed inside a
function are the heavy libraries, each behind one small loader, and the modules (the standard
library's process pool and package metadata, ``zhen check``'s fix and baseline code) that cost
start-up time most runs never need; ``LAZY_OK`` lists them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import zhen_tools

PACKAGE = Path(zhen_tools.__file__).resolve().parent
LAYERS = (
    "_version",
    "text",
    "glossary",
    "formats",
    "align",
    "findings",
    "rules",
    "config",
    "run",
    "report",
    "cli",
    "__init__",
)
RANK = {name: i for i, name in enumerate(LAYERS)}
# Imported inside functions on purpose: heavy libraries behind their loaders, and stdlib modules
# whose import cost a check of one small file should not pay.
LAZY_OK = (
    "jieba",
    "pypinyin",
    "langdetect",
    "rapidfuzz",
    "confusables",
    "polib",
    "dask",
    "distributed",
    "concurrent.futures",
    "importlib.metadata",
    "platform",
    "regex",  # text/lazyre: patterns compiled on first use, so regex loads only when one is
    # Cold start (issue 13): stdlib modules only some runs need, ~1-3 ms each to import.
    "tempfile",  # text/cache: only when a cache file is written
    "pickle",  # text/cache, text/segment: only for jieba's tables (Chinese text)
    "mmap",  # text/cache: jieba's tables, read a part at a time
    "difflib",  # glossary/load: "did you mean" for a glossary with a mistake
    "ctypes",  # run/execute: malloc_trim, only after a unit of more than 4M characters
    "tomllib",  # glossary/load, config: only a TOML file parsed (a glossary not in the cache, a config)
    "subprocess",  # run/inputs: only a folder walked in a git work tree asks git what it ignores
    "html",  # formats: entities shown decoded, only in the HTML report of an XLIFF/TMX file
    # cli/check: what only JSONL input, --fix/--diff, a baseline or JSON/SARIF output needs.
    "zhen_tools.cli.records",
    "zhen_tools.formats.jsonl",
    "zhen_tools.run.fix",
    "zhen_tools.run.baseline",
    "zhen_tools.report.signature",
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"] if rel.parts[-1] == "__init__" else list(rel.parts)
        out[".".join(["zhen_tools", *parts])] = path
    return out


MODULES = _modules()


def _layer(module: str) -> str:
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module) -> list[tuple[str, int, str]]:
    """(imported module, line, where: "top" | "type" | "function") for every import."""
    found: list[tuple[str, int, str]] = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, where) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                found.append((child.module, child.lineno, where))
                for a in child.names:  # `from zhen_tools.run import inputs` imports a module too
                    if f"{child.module}.{a.name}" in MODULES:
                        found.append((f"{child.module}.{a.name}", child.lineno, where))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, "function")
            elif isinstance(child, ast.If) and _type_checking(child):
                visit(child, "type" if where == "top" else where)
            else:
                visit(child, where)

    visit(tree, "top")
    return found


IMPORTS = {m: _imports(ast.parse(p.read_text(encoding="utf-8"), str(p))) for m, p in MODULES.items()}


def _internal(name: str) -> str | None:
    """The zhen_tools module an import names (a module, or the module a name comes from)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def test_every_module_belongs_to_a_layer():
    assert {_layer(m) for m in MODULES} <= set(RANK), {_layer(m) for m in MODULES} - set(RANK)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_from_a_higher_layer(module):
    mine = RANK[_layer(module)]
    upward = [
        f"line {line}: {name}"
        for name, line, _ in IMPORTS[module]
        if (target := _internal(name)) and RANK[_layer(target)] > mine
    ]
    assert not upward, f"{module} imports from above its layer ({_layer(module)}): {upward}"


def test_module_level_imports_form_no_cycle():
    graph = {
        m: {t for name, _, where in IMPORTS[m] if where == "top" and (t := _internal(name)) and t != m}
        for m in MODULES
    }
    # Importing a submodule imports its package first, which is no edge of ours.
    for m, targets in graph.items():
        targets.discard(m.rpartition(".")[0])
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycle = [*stack[stack.index(t) :], t]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_stand_at_the_top_except_heavy_libraries(module):
    inside = [
        f"line {line}: {name}"
        for name, line, where in IMPORTS[module]
        if where == "function" and not (name.startswith(LAZY_OK) or module == "zhen_tools")
    ]
    assert not inside, f"{module} imports inside a function: {inside}"


def test_the_checks_can_fail():
    # A cycle and an upward import, written out, are caught by the same helpers.
    tree = ast.parse("from zhen_tools.cli import main\ndef f():\n    import json\n")
    found = _imports(tree)
    assert ("zhen_tools.cli", 1, "top") in found and ("json", 3, "function") in found
    assert RANK[_layer(_internal("zhen_tools.cli.check"))] > RANK["text"]
