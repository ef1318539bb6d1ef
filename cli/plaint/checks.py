"""`plaint check`: every problem in a book, as `path:line: message`, and silence when all is well."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from plaint.book import Book
from plaint.calendarview import coverage
from plaint.errors import PlaintError
from plaint.resources import line_of, read_text, stem

COVERAGE_DAYS = 60


def check_book(root: Path, now: datetime) -> list[str]:
    problems: list[str] = []
    book = Book(root)
    try:
        policy = book.policy
    except PlaintError as exc:
        return exc.message.splitlines()
    cal = policy.calendar
    line, ok = coverage(cal, now, COVERAGE_DAYS)
    if not ok:
        problems.append(f"{cal.path}:1: {line}")
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
    from plaint.completeness import describe_missing, missing_to_close
    from plaint.records import is_open
    missing = missing_to_close(record, policy) if is_open(record) else []
    if missing:
        found.append(f"{path}:1: {record.get('id', stem(path))} lacks what closing needs: "
                     + describe_missing(record.get("id", stem(path)), missing, policy))
    if "received" not in record:
        found.append(f"{path}:1: no `received` time")
    if record.get("id") and record["id"] != stem(path):
        found.append(f"{path}:{_line(path, 'id')}: id {record['id']!r} does not match the file name {stem(path)!r}")
    return found


def _line(path: Path, key: str) -> int:
    return line_of(read_text(path), f"\n{key} =") + 1

