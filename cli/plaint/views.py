"""What `show` and `list` return: a record with its assessment, and filtered rows of assessed cases."""

from __future__ import annotations

from datetime import datetime

from plaint.assess import Assessment, ClockState, assess
from plaint.book import Book
from plaint.errors import UsageError
from plaint.policy import choices
from plaint.records import jsonable
from plaint.resources import read_text


def clock_view(clock: ClockState) -> dict:
    """One clock as the JSON contract has it (`due`, `met`, `provisional`), and everything else known."""
    view = {"due": clock.due, "met": clock.met, "provisional": clock.provisional,
            "original_due": clock.original_due, "stopped": clock.stopped, "duration": str(clock.duration),
            "state": clock.state, "late_minutes": int(clock.late.total_seconds() // 60),
            "breached": clock.breached, "round": clock.round, "start": clock.start, "set_by": clock.set_by,
            "extension_in_time": clock.extension_in_time if clock.extensions else None}
    if clock.extensions:
        view["extensions"] = [ext._asdict() for ext in clock.extensions]
    return view


def assessment_view(case: Assessment) -> dict:
    rule = case.upgrade
    return {"severity": case.severity, "recorded_severity": case.recorded_severity,
            "severity_upgraded": case.upgraded,
            "upgrade_rule": (f"a {rule.validity + ' ' if rule.validity else ''}complaint unresolved after "
                             f"{rule.unresolved_for} counts as {rule.severity}") if rule else None,
            "round": case.round, "open": case.open, "missing": case.missing,
            "rounds": [{**rnd._asdict(), "clocks": {name: clock_view(c) for name, c in clocks.items()}}
                       for rnd, clocks in zip(case.rounds, case.history)]}


def show_record(book: Book, query: str, now: datetime) -> dict:
    loaded = book.read(book.find(query))
    case = assess(loaded.data, book.policy, now)
    result = jsonable(loaded.data)
    result["deadlines"] = jsonable({name: clock_view(clock) for name, clock in case.clocks.items()})
    result["assessment"] = jsonable(assessment_view(case))
    return {"record": result, "path": loaded.path, "raw": read_text(loaded.path), "case": case, "data": loaded.data}


LIST_COLUMNS = ["id", "status", "received", "severity", "category", "handler", "department", "summary"]
LIST_EXTRA = ["next_clock", "next_due", "next_state", "severity_upgraded"]


def list_records(book: Book, now: datetime, status=None, severity=None, category=None, handler=None,
                 department=None, received_from: datetime | None = None, received_to: datetime | None = None,
                 open_only: bool = False) -> tuple[list[dict], list]:
    """Rows of the cases that match, each as its assessment at `now` has it (severity as it counts now)."""
    policy = book.policy
    for value, table, kind in ((severity, policy.severities, "severity"), (category, policy.categories, "category")):
        if value and value not in table:
            raise UsageError(f"unknown {kind} {value!r}; {choices(kind + ' values', table)}")
    loaded, problems = book.records()
    rows = []
    for item in loaded:
        record = item.data
        received = record.get("received")
        if status and record.get("status") != status:
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
        case = assess(record, policy, now)
        if open_only and not case.open:
            continue
        if severity and case.severity != severity:
            continue
        upcoming = case.next_due()
        row = {key: record.get(key, "") for key in LIST_COLUMNS}
        row.update({"received": received, "path": str(item.path), "severity": case.severity,
                    "recorded_severity": case.recorded_severity, "severity_upgraded": case.upgraded,
                    "round": case.round, "next_clock": upcoming.name if upcoming else "",
                    "next_due": upcoming.due if upcoming else None, "next_state": upcoming.state if upcoming else "",
                    "clocks": {name: {"due": c.due, "state": c.state} for name, c in case.clocks.items()}})
        rows.append(row)
    return rows, problems
