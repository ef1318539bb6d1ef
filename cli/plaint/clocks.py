"""A case's clocks: when each is due, whether it was met, and what an extension changed."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from plaint.deadlines import due
from plaint.durations import Duration
from plaint.policy import CLOCKS, Policy
from plaint.records import is_open


class Clock(NamedTuple):
    name: str
    duration: Duration
    start: datetime
    due: datetime            # the deadline in force (extended when the extension came in time)
    original_due: datetime
    provisional: bool
    stopped: datetime | None
    extension: dict | None   # the latest approved extension, if any
    extension_in_time: bool

    @property
    def met(self) -> bool | None:
        """True or False once stopped; None while running."""
        return None if self.stopped is None else self.stopped <= self.due

    @property
    def outcome(self) -> str:
        """met, met-extended, breached or running (a running clock may already be late)."""
        if self.stopped is None:
            return "running"
        if self.stopped <= self.original_due:
            return "met"
        return "met-extended" if self.stopped <= self.due else "breached"

    def late_at(self, now: datetime) -> bool:
        return (self.stopped or now) > self.due


def effective_severity(record: dict, policy: Policy, now: datetime) -> tuple[str, bool]:
    """The severity a case counts as now: its own, or a harsher one that its age brings."""
    severity = record.get("severity") or policy.default_severity
    if not is_open(record):
        return severity, False
    received = record.get("received")
    for rule in policy.age_rules:
        if rule.validity and record.get("validity") != rule.validity:
            continue
        if severity == rule.severity or received is None:
            continue
        if due(received, rule.unresolved_for, policy.calendar).at <= now:
            return rule.severity, True
    return severity, False


def case_clocks(record: dict, policy: Policy, severity: str | None = None) -> dict[str, Clock]:
    """Every clock the case runs under its severity (or validity kind), in policy order."""
    severity = severity or record.get("severity") or policy.default_severity
    durations = policy.clocks_for(severity, record.get("validity", ""), record.get("category", ""))
    times = record.get("times", {})
    targets = record.get("targets", {})  # deadlines a person set: the routing desk, a serious-case review
    received = record.get("received") or times.get("received")
    extensions = record.get("extensions", {})
    closed = times.get("closed")
    result = {}
    for name, duration in durations.items():
        start_key, stop_key, _ = CLOCKS[name]
        start = received if start_key == "received" else times.get(start_key)
        if name == "resolve" and times.get("reopened") and not closed:
            start = times["reopened"]  # a reopened case gets a fresh resolve clock
        if start is None or (name == "revisit" and record.get("duplicate_of")):
            continue  # the revisit clock starts only at closing; a duplicate has no clocks of its own
        stopped = times.get(stop_key)
        if stopped is None and name != "revisit" and closed is not None:
            stopped = closed  # closing ends every clock but the revisit
        computed = due(start, duration, policy.calendar)
        original = computed.at
        if name in targets:
            computed, original = computed._replace(provisional=False), targets[name]
        extension = extensions.get(name)
        in_time = bool(extension) and extension.get("at") is not None and extension["at"] <= original
        current = extension["due"] if in_time else original
        result[name] = Clock(name, duration, start, current, original, computed.provisional, stopped,
                             extension, in_time)
    return result
