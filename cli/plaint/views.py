"""What `show` and `list` return: a record with its clocks, and filtered rows of records."""

from __future__ import annotations

from plaint.book import Book, Loaded
from plaint.clocks import case_clocks
from plaint.records import jsonable
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


def list_records(book: Book, flt) -> tuple[list[dict], list]:
    """The rows `flt` (a plaint.filters.Filter) accepts, in id order."""
    from plaint.filters import status_of
    policy = book.policy
    flt.check(policy)
    problems, rows = [], []
    for item in book.iter_records():
        if not isinstance(item, Loaded):
            problems.append(item)
            continue
        record = item.data
        if not flt.accepts(record, policy):
            continue
        rows.append({key: record.get(key, "") for key in LIST_COLUMNS} | {"received": record.get("received"),
                    "status": status_of(record), "path": str(item.path)})
    return rows, problems
