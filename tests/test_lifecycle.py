"""The property procedure end to end, and every way bad input must write nothing."""

import json
import subprocess
import tomllib

import pytest

from conftest import make_book


def record_path(book, record_id):
    return next(book.root.glob(f"*/*/{record_id}.toml"))


def snapshot(book):
    return {p: p.read_bytes() for p in book.root.rglob("*") if p.is_file() and ".git" not in p.parts}


def test_radiator_case_end_to_end(book):
    """domain.md's worked case: a Monday afternoon in early winter, a cold radiator."""
    filed = book("file", "--channel", "phone", "--summary", "Radiator cold, resident angry", "--unit", "3-2-501",
                 "--name", "Zhang Wei", "--contact", "13800138000", "--format", "json", now="2026-11-16 14:05")
    data = json.loads(filed.stdout)
    assert data == {
        "id": "SG-20261116-001",
        "path": str(book.root / "2026" / "11" / "SG-20261116-001.toml"),
        "deadlines": {"route": "2026-11-16T14:15:00+08:00", "acknowledge": "2026-11-16T15:05:00+08:00",
                      "resolve": "2026-11-19T00:00:00+08:00"},
    }
    book("classify", "001", "--validity", "valid", "--severity", "important", "--category", "facilities",
         now="2026-11-16 14:08")
    book("assign", "001", "--handler", "Duty officer Wang", "--department", "Engineering", now="2026-11-16 14:10")
    book("reply", "001", "--text", "Repair crew fixed the radiator; resident confirms it is warm", "--method", "phone",
         now="2026-11-16 15:30", by="Duty officer Wang")
    book("close", "001", "--resolution", "Air lock bled", "--cause", "Air in the loop", now="2026-11-16 16:00",
         by="Duty officer Wang")
    book("revisit", "001", "--method", "phone", "--satisfied", "--words", "It is warm now", now="2026-11-16 17:00",
         by="Chen Jing")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["status"] == "revisited"
    contract = ("due", "met", "provisional", "original_due", "stopped", "duration")
    assert {clock: info["state"] for clock, info in shown["deadlines"].items()} == {
        "route": "met", "acknowledge": "met", "resolve": "met", "revisit": "met"}
    assert {clock: {k: info[k] for k in contract} for clock, info in shown["deadlines"].items()} == {
        "route": {"due": "2026-11-16T14:15:00+08:00", "met": True, "provisional": False,
                  "original_due": "2026-11-16T14:15:00+08:00", "stopped": "2026-11-16T14:10:00+08:00",
                  "duration": "10 minutes"},
        "acknowledge": {"due": "2026-11-16T15:05:00+08:00", "met": True, "provisional": False,
                        "original_due": "2026-11-16T15:05:00+08:00", "stopped": "2026-11-16T14:10:00+08:00",
                        "duration": "1 hour"},
        "resolve": {"due": "2026-11-20T00:00:00+08:00", "met": True, "provisional": False,
                    "original_due": "2026-11-20T00:00:00+08:00", "stopped": "2026-11-16T16:00:00+08:00",
                    "duration": "3 days"},
        "revisit": {"due": "2026-11-19T18:00:00+08:00", "met": True, "provisional": False,
                    "original_due": "2026-11-19T18:00:00+08:00", "stopped": "2026-11-16T17:00:00+08:00",
                    "duration": "3 working days"},
    }
    assert [h["action"] for h in shown["history"]] == ["file", "classify", "assign", "reply", "close", "revisit"]
    assert book.git_log() == [
        "init book from template property",
        "file SG-20261116-001: Radiator cold, resident angry",
        "classify SG-20261116-001: valid, important, facilities",
        "assign SG-20261116-001: Duty officer Wang, Engineering",
        "reply SG-20261116-001: Repair crew fixed the radiator; resident confirms it is warm",
        "close SG-20261116-001: Air lock bled, Air in the loop",
        "revisit SG-20261116-001: phone, It is warm now",
    ]
    body = subprocess.run(["git", "-C", str(book.root), "log", "-1", "--format=%B"], capture_output=True,
                          text=True).stdout
    assert "Complaint: SG-20261116-001\nAction: revisit\nActor: Chen Jing" in body
    # each commit holds that record only
    files = subprocess.run(["git", "-C", str(book.root), "show", "--name-only", "--format=", "HEAD~2"],
                           capture_output=True, text=True).stdout.split()
    assert files == ["2026/11/SG-20261116-001.toml"]
    log = book("log", "001").stdout.splitlines()
    assert [line.split("  ")[2] for line in log] == book.git_log()[1:]
    assert log[-1].endswith("  revisit SG-20261116-001: phone, It is warm now  (Chen Jing)")


def test_major_case_and_reclassification_moves_deadlines(book):
    book("file", "--channel", "phone", "--summary", "Trapped in lift", "--unit", "5-1", now="2026-11-16 14:05")
    book("classify", "001", "--severity", "major", now="2026-11-16 14:10")
    deadlines = json.loads(book("show", "001", "--format", "json").stdout)["deadlines"]
    assert {k: v["due"] for k, v in deadlines.items()} == {
        "route": "2026-11-16T14:15:00+08:00", "acknowledge": "2026-11-16T18:00:00+08:00",
        "respond": "2026-11-19T00:00:00+08:00", "resolve": "2026-11-27T00:00:00+08:00"}
    book("classify", "001", "--severity", "minor", "--reason", "Released within minutes", now="2026-11-16 15:00")
    deadlines = json.loads(book("show", "001", "--format", "json").stdout)["deadlines"]
    assert deadlines["resolve"]["due"] == "2026-11-19T00:00:00+08:00"
    history = json.loads(book("show", "001", "--format", "json").stdout)["history"]
    assert history[-1] == {"at": "2026-11-16T15:00:00+08:00", "by": "Li Na", "action": "classify",
                           "severity": "minor", "previous_severity": "major",
                           "reason": "Released within minutes"}  # a re-classify keeps what it replaced


def test_extension_checks_the_approver(book):
    book("file", "--channel", "phone", "--summary", "Lights out", "--unit", "6-12", now="2026-11-16 10:00")
    book("classify", "001", "--severity", "minor", now="2026-11-16 10:05")
    before = snapshot(book)
    wrong = book("extend", "001", "--clock", "resolve", "--by", "2wd", "--approver", "handler",
                 "--reason", "parts", now="2026-11-17 10:00", expect=2)
    assert "approved by the department manager" in wrong.stderr
    assert snapshot(book) == before
    book("extend", "001", "--clock", "resolve", "--by", "2wd", "--approver", "department manager",
         "--reason", "Fittings on order", now="2026-11-17 10:00")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    # 2 days from Mon 10:00 -> Wed 2026-11-18 24:00. A deadline at 24:00 belongs to the day it ends, so
    # + 2 working days counts from Wed (day 0): Thu 19, Fri 20 -> Fri 18:00 (issue #9, item 4).
    assert shown["deadlines"]["resolve"]["due"] == "2026-11-20T18:00:00+08:00"
    assert shown["deadlines"]["resolve"]["original_due"] == "2026-11-19T00:00:00+08:00"
    assert shown["extensions"]["resolve"]["approver"] == "department manager"


@pytest.mark.parametrize("args, message", [
    (["file", "--channel", "fax", "--summary", "x", "--unit", "1"],
     "unknown channel 'fax'; allowed channel values: phone, in_person, proxy, letter, suggestion_box"),
    (["file", "--channel", "phone", "--summary", "x", "--unit", "1", "--category", "plumbing"],
     "unknown category 'plumbing'; allowed category values: property_services"),
    (["file", "--channel", "phone", "--summary", "x", "--unit", "1", "--severity", "huge"],
     "allowed severity values: minor, important, major"),
    (["file", "--channel", "phone"], "missing required field(s) summary"),
    (["file", "--channel", "phone", "--summary", "x", "--unit", "1", "--received", "2026-02-30 10:00"],
     "cannot read --received '2026-02-30 10:00'"),
    (["file", "--channel", "phone", "--summary", "x", "--unit", "1", "--received", "yesterday"],
     "cannot read --received 'yesterday'"),
    (["file", "--channel", "phone", "--summary", "x", "--unit", "1", "--received", "2026-11-17 10:00"],
     "is after now"),
    (["classify", "001", "--severity", "huge"], "unknown severity 'huge'"),
    (["classify", "999", "--severity", "minor"], "no complaint '999'"),
    (["classify", "../../etc/passwd", "--severity", "minor"], "is not an id"),
    (["classify", "001/../x", "--severity", "minor"], "is not an id"),
    (["revisit", "001", "--satisfied"], "a revisit comes after closing"),
    (["reopen", "001", "--reason", "x"], "nothing to reopen"),
    (["close", "001", "--resolution", "done"], "requires a handler is assigned"),
])
def test_bad_input_writes_and_commits_nothing(book, args, message):
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "7-2", now="2026-11-16 10:00")
    before, commits = snapshot(book), book.git_count()
    result = book(*args, now="2026-11-16 12:00", expect=2)
    assert message in result.stderr
    assert result.stderr.startswith("Error: ")
    assert snapshot(book) == before
    assert book.git_count() == commits


def test_time_before_receipt_refused(book):
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "7-2", now="2026-11-16 10:00")
    result = book("assign", "001", "--handler", "A", now="2026-11-16 09:00", expect=2)
    assert "is before SG-20261116-001 was received" in result.stderr


def test_ambiguous_tail_lists_candidates(book):
    for _ in range(2):
        book("file", "--channel", "phone", "--summary", "x", "--unit", "1", now="2026-11-16 10:00")
    book("file", "--channel", "phone", "--summary", "x", "--unit", "1", now="2026-11-17 10:00")
    result = book("show", "001", expect=2)
    assert "'001' is ambiguous: SG-20261116-001, SG-20261117-001" in result.stderr
    assert json.loads(book("show", "1117-001", "--format", "json").stdout)["id"] == "SG-20261117-001"
    assert json.loads(book("show", "sg-20261116-002", "--format", "json").stdout)["id"] == "SG-20261116-002"


TRICKY = 'He said "no" \'\'\' """ and \\n is not a newline\\\nline two\n第二行 中文 😀\ttab\r\nCRLF end\\'
TRICKY_LINE = 'He said "no" \'\'\' """ and \\n is not a newline\\ 第二行 中文 😀 end\\'  # a summary is one line


def test_text_comes_back_byte_for_byte(book):
    book("file", "--channel", "phone", "--summary", TRICKY_LINE, "--details", TRICKY, "--unit", "1", "--name", "王小明 😀",
         now="2026-11-16 10:00")
    book("reply", "001", "--text", TRICKY, now="2026-11-16 11:00")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["summary"] == TRICKY_LINE and shown["details"] == TRICKY and shown["reply"]["text"] == TRICKY
    assert shown["complainant"]["name"] == "王小明 😀"
    with open(record_path(book, "SG-20261116-001"), "rb") as handle:
        assert tomllib.load(handle)["details"] == TRICKY


def test_hand_edit_survives_the_next_command(book):
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "7-2", now="2026-11-16 10:00")
    path = record_path(book, "SG-20261116-001")
    text = path.read_text().replace('summary = "Noise"', 'summary = "Noise at night"  # corrected by hand')
    path.write_text(text + '\n[notes]\nsupervisor = "Call back on Friday"\n')
    book("assign", "001", "--handler", "Wang", now="2026-11-16 10:30")
    after = path.read_text()
    assert 'summary = "Noise at night"  # corrected by hand' in after
    data = tomllib.loads(after)
    assert data["notes"] == {"supervisor": "Call back on Friday"}
    assert data["handler"] == "Wang"
    assert list(data)[-1] == "history"  # the current state stays first


def test_syntax_error_reported_with_path_and_line(book):
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "7-2", now="2026-11-16 10:00")
    path = record_path(book, "SG-20261116-001")
    lines = path.read_text().splitlines()
    lines[5] = "<<<<<<< HEAD"
    path.write_text("\n".join(lines) + "\n")
    result = book("list", expect=2)
    assert f"{path}:6: " in result.stderr
    shown = book("show", "001", expect=2)
    assert f"Error: {path}:6: " in shown.stderr


def test_interrupted_write_leaves_the_old_record(book, monkeypatch):
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "7-2", now="2026-11-16 10:00")
    path = record_path(book, "SG-20261116-001")
    before = path.read_bytes()
    import os

    def crash(src, dst):
        raise KeyboardInterrupt("power cut")
    monkeypatch.setattr(os, "replace", crash)
    book("assign", "001", "--handler", "Wang", now="2026-11-16 10:30", expect=130)  # Ctrl-C: one line, exit 130
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind


def test_eight_concurrent_filings(book):
    env = {**__import__("os").environ, "PLAINT_BOOK": str(book.root), "PLAINT_NOW": "2026-11-16 10:00"}
    cmd = [__import__("sys").executable, "-m", "plaint", "--by", "Desk", "file", "--channel", "phone", "--summary", "Same minute",
           "--unit", "1"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(8)]
    outputs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, outputs
    ids = sorted(out.strip() for out, _ in outputs)
    assert ids == [f"SG-20261116-{n:03d}" for n in range(1, 9)]
    assert len(list(book.root.glob("2026/11/*.toml"))) == 8
    assert book.git_count() == 9
    status = subprocess.run(["git", "-C", str(book.root), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""


def test_no_commit_and_enclosing_repository(tmp_path):
    outer = tmp_path / "outer"
    outer.mkdir()
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    book = make_book(outer)  # inside another repository: never committed into it
    book("file", "--channel", "phone", "--summary", "x", "--unit", "1", now="2026-11-16 10:00")
    assert not (book.root / ".git").exists()
    log = subprocess.run(["git", "-C", str(outer), "log", "--oneline"], capture_output=True, text=True)
    assert log.stdout == ""


def test_no_commit_flag(book):
    book("--no-commit", "file", "--channel", "phone", "--summary", "x", "--unit", "1", now="2026-11-16 10:00")
    assert book.git_count() == 1


def test_unsatisfied_revisit_reopens(book):
    book("file", "--channel", "phone", "--summary", "Rude guard", "--unit", "1", now="2026-11-16 10:00")
    book("assign", "001", "--handler", "Zhou", now="2026-11-16 10:10")
    book("close", "001", "--resolution", "Apologised", now="2026-11-16 11:00")
    book("revisit", "001", "--unsatisfied", "--words", "Still rude", "--reopen", now="2026-11-17 10:00")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["status"] == "reopened"
    resolve = shown["deadlines"]["resolve"]
    assert {k: resolve[k] for k in ("due", "met", "provisional", "original_due", "stopped", "duration", "round",
                                    "start")} == {
        "due": "2026-11-20T00:00:00+08:00", "met": None, "provisional": False,
        "original_due": "2026-11-20T00:00:00+08:00", "stopped": None, "duration": "2 days", "round": 2,
        "start": "2026-11-17T10:00:00+08:00"}
    assert "revisit" not in shown["deadlines"]
    book("close", "001", "--resolution", "Guard moved", now="2026-11-18 10:00")
    book("revisit", "001", "--satisfied", now="2026-11-19 10:00")
    assert json.loads(book("show", "001", "--format", "json").stdout)["status"] == "revisited"


def test_editor_unchanged_aborts(book, monkeypatch):
    import click
    from plaint.commands import steps as cli
    monkeypatch.setattr(click, "edit", lambda text, **kw: text)
    monkeypatch.setattr(cli, "interactive", lambda: True)
    result = book("file", now="2026-11-16 10:00", expect=2)
    assert "unchanged: nothing recorded" in result.stderr
    assert list(book.root.glob("20*")) == []


def test_editor_form(book, monkeypatch):
    import click

    def fake_edit(text, **kwargs):
        return text.replace("Channel: ", "Channel: phone").replace("Summary: ", "Summary: Bins not emptied") \
            .replace("Unit: ", "Unit: 9-1") + "They smell.\nSecond line.\n"
    monkeypatch.setattr(click, "edit", fake_edit)
    from plaint.commands import steps as cli
    monkeypatch.setattr(cli, "interactive", lambda: True)
    book("file", now="2026-11-16 10:00")
    monkeypatch.undo()
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["summary"] == "Bins not emptied" and shown["details"] == "They smell.\nSecond line."
