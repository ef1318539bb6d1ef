"""The record schema's API (plaint.schema.record_problems), which the merge driver and the cache call too."""

import tomllib
from pathlib import Path

from plaint.policy import load_policy
from plaint.schema import Problem, record_problems

DEMO = Path(__file__).resolve().parent.parent / "records"
GOOD = """schema = 1
id = "SG-20261116-001"
status = "assigned"
received = 2026-11-16T10:00:00+08:00
summary = "Radiator cold"
my_own_note = [1, "anything a person adds"]

[complainant]
name = "Wang"

[times]
received = 2026-11-16T10:00:00+08:00
assigned = 2026-11-16T10:30:00+08:00

[[history]]
at = 2026-11-16T10:00:00+08:00
by = "Li Na"
action = "file"

[[history]]
at = 2026-11-16T10:30:00+08:00
by = "Li Na"
action = "assign"
handler = "Zhou"
"""
PATH = "book/2026/11/SG-20261116-001.toml"


def problems(text, path=PATH, policy=None):
    return record_problems(tomllib.loads(text), text, path, policy)


def test_every_demo_record_is_sound():
    for path in sorted(DEMO.glob("20*/*/*.toml")):
        text = path.read_text()
        assert record_problems(tomllib.loads(text), text, str(path)) == [], path


def test_a_sound_record_with_extra_keys_has_no_problems():
    assert problems(GOOD) == []


def test_problems_point_at_the_line_inside_the_right_table():
    text = GOOD.replace('by = "Li Na"\naction = "assign"', 'by = 7\naction = "assign"')
    assert problems(text) == [Problem(PATH, 22, "`history[2].by` must be text, not 7 (int)")]
    assert str(problems(text)[0]) == f"{PATH}:22: `history[2].by` must be text, not 7 (int)"
    text = GOOD.replace("assigned = 2026-11-16T10:30:00+08:00", "assigned = 2026-11-16T10:30:00")
    assert [(p.line, p.message[:44]) for p in problems(text)] == [(13, "`times.assigned` must be time, not a time wi")]


def test_id_and_file_name_and_history_shape():
    assert problems(GOOD, "book/2026/11/SG-20261116-002.toml")[0].message == \
        "id 'SG-20261116-001' does not match the file name 'SG-20261116-002.toml'"
    text = GOOD.replace('action = "file"', 'action = "Drop Table"')
    assert problems(text)[0].message == "history entry 1: 'Drop Table' is not an action name"


def test_with_a_policy_the_vocabulary_is_checked():
    policy = load_policy(str(DEMO / "plaint.toml"))
    text = GOOD.replace('summary = "Radiator cold"', 'summary = "x"\nchannel = "pigeon"')
    assert [p.message.split(";")[0] for p in problems(text, policy=policy)] == ["unknown channel 'pigeon'"]
    assert problems(text) == []  # readers pass no policy: a retired channel never hides a record
