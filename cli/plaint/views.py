"""What `show` and `list` return: a record with its assessment, and filtered rows of assessed cases."""

from __future__ import annotations

from datetime import datetime

from plaint.assess import Assessment, ClockState, assess
from plaint.book import Book, Loaded
from plaint.completeness import missing_to_close
from plaint.errors import UsageError
from plaint.i18n import _
from plaint.records import jsonable
from plaint.rounds import in_book_at
from plaint.storage.resources import read_text


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
            "round": case.round, "open": case.open, "missing": case.missing, "status": case.status,
            "problems": list(case.problems),
            "rounds": [{**rnd._asdict(), "clocks": {name: clock_view(c) for name, c in clocks.items()}}
                       for rnd, clocks in zip(case.rounds, case.history)]}


def show_record(book: Book, query: str, now: datetime) -> dict:
    loaded = book.read(book.find(query))
    if not in_book_at(loaded.data, now):  # as a write at that moment is refused
        raise UsageError(_("{now} is before {id} was received ({received}); use --now with a later time").format(
            now=now.isoformat(), id=loaded.id, received=loaded.data["received"].isoformat()))
    vetted = book.vetted(loaded)
    if vetted is not loaded:
        raise vetted  # a value the policy does not define: said as path:line, as list and overdue say it
    case = assess(loaded.data, book.policy, now)
    result = jsonable(loaded.data)
    result["status"] = case.status  # as list and find say it: a duplicate is `duplicate`
    result["deadlines"] = jsonable({name: clock_view(clock) for name, clock in case.clocks.items()})
    result["assessment"] = jsonable(assessment_view(case))
    from plaint.mergereview import unconfirmed_merges
    merges = unconfirmed_merges(loaded.data)
    result["merge_review"] = jsonable(merges)  # two desks' changes met; confirm
    missing = missing_to_close(loaded.data, book.policy) if case.open else []
    if case.open:
        result["missing_to_close"] = missing
    from plaint.assess import located
    return {"record": result, "path": loaded.path, "raw": read_text(loaded.path), "case": case, "data": loaded.data,
            "problems": located(loaded.path, case.problems), "merges": merges, "missing": missing}


LIST_COLUMNS = ["id", "status", "received", "severity", "category", "handler", "department", "summary"]
LIST_EXTRA = ["next_clock", "next_due", "next_state", "severity_upgraded"]


def list_records(book: Book, flt, now: datetime, stream: bool = False) -> tuple[list[dict], list]:
    """The rows `flt` (a plaint.filters.Filter) accepts, in id order, each as its assessment at `now`
    has it (severity as it counts now, the next deadline).

    `stream`: the rows come as an iterator that reads one record at a time, and the problems
    list fills as it is consumed (a large book is never held in memory)."""
    policy = book.policy
    flt.check(policy)
    problems: list = []
    rows = _list_rows(book, flt, now, policy, problems)
    return (rows if stream else list(rows)), problems


def _list_rows(book: Book, flt, now: datetime, policy, problems: list):
    from plaint.assess import located
    listed = False
    for item in book.iter_records():
        if not isinstance(item, Loaded):
            problems.append(item)
            continue
        record = item.data
        if not flt.accepts(record, policy) or not in_book_at(record, now):
            continue
        case = assess(record, policy, now)
        if not flt.accepts_case(case):
            continue
        problems += located(item.path, case.problems)
        upcoming = case.next_due()
        row = {key: record.get(key, "") for key in LIST_COLUMNS}
        row.update({"received": record.get("received"), "status": case.status, "path": str(item.path),
                    "severity": case.severity, "recorded_severity": case.recorded_severity,
                    "severity_upgraded": case.upgraded, "round": case.round,
                    "next_clock": upcoming.name if upcoming else "", "next_due": upcoming.due if upcoming else None,
                    "next_state": upcoming.state if upcoming else "",
                    "clocks": {name: {"due": c.due, "state": c.state} for name, c in case.clocks.items()}})
        listed = True
        yield row
    if not listed and (flt.site or flt.typed_department or flt.typed_handler):
        from plaint.filters import refuse_unknown
        refuse_unknown(book, flt.site, flt.typed_department, flt.typed_handler)  # a typo is refused, not an empty list
