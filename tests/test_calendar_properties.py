"""Properties of the calendar arithmetic that must hold for any start and any amount."""

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st

from plaint.calendars import load_calendar
from plaint.deadlines import due
from plaint.durations import Duration

CN = load_calendar("cn")
BERLIN = load_calendar("weekdays", "Europe/Berlin")

starts = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 20),
                      timezones=st.just(timezone.utc)).map(lambda d: d.replace(second=0, microsecond=0))
units = st.sampled_from(["wd", "wh", "wm", "d", "h", "m", "same"])
calendars = st.sampled_from([CN, BERLIN])


def on_working_hours(cal, moment):
    local = moment.astimezone(cal.tz)
    stamp = moment.timestamp()
    return any(start <= stamp <= end for start, end in cal.intervals(local.toordinal()))


@settings(max_examples=400, deadline=None)
@given(start=starts, amount=st.integers(0, 40), unit=units, cal=calendars)
def test_due_is_never_before_start(start, amount, unit, cal):
    assert due(start, Duration(amount, unit), cal).at >= start


@settings(max_examples=400, deadline=None)
@given(start=starts, gap=st.integers(0, 60 * 24 * 20), amount=st.integers(0, 30), unit=units, cal=calendars)
def test_later_start_never_earlier_due(start, gap, amount, unit, cal):
    later = start + timedelta(minutes=gap)
    assert due(later, Duration(amount, unit), cal).at >= due(start, Duration(amount, unit), cal).at


@settings(max_examples=400, deadline=None)
@given(start=starts, amount=st.integers(1, 40), unit=st.sampled_from(["wd", "wh", "wm", "same"]), cal=calendars)
def test_working_due_lies_in_working_hours(start, amount, unit, cal):
    result = due(start, Duration(amount, unit), cal).at
    assert on_working_hours(cal, result)


@settings(max_examples=400, deadline=None)
@given(start=starts, a=st.integers(1, 3000), b=st.integers(1, 3000), cal=calendars)
def test_adding_minutes_is_additive(start, a, b, cal):
    step = due(due(start, Duration(a, "wm"), cal).at, Duration(b, "wm"), cal).at
    assert step == due(start, Duration(a + b, "wm"), cal).at
