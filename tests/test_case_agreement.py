"""Every reader says the same of the same case (show, list, find, overdue, check, JSON), and a
hand edit the case cannot stand on is said by each of them, never taken as properly done."""

import json
import subprocess


def _commit_all(book):
    subprocess.run(["git", "-C", str(book.root), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam",
                    "hand edit"], check=True)


def _duplicate_pair(book):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", "--contact", "13800138000",
         now="2026-11-16 14:05")
    book("file", "--channel", "phone", "--summary", "Radiator still cold", "--unit", "3-2-501",
         "--contact", "13800138000", now="2026-11-16 15:00")
    book("link", "002", "--duplicate-of", "001", now="2026-11-16 15:05")


def test_a_duplicate_is_duplicate_in_every_reader(book):
    _duplicate_pair(book)
    assert book("show", "002").stdout.splitlines()[0] == "SG-20261116-002  [duplicate]  not classified / Minor"
    shown = json.loads(book("show", "002", "--format", "json").stdout)
    assert (shown["status"], shown["assessment"]["status"], shown["assessment"]["open"]) == ("duplicate", "duplicate",
                                                                                            False)
    listed = json.loads(book("list", "--format", "json", now="2026-11-17 10:00").stdout)
    assert {row["id"]: row["status"] for row in listed} == {"SG-20261116-001": "received",
                                                            "SG-20261116-002": "duplicate"}
    found = json.loads(book("find", "138", "0013", "8000", "--format", "json", now="2026-11-17 10:00").stdout)
    assert {row["id"]: row["status"] for row in found} == {"SG-20261116-001": "received",
                                                           "SG-20261116-002": "duplicate"}
    overdue = json.loads(book("overdue", "--format", "json", now="2026-12-30 10:00", expect=1).stdout)
    assert {row["id"] for row in overdue} == {"SG-20261116-001"}
    assert "SG-20261116-002  duplicate" in book("list", now="2026-11-17 10:00").stdout


def test_a_duplicate_is_called_back_and_reopened_on_its_original(book):
    _duplicate_pair(book)
    commits = book.git_count()
    refused = book("revisit", "002", "--method", "phone", "--satisfied", now="2026-11-17 10:00", expect=2)
    assert refused.stderr == ("Error: SG-20261116-002 is a duplicate of SG-20261116-001: the customer is called back "
                              "on that case; `revisit` the original instead: plaint revisit SG-20261116-001 ...\n")
    refused = book("reopen", "002", "--reason", "Still cold", now="2026-11-17 10:00", expect=2)
    assert refused.stderr == ("Error: SG-20261116-002 is a duplicate of SG-20261116-001: it is the case that stays "
                              "open or closed; `reopen` the original instead: plaint reopen SG-20261116-001 ...\n")
    assert book.git_count() == commits


def _closed_by_hand(book):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    path = next(book.root.glob("2026/11/*.toml"))
    path.write_text(path.read_text().replace('status = "received"', 'status = "closed"'))
    _commit_all(book)
    return path


NEVER_CLOSED = ("{path}:3: status 'closed' but no closing time in [times] or the history: the case was never closed, "
                "so it counts as open and its clocks run on; close it with `plaint close SG-20261116-001 "
                "--resolution ...` (with --now for when it closed), or add that time under [times] (closed = "
                "YYYY-MM-DDTHH:MM:SS+08:00)\n")


def test_a_case_marked_closed_by_hand_is_open_and_said_by_every_reader(book):
    path = _closed_by_hand(book)
    said = NEVER_CLOSED.format(path=path)
    shown = book("show", "001", now="2026-11-20 10:00", expect=2)
    assert shown.stderr == said
    assert "  resolve      due Wed 2026-11-18 24:00  overdue by 1d10h00m  [2 days]" in shown.stdout
    data = json.loads(book("show", "001", "--format", "json", now="2026-11-20 10:00", expect=2).stdout)
    assert (data["status"], data["assessment"]["open"], data["assessment"]["problems"]) == (
        "closed", True, [said.split(": ", 1)[1].rstrip("\n")])
    listed = book("list", "--open", "--format", "json", now="2026-11-20 10:00", expect=2)
    assert [row["id"] for row in json.loads(listed.stdout)] == ["SG-20261116-001"] and listed.stderr == said
    assert book("find", "radiator", now="2026-11-20 10:00", expect=2).stderr == said
    overdue = book("overdue", "--format", "json", now="2026-11-20 10:00", expect=2)
    assert [row["clock"] for row in json.loads(overdue.stdout)] == ["route", "acknowledge", "resolve"]
    assert overdue.stderr == said
    assert book("check", now="2026-11-20 10:00", expect=2).stderr.endswith(said)


def test_a_case_marked_closed_by_hand_is_closed_properly_with_close(book):
    path = _closed_by_hand(book)
    refused = book("revisit", "001", "--method", "phone", "--satisfied", now="2026-11-20 10:00", expect=2)
    assert refused.stderr == ("Error: SG-20261116-001 is not closed (no closing time); a revisit comes after closing "
                              "(`plaint close SG-20261116-001` first)\n")
    book("assign", "001", "--handler", "Wang", now="2026-11-20 10:00", expect=2)  # closed as far as the file says
    text = path.read_text().replace('handler = ""', 'handler = "Wang"')
    path.write_text(text)
    _commit_all(book)
    book("close", "001", "--resolution", "Air lock bled", now="2026-11-17 11:00")
    shown = json.loads(book("show", "001", "--format", "json", now="2026-11-20 10:00").stdout)
    assert (shown["status"], shown["assessment"]["open"], shown["deadlines"]["resolve"]["met"]) == ("closed", False,
                                                                                                   True)
    assert "SG-20261116-001" not in book("check", now="2026-11-20 10:00").stderr


def _marked_by_hand(book, status):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    path = next(book.root.glob("2026/11/*.toml"))
    path.write_text(path.read_text().replace('status = "received"', f'status = "{status}"'))
    _commit_all(book)
    return path


def test_a_case_marked_revisited_by_hand_is_still_overdue(book):
    """`overdue` passed over every `revisited` record unread; one marked revisited by hand was never
    closed, so its clocks run on (as `show` says) and overdue must list them and say why."""
    path = _marked_by_hand(book, "revisited")
    said = NEVER_CLOSED.format(path=path).replace("status 'closed'", "status 'revisited'")
    assert "  resolve      due Wed 2026-11-18 24:00  overdue by 1d10h00m  [2 days]" in book(
        "show", "001", now="2026-11-20 10:00", expect=2).stdout
    for cache in ((), ("--no-cache",), ()):  # cold, uncached, then warm
        overdue = book("overdue", "--format", "json", *cache, now="2026-11-20 10:00", expect=2)
        assert [row["clock"] for row in json.loads(overdue.stdout)] == ["route", "acknowledge", "resolve"]
        assert overdue.stderr == said


def test_a_revisit_not_recorded_leaves_its_clock_running_in_overdue(book):
    """Closed properly, then marked revisited by hand with no revisit time: the call-back never
    happened as far as the record says, so the revisit clock runs on in show and in overdue."""
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "1-1", now="2026-11-16 10:00")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:05")
    path = book.root / "2026/11/SG-20261116-001.toml"
    book("close", "001", "--resolution", "Fixed", now="2026-11-16 15:00")
    path.write_text(path.read_text().replace('status = "closed"', 'status = "revisited"'))
    _commit_all(book)
    assert "  revisit      due Thu 2026-11-19 18:00  overdue by 1h00m" in book("show", "001",
                                                                               now="2026-11-20 10:00").stdout
    rows = json.loads(book("overdue", "--format", "json", now="2026-11-20 10:00", expect=1).stdout)
    assert [(r["clock"], r["due"], r["late"]) for r in rows] == [("revisit", "2026-11-19T18:00:00+08:00", "1h00m")]


def test_a_properly_revisited_case_is_not_overdue(book):
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "1-1", now="2026-11-16 10:00")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:05")
    book("close", "001", "--resolution", "Fixed", now="2026-11-16 15:00")
    book("revisit", "001", "--method", "phone", "--satisfied", now="2026-11-17 10:00")
    for cache in ((), ("--no-cache",), ()):
        result = book("overdue", *cache, now="2026-12-30 10:00")
        assert (result.stdout, result.stderr) == ("", "")
    # seen at a moment before the call-back, the revisit clock was still running then
    rows = json.loads(book("overdue", "--format", "json", "--within", "3wd", now="2026-11-17 09:00", expect=0).stdout)
    assert [(r["clock"], r["state"]) for r in rows] == [("revisit", "due-soon")]


def test_report_says_a_case_marked_closed_by_hand(book):
    """Every other reader says a case that was never closed; the report counts it as the assessment
    has it (open, its clocks running) and says it on stderr, exiting 2 like the others."""
    path = _closed_by_hand(book)
    result = book("report", "--month", "2026-11", "--format", "json", now="2026-11-20 10:00", expect=2)
    assert result.stderr == NEVER_CLOSED.format(path=path)
    data = json.loads(result.stdout)
    assert (data["records"], data["left_out"], data["clocks"]["resolve"]["breached"]) == (1, 0, 1)


def test_a_case_marked_closed_by_hand_cannot_be_reopened(book):
    """Never closed (no closing time): it counts as open, so there is nothing to reopen; the fix is
    `close` (the history would otherwise start a round 2 over a round 1 that never ended)."""
    _closed_by_hand(book)
    commits = book.git_count()
    refused = book("reopen", "001", "--reason", "Still cold", now="2026-11-20 10:00", expect=2)
    assert refused.stderr == ("Error: SG-20261116-001 is marked closed but was never closed (no closing time), so it "
                              "is still open; nothing to reopen: close it with `plaint close SG-20261116-001 "
                              "--resolution ...` (with --now for when it closed)\n")
    assert book.git_count() == commits
