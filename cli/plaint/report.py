"""`report`: the month's figures for management, computed from one read of the book.

No complainant's name or contact appears: repeat complainants are shown by a masked contact.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from plaint.assess import assess, upgrade_rule
from plaint.book import Book, Loaded
from plaint.causes import rank_actions, rank_causes
from plaint.completeness import is_anonymous
from plaint.deadlines import working_days_between, working_time_between
from plaint.errors import UsageError
from plaint.policy import CLOCKS
from plaint.rounds import rounds_of
from plaint.scrub import Scrubber, place_of, scrub_figures
from plaint.i18n import _

DIMENSIONS = ("category", "severity", "channel", "complained_about", "validity", "status")
UNSET = "(not set)"


class Period:
    def __init__(self, start: datetime, end: datetime, label: str):
        self.start, self.end, self.label = start, end, label  # end is exclusive

    def previous(self) -> "Period":
        if len(self.label) == 7:  # a calendar month: the month before
            first = (self.start.date().replace(day=1) - timedelta(days=1)).replace(day=1)
            start = datetime.combine(first, datetime.min.time(), self.start.tzinfo)
            return Period(start, self.start, f"{first:%Y-%m}")
        length = (self.end.date() - self.start.date()).days
        first = self.start.date() - timedelta(days=length)
        start = datetime.combine(first, datetime.min.time(), self.start.tzinfo)
        last = self.start.date() - timedelta(days=1)
        return Period(start, self.start, f"{first} to {last}")

    def as_dict(self) -> dict:
        last = (self.end - timedelta(days=1)).date()
        return {"label": self.label, "from": self.start.date().isoformat(), "to": last.isoformat(),
                "start": self.start.isoformat(), "end": self.end.isoformat()}


def _month_start(year: int, month: int, tz) -> datetime:
    return datetime(year, month, 1, tzinfo=tz)


def report_period(now: datetime, month: str | None, since: str | None, until: str | None) -> Period:
    """`--month YYYY-MM`, or `--from`/`--to` dates (inclusive), default the last complete month."""
    tz = now.tzinfo
    if month and (since or until):
        raise UsageError(_("give either --month or --from/--to, not both"))
    if since or until:
        if not (since and until):
            raise UsageError(_("--from and --to go together (dates, both inclusive)"))
        try:
            first, last = date.fromisoformat(since), date.fromisoformat(until)
        except ValueError:
            raise UsageError(_("cannot read --from {since!r} / --to {until!r}; write dates as 2026-11-01").format(since=since, until=until))
        if last < first:
            raise UsageError(_("--to {last} is before --from {first}").format(last=last, first=first))
        return Period(datetime.combine(first, datetime.min.time(), tz),
                      datetime.combine(last + timedelta(days=1), datetime.min.time(), tz), f"{first} to {last}")
    if month:
        try:
            year, number = (int(part) for part in month.split("-"))
            start = _month_start(year, number, tz)
        except ValueError:
            raise UsageError(_("cannot read --month {month!r}; write it as YYYY-MM, e.g. 2026-11").format(month=month))
    else:
        this_month = now.date().replace(day=1)
        previous = this_month - timedelta(days=1)
        start = _month_start(previous.year, previous.month, tz)
    following = (start.date().replace(day=28) + timedelta(days=4)).replace(day=1)
    return Period(start, datetime.combine(following, datetime.min.time(), tz), f"{start:%Y-%m}")


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
    buckets.append((f">{bounds[-1]}", low, 1 << 30))
    return buckets


def figures(records: list[dict], policy, period: Period, now: datetime) -> dict:
    """Every figure for the records received in `period`, as of `now`."""
    cal = policy.calendar
    chosen = [r for r in records if r.get("received") and period.start <= r["received"] < period.end]
    merged = sum(1 for r in chosen if r.get("duplicate_of"))
    chosen = [r for r in chosen if not r.get("duplicate_of")]  # a complaint counts once, however often reported
    total = len(chosen)
    counters = {name: Counter() for name in DIMENSIONS}
    clock_counts = {name: Counter() for name in CLOCKS}
    respond, resolve = defaultdict(list), defaultdict(list)
    revisits = Counter()
    contacts, units, closings = Counter(), Counter(), []
    depth = policy.report.get("place_depth", 2)  # repeated places: never finer than this, never the flat
    responsible = defaultdict(lambda: {"cases": 0, "late": 0})
    handlers = defaultdict(lambda: {"cases": 0, "late": 0})
    as_of = min(now, period.end)
    upgraded = 0
    later_rounds = Counter()
    for record in chosen:
        case = assess(record, policy, now)
        # Severity as it stood at the period's end (a case that only later turned major by age
        # was not major in this month's figures).
        then = case.upgrade if as_of == now else upgrade_rule(record, policy, as_of, rounds_of(record, as_of))
        severity = then.severity if then else case.recorded_severity
        upgraded += then is not None
        for name in DIMENSIONS:
            value = severity if name == "severity" else (record.get(name) or UNSET)
            counters[name][value] += 1
        clocks = case.history[0] if case.history else {}  # the first round's outcome stays as it was
        if severity != case.severity:  # turned more severe only after the period: its clocks as they were then
            had = policy.clocks_for(severity, record.get("validity", ""), record.get("category", ""))
            clocks = {name: clock for name, clock in clocks.items() if name in had}
        late = False
        for name, clock in clocks.items():
            clock_counts[name][clock.outcome] += 1  # a running clock already past due counts as breached
            late |= clock.outcome == "breached"
        for later in case.history[1:]:
            if "resolve" in later:
                later_rounds[later["resolve"].outcome] += 1
        times = record.get("times", {})
        received = record["received"]
        if "replied" in times:
            respond[severity].append(_hours(working_time_between(received, times["replied"], cal)))
        if "closed" in times:
            resolve[severity].append(_hours(working_time_between(received, times["closed"], cal)))
        closing = record.get("closing", {})
        if "closed" in times:
            revisits["closed"] += 1
            if "revisit" in record:
                revisits["revisited"] += 1
                revisits["satisfied"] += bool(record["revisit"].get("satisfied"))
                if case.clocks.get("revisit") and case.clocks["revisit"].met:
                    revisits["within_window"] += 1
        if case.round > 1:
            revisits["reopened"] += 1
        contact = record.get("complainant", {}).get("contact", "")
        if contact:
            contacts[mask_contact(contact)] += 1
        place = place_of(record.get("unit") or "", depth)
        if place:
            units[place] += 1
        if closing:
            closings.append(closing)
        if closing:  # who was found responsible when the case closed, and whether it was late
            who = closing.get("responsible") or UNSET
            responsible[who]["cases"] += 1
            responsible[who]["late"] += late
        handler = record.get("handler") or UNSET
        handlers[handler]["cases"] += 1
        handlers[handler]["late"] += late
    labels = {"category": "category", "severity": "severity", "channel": "channel", "validity": "validity"}
    counts = {}
    for name in DIMENSIONS:
        kind = labels.get(name)
        counts[name] = _counted(counters[name], total,
                                (lambda key, kind=kind: policy.label(kind, key)) if kind else None)
    clocks_out = {}
    for name in CLOCKS:
        counted = clock_counts[name]
        if not counted:
            continue
        decided = counted["met"] + counted["met-extended"] + counted["breached"]
        clocks_out[name] = {"met": counted["met"], "met_extended": counted["met-extended"],
                            "breached": counted["breached"], "running": counted["running"],
                            "on_time_rate": _share(counted["met"] + counted["met-extended"], decided)}
    cutoff = min(now, period.end)  # open at the end of the period, or now for the current one
    open_cases = [r for r in records if _open_at(r, cutoff)]
    ages = Counter()
    buckets = _age_buckets(list(policy.report.get("age_buckets", [1, 3, 5, 10, 20])))
    as_of = cutoff - timedelta(seconds=1)  # the period's last day, not the next one's midnight
    ages_by_day = {}  # the count walks day by day and open cases share receipt days: count each day once
    for record in open_cases:
        day = record["received"].astimezone(cal.tz).toordinal()
        if day not in ages_by_day:
            ages_by_day[day] = working_days_between(record["received"], as_of, cal)
        age = ages_by_day[day]
        ages[next(label for label, low, high in buckets if low <= age <= high)] += 1
    decided = later_rounds["met"] + later_rounds["met-extended"] + later_rounds["breached"]
    return {
        "records": total,
        "duplicates_merged": merged,
        "anonymous": sum(1 for r in chosen if is_anonymous(r)),
        "upgraded_by_age": upgraded,
        "later_rounds": {"resolve": {"met": later_rounds["met"], "met_extended": later_rounds["met-extended"],
                                     "breached": later_rounds["breached"], "running": later_rounds["running"],
                                     "on_time_rate": _share(later_rounds["met"] + later_rounds["met-extended"],
                                                            decided)}},
        "counts": counts,
        "clocks": clocks_out,
        "times": {"respond": _durations(respond), "resolve": _durations(resolve)},
        "revisits": {"closed": revisits["closed"], "revisited": revisits["revisited"],
                     "within_window": revisits["within_window"], "satisfied": revisits["satisfied"],
                     "satisfied_share": _share(revisits["satisfied"], revisits["revisited"]),
                     "reopened": revisits["reopened"]},
        "repeat_complainants": [{"contact": k, "count": v} for k, v in
                                sorted(contacts.items(), key=lambda i: (-i[1], i[0])) if v > 1],
        "repeat_locations": [{"unit": k, "place": k, "count": v} for k, v in
                             sorted(units.items(), key=lambda i: (-i[1], i[0])) if v > 1],
        "open_by_age": [{"bucket": label, "working_days": [low, high if high < 1 << 30 else None],
                         "count": ages[label]} for label, low, high in buckets],
        "open_total": len(open_cases),
        "responsible": [{"responsible": k, **v} for k, v in sorted(responsible.items(), key=lambda i: (-i[1]["cases"], i[0]))],
        "handlers": [{"handler": k, **v} for k, v in sorted(handlers.items(), key=lambda i: (-i[1]["cases"], i[0]))],
        "causes": rank_causes(closings, policy),
        "corrective_actions": rank_actions(closings),
    }


def _open_at(record: dict, cutoff: datetime) -> bool:
    received = record.get("received")
    if received is None or received >= cutoff:
        return False
    closed = record.get("times", {}).get("closed")
    return closed is None or closed >= cutoff


def _needed(summary: dict, periods: list[Period], now: datetime) -> bool:
    """Received in a period, or open at its end: the only cases figures() looks at."""
    received, closed = summary.received, summary.closed
    if received is None:
        return False
    for period in periods:
        cutoff = min(now, period.end)
        if period.start <= received < period.end or (received < cutoff and (closed is None or closed >= cutoff)):
            return True
    return False


class Needed:
    """report's hint to the read cache (`_needed`), as a test of a record's summary and as SQL."""

    def __init__(self, periods: list[Period], now: datetime):
        self.periods, self.now = periods, now

    def __call__(self, summary) -> bool:
        return _needed(summary, self.periods, self.now)

    def where(self, fingerprint: str) -> tuple[str, tuple]:
        from plaint.cachesummary import micros, period_where
        return period_where([(micros(p.start), micros(p.end), micros(min(self.now, p.end))) for p in self.periods])


def build_report(book: Book, period: Period, now: datetime, compare: bool = False, months: int = 0,
                 source=None, site: str | None = None) -> tuple[dict, list]:
    """The report for `period` (and the one before it, and a monthly trend), reading each record once.

    `source` is a book as it stood at an earlier time (`plaint.asof.book_at`); default the book now.
    `site` keeps only the cases filed under that site code (the start of their ids).
    Free text is scrubbed of the complainants' personal data before anything is returned.
    """
    if source is None:
        policy = book.policy
        periods = [period] + ([period.previous()] if compare else [])
        if months:
            from plaint.trend import trend_months
            periods += trend_months(period, months)
        records, problems = [], []
        for item in book.iter_records(wanted=Needed(periods, now)):
            if isinstance(item, Loaded):
                records.append(item.data)
            else:
                problems.append(item)
    else:
        policy, records, problems = source.policy, source.records, source.problems
    if site:
        from plaint.sites import site_filter, site_of
        site = site_filter(site)
        records = [record for record in records if site_of(str(record.get("id", ""))) == site]
        if not records:
            from plaint.filters import refuse_unknown
            refuse_unknown(book, site)  # a typo is refused, never an empty report
    result = {"book": policy.name, "period": period.as_dict(), "generated": now.isoformat(),
              "left_out": len(problems), **figures(records, policy, period, now)}
    if site:
        result["site"] = site
    periods = [period]
    if compare:
        before = period.previous()
        periods.append(before)
        previous = figures(records, policy, before, now)
        result["previous"] = {"period": before.as_dict(), **previous}
        result["trend"] = {
            "records": result["records"] - previous["records"],
            "on_time_rate": {name: round(info["on_time_rate"] - previous["clocks"][name]["on_time_rate"], 4)
                             for name, info in result["clocks"].items() if name in previous["clocks"]},
        }
    if months:
        from plaint.trend import monthly_trend
        result["monthly_trend"] = monthly_trend(records, policy, period, now, months, done=result)
    if source is not None:
        result["as_of"] = source.as_dict()
    scrub = Scrubber([r for r in records if r.get("received") and any(p.start <= r["received"] < p.end
                                                                      for p in periods)])
    scrub_figures(result, scrub)
    if compare:
        scrub_figures(result["previous"], scrub)
    return result, problems
