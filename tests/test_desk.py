"""The desk's daily work: find a caller's cases, options after the command, filters that agree."""

import json
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_book


def _file(book, summary, now, *extra):
    return book("file", "--channel", "phone", "--summary", summary, *extra, now=now).stdout.strip()


@pytest.fixture
def desk(book):
    _file(book, "Lift stuck on floor 5", "2026-11-16 10:00", "--unit", "3-2-501", "--name", "Zhang Wei",
          "--contact", "13800138000", "--details", "电梯困人，十分钟后放出")
    _file(book, "Radiator cold", "2026-11-17 09:00", "--unit", "7-1-302", "--name", "Li Lei",
          "--contact", "+86 139-0013-9000")
    _file(book, "Noise at night", "2026-11-18 11:00", "--unit", "3-2-501", "--name", "zhang wei",
          "--contact", "138 0013 8000", "--location", "Building 3 courtyard")
    return book


def _close(book, query, now):
    book("assign", query, "--handler", "Wang", now=now)
    book("close", query, "--resolution", "Done", now=now)


def _found(book, *words, now="2026-11-18 12:00", expect=0):
    result = book("find", *words, "--format", "json", now=now, expect=expect)
    return [row["id"] for row in json.loads(result.stdout)]


def test_find_by_phone_however_it_is_typed(desk):
    newest_first = ["SG-20261118-001", "SG-20261116-001"]
    assert _found(desk, "13800138000") == newest_first
    assert _found(desk, "138 0013 8000") == newest_first
    assert _found(desk, "138", "0013", "8000") == newest_first
    assert _found(desk, "+8613800138000") == newest_first
    assert _found(desk, "0086-138-0013-8000") == newest_first
    assert _found(desk, "13900139000") == ["SG-20261117-001"]  # stored as +86 139-0013-9000


def test_find_by_unit_name_words_and_chinese(desk):
    assert _found(desk, "3-2-501") == ["SG-20261118-001", "SG-20261116-001"]
    assert _found(desk, "ZHANG", "wei") == ["SG-20261118-001", "SG-20261116-001"]
    assert _found(desk, "lift") == ["SG-20261116-001"]
    assert _found(desk, "电梯") == ["SG-20261116-001"]
    assert _found(desk, "courtyard") == ["SG-20261118-001"]
    assert _found(desk, "radiator", "zhang") == []
    assert _found(desk, "zhang", "--from", "2026-11-17", "--to", "2026-11-18") == ["SG-20261118-001"]
    assert _found(desk, "zhang", "--to", "2026-11-16") == ["SG-20261116-001"]


def test_find_shows_status_and_next_deadline(desk):
    _close(desk, "1117-001", "2026-11-17 11:00")
    rows = json.loads(desk("find", "radiator", "--format", "json", now="2026-11-18 12:00").stdout)
    assert {k: rows[0][k] for k in ("id", "status", "next_clock", "next_due", "contact")} == {
        "id": "SG-20261117-001", "status": "closed", "next_clock": "revisit",
        "next_due": "2026-11-20T18:00:00+08:00", "contact": "+86 139-0013-9000"}
    table = desk("find", "lift", now="2026-11-18 12:00").stdout.splitlines()
    assert table[0].split() == ["id", "status", "received", "next", "deadline", "complainant", "unit", "/", "ref",
                                "summary"]
    assert table[2].split()[:7] == ["SG-20261116-001", "received", "2026-11-16", "10:00", "route", "2026-11-16",
                                    "10:10"]
    csv_lines = desk("find", "radiator", "--format", "csv", now="2026-11-18 12:00").stdout.splitlines()
    assert csv_lines[0] == "id,status,received,next_clock,next_due,name,contact,unit,reference,summary"
    assert csv_lines[1] == ("SG-20261117-001,closed,2026-11-17T09:00:00+08:00,revisit,2026-11-20T18:00:00+08:00,"
                            "Li Lei,'+86 139-0013-9000,7-1-302,,Radiator cold")  # OWASP: a leading + is neutralised (issue #10)


def test_list_search_is_find(desk):
    rows = json.loads(desk("list", "--search", "138-0013-8000", "--format", "json").stdout)
    assert [row["id"] for row in rows] == ["SG-20261116-001", "SG-20261118-001"]  # list keeps id order


def test_file_warns_about_open_cases_of_the_same_contact(desk):
    result = desk("file", "--channel", "phone", "--summary", "Lift again", "--contact", "+86 138 0013 8000",
                  now="2026-11-19 09:00")
    assert result.stdout == "SG-20261119-001\n"
    assert ("Warning: the same contact already has 2 open complaints: SG-20261116-001 (Lift stuck on floor 5), "
            "SG-20261118-001 (Noise at night)\n") in result.stderr
    _close(desk, "1117-001", "2026-11-19 09:30")
    quiet = desk("file", "--channel", "phone", "--summary", "Cold again", "--contact", "13900139000",
                 now="2026-11-19 10:00")
    assert "Warning" not in quiet.stderr  # the earlier case is closed


def test_file_warns_about_the_same_reference(tmp_path):
    book = make_book(tmp_path, "logistics", "LG")
    book("file", "--channel", "hotline", "--summary", "Box wet", "--reference", "SF 1234 5678", now="2026-11-16 10:00")
    again = book("file", "--channel", "app", "--summary", "Still wet", "--reference", "SF12345678",
                 now="2026-11-16 11:00")
    assert "Warning: the same reference already has 1 open complaint: LG-20261116-001 (Box wet)" in again.stderr
    book("file", "--channel", "app", "--summary", "Refund", "--contact", "zhang_wei@example.com", now="2026-11-16 12:00")
    mail = book("file", "--channel", "chat", "--summary", "Refund?", "--contact", "Zhang_Wei@Example.com",
                now="2026-11-16 13:00")
    assert "Warning: the same contact already has 1 open complaint: LG-20261116-003 (Refund)" in mail.stderr
    other = book("file", "--channel", "chat", "--summary", "Other", "--contact", "li_wei@example.com",
                 now="2026-11-16 14:00")
    assert "Warning" not in other.stderr


def test_global_options_after_the_command(book):
    result = book("file", "--now", "2026-11-16 14:05", "--by", "Wang", "--channel", "phone", "--summary", "Lift",
                  now=None, by=None)
    assert result.stdout == "SG-20261116-001\n"
    shown = json.loads(book("show", "001", "--format", "json", by=None).stdout)
    assert (shown["received"], shown["received_by"]) == ("2026-11-16T14:05:00+08:00", "Wang")
    book("note", "001", "--text", "Called back", "--no-commit", "--now", "2026-11-16 15:00")
    assert book.git_log()[-1] == "file SG-20261116-001: Lift"
    book("list", "--book", str(book.root), book=False)
    # after the command wins over before it
    book("--now", "2026-11-20 10:00", "reply", "001", "--text", "Fixed", "--now", "2026-11-16 16:00", now=None)
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["times"]["replied"] == "2026-11-16T16:00:00+08:00"


def test_extend_add_and_the_old_by_spelling(book):
    _file(book, "Lift", "2026-11-16 10:00", "--unit", "1")
    new = book("extend", "001", "--clock", "resolve", "--add", "1wd", "--approver", "department manager",
               "--reason", "Parts", now="2026-11-16 11:00")
    # resolve: 2 days -> Wed 2026-11-18 24:00, which counts as day 0 of the extension (issue #9): Thu 18:00
    assert new.stdout == "SG-20261116-001: resolve deadline extended to Thu 2026-11-19 18:00\n"
    assert new.stderr == ""
    old = book("extend", "001", "--clock", "resolve", "--by", "1wd", "--approver", "department manager",
               "--reason", "More parts", now="2026-11-16 12:00")
    assert old.stdout == "SG-20261116-001: resolve deadline extended to Fri 2026-11-20 18:00\n"
    assert old.stderr == ("Note: `extend --by 1wd` is deprecated: write `extend --add 1wd` "
                          "(--by names who acts).\n")
    who = book("extend", "001", "--clock", "resolve", "--add", "1wd", "--by", "Zhou", "--approver",
               "department manager", "--reason", "Even more", now="2026-11-16 13:00", by=None)
    assert who.stderr == ""
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["history"][-1]["by"] == "Zhou"
    both = book("extend", "001", "--clock", "resolve", "--add", "1wd", "--by", "2wd", "--approver",
                "department manager", "--reason", "x", now="2026-11-16 14:00", expect=2)
    assert both.stderr == "Error: give the duration once: --add 1wd (--by 2wd is its old spelling)\n"


def test_list_status_is_checked_and_open_means_not_done(desk):
    _close(desk, "1117-001", "2026-11-18 12:00")
    bad = desk("list", "--status", "pending", expect=2)
    assert bad.stderr == ("Error: unknown status 'pending'; allowed statuses: open, received, assigned, answered, "
                          "closed, revisited, reopened, duplicate (open = every case not yet closed)\n")
    rows = json.loads(desk("list", "--status", "open", "--format", "json").stdout)
    assert [row["id"] for row in rows] == ["SG-20261116-001", "SG-20261118-001"]


def test_handler_and_department_match_any_case(desk):
    desk("assign", "1116-001", "--handler", "Wang Qiang", "--department", "Engineering", now="2026-11-16 10:05")
    rows = json.loads(desk("list", "--handler", "wang qiang", "--department", "ENGINEERING", "--format",
                           "json").stdout)
    assert [row["id"] for row in rows] == ["SG-20261116-001"]
    late = json.loads(desk("overdue", "--handler", "WANG QIANG", "--department", "engineering", "--format", "json",
                           now="2026-11-20 10:00", expect=1).stdout)
    assert {row["id"] for row in late} == {"SG-20261116-001"}


def test_empty_result_is_said_on_a_terminal_only(desk, monkeypatch):
    quiet = desk("find", "nobody")
    assert (quiet.stdout, quiet.stderr) == ("", "")
    monkeypatch.setattr("plaint.commands.desk.on_terminal", lambda: True)
    said = desk("find", "nobody")
    assert (said.stdout, said.stderr) == ("", "no complaints match\n")
    listed = desk("list", "--category", "fees")
    assert (listed.stdout, listed.stderr) == ("", "no complaints match\n")
    overdue = desk("overdue", now="2026-11-16 10:01")
    assert (overdue.stdout, overdue.stderr) == ("", "")


def test_edit_a_contact_leaves_one_commit_and_the_old_value_in_history(desk):
    before = desk.git_count()
    result = desk("edit", "1116-001", "--contact", "13800138001", "--reason", "Misheard the last digit",
                  now="2026-11-16 11:00")
    assert result.stdout == "SG-20261116-001: edited contact\n"
    assert desk.git_count() == before + 1
    assert desk.git_log()[-1] == "edit SG-20261116-001: 13800138001, 13800138000, Misheard the last digit"
    shown = json.loads(desk("show", "1116-001", "--format", "json").stdout)
    assert shown["complainant"] == {"name": "Zhang Wei", "contact": "13800138001"}
    assert shown["history"][-1] == {"at": "2026-11-16T11:00:00+08:00", "by": "Li Na", "action": "edit",
                                    "contact": "13800138001", "contact_was": "13800138000",
                                    "reason": "Misheard the last digit"}
    assert _found(desk, "13800138001") == ["SG-20261116-001"]
    text = desk("show", "1116-001").stdout
    assert ("Li Na        edit  contact=13800138001, contact_was=13800138000, reason=Misheard the last digit"
            in text)


def test_edit_several_fields_and_refusals(desk):
    desk("edit", "1117-001", "--summary", "Radiator cold in bedroom", "--unit", "7-1-303", "--location",
         "Bedroom", now="2026-11-17 10:00")
    shown = json.loads(desk("show", "1117-001", "--format", "json").stdout)
    assert (shown["summary"], shown["unit"], shown["location"]) == ("Radiator cold in bedroom", "7-1-303", "Bedroom")
    assert shown["history"][-1]["unit_was"] == "7-1-302" and shown["history"][-1]["location_was"] == ""
    count = desk.git_count()
    same = desk("edit", "1117-001", "--unit", "7-1-303", now="2026-11-17 10:01", expect=2)
    assert same.stderr == "Error: SG-20261117-001 already has those values: nothing to change\n"
    bad = desk("edit", "1117-001", "--channel", "fax", now="2026-11-17 10:01", expect=2)
    assert bad.stderr == ("Error: unknown channel 'fax'; allowed channel values: phone, in_person, proxy, letter, "
                          "suggestion_box\n")
    emptied = desk("edit", "1117-001", "--summary", "", now="2026-11-17 10:01", expect=2)
    assert "summary cannot be emptied" in emptied.stderr
    no_clock = desk("edit", "1117-001", "--received", "2026-11-10", now="2026-11-17 10:01", expect=2)
    assert "No such option '--received'" in no_clock.stderr
    assert desk.git_count() == count


def test_note_is_in_the_history_and_shown_never_in_the_report(desk):
    desk("note", "1116-001", "--text", "Lift company called: engineer at 14:00", now="2026-11-16 12:00")
    assert desk.git_log()[-1] == "note SG-20261116-001: Lift company called: engineer at 14:00"
    assert "note  text=Lift company called: engineer at 14:00" in desk("show", "1116-001").stdout
    report = desk("report", "--month", "2026-11", "--format", "json", now="2026-12-01 10:00").stdout
    assert "engineer at 14:00" not in report
    assert desk("note", "1116-001", "--text", " ", expect=2).stderr == "Error: a note needs its text (--text)\n"


def test_link_and_duplicate(desk):
    result = desk("link", "1116-001", "1118-001", now="2026-11-18 12:00")
    assert result.stdout == "SG-20261116-001: linked with SG-20261118-001\n"
    assert desk.git_log()[-1] == "link SG-20261116-001 SG-20261118-001"
    first = json.loads(desk("show", "1116-001", "--format", "json").stdout)
    second = json.loads(desk("show", "1118-001", "--format", "json").stdout)
    assert first["links"] == ["SG-20261118-001"] and second["links"] == ["SG-20261116-001"]
    again = desk("link", "1116-001", "1118-001", now="2026-11-18 12:00", expect=2)
    assert again.stderr == "Error: SG-20261116-001 and SG-20261118-001 are already linked\n"
    # the same radiator reported twice: the second is closed as a duplicate of the first
    desk("file", "--channel", "phone", "--summary", "Radiator still cold", "--contact", "13900139000",
         now="2026-11-18 13:00")
    dup = desk("link", "1118-002", "--duplicate-of", "1117-001", now="2026-11-18 13:05")
    assert dup.stdout == "SG-20261118-002: closed as a duplicate of SG-20261117-001\n"
    assert desk.git_log()[-1] == "SG-20261118-002 duplicate of SG-20261117-001"
    shown = json.loads(desk("show", "1118-002", "--format", "json").stdout)
    assert (shown["status"], shown["duplicate_of"], shown["times"]["closed"]) == (
        "duplicate", "SG-20261117-001", "2026-11-18T13:05:00+08:00")
    assert "revisit" not in shown["deadlines"]  # no clocks of its own from now on
    assert all(info["stopped"] for info in shown["deadlines"].values())
    overdue = json.loads(desk("overdue", "--format", "json", now="2026-12-31 10:00", expect=1).stdout)
    assert "SG-20261118-002" not in {row["id"] for row in overdue}
    assert _found(desk, "radiator", "--status", "duplicate", now="2026-11-18 13:05") == ["SG-20261118-002"]
    assert _found(desk, "radiator", "--status", "duplicate", now="2026-11-18 13:04") == []  # not yet one then
    closed = desk("link", "1118-002", "--duplicate-of", "1116-001", now="2026-11-18 13:10", expect=2)
    assert closed.stderr == "Error: SG-20261118-002 is already a duplicate of SG-20261117-001\n"
    usage = desk("link", "1116-001", now="2026-11-18 13:10", expect=2)
    assert "write `plaint link A B`" in usage.stderr


def test_anonymous_suggestion_box_complaint_on_the_property_template(book):
    filed = book("file", "--channel", "suggestion_box", "--summary", "Rubbish left by the bike shed for a week",
                 now="2026-11-16 09:00")
    assert (filed.stdout, filed.exit_code) == ("SG-20261116-001\n", 0)
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["complainant"] == {"name": "", "contact": ""} and "unit" not in shown
    assert shown["missing_to_close"] == ["unit"]
    text = book("show", "001").stdout
    assert "  Complainant  anonymous\n" in text
    assert "  Missing      unit (needed before closing: plaint edit)\n" in text
    check = book("check", "--notes", now="2026-11-16 10:00")  # open and not closed yet: a note, nothing wrong
    assert (f"{book.root}/2026/11/SG-20261116-001.toml:1: note: SG-20261116-001 is open and still lacks what closing "
            "needs: unit; add it with `plaint edit SG-20261116-001 --unit ...`; a handler is assigned (plaint assign "
            "--handler)\n") in check.stderr
    book("assign", "001", "--handler", "Wang", now="2026-11-16 09:30")
    count = book.git_count()
    refused = book("close", "001", "--resolution", "Cleared", now="2026-11-16 10:00", expect=2)
    assert refused.stderr == (f"Error: SG-20261116-001 cannot be closed yet: the policy ({book.root}/plaint.toml) "
                              "requires unit; add it with `plaint edit SG-20261116-001 --unit ...`\n")
    assert book.git_count() == count
    book("edit", "001", "--unit", "Building 3", "--reason", "Shed is behind building 3", now="2026-11-16 10:05")
    book("close", "001", "--resolution", "Cleared", now="2026-11-16 10:10")
    assert "missing_to_close" not in json.loads(book("show", "001", "--format", "json").stdout)


def test_report_counts_anonymous_and_duplicates_once(book):
    book("file", "--channel", "suggestion_box", "--summary", "Bins overflow", now="2026-11-16 09:00")
    book("file", "--channel", "letter", "--summary", "Bins overflow", now="2026-11-16 09:05")
    book("file", "--channel", "phone", "--summary", "Lift noise", "--unit", "3-2-501", "--name", "Zhang",
         "--contact", "13800138000", now="2026-11-16 09:10")
    book("link", "1116-002", "--duplicate-of", "1116-001", now="2026-11-16 09:20")
    result = json.loads(book("report", "--month", "2026-11", "--format", "json", now="2026-12-01 10:00").stdout)
    assert (result["records"], result["duplicates_merged"], result["anonymous"]) == (2, 1, 1)
    assert result["repeat_locations"] == []
    assert {e["key"]: e["count"] for e in result["counts"]["channel"]} == {"suggestion_box": 1, "phone": 1}
    table = book("report", "--month", "2026-11", now="2026-12-01 10:00").stdout
    assert table.splitlines()[0] == ("Property management office: complaints received 2026-11-01 to 2026-11-30: 2 "
                                     "(1 duplicate report(s) merged into them), 1 anonymous")
    tidy = book("report", "--month", "2026-11", "--format", "csv", now="2026-12-01 10:00").stdout
    assert "period,2026-11,duplicates_merged,1\nperiod,2026-11,anonymous,1\n" in tidy


def test_logistics_source_follows_the_channel(tmp_path):
    book = make_book(tmp_path, "logistics", "LG")
    for channel in ("hotline", "website", "chat", "app"):
        book("file", "--channel", channel, "--summary", "Late", now="2026-11-16 10:00")
    book("file", "--channel", "hotline", "--summary", "Branch B lost a bag", "--source", "internal",
         now="2026-11-16 10:00")
    rows = [json.loads(book("show", f"00{n}", "--format", "json").stdout) for n in range(1, 6)]
    assert [row["source"] for row in rows] == ["external"] * 4 + ["internal"]
    assert rows[0]["missing_to_close"] == ["reference"]


def test_a_hand_edit_followed_by_an_action_gives_two_commits(desk):
    path = desk.root / "2026" / "11" / "SG-20261116-001.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('unit = "3-2-501"', 'unit = "3-2-502"'),
                    encoding="utf-8")
    before = desk.git_count()
    result = desk("note", "1116-001", "--text", "Resident says the unit was wrong", now="2026-11-16 12:00")
    assert result.stdout == "SG-20261116-001: note added\n"
    assert desk.git_count() == before + 2
    assert desk.git_log()[-2:] == ["edit SG-20261116-001 (by hand)",
                                   "note SG-20261116-001: Resident says the unit was wrong"]
    # and for a link, which writes two records in one commit
    other = desk.root / "2026" / "11" / "SG-20261117-001.toml"
    other.write_text(other.read_text(encoding="utf-8").replace("Radiator cold", "Radiator cold (bedroom)"),
                     encoding="utf-8")
    desk("link", "1116-001", "1117-001", now="2026-11-17 12:00")
    assert desk.git_log()[-2:] == ["edit SG-20261117-001 (by hand)", "link SG-20261116-001 SG-20261117-001"]
    status = subprocess.run(["git", "-C", str(desk.root), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""


def test_init_inside_another_repository_says_so_and_how_to_fix_it(tmp_path):
    from click.testing import CliRunner

    from conftest import Plaint
    from plaint.commands.app import main
    outer = tmp_path / "project"
    outer.mkdir()
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    result = CliRunner().invoke(main, ["init", str(outer / "complaints"), "--template", "property", "--site", "SG"])
    assert result.exit_code == 0
    root = outer / "complaints"
    assert result.stdout == f"Created book {root} from template 'property'\n"
    assert result.stderr == (
        f"Note: no git repository was made: {root} is inside the git repository at {outer}, and plaint never "
        f"commits into another repository, so nothing in this book will be committed. To give the book its own "
        f"history: git init {root} && git -C {root} add -A && git -C {root} commit -m 'init book'\n")
    assert not (root / ".git").exists()
    outer_log = subprocess.run(["git", "-C", str(outer), "log", "--oneline"], capture_output=True, text=True)
    assert outer_log.stdout == ""  # nothing committed into the enclosing repository
    subprocess.run(f"git init -q {root} && git -C {root} add -A && git -C {root} -c user.name=T -c user.email=t@t "
                   f"commit -qm 'init book'", shell=True, check=True)
    book = Plaint(root)
    book("file", "--channel", "phone", "--summary", "Lift", now="2026-11-16 10:00")
    assert book.git_log() == ["init book", "file SG-20261116-001: Lift"]


def test_every_command_takes_the_global_options_after_its_name():
    from plaint.commands.app import main

    def commands(group, prefix=""):
        for name, command in group.commands.items():
            yield prefix + name, command
            if hasattr(command, "commands"):
                yield from commands(command, prefix + name + " ")
    for name, command in commands(main):
        options = {opt for param in command.params for opt in param.opts}
        assert {"--book", "--now", "--by", "--no-commit"} <= options, name


@given(number=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), cuts=st.lists(st.integers(1, 10), max_size=3),
       separator=st.sampled_from([" ", "-", " - "]), prefix=st.sampled_from(["", "+86", "+86 ", "0086", "86"]))
def test_a_mobile_number_is_found_however_it_is_spaced(number, cuts, separator, prefix):
    from plaint.search import Query
    pieces, last = [], 0
    for cut in sorted(set(cuts)):
        pieces.append(number[last:cut])
        last = cut
    typed = prefix + separator.join(pieces + [number[last:]])
    record = {"complainant": {"contact": number}}
    assert Query(typed).matches(record)
    assert Query(number).matches({"complainant": {"contact": typed}})
    assert not Query(typed).matches({"complainant": {"contact": number[:-1] + str((int(number[-1]) + 1) % 10)}})
