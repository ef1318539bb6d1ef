"""One truth: through the read cache every reader answers exactly as parsing every file does,
on a generated book of realistic records, at any moment, for any month; and what the cache
keeps of a case's assessment (plaint.assess.settled) is what assess() says at every later moment."""

import importlib.util
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaint import cache, cacheread, cachesummary
from plaint.assess import assess, settled
from plaint.book import Book
from plaint.commands.app import main

GENERATOR = Path(__file__).resolve().parent.parent / "bench" / "generate_book.py"
START = datetime(2025, 1, 1)
MINUTES = int((datetime(2027, 2, 1) - START).total_seconds() // 60)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """120 records over two years in every state (bench/generate_book.py), committed."""
    spec = importlib.util.spec_from_file_location("generate_book", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("generated") / "book"
    module.build(root, 120)
    git = ["git", "-C", str(root), "-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "generated"], check=True)
    return root


@pytest.fixture
def fresh_files_cached(monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files were written a moment ago
    monkeypatch.setattr(cacheread, "PARALLEL_MIN", 8)  # the cold pass goes through the worker processes too


def run(root, now, args, *extra):
    result = CliRunner().invoke(main, ["--book", str(root), "--now", now, *args, *extra])
    return result.exit_code, result.stdout, result.stderr


def moment(minutes: int) -> str:
    return f"{START + timedelta(minutes=minutes):%Y-%m-%d %H:%M}"


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minutes=st.integers(0, MINUTES), month=st.integers(0, 24), within=st.sampled_from([None, "4h", "2wd", "3d"]),
       compare=st.booleans())
def test_cached_answers_equal_parsing_every_file(generated, fresh_files_cached, minutes, month, within, compare):
    now = moment(minutes)
    readers = [["overdue", "--format", "json"] + (["--within", within] if within else []),
               ["report", "--month", f"{2025 + month // 12}-{month % 12 + 1:02d}", "--format", "json"]
               + (["--compare"] if compare else []),
               ["list", "--format", "json"], ["check"]]
    for args in readers:
        truth = run(generated, now, args, "--no-cache")
        assert run(generated, now, args) == truth, args  # cold for the first example, warm after
        assert run(generated, now, args) == truth, args


def test_overdue_reads_only_cases_that_can_be_late(generated, fresh_files_cached, monkeypatch):
    import pickle
    now = "2026-11-22 10:00"
    truth = run(generated, now, ["overdue", "--format", "json"], "--no-cache")
    run(generated, now, ["list"])  # fills the cache; list asks nothing, so nothing is judged yet
    assert run(generated, now, ["overdue", "--format", "json"]) == truth  # judges what it reads
    reads = {"n": 0}
    original = pickle.loads

    def counting(blob, *a, **k):
        found = original(blob, *a, **k)
        reads["n"] += isinstance(found, dict)  # a record (not what the cache kept of its assessment)
        return found
    monkeypatch.setattr(pickle, "loads", counting)
    assert run(generated, now, ["overdue", "--format", "json"]) == truth
    book = Book(generated, cache=False)
    policy = book.policy
    at = datetime(2026, 11, 22, 10, tzinfo=policy.calendar.tz)
    can_ring = 0
    for item in book.iter_records():
        since, earliest = settled(item.data, policy)
        can_ring += at < since or (earliest is not None and earliest < at)
    assert reads["n"] == can_ring and 0 < can_ring < 30  # of 120: the others are passed over unread


def test_a_case_that_cannot_be_judged_is_always_read():
    fingerprint = "f" * 32
    quiet = (0, "closed", "minor", "valid", "fees", None, None, 10, None, fingerprint)
    assert not cachesummary.Summary(quiet, fingerprint).may_alarm(20, None)
    assert cachesummary.Summary(quiet, fingerprint).may_alarm(5, None)  # before it settles
    assert cachesummary.Summary(quiet, "other policy").may_alarm(20, None)
    assert cachesummary.Summary(quiet[:7] + (None, None, fingerprint), fingerprint).may_alarm(20, None)
    ringing = quiet[:8] + (15, fingerprint)
    assert cachesummary.Summary(ringing, fingerprint).may_alarm(20, None)
    assert not cachesummary.Summary(ringing, fingerprint).may_alarm(12, None)
    assert cachesummary.Summary(ringing, fingerprint).may_alarm(12, 15)  # due soon: by the horizon


def test_a_changed_policy_is_never_judged_by_the_old_one(generated, fresh_files_cached, tmp_path):
    import shutil
    copy = tmp_path / "book"
    shutil.copytree(generated, copy)
    now = "2026-11-22 10:00"
    before = run(copy, now, ["overdue", "--format", "json"])
    assert before == run(copy, now, ["overdue", "--format", "json"], "--no-cache")
    policy = copy / "plaint.toml"
    text = policy.read_text()
    assert text.count('revisit = "3 working days"') >= 3
    policy.write_text(text.replace('revisit = "3 working days"', 'revisit = "300 working days"'))
    after = run(copy, now, ["overdue", "--format", "json"])
    assert after == run(copy, now, ["overdue", "--format", "json"], "--no-cache")
    assert after != before


@settings(max_examples=40, deadline=None)
@given(index=st.integers(0, 119), later=st.integers(0, 3 * 365 * 24 * 60))
def test_settled_is_what_assess_says_at_every_later_moment(generated, index, later):
    book = Book(generated, cache=False)
    paths = book.record_paths()
    record = book.read(paths[index % len(paths)]).data
    found = settled(record, book.policy)
    assert found is not None
    since, earliest = found
    case = assess(record, book.policy, since + timedelta(minutes=later))
    running = case.running()
    assert (min(c.due for c in running) if running else None) == earliest
    assert {c.name: c.due for c in running} == {c.name: c.due for c in assess(record, book.policy, since).running()}


def test_a_case_with_a_problem_is_never_settled(generated):
    """A case marked closed by hand with no closing time is a problem overdue says whenever it
    assesses the case: the cache must never pass it over, so it is never judged settled."""
    book = Book(generated, cache=None)
    record = next(item.data for item in book.iter_records() if item.data.get("status") == "assigned")
    assert settled(record, book.policy) is not None
    marked = {**record, "status": "closed", "times": {k: v for k, v in record["times"].items() if k != "closed"}}
    assert assess(marked, book.policy, datetime(2027, 1, 1, tzinfo=book.policy.calendar.tz)).problems
    assert settled(marked, book.policy) is None


@settings(max_examples=60, deadline=None)
@given(index=st.integers(0, 119), later=st.integers(0, 3 * 365 * 24 * 60), soon=st.sampled_from([None, 60, 7200]))
def test_a_standing_case_is_what_assess_says_at_every_later_moment(generated, index, later, soon):
    """What overdue builds from the cache's Standing is, clock by clock, what assess() says."""
    from plaint.assess import assess_known, standing
    book = Book(generated, cache=None)
    paths = book.record_paths()
    record = book.read(paths[index % len(paths)]).data
    known = standing(record, book.policy)
    now = known.since + timedelta(minutes=later)
    horizon = soon and now + timedelta(minutes=soon)
    truth, built = assess(record, book.policy, now, horizon), assess_known(record, book.policy, now, horizon, known)
    assert (built.severity, built.upgraded, built.problems) == (truth.severity, truth.upgraded, truth.problems)

    def facts(case):
        return [(c.name, c.round, c.duration, c.start, c.due, c.original_due, c.judged_due, c.provisional, c.stopped,
                 c.extensions, c.set_by, c.state, c.breached, c.late, c.working, c.extension_in_time, c.outcome)
                for c in case.running()]
    assert facts(built) == facts(truth)
