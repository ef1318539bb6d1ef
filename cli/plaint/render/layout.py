"""Text laid out for a terminal's width, by display width (a Chinese character takes two columns).

A table that does not fit drops whole columns, the least useful first (each column has a rank: the
lowest goes first); the free text (the summary) is cut, with an ellipsis, once the columns ranked
below it are gone, and is the last to go. Columns without a rank (the id, the due time, the
lateness, what the user searched or filtered on) are never dropped or cut. When even those do not
fit, each row becomes a card: the id, then one `label  value` line per cell. Output that is not for
a terminal (no COLUMNS, not a TTY) keeps every column whole, as before.
"""

from __future__ import annotations

import re

from plaint.render import GAP, _plain, cut, display_width, pad, terminal_width, to_table, visible

NO_LINE_START = frozenset("，。、；：！？）」』》〉】”’,.;:!?)…")
NO_LINE_END = frozenset("（「『《〈【“‘(")  # an opening bracket goes down with what it opens
FREE_LEAST = 12  # the summary is never cut narrower than this; below it, it goes


def fitted_table(rows: list[dict], columns: list[str], headers: list[str], ranks: dict, free: str | None = None,
                 keep=(), paint=None, width: int | None = -1) -> str:
    """The terminal table of `rows`: every column when it fits `width` (default: the terminal's, None:
    no limit), else the columns `plan` keeps, else cards. `ranks` maps a droppable column to its rank
    (lower goes first); `free` is the column cut rather than dropped; `keep` names columns that stay
    whole whatever their rank (what was searched or filtered on)."""
    width = terminal_width() if width == -1 else width
    if not width or not rows:
        return to_table(rows, columns, headers, width=None, paint=paint)
    names = {c: visible(h) for c, h in zip(columns, headers)}
    cells = {c: [visible(_plain(row.get(c))).strip() for row in rows] for c in columns}
    natural = {c: max([display_width(names[c])] + [display_width(text) for text in cells[c]]) for c in columns}
    if sum(max(natural[c], display_width(names[c]) + 2) for c in columns) + GAP * (len(columns) - 1) <= width:
        return to_table(rows, columns, headers, width=None, paint=paint)  # fits as a pipe gets it
    ranks = {c: r for c, r in ranks.items() if c in columns and c not in keep}
    free = free if free in ranks else None
    least = min(natural[free], max(FREE_LEAST, display_width(names[free]))) if free else 0
    chosen = plan(columns, natural, ranks, (free, least), width)
    if chosen is None:
        return cards(rows, columns, headers, set(columns) - set(ranks), width, paint)
    shown, free_width = chosen
    if free_width is not None:
        cells[free] = [cut(text, free_width) for text in cells[free]]
        natural[free] = max([display_width(names[free])] + [display_width(text) for text in cells[free]])
    return _draw(rows, shown, names, cells, natural, paint)


def _draw(rows: list[dict], shown: list[str], names: dict, cells: dict, sizes: dict, paint=None) -> str:
    """The table in tabulate's "simple" look, each column as wide as its widest cell or header (no
    slack: this table is made to fit), colour put round a cell after it is padded."""
    def line(texts, row=None):
        out = []
        for n, (column, text) in enumerate(zip(shown, texts)):
            padded = text if n == len(shown) - 1 else pad(text, sizes[column])
            out.append(paint(column, row, padded) if paint is not None and row is not None and text else padded)
        return "  ".join(out).rstrip()
    lines = [line([names[c] for c in shown]), "  ".join("-" * sizes[c] for c in shown)]
    lines += [line([cells[c][n] for c in shown], row) for n, row in enumerate(rows)]
    return "\n".join(lines)


def plan(columns: list[str], natural: dict, ranks: dict, free: tuple, width: int):
    """(the columns shown, the free column's cut width or None), or None when the columns that must
    stay do not fit `width` even alone. `free` is (the free column or None, the least it is cut to)."""
    free, least = free
    steps = sorted((rank, n, column) for n, (column, rank) in enumerate(ranks.items()))
    shown, cutting = list(columns), False

    def total() -> int:
        sizes = [least if cutting and c == free else natural[c] for c in shown]
        return sum(sizes) + GAP * (len(sizes) - 1)

    for _rank, _n, column in steps:
        if total() <= width:
            break
        if column == free:
            cutting = True
        else:
            shown.remove(column)
    if total() > width and free in shown:
        shown.remove(free)
        cutting = False
    if total() > width:
        return None
    for _rank, _n, column in reversed(steps):  # a later, wider drop may have made room for an earlier one
        if column in shown or column == free or (cutting and ranks[column] < ranks[free]):
            continue
        shown.insert(sum(1 for c in columns[:columns.index(column)] if c in shown), column)
        if total() > width:
            shown.remove(column)
    if not cutting:
        return shown, None
    room = width - (total() - least)
    return shown, min(natural[free], room)


def cards(rows: list[dict], columns: list[str], headers: list[str], keep: set, width: int, paint=None) -> str:
    """Each row as a card for a terminal too narrow for a table: its first cell (the id) on a line,
    then `  label  value` for every other cell that has a value; values cut to the width, those in
    `keep` wrapped instead (never cut)."""
    labels = [visible(h) for h in headers[1:]]
    label_room = max(display_width(label) for label in labels)
    room = max(width - 2 - label_room - GAP, FREE_LEAST)
    out = []
    for row in rows:
        if out:
            out.append("")
        out.append(visible(_plain(row.get(columns[0]))))
        for column, label in zip(columns[1:], labels):
            text = visible(_plain(row.get(column))).strip()
            if not text:
                continue
            parts = wrap(text, room) if column in keep else [cut(text, room)]
            if paint is not None:
                parts = [paint(column, row, part) for part in parts]
            out.append(f"  {pad(label, label_room)}  {parts[0]}")
            out += [" " * (2 + label_room + GAP) + part for part in parts[1:]]
    return "\n".join(out)


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """`text` in lines of at most `width` display columns (the first line `first`, when given): English
    breaks at spaces, Chinese (which has none) between any two characters, a word longer than a line
    where it must. Line breaks stay."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_line(paragraph, width, width if lines or first is None else first)
    return lines


def hang_each(text: str, width: int | None) -> str:
    """Each line of `text` wrapped to `width` (on a terminal), its further lines indented by 2."""
    if not width:
        return text
    return "\n".join(wrapped for line in text.split("\n") for wrapped in hang("", line, width, indent=2))


def hang(prefix: str, text: str, width: int | None, indent: int | None = None, below: bool = False) -> list[str]:
    """`prefix` then `text`, wrapped within `width` display columns, each further line indented to
    where the text began (or by `indent`); one line as it is when `width` is None or it fits. `below`:
    text that does not fit beside the prefix starts on the next line."""
    if not width or ("\n" not in text and display_width(visible(prefix + text)) <= width):
        return [prefix + text]
    prefix, text = visible(prefix), visible(text, keep_newlines=True)
    prefix, text = prefix + text[:len(text) - len(text.lstrip(" "))], text.lstrip(" ")
    indent = display_width(prefix) if indent is None else indent
    room = max(width - indent, FREE_LEAST)
    first = width - display_width(prefix)
    if below or first < FREE_LEAST // 2:  # too little room after the prefix: the text starts on the next line
        return [prefix.rstrip()] + [" " * indent + line for line in wrap(text, room)]
    lines = wrap(text, room, first)
    return [prefix + lines[0]] + [" " * indent + line for line in lines[1:]]


def _wrap_line(text: str, width: int, first: int) -> list[str]:
    lines: list[str] = []
    parts: list[str] = []  # the tokens of the line being filled
    used, room = 0, first
    for token in _tokens(text):
        size = display_width(token)
        if token == " " and not parts:
            continue
        if used + size <= room:
            parts.append(token)
            used += size
            continue
        while parts and parts[-1] == " ":
            parts.pop()
        carry: list[str] = []
        if token in NO_LINE_START:  # `，` never starts a line: the word or character before it goes down too
            while len(parts) > 1 and (not carry or carry[0] in NO_LINE_START):
                carry.insert(0, parts.pop())
        while len(parts) > 1 and parts[-1] in NO_LINE_END:  # `（` never ends a line
            carry.insert(0, parts.pop())
        if parts:
            lines.append("".join(parts).rstrip())
            room = width
        parts, used = [], 0
        if token == " ":
            continue
        token = "".join(carry) + token
        while display_width(token) > room:  # a word longer than a line: broken where it must be
            head = _take(token, room)
            lines.append(head)
            room = width
            token = token[len(head):]
        parts, used = [token], display_width(token)
    if "".join(parts).strip() or not lines:
        lines.append("".join(parts).rstrip())
    return lines


def _tokens(text: str):
    """Words and single spaces; a run holding wide (CJK) characters may break between any two."""
    for match in re.finditer(r"\s+|\S+", text):
        token = match.group()
        if token.isspace():
            yield " "
        elif display_width(token) == len(token):
            yield token
        else:  # each wide character on its own; a narrow run within (`UTF-8`, `html`) stays whole
            yield from re.findall(r"[\u0000-\u10ff]+|.", token)


def _take(text: str, width: int) -> str:
    """The longest start of `text` within `width` display columns (at least one character)."""
    used = 0
    for n, char in enumerate(text):
        used += display_width(char)
        if used > width:
            return text[:max(n, 1)]
    return text


def flow(first: str, pieces: list, width: int, indent: int) -> list[str]:
    """`first`, then each (text, paint or None) piece two spaces on, on the same line while it fits,
    else on a line of its own indented by `indent` (wrapped if longer); colour goes on after the cut."""
    lines, used = [first], display_width(first)
    for text, painter in pieces:
        size = display_width(text)
        if used + GAP + size <= width:
            lines[-1] += " " * GAP + (painter(text) if painter else text)
            used += GAP + size
            continue
        for part in wrap(text, max(width - indent, FREE_LEAST)):
            lines.append(" " * indent + (painter(part) if painter else part))
        used = indent + display_width(part)
    return lines


def fit_lines(text: str, width: int | None) -> str:
    """Lines of prose for a terminal `width` wide: each line that does not fit wraps, its further lines
    indented two past its own indent (as it is when `width` is None)."""
    if not width:
        return text
    out = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        out += hang(" " * indent, body, width, indent + 2)
    return "\n".join(out)
