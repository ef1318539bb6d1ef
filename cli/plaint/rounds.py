"""A case's rounds, read from its history: reopening starts a new round, and what happened in an
earlier round (when it closed, whether the customer was called back, which deadlines were moved)
stays with that round for good.

The history is the evidence; `[times]` holds only the current state, so a round's own times come
from the history entries, with `[times]` as the fallback for records typed by hand.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class Round(NamedTuple):
    number: int
    start: datetime              # received, or the reopening
    closed: datetime | None
    revisited: datetime | None
    ended: datetime | None       # when the next round began (the case was reopened)


def _entries(record: dict, until: datetime | None):
    for entry in record.get("history", []):
        if isinstance(entry, dict) and isinstance(entry.get("at"), datetime):
            if until is None or entry["at"] <= until:
                yield entry


def in_book_at(record: dict, now: datetime) -> bool:
    """Received by `now`: a case received later is not in the book at that moment (no reader lists,
    counts or shows it as of then)."""
    received = record.get("received")
    return not isinstance(received, datetime) or received <= now


def status_at(record: dict, now: datetime) -> str:
    """The status as it stood at `now` (a duplicate is `duplicate`): the file's, unless the history
    records something after `now`; then the lifecycle's steps up to `now`, replayed."""
    from plaint.records import status_of
    history = [e for e in record.get("history", []) if isinstance(e, dict) and isinstance(e.get("at"), datetime)]
    if all(entry["at"] <= now for entry in history):
        return status_of(record)  # nothing after `now`: the file says it (a hand edit is respected)
    from plaint.merge import replay_status
    known = sorted((e for e in history if e["at"] <= now), key=lambda e: e["at"])
    if record.get("duplicate_of") and any(e.get("action") == "duplicate" for e in known):
        return "duplicate"
    return replay_status(known) or status_of(record)


def rounds_of(record: dict, until: datetime | None = None) -> list[Round]:
    """The rounds up to `until` (default: everything recorded); none before the case was received."""
    received = record.get("received")
    if not isinstance(received, datetime) or (until is not None and received > until):
        return []
    times = record.get("times", {})
    number, start, closed, revisited = 1, received, None, None
    rounds: list[Round] = []
    for entry in sorted(_entries(record, until), key=lambda e: e["at"]):
        action, at = entry.get("action"), entry["at"]
        if action == "close":
            closed, revisited = at, None
        elif action == "revisit" and closed is not None and revisited is None:
            revisited = at
        if action == "reopen" or (action == "revisit" and entry.get("reopen")):
            rounds.append(Round(number, start, closed, revisited, at))
            number, start, closed, revisited = number + 1, at, None, None
    # A hand-typed record may carry its times without the history entries behind them.
    if closed is None and _usable(times.get("closed"), start, until):
        closed = times["closed"]
    if closed is not None and revisited is None and _usable(times.get("revisited"), closed, until):
        revisited = times["revisited"]
    rounds.append(Round(number, start, closed, revisited, None))
    return rounds


def _usable(value, after: datetime, until: datetime | None) -> bool:
    return isinstance(value, datetime) and value >= after and (until is None or value <= until)


def round_at(rounds: list[Round], moment: datetime) -> int:
    """The number of the round that was running at `moment`."""
    found = 1
    for rnd in rounds:
        if rnd.start <= moment:
            found = rnd.number
    return found


def extensions_by_clock(record: dict, rounds: list[Round], until: datetime | None = None) -> dict:
    """(round, clock) -> the extensions granted, oldest first, from the history's `extend` entries.

    A record whose [extensions] table has an entry the history does not (typed by hand) gets it too."""
    found: dict[tuple[int, str], list[dict]] = {}
    seen = set()
    for entry in _entries(record, until):
        if entry.get("action") == "extend" and isinstance(entry.get("due"), datetime) and entry.get("clock"):
            key = (round_at(rounds, entry["at"]), entry["clock"])
            found.setdefault(key, []).append(entry)
            seen.add((entry["clock"], entry["due"]))
    for clock, fields in record.get("extensions", {}).items():
        if not isinstance(fields, dict) or not isinstance(fields.get("due"), datetime):
            continue
        at = fields.get("at")
        if (clock, fields["due"]) in seen or not isinstance(at, datetime) or (until is not None and at > until):
            continue
        found.setdefault((round_at(rounds, at), clock), []).append(fields)
    for entries in found.values():
        entries.sort(key=lambda e: e["at"])
    return found


def targets_by_round(record: dict, rounds: list[Round], until: datetime | None = None) -> dict:
    """(round, clock) -> a deadline a person set (the routing desk, a serious-case review)."""
    targets = record.get("targets", {})
    result = {}
    for clock, value in targets.items():
        if not isinstance(value, datetime):
            continue
        setter = next((e for e in _entries(record, None) if e.get("action") in ("assign", "review")
                       and e.get("deadline") == value), None)
        if setter is not None and until is not None and setter["at"] > until:
            continue
        result[(round_at(rounds, setter["at"]) if setter else 1, clock)] = value
    return result
