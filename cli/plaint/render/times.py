"""Times as people read them: `2026-11-16 14:05`, a deadline at midnight as `24:00` of the day
before, with the weekday when asked."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def show_time(value: datetime | date, tz: ZoneInfo, deadline: bool = False, weekday: bool = False) -> str:
    """`2026-11-16 14:05`; a deadline at midnight is the end of the day before (`2026-11-18 24:00`).

    `weekday` adds the weekday of the date shown, so `Wed 2026-11-18 24:00`, never Thursday's."""
    from plaint.i18n import weekday as day_name
    if not isinstance(value, datetime):
        return f"{day_name(value)} {value.isoformat()}" if weekday else value.isoformat()
    local = value.astimezone(tz)
    day, clock = local.date(), f"{local:%H:%M}"
    if deadline and local.hour == 0 and local.minute == 0 and local.second == 0:
        day, clock = day - timedelta(days=1), "24:00"
    return f"{day_name(day)} {day.isoformat()} {clock}" if weekday else f"{day.isoformat()} {clock}"
