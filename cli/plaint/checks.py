"""`plaint check`: every problem in a book, as `path:line: message`, and silence when all is well."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from plaint.book import Book, Loaded
from plaint.calendarview import coverage
from plaint.errors import PlaintError
from plaint.resources import line_of, read_text, stem

COVERAGE_DAYS = 60


def check_book(root: Path, now: datetime, cache: bool = True) -> list[str]:
    problems: list[str] = []
    book = Book(root, cache)
    try:
        policy = book.policy
    except PlaintError as exc:
        return exc.message.splitlines()
    cal = policy.calendar
    line, ok = coverage(cal, now, COVERAGE_DAYS)
    if not ok:
        problems.append(f"{cal.path}:1: {line}")
    for item in book.iter_records():
        if isinstance(item, Loaded):
            problems += _record_problems(item.path, item.data, policy)
        else:
            problems.append(item.message)
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

