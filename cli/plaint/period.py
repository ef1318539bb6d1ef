"""A report's period: a calendar month, or `--from`/`--to` dates, in the book's timezone."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from plaint.errors import UsageError
from plaint.i18n import _
from plaint.timeparse import from_chinese

_CHINESE_MONTH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月?$")  # `2026年11月`, as a month is written


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
            first, last = (date.fromisoformat(from_chinese(text, now.year)) for text in (since, until))
        except ValueError:
            raise UsageError(_("cannot read --from {since!r} / --to {until!r}; write dates as 2026-11-01").format(since=since, until=until))
        if last < first:
            raise UsageError(_("--to {last} is before --from {first}").format(last=last, first=first))
        return Period(datetime.combine(first, datetime.min.time(), tz),
                      datetime.combine(last + timedelta(days=1), datetime.min.time(), tz), f"{first} to {last}")
    if month:
        try:
            year, number = (int(part) for part in _CHINESE_MONTH.sub(r"\1-\2", month.strip()).split("-"))
            start = _month_start(year, number, tz)
        except ValueError:
            raise UsageError(_("cannot read --month {month!r}; write it as YYYY-MM, e.g. 2026-11").format(month=month))
    else:
        this_month = now.date().replace(day=1)
        previous = this_month - timedelta(days=1)
        start = _month_start(previous.year, previous.month, tz)
    following = (start.date().replace(day=28) + timedelta(days=4)).replace(day=1)
    return Period(start, datetime.combine(following, datetime.min.time(), tz), f"{start:%Y-%m}")
