"""overdue works out an escalation step counted in whole days once per day, not once per deadline
(plaint.deadlines.by_date): the deadline it gives is the same at every moment of a day."""

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from plaint.deadlines import by_date, due
from plaint.durations import parse_duration

from conftest import cn_time

DURATIONS = ["1 working days", "3 working days", "2 days", "0 days", "same day", "0 working days", "2 working hours",
             "30 minutes", "5 hours", "90 working minutes"]


@settings(max_examples=300, deadline=None)
@given(day=st.integers(0, 2 * 365), first=st.integers(0, 24 * 60 - 1), second=st.integers(0, 24 * 60 - 1),
       duration=st.sampled_from(DURATIONS))
def test_a_step_by_date_ends_alike_from_any_moment_of_a_day(cn, day, first, second, duration):
    step = parse_duration(duration)
    midnight = cn_time("2025-01-01 00:00") + timedelta(days=day)
    one, other = midnight + timedelta(minutes=first), midnight + timedelta(minutes=second)
    if by_date(step):
        assert due(one, step, cn).at == due(other, step, cn).at
    elif first != second and step.unit in ("h", "m"):
        assert due(one, step, cn).at != due(other, step, cn).at  # by the instant: never taken by date


def test_which_steps_are_by_date():
    assert [by_date(parse_duration(d)) for d in DURATIONS] == [True, True, True, True, False, False, False, False,
                                                               False, False]
