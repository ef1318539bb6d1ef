"""Working time over long spans comes from a running total of whole days: the same figure as
clipping every day's hours one by one (how late a case months overdue is, in working time)."""

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from plaint.calendars import load_calendar
from plaint.deadlines import _clipped, working_time_between

CAL = load_calendar("cn")
START = datetime(2024, 12, 20, tzinfo=timezone.utc)


def day_by_day(a, b):
    if b < a:
        return -day_by_day(b, a)
    return timedelta(seconds=_clipped(CAL, a.astimezone(CAL.tz).toordinal(), b.astimezone(CAL.tz).toordinal(),
                                      a.timestamp(), b.timestamp()))


@settings(max_examples=300, deadline=None)
@given(start=st.integers(0, 3 * 365 * 1440), span=st.integers(-700 * 1440, 700 * 1440))
def test_running_total_equals_day_by_day(start, span):
    a = START + timedelta(minutes=start)
    b = a + timedelta(minutes=span)
    assert working_time_between(a, b, CAL) == day_by_day(a, b)


def test_a_known_span():
    # Tuesday 2025-09-30 17:00 Shanghai to Friday 2025-10-10 10:00: 1 h on the 30th, 1-8 October
    # off (National Day), 8 h on Thursday the 9th, 1 h on the 10th.
    a = datetime(2025, 9, 30, 9, tzinfo=timezone.utc)
    b = datetime(2025, 10, 10, 2, tzinfo=timezone.utc)
    assert working_time_between(a, b, CAL) == timedelta(hours=10) == day_by_day(a, b)
    assert working_time_between(b, a, CAL) == -day_by_day(a, b)
