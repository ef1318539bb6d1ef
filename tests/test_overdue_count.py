"""`plaint overdue --count`: the cases `overdue` lists, counted by the same walk; one number for monitoring."""

import json
import subprocess
import sys

import pytest

from plaint.commands.app import main

from tests.test_overdue import file_case


@pytest.fixture
def busy(book):
    """Four cases (two minor, one major, one not yet judged), the two of 16 November assigned."""
    file_case(book, "2026-11-16 10:00", "minor")
    file_case(book, "2026-11-16 10:00", "major")
    file_case(book, "2026-11-18 15:00", "minor")
    file_case(book, "2026-11-17 09:30")
    book("assign", "20261116-001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:01")
    book("assign", "20261116-002", "--handler", "Zhao", "--department", "Security", now="2026-11-16 10:01")
    return book


def _run(book, now, *args):
    """`plaint overdue ARGS` at `now`, whatever its exit code."""
    return book.runner.invoke(main, ["--book", str(book.root), "--now", now, "overdue", *args],
                              catch_exceptions=False)


def _listed(book, now, args, cache):
    """What `overdue --format json` lists: (distinct ids, ids with a clock overdue, exit code)."""
    result = _run(book, now, "--format", "json", *args, *cache)
    rows = json.loads(result.stdout)
    return {r["id"] for r in rows}, {r["id"] for r in rows if r["state"] == "overdue"}, result.exit_code


NOWS = ["2026-11-16 10:05", "2026-11-16 11:30", "2026-11-17 09:00", "2026-11-18 16:00", "2026-11-17 09:31",
        "2026-11-21 10:00", "2026-11-25 10:00", "2026-12-20 10:00"]
FILTERS = [[], ["--within", "1wh"], ["--within", "2wd"], ["--clock", "acknowledge"], ["--clock", "resolve"],
           ["--severity", "major"], ["--department", "Security"], ["--handler", "Wang"]]


def test_count_is_the_number_of_distinct_ids_listed(busy):
    seen = set()
    for now in NOWS:
        for args in FILTERS:
            for cache in ([], ["--no-cache"]):
                ids, late, code = _listed(busy, now, args, cache)
                plain = _run(busy, now, "--count", *args, *cache)
                counted = _run(busy, now, "--count", "--format", "json", *args, *cache)
                assert plain.stdout == f"{len(ids)}\n", (now, args, cache)
                assert json.loads(counted.stdout) == {"cases": len(ids), "overdue": len(late),
                                                      "due_soon": len(ids - late)}, (now, args, cache)
                assert plain.exit_code == counted.exit_code == code == (1 if late else 0)
                seen.add((len(ids), len(late), len(ids - late)))
    assert (0, 0, 0) in seen and any(o and d for _, o, d in seen)  # the pins reach nothing due and a mix


def test_exact_counts_at_pinned_times(busy):
    assert busy("overdue", "--count", now="2026-11-16 10:05").stdout == "0\n"  # nothing due: 0, exit 0
    result = busy("overdue", "--count", "--format", "json", now="2026-11-16 10:05")
    assert result.stdout == '{"cases": 0, "overdue": 0, "due_soon": 0}\n' and result.stderr == ""
    # listed: 17-001 route+acknowledge overdue, resolve due soon; 18-001 route overdue, acknowledge due soon;
    # 16-001 resolve and 16-002 respond due soon: 7 rows, 4 cases, 2 with a clock overdue
    mixed = busy("overdue", "--count", "--format", "json", "--within", "2wd", now="2026-11-18 16:00", expect=1)
    assert mixed.stdout == '{"cases": 4, "overdue": 2, "due_soon": 2}\n'
    assert busy("overdue", "--count", "--within", "2wd", now="2026-11-18 16:00", expect=1).stdout == "4\n"
    assert busy("overdue", "--count", "--clock", "resolve", "--within", "2wd", now="2026-11-18 16:00").stdout == "2\n"
    assert busy("overdue", "--count", "--department", "Security", now="2026-11-25 10:00", expect=1).stdout == "1\n"
    bad = busy("overdue", "--count", "--department", "Securty", now="2026-11-25 10:00", expect=2)
    assert bad.stdout == "" and "Securty" in bad.stderr  # a typo is refused, never a silent 0


def test_unreadable_record_exits_2_and_the_others_are_counted(busy):
    broken = next(busy.root.glob("2026/11/SG-20261116-001.toml"))
    broken.write_text(broken.read_text()[:120])
    listed = busy("overdue", "--format", "json", now="2026-11-17 10:00", expect=2)
    counted = busy("overdue", "--count", now="2026-11-17 10:00", expect=2)
    assert counted.stdout == f"{len({r['id'] for r in json.loads(listed.stdout)})}\n" == "1\n"
    assert counted.stderr == listed.stderr and counted.stderr.startswith(f"{broken}:")


def test_fast_path_counts_as_click_does(busy):
    for fmt in ("table", "json"):
        args = ["--book", str(busy.root), "--now", "2026-11-25 10:00", "overdue", "--count", "--format", fmt]
        fast = subprocess.run([sys.executable, "-m", "plaint", *args], capture_output=True, text=True)
        slow = busy("overdue", "--count", "--format", fmt, now="2026-11-25 10:00", expect=1)
        assert (fast.returncode, fast.stdout, fast.stderr) == (1, slow.stdout, "")
    assert slow.stdout == '{"cases": 4, "overdue": 4, "due_soon": 0}\n'
