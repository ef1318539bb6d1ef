"""Reading the times people type, and the one place "now" comes from."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

from plaint.errors import UsageError

FORMS = "write times as '2026-11-16 14:05', '2026-11-16T14:05:00+08:00' or '2026-11-16'"


def parse_time(text: str, tz: ZoneInfo, what: str = "time") -> datetime:
    """A typed time: ISO 8601, with or without offset (then in the book's timezone)."""
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw.replace(" ", "T", 1) if len(raw) > 10 else raw)
    except ValueError:
        raise UsageError(f"cannot read {what} {text!r}: not a valid date and time; {FORMS}")
    if not 1970 <= value.year <= 2200:
        raise UsageError(f"{what} {text!r} is outside the years 1970-2200 that plaint keeps records for")
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
        # A local time skipped by daylight saving does not exist; refuse it rather than guess.
        if value.astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None) != value.replace(tzinfo=None):
            raise UsageError(f"{what} {text!r} does not exist in {tz.key} (a daylight-saving gap)")
    return value.astimezone(tz)


def resolve_now(text: str | None, tz: ZoneInfo) -> datetime:
    """`--now`, else PLAINT_NOW, else the system clock: the only read of the clock."""
    text = text or os.environ.get("PLAINT_NOW")
    if text:
        return parse_time(text, tz, "--now")
    return datetime.now(tz).replace(microsecond=0)


def show_time(value: datetime, tz: ZoneInfo) -> str:
    local = value.astimezone(tz)
    if local.hour == 0 and local.minute == 0 and local.second == 0:
        previous = local.fromordinal(local.toordinal() - 1)
        return f"{previous:%Y-%m-%d} 24:00"
    return f"{local:%Y-%m-%d %H:%M}"
