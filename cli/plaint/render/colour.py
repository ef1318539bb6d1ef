"""Colour on a terminal: overdue and late in red, due soon in yellow, met in green.

Only when standard output is a terminal, never with `NO_COLOR` set (https://no-color.org) or
`--no-color`. The colour goes round text already cut to its width, so layout never changes.
"""

from __future__ import annotations

import sys

CODES = {"overdue": "31", "late": "31", "due-soon": "33", "met": "32"}
_state = {"forbidden": False}


def forbid(off: bool) -> None:
    """`--no-color` for this command."""
    _state["forbidden"] = bool(off)


def enabled(stream=None) -> bool:
    from plaint.settings import colour_forbidden
    if _state["forbidden"] or colour_forbidden():
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def paint(text: str, state: str, on: bool) -> str:
    code = CODES.get(state)
    return f"\x1b[{code}m{text}\x1b[0m" if on and code and text else text


def cell_painter(on: bool, column: str | tuple = "state", key: str = "state"):
    """For `render.to_table`: colour the `column` cell (or each of several) by the row's `key` state."""
    if not on:
        return None
    columns = (column,) if isinstance(column, str) else column

    def painter(name, row, text):
        return paint(text, row.get(key, ""), True) if name in columns else text
    return painter
