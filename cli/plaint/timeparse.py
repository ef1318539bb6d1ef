"""Reading the times people type, and the one place "now" comes from (showing times back is
`plaint.render.times`).

Two kinds of time are typed: events (when it was received, when it happened) and deadlines.
A date alone means that day for an event and the end of that day for a deadline; `24:00`
is accepted anywhere a time is. Only a deadline is shown as `24:00` (the end of a day).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from plaint.errors import UsageError
from plaint.i18n import N_, _

FORMS = N_("write times as '2026-11-16 14:05', '2026-11-16 24:00', '2026-11-16T14:05:00+08:00', "
         "'2026-11-16', '2026年11月16日 14:05' or '11月16日'")  # translated where it is said
_MIDNIGHT_END = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]24:00(:00)?(.*)$")


_CHINESE = re.compile(r"^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
                      r"(?:\s*(\d{1,2})\s*(?::|时|点)\s*(?:(\d{1,2})\s*分?)?)?$")


def from_chinese(text: str, year: int | None = None) -> str:
    """`2026年11月16日 14:05`, `11月16日` (this year), `16日14时05分` spelt as ISO; other text as it is.
    Full-width digits and colons count as their ASCII forms."""
    from unicodedata import normalize
    raw = normalize("NFKC", text).strip()
    found = _CHINESE.match(raw)
    if not found:
        return raw  # an ISO time typed full-width (２０２６－１１－１６ １４：０５) reads as typed in ASCII
    y, month, day, hour, minute = found.groups()
    if y is None:
        if year is None:  # no year typed and none known: left for the caller to refuse
            return text
        y = year
    iso = f"{int(y):04d}-{int(month):02d}-{int(day):02d}"
    if hour is not None:
        iso += f" {int(hour):02d}:{int(minute or 0):02d}"
    return iso


def is_date_only(text: str) -> bool:
    return len(from_chinese(text, 2000).strip()) == 10  # any year (a leap one) tells a date from a time


def parse_time(text: str, tz: ZoneInfo, what: str = "time", deadline: bool = False, year: int | None = None) -> datetime:
    """A typed time: ISO 8601, with or without offset (then in the book's timezone), or the
    Chinese way (`2026年11月16日 14:05`; `11月16日` is in `year`, by default this year).

    A date alone is that day's start, or with `deadline` its end (the next day's 00:00)."""
    raw = from_chinese(text, year).strip()
    end_of_day = _MIDNIGHT_END.match(raw)
    if end_of_day:  # 24:00 is the end of that date: the next date's 00:00
        raw = f"{end_of_day.group(1)}T00:00{end_of_day.group(3)}"
    try:
        value = datetime.fromisoformat(raw.replace(" ", "T", 1) if len(raw) > 10 else raw)
    except ValueError:
        raise UsageError(_("cannot read {what} {text!r}: not a valid date and time; {FORMS}").format(what=what, text=text, FORMS=_(FORMS)))
    if not 1970 <= value.year <= 2200:
        raise UsageError(_("{what} {text!r} is outside the years 1970-2200 that plaint keeps records for").format(what=what, text=text))
    if end_of_day or (deadline and len(raw) == 10):
        value = value + timedelta(days=1)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
        # A local time skipped by daylight saving does not exist; refuse it rather than guess.
        if value.astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None) != value.replace(tzinfo=None):
            raise UsageError(_("{what} {text!r} does not exist in {key} (a daylight-saving gap)").format(what=what, text=text, key=tz.key))
    return value.astimezone(tz)


def resolve_now(text: str | None, tz: ZoneInfo) -> datetime:
    """`--now` (or PLAINT_NOW, resolved by the settings), else the system clock: the only read of the clock.

    `--now` typed without a year (`11月23日 10:00`) is in the system clock's current year: "now" is
    what every other year-less date is read against, so it can only come from the real clock."""
    clock = datetime.now(tz).replace(microsecond=0)
    if text is not None:
        return parse_time(text, tz, "--now", year=clock.year)
    return clock
