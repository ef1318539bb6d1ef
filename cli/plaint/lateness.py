"""How late a clock is, as the `late` value says it (`1h05m`, `in 30m`, `3d02h10m`): a format the
overdue JSON and CSV contracts fix, so the rows (plaint.overdue) and the text (plaint.render.show)
share it; render words it for people (`words.lateness`)."""

from __future__ import annotations

from datetime import timedelta


def span_text(seconds: float, working: bool) -> str:
    """`45m`, `1h05m`; elapsed time over a day as `3d02h10m` (never for working time: a working day
    has no fixed length)."""
    minutes = int(round(abs(seconds) / 60))
    hours, minutes = divmod(minutes, 60)
    if hours >= 24 and not working:
        days, hours = divmod(hours, 24)
        return f"{days}d{hours:02d}h{minutes:02d}m"
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"


def lateness_text(late: timedelta, working: bool, state: str) -> str:
    """How late, in the clock's own kind of time: `1h05m`; `in 30m` for a clock still to come; and
    an overdue clock on which no working time has passed yet (a Friday deadline seen on Sunday) says so."""
    seconds = late.total_seconds()
    if state in ("due-soon", "running") or seconds < 0:
        return f"in {span_text(seconds, working)}"
    if seconds < 30:
        return "0m (no working time yet)" if working else "0m"
    return span_text(seconds, working)
