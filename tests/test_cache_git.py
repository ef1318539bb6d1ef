"""Where the book is its own git work tree, a folder git finds exactly as committed is answered
from the cache without listing it; every change git could miss still reaches every reader."""

import os
import subprocess
import time

from test_cache import NOW, assert_truth, filled, outputs, path_of, reads  # noqa: F401 - fixtures

from plaint.book import Book
from plaint.storage.gitlook import look


def git(book, *args):
    return subprocess.run(["git", "-C", str(book.root), *args], capture_output=True, text=True, check=True).stdout


def seen(book):
    started = look(str(book.root))
    try:
        return started.seen()
    finally:
        started.close()


def listings(monkeypatch):
    counter = {"n": 0}
    original = Book.folder_items

    def counting(self, folder):
        counter["n"] += 1
        return original(self, folder)
    monkeypatch.setattr(Book, "folder_items", counting)
    return counter


def test_a_committed_folder_is_answered_without_listing_it(filled, reads, monkeypatch):
    truth = assert_truth(filled)  # the first pass checks every file, and keeps git's tree for the folder
    listed = listings(monkeypatch)
    reads["n"] = 0
    assert outputs(filled) == truth
    assert listed["n"] == 0 and reads["n"] == 0


def test_what_git_says(filled):
    found = seen(filled)
    assert found is not None and found.clean("2026/11")
    assert found.trees["2026/11"] == git(filled, "rev-parse", "HEAD:2026/11").strip()
    path = path_of(filled, "1116-001")
    path.write_text(path.read_text() + "\n")
    assert not seen(filled).clean("2026/11")  # changed, not committed
    git(filled, "checkout", "--", str(path))
    (path.parent / "notes.txt").write_text("x")
    found = seen(filled)  # git is not asked about untracked files: the folder's identity tells
    assert found.clean("2026/11") and found.tracked("2026/11") == 3
    (path.parent / "SG-20261120-009.toml").write_text("x")
    assert seen(filled).tracked("2026/11") == 3  # an untracked record is not git's
    git(filled, "add", str(path.parent / "SG-20261120-009.toml"))
    assert not seen(filled).clean("2026/11") and seen(filled).tracked("2026/11") == 4
    git(filled, "rm", "-q", "--cached", str(path.parent / "SG-20261120-009.toml"))
    git(filled, "update-index", "--assume-unchanged", str(path))
    assert seen(filled) is None  # git told not to look at a file: git is not asked
    git(filled, "update-index", "--no-assume-unchanged", str(path))
    inner = filled.root / "2026" / "inner"
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    assert look(str(inner)) is None or seen(Book(inner)) is None  # not the top of its own repository


def test_changes_git_does_not_see_are_seen(filled):
    """An in-place edit keeping size and mtime, a folder named like a record (git never shows an
    empty folder), a file git is told to assume unchanged, a commit: every reader has the truth."""
    assert_truth(filled)
    assert_truth(filled)
    path = path_of(filled, "1116-001")
    before = os.stat(path)
    text = path.read_text()
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(text.replace('summary = "Lift"', 'summary = "Loft"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    time.sleep(0.1)
    assert '"Loft"' in assert_truth(filled)["list"][1]
    git(filled, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qam", "hand edit")
    time.sleep(0.1)
    assert_truth(filled)
    assert_truth(filled)
    (path.parent / "SG-20261120-001.toml").mkdir()
    checked = assert_truth(filled)["check"]
    assert checked[0] == 2 and "SG-20261120-001.toml" in checked[2]
    (path.parent / "SG-20261120-001.toml").rmdir()
    time.sleep(0.1)
    assert_truth(filled)
    git(filled, "update-index", "--assume-unchanged", str(path))
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(text.replace('summary = "Lift"', 'summary = "Life"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    time.sleep(0.1)
    assert '"Life"' in assert_truth(filled)["list"][1]


def test_an_untracked_record_in_a_committed_folder_is_always_seen(filled):
    """git is not asked about untracked files: a record nobody committed, even edited in place
    keeping its size and mtime after the folder was answered from the cache, reaches every reader."""
    assert_truth(filled)
    filled("--no-commit", "file", "--channel", "phone", "--summary", "Dog", "--unit", "4", now="2026-11-19 10:00")
    filled("--no-commit", "assign", "1119-001", "--handler", "Li", "--department", "Finance", now="2026-11-19 10:30")
    filled("--no-commit", "close", "1119-001", "--resolution", "Fine", now="2026-11-24 11:00")
    time.sleep(0.1)
    assert_truth(filled)
    assert_truth(filled)  # the folder's files are all stored now, the untracked one too
    path = path_of(filled, "1119-001")
    before = os.stat(path)
    text = path.read_text()
    assert text.count("2026-11-24T11:00:00+08:00") == 2 and "SG-20261119-001" not in outputs(filled)["overdue"][1]
    with open(path, "r+", encoding="utf-8") as handle:  # closed later by hand: open at NOW, same size and mtime
        handle.write(text.replace("2026-11-24T11:00", "2026-11-29T11:00"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    time.sleep(0.1)
    main = __import__("plaint.commands.app", fromlist=["main"]).main
    args = ["--book", str(filled.root), "--now", NOW, "overdue", "--format", "json"]
    first = filled.runner.invoke(main, args)  # overdue first: no other reader has read the file again yet
    assert "SG-20261119-001" in first.stdout
    assert (first.exit_code, first.stdout) == outputs(filled, "--no-cache")["overdue"][:2]
    assert_truth(filled)
