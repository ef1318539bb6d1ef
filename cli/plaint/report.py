"""`report`: the month's figures for management, computed from one read of the book.

The period is `plaint.period`; the figures of one period are `plaint.figures` (also behind the
comparison and every month of the trend, `plaint.trend`). No complainant's name or contact
appears: repeat complainants are shown by a masked contact, free text is scrubbed.
"""

from __future__ import annotations

import os
from datetime import datetime

from plaint.assess import case_problems, located
from plaint.book import Book, Loaded
from plaint.figures import figures
from plaint.period import Period
from plaint.scrub import Scrubber, scrub_figures
from plaint.trend import monthly_trend, trend_months


def _needed(summary: dict, periods: list[Period], now: datetime) -> bool:
    """Received in a period, or open at its end: the only cases figures() looks at (a case received at the
    very moment assessed counts as open at it: `figures.open_at`, so `<=`)."""
    received, closed = summary.received, summary.closed
    if received is None:
        return False
    for period in periods:
        cutoff = min(now, period.end)
        if period.start <= received < period.end or (received <= cutoff and (closed is None or closed >= cutoff)):
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
            periods += trend_months(period, months)
        records, problems, said = [], [], []
        for item in book.iter_records(wanted=Needed(periods, now)):
            if isinstance(item, Loaded):
                records.append(item.data)
                said += located(item.path, case_problems(item.data))  # counted as it stands (open), and said
            else:
                problems.append(item)
    else:
        policy, records, problems, said = source.policy, source.records, source.problems, []
    if site:
        from plaint.sites import site_filter, site_of
        site = site_filter(site)
        records = [record for record in records if site_of(str(record.get("id", ""))) == site]
        said = [problem for problem in said if site_of(os.path.basename(problem.path)) == site]
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
        result["monthly_trend"] = monthly_trend(records, policy, period, now, months, done=result)
    if source is not None:
        result["as_of"] = source.as_dict()
    scrub = Scrubber([r for r in records if r.get("received") and any(p.start <= r["received"] < p.end
                                                                      for p in periods)])
    scrub_figures(result, scrub)
    if compare:
        scrub_figures(result["previous"], scrub)
    return result, problems + said
