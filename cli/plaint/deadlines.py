"""The deadline engine: when is something due, and how much working time lies between two instants.

The rules are design.md's (and PRC Civil Code arts. 201 and 203):
- `N working days`: the receipt date is day 0; due at closing time of the N-th working day after it.
- `N working hours/minutes`: counted inside working hours only, from the next opening if outside;
  a result exactly at closing time stays there.
- `same day`: closing time today if today is a working day still open, else the next working day's.
- `N days`: the end (24:00) of the receipt date plus N calendar days.
- `N hours/minutes`: elapsed time, in UTC.
Working days are never turned into hours. Days outside the calendar's data use the weekly
pattern and make the result provisional.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

from plaint.calendars import Calendar
from plaint.durations import Duration
from plaint.errors import DataError, UsageError
from plaint.lateness import lateness_text, span_text  # noqa: F401  (kept importable from here)
from plaint.i18n import _

_MAX_IDLE_DAYS = 3660  # a calendar with no working day in ten years is broken, not slow


class Step(NamedTuple):
    """One step of a deadline worked out, as data (`plaint.render.deadline` words it).

    `kind` is one of the STEP_KINDS; `day` the local date the step is about; `why` a date's
    (kind, name) from `Calendar.why`; `count` the working day counted or calendar days added;
    `start`/`end` the instants a step spans; `minutes`, `done`, `total` working minutes counted in
    the step, so far and in all; `last` the date a count of calendar days ends on; `day0` what day 0
    is (`receipt`, or `raise`: the day an age rule's raise took effect)."""
    kind: str
    day: date | None = None
    why: tuple[str, str] | None = None
    count: int = 0
    start: datetime | None = None
    end: datetime | None = None
    minutes: float = 0.0
    done: float = 0.0
    total: float = 0.0
    last: date | None = None
    day0: str = "receipt"
    duration: Duration | None = None


# What a step says: elapsed time counted from `start`; calendar days from `day` to `last`; a working
# day still open (`open`) or closed (`closed`, `why`) on a same-day duration; day 0; a working day
# counted (`why` for an extra one); a day skipped (`why`); working minutes counted from `start` to
# `end`; due at the closing time `end` of `day`; due at `end` within working hours.
STEP_KINDS = ("elapsed", "calendar-days", "open", "closed", "day-0", "working-day", "skipped", "counted",
              "due-closing", "due-at")


class Due(NamedTuple):
    at: datetime
    provisional: bool = False
    steps: list[Step] | None = None


def _closing(cal: Calendar, ordinal: int) -> datetime:
    return datetime.fromtimestamp(cal.intervals(ordinal)[-1][1], cal.tz)


def _label(ordinal: int) -> str:
    """A date in an error message (`Wed 2026-09-30`)."""
    from plaint.i18n import weekday
    day = date.fromordinal(ordinal)
    return f"{weekday(day)} {day.isoformat()}"


def _instant(stamp: float, cal: Calendar) -> datetime:
    return datetime.fromtimestamp(stamp, cal.tz)


def due(start: datetime, duration: Duration, cal: Calendar, explain: bool = False, raised: bool = False) -> Due:
    """When `duration` from `start` ends on `cal`. `explain` records each step for a supervisor;
    `raised`: day 0 is the day an age rule's raise took effect, not the receipt date."""
    if start.tzinfo is None:
        raise UsageError(_("time {start} has no UTC offset; plaint works with aware times only").format(start=start.isoformat()))
    steps: list[Step] | None = [] if explain else None
    day0 = "raise" if raised else "receipt"
    unit = duration.unit
    if unit in ("h", "m"):
        delta = timedelta(hours=duration.amount) if unit == "h" else timedelta(minutes=duration.amount)
        at = (start.astimezone(timezone.utc) + delta).astimezone(cal.tz)
        if steps is not None:
            steps.append(Step("elapsed", start=start.astimezone(cal.tz), duration=duration))
        return Due(at, False, steps)
    ordinal = start.astimezone(cal.tz).toordinal()
    if unit == "d":
        end_ordinal = ordinal + duration.amount
        at = datetime.combine(date.fromordinal(end_ordinal + 1), datetime.min.time(), cal.tz)
        if steps is not None:
            steps.append(Step("calendar-days", date.fromordinal(ordinal), count=duration.amount,
                              last=date.fromordinal(end_ordinal), day0=day0))
        return Due(at, False, steps)  # calendar days need no holiday data
    if unit in ("wd", "same"):
        return _due_days(start, ordinal, duration, cal, steps, day0)
    seconds = duration.amount * (3600 if unit == "wh" else 60)
    return _due_working_time(start.timestamp(), ordinal, seconds, cal, steps)


def by_date(duration: Duration) -> bool:
    """`due(start, duration)` depends on `start`'s date (in the calendar's zone) only: whole calendar
    days, or one or more working days, counted from day 0 (so a caller may work it out once a day)."""
    return duration.unit == "d" or (duration.unit == "wd" and duration.amount >= 1)


def _due_days(start: datetime, ordinal: int, duration: Duration, cal: Calendar, steps, day0: str) -> Due:
    covers, intervals = cal.covers, cal.intervals
    provisional = not covers(ordinal)
    if duration.unit == "same" or duration.amount == 0:  # 0 working days: today, like `same day`
        today = intervals(ordinal)
        if today and start.timestamp() < today[-1][1]:
            if steps is not None:
                steps.append(Step("open", date.fromordinal(ordinal)))
            return Due(_closing(cal, ordinal), provisional, steps)
        if steps is not None:
            day = date.fromordinal(ordinal)
            steps.append(Step("closed", day, ("closed", "") if today else cal.why(day)))
        wanted = 1
    else:
        wanted = duration.amount
        if steps is not None:
            steps.append(Step("day-0", date.fromordinal(ordinal), day0=day0))
    counted = idle = 0
    while counted < wanted:
        ordinal += 1
        if not covers(ordinal):
            provisional = True
        if intervals(ordinal):
            counted += 1
            idle = 0
            if steps is not None:
                day = date.fromordinal(ordinal)
                steps.append(Step("working-day", day, cal.why(day) if day in cal.work else None, counted))
        else:
            idle += 1
            if idle > _MAX_IDLE_DAYS:
                raise DataError(_("calendar {name!r} has no working day after {label}").format(name=cal.name, label=_label(ordinal - idle)))
            if steps is not None:
                day = date.fromordinal(ordinal)
                steps.append(Step("skipped", day, cal.why(day)))
    at = _closing(cal, ordinal)
    if steps is not None:
        steps.append(Step("due-closing", date.fromordinal(ordinal), end=at))
    return Due(at, provisional, steps)


def _due_working_time(moment: float, ordinal: int, remaining: float, cal: Calendar, steps) -> Due:
    covers, intervals = cal.covers, cal.intervals
    provisional = False
    total = remaining
    idle = 0
    while True:
        if not covers(ordinal):
            provisional = True
        spans = intervals(ordinal)
        for start, end in spans:
            if end <= moment:
                continue
            begin = start if start > moment else moment
            available = end - begin
            if remaining <= available:
                at = begin + remaining
                if steps is not None:
                    day = date.fromordinal(ordinal)
                    steps.append(Step("counted", day, start=_instant(begin, cal), end=_instant(at, cal),
                                      minutes=remaining / 60, done=total / 60, total=total / 60))
                    steps.append(Step("due-at", day, end=_instant(at, cal)))
                return Due(datetime.fromtimestamp(at, cal.tz), provisional, steps)
            remaining -= available
            if steps is not None:
                steps.append(Step("counted", date.fromordinal(ordinal), start=_instant(begin, cal),
                                  end=_instant(end, cal), minutes=available / 60, done=(total - remaining) / 60,
                                  total=total / 60))
        if not spans:
            idle += 1
            if idle > _MAX_IDLE_DAYS:
                raise DataError(_("calendar {name!r} has no working hours after {label}").format(name=cal.name, label=_label(ordinal - idle)))
            if steps is not None:
                day = date.fromordinal(ordinal)
                steps.append(Step("skipped", day, cal.why(day)))
        else:
            idle = 0
        ordinal += 1


def working_time_between(a: datetime, b: datetime, cal: Calendar) -> timedelta:
    """Working time from `a` to `b` (negative when `b` is earlier): how late, how long it took."""
    if b < a:
        return -working_time_between(b, a, cal)
    ta, tb = a.timestamp(), b.timestamp()
    first = a.astimezone(cal.tz).toordinal()
    last = b.astimezone(cal.tz).toordinal()
    if last - first < 2 * EDGE + 1:
        return timedelta(seconds=_clipped(cal, first, last, ta, tb))
    # Months late: the days in between are whole, summed from a running total (never clipped:
    # EDGE days each side are clipped as before, in case a day's hours run past midnight).
    seconds = _clipped(cal, first, first + EDGE, ta, tb) + _whole_days(cal, first + EDGE + 1, last - EDGE - 1)
    return timedelta(seconds=seconds + _clipped(cal, last - EDGE, last, ta, tb))


EDGE = 2  # days clipped at each end of a long span


def _clipped(cal: Calendar, first: int, last: int, ta: float, tb: float) -> float:
    seconds = 0.0
    intervals = cal.intervals
    for ordinal in range(first, last + 1):
        for start, end in intervals(ordinal):
            low = start if start > ta else ta
            high = end if end < tb else tb
            if high > low:
                seconds += high - low
    return seconds


def _whole_days(cal: Calendar, first: int, last: int) -> float:
    """Working seconds of the dates first..last (ordinals), from a running total kept on the calendar."""
    kept = cal.__dict__.get("_running_total")
    if kept is None or first < kept[0]:
        kept = cal._running_total = (first - 400, [0.0])
    base, totals = kept
    intervals = cal.intervals
    while len(totals) <= last - base + 1:
        ordinal = base + len(totals) - 1
        totals.append(totals[-1] + sum(end - start for start, end in intervals(ordinal)))
    return totals[last - base + 1] - totals[first - base]


def working_days_between(a: datetime, b: datetime, cal: Calendar) -> int:
    """Working days after `a`'s date up to and including `b`'s date: a case's age in working days."""
    first = a.astimezone(cal.tz).toordinal()
    last = b.astimezone(cal.tz).toordinal()
    intervals = cal.intervals
    return sum(1 for ordinal in range(first + 1, last + 1) if intervals(ordinal))


def due_after_deadline(deadline: datetime, duration: Duration, cal: Calendar) -> datetime:
    """A duration added to a deadline (an extension `--add 2wd`). A deadline at 24:00 belongs to the
    day it ends, so day-counted durations count from that day: Sunday 24:00 + 2 working days is
    Tuesday's closing time, not Wednesday's."""
    return after_deadline(deadline, duration, cal).at


def after_deadline(deadline: datetime, duration: Duration, cal: Calendar, explain: bool = False,
                   raised: bool = False) -> Due:
    """due_after_deadline's Due, with its steps when `explain` (`raised`: day 0 is the raise's day)."""
    local = deadline.astimezone(cal.tz)
    if duration.unit in ("wd", "d", "same") and (local.hour, local.minute, local.second) == (0, 0, 0):
        return due(local - timedelta(microseconds=1), duration, cal, explain, raised)
    return due(deadline, duration, cal, explain, raised)


def clock_steps(clock, cal: Calendar) -> list[Step]:
    """How an assessed clock's due was counted, step by step, as `assess` counts it: from the 24:00
    a raise by age took effect for a clock the raised severity brought; none when a person set it."""
    if clock.set_by == "person":
        return []
    if clock.from_upgrade:
        return after_deadline(clock.start, clock.duration, cal, True, raised=True).steps or []
    return due(clock.start, clock.duration, cal, explain=True).steps or []
