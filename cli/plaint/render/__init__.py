"""Turning results into text: one place for table, JSON, CSV and markdown output."""

from __future__ import annotations

from datetime import date, datetime

# json, csv and io are imported where they are used: the command line imports this module for
# `visible`, and `plaint --help` should not pay for writers it never uses.


def _plain(value):
    if type(value) is str:
        return value
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
    if text.isprintable():  # every character in _BIDI is a format character, never printable
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
    """A markdown table cell: `|` escaped, HTML shown as text, one line. Only `&` and `<` can start
    HTML, so a bare `>` (the `>20` days bucket) stays as it is read, never `&gt;20`."""
    text = visible(value).replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|")
    return text


def to_json(data) -> str:
    import json
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)


def iter_json(rows):
    """The text of to_json(list(rows)), piece by piece, holding one row at a time."""
    import json
    first = True
    for row in rows:
        text = json.dumps(row, ensure_ascii=False, indent=2, default=_plain).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]" if first else "\n]"


def iter_csv(rows, columns: list[str], headers: list[str] | None = None):
    """The text of to_csv(list(rows), columns), a row at a time (`headers` in place of the keys, for Excel)."""
    import csv
    import io
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(headers or columns)
    for row in rows:
        cells = [csv_safe(_csv_plain(row.get(c))) for c in columns]
        # A bare CR is not a line end to Python's writer but is to every reader: quote such rows.
        (quoted if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _csv_plain(value):
    """A cell as the JSON contract writes it: booleans `true`/`false`, not Python's True/False."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _plain(value)


def to_csv(rows: list[dict], columns: list[str], headers: list[str] | None = None) -> str:
    return "".join(iter_csv(rows, columns, headers))


ELLIPSIS = "…"
MIN_COLUMN = 4  # a column is never cut narrower than this (display columns)
GAP = 2  # tabulate's "simple" format puts two spaces between columns


# Non-ASCII characters the tool itself writes in English tables (the age upgrade's arrow, the cut's
# ellipsis), each one column wide as wcwidth says: measured without importing wcwidth (~25 ms).
NARROW = frozenset("↑…")


def _narrow(text: str) -> bool:
    """Printable text of ASCII and NARROW characters only: one column per character."""
    return text.isprintable() and (text.isascii() or all(c < "\x80" or c in NARROW for c in text))


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal: a CJK character takes two."""
    if _narrow(text):
        return len(text)
    from wcwidth import wcswidth
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def pad(text: str, width: int) -> str:
    """`text` padded to `width` display columns (a Chinese label takes two per character)."""
    return text + " " * max(width - display_width(text), 0)


def label_width(labels, least: int = 12) -> int:
    """The width of a label column: the widest label's display width, at least `least`."""
    return max([least] + [display_width(label) for label in labels])


def cut(text: str, width: int) -> str:
    """`text` cut to at most `width` display columns, an ellipsis marking the cut."""
    if display_width(text) <= width:
        return text
    from wcwidth import wcwidth
    out, used = [], 0
    for char in text:
        w = max(wcwidth(char), 0)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + ELLIPSIS


def terminal_width() -> int | None:
    """The width tables must fit: COLUMNS, else the terminal's; None when output is not a terminal."""
    import shutil
    import sys

    from plaint.settings import columns_wanted
    if columns_wanted():
        return columns_wanted()
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def fit(widths: list[int], total: int, keep: frozenset = frozenset()) -> list[int]:
    """Column widths that fit in `total` columns: the widest column gives way first; the columns
    in `keep` (indexes: the id people read out) are never cut."""
    widths = list(widths)
    room = total - GAP * (len(widths) - 1)
    while sum(widths) > room:
        candidates = [i for i in range(len(widths)) if i not in keep] or list(range(len(widths)))
        widest = max(candidates, key=lambda i: widths[i])
        if widths[widest] <= MIN_COLUMN:
            break  # as narrow as a column may go
        widths[widest] -= 1
    return widths


def to_table(rows: list[dict], columns: list[str], headers: list[str] | None = None, fmt: str = "simple",
             width: int | None = -1, paint=None) -> str:
    """A table; in the terminal format every cell is cut by display width so the table fits `width`
    (default: the terminal's). `paint(column, row, text)` may colour a cell after it is cut."""
    cell = markdown_cell if fmt == "github" else visible
    body = _cells(rows, columns, cell)
    head = [cell(h) for h in headers or columns]
    if fmt == "simple":
        width = terminal_width() if width == -1 else width
        if width:
            # tabulate makes a column at least its header plus two wide
            limits = fit([max([display_width(h) + 2] + [display_width(r[i]) for r in body])
                          for i, h in enumerate(head)], width, frozenset(i for i, c in enumerate(columns) if c == "id"))
            body = [[cut(text, limits[i]) for i, text in enumerate(r)] for r in body]
            head = [cut(text, max(limits[i] - 2, 1)) for i, text in enumerate(head)]
        if paint is not None:
            body = [[paint(columns[i], rows[n], text) for i, text in enumerate(r)] for n, r in enumerate(body)]
    if fmt == "simple":
        text = simple_table(body, head)
        if text is not None:
            return text
    from tabulate import tabulate  # slow to import (wcwidth, importlib.metadata): only when it draws

    return tabulate(body, headers=head, tablefmt=fmt, disable_numparse=True)


def _cells(rows: list[dict], columns: list[str], cell) -> list[list[str]]:
    """`cell(_plain(value))` of each row's value in each column, a column at a time: a column of
    printable text (thousands of overdue rows) is its own cells (visible() leaves it as it is)."""
    body = []
    for column in columns:
        values = [row.get(column) for row in rows]
        if cell is visible and set(map(type, values)) == {str} and "".join(values).isprintable():  # all text
            body.append(values)
        else:
            body.append([cell(_plain(v)) for v in values])
    return [list(row) for row in zip(*body)] if body else [[] for _ in rows]


def simple_table(body: list[list[str]], head: list[str]) -> str | None:
    """tabulate's "simple" table (headers, all text, no number parsing) of one-line, uncoloured
    cells, the same text without its per-cell type detection (thousands of overdue rows);
    None when a cell is not such plain text (tabulate draws it)."""
    if not body:
        return None
    columns, widths = [], []
    for index, header in enumerate(head):
        # Judged before strip(), which would hide a CR or control; a newline, a colour, a control:
        # tabulate's own rules apply. A cell that passes stays plain once stripped.
        found = [row[index] for row in body]
        if _plain_width(header) < 0:
            return None
        joined = "".join(found)
        if joined.isascii() and joined.isprintable():  # a column of plain ASCII: its widths are its lengths
            cells = list(map(str.strip, found))
            sizes = list(map(len, cells))
        else:  # each different text judged once (a column repeats a few words thousands of times)
            if any(_plain_width(text) < 0 for text in set(found)):
                return None
            judged = {text: (text.strip(), _plain_width(text.strip())) for text in set(found)}
            cells = [judged[text][0] for text in found]
            sizes = [judged[text][1] for text in found]
        columns.append((cells, sizes))
        widths.append(max(_plain_width(header) + 2, max(sizes)))  # tabulate's minimum: the header plus two
    lines = ["  ".join(h + " " * (w - _plain_width(h)) for h, w in zip(head, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    padded = [[c + " " * (w - n) for c, n in zip(cells, sizes)] for (cells, sizes), w in zip(columns, widths)]
    lines += ["  ".join(row).rstrip() for row in zip(*padded)]
    return "\n".join(lines)


def _plain_width(text: str) -> int:
    """Display width of one line of plain text; -1 if it holds a line break, an escape or a control."""
    if _narrow(text):
        return len(text)
    if "\n" in text or "\r" in text or "\x1b" in text:
        return -1
    from wcwidth import wcswidth
    return wcswidth(text)


def render_rows(rows: list[dict], columns: list[str], fmt: str, headers: list[str] | None = None,
                paint=None) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "markdown":
        return to_table(rows, columns, headers, "github")
    return to_table(rows, columns, headers, paint=paint)


BOM = "\ufeff"  # Excel on Chinese Windows reads UTF-8 CSV right only with it


def excel(text: str) -> str:
    """CSV for Excel: a UTF-8 byte-order mark first."""
    return BOM + text


def for_people(rows, columns: list[str], policy) -> tuple:
    """CSV for Excel is read by a person: in Chinese its headers and the tool's words (statuses, clocks,
    states, policy values by label, yes/no) are Chinese; in English, and for `--format csv`, the keys."""
    from plaint.i18n import is_zh
    if not is_zh():
        return rows, None
    from plaint import words
    return (_in_words(row, policy) for row in rows), words.headers(columns)


_KINDS = {"severity": "severity", "category": "category", "channel": "channel", "validity": "validity"}


def _in_words(row: dict, policy) -> dict:
    from plaint import words
    from plaint.i18n import _
    out = dict(row)
    for key, value in row.items():
        if isinstance(value, bool):
            out[key] = _("yes") if value else _("no")
        elif not value or not isinstance(value, (str, list)):
            continue
        elif key == "status":
            out[key] = words.status(value)
        elif key in ("state", "next_state"):
            out[key] = words.state(value)
        elif key in ("clock", "next_clock"):
            out[key] = words.clock(value)
        elif key == "late":
            out[key] = words.lateness(value)
        elif key in _KINDS:
            out[key] = policy.label(_KINDS[key], value, "zh")
        elif key == "escalate_to":
            out[key] = [words.role(role) for role in value]
    return out


def error_text(exc) -> str:
    """The one line a PlaintError becomes on stderr: `Error: message` (control characters shown)."""
    from plaint.i18n import _
    return visible(_("Error: {message}").format(message=exc.message), keep_newlines=True)


def stderr_width() -> int | None:
    """The width messages on stderr wrap to: COLUMNS, else stderr's terminal; None when it is not one."""
    import shutil
    import sys

    from plaint.settings import columns_wanted
    if columns_wanted():
        return columns_wanted()
    return shutil.get_terminal_size().columns if sys.stderr.isatty() else None


def problem_text(items) -> str:
    """The one printer of problems: each `path:line: message` on its own line (control characters shown,
    never obeyed). `items` are Problems, errors that carry Problems, other errors, or plain lines."""
    lines = []
    for item in items:
        found = getattr(item, "problems", None) if isinstance(item, BaseException) else None
        if found:
            lines += [_problem_line(problem) for problem in found]
        elif isinstance(item, BaseException):
            lines.append(item.message)
        else:
            lines.append(_problem_line(item) if hasattr(item, "message") else _finding(item))
    return visible("\n".join(lines), keep_newlines=True)


def _problem_line(problem) -> str:
    """`path:line: message`, the message worded here when the core found data, not a diagnostic."""
    return f"{problem.path}:{problem.line}: {_finding(problem.message)}"


# A finding the core reports as data (plaint.problems explains which): its type -> its wording.
FINDINGS = {"Coverage": ("plaint.render.calendar", "coverage_said"),
            "MergeToReview": ("plaint.render.merges", "merge_warning")}


def _finding(message) -> str:
    where = FINDINGS.get(type(message).__name__)
    if where is None:
        return str(message)
    from importlib import import_module
    return getattr(import_module(where[0]), where[1])(message)
