"""The read cache is never stale, never an error, and never writes inside the book."""

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest

from plaint import cache, cacheread
from plaint.book import Book
from plaint.settings import cache_location

NOW = "2026-11-25 10:00"
READERS = [("list", "--format", "json"), ("overdue", "--format", "json"), ("report", "--month", "2026-11",
           "--format", "json"), ("check",)]


@pytest.fixture
def filled(book, monkeypatch):
    """A book of three cases whose files are old enough to be cached (the racy window made short)."""
    monkeypatch.setattr(cache, "RACY_NS", 50_000_000)
    book("file", "--channel", "phone", "--summary", "Lift", "--unit", "1", "--severity", "major", now="2026-11-16 10:00")
    book("file", "--channel", "letter", "--summary", "Fee", "--unit", "2", now="2026-11-17 10:00")
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "3", now="2026-11-18 10:00")
    book("assign", "1117-001", "--handler", "Zhao", "--department", "Finance", now="2026-11-17 10:05")
    book("close", "1117-001", "--resolution", "Refunded", now="2026-11-17 12:00")
    time.sleep(0.1)
    return book


@pytest.fixture
def reads(monkeypatch):
    """How many record files were parsed (the cache's misses)."""
    counter = {"n": 0}
    original = Book.read

    def counting(self, path):
        counter["n"] += 1
        return original(self, path)
    monkeypatch.setattr(Book, "read", counting)
    return counter


def outputs(book, *extra):
    """Every reader's stdout, stderr and exit code, through the cache (or with --no-cache)."""
    result = {}
    for args in READERS:
        run = book.runner.invoke(__import__("plaint.commands.app", fromlist=["main"]).main,
                                 ["--book", str(book.root), "--now", NOW, *args, *extra])
        result[args[0]] = (run.exit_code, run.stdout, run.stderr)
    return result


def assert_truth(book):
    """The cache's answer is exactly what parsing every file gives, for every reader."""
    cached = outputs(book)
    assert cached == outputs(book, "--no-cache")
    return cached


def summaries(book):
    return {row["id"]: row["summary"] for row in json.loads(outputs(book)["list"][1])}


def path_of(book, tail):
    return next(p for p in book.root.glob("20*/*/*.toml") if p.stem.endswith(tail))


def test_second_run_parses_nothing_and_agrees(filled, reads):
    first = assert_truth(filled)
    reads["n"] = 0
    assert outputs(filled) == first
    assert reads["n"] == 0
    assert cache.cache_file(str(filled.root), cache_location()).startswith(os.environ["XDG_CACHE_HOME"])


def test_edit_in_place_keeping_size_and_mtime(filled, reads):
    assert_truth(filled)
    path = path_of(filled, "1116-001")
    before = os.stat(path)
    text = path.read_text()
    with open(path, "r+", encoding="utf-8") as handle:  # same inode, same size
        handle.write(text.replace('summary = "Lift"', 'summary = "Loft"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert after.st_ctime_ns != before.st_ctime_ns
    time.sleep(0.1)  # past the racy window: the first reader parses it again and stores it
    reads["n"] = 0
    assert summaries(filled)["SG-20261116-001"] == "Loft"
    assert reads["n"] == 1  # only the changed file is parsed again
    assert_truth(filled)


def test_replace_delete_and_add(filled):
    assert_truth(filled)
    path = path_of(filled, "1118-001")
    temp = path.with_suffix(".new")
    temp.write_text(path.read_text().replace('summary = "Noise"', 'summary = "Noise at night"'))
    os.replace(temp, path)
    assert summaries(filled)["SG-20261118-001"] == "Noise at night"
    path_of(filled, "1117-001").unlink()
    assert sorted(summaries(filled)) == ["SG-20261116-001", "SG-20261118-001"]
    # a write refuses an uncommitted deletion (tests/test_deleted_ids.py): file without committing
    filled("--no-commit", "file", "--channel", "phone", "--summary", "Dog", "--unit", "4", now="2026-11-19 10:00")
    assert sorted(summaries(filled)) == ["SG-20261116-001", "SG-20261118-001", "SG-20261119-001"]
    assert_truth(filled)
    with sqlite3.connect(cache.cache_file(str(filled.root), cache_location())) as db:
        names = sorted(name for (name,) in db.execute("SELECT name FROM files"))
    assert "SG-20261117-001.toml" not in names  # a deleted record leaves the cache too


def test_checkout_an_older_commit_and_pull_from_a_clone(filled, tmp_path):
    assert_truth(filled)
    filled("reply", "1116-001", "--text", "Engineer on the way", now="2026-11-16 11:00")
    filled("classify", "1118-001", "--severity", "major", now="2026-11-18 11:00")
    time.sleep(0.1)
    after = assert_truth(filled)
    git = ["git", "-C", str(filled.root)]
    subprocess.run(git + ["checkout", "-q", "HEAD~2"], check=True)
    older = assert_truth(filled)
    assert older != after
    assert json.loads(after["list"][1])[2]["severity"] == "major"
    assert json.loads(older["list"][1])[2]["severity"] == "minor"  # unclassified: the default
    subprocess.run(git + ["checkout", "-q", "-"], check=True)
    assert assert_truth(filled) == after
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(filled.root), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "config", "user.name", "Desk 2"], check=True)
    subprocess.run(["git", "-C", str(clone), "config", "user.email", "desk2@example.com"], check=True)
    runner = type(filled)(clone)
    runner("assign", "1118-001", "--handler", "Wang", "--department", "Engineering", now="2026-11-18 12:00")
    subprocess.run(git + ["config", "user.email", "desk1@example.com"], check=True)
    subprocess.run(git + ["pull", "-q", "--no-rebase", str(clone), "HEAD"], check=True)
    pulled = assert_truth(filled)
    assert json.loads(pulled["list"][1])[2]["handler"] == "Wang"


def test_a_file_changed_just_now_is_not_cached(book, monkeypatch):
    book("file", "--channel", "phone", "--summary", "Lift", "--unit", "1", now="2026-11-16 10:00")
    assert_truth(book)
    with sqlite3.connect(cache.cache_file(str(book.root), cache_location())) as db:
        assert db.execute("SELECT count(*) FROM files").fetchone() == (0,)  # a same-tick edit could hide


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "bad-blob", "wrong-data"])
def test_damaged_or_foreign_cache_gives_the_right_answer(filled, damage, reads):
    truth = assert_truth(filled)
    path = cache.cache_file(str(filled.root), cache_location())
    if damage in ("garbage", "truncated"):
        for suffix in ("-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)
        data = open(path, "rb").read()
        with open(path, "wb") as handle:
            handle.write(os.urandom(len(data)) if damage == "garbage" else data[:1500])
    else:
        with sqlite3.connect(path) as db:
            if damage == "foreign":  # another version's cache, its data made wrong: it must not be used
                db.execute("UPDATE meta SET value = ? WHERE key = 'stamp'", (b"plaint 0.0.1",))
                db.execute("UPDATE data SET blob = ?", (__import__("pickle").dumps({"summary": "stale"}),))
            elif damage == "bad-blob":
                db.execute("UPDATE data SET blob = ?", (b"\x80\x05not a pickle",))
            else:  # data that does not belong to the file's identity must never be shown: change the key
                db.execute("UPDATE files SET size = size + 1")
    reads["n"] = 0
    assert outputs(filled) == truth
    assert reads["n"] > 0
    assert outputs(filled) == truth  # rebuilt (or read again) without a word


@pytest.mark.parametrize("standing", [b"\x80not marshal", __import__("marshal").dumps((1, 2)),
                                      __import__("marshal").dumps(((1,), {})),
                                      __import__("marshal").dumps((((1, "major", False, ((1,),)),), {}))])
def test_a_damaged_stored_standing_gives_the_right_answer(filled, standing):
    """What was judged of a case (cachesummary.pack), damaged in the cache: the record is read instead."""
    readers = READERS + [("overdue", "--count"), ("overdue",)]
    truth = outputs(filled, "--no-cache")
    count = [filled.runner.invoke(__import__("plaint.commands.app", fromlist=["main"]).main,
                                  ["--book", str(filled.root), "--now", NOW, *args, *extra]).stdout
             for args in readers[-2:] for extra in (("--no-cache",), ())]
    assert outputs(filled) == truth and count[0] == count[1] and count[2] == count[3]  # filled, judged
    with sqlite3.connect(cache.cache_file(str(filled.root), cache_location())) as db:
        assert db.execute("UPDATE files SET standing = ? WHERE standing IS NOT NULL", (standing,)).rowcount > 0
    assert outputs(filled) == truth
    for args, want in zip(readers[-2:], (count[0], count[2])):
        run = filled.runner.invoke(__import__("plaint.commands.app", fromlist=["main"]).main,
                                   ["--book", str(filled.root), "--now", NOW, *args])
        assert run.stdout == want and run.exit_code in (0, 1)


@pytest.mark.parametrize("where", ["under-a-file", "read-only-dir", "inside-the-book"])
def test_unusable_cache_location_gives_the_right_answer(filled, where, tmp_path, monkeypatch):
    truth = outputs(filled, "--no-cache")
    if where == "under-a-file":
        (tmp_path / "plain-file").write_text("x")
        monkeypatch.setenv("PLAINT_CACHE", str(tmp_path / "plain-file" / "cache"))
    elif where == "read-only-dir":
        folder = tmp_path / "ro"
        folder.mkdir()
        monkeypatch.setenv("PLAINT_CACHE", str(folder))
        assert outputs(filled) == truth  # filled once, then made read-only
        for name in os.listdir(folder):
            os.chmod(folder / name, 0o444)
        os.chmod(folder, 0o555)
    else:
        monkeypatch.setenv("PLAINT_CACHE", str(filled.root / "cache"))
    assert outputs(filled) == truth
    assert outputs(filled) == truth
    assert not (filled.root / "cache").exists()


def test_plaint_cache_moves_it(filled, tmp_path, monkeypatch):
    monkeypatch.setenv("PLAINT_CACHE", str(tmp_path / "elsewhere"))
    assert_truth(filled)
    assert [p.suffix for p in (tmp_path / "elsewhere").iterdir()][:1] == [".sqlite"]
    assert not os.path.exists(os.path.join(os.environ["XDG_CACHE_HOME"], "plaint"))


def test_no_cache_neither_reads_nor_fills_it(filled, tmp_path, monkeypatch):
    monkeypatch.setenv("PLAINT_CACHE", str(tmp_path / "c"))
    outputs(filled, "--no-cache")
    fast = subprocess.run([sys.executable, "-m", "plaint", "--book", str(filled.root), "--now", NOW, "overdue", "--no-cache"],
                          capture_output=True, text=True, env={**os.environ})
    assert fast.returncode == 1 and not fast.stderr
    assert not (tmp_path / "c").exists()


def test_readers_change_nothing_inside_the_book(filled):
    def snapshot():
        status = subprocess.run(["git", "--no-optional-locks", "-C", str(filled.root), "status", "--porcelain", "--ignored"],
                                capture_output=True, text=True, check=True).stdout
        return status, {str(p): os.stat(p).st_mtime_ns for p in filled.root.rglob("*")}
    before = snapshot()
    assert before[0] == "!! .plaint.lock\n"  # git status clean: only the writers' ignored lock file
    for _ in range(2):
        assert_truth(filled)
        subprocess.run([sys.executable, "-m", "plaint", "--book", str(filled.root), "--now", NOW, "overdue"], capture_output=True)
    assert snapshot() == before


def test_parallel_parsing_of_a_cold_cache(filled, monkeypatch, reads):
    """Worker processes parse a large cold folder; the answer is the same as parsing here."""
    for day in range(1, 9):
        filled("file", "--channel", "phone", "--summary", f"Case {day}", "--unit", str(day), "--category", "fees",
               now=f"2026-11-{day:02d} 10:00")
    path = path_of(filled, "1103-001")
    path.write_text(path.read_text() + "\n[broken\n")
    time.sleep(0.1)
    monkeypatch.setattr(cacheread, "PARALLEL_MIN", 2)
    truth = outputs(filled, "--no-cache")
    assert truth["check"][0] == 2 and "SG-20261103-001.toml:" in truth["check"][2]
    reads["n"] = 0
    assert outputs(filled) == truth
    assert reads["n"] == 3  # the cold folder in the workers; the broken file again by each later reader
    reads["n"] = 0
    assert outputs(filled) == truth
    assert reads["n"] == 4  # a record that does not parse is never cached: reported on every run


def test_a_folder_is_trusted_only_while_its_rows_are_its_files(filled, reads):
    """A folder found exactly as stored is answered from the rows its reader may want; the digest
    that says so is kept only when it matches the rows, and goes when they change."""
    truth = assert_truth(filled)
    path = cache.cache_file(str(filled.root), cache_location())

    def trusted():
        with sqlite3.connect(path) as db:
            return dict(db.execute("SELECT dir, digest FROM folders"))
    first = trusted()
    assert list(first) == ["2026/11"]
    store = cache.Store.open(str(filled.root), cache_location())
    store.trust("2026/11", b"another digest")  # rows that are not these files: refused
    store.close()
    assert trusted() == first
    reads["n"] = 0
    assert outputs(filled) == truth
    assert reads["n"] == 0
    filled("reply", "1116-001", "--text", "On the way", now="2026-11-16 11:00")
    time.sleep(0.1)
    after = assert_truth(filled)  # the changed file is read again, and the folder trusted anew
    assert after != truth and list(trusted()) == ["2026/11"] and trusted() != first
    reads["n"] = 0
    assert outputs(filled) == after
    assert reads["n"] == 0



def test_the_policy_fingerprint_is_the_same_however_the_book_is_named(book, monkeypatch):
    """`--book bench/out/book` and `--book /abs/bench/out/book` are one book with one cache: the
    fingerprint digested the policy's path as typed, so switching between the two judged every case
    again (12 s at 100,000 records instead of 0.5 s)."""
    monkeypatch.chdir(book.root.parent)
    relative = cache.policy_fingerprint(Book(book.root.name))
    absolute = cache.policy_fingerprint(Book(str(book.root)))
    assert relative is not None and relative == absolute
