"""What `show` and `list` return: a record with its clocks, and filtered rows of records."""

from __future__ import annotations

from datetime import datetime

from plaint.book import Book, Loaded
from plaint.clocks import case_clocks
from plaint.errors import UsageError
from plaint.policy import choices
from plaint.records import is_open, jsonable
from plaint.resources import read_text


def deadlines_of(record: dict, policy) -> dict:
    return {name: {"due": clock.due, "met": clock.met, "provisional": clock.provisional,
                   "original_due": clock.original_due, "stopped": clock.stopped, "duration": str(clock.duration)}
            for name, clock in case_clocks(record, policy).items()}


def show_record(book: Book, query: str) -> dict:
    loaded = book.read(book.find(query))
    result = jsonable(loaded.data)
    result["deadlines"] = jsonable(deadlines_of(loaded.data, book.policy))
    return {"record": result, "path": loaded.path, "raw": read_text(loaded.path)}


LIST_COLUMNS = ["id", "status", "received", "severity", "category", "handler", "department", "summary"]


def list_records(book: Book, status=None, severity=None, category=None, handler=None, department=None,
                 received_from: datetime | None = None, received_to: datetime | None = None,
                 open_only: bool = False) -> tuple[list[dict], list]:
    policy = book.policy
    for value, table, kind in ((severity, policy.severities, "severity"), (category, policy.categories, "category")):
        if value and value not in table:
            raise UsageError(f"unknown {kind} {value!r}; {choices(kind + ' values', table)}")
    problems, rows = [], []
    for item in book.iter_records():
        if not isinstance(item, Loaded):
            problems.append(item)
            continue
        record = item.data
        received = record.get("received")
        if status and record.get("status") != status:
            continue
        if open_only and not is_open(record):
            continue
        if severity and (record.get("severity") or policy.default_severity) != severity:
            continue
        if category and record.get("category") != category:
            continue
        if handler and record.get("handler") != handler:
            continue
        if department and record.get("department") != department:
            continue
        if received_from and (received is None or received < received_from):
            continue
        if received_to and (received is None or received >= received_to):
            continue
        rows.append({key: record.get(key, "") for key in LIST_COLUMNS} | {"received": received,
                    "path": str(item.path)})
    return rows, problems
