"""A record deleted by hand: its id is never given to a new complaint, the deletion is never folded
into another write, and `plaint log` still finds the record's history."""

import subprocess

FILE = ("file", "--channel", "phone", "--summary")
NOW = "2026-11-23 10:00"
RELATIVE = "2026/11/SG-20261123-001.toml"


def git(book, *args):
    return subprocess.run(["git", "-C", str(book.root), *args], capture_output=True, text=True, check=True).stdout


def test_hand_deletion_is_refused_and_its_id_never_reused(book):
    book(*FILE, "after delete", now=NOW)
    (book.root / RELATIVE).unlink()
    commits = book.git_count()
    result = book(*FILE, "second", now=NOW, expect=2)
    assert f"{RELATIVE} is deleted but the deletion is not committed" in result.stderr
    assert f"git -C {book.root} checkout HEAD -- {RELATIVE}" in result.stderr
    assert f"git -C {book.root} rm {RELATIVE}" in result.stderr
    assert book.git_count() == commits and git(book, "status", "--porcelain") == f" D {RELATIVE}\n"
    # --no-commit leaves git alone, but the id git still has in HEAD is not given out again
    result = book("--no-commit", *FILE, "second", now=NOW)
    assert "SG-20261123-002" in result.stdout


def test_an_id_deleted_and_committed_is_never_reused(book, monkeypatch):
    book(*FILE, "after delete", now=NOW)
    git(book, "rm", "-q", RELATIVE)
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-23T12:00:00+08:00")  # deleted after its receipt day
    git(book, "-c", "user.name=Clerk", "-c", "user.email=c@x", "commit", "-qm", "delete 001")
    result = book(*FILE, "second", now=NOW)
    assert "SG-20261123-002" in result.stdout and "SG-20261123-001" not in result.stdout
    log = book("log", "SG-20261123-002").stdout
    assert "second" in log and "after delete" not in log


def test_log_finds_a_deleted_record_in_history(book):
    book(*FILE, "after delete", now=NOW)
    git(book, "rm", "-q", RELATIVE)
    git(book, "-c", "user.name=Clerk", "-c", "user.email=c@x", "commit", "-qm", "delete SG-20261123-001")
    lines = book("log", "1123-001").stdout.splitlines()
    assert len(lines) == 2
    assert "file SG-20261123-001: after delete" in lines[0] and "delete SG-20261123-001" in lines[1]
