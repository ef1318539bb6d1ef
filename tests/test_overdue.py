"""`plaint overdue`: exact rows around holidays and make-up days, exit codes, and never a write."""

import json
import os
import subprocess

import pytest


def file_case(book, when, severity=None, summary="Case", unit="1-1", **extra):
    args = ["file", "--channel", "phone", "--summary", summary, "--unit", unit]
    if severity:
        args += ["--severity", severity, "--validity", "valid"]
    for key, value in extra.items():
        args += [f"--{key}", value]
    return book(*args, now=when).stdout.strip()


def overdue_json(book, now, *args, expect=1):
    result = book("overdue", "--format", "json", *args, now=now, expect=expect)
    return json.loads(result.stdout) if result.stdout else []


def test_friday_deadline_seen_on_a_make_up_saturday(book):
    file_case(book, "2026-02-27 10:00", "major")  # acknowledge: same day -> Fri 18:00
    rows = overdue_json(book, "2026-02-28 10:00", "--clock", "acknowledge")
    assert len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in ("id", "clock", "due", "state", "late", "late_minutes", "severity", "owner",
                                "department", "escalate_to", "provisional")} == {
        "id": "SG-20260227-001", "clock": "acknowledge", "due": "2026-02-27T18:00:00+08:00", "state": "overdue",
        "late": "1h00m", "late_minutes": 60, "severity": "major", "owner": "", "department": "",
        "escalate_to": ["general manager"], "provisional": False}


def test_friday_deadline_seen_on_an_ordinary_saturday(book):
    file_case(book, "2026-11-20 10:00", "major")
    rows = overdue_json(book, "2026-11-21 10:00", "--clock", "acknowledge")
    assert [(r["due"], r["state"], r["late"], r["late_minutes"]) for r in rows] == [
        ("2026-11-20T18:00:00+08:00", "overdue", "0m (no working time yet)", 0)]


def test_nothing_due_is_silent_with_exit_0(book):
    file_case(book, "2026-11-16 10:00", "minor")
    result = book("overdue", now="2026-11-16 10:05")
    assert result.stdout == "" and result.stderr == ""
    # design: `overdue --format json` prints a list: an empty one when nothing is due
    assert book("overdue", "--format", "json", now="2026-11-16 10:05").stdout == "[]\n"


def test_due_soon_with_within(book):
    file_case(book, "2026-11-16 10:00", "minor")
    result = book("overdue", "--within", "1wh", "--format", "json", now="2026-11-16 10:05", expect=0)
    rows = json.loads(result.stdout)
    assert [(r["clock"], r["state"], r["late"]) for r in rows] == [
        ("route", "due-soon", "in 5m"), ("acknowledge", "due-soon", "in 55m")]


def test_escalation_one_level_up_after_the_step(book):
    file_case(book, "2026-11-16 10:00", "minor")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:05")
    # minor resolve: 2 days -> Wed 2026-11-18 24:00; step 1 working day -> Thu 18:00
    rows = overdue_json(book, "2026-11-19 17:00")
    # a calendar-day clock is late by elapsed time: 17 hours since Wed 24:00 (7 of them working hours)
    assert [(r["clock"], r["late"], r["escalate_to"], r["owner"], r["department"]) for r in rows] == [
        ("resolve", "17h00m", ["department manager"], "Wang", "Engineering")]
    # one working day late, counted as an extension counts from a 24:00 deadline (Wed 18, day 0):
    # by Thu 18:01 a whole working day (Thu 09:00-18:00) has passed since the deadline
    assert overdue_json(book, "2026-11-19 17:59")[0]["escalate_to"] == ["department manager"]
    rows = overdue_json(book, "2026-11-19 18:01")
    assert rows[0]["escalate_to"] == ["department manager", "general manager"]
    assert rows[0]["late"] == "18h01m"  # elapsed, for a calendar-day clock


def test_revisit_window_missed_is_listed(book):
    file_case(book, "2026-11-16 10:00", "minor")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:05")
    book("close", "001", "--resolution", "Fixed", now="2026-11-16 15:00")
    assert book("overdue", now="2026-11-19 17:00").stdout == ""  # revisit due Thu 18:00
    rows = overdue_json(book, "2026-11-20 10:00")
    assert [(r["clock"], r["due"], r["late"]) for r in rows] == [("revisit", "2026-11-19T18:00:00+08:00", "1h00m")]


def test_extension_in_time_moves_the_case_out(book):
    file_case(book, "2026-11-16 10:00", "minor")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:05")
    book("extend", "001", "--clock", "resolve", "--to", "2026-11-25 18:00", "--approver", "department manager",
         "--reason", "Parts", now="2026-11-18 12:00")
    assert book("overdue", now="2026-11-20 10:00").stdout == ""
    rows = overdue_json(book, "2026-11-26 10:00")
    assert rows[0]["due"] == "2026-11-25T18:00:00+08:00" and rows[0]["extension_in_time"] is True


def test_late_extension_stops_the_alarm_but_the_breach_stands(book):
    file_case(book, "2026-11-16 10:00", "minor")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:05")
    # minor resolve: 2 days -> Wed 2026-11-18 24:00; the extension is asked for on Thu: late
    result = book("extend", "001", "--clock", "resolve", "--to", "2026-11-25 18:00", "--approver",
                  "department manager", "--reason", "Parts", now="2026-11-19 12:00")
    assert "late extension: the resolve deadline 2026-11-18 24:00 had already passed" in result.stderr
    # overdue alarms against the new deadline from then on, not the old one
    assert book("overdue", now="2026-11-20 10:00").stdout == ""
    rows = overdue_json(book, "2026-11-26 10:00")
    assert [(r["clock"], r["due"], r["original_due"], r["extended_to"], r["extension_in_time"], r["breached"])
            for r in rows] == [("resolve", "2026-11-25T18:00:00+08:00", "2026-11-19T00:00:00+08:00",
                                "2026-11-25T18:00:00+08:00", False, True)]
    # show and the report keep the breach even when the case then closes within the new deadline
    book("close", "001", "--resolution", "Fitted", now="2026-11-24 10:00")
    shown = json.loads(book("show", "001", "--format", "json", now="2026-11-24 11:00").stdout)
    assert {k: shown["deadlines"]["resolve"][k] for k in ("due", "met", "state", "breached", "extension_in_time")} == {
        "due": "2026-11-25T18:00:00+08:00", "met": False, "state": "late", "breached": True,
        "extension_in_time": False}
    report = json.loads(book("report", "--month", "2026-11", "--format", "json", now="2026-11-24 11:00").stdout)
    assert report["clocks"]["resolve"] == {"met": 0, "met_extended": 0, "breached": 1, "running": 0,
                                           "on_time_rate": 0.0}


def test_age_makes_a_valid_case_major(book):
    file_case(book, "2026-10-01 10:00", "minor")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-10-01 10:05")
    rows = overdue_json(book, "2026-10-30 10:00")
    assert {r["severity"] for r in rows} == {"minor"}
    rows = overdue_json(book, "2026-11-01 10:00")
    assert {(r["severity"], r["severity_upgraded"]) for r in rows} == {("major", True)}
    # major's approver; the resolve deadline in force (minor's) does not move; major's own respond
    # clock starts when the month ran out (Oct 31, 24:00) and is due two days later
    assert {(r["clock"], r["due"]) for r in rows} == {("resolve", "2026-10-04T00:00:00+08:00")}
    rows = overdue_json(book, "2026-11-03 10:00")
    assert {(r["clock"], r["due"]) for r in rows} == {("resolve", "2026-10-04T00:00:00+08:00"),
                                                     ("respond", "2026-11-03T00:00:00+08:00")}
    assert rows[0]["escalate_to"] == ["general manager"]
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["severity"] == "minor"  # overdue never writes; classify applies it


def test_filters(book):
    file_case(book, "2026-11-16 10:00", "minor")
    file_case(book, "2026-11-16 10:00", "major")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:01")
    book("assign", "002", "--handler", "Zhao", "--department", "Security", now="2026-11-16 10:01")
    now = "2026-11-25 10:00"
    assert {r["id"] for r in overdue_json(book, now, "--department", "Security")} == {"SG-20261116-002"}
    assert {r["id"] for r in overdue_json(book, now, "--handler", "Wang")} == {"SG-20261116-001"}
    assert {r["id"] for r in overdue_json(book, now, "--severity", "major")} == {"SG-20261116-002"}
    assert {r["clock"] for r in overdue_json(book, now, "--clock", "respond")} == {"respond"}
    bad = book("overdue", "--clock", "lunch", now=now, expect=2)
    assert "unknown clock 'lunch'; allowed clocks: route, acknowledge" in bad.stderr


def test_csv_and_table(book):
    file_case(book, "2026-11-20 10:00", "major", summary="Lift, \"stuck\"")
    csv_out = book("overdue", "--format", "csv", "--clock", "acknowledge", now="2026-11-21 10:00", expect=1).stdout
    lines = csv_out.splitlines()
    assert lines[0].startswith("id,state,clock,due,late,severity,owner,department,escalate_to,summary")
    assert lines[1].startswith('SG-20261120-001,overdue,acknowledge,2026-11-20T18:00:00+08:00,'
                               '0m (no working time yet),major,,,'
                               'general manager,"Lift, ""stuck"""')
    table = book("overdue", "--clock", "acknowledge", now="2026-11-21 10:00", expect=1).stdout
    assert "SG-20261120-001  overdue  acknowledge  2026-11-20 18:00" in table


def test_corrupt_record_does_not_hide_the_others(book):
    file_case(book, "2026-11-16 10:00", "major")
    file_case(book, "2026-11-16 10:00", "major")
    broken = next(book.root.glob("2026/11/SG-20261116-001.toml"))
    broken.write_text(broken.read_text()[:120])  # truncated mid-way
    result = book("overdue", "--format", "json", "--clock", "acknowledge", now="2026-11-17 10:00", expect=2)
    assert [r["id"] for r in json.loads(result.stdout)] == ["SG-20261116-002"]
    assert result.stderr.startswith(f"{broken}:")


def test_overdue_never_writes(book):
    file_case(book, "2026-11-16 10:00", "major")
    file_case(book, "2026-11-16 10:00", "minor")
    files = [p for p in book.root.rglob("*") if p.is_file() and ".git" not in p.parts]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
    commits = book.git_count()
    book("overdue", now="2026-11-25 10:00", expect=1)
    book("overdue", "--format", "json", now="2026-11-25 10:00", expect=1)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
    assert before == after
    assert sorted(p for p in book.root.rglob("*") if p.is_file() and ".git" not in p.parts) == sorted(files)
    assert book.git_count() == commits
    status = subprocess.run(["git", "-C", str(book.root), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""


def test_provisional_deadlines_are_marked(book):
    file_case(book, "2026-12-31 10:00", "major")
    rows = overdue_json(book, "2027-01-12 10:00", "--clock", "resolve")
    assert rows[0]["provisional"] is False  # 10 calendar days need no holiday data
    book("file", "--channel", "phone", "--summary", "x", "--unit", "1", "--validity", "help",
         now="2026-12-31 18:30")
    rows = overdue_json(book, "2027-01-05 10:00", "--clock", "respond")
    # same day after closing: the next working day, past the estimated New Year's Day and the weekend
    assert [(r["id"], r["due"], r["provisional"]) for r in rows if r["id"].endswith("-002")] == [
        ("SG-20261231-002", "2027-01-04T18:00:00+08:00", True)]


def test_provisional_rows_are_warned_about(book):
    book("file", "--channel", "phone", "--summary", "x", "--unit", "1", "--validity", "help", now="2026-12-31 18:30")
    result = book("overdue", "--clock", "respond", now="2027-01-05 10:00", expect=1)
    assert "2027-01-04 18:00*" in result.stdout
    assert result.stderr == ("warning: 1 deadline(s) marked * are provisional: calendar 'cn' has no official data "
                             "for 2027, so its holidays are estimated from the statutory holidays; add the notice "
                             "with `plaint calendar add-year` (plaint calendar add-year 2027 --notice FILE --write)\n")
    shown = book("show", "001", now="2027-01-05 10:00")
    # only `same day` needs holiday data here; calendar days and minutes never do
    assert shown.stderr.startswith("warning: the respond deadline is provisional: calendar 'cn' has no official "
                                   "data for 2027")
