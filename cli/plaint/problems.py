"""Problems as data: one `Problem(path, line, message)` for records, policies and calendars.

Every reader that finds something wrong in a file says where as a Problem; it prints as
`path:line: message` (like a compiler) in exactly one place, `plaint.render.problem_text`.

The line between the core and render: a *diagnostic* (this field of this file is wrong, here is
the fix; only ever said as a problem or warning) is worded where it is found, as beancount's
errors and every PlaintError carry their message: the finder alone knows what went wrong, and a
catalog of problem kinds in render would repeat every reader's checks. A *finding* is a result
the core computes that some command also shows as its output (a calendar's coverage, printed by
`calendar check`; a merge to review, shown by `show`): it stays data, its `message` is that typed
value (`plaint.coverage.Coverage`, `plaint.mergereview.MergeToReview`), and the one printer words
it (`plaint.render.FINDINGS`), so one result reads the same wherever it is said.

`Where` is a place in a file before the message is known; `one_of` is the one check that a
value is one of a list of allowed values, worded the same everywhere.
"""

from __future__ import annotations

from typing import NamedTuple

from plaint.i18n import _, is_zh


class Problem(NamedTuple):
    path: str
    line: int
    message: str  # worded; or a finding's typed value, worded by plaint.render.problem_text (see above)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class Where(NamedTuple):
    """A line of a file; formats as the `path:line: ` that goes in front of a message."""
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: "

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, message)


def choices(kind: str, table, keys: bool = False, of: str = "") -> str:
    """`allowed severity values: low, medium, high` (`allowed: low, ...` when `kind` is empty), in the
    interface language (the kinds are marked for the catalog in `plaint.policy.KINDS`). In Chinese
    the values are named as the tool shows them (电话、当面); `keys` adds the key a file must hold
    (重大投诉（major）), for problems in the policy or a record. `of` is the singular kind (`channel`)."""
    items = named(of or kind, table, keys) if is_zh() else ", ".join(table)
    if not kind:
        return _("allowed: {items}").format(items=items)
    return _("allowed {kind}: {items}").format(kind=_(kind), items=items)


def named(kind: str, table, keys: bool = False) -> str:
    """The values of `table` by their Chinese names, a key added where a file needs it or two share a name."""
    from plaint.words import word
    names = {key: word(kind, key, table[key] if isinstance(table, dict) else None) for key in table}
    shared = {name for name in names.values() if list(names.values()).count(name) > 1}
    return "、".join(f"{name}（{key}）" if name != key and (keys or name in shared) else name
                    for key, name in names.items())


def one_of(kind: str, value, allowed, plural: str | None = None, keys: bool = False) -> str | None:
    """None when `value` is empty or one of `allowed`; else `unknown <kind> 'x'; allowed <plural>: a, b`.

    `plural` names the list (default `<kind> values`; "" for a bare `allowed: a, b`); `keys` as in `choices`."""
    if not value or value in allowed:
        return None
    listed = choices(kind + " values" if plural is None else plural, allowed, keys, of=kind)
    return _("unknown {kind} {value!r}; {allowed}").format(kind=_(kind), value=value, allowed=listed)


def problems_of(exc) -> list:
    """The Problems an error carries (a file's errors do; a plain usage error has none)."""
    return list(getattr(exc, "problems", None) or [])
