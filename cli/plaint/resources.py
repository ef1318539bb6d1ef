"""Where the shipped templates live: inside the installed package, or the checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def templates_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "templates"  # a wheel puts templates/ inside the package
    if installed.is_dir():
        return installed
    return here.parent.parent / "templates"  # a source checkout or editable install


def line_of(text: str, needle: str) -> int:
    """The first line holding `needle` (1 when absent), to point errors at a file line."""
    index = text.find(needle)
    return 1 if index < 0 else text.count("\n", 0, index) + 1
