"""Problems as data: one Problem(path, line, message) from records, policies and calendars; `check`
runs a list of checks; one "must be one of" wording; one printer."""

import subprocess

import pytest

from plaint.checks import BOOK_CHECKS, RECORD_CHECKS, RECORD_NOTES, check_book
from plaint.errors import DataError, ParseError
from plaint.policy import load_policy
from plaint.problems import Problem, Where, one_of
from plaint.render import problem_text

NOW = "2026-11-17 10:00"


def filed(book):
    book("file", "--channel", "phone", "--summary", "s", "--unit", "1", now="2026-11-16 10:00")
    path = next(book.root.glob("2026/11/*.toml"))
    return path, path.read_text()


def commit_all(book):
    subprocess.run(["git", "-C", str(book.root), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "hand edit"],
                   check=True)


def test_check_reports_a_record_outside_the_policys_words(book):
    path, text = filed(book)
    path.write_text(text.replace('severity = ""', 'severity = "nope"'))
    commit_all(book)
    line = text.splitlines().index('severity = ""') + 1
    result = book("check", now=NOW, expect=2)
    assert result.stderr.splitlines()[-1] == (f"{path}:{line}: unknown severity 'nope'; "
                                              "allowed: minor, important, major")
    assert book("check", now=NOW, expect=2).stderr == result.stderr  # reading never changes the book


def test_check_reports_a_closed_case_without_a_closing_time(book):
    path, text = filed(book)
    path.write_text(text.replace('status = "received"', 'status = "closed"'))
    commit_all(book)
    result = book("check", now=NOW, expect=2)
    assert result.stderr.splitlines()[-1].startswith(f"{path}:3: status 'closed' but no closing time in [times] or "
                                                     "the history: the case was never closed, so it counts as open")


def test_check_notes_an_open_case_that_lacks_what_closing_needs_and_passes(book):
    book("file", "--channel", "phone", "--summary", "s", now="2026-11-16 10:00")  # no unit: asked for at closing
    path = next(book.root.glob("2026/11/*.toml"))
    assert "note:" not in book("check", now=NOW).stderr  # silent unless asked: not a problem
    result = book("check", "--notes", now=NOW)
    assert result.stderr.splitlines()[-1] == (f"{path}:1: note: SG-20261116-001 is open and still lacks what closing "
                                              "needs: unit; add it with `plaint edit SG-20261116-001 --unit ...`; a "
                                              "handler is assigned (plaint assign --handler)")


def test_check_is_silent_on_a_sound_book(book):
    filed(book)
    result = book("check", now="2026-11-17 10:00")
    assert "SG-2026" not in result.stderr


def test_check_book_returns_problems_from_its_lists(book):
    path, text = filed(book)
    path.write_text(text.replace('category = ""', 'category = "weather"'))
    commit_all(book)
    from plaint.settings import settings_from
    from plaint.timeparse import resolve_now
    from zoneinfo import ZoneInfo
    now = resolve_now(settings_from(env={}, now=NOW).now, ZoneInfo("Asia/Shanghai"))
    found = check_book(str(book.root), now)
    line = text.splitlines().index('category = ""') + 1
    assert Problem(str(path), line, "unknown category 'weather'; allowed: " + found[-1].message.split(": ", 1)[1]) \
        == found[-1]
    assert [c.__name__ for c in BOOK_CHECKS] == ["calendar_coverage", "records", "stray_folders", "uncommitted"]
    assert [c.__name__ for c in RECORD_CHECKS] == ["schema_problems", "assessment_problems"]
    assert [c.__name__ for c in RECORD_NOTES] == ["incomplete"]


def test_a_policy_error_carries_every_problem_with_its_line(book):
    policy = book.root / "plaint.toml"
    text = policy.read_text()
    policy.write_text(text.replace('site = "SG"', 'site = "sg"'))
    with pytest.raises(DataError) as caught:
        load_policy(str(policy))
    line = text.splitlines().index('site = "SG"') + 1
    assert caught.value.problems == [Problem(str(policy), line, "site 'sg' is not a site code: use 1 to 8 capital "
                                             "letters A-Z or digits, e.g. \"HQ\" (it becomes part of every id and "
                                             "file name)")]
    assert caught.value.message == str(caught.value.problems[0])


def test_a_calendar_error_is_a_problem_at_its_line(tmp_path):
    from plaint.calendars import calendar_from_data
    text = 'timezone = "Asia/Shanghai"\n[week]\nmon = ["09:00-12:00"]\nzed = ["09:00-10:00"]\n'
    import tomllib
    with pytest.raises(ParseError) as caught:
        calendar_from_data(tomllib.loads(text), text, "cal.toml")
    assert caught.value.problems[0].path == "cal.toml" and caught.value.problems[0].line >= 1
    assert str(caught.value.problems[0]) == caught.value.message


def test_one_wording_for_must_be_one_of():
    assert one_of("severity", "nope", ["low", "high"]) == "unknown severity 'nope'; allowed severity values: low, high"
    assert one_of("clock", "x", ["respond"], "clocks") == "unknown clock 'x'; allowed clocks: respond"
    assert one_of("category", "x", ["a"], "") == "unknown category 'x'; allowed: a"
    assert one_of("severity", "low", ["low"]) is None and one_of("severity", "", ["low"]) is None


def test_one_printer_for_problems_errors_and_lines():
    many = DataError.of([Problem("p.toml", 2, "a"), Problem("p.toml", 5, "b\x1b[31m")])
    assert problem_text([Problem("r.toml", 1, "x"), ParseError("q.toml", 3, "y"), many, "warning: z"]) == (
        "r.toml:1: x\nq.toml:3: y\np.toml:2: a\np.toml:5: b\\x1b[31m\nwarning: z")
    assert str(Where("c.toml", 4)) + "m" == "c.toml:4: m"


def test_the_one_printer_words_findings_the_core_returns_as_data():
    """A Problem whose message is a finding (typed data) is worded by render, as the command that
    shows the same result words it; a warning that is a finding too; a worded line stays as it is."""
    from datetime import date

    from plaint.coverage import Coverage
    from plaint.mergereview import MergeToReview
    missing = Coverage("ours", date(2026, 1, 1), date(2026, 12, 31), ((2026, False),), 30, 60, 2027, None, False,
                       "cal/ours.toml")
    merge = MergeToReview("rec.toml", "SG-20261120-001", {"field": "severity", "kept": "major", "dropped": "minor"})
    assert problem_text([Problem("cal/ours.toml", 1, missing), merge, "a.toml:3: worded"]).splitlines() == [
        "cal/ours.toml:1: ours: covers 2026-01-01 to 2026-12-31 (2026); 30 days left: no data for 2027, which "
        "deadlines reach within 60 days; add [years.2027] from the official notice to cal/ours.toml",
        "rec.toml:1: warning: two desks changed severity at once; the merge kept 'major' (the later action) over "
        "'minor'; review it and confirm with a normal action on SG-20261120-001 (e.g. `plaint show SG-20261120-001`, "
        "then classify or assign again)",
        "a.toml:3: worded"]
