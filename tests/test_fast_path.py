"""The Click-free `overdue` path must accept exactly what the Click command accepts, and agree with it."""

import subprocess
import sys

import pytest

from plaint.commands.app import main
from plaint.commands.entry import GLOBAL_FLAGS, GLOBAL_VALUES, OVERDUE_FLAGS, OVERDUE_FORMATS, OVERDUE_VALUES, parse_overdue


def test_options_match_the_click_command():
    overdue = main.commands["overdue"]
    globals_ = {opt for p in main.params for opt in p.opts if opt not in ("--version", "--help", "-h")}
    assert globals_ == set(GLOBAL_VALUES) | set(GLOBAL_FLAGS)
    # the global options are accepted after `overdue` too, by Click and by the fast path alike
    assert {opt for p in overdue.params for opt in p.opts} == set(OVERDUE_VALUES) | set(OVERDUE_FLAGS) | globals_
    assert {opt for p in overdue.params if p.is_flag for opt in p.opts} == set(OVERDUE_FLAGS) | set(GLOBAL_FLAGS)
    assert tuple(next(p for p in overdue.params if p.name == "fmt").type.choices) == OVERDUE_FORMATS


@pytest.mark.parametrize("argv, expected", [
    (["overdue"], {"fmt": "table"}),
    (["--book", "b", "--now", "2026-11-22 10:00", "overdue", "--format", "json"],
     {"fmt": "json", "book": "b", "now": "2026-11-22 10:00"}),
    (["--book=b", "overdue", "--within=2wh", "--clock", "resolve"], {"fmt": "table", "book": "b", "within": "2wh",
                                                                      "clock": "resolve"}),
    (["--no-commit", "overdue", "--department", "Engineering"], {"fmt": "table", "no_commit": True,
                                                                  "department": "Engineering"}),
    (["overdue", "--no-cache", "--format", "csv"], {"fmt": "csv", "no_cache": True}),
    (["overdue", "--count", "--format", "json"], {"fmt": "json", "count": True}),
    (["overdue", "--book", "b", "--now=2026-11-22 10:00", "--no-commit", "--by", "Li"],
     {"fmt": "table", "book": "b", "now": "2026-11-22 10:00", "no_commit": True, "actor": "Li"}),
])
def test_plain_forms_are_parsed(argv, expected):
    assert parse_overdue(argv) == expected


@pytest.mark.parametrize("argv", [
    [], ["list"], ["overdue", "--help"], ["--help", "overdue"], ["overdue", "--format", "xml"],
    ["overdue", "--clock"], ["overdue", "--bogus", "1"], ["overdue", "extra"], ["--within", "2wh", "overdue"],
    ["overdue", "--book"], ["show", "overdue"], ["--no-cache", "overdue"],
])
def test_anything_else_goes_to_click(argv):
    assert parse_overdue(argv) is None


def test_fast_path_agrees_with_click(book):
    book("file", "--channel", "phone", "--summary", "Lift", "--unit", "1", "--severity", "major", now="2026-11-20 10:00")
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "2", now="2026-11-20 11:00")
    for fmt in ("table", "json", "csv"):
        args = ["--book", str(book.root), "--now", "2026-11-23 10:00", "overdue", "--format", fmt]
        fast = subprocess.run([sys.executable, "-m", "plaint", *args], capture_output=True, text=True)
        slow = book("overdue", "--format", fmt, now="2026-11-23 10:00", expect=1)
        assert fast.returncode == 1
        assert fast.stdout == slow.stdout and fast.stdout
    bad = subprocess.run([sys.executable, "-m", "plaint", "--book", str(book.root), "overdue", "--clock", "lunch"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("Error: unknown clock 'lunch'")
    usage = subprocess.run([sys.executable, "-m", "plaint", "overdue", "--format", "xml"], capture_output=True,
                           text=True)
    assert usage.returncode == 2 and "Invalid value for '--format'" in usage.stderr


def test_cron_path_imports_nothing_heavy(book):
    """Start-up is most of what cron pays: no Click, tomlkit, tabulate, pathlib or dataclasses on it."""
    code = ("import sys; sys.argv = ['plaint', '--book', sys.argv[1], '--now', '2026-11-16 10:00', 'overdue']\n"
            "from plaint.commands.entry import main\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
            "heavy = {'click', 'tomlkit', 'tabulate', 'wcwidth', 'pathlib', 'dataclasses', 'subprocess', 'sqlite3',\n"
            "         'multiprocessing', 'hashlib'}\n"
            "print(code, sorted(heavy & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code, str(book.root)], capture_output=True, text=True)
    assert result.stdout == "0 []\n", result.stderr


def test_help_loads_no_policy_or_writers(book):
    """`plaint --help` (8x `python -c pass` at most) finds the book's language without the policy and
    calendar code, and loads none of the writers (json, csv, pathlib) it never uses."""
    code = ("import sys; sys.argv = ['plaint', '--book', sys.argv[1], '--help']\n"
            "from plaint.commands.entry import main\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
            "heavy = {'plaint.policy', 'plaint.calendars', 'plaint.book', 'json', 'csv', 'pathlib', 'tomlkit',\n"
            "         'tabulate', 'wcwidth', 'subprocess'}\n"
            "print(code, sorted(heavy & set(sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, str(book.root)], capture_output=True, text=True)
    assert result.stderr == "0 []\n"
    assert "Usage: plaint [OPTIONS] COMMAND [ARGS]..." in result.stdout
