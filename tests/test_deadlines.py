"""The deadline rules of design.md, to the minute, around every 2026 holiday block."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from plaint.calendars import load_calendar
from plaint.deadlines import STEP_KINDS, Step, due, lateness_text, working_time_between
from plaint.durations import parse_duration
from plaint.errors import UsageError

from conftest import cn_time


def at(cal, start, duration):
    return due(cn_time(start), parse_duration(duration), cal).at


# design.md's worked examples, verbatim.
@pytest.mark.parametrize("start, duration, expected", [
    ("2026-11-16 14:05", "3 working days", "2026-11-19 18:00"),
    ("2026-11-16 14:05", "3 days", "2026-11-20 00:00"),          # end (24:00) of Thu 2026-11-19
    ("2026-11-20 17:30", "2 working hours", "2026-11-23 10:30"),
    ("2026-11-16 12:30", "2 working hours", "2026-11-16 15:00"),
    ("2026-09-30 17:00", "3 working days", "2026-10-10 18:00"),   # the make-up Saturday
    ("2026-11-21 10:00", "same day", "2026-11-23 18:00"),
])
def test_design_worked_examples(cn, start, duration, expected):
    assert at(cn, start, duration) == cn_time(expected)


@pytest.mark.parametrize("start, duration, expected", [
    # New Year: Jan 1-3 off, Sun Jan 4 a make-up workday.
    ("2025-12-31 17:00", "1wd", "2026-01-04 18:00"),
    ("2026-01-02 10:00", "same day", "2026-01-04 18:00"),
    ("2026-01-02 10:00", "2wh", "2026-01-04 11:00"),
    # Spring Festival: Feb 15-23 off; Sat Feb 14 and Sat Feb 28 working.
    ("2026-02-13 17:30", "1wd", "2026-02-14 18:00"),            # Friday evening before a make-up Saturday
    ("2026-02-13 17:30", "1wh", "2026-02-14 09:30"),
    ("2026-02-18 10:00", "1wd", "2026-02-24 18:00"),            # received during the festival
    ("2026-02-18 10:00", "2wh", "2026-02-24 11:00"),
    ("2026-02-18 10:00", "same day", "2026-02-24 18:00"),       # same day on a holiday
    ("2026-02-26 09:00", "2wd", "2026-02-28 18:00"),            # Thu + 2 lands on the make-up Saturday
    ("2026-02-27 18:00", "1wh", "2026-02-28 10:00"),            # Friday closing, make-up Saturday next
    # Qingming: Apr 4-6 off (Sat-Mon), no make-up day.
    ("2026-04-03 16:00", "1wd", "2026-04-07 18:00"),
    ("2026-04-03 16:00", "3wh", "2026-04-07 10:00"),
    # Labour Day: May 1-5 off; Sat May 9 working.
    ("2026-04-30 12:00", "1wd", "2026-05-06 18:00"),
    ("2026-05-08 17:00", "1wd", "2026-05-09 18:00"),
    ("2026-05-08 17:00", "3 working hours", "2026-05-09 11:00"),
    # Dragon Boat: Jun 19-21 off.
    ("2026-06-18 17:59", "1wm", "2026-06-18 18:00"),
    ("2026-06-18 17:59", "2wm", "2026-06-22 09:01"),
    # Mid-Autumn Sep 25-27 off, National Day Oct 1-7; Sun Sep 20 and Sat Oct 10 working.
    ("2026-09-19 10:00", "1wd", "2026-09-20 18:00"),
    ("2026-09-24 09:00", "1wd", "2026-09-28 18:00"),
    ("2026-09-30 17:00", "1wd", "2026-10-08 18:00"),            # the logistics example of issue 6
    ("2026-10-03 11:00", "same day", "2026-10-08 18:00"),
    ("2026-10-09 17:00", "2wh", "2026-10-10 10:00"),
])
def test_2026_holiday_blocks(cn, start, duration, expected):
    assert at(cn, start, duration) == cn_time(expected)


@pytest.mark.parametrize("start, duration, expected", [
    ("2026-11-16 11:30", "1wh", "2026-11-16 13:30"),    # lunch break skipped
    ("2026-11-16 12:15", "30wm", "2026-11-16 13:30"),   # starting inside the break
    ("2026-11-16 11:00", "1wh", "2026-11-16 12:00"),    # lands exactly on the break: stays
    ("2026-11-16 16:00", "2wh", "2026-11-16 18:00"),    # exactly closing time: stays
    ("2026-11-16 18:00", "1wm", "2026-11-17 09:01"),    # starting at closing counts from next opening
    ("2026-11-16 07:00", "1wh", "2026-11-16 10:00"),    # before opening
    ("2026-11-16 22:00", "8wh", "2026-11-17 18:00"),    # a whole working day of hours
    ("2026-11-16 22:00", "9wh", "2026-11-18 10:00"),
    ("2026-11-16 17:00", "same day", "2026-11-16 18:00"),
    ("2026-11-16 18:00", "same day", "2026-11-17 18:00"),  # closed for the day
    ("2026-11-16 23:59", "1wd", "2026-11-17 18:00"),    # the hour of receipt never matters
    ("2026-11-16 00:00", "1wd", "2026-11-17 18:00"),
    ("2026-11-21 10:00", "1wd", "2026-11-23 18:00"),    # received on a Saturday
    ("2026-11-16 14:05", "90 minutes", "2026-11-16 15:35"),
    ("2026-11-16 14:05", "10 hours", "2026-11-17 00:05"),
    ("2026-11-16 14:05", "0 days", "2026-11-17 00:00"),
])
def test_breaks_and_out_of_hours(cn, start, duration, expected):
    assert at(cn, start, duration) == cn_time(expected)


def test_working_days_never_become_hours(cn):
    # 1 working day from 17:59 is tomorrow's closing, not 8 working hours later.
    assert at(cn, "2026-11-16 17:59", "1wd") == cn_time("2026-11-17 18:00")
    assert at(cn, "2026-11-16 17:59", "8wh") == cn_time("2026-11-17 17:59")


def test_provisional_beyond_coverage(cn):
    result = due(cn_time("2026-12-30 10:00"), parse_duration("3wd"), cn)
    assert result.at == cn_time("2027-01-05 18:00")  # 2027-01-01, New Year's Day, estimated off
    assert result.provisional is True
    inside = due(cn_time("2026-12-28 10:00"), parse_duration("3wd"), cn)
    assert inside.at == cn_time("2026-12-31 18:00") and inside.provisional is False


def test_naive_start_refused(cn):
    with pytest.raises(UsageError):
        due(datetime(2026, 11, 16, 14, 5), parse_duration("1wd"), cn)


def test_explain_names_every_day(cn):
    """The steps are data (render words them; the words are pinned in test_calendar_words)."""
    steps = due(cn_time("2026-09-30 17:00"), parse_duration("3wd"), cn, explain=True).steps
    assert steps[0] == Step("day-0", date(2026, 9, 30))
    assert [(s.kind, s.day.day, s.why) for s in steps[1:8]] == [
        ("skipped", day, ("off", "国庆节 National Day")) for day in range(1, 8)]
    assert steps[-2] == Step("working-day", date(2026, 10, 10), ("work", "国庆节调休上班 National Day make-up workday"), 3)
    assert steps[-1] == Step("due-closing", date(2026, 10, 10), end=cn_time("2026-10-10 18:00"))
    assert {s.kind for s in steps} <= set(STEP_KINDS)


def test_explain_counts_working_minutes_as_numbers(cn):
    steps = due(cn_time("2026-11-20 17:30"), parse_duration("2wh"), cn, explain=True).steps
    assert steps[0] == Step("counted", date(2026, 11, 20), start=cn_time("2026-11-20 17:30"),
                            end=cn_time("2026-11-20 18:00"), minutes=30, done=30, total=120)
    assert steps[1] == Step("skipped", date(2026, 11, 21), ("weekend", ""))
    assert steps[-1] == Step("due-at", date(2026, 11, 23), end=cn_time("2026-11-23 10:30"))


BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def berlin():
    return load_calendar("weekdays", "Europe/Berlin")


def b(text):
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


@pytest.mark.parametrize("start, duration, expected, offset", [
    # Summer time starts Sun 2026-03-29 02:00; hours stay 09:00-17:00 local.
    ("2026-03-27 16:00", "2wh", "2026-03-30 10:00", 2),
    ("2026-03-27 16:00", "1wd", "2026-03-30 17:00", 2),
    ("2026-03-28 12:00", "24 hours", "2026-03-29 13:00", 2),   # only 23 local hours pass on the wall clock
    ("2026-03-28 12:00", "1 days", "2026-03-30 00:00", 2),
    # Summer time ends Sun 2026-10-25 03:00.
    ("2026-10-23 16:30", "1wh", "2026-10-26 09:30", 1),
    ("2026-10-24 12:00", "24 hours", "2026-10-25 11:00", 1),
])
def test_daylight_saving_berlin(berlin, start, duration, expected, offset):
    result = due(b(start), parse_duration(duration), berlin).at
    assert result == b(expected)
    assert result.utcoffset() == timedelta(hours=offset)


def test_working_time_across_dst(berlin):
    # Fri 16:00 (+01:00) to Mon 10:00 (+02:00): 1 hour Friday, 1 hour Monday.
    assert working_time_between(b("2026-03-27 16:00"), b("2026-03-30 10:00"), berlin) == timedelta(hours=2)


def test_working_time_between(cn):
    assert working_time_between(cn_time("2026-11-20 18:00"), cn_time("2026-11-21 10:00"), cn) == timedelta(0)
    # a make-up Saturday counts
    assert working_time_between(cn_time("2026-10-09 18:00"), cn_time("2026-10-10 10:00"), cn) == timedelta(hours=1)
    assert working_time_between(cn_time("2026-11-16 11:00"), cn_time("2026-11-16 14:00"), cn) == timedelta(hours=2)
    assert working_time_between(cn_time("2026-11-16 14:00"), cn_time("2026-11-16 11:00"), cn) == -timedelta(hours=2)
    # lateness reads in the clock's own kind of time: working time never in days, elapsed time may be
    assert lateness_text(timedelta(hours=26, minutes=5), True, "overdue") == "26h05m"
    assert lateness_text(timedelta(hours=26, minutes=5), False, "overdue") == "1d02h05m"
    assert lateness_text(timedelta(minutes=45), True, "late") == "45m"
    assert lateness_text(-timedelta(minutes=30), True, "due-soon") == "in 30m"
    assert lateness_text(timedelta(0), True, "overdue") == "0m (no working time yet)"


def test_book_layers_closures_and_half_days(cn):
    layered = cn.layered({
        "closures": [{"from": "2026-11-18", "to": "2026-11-18", "name": "Staff training"}],
        "half_days": [{"date": "2026-11-19", "hours": ["09:00-12:00"], "name": "Half day"}],
        "extra_workdays": [{"date": "2026-11-21", "name": "Inventory Saturday"}],
    })
    assert due(cn_time("2026-11-16 14:05"), parse_duration("2wd"), layered).at == cn_time("2026-11-19 12:00")
    assert due(cn_time("2026-11-19 11:00"), parse_duration("2wh"), layered).at == cn_time("2026-11-20 10:00")
    assert due(cn_time("2026-11-20 17:00"), parse_duration("1wd"), layered).at == cn_time("2026-11-21 18:00")
    # the shipped calendar itself is untouched
    assert due(cn_time("2026-11-16 14:05"), parse_duration("2wd"), cn).at == cn_time("2026-11-18 18:00")
