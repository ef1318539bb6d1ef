"""`plaint report` on a fixture book of forty records whose figures were counted by hand.

The book (property policy, China calendar), all times Asia/Shanghai:
- F1-F10  Mon 09:00, minor valid; assigned 09:05, answered 10:00, closed 11:00, revisited next day 10:00.
          F1-F5 (Nov 2) facilities, phone, Wang/Engineering, cause "Worn part" (F5 none);
          F6-F8 (Nov 16) fees, in person, Zhao/Finance, "Billing error"; F9-F10 attitude, "Rude staff",
          revisit unsatisfied.
- L1-L6   Mon Nov 9 09:00, minor valid, letter, Qian/Security; assigned 09:30 (route late), answered 14:00,
          closed Thu Nov 12 10:00 (resolve late), never revisited. L1-L3 neighbours, L4-L6 building quality;
          causes "Late patrol" x4, "No notice" x2.
- O1-O6   open, assigned 09:05 to Sun/Engineering: O1-O3 important facilities (Nov 23), O4-O5 major
          emergency (Nov 23), O6 major emergency (Nov 30, resolve still running on Dec 10).
- C1-C4   Mon Nov 16 10:00: help, help, inquiry, venting; Li/Customer service at 10:05, answered 11:00,
          closed 11:30, never revisited.  I1 the same day, invalid, answered 10:30, closed 10:45.
- R1      Mon Nov 2 09:00, attitude, closed 11:00, revisited unsatisfied and reopened Nov 3, closed again
          Nov 4 11:00 ("Rude staff"), revisited satisfied Nov 5.
- E1, E2  Mon Nov 9 09:00, facilities; resolve extended to Fri Nov 13 18:00, E1 on Nov 10 (in time),
          E2 on Nov 12 (after the deadline); both answered Nov 12 10:00, closed 15:00, revisited Nov 13.
- edges   N1 received 2026-10-31T16:00Z = Sun Nov 1 00:00 (November); N2 Mon Nov 30 23:59 (November);
          one at Sat Oct 31 23:59 (October); one at 2026-11-30T16:30Z = Tue Dec 1 00:30 (December).
- October six F-like cases on Mon Oct 12, all on time.
The report runs with --now "2026-12-10 10:00", so its default month is November 2026.
"""

import json

import pytest
from click.testing import CliRunner

from plaint.commands.app import main

NOW = "2026-12-10 10:00"


class Desk:
    def __init__(self, root):
        self.root, self.runner, self.count = root, CliRunner(), 0

    def __call__(self, now, *args):
        result = self.runner.invoke(main, ["--book", str(self.root), "--no-commit", "--by", "Desk", "--now", now,
                                           *args])
        assert result.exit_code == 0, (args, result.output)
        return result.stdout.strip()

    def file(self, now, channel, contact=None, unit=None, about=None, validity=None, severity=None, category=None):
        self.count += 1
        args = ["file", "--channel", channel, "--summary", f"Case {self.count}",
                "--unit", unit or f"U{self.count}", "--name", f"Resident {self.count}",
                "--contact", contact if contact is not None else f"137{self.count:08d}"]
        for option, value in (("--about", about), ("--validity", validity), ("--severity", severity),
                              ("--category", category)):
            if value:
                args += [option, value]
        return self(now, *args)


def build(root):
    desk = Desk(root)
    CliRunner().invoke(main, ["init", str(root), "--template", "property", "--site", "RP"])
    contacts = {1: "13800000001", 2: "13800000001", 6: "13900000002"}
    units = {1: "3-2-501", 2: "5-1-101", 3: "5-1-101"}
    # F1-F10
    for n in range(1, 11):
        day = "2026-11-02" if n <= 5 else "2026-11-16"
        next_day = "2026-11-03" if n <= 5 else "2026-11-17"
        category = "facilities" if n <= 5 else ("fees" if n <= 8 else "attitude")
        handler, dept = ("Wang", "Engineering") if n <= 5 else ("Zhao", "Finance")
        channel = "phone" if n <= 5 else "in_person"
        rid = desk.file(f"{day} 09:00", channel, contacts.get(n), units.get(n), dept, "valid", "minor", category)
        desk(f"{day} 09:05", "assign", rid, "--handler", handler, "--department", dept)
        desk(f"{day} 10:00", "reply", rid, "--text", "Sorted", "--method", "phone")
        cause = {1: "Worn part", 2: "Worn part", 3: "Worn part", 4: "Worn part", 5: None}.get(
            n, "Billing error" if n <= 8 else "Rude staff")
        desk(f"{day} 11:00", "close", rid, "--resolution", "Done", "--responsible", dept,
             *(["--cause", cause] if cause else []))
        desk(f"{next_day} 10:00", "revisit", rid, "--satisfied" if n <= 8 else "--unsatisfied")
    # L1-L6
    for n in range(1, 7):
        rid = desk.file("2026-11-09 09:00", "letter", "13800000001" if n == 1 else None,
                        "3-2-501" if n == 1 else None, "Security", "valid", "minor",
                        "neighbours" if n <= 3 else "building_quality")
        desk("2026-11-09 09:30", "assign", rid, "--handler", "Qian", "--department", "Security")
        desk("2026-11-09 14:00", "reply", rid, "--text", "Patrol sent")
        desk("2026-11-12 10:00", "close", rid, "--resolution", "Done", "--responsible", "Security",
             "--cause", "Late patrol" if n <= 4 else "No notice")
    # O1-O6
    for n in range(1, 7):
        day = "2026-11-30" if n == 6 else "2026-11-23"
        rid = desk.file(f"{day} 09:00", "phone", "13900000002" if n == 1 else None, "3-2-501" if n == 1 else None,
                        None, "valid", "important" if n <= 3 else "major", "facilities" if n <= 3 else "emergency")
        desk(f"{day} 09:05", "assign", rid, "--handler", "Sun", "--department", "Engineering")
    # C1-C4, I1
    for validity in ("help", "help", "inquiry", "venting", "invalid"):
        rid = desk.file("2026-11-16 10:00", "phone")
        desk("2026-11-16 10:01", "classify", rid, "--validity", validity, "--severity", "minor",
             "--category", "property_services")
        desk("2026-11-16 10:05", "assign", rid, "--handler", "Li", "--department", "Customer service")
        if validity == "invalid":
            desk("2026-11-16 10:30", "reply", rid, "--text", "Not ours, politely explained")
            desk("2026-11-16 10:45", "close", rid, "--resolution", "Referred")
        else:
            desk("2026-11-16 11:00", "reply", rid, "--text", "Helped")
            desk("2026-11-16 11:30", "close", rid, "--resolution", "Helped")
    # R1
    rid = desk.file("2026-11-02 09:00", "phone", validity="valid", severity="minor", category="attitude")
    desk("2026-11-02 09:05", "assign", rid, "--handler", "Wang", "--department", "Engineering")
    desk("2026-11-02 10:00", "reply", rid, "--text", "Apologised")
    desk("2026-11-02 11:00", "close", rid, "--resolution", "Apologised")
    desk("2026-11-03 10:00", "revisit", rid, "--unsatisfied", "--reopen", "--words", "Still rude")
    desk("2026-11-04 11:00", "close", rid, "--resolution", "Guard moved", "--responsible", "Engineering",
         "--cause", "Rude staff")
    desk("2026-11-05 10:00", "revisit", rid, "--satisfied")
    # E1, E2
    for when in ("2026-11-10 10:00", "2026-11-12 10:00"):
        rid = desk.file("2026-11-09 09:00", "phone", validity="valid", severity="minor", category="facilities")
        desk("2026-11-09 09:05", "assign", rid, "--handler", "Wang", "--department", "Engineering")
        desk(when, "extend", rid, "--clock", "resolve", "--to", "2026-11-13 18:00", "--approver",
             "department manager", "--reason", "Parts on order")
        desk("2026-11-12 10:00", "reply", rid, "--text", "Parts fitted")
        desk("2026-11-12 15:00", "close", rid, "--resolution", "Fixed", "--responsible", "Engineering",
             "--cause", "Worn part")
        desk("2026-11-13 10:00", "revisit", rid, "--satisfied")
    # edges
    desk.file("2026-10-31T16:00:00+00:00", "suggestion_box", contact="")
    desk.file("2026-11-30 23:59", "phone", contact="")
    desk.file("2026-10-31 23:59", "phone", contact="")
    desk.file("2026-11-30T16:30:00+00:00", "phone", contact="")
    # October
    for n in range(6):
        rid = desk.file("2026-10-12 09:00", "phone", validity="valid", severity="minor", category="facilities")
        desk("2026-10-12 09:05", "assign", rid, "--handler", "Wang", "--department", "Engineering")
        desk("2026-10-12 10:00", "reply", rid, "--text", "Sorted")
        desk("2026-10-12 11:00", "close", rid, "--resolution", "Done", "--cause", "Worn part")
        desk("2026-10-13 10:00", "revisit", rid, "--satisfied")
    return desk.count


@pytest.fixture(scope="module")
def fixture_book(tmp_path_factory):
    root = tmp_path_factory.mktemp("report") / "book"
    assert build(root) == 40
    return root


def run(root, *args, expect=0):
    result = CliRunner().invoke(main, ["--book", str(root), "--now", NOW, "report", *args])
    assert result.exit_code == expect, (result.output, result.stderr)
    return result


@pytest.fixture(scope="module")
def figures(fixture_book):
    return json.loads(run(fixture_book, "--format", "json", "--compare").stdout)


def counts(figures, dimension):
    return [(e["key"], e["count"], e["share"]) for e in figures["counts"][dimension]]


def test_period_and_edges(figures):
    assert figures["period"] == {"label": "2026-11", "from": "2026-11-01", "to": "2026-11-30",
                                 "start": "2026-11-01T00:00:00+08:00", "end": "2026-12-01T00:00:00+08:00"}
    assert figures["records"] == 32  # both November edges in, the October and December ones out
    assert figures["left_out"] == 0
    assert figures["previous"]["records"] == 7
    assert figures["trend"]["records"] == 25


def test_counts(figures):
    assert counts(figures, "category") == [
        ("facilities", 10, 0.3125), ("property_services", 5, 0.1562), ("attitude", 3, 0.0938),
        ("building_quality", 3, 0.0938), ("emergency", 3, 0.0938), ("fees", 3, 0.0938),
        ("neighbours", 3, 0.0938), ("(not set)", 2, 0.0625)]
    assert counts(figures, "severity") == [("minor", 26, 0.8125), ("important", 3, 0.0938), ("major", 3, 0.0938)]
    assert counts(figures, "channel") == [("phone", 20, 0.625), ("letter", 6, 0.1875), ("in_person", 5, 0.1562),
                                          ("suggestion_box", 1, 0.0312)]
    assert counts(figures, "complained_about") == [("(not set)", 16, 0.5), ("Security", 6, 0.1875),
                                                   ("Engineering", 5, 0.1562), ("Finance", 5, 0.1562)]
    assert counts(figures, "validity") == [("valid", 25, 0.7812), ("(not set)", 2, 0.0625), ("help", 2, 0.0625),
                                           ("inquiry", 1, 0.0312), ("invalid", 1, 0.0312), ("venting", 1, 0.0312)]
    assert counts(figures, "status") == [("revisited", 13, 0.4062), ("closed", 11, 0.3438),
                                         ("assigned", 6, 0.1875), ("received", 2, 0.0625)]
    assert figures["counts"]["category"][0]["label"] == "Facilities and equipment"


def test_clocks(figures):
    assert figures["clocks"] == {
        "route": {"met": 23, "met_extended": 0, "breached": 8, "running": 0, "on_time_rate": 0.7419},
        "acknowledge": {"met": 25, "met_extended": 0, "breached": 2, "running": 0, "on_time_rate": 0.9259},
        "respond": {"met": 5, "met_extended": 0, "breached": 3, "running": 0, "on_time_rate": 0.625},
        "resolve": {"met": 15, "met_extended": 1, "breached": 14, "running": 1, "on_time_rate": 0.5333},
        "revisit": {"met": 13, "met_extended": 0, "breached": 10, "running": 0, "on_time_rate": 0.5652},
    }
    assert figures["trend"]["on_time_rate"] == {"route": -0.1152, "acknowledge": 0.0688, "resolve": -0.3238,
                                                "revisit": -0.4348}


def test_times_in_working_hours(figures):
    assert figures["times"] == {
        "respond": {"all": {"n": 24, "median_hours": 1.0, "p90_hours": 4.0},
                    "minor": {"n": 24, "median_hours": 1.0, "p90_hours": 4.0}},
        "resolve": {"all": {"n": 24, "median_hours": 2.0, "p90_hours": 25.0},
                    "minor": {"n": 24, "median_hours": 2.0, "p90_hours": 25.0}},
    }


def test_revisits_repeats_and_age(figures):
    assert figures["revisits"] == {"closed": 24, "revisited": 13, "within_window": 13, "satisfied": 11,
                                   "satisfied_share": 0.8462, "reopened": 1}
    assert figures["repeat_complainants"] == [{"contact": "138****0001", "count": 3},
                                              {"contact": "139****0002", "count": 2}]
    # places at the policy's place_depth (default 2): the building and stair, never the flat
    assert figures["repeat_locations"] == [{"unit": "3-2", "place": "3-2", "count": 3},
                                           {"unit": "5-1", "place": "5-1", "count": 2}]
    assert [(e["bucket"], e["count"]) for e in figures["open_by_age"]] == [
        ("0-1", 2), ("2-3", 0), ("4-5", 5), ("6-10", 0), ("11-20", 0), (">20", 2)]
    assert figures["open_total"] == 9


def test_responsible_handlers_and_causes(figures):
    assert figures["responsible"] == [
        {"responsible": "Engineering", "cases": 8, "late": 1}, {"responsible": "Security", "cases": 6, "late": 6},
        {"responsible": "(not set)", "cases": 5, "late": 4}, {"responsible": "Finance", "cases": 5, "late": 0}]
    assert figures["handlers"] == [
        {"handler": "Wang", "cases": 8, "late": 1}, {"handler": "Qian", "cases": 6, "late": 6},
        {"handler": "Sun", "cases": 6, "late": 6}, {"handler": "Li", "cases": 5, "late": 4},
        {"handler": "Zhao", "cases": 5, "late": 0}, {"handler": "(not set)", "cases": 2, "late": 2}]
    assert figures["causes"] == [
        {"cause": "Worn part", "code": None, "count": 6, "share": 0.3333, "cumulative_share": 0.3333},
        {"cause": "Late patrol", "code": None, "count": 4, "share": 0.2222, "cumulative_share": 0.5556},
        {"cause": "Billing error", "code": None, "count": 3, "share": 0.1667, "cumulative_share": 0.7222},
        {"cause": "Rude staff", "code": None, "count": 3, "share": 0.1667, "cumulative_share": 0.8889},
        {"cause": "No notice", "code": None, "count": 2, "share": 0.1111, "cumulative_share": 1.0}]


def test_no_personal_data_in_any_format(fixture_book):
    for fmt in ("json", "csv", "markdown", "table"):
        out = run(fixture_book, "--format", fmt, "--compare").stdout
        assert "Resident" not in out and "13800000001" not in out and "13900000002" not in out
        assert "137000000" not in out


def test_markdown(fixture_book):
    out = run(fixture_book, "--format", "markdown").stdout
    assert out.startswith("# Property management office: complaints received 2026-11-01 to 2026-11-30: 32\n")
    assert "## Time limits\n| clock       |   met |" in out or "## Time limits\n| clock" in out
    # numbers right-aligned (issue 13), so the digits line up
    assert "| route       |    23 |                     0 |          8 |         0 |     74.2% |" in out
    assert "| Worn part     |       6 |   33.3% |        33.3% |" in out


def test_csv_is_one_tidy_table(fixture_book):
    lines = run(fixture_book, "--format", "csv").stdout.splitlines()
    assert lines[0] == "section,key,measure,value"
    assert "period,2026-11,records,32" in lines
    assert "count_category,facilities,count,10" in lines
    assert "clock,resolve,met_extended,1" in lines
    assert "time_to_resolve,all,p90_hours,25.0" in lines
    assert "repeat_complainant,138****0001,count,3" in lines
    assert "cause,Late patrol,cumulative_share,0.5556" in lines
    assert all(len(line.split(",")) == 4 for line in lines)


def test_table_has_bars_and_labels(fixture_book):
    out = run(fixture_book).stdout
    assert "Facilities and equipment  10       31.2%    ████████" in out
    zh = run(fixture_book, "--labels", "zh").stdout
    assert "设施设备" in zh and "轻微投诉" in zh


def test_explicit_range_and_bad_periods(fixture_book):
    figures = json.loads(run(fixture_book, "--from", "2026-11-30", "--to", "2026-11-30", "--format", "json").stdout)
    assert figures["records"] == 2 and figures["period"]["end"] == "2026-12-01T00:00:00+08:00"
    assert "--from and --to go together" in run(fixture_book, "--from", "2026-11-01", expect=2).stderr
    assert "cannot read --month" in run(fixture_book, "--month", "11/2026", expect=2).stderr


def test_unreadable_record_is_named_and_counted(tmp_path):
    root = tmp_path / "book"
    CliRunner().invoke(main, ["init", str(root), "--template", "property"])
    desk = Desk(root)
    desk.file("2026-11-02 09:00", "phone")
    desk.file("2026-11-03 09:00", "phone")
    broken = next(root.glob("2026/11/*-20261103-001.toml"))
    broken.write_text(broken.read_text() + "\n<<<<<<< HEAD\n")
    result = run(root, "--format", "json", expect=2)
    assert json.loads(result.stdout)["left_out"] == 1 and json.loads(result.stdout)["records"] == 1
    assert result.stderr.startswith(f"{broken}:")
    assert "1 record(s) could not be read and are left out" in run(root, expect=2).stdout
