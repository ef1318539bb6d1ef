"""Issue #10, findings 1-6: the write transaction, recovery, stale locks, atomic creation,
failures after the write, and one bad record never crashing a command."""

import os
import subprocess
import sys
import time
import tomllib

import pytest

from plaint.book import Book
from plaint.errors import INTERNAL_ERROR

FILE = ("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-1201")
NOW = "2026-11-16 10:00"


def record_path(book, record_id="SG-20261116-001"):
    return next(book.root.glob(f"*/*/{record_id}.toml"))


def git(book, *args):
    return subprocess.run(["git", "-C", str(book.root), *args], capture_output=True, text=True, check=True).stdout


def snapshot(book):
    return {p: p.read_bytes() for p in book.root.rglob("*")
            if p.is_file() and ".git" not in p.parts and p.name != ".plaint.lock"}


def commit_by_hand(book, message="hand edit"):
    git(book, "-c", "user.name=Clerk", "-c", "user.email=c@x", "commit", "-qam", message)


# -- finding 1: a write never produces (or commits) an unparseable record ------------------------------
def test_hand_broken_history_is_refused_not_rewritten(book):
    book(*FILE, now=NOW)
    path = record_path(book)
    text = path.read_text()
    path.write_text(text[: text.index("[[history]]")].replace("schema = 1\n", "schema = 1\nhistory = [1, 2]\n"))
    commit_by_hand(book)
    before, commits = path.read_bytes(), book.git_count()
    result = book("reply", "001", "--text", "t", now="2026-11-16 11:00", expect=2)
    assert f"{path}:" in result.stderr and "history entry 1 must be a [[history]] table" in result.stderr
    assert path.read_bytes() == before and book.git_count() == commits


def test_text_is_parsed_back_before_writing(book, monkeypatch):
    book(*FILE, now=NOW)
    path = record_path(book)
    before, commits = path.read_bytes(), book.git_count()
    import plaint.records
    monkeypatch.setattr(plaint.records, "apply_change", lambda text, change, history, path: text + "[complainant]\n")
    result = book("reply", "001", "--text", "t", now="2026-11-16 11:00", expect=2)
    assert "refusing to write an unreadable record" in result.stderr
    assert path.read_bytes() == before and book.git_count() == commits


# -- finding 2: uncommitted changes are committed on their own, never folded into the next action -------
def test_crash_after_write_is_recovered_in_its_own_commit(book, monkeypatch):
    book(*FILE, now=NOW)
    book("file", "--channel", "phone", "--summary", "Other", "--unit", "1", now=NOW)
    import plaint.transaction
    monkeypatch.setattr(plaint.transaction, "commit_in_book", lambda *a, **k: None)  # killed before the commit
    book("reply", "001", "--text", "told", now="2026-11-16 11:00")
    monkeypatch.undo()
    assert "M" in git(book, "status", "--porcelain")
    result = book("assign", "002", "--handler", "Wang", now="2026-11-16 11:30")
    assert "recover SG-20261116-001: reply" in result.stderr
    assert book.git_log()[-2:] == ["recover SG-20261116-001: reply", "assign SG-20261116-002: Wang"]
    assert git(book, "show", "--name-only", "--format=", "HEAD~1").split() == ["2026/11/SG-20261116-001.toml"]
    assert git(book, "show", "--name-only", "--format=", "HEAD").split() == ["2026/11/SG-20261116-002.toml"]
    assert git(book, "status", "--porcelain") == ""


def test_hand_edit_is_committed_as_edit_by_hand(book):
    git(book, "config", "user.name", "Zhang Desk")
    git(book, "config", "user.email", "z@x")
    book(*FILE, now=NOW)
    path = record_path(book)
    path.write_text(path.read_text().replace('"Radiator cold"', '"Radiator cold, bedroom"'))
    book("assign", "001", "--handler", "Wang", now="2026-11-16 11:30")
    assert book.git_log()[-2:] == ["edit SG-20261116-001 (by hand)", "assign SG-20261116-001: Wang"]
    trailers = git(book, "log", "-1", "--skip=1", "--format=%(trailers)")
    assert "Action: edit" in trailers and "Actor: Zhang Desk" in trailers
    assert "Radiator cold, bedroom" in git(book, "show", "HEAD~1")


def test_crash_left_a_new_record_uncommitted(book, monkeypatch):
    import plaint.lifecycle
    monkeypatch.setattr(plaint.lifecycle, "_commit", lambda *a, **k: None)
    book(*FILE, now=NOW)
    monkeypatch.undo()
    book("file", "--channel", "phone", "--summary", "Next", "--unit", "2", now=NOW)
    assert book.git_log()[-2:] == ["recover SG-20261116-001: file", "file SG-20261116-002: Next"]


def test_check_reports_uncommitted_record_changes(book):
    book(*FILE, now=NOW)
    path = record_path(book)
    path.write_text(path.read_text().replace('"Radiator cold"', '"Radiator"'))
    result = book("check")  # sound, not committed yet: a warning naming the fix, exit 0
    assert f"{path}:1: warning: uncommitted change (git status M); the next plaint write commits it" in result.stderr


# -- finding 3: stale git locks ----------------------------------------------------------------------------
@pytest.mark.parametrize("lock", ["index.lock", "HEAD.lock", "refs/heads/master.lock", "refs/heads/main.lock"])
def test_stale_git_lock_is_cleared_with_a_warning(book, lock):
    path = book.root / ".git" / lock
    path.write_text("")
    old = time.time() - 60
    os.utime(path, (old, old))
    result = book(*FILE, now=NOW)
    assert f"removed {path}" in result.stderr
    assert book.git_log()[-1] == "file SG-20261116-001: Radiator cold"
    assert git(book, "status", "--porcelain") == ""


def test_lock_held_by_a_live_git_means_nothing_is_filed(book, monkeypatch):
    import plaint.storage.recovery
    monkeypatch.setattr(plaint.storage.recovery, "WAIT_FOR_LOCK", 0.3)
    monkeypatch.setattr(plaint.storage.recovery, "live_git", lambda paths: True)
    (book.root / ".git" / "index.lock").write_text("")
    before = snapshot(book)
    result = book(*FILE, now=NOW, expect=2)
    assert "git is busy" in result.stderr and "nothing written" in result.stderr
    assert snapshot(book) == before and book.git_count() == 1


def test_commit_failure_says_what_state_the_file_is_in(book, monkeypatch):
    import plaint.storage.git
    from plaint.errors import PlaintError

    def refuse(*args, **kwargs):
        raise PlaintError("git commit failed: disk full")
    monkeypatch.setattr(plaint.storage.git, "commit", refuse)
    result = book(*FILE, now=NOW, expect=2)
    path = record_path(book)
    assert f"SG-20261116-001 is written to {path}" in result.stderr
    assert "NOT committed" in result.stderr and "Do not repeat the command" in result.stderr
    monkeypatch.undo()
    book("file", "--channel", "phone", "--summary", "Next", "--unit", "2", now=NOW)
    assert book.git_log()[-2:] == ["recover SG-20261116-001: file", "file SG-20261116-002: Next"]


# -- finding 4: a new record appears whole or not at all -----------------------------------------------------
def test_new_record_is_linked_into_place_whole(book, monkeypatch):
    seen = []
    real_link = os.link

    def link(src, dst):
        seen.append(open(src, encoding="utf-8").read())
        assert not os.path.exists(dst)
        real_link(src, dst)
    monkeypatch.setattr(os, "link", link)
    book(*FILE, now=NOW)
    assert tomllib.loads(seen[0])["summary"] == "Radiator cold"
    assert sorted(p.name for p in record_path(book).parent.iterdir()) == ["SG-20261116-001.toml"]


def test_crash_before_the_link_leaves_no_record_and_the_temp_file_is_cleaned(book, monkeypatch):
    def crash(src, dst):
        raise KeyboardInterrupt("power cut")
    monkeypatch.setattr(os, "link", crash)
    assert book(*FILE, now=NOW, expect=130).stderr == "\nInterrupted (Ctrl-C); nothing written\n"  # 130: Ctrl-C
    monkeypatch.undo()
    folder = book.root / "2026" / "11"
    assert [p for p in folder.iterdir() if p.suffix == ".toml"] == []
    (folder / ".SG-20261116-001.toml.abc.tmp").write_text("half")  # as kill -9 would leave it
    result = book(*FILE, now=NOW)
    assert "temp file left by an interrupted write" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["SG-20261116-001.toml"]


def test_undecodable_summary_writes_nothing(book):
    before = snapshot(book)
    env = {**os.environ, "PLAINT_BOOK": str(book.root), "PLAINT_NOW": NOW}
    result = subprocess.run([os.fsencode(sys.executable), b"-m", b"plaint", b"--by", b"Li", b"file", b"--channel",
                             b"phone", b"--summary", b"caf\xe9", b"--unit", b"1"], env=env, capture_output=True)
    assert result.returncode == 2, result.stderr
    assert b"--summary: not valid UTF-8" in result.stderr and b"Traceback" not in result.stderr
    assert snapshot(book) == before and book.git_count() == 1


# -- finding 5: failures after the write ---------------------------------------------------------------------
@pytest.mark.parametrize("args, message", [
    (("--now", "9999-12-31 23:59", *FILE), "--now '9999-12-31 23:59' is outside the years 1970-2200"),
    (("--by", "Li\x00Na", *FILE), "--by (or PLAINT_USER / git user.name): contains '\\x00'"),
    (("--now", NOW, "file", "--channel", "phone", "--summary", "a\x00b", "--unit", "1"), "--summary: contains '\\x00'"),
    (("--now", NOW, "file", "--channel", "phone", "--summary", "x", "--unit", "1\n2"), "--unit: contains '\\n'"),
    (("--now", NOW, "file", "--channel", "phone", "--summary", "x", "--received", "1969-12-31"),
     "--received '1969-12-31' is outside the years 1970-2200"),
])
def test_bad_values_are_refused_before_anything_is_written(book, args, message):
    before = snapshot(book)
    result = book(*args, by=None if "--by" in args else "Li Na", expect=2)
    assert message in result.stderr
    assert snapshot(book) == before and book.git_count() == 1


def test_huge_extension_is_refused_before_writing(book):
    book(*FILE, now=NOW)
    before = snapshot(book)
    result = book("extend", "001", "--clock", "resolve", "--add", "99999999999 working days", "--approver",
                  "general manager", "--reason", "x", now="2026-11-16 11:00", expect=2)
    assert "cannot read duration" in result.stderr or "too long" in result.stderr
    result = book("extend", "001", "--clock", "resolve", "--add", "4000wd", "--approver",
                  "general manager", "--reason", "x", now="2026-11-16 11:00", expect=2)
    assert "--add: duration '4000wd' is too long: at most 3660 working days" in result.stderr
    assert snapshot(book) == before and book.git_count() == 2


def test_nul_in_reply_text_writes_nothing(book):
    book(*FILE, now=NOW)
    before = snapshot(book)
    result = book("reply", "001", "--text", "ok\x00", now="2026-11-16 11:00", expect=2)
    assert "--text: contains '\\x00'" in result.stderr
    assert snapshot(book) == before


# -- finding 6: one bad record never crashes a command ---------------------------------------------------------
@pytest.mark.parametrize("old, new, message", [
    ("received = 2026-11-16T10:00:00+08:00", 'received = "yesterday"', "`received` must be time, not 'yesterday'"),
    ('summary = "Radiator cold"', "summary = 5", "`summary` must be text, not 5 (int)"),
    ('status = "received"', 'status = "lost"', "unknown status 'lost'"),
    ("schema = 1", "schema = 99", "unknown schema version 99"),
])
def test_bad_record_is_reported_and_skipped_by_every_reader(book, old, new, message):
    book(*FILE, now=NOW)
    book("file", "--channel", "phone", "--summary", "Fine", "--unit", "2", now=NOW)
    path = record_path(book)
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))
    for args in (("overdue",), ("report", "--month", "2026-11"), ("list",), ("check",)):
        result = book(*args, now="2026-12-30 10:00", expect=2)
        assert f"{path}:" in result.stderr and message in result.stderr, args
        assert "Traceback" not in result.stderr
    assert "SG-20261116-002" in book("list", expect=2).stdout


def test_truncated_record_and_times_out_of_order(book):
    book(*FILE, now=NOW)
    path = record_path(book)
    text = path.read_text()
    path.write_text(text[: text.index("[[history]]")])
    assert f"{path}:1: no [[history]]" in book("check", expect=2).stderr
    path.write_text(text.replace("[times]\n", "[times]\nassigned = 2026-11-15T09:00:00+08:00\n"))
    assert "times.assigned (2026-11-15T09:00:00+08:00) is before the case was received" in book("check", expect=2).stderr


def test_folder_named_like_a_record_and_symlink_loop(book):
    book(*FILE, now=NOW)
    folder = record_path(book).parent
    (folder / "SG-20261116-009.toml").mkdir()
    os.symlink("loop.toml", folder / "loop.toml")
    result = book("list", expect=2)
    assert "SG-20261116-001" in result.stdout
    assert f"{folder / 'SG-20261116-009.toml'}:1: not a record" in result.stderr
    assert f"{folder / 'loop.toml'}:1: a symbolic link" in result.stderr
    assert book("check", expect=2).stderr.count("\n") >= 2


def test_unexpected_exception_is_one_line_with_its_own_exit_code(book, monkeypatch):
    import plaint.views
    monkeypatch.setattr(plaint.views, "list_records", lambda *a, **k: 1 / 0)
    result = book("list", expect=INTERNAL_ERROR)
    assert result.stderr.startswith("Error: internal error in `plaint list` (ZeroDivisionError: division by zero)")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_fast_path_unexpected_exception(tmp_path, book):
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text("import plaint.overdue\n"
                                           "plaint.overdue.find_overdue = lambda *a, **k: {}['boom']\n")
    env = {**os.environ, "PYTHONPATH": str(shim), "PLAINT_BOOK": str(book.root)}
    result = subprocess.run([sys.executable, "-m", "plaint", "overdue"], env=env, capture_output=True, text=True)
    assert result.returncode == INTERNAL_ERROR
    assert result.stderr == ("Error: internal error in `plaint overdue` (KeyError: 'boom'); this is a bug in plaint: "
                             f"please report it with the command you ran (exit code {INTERNAL_ERROR})\n")


def test_book_read_uses_the_schema(book):
    book(*FILE, now=NOW)
    path = record_path(book)
    path.write_text(path.read_text().replace('status = "received"', "status = 3"))
    loaded, problems = Book(book.root).records()
    assert loaded == [] and [p.line for p in problems] == [3]


def test_a_git_that_briefly_holds_the_index_is_waited_for(book, monkeypatch):
    """Someone's `git status` takes index.lock for a moment: the write waits, it does not fail halfway."""
    import threading

    import plaint.lifecycle
    real_recover = plaint.lifecycle.recover
    lock = book.root / ".git" / "index.lock"

    def recover_then_busy(*args):
        notes = real_recover(*args)
        lock.write_text("")
        threading.Timer(0.5, lock.unlink).start()
        return notes
    monkeypatch.setattr(plaint.lifecycle, "recover", recover_then_busy)
    book(*FILE, now=NOW)
    assert book.git_log()[-1] == "file SG-20261116-001: Radiator cold"
    assert git(book, "status", "--porcelain") == ""
