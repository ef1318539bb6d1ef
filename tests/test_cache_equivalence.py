"""One truth: through the read cache every reader answers exactly as parsing every file does,
on a generated book of realistic records, at any moment, for any month; and what the cache
keeps of a case's assessment (plaint.assess.settled) is what assess() says at every later moment."""

import json
import importlib.util
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
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
# a case received at the very moment of the report's --now is open at it (figures.open_at): the cache's
# hint once asked for cases received strictly before it, and the cached report said open_total 0, not 1
@example(minutes=510, month=1, within=None, compare=False)
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
    reads = {"records": 0, "standings": 0}
    original, judged = pickle.loads, cacheread.stored_standing

    def counting(blob, *a, **k):
        reads["records"] += 1  # a record's data
        return original(blob, *a, **k)

    def standing(blob):
        reads["standings"] += 1  # what was judged of it
        return judged(blob)
    monkeypatch.setattr(pickle, "loads", counting)
    monkeypatch.setattr(cacheread, "stored_standing", standing)
    assert run(generated, now, ["overdue", "--format", "json"]) == truth
    book = Book(generated, cache=False)
    policy = book.policy
    at = datetime(2026, 11, 22, 10, tzinfo=policy.calendar.tz)
    can_ring = unsettled = 0
    for item in book.iter_records():
        since, earliest = settled(item.data, policy)
        rings = at < since or (earliest is not None and earliest < at)
        can_ring += rings
        unsettled += rings and at < since
    assert reads["standings"] == can_ring and 0 < can_ring < 30  # of 120: the others are passed over unread
    assert reads["records"] == unsettled  # a settled case is shown from what was judged of it: no record read


def test_count_reads_a_settled_case_from_its_stored_standing_alone(generated, fresh_files_cached, monkeypatch):
    """overdue --count takes a settled case's ringing clocks from its stored standing's integers
    (cachesummary.Known.ringing): no clock is built for it, and it counts as parsing every file does."""
    built, original = [], cachesummary.Known.clocks
    monkeypatch.setattr(cachesummary.Known, "clocks", staticmethod(lambda segment: built.append(1) or original(segment)))
    for now in ("2026-11-22 10:00", "2025-06-03 09:00"):
        for args in (["overdue", "--count"], ["overdue", "--count", "--within", "3d"],
                     ["overdue", "--count", "--format", "json", "--clock", "resolve"], ["overdue", "--format", "json"]):
            truth = run(generated, now, args, "--no-cache")
            assert run(generated, now, args) == truth  # judged as read
            built.clear()
            assert run(generated, now, args) == truth
            assert (len(built) > 0) == ("--count" not in args), args  # the listing builds them: it shows them


def test_a_standing_with_a_zone_it_cannot_write_is_not_stored():
    """A time in a named zone (its name would be lost) or a field that is not plain is not packed: the
    case is then read and assessed like one never judged (cacheread: Judge.known None)."""
    from datetime import timezone
    from plaint.assess import Standing
    from plaint.durations import Duration
    named = datetime(2026, 1, 5, 9, tzinfo=timezone(timedelta(hours=8), "CST"))
    plain = datetime(2026, 1, 5, 9, tzinfo=timezone(timedelta(hours=8)))
    clock = ("resolve", 1, Duration(2, "d"), plain, plain + timedelta(days=2), False, [], "policy")
    found = (Standing(plain, clock[4], "major", False, (clock,)),)
    assert cachesummary.shown(cachesummary.pack(found, {"id": "X"}))[0].ringing(
        cachesummary.micros(plain + timedelta(days=3)), None) == ("major", [("resolve", "overdue", False)])
    assert cachesummary.pack((found[0]._replace(clocks=((*clock[:3], named, *clock[4:]),)),), {"id": "X"}) is None
    assert cachesummary.pack(found, {"id": "X", "summary": plain.date()}) is None


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
    assert all(c.due >= earliest for c in case.running())  # no clock due before it ever runs
    dues = [c.due for c in assess(record, book.policy, since).running()]
    assert earliest == min(dues) if dues else earliest is None or earliest > since


def test_a_case_with_a_problem_is_never_settled(generated):
    """A case marked closed by hand with no closing time is a problem overdue says whenever it
    assesses the case: the cache must never pass it over, so it is never judged settled."""
    book = Book(generated, cache=None)
    record = next(item.data for item in book.iter_records() if item.data.get("status") == "assigned")
    assert settled(record, book.policy) is not None
    marked = {**record, "status": "closed", "times": {k: v for k, v in record["times"].items() if k != "closed"}}
    assert assess(marked, book.policy, datetime(2027, 1, 1, tzinfo=book.policy.calendar.tz)).problems
    assert settled(marked, book.policy) is None


@settings(max_examples=100, deadline=None)
@given(index=st.integers(0, 119), later=st.integers(0, 3 * 365 * 24 * 60), soon=st.sampled_from([None, 60, 7200]),
       edge=st.sampled_from([None, 0, -1, 1]), segment=st.integers(0, 3))
def test_a_standing_case_is_what_assess_says_at_every_later_moment(generated, index, later, soon, edge, segment):
    """What overdue builds from the cache's standing is, clock by clock, what assess() says: at any
    later moment, and just before, at and after each age rule threshold (a new segment)."""
    from plaint.assess import assess_known, standing
    book = Book(generated, cache=None)
    paths = book.record_paths()
    record = book.read(paths[index % len(paths)]).data
    found = standing(record, book.policy)
    known = stored(found)  # as the read cache keeps it and gives it back
    now = found[0].since + timedelta(minutes=later)
    if edge is not None:
        now = max(found[min(segment, len(found) - 1)].since + timedelta(microseconds=edge), found[0].since)
    horizon = soon and now + timedelta(minutes=soon)
    truth, built = assess(record, book.policy, now, horizon), assess_known(record, book.policy, now, horizon, known)
    assert (built.severity, built.upgraded, built.problems) == (truth.severity, truth.upgraded, truth.problems)

    def facts(case):  # the times by repr too: the same fields, fold and zone, not only the same moment
        return [(c.name, c.round, c.duration, c.start, c.due, c.original_due, c.judged_due, c.provisional, c.stopped,
                 c.extensions, c.set_by, c.state, c.breached, c.late, c.working, c.extension_in_time, c.outcome,
                 repr((c.start, c.due, c.original_due, c.extensions)), type(c.extensions))
                for c in case.running()]
    assert facts(built) == facts(truth)
    # overdue --count reads the same standing without building the clocks: the same ringing clocks
    assert known.ringing(cachesummary.micros(now), horizon and cachesummary.micros(horizon)) == (
        truth.severity, [(c.name, c.state, c.provisional) for c in truth.running() if c.state in ("overdue", "due-soon")])


def stored(found):
    """A standing as the read cache stores it (plaint.cachesummary.pack) and reads it back."""
    blob = cachesummary.pack(found, {"id": "X"})
    assert blob is not None
    return cachesummary.shown(blob)[0]


def test_a_case_crossing_an_age_threshold_is_what_assess_says_either_side(generated):
    """A case still open when an age rule's threshold comes has a segment from that moment: just
    before it, at it and after it, what overdue builds is what assess() says (severity raised)."""
    from plaint.assess import assess_known, standing
    book = Book(generated, cache=None)
    crossing = 0
    for path in book.record_paths():
        record = book.read(path).data
        found = standing(record, book.policy)
        known = stored(found)
        for segment in found[1:]:
            crossing += 1
            for moment in (segment.since - timedelta(microseconds=1), segment.since, segment.since + timedelta(days=9)):
                truth, built = assess(record, book.policy, moment), assess_known(record, book.policy, moment, None, known)
                assert (built.severity, built.upgraded) == (truth.severity, truth.upgraded)
                assert [(c.name, c.due, c.state, c.late) for c in built.running()] == [
                    (c.name, c.due, c.state, c.late) for c in truth.running()]
            assert assess(record, book.policy, segment.since).upgraded
    assert crossing > 0


def test_overdue_across_an_age_threshold_with_the_same_cache(generated, fresh_files_cached):
    """A case judged before an age rule's threshold is shown raised once `now` passes it, from the
    same cache (its stored standing has a segment from that moment): as parsing every file says."""
    from plaint.assess import standing
    book = Book(generated, cache=None)
    crossing = next(item for item in book.iter_records() if len(standing(item.data, book.policy) or ()) > 1)
    threshold = standing(crossing.data, book.policy)[1].since.astimezone(book.policy.calendar.tz)
    args = ["overdue", "--format", "json", "--within", "2d"]
    shown = []
    for now in (threshold - timedelta(hours=1), threshold + timedelta(hours=1)):
        at = f"{now:%Y-%m-%d %H:%M}"
        truth = run(generated, at, args, "--no-cache")
        assert run(generated, at, args) == truth
        shown.append([(row["severity"], row["severity_upgraded"]) for row in json.loads(truth[1])
                      if row["id"] == crossing.id])
    assert shown[0] and shown[1] and shown[0] != shown[1]  # the case was raised between the two runs


def test_a_calendar_change_is_never_judged_by_the_old_calendar(generated, fresh_files_cached, tmp_path):
    """Closing days in the policy's calendar moves working-day deadlines: the stored standings
    (segments and earliest deadline) were judged under the old calendar and are not used."""
    import shutil
    copy = tmp_path / "book"
    shutil.copytree(generated, copy)
    now, args = "2026-11-22 10:00", ["overdue", "--format", "json", "--within", "3wd"]
    before = run(copy, now, args)
    assert before == run(copy, now, args, "--no-cache")
    policy = copy / "plaint.toml"
    text = policy.read_text()
    assert "# closures = [" in text
    policy.write_text(text.replace("# closures = [{ from = 2026-12-31, to = 2026-12-31,",
                                   "closures = [{ from = 2026-11-16, to = 2026-11-27,"))
    after = run(copy, now, args)
    assert after == run(copy, now, args, "--no-cache")
    assert after != before


def test_the_last_moment_is_the_latest_time_anywhere_in_the_record():
    from datetime import date, timezone

    from plaint.assess import _last_moment
    tz = timezone(timedelta(hours=8))
    times = [datetime(2026, 11, day, 10, tzinfo=tz) for day in range(1, 6)]
    record = {"received": times[0], "n": 3, "ok": True, "day": date(2027, 1, 1), "times": {"closed": times[2]},
              "history": [{"at": times[1], "tags": ["x", times[4]]}, {"at": times[3]}], "empty": [], "note": "x"}
    assert _last_moment(record) == times[4]
    with pytest.raises(ValueError):
        _last_moment({"summary": "no time", "day": date(2026, 1, 1), "list": [{}]})


@pytest.mark.parametrize("cached", [True, False])
def test_a_report_keeps_only_the_cases_its_month_needs_with_or_without_the_cache(generated, cached, monkeypatch):
    """report streams with --no-cache as it does through the cache: figures() is handed the cases received
    in the month or open at its end, never the whole book (without the cache it kept every record: 840 MB
    at 100,000 records), and the report is the same either way."""
    from plaint import report
    from plaint.cachesummary import Summary, summary_of
    handed, original = [], report.figures
    monkeypatch.setattr(report, "figures", lambda records, *a, **k: handed.append(len(records)) or original(records, *a, **k))
    now = "2026-11-22 10:00"
    args = ["report", "--month", "2026-10", "--format", "json"] + ([] if cached else ["--no-cache"])
    assert run(generated, now, args) == run(generated, now, ["report", "--month", "2026-10", "--format", "json", "--no-cache"])
    book = Book(generated, cache=False)
    at = datetime(2026, 11, 22, 10, tzinfo=book.policy.calendar.tz)
    periods = [report.Period(datetime(2026, 10, 1, tzinfo=at.tzinfo), datetime(2026, 11, 1, tzinfo=at.tzinfo), "2026-10")]
    needed = sum(report._needed(Summary(summary_of(item.data), None), periods, at) for item in book.iter_records())
    assert 0 < needed < 60 and handed[0] == needed  # of 120 records
