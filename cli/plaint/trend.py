"""The trend: the last N calendar months, each computed exactly as that month's own report.

Each month goes through the same `figures.figures` with the same `now`; only records received
before the month's end are handed to it, which changes nothing (a record received later is
neither in the month nor open at its end) and keeps a year's trend fast on a large book.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime

from plaint.figures import figures
from plaint.period import Period, report_period


def trend_months(period: Period, months: int) -> list[Period]:
    """The `months` calendar months ending with the one the period ends in, oldest first."""
    last = (period.end.date().toordinal() - 1)
    year, month = datetime.fromordinal(last).year, datetime.fromordinal(last).month
    result = []
    for back in range(months - 1, -1, -1):
        y, m = divmod(year * 12 + month - 1 - back, 12)
        anchor = datetime(y, m + 1, 1, tzinfo=period.start.tzinfo)
        result.append(report_period(anchor, f"{y}-{m + 1:02d}", None, None))
    return result


def month_summary(result: dict) -> dict:
    """The figures a trend line shows, taken from one month's full figures."""
    return {"records": result["records"], "open_total": result["open_total"],
            "on_time_rate": {clock: info["on_time_rate"] for clock, info in result["clocks"].items()},
            "revisited": result["revisits"]["revisited"], "satisfied": result["revisits"]["satisfied"],
            "satisfied_share": result["revisits"]["satisfied_share"]}


def monthly_trend(records: list[dict], policy, period: Period, now: datetime, months: int,
                  done: dict | None = None) -> list[dict]:
    """`done`: figures already computed for the report's own period (reused when it is a month)."""
    dated = sorted((r for r in records if r.get("received")), key=lambda r: r["received"])
    starts = [r["received"] for r in dated]
    rows = []
    for month in trend_months(period, months):
        if done is not None and (month.start, month.end) == (period.start, period.end):
            result = done
        else:
            result = figures(dated[:bisect_left(starts, month.end)], policy, month, now)
        rows.append({"month": month.label, "period": month.as_dict(), **month_summary(result)})
    return rows
