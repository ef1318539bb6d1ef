"""`plaint check`: every problem in a book, as `path:line: message`, and silence when all is well."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from plaint.book import Book
from plaint.calendarview import coverage
from plaint.errors import PlaintError
from plaint.resources import line_of, read_text, stem

COVERAGE_DAYS = 60


def check_book(root: Path, now: datetime, warnings: list[str] | None = None) -> list[str]:
    """Every problem as `path:line: message`; things worth saying that are not problems (a year of
    holidays that is only estimated) go to `warnings`."""
    problems: list[str] = []
    book = Book(root)
    try:
        policy = book.policy
    except PlaintError as exc:
        return exc.message.splitlines()
    cal = policy.calendar
    found = coverage(cal, now, COVERAGE_DAYS)
    if not found.ok:
        problems.append(f"{cal.path}:1: {found.line}")
    if found.warning and warnings is not None:
        warnings.append(found.warning)
    loaded, unreadable = book.records()
    problems += [p.message for p in unreadable]
    for item in loaded:
        problems += _record_problems(item.path, item.data, policy)
    return problems


def _record_problems(path: Path, record: dict, policy) -> list[str]:
    found = []
    checks = (("channel", policy.channels), ("category", policy.categories), ("validity", policy.validity),
              ("severity", policy.severities))
    for key, table in checks:
        value = record.get(key)
        if value and value not in table:
            found.append(f"{path}:{_line(path, key)}: unknown {key} {value!r}; allowed: {', '.join(table)}")
    if "received" not in record:
        found.append(f"{path}:1: no `received` time")
    if record.get("id") and record["id"] != stem(path):
        found.append(f"{path}:{_line(path, 'id')}: id {record['id']!r} does not match the file name {stem(path)!r}")
    return found


def _line(path: Path, key: str) -> int:
    return line_of(read_text(path), f"\n{key} =") + 1

