"""plaint.storage.recordtoml, the fast reader of plaint's own record layout, against tomllib: on
any text it either returns exactly what tomllib returns (types, key order, time zones) or declines
(None), and it takes everything plaint's writer produces."""

import json
import tomllib
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import make_book, same
from plaint.records import TOP_KEYS, Change, apply_change, new_record_text
from plaint.storage import recordtoml


def agrees(text: str) -> dict | None:
    """The fast reader's answer, after checking it against tomllib's (None: it declined)."""
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        expected = None
    found = recordtoml.loads(text)  # checked against tomllib again by conftest: the same check
    if expected is None:
        assert found is None, text
    elif found is not None:
        assert same(found, expected), (text, found, expected)
    return found


# -- generated records, written by plaint's own writer --------------------------------------------

ZONES = st.one_of(st.just(timezone.utc), st.integers(-1439, 1439).map(lambda m: timezone(timedelta(minutes=m))))
MOMENTS = st.builds(lambda d, micro, zone: d.replace(microsecond=micro, tzinfo=zone),
                    st.datetimes(datetime(1970, 1, 2), datetime(2200, 12, 30)),
                    st.sampled_from([0, 0, 0, 1, 500000, 123456]), ZONES)
TEXT = st.text(max_size=40)
PLAIN = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFFF, blacklist_characters='"\\\x7f'), max_size=30)
WORDS = st.one_of(TEXT, PLAIN, st.sampled_from(['He said "no"', 'a\\b', "line one\nline two", 'ends "', '"""',
                                                'x\n"""\ny', "tab\there", "回访\n满意", "\n", ""]))
KEY = st.sampled_from(["reason", "approver", "note", "by", "text", "method", "x-y_z", "9"])


@st.composite
def records(draw):
    top = {"schema": draw(st.sampled_from([1, 1, 2, 0, -7])), "id": "SG-20261116-001", "status": "received",
           "received": draw(MOMENTS)}
    for key in draw(st.lists(st.sampled_from(TOP_KEYS[4:]), max_size=8, unique=True)):
        top[key] = draw(WORDS)
    if draw(st.booleans()):
        top["happened"] = draw(st.one_of(st.dates(date(1970, 1, 1), date(2200, 12, 31)), MOMENTS))
    complainant = {"name": draw(WORDS), "contact": draw(st.one_of(st.none(), WORDS))}
    times = {"received": top["received"]}
    history = {"at": top["received"], "by": draw(WORDS), "action": "file"}
    text = new_record_text(top, complainant, times, history)
    for _ in range(draw(st.integers(0, 3))):
        text = apply_change(text, draw(changes()), {"at": draw(MOMENTS), "by": draw(WORDS), "action": "edit",
                                                     **draw(st.dictionaries(KEY, WORDS, max_size=2))})
    return text


@st.composite
def changes(draw):
    tables = {}
    for name in draw(st.lists(st.sampled_from(["reply", "closing", "revisit", "review"]), max_size=2, unique=True)):
        tables[name] = draw(st.dictionaries(KEY, st.one_of(WORDS, st.booleans(), MOMENTS), min_size=1, max_size=3))
    if draw(st.booleans()):
        clocks = draw(st.lists(st.sampled_from(["respond", "resolve", "route"]), min_size=1, max_size=2, unique=True))
        tables["extensions"] = {clock: {"due": draw(MOMENTS), "reason": draw(WORDS)} for clock in clocks}
    top = draw(st.dictionaries(st.sampled_from(["status", "links", "summary", "severity", "duplicate_of"]),
                               st.one_of(WORDS, st.lists(PLAIN, max_size=3), st.lists(TEXT, max_size=2)),
                               max_size=2))
    times = draw(st.dictionaries(st.sampled_from(["assigned", "replied", "closed"]), MOMENTS, max_size=2))
    drop = tuple(draw(st.lists(st.sampled_from(["assigned", "replied"]), max_size=1)))
    return Change("edit", top=top, tables=tables, times=times, drop_times=drop)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_every_record_the_writer_makes_reads_as_tomllib_reads_it(text):
    found = agrees(text)
    assert found is not None, text  # plaint's own layout is never declined


# -- damaged and hand-made texts: the same answer as tomllib's, or none ---------------------------

PIECES = ['"', '\\', "'", "[", "]", "=", " ", "\n", "#", ".", ",", "\t", "\r", "\x00", "\x7f", "0", "9", "T",
          "Z", ":", "-", "+", "u", "e", "{", "}", '"""', "\\u", "\\U0001F600", "\\ud800", "é", "\ufeff"]


@st.composite
def damaged(draw):
    text = draw(records())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "duplicate line", "cut"]))
        if how == "insert":
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 4)):]
        elif how == "replace":
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at + 1:]
        elif how == "duplicate line":
            lines = text.split("\n")
            line = at % len(lines)
            lines.insert(draw(st.integers(0, len(lines))), lines[line])
            text = "\n".join(lines)
        else:
            text = text[:at]
    return text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_a_damaged_record_reads_as_tomllib_reads_it_or_is_declined(text):
    agrees(text)


# Mostly what the reader takes (so that accepted texts are many), sometimes what it must decline.
KEYS = (["a", "b", "c", "history", "times", "1", "true", "x-y_z"], ["a.b", '"a"', "a b", "", "é"])
SEPARATORS = ([" = "], ["=", "  = ", " =\t", " =  "])
VALUES = (['"x"', '""', '"a\\"b"', '"\\u00e9\\t"', "1", "-0", "0", "-12", "true", "false", "2026-02-28",
           "2026-03-01T00:26:00+08:00", "2026-03-01T00:26:00Z", "2026-03-01T00:26:00.25-00:00",
           "2026-03-01T00:26:00-23:59", "2024-02-29", '["a", "b"]', "[]", '"""x"""', '"""\nx\ny"""', '"""x""""',
           '"""x"""""', '"""\n"""', '"""a ""\\" b\n"""'],
          ['"\\ud800"', '"\\x41"', "'lit'", "+1", "01", "1_000", "0x1F", "1.5", "inf", "True", "2026-02-30",
           "2026-13-01", "2026-03-01T00:26:00z", "2026-03-01 00:26:00Z", "2026-03-01T00:26:00",
           "2026-03-01T24:00:00Z", "2026-03-01T00:26:00.1234567+08:00", "2026-03-01T00:26:00+05:60",
           "0000-01-01T00:00:00Z", '["a","b"]', "[1, 2]", '["a", ]', "{}", '{a = 1}', '"""x""""""',
           '"""a\\\n  b"""', '"""x', '"x" # c', '"x\u0001"'])
HEADERS = (["[a]", "[b]", "[a.b]", "[a.c]", "[[a]]", "[[history]]", "[history]", "[times]", "[a.b.c]", "[b.a]", ""],
           ["[history.x]", "[ a ]", "# a comment", "  ", "[[a.b]]", '["a"]', "[a]]", "[[a]"])


def pick(draw, choices):
    usual, odd = choices
    return draw(st.sampled_from(odd if draw(st.integers(0, 11)) == 0 else usual))


@st.composite
def handmade(draw):
    lines = []
    for _ in range(draw(st.integers(1, 10))):
        if draw(st.integers(0, 2)) == 0:
            lines.append(pick(draw, HEADERS))
        else:
            lines.append(pick(draw, KEYS) + pick(draw, SEPARATORS) + pick(draw, VALUES))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\r\n"]))


@settings(max_examples=1000, deadline=None)
@given(handmade())
@example("[a.b]\nx = 1\n[a]\ny = 2\n")  # a table named by a later one's header, defined after it: valid
@example("[a]\nx = 1\n[a]\ny = 2\n")  # defined twice: invalid
@example("a = 1\n[a]\n")
@example("[[a]]\nx = 1\n[[a]]\nx = 2\n")
@example("a = []\n[[a]]\n")
def test_a_hand_made_text_reads_as_tomllib_reads_it_or_is_declined(text):
    agrees(text)


@pytest.mark.parametrize("text, value", [
    ('s = """x""""\n', 'x"'), ('s = """x"""""\n', 'x""'), ('s = """\nx\n"""\n', "x\n"), ('s = """\n\nx"""\n', "\nx"),
    ('s = "\\u00e9\\U0001F600\\t\\"\\\\"\n', 'é😀\t"\\'), ('s = """a ""\\" b"""\n', 'a """ b'),
    ("s = 2026-03-01T00:26:00.5-03:30\n", datetime(2026, 3, 1, 0, 26, 0, 500000, timezone(-timedelta(hours=3, minutes=30)))),
    ("s = 2026-03-01T00:26:00-00:00\n", datetime(2026, 3, 1, 0, 26, tzinfo=timezone.utc)),
    ("s = 0001-01-01T00:00:00.000001+23:59\n", datetime(1, 1, 1, 0, 0, 0, 1, timezone(timedelta(hours=23, minutes=59)))),
    ("s = 2026-03-01\n", date(2026, 3, 1)), ('s = ["a, b", "\\""]\n', ["a, b", '"']), ("s = -0\n", 0),
])
def test_values_of_the_layout(text, value):
    found = agrees(text)
    assert found is not None and same(found["s"], value)


@pytest.mark.parametrize("text", [
    "s = 'x'\n", "# c\ns = 1\n", "s = 1 # c\n", "s = 1.5\n", "s = 2026-03-01T00:26:00\n", "s.t = 1\n",
    's = """a\\\n b"""\n', 's = "\\ud800"\n', "s = 2026-02-30\n", "s = 1\ns = 1\n", "[a]\n[a]\n", "s = {}\n",
    "s = 1\r\n", "s  = 1\n", " s = 1\n", "s = 1 \n", "[[history]]\n[history.x]\n", "s = \"\x01\"\n", 's = """x""""""\n',
    "s = 2026-03-01T00:26:00+05:60\n", "s = 2026-03-01T00:26:00+24:00\n", "s = +1\n", "s = 01\n", "s = 1_000\n",
])
def test_anything_else_is_declined(text):
    assert agrees(text) is None


# -- every record plaint writes in a book, through its commands -------------------------------------

def test_every_record_a_book_holds_after_each_action_reads_fast(tmp_path):
    book = make_book(tmp_path)
    for n in range(3):
        book("file", "--channel", "phone", "--summary", f'Radiator "{n}" cold \\ angry', "--unit", "3-2-501",
             "--name", "Zhang Wei", "--contact", "13800138000", "--details", "line one\nline \"two\"\n回访",
             now=f"2026-11-16 14:0{n}")
    book("classify", "001", "--validity", "valid", "--severity", "important", "--category", "facilities",
         now="2026-11-16 14:08")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 14:10")
    book("extend", "001", "--clock", "resolve", "--to", "2026-11-25 18:00", "--approver", "general manager", "--reason", "parts",
         now="2026-11-16 14:20")
    book("reply", "001", "--text", "Fixed\nfor good", "--method", "phone", now="2026-11-16 15:30")
    book("close", "001", "--resolution", "Air lock bled", "--cause", "Air in the loop", now="2026-11-16 16:00")
    book("revisit", "001", "--method", "phone", "--satisfied", "--words", "It is warm now", now="2026-11-16 17:00")
    book("reopen", "001", "--reason", "cold again", now="2026-11-17 09:00")
    book("note", "002", "--text", "called twice", now="2026-11-17 09:10")
    book("link", "002", "003", now="2026-11-17 09:20")
    book("link", "003", "--duplicate-of", "002", "--reason", "same \"radiator\"", now="2026-11-17 09:30")
    book("edit", "002", "--summary", "Radiator cold again", "--reason", "typo", now="2026-11-17 09:40")
    files = sorted(book.root.glob("*/*/*.toml"))
    assert len(files) == 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert agrees(text) is not None, text
    data = recordtoml.loads(files[0].read_text(encoding="utf-8"))
    assert [entry["action"] for entry in data["history"]][:3] == ["file", "classify", "assign"]
    assert json.loads(book("show", "001", "--format", "json").stdout)["status"] == "reopened"
