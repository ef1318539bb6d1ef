"""The record view readers ask (status, open, times by name) and the Change that is built whole."""

from datetime import datetime, timezone

import pytest

from plaint.records import Change, View

AT = datetime(2026, 11, 16, 9, 0, tzinfo=timezone.utc)


def test_view_answers_from_the_record_without_copying():
    record = {"id": "SG-20261116-001", "status": "closed", "times": {"received": AT, "closed": AT}}
    view = View(record)
    assert (view.status, view.is_open, view.has("closed"), view.time("closed")) == ("closed", False, True, AT)
    assert (view.has("replied"), view.time("replied")) == (False, None)
    record["status"] = "reopened"
    del record["times"]["closed"]
    assert (view.is_open, view.has("closed")) == (True, False)


def test_view_of_a_hand_typed_record_without_times():
    view = View({"status": "received"})
    assert (view.times, view.has("received"), view.is_open) == ({}, False, True)


def test_a_change_cannot_be_altered_after_it_is_built():
    change = Change("revisit", top={"status": "revisited"}, times={"revisited": AT})
    with pytest.raises(AttributeError, match="built whole"):
        change.top = {"status": "reopened"}
    assert (change.action, change.top, change.tables, change.drop_times) == ("revisit", {"status": "revisited"}, {}, ())
