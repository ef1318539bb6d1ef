"""Turning results into text: one place for table, JSON, CSV and markdown output."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    return value


# Characters that steer a terminal or reorder text (ESC, CSI, BEL, bidi overrides): shown, never obeyed.
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C, 0x2028, 0x2029}
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def visible(text, keep_newlines: bool = False) -> str:
    """Text for a terminal: every control or escape character written as an escape (\\x1b), so a
    summary cannot clear the screen, set the window title or fake colours."""
    text = str(text)
    if text.isprintable() and not any(ord(c) in _BIDI for c in text):
        return text
    out = []
    for char in text:
        code = ord(char)
        if char == "\n" and keep_newlines:
            out.append(char)
        elif code < 32 or 127 <= code < 160:
            out.append(f"\\x{code:02x}")
        elif code in _BIDI:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def csv_safe(value):
    """A CSV cell a spreadsheet will not run as a formula (OWASP: prefix a single quote)."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def markdown_cell(value) -> str:
    """A markdown table cell: `|` escaped, HTML shown as text, one line."""
    import html
    text = html.escape(visible(value), quote=False).replace("|", "\\|")
    return text


def to_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for row in rows:
        cells = [csv_safe(_plain(row.get(c))) for c in columns]
        # A bare CR is not a line end to Python's writer but is to every reader: quote such rows.
        (quoted if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)
    return out.getvalue()


def to_table(rows: list[dict], columns: list[str], headers: list[str] | None = None, fmt: str = "simple") -> str:
    from tabulate import tabulate  # slow to import (wcwidth): only when a table is drawn

    cell = markdown_cell if fmt == "github" else visible
    body = [[cell(_plain(row.get(c))) for c in columns] for row in rows]
    return tabulate(body, headers=[cell(h) for h in headers or columns], tablefmt=fmt, disable_numparse=True)


def render_rows(rows: list[dict], columns: list[str], fmt: str, headers: list[str] | None = None) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "markdown":
        return to_table(rows, columns, headers, "github")
    return to_table(rows, columns, headers)


def problem_text(items) -> str:
    """The one printer of problems: each `path:line: message` on its own line (control characters shown,
    never obeyed). `items` are Problems, errors that carry Problems, other errors, or plain lines."""
    lines = []
    for item in items:
        found = getattr(item, "problems", None) if isinstance(item, BaseException) else None
        if found:
            lines += [str(problem) for problem in found]
        else:
            lines.append(item.message if isinstance(item, BaseException) else str(item))
    return visible("\n".join(lines), keep_newlines=True)
