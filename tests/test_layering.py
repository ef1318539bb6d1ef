"""The house's layers, read from the source with `ast`: no import circles, arrows only downward
(commands -> render -> core -> storage -> base), render using only the core's types and a short
list of vocabulary modules, Click only in the command layer, nothing but the command layer and
render importing the settings, and the environment read only in settings."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cli" / "plaint"

BASE = {"plaint", "plaint.errors", "plaint.problems", "plaint.i18n", "plaint.settings",
        "plaint.words"}
RANKS = {"base": 0, "storage": 1, "core": 2, "render": 3, "commands": 4}
# Imports inside functions that still close a loop in the core (each lazy, none at module level):
# none left; keep it so.
KNOWN_LAZY_CIRCLES: list[list[str]] = []
# The core modules render may import when it runs (besides the base and render itself): tables of
# words and formats, never code that computes a case. Render reads the core's values; a type it
# names only for annotations is imported under `if TYPE_CHECKING:` (never at run time).
RENDER_MAY_USE = {
    "plaint.clocks",      # the clock table: each clock's purpose, said by `show --explain`
    "plaint.lateness",    # the `late` value's format (`1h05m`, `in 30m`), fixed by the overdue JSON contract
    "plaint.methods",     # the ways a reply reaches a customer, with their labels (vocabulary)
    "plaint.procedure",   # the procedure's step table: each step's message (`Still needed before closing`)
    "plaint.reportwords",  # the report's words in English and Chinese (zh's vocabulary for html/xlsx)
    "plaint.search",      # find's text-matching rule (fold, phone digits): a table keeps the matched columns whole
}


def module_name(path: Path) -> str:
    parts = ["plaint", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def layer(name: str) -> str:
    """A module's layer: its sub-package (commands, render, storage), the base, or the core."""
    if name in BASE:
        return "base"
    if name == "plaint.__main__":
        return "commands"
    package = name.split(".")[1]
    return package if package in ("commands", "render", "storage") else "core"


def _type_checking_only(tree) -> set[int]:
    """The ids of the import nodes inside `if TYPE_CHECKING:` (types named, nothing run)."""
    return {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
            and getattr(node.test, "id", getattr(node.test, "attr", None)) == "TYPE_CHECKING"
            for statement in node.body for inner in ast.walk(statement)}


def imports(tree, top_level_only: bool = False, run_time_only: bool = False) -> set[str]:
    """Every module of the package (and `click`) that `tree` imports (`run_time_only`: not those
    imported under `if TYPE_CHECKING:`)."""
    nodes = tree.body if top_level_only else ast.walk(tree)
    skipped = _type_checking_only(tree) if run_time_only else set()
    found = set()
    for node in nodes:
        if id(node) in skipped:
            continue
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            if name.split(".")[0] == "click":
                found.add("click")
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != "plaint":
                found.add(name)
    return found


def circles(top_level_only: bool) -> list[list[str]]:
    graph = {name: imports(tree, top_level_only) - {"click", name} for name, tree in TREES.items()}
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(node):  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                on.discard(other)
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_circle_at_module_level():
    assert circles(top_level_only=True) == []


def test_no_new_circle_through_lazy_imports():
    assert {frozenset(c) for c in circles(top_level_only=False)} == {frozenset(c) for c in KNOWN_LAZY_CIRCLES}


def test_arrows_only_point_down():
    upward = sorted(f"{name} -> {other}" for name, tree in TREES.items() for other in imports(tree) - {"click"}
                    if RANKS[layer(other)] > RANKS[layer(name)])
    assert upward == []


def test_click_only_in_the_command_layer():
    users = sorted(name for name, tree in TREES.items() if "click" in imports(tree))
    assert users and all(layer(name) == "commands" for name in users), users


def test_core_and_storage_never_import_render_commands_or_settings():
    wrong = sorted(f"{name} -> {other}" for name, tree in TREES.items() if layer(name) in ("core", "storage")
                   for other in imports(tree) if other == "plaint.settings" or layer(other) in ("render", "commands"))
    assert wrong == []
    assert sum(layer(name) == "core" for name in MODULES) > 30


def test_core_never_prints():
    offenders = [name for name, tree in TREES.items() if layer(name) not in ("commands", "render")
                 for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print"]
    assert offenders == []


def _reads_environment(tree) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb") \
                and getattr(node.value, "id", None) == "os":
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "os" \
                and any(alias.name in ("environ", "getenv", "environb") for alias in node.names):
            return True
    return False


def test_only_settings_reads_the_environment():
    readers = sorted(name for name, tree in TREES.items() if _reads_environment(tree))
    assert readers == ["plaint.settings"]


def test_render_uses_core_types_and_vocabulary_only():
    """Render imports, at run time, the base, render and the short RENDER_MAY_USE list; any other core
    module only under `if TYPE_CHECKING:` (a type named in an annotation)."""
    wrong = sorted(f"{name} -> {other}" for name, tree in TREES.items() if layer(name) == "render"
                   for other in imports(tree, run_time_only=True) - {"click"}
                   if layer(other) == "core" and other not in RENDER_MAY_USE)
    assert wrong == []
    assert all(layer(name) == "core" for name in RENDER_MAY_USE) and RENDER_MAY_USE <= set(MODULES)


def test_commands_use_render_and_core_render_never_commands():
    """The command layer calls the core and renders what it returns; render never reaches back up."""
    upward = sorted(f"{name} -> {other}" for name, tree in TREES.items() if layer(name) == "render"
                    for other in imports(tree) if layer(other) == "commands")
    assert upward == []
    used = {layer(other) for name, tree in TREES.items() if layer(name) == "commands" for other in imports(tree)
            if other != "click"}
    assert {"render", "core"} <= used


def test_the_layering_test_sees_what_it_should():
    """The test itself can fail: a made-up upward import and a made-up circle are caught."""
    tree = ast.parse("from plaint.render import visible\nimport click\n")
    assert "plaint.render" in imports(tree) and "click" in imports(tree)
    typed = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from plaint.assess import Assessment\n"
                      "from plaint.overdue import find_overdue\n")
    assert imports(typed) == {"plaint.assess", "plaint.overdue"}
    assert imports(typed, run_time_only=True) == {"plaint.overdue"}
    assert RANKS[layer("plaint.render")] > RANKS[layer("plaint.assess")]
    assert layer("plaint.commands.entry") == "commands" and layer("plaint.storage.files") == "storage"
