"""`plaint check` is silent on a sound book: notes about open cases only with --notes, and a record
written with the documented --no-commit is a warning naming the fix (exit 0), not a failure; an
uncommitted deletion is a problem (every write refuses it)."""

import subprocess

NOW = "2026-11-16 10:00"


def said(result) -> str:
    """stderr without the calendar's warning that 2027 is only estimated (true of every book here)."""
    return "".join(line for line in result.stderr.splitlines(True) if not line.startswith("warning: cn: 2027"))


def test_check_is_silent_on_a_fresh_sound_book(book):
    book("file", "--channel", "phone", "--summary", "Noise", now=NOW)  # open, no unit yet: not a problem
    result = book("check", now=NOW)
    assert result.stdout == "" and said(result) == ""
    path = book.root / "2026/11/SG-20261116-001.toml"
    noted = book("check", "--notes", now=NOW)
    assert said(noted) == (f"{path}:1: note: SG-20261116-001 is open and still lacks what closing needs: unit; "
                            "add it with `plaint edit SG-20261116-001 --unit ...`; a handler is assigned (plaint "
                            "assign --handler)\n")


def test_a_record_filed_with_no_commit_is_a_warning_not_a_failure(book, monkeypatch):
    monkeypatch.setenv("PLAINT_NO_COMMIT", "1")
    book("file", "--channel", "phone", "--summary", "Noise", now=NOW)
    book("--no-commit", "file", "--channel", "phone", "--summary", "Lift", now=NOW)
    result = book("check", now=NOW)
    root = book.root
    assert said(result) == "".join(
        f"{root}/2026/11/SG-20261116-00{n}.toml:1: warning: uncommitted change (git status ??); the next plaint "
        f"write commits it on its own, or commit it yourself: git -C {root} add 2026/11/SG-20261116-00{n}.toml && "
        f"git -C {root} commit\n" for n in (1, 2))


def test_an_uncommitted_deletion_fails_check(book):
    book("file", "--channel", "phone", "--summary", "Noise", now=NOW)
    relative = "2026/11/SG-20261116-001.toml"
    (book.root / relative).unlink()
    result = book("check", now=NOW, expect=2)
    assert said(result) == (f"{book.root}/{relative}:1: deleted but the deletion is not committed; restore it with "
                             f"`git -C {book.root} checkout HEAD -- {relative}`, or delete it deliberately with "
                             f"`git -C {book.root} rm {relative}` and commit that\n")
    subprocess.run(["git", "-C", str(book.root), "checkout", "HEAD", "--", relative], check=True)
    assert said(book("check", now=NOW)) == ""
