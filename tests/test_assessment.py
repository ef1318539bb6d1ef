"""Issue #9: one assessment of a case, and every command telling the same story about it."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Plaint
from plaint.commands.app import main

DEMO = Path(__file__).resolve().parent.parent / "records"
NOW = "2026-11-23 10:00"


def as_json(book, *args, now=NOW, expect=0):
    out = book(*args, "--format", "json", now=now, expect=expect).stdout
    return json.loads(out) if out.strip() else []


@pytest.fixture
def demo(tmp_path):
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return Plaint(root)


# -- 1. one assessment: the demo book's age-upgraded case ----------------------------------
def test_demo_case_agrees_across_show_list_overdue_and_report(demo):
    shown = as_json(demo, "show", "1016-001")
    assert shown["severity"] == "minor"  # the record as classified; the assessment says how it counts
    assert {k: shown["assessment"][k] for k in ("severity", "recorded_severity", "severity_upgraded", "upgrade_rule",
                                                "round", "open")} == {
        "severity": "major", "recorded_severity": "minor", "severity_upgraded": True,
        "upgrade_rule": "a valid complaint unresolved after 30 days counts as major", "round": 1, "open": True}
    clocks = {name: (info["due"], info["state"]) for name, info in shown["deadlines"].items()}
    assert clocks == {"route": ("2026-10-16T10:10:00+08:00", "late"),
                      # an age upgrade never moves a deadline already in force (minor's 1 hour, 2 days);
                      # major's own respond clock starts when the month ran out (Nov 15, 24:00)
                      "acknowledge": ("2026-10-16T11:00:00+08:00", "met"),
                      "respond": ("2026-11-18T00:00:00+08:00", "overdue"),
                      "resolve": ("2026-10-19T00:00:00+08:00", "overdue")}

    listed = {row["id"]: row for row in as_json(demo, "list", "--severity", "major")}
    assert sorted(listed) == ["SG-20261016-001", "SG-20261118-001"]
    assert (listed["SG-20261016-001"]["severity"], listed["SG-20261016-001"]["severity_upgraded"]) == ("major", True)
    assert {n: (c["due"], c["state"]) for n, c in listed["SG-20261016-001"]["clocks"].items()} == clocks

    rows = [r for r in as_json(demo, "overdue", expect=1) if r["id"] == "SG-20261016-001"]
    assert [(r["clock"], r["due"], r["state"], r["severity"], r["severity_upgraded"]) for r in rows] == [
        ("resolve", "2026-10-19T00:00:00+08:00", "overdue", "major", True),
        ("respond", "2026-11-18T00:00:00+08:00", "overdue", "major", True)]

    # A report whose period ends after the upgrade counts it as major, and says so.
    report = as_json(demo, "report", "--from", "2026-10-01", "--to", "2026-11-23")
    severities = {row["key"]: row["count"] for row in report["counts"]["severity"]}
    assert report["upgraded_by_age"] == 1 and severities["major"] == 2
    # October's own report counts it as it stood on Oct 31: still minor (the month ran out on Nov 15).
    october = as_json(demo, "report", "--month", "2026-10")
    assert october["upgraded_by_age"] == 0
    assert {row["key"]: row["count"] for row in october["counts"]["severity"]} == {"minor": 3, "important": 2}
    # ... with minor's clocks, whenever it is run: a finished month's figures do not change because a case
    # turned major afterwards (no respond clock, which only major cases have)
    early = as_json(demo, "report", "--month", "2026-10", now="2026-11-01 10:00")
    assert "respond" not in october["clocks"] and october["clocks"]["resolve"] == early["clocks"]["resolve"]

    text = demo("show", "1016-001", now=NOW).stdout
    assert "SG-20261016-001  [assigned]  Valid complaint / Major↑ / Building quality" in text
    assert ("  Severity     major, raised by age: a valid complaint unresolved after 30 days counts as major "
            "(classified minor)") in text
    assert "  respond      due Tue 2026-11-17 24:00  overdue by 5d10h00m  [2 days]" in text
    assert "  resolve      due Sun 2026-10-18 24:00  overdue by 35d10h00m  [2 days]" in text
    assert "  route        due Fri 2026-10-16 10:10  late by 50m (stopped 2026-10-16 11:00)  [10 minutes]" in text


# -- 2. dates typed alone -------------------------------------------------------------------
def test_deadlines_typed_as_a_date_mean_the_end_of_that_day(book):
    book("file", "--channel", "phone", "--summary", "Gate", "--unit", "1", "--received", "2026-11-16",
         "--happened", "2026-11-15", now="2026-11-16 10:00")
    shown = as_json(book, "show", "001", now="2026-11-16 10:05")
    assert shown["received"] == "2026-11-16T00:00:00+08:00"  # an event: that day
    assert shown["happened"] == "2026-11-15"  # a date, no time of day
    text = book("show", "001", now="2026-11-16 10:05").stdout
    assert "  Received     2026-11-16 00:00 by Li Na" in text and "  Happened     2026-11-15" in text
    assert "24:00 by" not in text
    result = book("extend", "001", "--clock", "resolve", "--to", "2026-11-30", "--approver", "department manager",
                  "--reason", "Parts", now="2026-11-17 10:00")
    assert result.stdout == "SG-20261116-001: resolve deadline extended to Mon 2026-11-30 24:00\n"
    assert as_json(book, "show", "001", now="2026-11-17 10:05")["deadlines"]["resolve"]["due"] == \
        "2026-12-01T00:00:00+08:00"
    # 24:00 is accepted wherever a time is
    book("extend", "001", "--clock", "resolve", "--to", "2026-12-02 24:00", "--approver", "department manager",
         "--reason", "More parts", now="2026-11-18 10:00")
    assert as_json(book, "show", "001", now="2026-11-18 10:05")["deadlines"]["resolve"]["due"] == \
        "2026-12-03T00:00:00+08:00"


def test_review_and_routing_deadlines_typed_as_a_date(tmp_path):
    from conftest import make_book
    book = make_book(tmp_path, "building", "BD")
    book("file", "--channel", "in_person", "--summary", "Lift stuck", now="2026-11-16 10:00")
    book("verify", "001", now="2026-11-16 10:05")
    book("assign", "001", "--department", "Engineering", "--deadline", "2026-11-24", now="2026-11-16 10:10")
    shown = as_json(book, "show", "001", now="2026-11-16 10:15")
    assert (shown["deadlines"]["resolve"]["due"], shown["deadlines"]["resolve"]["set_by"]) == (
        "2026-11-25T00:00:00+08:00", "person")
    # a second routing deadline is a move: an extension, with the approver
    moved = book("assign", "001", "--department", "Engineering", "--deadline", "2026-11-26", now="2026-11-16 10:20",
                 expect=2)
    assert "moving it is an extension: `plaint extend BD-20261116-001" in moved.stderr


def test_calendar_due_prints_the_weekday_of_the_date_shown(book):
    result = book("calendar", "due", "2026-11-16 14:05", "3d", book=False, by=None)
    assert result.stdout.startswith("2026-11-19 24:00 Thu (2026-11-20T00:00:00+08:00)")


# -- 3. reopened cases: rounds --------------------------------------------------------------
def test_reopened_case_keeps_its_first_round_and_is_on_time_in_its_second(book):
    book("file", "--channel", "phone", "--summary", "Rude guard", "--unit", "1", now="2026-11-16 10:00")
    book("assign", "001", "--handler", "Zhou", now="2026-11-16 10:10")
    # minor resolve: 2 days -> Wed 2026-11-18 24:00; closed Thu: late in round 1
    book("close", "001", "--resolution", "Apologised", now="2026-11-19 09:00")
    before = as_json(book, "show", "001", now="2026-11-19 09:05")["deadlines"]["resolve"]
    assert (before["state"], before["round"]) == ("late", 1)
    book("revisit", "001", "--unsatisfied", "--words", "Still rude", "--reopen", now="2026-11-19 10:00")
    shown = as_json(book, "show", "001", now="2026-11-19 10:05")
    resolve = shown["deadlines"]["resolve"]
    # round 2: a fresh resolve clock from the reopening, 2 days -> Sat 2026-11-21 24:00
    assert (resolve["round"], resolve["start"], resolve["due"], resolve["state"]) == (
        2, "2026-11-19T10:00:00+08:00", "2026-11-22T00:00:00+08:00", "running")
    assert "revisit" not in shown["deadlines"]  # round 2 has not closed yet
    first = shown["assessment"]["rounds"][0]["clocks"]
    assert (first["resolve"]["state"], first["resolve"]["stopped"]) == ("late", "2026-11-19T09:00:00+08:00")
    assert (first["revisit"]["state"], first["revisit"]["stopped"]) == ("met", "2026-11-19T10:00:00+08:00")
    book("close", "001", "--resolution", "Guard moved", "--cause", "Training", "--corrective-action", "Retrained",
         now="2026-11-20 10:00")
    shown = as_json(book, "show", "001", now="2026-11-20 10:05")
    assert shown["deadlines"]["resolve"]["state"] == "met"
    assert shown["assessment"]["rounds"][0]["clocks"]["resolve"]["state"] == "late"  # the first round stands
    report = as_json(book, "report", "--month", "2026-11", now="2026-11-20 10:05")
    assert report["clocks"]["resolve"] == {"met": 0, "met_extended": 0, "breached": 1, "running": 0,
                                           "on_time_rate": 0.0}
    assert report["later_rounds"]["resolve"] == {"met": 1, "met_extended": 0, "breached": 0, "running": 0,
                                                 "on_time_rate": 1.0}
    assert report["revisits"]["reopened"] == 1
    text = book("show", "001", now="2026-11-20 10:05").stdout
    assert "Clocks (round 2: reopened 2026-11-19 10:00)" in text
    assert "Round 1 (reopened 2026-11-19 10:00), as it ended" in text


def test_a_deadline_shown_as_met_never_turns_late(book):
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "1", now="2026-11-16 10:00")
    book("assign", "001", "--handler", "Zhou", now="2026-11-16 10:10")
    book("close", "001", "--resolution", "Spoke to them", now="2026-11-17 10:00")
    met = as_json(book, "show", "001", now="2026-11-17 10:05")["deadlines"]["resolve"]
    book("reopen", "001", "--reason", "Noise again", now="2026-11-25 10:00")
    later = as_json(book, "show", "001", now="2026-12-20 10:00")["assessment"]["rounds"][0]["clocks"]["resolve"]
    assert (met["state"], later["state"], later["due"], later["stopped"]) == (
        "met", "met", met["due"], met["stopped"])


# -- 5. deadlines move only with the procedure's consent ------------------------------------
def test_assign_deadline_is_refused_where_the_policy_does_not_set_it(book):
    book("file", "--channel", "phone", "--summary", "Gate", "--unit", "1", now="2026-11-16 10:00")
    before = book.git_count()
    result = book("assign", "001", "--handler", "Wang", "--deadline", "2026-11-30", now="2026-11-16 10:05", expect=2)
    assert "does not let the routing desk set deadlines" in result.stderr
    assert book.git_count() == before


# -- 6. nothing typed is lost -----------------------------------------------------------------
def test_two_replies_and_the_unsatisfied_words_survive(book):
    book("file", "--channel", "phone", "--summary", "Leak", "--unit", "1", now="2026-11-16 10:00")
    book("assign", "001", "--handler", "Wang", now="2026-11-16 10:05")
    book("reply", "001", "--text", "Plumber booked for 3pm", "--method", "phone", now="2026-11-16 11:00")
    book("reply", "001", "--text", "Plumber fixed the joint", "--method", "visit", now="2026-11-16 16:00")
    book("close", "001", "--resolution", "Joint replaced", now="2026-11-16 17:00")
    book("revisit", "001", "--unsatisfied", "--words", "Ceiling still damp", "--reopen", now="2026-11-17 10:00")
    book("close", "001", "--resolution", "Ceiling dried and painted", now="2026-11-18 10:00")
    shown = as_json(book, "show", "001", now="2026-11-18 10:05")
    history = [{k: v for k, v in e.items() if k not in ("at", "by")} for e in shown["history"]]
    assert {"action": "reply", "text": "Plumber booked for 3pm", "method": "phone"} in history
    assert {"action": "reply", "text": "Plumber fixed the joint", "method": "visit"} in history
    assert {"action": "revisit", "satisfied": False, "words": "Ceiling still damp", "reopen": True} in history
    assert {"action": "close", "resolution": "Joint replaced"} in history
    assert shown["reply"]["text"] == "Plumber fixed the joint"  # the top level is the current state
    full = book("show", "001", "--history", now="2026-11-18 10:05").stdout
    assert "      text: Plumber booked for 3pm" in full and "      words: Ceiling still damp" in full


# -- 7. lateness in the clock's own kind of time ----------------------------------------------
def test_lateness_in_working_time_and_elapsed_time(book):
    book("file", "--channel", "phone", "--summary", "Lift", "--unit", "1", "--severity", "major", "--validity", "valid",
         now="2026-11-20 10:00")
    book("assign", "001", "--department", "Engineering", now="2026-11-20 10:05")  # stops the route clock
    rows = as_json(book, "overdue", "--within", "2wd", now="2026-11-20 17:30", expect=0)
    # acknowledge (same day, working time) in 30 working minutes; respond (2 days, elapsed) in 2d06h30m
    assert [(r["clock"], r["state"], r["late"], r["late_minutes"]) for r in rows] == [
        ("acknowledge", "due-soon", "in 30m", -30), ("respond", "due-soon", "in 2d06h30m", -3270)]
    rows = as_json(book, "overdue", now="2026-11-22 12:00", expect=1)  # a Sunday
    assert [(r["clock"], r["late"]) for r in rows] == [("acknowledge", "0m (no working time yet)")]
    text = book("show", "001", now="2026-11-22 12:00").stdout
    assert "  acknowledge  due Fri 2026-11-20 18:00  overdue, no working time yet  [same day]" in text


# -- 8. show --explain --------------------------------------------------------------------------
def test_show_explain_walks_through_one_deadline(book):
    book("file", "--channel", "phone", "--summary", "Heating", "--unit", "1", "--severity", "important",
         "--validity", "valid", now="2026-09-30 17:00")
    book("extend", "001", "--clock", "revisit", "--add", "1wd", "--approver", "general manager", "--reason", "x",
         now="2026-09-30 17:05", expect=2)  # no revisit clock before closing
    out = book("show", "001", "--explain", "resolve", now="2026-10-02 10:00").stdout.splitlines()
    assert out[0] == "resolve clock, round 1: the case is closed; 3 days under severity important"
    assert out[1] == "starts Wed 2026-09-30 17:00"
    assert out[-2] == "no pauses: plaint's clocks do not stop while waiting on the customer"
    assert out[-1] == "due Sat 2026-10-03 24:00; still running; running"
    bad = book("show", "001", "--explain", "revisit", now="2026-10-02 10:00", expect=2)
    assert "runs no 'revisit' clock" in bad.stderr


def test_extending_a_deadline_at_24_00_counts_from_that_deadlines_own_day(book):
    # minor resolve: 2 days from Fri 2026-11-20 10:00 -> Sun 2026-11-22 24:00 (shown as Sunday, not Monday 00:00)
    book("file", "--channel", "phone", "--summary", "Gate", "--unit", "1", now="2026-11-20 10:00")
    book("classify", "001", "--validity", "valid", "--severity", "minor", "--category", "facilities",
         now="2026-11-20 10:05")
    result = book("extend", "001", "--clock", "resolve", "--add", "2wd", "--approver", "department manager",
                  "--reason", "Parts", now="2026-11-21 10:00")
    # Sunday 24:00 + 2 working days is Tuesday's closing time, not Wednesday's
    assert result.stdout == "SG-20261120-001: resolve deadline extended to Tue 2026-11-24 18:00\n"
    resolve = as_json(book, "show", "001", now="2026-11-21 10:05")["deadlines"]["resolve"]
    assert (resolve["due"], resolve["original_due"]) == ("2026-11-24T18:00:00+08:00", "2026-11-23T00:00:00+08:00")
