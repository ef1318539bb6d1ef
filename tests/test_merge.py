"""The record merge driver as a unit: three-way cases with exact outputs."""

import subprocess
import sys
import tomllib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from plaint.merge import Unmergeable, replay_status
from plaint.mergefile import merge_files, merge_texts
from plaint.records import Change, apply_change, new_record_text

TZ = ZoneInfo("Asia/Shanghai")


def t(hm: str, day: int = 20) -> datetime:
    hour, minute = map(int, hm.split(":"))
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def filed() -> str:
    top = {"schema": 1, "id": "BJ-20261120-001", "status": "received", "received": t("09:00"),
           "received_by": "Li Na", "channel": "phone", "summary": "Radiator cold", "severity": "", "validity": "",
           "category": "", "handler": "", "department": ""}
    return new_record_text(top, {"name": "Guo Min", "contact": "13500003333"}, {"received": t("09:00")},
                           {"at": t("09:00"), "by": "Li Na", "action": "file"})


def act(text: str, at: datetime, by: str, change: Change) -> str:
    return apply_change(text, change, {"at": at, "by": by, "action": change.action, **change.history})


def classify(text, at, by, **fields):
    return act(text, at, by, Change("classify", top=fields, history=dict(fields)))


def assign(text, at, by, handler):
    return act(text, at, by, Change("assign", top={"handler": handler, "status": "assigned"},
                                    times={"assigned": at}, history={"handler": handler}))


def close(text, at, by, resolution, drop=False, **more):
    return act(text, at, by, Change("close", top={"status": "closed"},
                                    tables={"closing": {"resolution": resolution, **more, "by": by}},
                                    times={"closed": at}, drop_tables=("revisit", "closing") if drop else (),
                                    drop_times=("revisited",) if drop else (), history={"resolution": resolution}))


def revisit(text, at, by, method, satisfied):
    return act(text, at, by, Change("revisit", top={"status": "revisited"},
                                    tables={"revisit": {"method": method, "satisfied": satisfied, "by": by}},
                                    times={"revisited": at}, history={"satisfied": satisfied}))


HEAD = '''schema = 1
id = "BJ-20261120-001"
'''
COMPLAINANT = '''
[complainant]
name = "Guo Min"
contact = "13500003333"
'''
FILE_ENTRY = '''[[history]]
at = 2026-11-20T09:00:00+08:00
by = "Li Na"
action = "file"
'''


def top(status, severity="", handler="", category="", summary="Radiator cold"):
    return HEAD + f'''status = "{status}"
received = 2026-11-20T09:00:00+08:00
received_by = "Li Na"
channel = "phone"
summary = "{summary}"
validity = ""
severity = "{severity}"
category = "{category}"
handler = "{handler}"
department = ""
''' + COMPLAINANT


BASE = filed()


def test_one_side_changed_keeps_that_side_byte_for_byte():
    ours = classify(BASE, t("10:00"), "Wang", severity="major")
    assert merge_texts(BASE, ours, BASE) == ours
    assert merge_texts(BASE, BASE, ours) == ours


def test_each_side_changed_other_fields_takes_both():
    ours = classify(BASE, t("10:00"), "Wang", severity="major")
    theirs = assign(BASE, t("10:30"), "Zhao", "Sun Mei")
    assert merge_texts(BASE, ours, theirs) == top("assigned", severity="major", handler="Sun Mei") + '''
[times]
received = 2026-11-20T09:00:00+08:00
assigned = 2026-11-20T10:30:00+08:00

''' + FILE_ENTRY + '''[[history]]
at = 2026-11-20T10:00:00+08:00
by = "Wang"
action = "classify"
severity = "major"
[[history]]
at = 2026-11-20T10:30:00+08:00
by = "Zhao"
action = "assign"
handler = "Sun Mei"
'''


def test_both_sides_same_value_needs_no_merge_entry():
    ours = classify(BASE, t("10:00"), "Wang", severity="major")
    theirs = classify(BASE, t("10:05"), "Zhao", severity="major")
    assert merge_texts(BASE, ours, theirs) == top("received", severity="major") + '''
[times]
received = 2026-11-20T09:00:00+08:00

''' + FILE_ENTRY + '''[[history]]
at = 2026-11-20T10:00:00+08:00
by = "Wang"
action = "classify"
severity = "major"
[[history]]
at = 2026-11-20T10:05:00+08:00
by = "Zhao"
action = "classify"
severity = "major"
'''


BOTH_DIFFERENT = top("assigned", severity="minor", handler="Qian Li") + '''
[times]
received = 2026-11-20T09:00:00+08:00
assigned = 2026-11-20T10:15:00+08:00

''' + FILE_ENTRY + '''[[history]]
at = 2026-11-20T10:00:00+08:00
by = "Wang"
action = "classify"
severity = "major"
[[history]]
at = 2026-11-20T10:10:00+08:00
by = "Zhao"
action = "classify"
severity = "minor"
[[history]]
at = 2026-11-20T10:15:00+08:00
by = "Zhao"
action = "assign"
handler = "Sun Mei"
[[history]]
at = 2026-11-20T10:20:00+08:00
by = "Wang"
action = "assign"
handler = "Qian Li"
[[history]]
at = 2026-11-20T10:20:00+08:00
by = "plaint merge"
action = "merge"
field = "handler"
kept = "Qian Li"
dropped = "Sun Mei"
[[history]]
at = 2026-11-20T10:20:00+08:00
by = "plaint merge"
action = "merge"
field = "severity"
kept = "minor"
dropped = "major"
'''


def test_both_sides_different_keeps_each_fields_later_action_and_says_so():
    """Severity: their classify (10:10) is later; handler: our assign (10:20) is later. The acknowledge
    clock stopped at the first assignment (10:15), whoever holds the case now."""
    ours = assign(classify(BASE, t("10:00"), "Wang", severity="major"), t("10:20"), "Wang", "Qian Li")
    theirs = assign(classify(BASE, t("10:10"), "Zhao", severity="minor"), t("10:15"), "Zhao", "Sun Mei")
    assert merge_texts(BASE, ours, theirs) == BOTH_DIFFERENT
    assert merge_texts(BASE, theirs, ours) == BOTH_DIFFERENT  # the same whichever desk merges


CLOSED = close(assign(BASE, t("10:00"), "Li Na", "Wang"), t("11:00"), "Wang", "Bled the radiator")
REVISITED = revisit(CLOSED, t("15:00"), "Chen", "phone", False)
REOPENED = act(REVISITED, t("09:30", 23), "Chen", Change("reopen", top={"status": "reopened"},
                                                        times={"reopened": t("09:30", 23)}, drop_times=("closed",),
                                                        history={"reason": "still cold"}))
RECLOSED = close(REOPENED, t("16:00", 23), "Wang", "Replaced the valve", drop=True, cause="Stuck valve")
ROUND_TWO = '''
[times]
received = 2026-11-20T09:00:00+08:00
assigned = 2026-11-20T10:00:00+08:00
reopened = 2026-11-23T09:30:00+08:00
closed = 2026-11-23T16:00:00+08:00
'''
ROUND_TWO_HISTORY = FILE_ENTRY + '''[[history]]
at = 2026-11-20T10:00:00+08:00
by = "Li Na"
action = "assign"
handler = "Wang"
[[history]]
at = 2026-11-20T11:00:00+08:00
by = "Wang"
action = "close"
resolution = "Bled the radiator"
[[history]]
at = 2026-11-20T15:00:00+08:00
by = "Chen"
action = "revisit"
satisfied = false
[[history]]
at = 2026-11-23T09:30:00+08:00
by = "Chen"
action = "reopen"
reason = "still cold"
[[history]]
at = 2026-11-23T16:00:00+08:00
by = "Wang"
action = "close"
resolution = "Replaced the valve"
'''


def test_one_side_deletes_a_table_the_other_left_alone():
    """Closing again drops the old [revisit]; the other desk only corrected the summary by hand."""
    edited = REVISITED.replace('summary = "Radiator cold"', 'summary = "Radiator cold in the bedroom"')
    assert "[revisit]" in REVISITED
    merged = merge_texts(REVISITED, RECLOSED, edited)
    assert merged == top("closed", handler="Wang", summary="Radiator cold in the bedroom") + ROUND_TWO + '''
[closing]
resolution = "Replaced the valve"
cause = "Stuck valve"
by = "Wang"

''' + ROUND_TWO_HISTORY


def test_one_side_deletes_a_table_the_other_changed_later():
    """The later revisit (17:00) wins over the deletion (16:00); the merge entry says a removal was dropped."""
    again = revisit(REVISITED, t("17:00", 23), "Zhou", "visit", True)
    merged = merge_texts(REVISITED, RECLOSED, again)
    assert merged == top("revisited", handler="Wang") + ROUND_TWO + '''revisited = 2026-11-23T17:00:00+08:00

[closing]
resolution = "Replaced the valve"
cause = "Stuck valve"
by = "Wang"

[revisit]
method = "visit"
satisfied = true
by = "Zhou"

''' + ROUND_TWO_HISTORY + '''[[history]]
at = 2026-11-23T17:00:00+08:00
by = "Zhou"
action = "revisit"
satisfied = true
[[history]]
at = 2026-11-23T17:00:00+08:00
by = "plaint merge"
action = "merge"
field = "revisit"
kept = {method = "visit", satisfied = true, by = "Zhou"}
note = "the earlier change had removed this field"
'''


def test_history_interleaves_in_time_order_and_status_follows_it():
    ours = assign(classify(BASE, t("10:00"), "Wang", category="facilities"), t("12:00"), "Wang", "Qian Li")
    theirs = act(BASE, t("11:00"), "Zhao", Change("reply", top={"status": "answered"},
                                                  tables={"reply": {"text": "A fitter comes at 14:00",
                                                                    "method": "phone", "by": "Zhao"}},
                                                  times={"replied": t("11:00")}, history={"method": "phone"}))
    theirs = act(theirs, t("13:00"), "Zhao", Change("extend", tables={"extensions": {"resolve": {
        "due": t("18:00", 24), "approver": "department manager", "reason": "parts", "by": "Zhao", "at": t("13:00"),
        "previous": t("18:00", 23)}}}, history={"clock": "resolve", "due": t("18:00", 24)}))
    assert merge_texts(BASE, ours, theirs) == top("answered", handler="Qian Li", category="facilities") + '''
[times]
received = 2026-11-20T09:00:00+08:00
assigned = 2026-11-20T12:00:00+08:00
replied = 2026-11-20T11:00:00+08:00

[reply]
text = "A fitter comes at 14:00"
method = "phone"
by = "Zhao"

[extensions.resolve]
due = 2026-11-24T18:00:00+08:00
approver = "department manager"
reason = "parts"
by = "Zhao"
at = 2026-11-20T13:00:00+08:00
previous = 2026-11-23T18:00:00+08:00

''' + FILE_ENTRY + '''[[history]]
at = 2026-11-20T10:00:00+08:00
by = "Wang"
action = "classify"
category = "facilities"
[[history]]
at = 2026-11-20T11:00:00+08:00
by = "Zhao"
action = "reply"
method = "phone"
[[history]]
at = 2026-11-20T12:00:00+08:00
by = "Wang"
action = "assign"
handler = "Qian Li"
[[history]]
at = 2026-11-20T13:00:00+08:00
by = "Zhao"
action = "extend"
clock = "resolve"
due = 2026-11-24T18:00:00+08:00
'''


def test_a_closed_case_stays_closed_when_the_other_desk_replied_later():
    ours = close(BASE, t("10:00"), "Wang", "Fixed")
    theirs = act(BASE, t("10:30"), "Zhao", Change("reply", top={"status": "answered"},
                                                  tables={"reply": {"text": "Coming", "by": "Zhao"}},
                                                  times={"replied": t("10:30")}, history={"text": "Coming"}))
    merged = tomllib.loads(merge_texts(BASE, ours, theirs))
    assert merged["status"] == "closed" and merged["times"]["closed"] == t("10:00")
    assert [e["action"] for e in merged["history"]] == ["file", "close", "reply"]


def test_merges_of_merges_keep_each_entry_once():
    ours = classify(BASE, t("10:00"), "Wang", severity="major")
    theirs = classify(BASE, t("10:10"), "Zhao", severity="minor")
    first = merge_texts(BASE, ours, theirs)
    later = classify(first, t("11:00"), "Wang", severity="minor", category="facilities")
    again = merge_texts(ours, later, first)  # the same merge arrives again from the other desk
    assert again == later
    assert sum(e["action"] == "merge" for e in tomllib.loads(again)["history"]) == 1


def test_text_survives_byte_for_byte():
    text = 'Line one\n"quoted" \\ back\n中文 and emoji 🙂\ttab'
    ours = act(BASE, t("10:00"), "Wang", Change("reply", top={"status": "answered"},
                                                tables={"reply": {"text": text, "by": "Wang"}},
                                                times={"replied": t("10:00")}, history={"text": text}))
    theirs = classify(BASE, t("10:05"), "Zhao", severity="minor")
    merged = tomllib.loads(merge_texts(BASE, ours, theirs))
    assert merged["reply"]["text"] == text and merged["history"][1]["text"] == text


def test_two_complaints_filed_under_one_id_are_not_merged():
    other = BASE.replace("Radiator cold", "Lift stuck").replace('by = "Li Na"', 'by = "Zhao"')
    with pytest.raises(Unmergeable, match="two desks filed different complaints under the same id"):
        merge_texts("", BASE, other)
    assert merge_texts("", BASE, classify(BASE, t("10:00"), "Wang", severity="minor")).count("[[history]]") == 2


def test_unparseable_side_leaves_gits_conflict(tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text(BASE)
    ours.write_text(classify(BASE, t("10:00"), "Wang", severity="major").replace('"major"', "major", 1))
    theirs.write_text(classify(BASE, t("10:10"), "Zhao", severity="minor"))
    reason = merge_files(str(base), str(ours), str(theirs), "2026/11/BJ-20261120-001.toml")
    assert reason.startswith("our version of 2026/11/BJ-20261120-001.toml does not parse")
    text = ours.read_text()
    assert "<<<<<<< ours" in text and ">>>>>>> theirs" in text


def test_driver_command_follows_gits_contract(tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text(BASE)
    ours.write_text(assign(classify(BASE, t("10:00"), "Wang", severity="major"), t("10:20"), "Wang", "Qian Li"))
    theirs.write_text(assign(classify(BASE, t("10:10"), "Zhao", severity="minor"), t("10:15"), "Zhao", "Sun Mei"))
    run = subprocess.run([sys.executable, "-m", "plaint", "merge-driver", str(base), str(ours), str(theirs),
                          "2026/11/BJ-20261120-001.toml"], capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
    assert ours.read_text() == BOTH_DIFFERENT
    ours.write_text("id = \n")
    run = subprocess.run([sys.executable, "-m", "plaint", "merge-driver", str(base), str(ours), str(theirs),
                          "2026/11/BJ-20261120-001.toml"], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.startswith("plaint merge-driver: 2026/11/BJ-20261120-001.toml: cannot merge field by field:")


def test_replayed_status_matches_every_demo_record():
    from pathlib import Path
    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("records").glob("20*/*/*.toml")):
        record = tomllib.loads(path.read_text())
        assert replay_status(record["history"]) == record["status"], path


def test_both_sides_made_the_same_change_merge_to_that_text():
    ours = assign(classify(BASE, t("10:00"), "Wang", severity="major"), t("10:20"), "Wang", "Qian Li")
    assert merge_texts(BASE, ours, ours) == ours
    assert merge_texts(ours, ours, ours) == ours


def test_a_side_that_changed_a_field_and_changed_it_back_still_counts_as_changing_it():
    """Ours: major at 10:00, back to minor at 10:40; theirs: important at 10:20. Line by line (or value by
    value) ours looks unchanged and theirs would win silently; by the history ours acted last."""
    base = classify(BASE, t("09:30"), "Li Na", severity="minor")
    ours = classify(classify(base, t("10:00"), "Wang", severity="major"), t("10:40"), "Wang", severity="minor")
    theirs = classify(base, t("10:20"), "Zhao", severity="important")
    expected = top("received", severity="minor") + '''
[times]
received = 2026-11-20T09:00:00+08:00

''' + FILE_ENTRY + '''[[history]]
at = 2026-11-20T09:30:00+08:00
by = "Li Na"
action = "classify"
severity = "minor"
[[history]]
at = 2026-11-20T10:00:00+08:00
by = "Wang"
action = "classify"
severity = "major"
[[history]]
at = 2026-11-20T10:20:00+08:00
by = "Zhao"
action = "classify"
severity = "important"
[[history]]
at = 2026-11-20T10:40:00+08:00
by = "Wang"
action = "classify"
severity = "minor"
[[history]]
at = 2026-11-20T10:40:00+08:00
by = "plaint merge"
action = "merge"
field = "severity"
kept = "minor"
dropped = "important"
'''
    assert merge_texts(base, ours, theirs) == expected
    assert merge_texts(base, theirs, ours) == expected
    # Their change is the later one: it is kept, and ours (restated earlier) is named as dropped.
    later = classify(base, t("11:00"), "Zhao", severity="important")
    merged = tomllib.loads(merge_texts(base, ours, later))
    assert merged["severity"] == "important"
    assert merged["history"][-1] == {"at": t("11:00"), "by": "plaint merge", "action": "merge",
                                     "field": "severity", "kept": "important", "dropped": "minor"}


def test_one_side_deletes_a_table_the_other_changed_earlier():
    """Closing again (16:00) drops [revisit]; the other desk's revisit (10:00) came first: the removal
    stands, the merge entry names the revisit it dropped, and status and times follow the history."""
    again = revisit(REVISITED, t("10:00", 23), "Zhou", "visit", True)
    merged = merge_texts(REVISITED, RECLOSED, again)
    assert merged == top("closed", handler="Wang") + ROUND_TWO + '''
[closing]
resolution = "Replaced the valve"
cause = "Stuck valve"
by = "Wang"

''' + ROUND_TWO_HISTORY.replace('''[[history]]
at = 2026-11-23T16:00:00+08:00''', '''[[history]]
at = 2026-11-23T10:00:00+08:00
by = "Zhou"
action = "revisit"
satisfied = true
[[history]]
at = 2026-11-23T16:00:00+08:00''') + '''[[history]]
at = 2026-11-23T16:00:00+08:00
by = "plaint merge"
action = "merge"
field = "revisit"
dropped = {method = "visit", satisfied = true, by = "Zhou"}
note = "the later change removed this field"
'''


def test_a_merge_that_would_break_the_schema_is_left_to_a_person():
    """A paper form filed at 12:00 as received at 09:00; one desk backfills a classification at 10:30, the
    other corrects `received` by hand to 11:00. Each side is sound; together the 10:30 entry would precede
    the receipt, so the driver does not write that record: git's conflict stays for a person."""
    paper = BASE.replace("at = 2026-11-20T09:00:00+08:00", "at = 2026-11-20T12:00:00+08:00")
    ours = classify(paper, t("10:30"), "Wang", severity="major")
    theirs = paper.replace("received = 2026-11-20T09:00:00+08:00", "received = 2026-11-20T11:00:00+08:00")
    with pytest.raises(Unmergeable, match=r"^the merged record would break the record schema \(history entry 2 "
                                          r"\(2026-11-20T10:30:00\+08:00\) is before the case was received"):
        merge_texts(paper, ours, theirs)
