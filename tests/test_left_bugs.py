"""Behaviour bugs left from last session, each reproduced first (see /work/notes/fixes.md)."""

import json

import pytest

from conftest import make_book


def test_a_higher_level_may_approve_an_extension(book):
    """domain.md: 'who approves depends on severity' (minor: the department manager); the policy's
    [escalation] levels run lowest first, so the general manager may sign what his department
    manager may. A lower level still may not."""
    book("file", "--channel", "phone", "--summary", "Lights out", "--unit", "6-12", now="2026-11-16 10:00")
    book("classify", "001", "--severity", "minor", now="2026-11-16 10:05")
    low = book("extend", "001", "--clock", "resolve", "--add", "2wd", "--approver", "handler",
               "--reason", "parts", now="2026-11-17 10:00", expect=2)
    assert low.stderr == ("Error: extensions of a minor case are approved by the department manager "
                          "(or a level above: general manager), not 'handler' (policy "
                          f"{book.root / 'plaint.toml'})\n")
    book("extend", "001", "--clock", "resolve", "--add", "2wd", "--approver", "general manager",
         "--reason", "Fittings on order", now="2026-11-17 10:00")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["deadlines"]["resolve"]["due"] == "2026-11-20T18:00:00+08:00"
    assert shown["extensions"]["resolve"]["approver"] == "general manager"  # who signed, as typed


def test_the_general_manager_signs_for_a_minor_case_on_a_chinese_desk(book):
    book("file", "--channel", "phone", "--summary", "Lights out", "--unit", "6-12", now="2026-11-16 10:00")
    book("classify", "001", "--severity", "minor", now="2026-11-16 10:05")
    low = book("--lang", "zh", "extend", "001", "--clock", "resolve", "--add", "1wd", "--approver", "处理责任人",
               "--reason", "等配件", now="2026-11-17 10:00", expect=2)
    assert "由部门经理（或更高一级：总经理）批准，而不是 '处理责任人'" in low.stderr
    book("--lang", "zh", "extend", "001", "--clock", "resolve", "--add", "1wd", "--approver", "总经理",
         "--reason", "等配件", now="2026-11-17 10:00")


def test_a_higher_level_may_approve_a_solution(tmp_path):
    """The same rule for a proposed solution: building management's solutions are approved by the
    severity's approver; the general manager sits above every other level."""
    book = make_book(tmp_path, "building", "BM")
    book("file", "--channel", "phone", "--summary", "Lift stuck", now="2026-11-16 10:00")
    book("classify", "001", "--severity", "ordinary", now="2026-11-16 10:05")
    book("propose", "001", "--solution", "Service the lift", now="2026-11-16 11:00")
    book("approve", "001", "--approver", "general manager", now="2026-11-16 12:00", by="GM Sun")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["solution"]["approver"] == "general manager"


def test_a_case_received_after_the_moment_asked_about_is_not_in_the_book_then(book, monkeypatch, tmp_path):
    """A case filed at 14:05 was not in the book at 13:00: overdue (even --within), its count, list,
    find and the report leave it out, and show says so as a write at that moment does; cached
    and parsed alike. From its receipt on it is there."""
    monkeypatch.setenv("PLAINT_CACHE", str(tmp_path / "cache"))
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    before = "2026-11-16 13:00"
    for cache in ([], ["--no-cache"]):
        assert book("overdue", "--within", "2h", *cache, now=before).stdout == ""
        assert book("overdue", "--within", "2h", "--count", *cache, now=before).stdout == "0\n"
        assert json.loads(book("list", "--format", "json", *cache, now=before).stdout) == []
        assert json.loads(book("report", "--month", "2026-11", "--format", "json", *cache,
                               now=before).stdout)["records"] == 0
    assert json.loads(book("find", "Radiator", "--format", "json", now=before).stdout) == []
    shown = book("show", "001", now=before, expect=2)
    assert shown.stderr == ("Error: 2026-11-16T13:00:00+08:00 is before SG-20261116-001 was received "
                            "(2026-11-16T14:05:00+08:00); use --now with a later time\n")
    at = "2026-11-16 14:05"
    rows = json.loads(book("overdue", "--within", "2h", "--format", "json", now=at).stdout)
    assert [(r["id"], r["clock"], r["state"]) for r in rows] == [("SG-20261116-001", "route", "due-soon"),
                                                                ("SG-20261116-001", "acknowledge", "due-soon")]
    assert [r["id"] for r in json.loads(book("list", "--format", "json", now=at).stdout)] == ["SG-20261116-001"]
    assert json.loads(book("report", "--month", "2026-11", "--format", "json", now=at).stdout)["records"] == 1


def test_the_status_is_as_it_stood_at_the_moment_asked_about(book):
    """design.md: the assessment is 'a case's state at a moment' and show, list, find, report read it.
    The clocks and `open` were already as of --now, the status was the file's: `reopened` while
    round 1 ran. Now every reader says the status the history had reached by --now."""
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 10:00")
    book("assign", "001", "--handler", "Wang", now="2026-11-16 10:05")
    book("reply", "001", "--text", "Crew on the way", now="2026-11-16 11:00")
    book("close", "001", "--resolution", "Bled the radiator", now="2026-11-16 12:00")
    book("revisit", "001", "--unsatisfied", "--reopen", "--words", "Cold again", now="2026-11-16 14:00")
    expected = {"2026-11-16 10:02": "received", "2026-11-16 10:30": "assigned", "2026-11-16 11:30": "answered",
                "2026-11-16 13:00": "closed", "2026-11-16 14:00": "reopened", "2026-11-17 10:00": "reopened"}
    for now, status in expected.items():
        shown = json.loads(book("show", "001", "--format", "json", now=now).stdout)
        assert (now, shown["status"], shown["assessment"]["status"]) == (now, status, status)
        assert f"[{status}]" in book("show", "001", now=now).stdout.splitlines()[0]
        listed = json.loads(book("list", "--format", "json", now=now).stdout)
        assert (now, [row["status"] for row in listed]) == (now, [status])
        assert [row["id"] for row in json.loads(book("list", "--status", status, "--format", "json",
                                                     now=now).stdout)] == ["SG-20261116-001"]
        found = json.loads(book("find", "Radiator", "--format", "json", now=now).stdout)
        assert (now, [row["status"] for row in found]) == (now, [status])
        counts = json.loads(book("report", "--month", "2026-11", "--format", "json", now=now).stdout)["counts"]
        assert (now, counts["status"]) == (now, [{"key": status, "count": 1, "share": 1.0}])
    assert json.loads(book("list", "--status", "reopened", "--format", "json", now="2026-11-16 11:30").stdout) == []


def test_a_sync_waits_a_bounded_time_for_another_sync(tmp_path, monkeypatch):
    """sync's own lock (one sync at a time per clone) waited without limit for a hung sync; now as
    the book lock: said once, then refused after PLAINT_LOCK_WAIT seconds (exit 2), nothing moved."""
    import fcntl
    import subprocess
    from test_sync import Network, file
    net = Network(tmp_path)
    bj = net.clone("BJ")
    file(bj, "Lift stuck")
    def central():
        return subprocess.run(["git", "-C", net.url, "for-each-ref"], capture_output=True, text=True).stdout
    before = central()
    lock = bj.root / ".git" / "plaint-sync.lock"
    monkeypatch.setenv("PLAINT_LOCK_WAIT", "0.5")
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # another sync of this clone, hung
        refused = bj("sync", expect=2)
    assert refused.stderr == (
        f"waiting for another plaint sync of this clone, which holds {lock} ...\n"
        f"Error: another plaint sync of this clone still holds {lock} after 0.5 s; nothing fetched, merged or "
        "sent. Run `plaint sync` again when it has finished (set PLAINT_LOCK_WAIT to wait longer, in seconds)\n")
    assert central() == before  # nothing sent
    bj("sync")  # freed: the sync goes ahead
    assert central() != before


def test_check_names_what_sits_under_a_year_but_is_not_a_month_folder(book):
    """`2026/Nov/` and `2026/notes/` were skipped silently (a record filed there was never read, and
    nothing said so). Readers carry on; `check` names each such record file as it names one in
    `2026/13/` (a problem) and a folder with no record files in it (a warning)."""
    import subprocess
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    good = book.root / "2026/11/SG-20261116-001.toml"
    strays = [book.root / "2026/Nov/SG-20261117-001.toml", book.root / "2026/SG-20261118-001.toml"]
    for stray in strays:
        stray.parent.mkdir(exist_ok=True)
        stray.write_text(good.read_text().replace("SG-20261116-001", stray.stem))
    (book.root / "2026/notes").mkdir()
    (book.root / "2026/notes/minutes.md").write_text("desk meeting\n")
    subprocess.run(["git", "-C", str(book.root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(book.root), "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "strays"], check=True)
    now = "2026-11-16 15:00"
    listed = book("list", "--format", "csv", now=now)  # readers carry on, as before
    assert [line.split(",")[0] for line in listed.stdout.splitlines()] == ["id", "SG-20261116-001"]
    assert book("show", "001", now=now).stdout.startswith("SG-20261116-001")
    checked = book("check", now=now, expect=2).stderr.splitlines()
    message = ("not in a YYYY/MM folder (month 01-12), so not read as a record; move it into the folder of "
               "the month it was received, 2026/01/ to 2026/12/")
    assert f"{strays[0]}:1: {message}" in checked
    assert f"{strays[1]}:1: {message}" in checked
    assert (f"{book.root}/2026/notes:1: warning: not a month folder (2026/01/ to 2026/12/), so plaint reads "
            "no records in it") in checked
    assert len([line for line in checked if "cn: 2027" not in line]) == 3, checked  # and the calendar's warning


def test_check_wraps_what_it_says_to_the_terminal_width(book, monkeypatch):
    """check's warnings on stderr ran 166 columns wide at COLUMNS=60; now wrapped by display width
    (Chinese too), continuation lines indented; piped (no COLUMNS, no terminal) one line each."""
    from wcwidth import wcswidth
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    piped = book("check", now="2026-11-16 15:00").stderr.splitlines()
    assert len(piped) == 1 and wcswidth(piped[0]) > 100  # the estimated-year warning, one line
    monkeypatch.setenv("COLUMNS", "60")
    for lang in ("en", "zh"):
        lines = book("--lang", lang, "check", now="2026-11-16 15:00").stderr.splitlines()
        assert len(lines) > 2 and max(wcswidth(line) for line in lines) <= 60, lines
        assert all(line.startswith("  ") for line in lines[1:])
        if lang == "en":
            assert " ".join(line.strip() for line in lines) == piped[0]


@pytest.mark.parametrize("name", ["²³", "٠١", "１１"])
def test_a_folder_named_in_other_digits_is_named_by_check_not_an_internal_error(book, name):
    """`2026/²³/` ended every reader with an internal error (str.isdigit() takes superscripts, int() does
    not); `2026/１１/` (full-width, as a Chinese input method types it) was read as November's folder.
    A month folder is two ASCII digits: the others are named by check as any stray folder is."""
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    good = book.root / "2026/11/SG-20261116-001.toml"
    stray = book.root / "2026" / name / "SG-20261117-001.toml"
    stray.parent.mkdir()
    stray.write_text(good.read_text().replace("SG-20261116-001", stray.stem))
    now = "2026-11-16 15:00"
    listed = book("list", "--format", "csv", now=now)
    assert [line.split(",")[0] for line in listed.stdout.splitlines()] == ["id", "SG-20261116-001"]
    checked = book("check", now=now, expect=2).stderr
    assert f"{stray}:1: not in a YYYY/MM folder (month 01-12), so not read as a record" in checked
