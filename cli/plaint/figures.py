"""The figures of one period: counts, clocks, times, revisits, repeats, open cases by age, people.

`figures` is the one computation behind the report, its comparison period and every month of the
trend. No complainant's name or contact leaves here: repeat complainants are counted by a masked
contact.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from plaint.assess import assess, upgrade_rule
from plaint.causes import rank_actions, rank_causes
from plaint.completeness import is_anonymous
from plaint.deadlines import working_days_between, working_time_between
from plaint.period import Period
from plaint.policy import CLOCKS
from plaint.records import View
from plaint.rounds import rounds_of
from plaint.scrub import place_of

DIMENSIONS = ("category", "severity", "channel", "complained_about", "validity", "status")
LABELLED = ("category", "severity", "channel", "validity")  # the dimensions the policy has labels for
UNSET = "(not set)"
NO_TOP = 1 << 30  # the open-ended last age bucket


def mask_contact(contact: str) -> str:
    """`13800138000` -> `138****8000`: enough to see a repeat, not enough to call."""
    text = "".join(contact.split())
    if "@" in text:
        name, _unused, domain = text.partition("@")
        return f"{name[:1]}***@{domain}"
    return f"{text[:3]}****{text[-4:]}" if len(text) >= 8 else "****"


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _counted(counter: Counter, total: int, labels=None) -> list[dict]:
    rows = []
    for key, count in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
        row = {"key": key, "count": count, "share": _share(count, total)}
        if labels:
            row["label"] = labels(key)
        rows.append(row)
    return rows


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600, 2)


def _percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _durations(samples: dict[str, list[float]]) -> dict:
    result = {}
    everything = [v for values in samples.values() for v in values]
    for key, values in [("all", everything)] + sorted(samples.items()):
        if values:
            result[key] = {"n": len(values), "median_hours": round(statistics.median(values), 2),
                           "p90_hours": _percentile(values, 0.9)}
    return result


def _age_buckets(bounds: list[int]) -> list[tuple[str, int, int]]:
    buckets, low = [], 0
    for high in bounds:
        buckets.append((f"{low}-{high}" if low != high else f"{high}", low, high))
        low = high + 1
    buckets.append((f">{bounds[-1]}", low, NO_TOP))
    return buckets


def _ranked(counter) -> list:
    """(key, count) pairs, most first, then by key."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _clock_row(counted: Counter) -> dict:
    """A clock's outcomes and its on-time rate among the decided ones (running ones wait)."""
    decided = counted["met"] + counted["met-extended"] + counted["breached"]
    return {"met": counted["met"], "met_extended": counted["met-extended"], "breached": counted["breached"],
            "running": counted["running"], "on_time_rate": _share(counted["met"] + counted["met-extended"], decided)}


class _Tally:
    """What `figures` counts, one record at a time, as the period saw it."""

    def __init__(self, policy, now: datetime, as_of: datetime):
        self.policy, self.now, self.as_of = policy, now, as_of
        self.depth = policy.report.get("place_depth", 2)  # repeated places: never finer than this, never the flat
        self.dimensions = {name: Counter() for name in DIMENSIONS}
        self.clocks = {name: Counter() for name in CLOCKS}
        self.later_rounds = Counter()
        self.times = {"respond": defaultdict(list), "resolve": defaultdict(list)}
        self.revisits = Counter()
        self.contacts, self.units, self.closings = Counter(), Counter(), []
        self.responsible = defaultdict(lambda: {"cases": 0, "late": 0})
        self.handlers = defaultdict(lambda: {"cases": 0, "late": 0})
        self.upgraded = 0

    def add(self, record: dict) -> None:
        case = assess(record, self.policy, self.now)
        severity, clocks = self._as_it_stood(record, case)
        for name in DIMENSIONS:
            value = severity if name == "severity" else case.status if name == "status" else record.get(name)
            self.dimensions[name][value or UNSET] += 1
        late = False
        for name, clock in clocks.items():
            self.clocks[name][clock.outcome] += 1  # a running clock already past due counts as breached
            late |= clock.outcome == "breached"
        for later in case.history[1:]:
            if "resolve" in later:
                self.later_rounds[later["resolve"].outcome] += 1
        self._add_times(record, severity, case)
        self._add_revisit(record, case)
        self._add_people(record, late)

    def _as_it_stood(self, record: dict, case) -> tuple:
        """Severity as it stood at the period's end (a case that only later turned major by age was
        not major in this month's figures), and the first round's clocks of that severity."""
        then = case.upgrade if self.as_of == self.now else upgrade_rule(record, self.policy, self.as_of,
                                                                        rounds_of(record, self.as_of))
        severity = then.severity if then else case.recorded_severity
        self.upgraded += then is not None
        clocks = case.history[0] if case.history else {}  # the first round's outcome stays as it was
        if severity != case.severity:  # turned more severe only after the period: its clocks as they were then
            had = self.policy.clocks_for(severity, record.get("validity", ""), record.get("category", ""))
            clocks = {name: clock for name, clock in clocks.items() if name in had}
        return severity, clocks

    def _add_times(self, record: dict, severity: str, case) -> None:
        """From receipt to the first reply, and to the closing of a case closed at `now` (the rounds as
        they stood then, as the clocks count them: nothing after `now`)."""
        replied = [e["at"] for e in record.get("history", []) if e.get("action") == "reply"] or [
            View(record).time("replied")]  # a hand-typed record: its one reply time
        replied = [at for at in replied if isinstance(at, datetime) and at <= self.now]
        closed = case.rounds[-1].closed if case.rounds else None
        for figure, moment in (("respond", min(replied, default=None)), ("resolve", closed)):
            if moment is not None:
                self.times[figure][severity].append(_hours(working_time_between(record["received"], moment,
                                                                                 self.policy.calendar)))

    def _add_revisit(self, record: dict, case) -> None:
        """Closed in any round by `now`, and the latest call-back by then: a case reopened since
        keeps its call-back (the unsatisfied customer counts); one made after `now` does not count."""
        if any(r.closed is not None for r in case.rounds):
            self.revisits["closed"] += 1
            called = [n for n, r in enumerate(case.rounds) if r.revisited is not None]
            if called:
                self.revisits["revisited"] += 1
                self.revisits["satisfied"] += _satisfied(record, case.rounds[called[-1]].revisited)
                clock = case.history[called[-1]].get("revisit") if called[-1] < len(case.history) else None
                if clock and clock.met:
                    self.revisits["within_window"] += 1
        if case.round > 1:
            self.revisits["reopened"] += 1

    def _add_people(self, record: dict, late: bool) -> None:
        contact = record.get("complainant", {}).get("contact", "")
        if contact:
            self.contacts[mask_contact(contact)] += 1
        place = place_of(record.get("unit") or "", self.depth)
        if place:
            self.units[place] += 1
        closing = record.get("closing", {})
        if closing:  # who was found responsible when the case closed, and whether it was late
            self.closings.append(closing)
            who = closing.get("responsible") or UNSET
            self.responsible[who]["cases"] += 1
            self.responsible[who]["late"] += late
        handler = record.get("handler") or UNSET
        self.handlers[handler]["cases"] += 1
        self.handlers[handler]["late"] += late

    def counted(self, total: int) -> dict:
        """From `upgraded_by_age` to `repeat_locations`, in the report's order."""
        policy, revisits = self.policy, self.revisits
        return {
            "upgraded_by_age": self.upgraded,
            "later_rounds": {"resolve": _clock_row(self.later_rounds)},
            "counts": {name: _counted(self.dimensions[name], total,
                                      (lambda key, kind=name: policy.label(kind, key)) if name in LABELLED else None)
                       for name in DIMENSIONS},
            "clocks": {name: _clock_row(self.clocks[name]) for name in CLOCKS if self.clocks[name]},
            "times": {figure: _durations(samples) for figure, samples in self.times.items()},
            "revisits": {"closed": revisits["closed"], "revisited": revisits["revisited"],
                         "within_window": revisits["within_window"], "satisfied": revisits["satisfied"],
                         "satisfied_share": _share(revisits["satisfied"], revisits["revisited"]),
                         "reopened": revisits["reopened"]},
            "repeat_complainants": [{"contact": k, "count": v} for k, v in _ranked(self.contacts) if v > 1],
            "repeat_locations": [{"unit": k, "place": k, "count": v} for k, v in _ranked(self.units) if v > 1],
        }

    def people(self) -> dict:
        """Who was responsible, who handled, and the causes and actions found at closing."""
        def by_cases(table):
            return sorted(table.items(), key=lambda item: (-item[1]["cases"], item[0]))
        return {"responsible": [{"responsible": k, **v} for k, v in by_cases(self.responsible)],
                "handlers": [{"handler": k, **v} for k, v in by_cases(self.handlers)],
                "causes": rank_causes(self.closings, self.policy),
                "corrective_actions": rank_actions(self.closings)}


def _satisfied(record: dict, at: datetime) -> bool:
    """What the customer said at the call-back made `at` (a later round's call-back may differ)."""
    for entry in record.get("history", []):
        if entry.get("action") == "revisit" and entry.get("at") == at:
            return bool(entry.get("satisfied"))
    return bool(record.get("revisit", {}).get("satisfied"))  # a hand-typed record: its one call-back


def _open_by_age(open_cases: list[dict], policy, cutoff: datetime) -> list[dict]:
    """The cases open at `cutoff`, by working days since receipt, in the policy's buckets."""
    cal = policy.calendar
    buckets = _age_buckets(list(policy.report.get("age_buckets", [1, 3, 5, 10, 20])))
    as_of = cutoff - timedelta(seconds=1)  # the period's last day, not the next one's midnight
    ages, ages_by_day = Counter(), {}  # the count walks day by day and open cases share receipt days: once a day
    for record in open_cases:
        day = record["received"].astimezone(cal.tz).toordinal()
        if day not in ages_by_day:
            ages_by_day[day] = working_days_between(record["received"], as_of, cal)
        age = ages_by_day[day]
        ages[next(label for label, low, high in buckets if low <= age <= high)] += 1
    return [{"bucket": label, "working_days": [low, high if high < NO_TOP else None], "count": ages[label]}
            for label, low, high in buckets]


def figures(records: list[dict], policy, period: Period, now: datetime) -> dict:
    """Every figure for the records received in `period`, as of `now`."""
    received = [r for r in records if r.get("received") and period.start <= r["received"] < period.end
                and r["received"] <= now]  # a case received after `now` is not in the book yet
    chosen = [r for r in received if not r.get("duplicate_of")]  # a complaint counts once, however often reported
    cutoff = min(now, period.end)  # open at the end of the period, or now for the current one
    tally = _Tally(policy, now, cutoff)
    for record in chosen:
        tally.add(record)
    open_cases = [r for r in records if open_at(r, cutoff, now_itself=cutoff == now)]
    return {"records": len(chosen), "duplicates_merged": len(received) - len(chosen),
            "anonymous": sum(1 for r in chosen if is_anonymous(r)), **tally.counted(len(chosen)),
            "open_by_age": _open_by_age(open_cases, policy, cutoff), "open_total": len(open_cases),
            **tally.people()}


def open_at(record: dict, cutoff: datetime, now_itself: bool = False) -> bool:
    """Open just before `cutoff` (a period's end: a case closed at its 24:00 was open all of it), or,
    when `cutoff` is the moment assessed (`now_itself`), open at it as the assessment says: received
    by then and not closed by then."""
    received = record.get("received")
    if received is None or received > cutoff or (received == cutoff and not now_itself):
        return False
    closed = View(record).time("closed")
    return closed is None or closed > cutoff or (closed == cutoff and not now_itself)
