"""The $EDITOR form never loses work; $EDITOR is driven by a script that plays a person's rounds."""

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import make_book
from plaint.timeparse import FORMS

EDITOR = textwrap.dedent("""\
    import json, os, sys
    folder = os.environ["FORM_DIR"]
    count = len([n for n in os.listdir(folder) if n.startswith("seen-")]) + 1
    text = open(sys.argv[1], encoding="utf-8").read()
    open(os.path.join(folder, f"seen-{count}.txt"), "w", encoding="utf-8").write(text)
    plan = os.path.join(folder, f"round-{count}.json")
    if os.path.exists(plan):
        for old, new in json.load(open(plan, encoding="utf-8")):
            assert old in text, (old, text)
            text = text.replace(old, new, 1)
    open(sys.argv[1], "w", encoding="utf-8").write(text)
""")


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """Rounds: editor.plan(1, [(old, new), ...]); editor.seen(1) is the text the editor was given."""
    folder = tmp_path / "form"
    folder.mkdir()
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setenv("FORM_DIR", str(folder))

    class Editor:
        def plan(self, number, pairs):
            (folder / f"round-{number}.json").write_text(json.dumps(pairs, ensure_ascii=False), encoding="utf-8")

        def seen(self, number):
            return (folder / f"seen-{number}.txt").read_text(encoding="utf-8")

        def rounds(self):
            return len([p for p in folder.iterdir() if p.name.startswith("seen-")])
    return Editor()


DETAILS = "Details (everything below this line):\n"
TYPED = "Details (everything below this line):\nStuck between floors 4 and 5.\n# not a comment: kept\n\nCalled at 14:05."


def test_the_property_form_has_its_title_and_fields(book, editor):
    book("file", "--form", now="2026-11-16 14:05", expect=2)
    form = editor.seen(1)
    assert form.splitlines()[0] == "#: New complaint: Resident complaint form (住户投诉意见表)"
    assert "#: Needed now: channel, summary. Can wait until closing: unit.\n" in form
    assert ("#: one of: phone (Phone), in_person (In person), proxy (By proxy), letter (Letter), "
            "suggestion_box (Suggestion box)\nChannel: \n") in form
    assert "Source:" not in form  # the property policy lists no sources
    assert "\nReference: \n" in form and "\nCategory: \n" in form and "\nSeverity: \n" in form


def test_the_logistics_form_asks_for_the_source_and_the_waybill(tmp_path, editor):
    book = make_book(tmp_path, "logistics", "LG")
    book("file", "--form", now="2026-11-16 14:05", expect=2)
    form = editor.seen(1)
    assert form.splitlines()[0] == "#: New complaint: Complaint registration (客户投诉登记)"
    assert "#: one of: external, internal (empty: the channel's usual source)\nSource: \n" in form
    assert "\nWaybill number: \n" in form and "\nReference:" not in form


def test_a_bad_channel_reopens_the_form_with_the_text_intact(book, editor, monkeypatch):
    monkeypatch.setattr("plaint.commands.form.can_reopen", lambda: True)
    editor.plan(1, [("Channel: \n", "Channel: fax\n"), ("Summary: \n", "Summary: Trapped in the lift\n"),
                    ("Unit: \n", "Unit: 5-1\n"), (DETAILS, TYPED + "\n")])
    editor.plan(2, [("Channel: fax\n", "Channel: phone\n")])
    result = book("file", "--form", now="2026-11-16 14:05", expect=0)
    assert result.stdout == "SG-20261116-001\n"
    assert result.stderr.startswith("The form has errors (marked at its top); opening it again:\n"
                                    "  unknown channel 'fax'; allowed channel values: phone, in_person, proxy, "
                                    "letter, suggestion_box\n")
    first, second = editor.seen(1), editor.seen(2)
    typed = first
    for old, new in [("Channel: \n", "Channel: fax\n"), ("Summary: \n", "Summary: Trapped in the lift\n"),
                     ("Unit: \n", "Unit: 5-1\n"), (DETAILS, TYPED + "\n")]:
        typed = typed.replace(old, new, 1)
    assert second == ("#: ERROR: unknown channel 'fax'; allowed channel values: phone, in_person, proxy, letter, "
                      "suggestion_box\n"
                      "#: ERROR: fix the lines below and save; empty the file to give up (nothing is recorded)\n"
                      + typed)
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert (shown["channel"], shown["summary"], shown["unit"]) == ("phone", "Trapped in the lift", "5-1")
    assert shown["details"] == "Stuck between floors 4 and 5.\n# not a comment: kept\n\nCalled at 14:05."
    assert book.git_log()[-1] == "file SG-20261116-001: Trapped in the lift"


def test_without_a_terminal_the_draft_is_saved_and_named(book, editor):
    editor.plan(1, [("Channel: \n", "Channel: phone\n"), ("Happened: \n", "Happened: yesterday\n"),
                    (DETAILS, TYPED + "\n")])
    result = book("file", "--form", now="2026-11-16 14:05", expect=2)
    drafts = sorted((book.root / ".plaint-drafts").iterdir())
    assert [p.name for p in drafts] == ["draft-20261116-140500.txt"]
    assert result.stderr == (
        f"Error: the form has 2 error(s): cannot read Happened 'yesterday': not a valid date and time; {FORMS}; "
        "the policy requires Summary at "
        f"filing: fill it in. Nothing is recorded; your text is saved in {drafts[0]}; carry on with "
        f"`plaint file --draft {drafts[0]}`\n")
    assert editor.rounds() == 1 and book.git_log() == ["init book from template property"]
    saved = drafts[0].read_text(encoding="utf-8")
    assert saved.startswith("#: ERROR: cannot read Happened 'yesterday'") and TYPED in saved
    editor.plan(2, [("Happened: yesterday\n", "Happened: 2026-11-15 20:00\n"), ("Summary: \n", "Summary: Lift\n")])
    carried = book("file", "--draft", str(drafts[0]), now="2026-11-16 14:10")
    assert carried.stdout == "SG-20261116-001\n"
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["happened"] == "2026-11-15T20:00:00+08:00" and shown["details"].startswith("Stuck between")
    status = subprocess.run(["git", "-C", str(book.root), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""  # the drafts folder is git-ignored


def test_an_empty_or_unchanged_form_records_nothing(book, editor):
    assert book("file", "--form", now="2026-11-16 14:05", expect=2).stderr == \
        "Error: the form was left unchanged: nothing recorded\n"
    emptied = "".join(line for line in editor.seen(1).splitlines(keepends=True) if line.startswith("#:"))
    editor.plan(2, [(editor.seen(1), emptied)])
    assert book("file", "--form", now="2026-11-16 14:05", expect=2).stderr == \
        "Error: the form is empty: nothing recorded\n"
    assert book.git_count() == 1


def test_edit_alone_opens_the_record_in_the_editor(book, editor):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", "--contact", "13800138000",
         "--details", "# heating\nCold since Monday", now="2026-11-16 14:05")
    editor.plan(1, [("Contact: 13800138000\n", "Contact: 13800138001\n"), ("Reason: \n", "Reason: typo\n")])
    result = book("edit", "001", now="2026-11-16 15:00")
    assert result.stdout == "SG-20261116-001: edited contact\n"
    form = editor.seen(1)
    assert form.splitlines()[0] == "#: Correct SG-20261116-001: Resident complaint form (住户投诉意见表)"
    assert form.endswith(DETAILS + "# heating\nCold since Monday\n")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["details"] == "# heating\nCold since Monday"
    assert {k: v for k, v in shown["history"][-1].items() if k not in ("at", "by")} == {
        "action": "edit", "contact": "13800138001", "contact_was": "13800138000", "reason": "typo"}
    assert book.git_count() == 3
    unchanged = book("edit", "001", now="2026-11-16 15:10", expect=2)
    assert unchanged.stderr == "Error: the form was left unchanged: nothing recorded\n"


def test_edit_with_no_terminal_and_no_editor_refuses_cleanly(book, monkeypatch):
    # a new user's `plaint edit ID </dev/null` started vim on a pipe and exited 1
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    book("file", "--channel", "phone", "--summary", "Gate", "--unit", "1", now="2026-11-16 10:00")
    result = book("edit", "001", now="2026-11-16 10:05", expect=2)
    assert "no terminal for an editor and no $EDITOR set: nothing recorded" in result.stderr


def test_an_editor_that_fails_is_exit_2_not_1(book, monkeypatch):
    monkeypatch.setenv("EDITOR", "false")
    book("file", "--channel", "phone", "--summary", "Gate", "--unit", "1", now="2026-11-16 10:00")
    result = book("edit", "001", now="2026-11-16 10:05", expect=2)
    assert "the editor failed (" in result.stderr and "nothing recorded" in result.stderr
