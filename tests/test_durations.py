import pytest

from plaint.durations import Duration, parse_duration
from plaint.errors import UsageError


@pytest.mark.parametrize("text, expected", [
    ("3 working days", Duration(3, "wd")), ("1 working day", Duration(1, "wd")), ("3wd", Duration(3, "wd")),
    ("2 working hours", Duration(2, "wh")), ("2wh", Duration(2, "wh")), ("90wm", Duration(90, "wm")),
    ("90 working minutes", Duration(90, "wm")), ("10d", Duration(10, "d")), ("10 days", Duration(10, "d")),
    ("1h", Duration(1, "h")), ("1 hour", Duration(1, "h")), ("10m", Duration(10, "m")),
    ("10 minutes", Duration(10, "m")), ("same day", Duration(0, "same")), ("Same Day", Duration(0, "same")),
    ("  3  Working  Days ", Duration(3, "wd")),
])
def test_accepted_forms(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "3", "three days", "3 weeks", "-1d", "1.5h", "3 wdays", "day", "3 working"])
def test_refused_with_the_accepted_forms(text):
    with pytest.raises(UsageError) as info:
        parse_duration(text)
    assert "accepted forms" in info.value.message and "3wd" in info.value.message


def test_round_trip_text():
    assert str(parse_duration("3wd")) == "3 working days"
    assert str(parse_duration("1wh")) == "1 working hour"
