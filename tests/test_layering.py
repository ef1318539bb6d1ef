"""The core never imports Click, and never prints: only the cli* modules talk to the terminal."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cli" / "plaint"


def core_modules():
    return [p for p in PACKAGE.glob("*.py") if not p.name.startswith("cli") and p.name != "__main__.py"]


def test_core_never_imports_click():
    offenders = []
    for path in core_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name.split(".")[0] == "click" for name in names):
                offenders.append(path.name)
    assert offenders == []
    assert len(core_modules()) > 10


def test_core_never_prints():
    offenders = [p.name for p in core_modules()
                 for node in ast.walk(ast.parse(p.read_text()))
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
    modules = list(PACKAGE.rglob("*.py"))
    readers = sorted(str(p.relative_to(PACKAGE)) for p in modules if _reads_environment(ast.parse(p.read_text())))
    assert readers == ["cache.py", "settings.py"]
