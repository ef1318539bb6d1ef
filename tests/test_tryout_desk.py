"""What this session's tryout (a new user's month, a Chinese desk, a hostile user) found: each bug
reproduced here as it was met."""

import json
import subprocess


def _git(book, *args):
    return subprocess.run(["git", "-C", str(book.root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                          capture_output=True, text=True, check=True)


def test_a_record_in_another_month_folder_is_not_a_second_record(book):
    """A copy of SG-20261116-001 kept in 2026/10/ (a hand edit lowered its severity) was read as a
    second record: `list` and `overdue` showed the case twice with two severities, `show 001` said
    "ambiguous: SG-20261116-001, SG-20261116-001" (no longer id can tell them apart) and `check`
    passed once the copy was committed. A record's file lives in its id's month folder."""
    book("file", "--channel", "phone", "--summary", "Lift stuck", "--unit", "5-1-1202", now="2026-11-16 14:05")
    book("classify", "001", "--validity", "valid", "--severity", "major", now="2026-11-16 14:10")
    good = book.root / "2026/11/SG-20261116-001.toml"
    copy = book.root / "2026/10/SG-20261116-001.toml"
    copy.parent.mkdir()
    copy.write_text(good.read_text().replace('severity = "major"', 'severity = "minor"'))
    _git(book, "add", "-A")
    _git(book, "commit", "-qm", "a copy in October")
    now = "2026-11-30 10:00"
    message = (f"{copy}:1: not in the folder of its id's month (2026/11/), so not read as a record; "
               "a record's file never moves: put it back in 2026/11/, or remove it if it is a copy")
    assert book("show", "001", now=now).stdout.startswith("SG-20261116-001  [received]  Valid complaint / Major")
    listed = book("list", "--format", "json", now=now, expect=2)
    assert [(row["id"], row["severity"]) for row in json.loads(listed.stdout)] == [("SG-20261116-001", "major")]
    assert listed.stderr == message + "\n"
    late = book("overdue", "--format", "json", now=now, expect=2)
    assert [(row["id"], row["clock"], row["severity"]) for row in json.loads(late.stdout)] == [
        ("SG-20261116-001", "route", "major"), ("SG-20261116-001", "acknowledge", "major"),
        ("SG-20261116-001", "respond", "major"), ("SG-20261116-001", "resolve", "major")]
    assert book("check", now=now, expect=2).stderr.splitlines()[-1] == message


def test_a_book_git_refuses_for_its_owner_is_never_written_without_its_commit(book, monkeypatch):
    """A shared book whose repository belongs to another user (git: "detected dubious ownership",
    safe.directory) looked like no repository at all: `assign` wrote the record and made no commit
    without a word, `check` passed over the uncommitted change, and `log` said "is not its own git
    repository". Git's refusal is said, and nothing is written."""
    book("file", "--channel", "phone", "--summary", "Lift stuck", now="2026-11-16 14:05")
    path = book.root / "2026/11/SG-20261116-001.toml"
    before, commits = path.read_text(), book.git_count()
    # what git does for a user who does not own the repository: safe.directory set to a folder elsewhere
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "safe.directory")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "/nowhere")
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    said = (f"Error: git refuses the repository {book.root}: it belongs to another user (git's safe.directory), "
            "so plaint can neither read its history nor commit; nothing written. If the book is yours to use, "
            f"tell git so: git config --global --add safe.directory {book.root}\n")
    assert book("assign", "001", "--handler", "Wang", now="2026-11-16 15:00", expect=2).stderr == said
    assert book("file", "--channel", "phone", "--summary", "Noise", now="2026-11-16 15:00", expect=2).stderr == said
    assert book("check", now="2026-11-16 15:00", expect=2).stderr == said
    assert book("log", "001", expect=2).stderr == said
    monkeypatch.chdir(book.root.parent)  # --book typed relative: git's safe.directory wants the absolute path
    from plaint.commands.app import main
    assert book.runner.invoke(main, ["--book", "book", "log", "001"]).stderr == said
    monkeypatch.delenv("GIT_TEST_ASSUME_DIFFERENT_OWNER")
    assert (path.read_text(), book.git_count(), sorted(p.name for p in path.parent.iterdir())) == (
        before, commits, ["SG-20261116-001.toml"])


def test_a_time_typed_in_full_width_digits_reads_as_typed_in_ascii(book):
    """A Chinese input method in full-width mode types `２０２６－１１－１６ １４：０５`: `11月16日` and
    `２０２６年１１月１６日` were read, but the same time written the ISO way was "not a valid date and
    time" (from_chinese normalised only the Chinese form)."""
    filed = book("file", "--channel", "phone", "--summary", "Lift stuck", "--format", "json",
                 now="２０２６－１１－１６ １４：０５")
    assert json.loads(filed.stdout)["deadlines"]["resolve"] == "2026-11-19T00:00:00+08:00"
    shown = json.loads(book("show", "001", "--format", "json", now="２０２６-１１-１６T１５:１０").stdout)
    assert (shown["received"], shown["deadlines"]["acknowledge"]["state"]) == ("2026-11-16T14:05:00+08:00", "overdue")
    extended = book("extend", "001", "--clock", "resolve", "--to", "２０２６－１１－２０", "--approver",
                    "department manager", "--reason", "Parts late", now="2026-11-16 15:00")
    assert extended.stdout == "SG-20261116-001: resolve deadline extended to Fri 2026-11-20 24:00\n"


def test_a_value_nested_too_deeply_by_hand_is_said_not_an_internal_error(book):
    """A hand-added key nested 5,000 deep (`extra = [[[[…]]]]`) ended every reader with "internal error
    ... RecursionError" (exit 70, "a bug in plaint"); 300 deep read fine but `note` ended with "internal
    error ... (ParseError: TOML value nested more than 100 levels deep ...)" (tomlkit's limit)."""
    book("file", "--channel", "phone", "--summary", "Lift stuck", now="2026-11-16 14:05")
    path = book.root / "2026/11/SG-20261116-001.toml"
    good = path.read_text()
    path.write_text(good.replace("[complainant]", "extra = " + "[" * 5000 + "]" * 5000 + "\n\n[complainant]"))
    line = good.splitlines().index("[complainant]") + 1
    deep = f"{path}:{line}: not valid TOML: a value nested too deeply"
    for args in (["list"], ["overdue"], ["show", "001"], ["check"], ["report", "--month", "2026-11"]):
        said = book(*args, now="2026-11-20 10:00", expect=2).stderr
        assert deep in said and "internal error" not in said, args
    path.write_text(good.replace("[complainant]", "extra = " + "[" * 300 + "]" * 300 + "\n\n[complainant]"))
    book("show", "001", now="2026-11-20 10:00")  # read, as tomllib reads it
    commits = book.git_count()
    refused = book("note", "001", "--text", "Called back", now="2026-11-20 10:00", expect=2)
    assert refused.stderr == (f"Error: {path}:{line}: plaint cannot rewrite this record: TOML value nested more than "
                              f"100 levels deep; undo that hand edit (the history of the file: `plaint log`), then "
                              "repeat the command\n")
    assert "Called back" not in path.read_text() and book.git_log()[commits:] == ["edit SG-20261116-001 (by hand)"]


def test_extending_a_clock_the_case_does_not_run_names_the_clocks_in_chinese(book):
    """On a Chinese desk `extend 001 --clock 回访` (no call-back clock before closing) said "没有 'revisit'
    时限；它的时限：route, acknowledge, resolve" (the keys), where `show --explain 回访` names them."""
    book("file", "--channel", "phone", "--summary", "Radiator cold", now="2026-11-16 14:05")
    args = ("extend", "001", "--clock", "回访", "--add", "1wd", "--approver", "部门经理", "--reason", "x")
    refused = book("--lang", "zh", *args, now="2026-11-16 15:00", expect=2)
    assert refused.stderr == "错误：SG-20261116-001 没有 '回访' 时限；可选时限：转交部门、确定处理责任人、处理完毕\n"
    explained = book("--lang", "zh", "show", "001", "--explain", "回访", now="2026-11-16 15:00", expect=2)
    assert explained.stderr == refused.stderr
    english = book("extend", "001", "--clock", "revisit", "--add", "1wd", "--approver", "department manager",
                   "--reason", "x", now="2026-11-16 15:00", expect=2)
    assert english.stderr == ("Error: SG-20261116-001 runs no 'revisit' clock; allowed clocks: route, acknowledge, "
                              "resolve\n")


def test_a_write_refused_by_the_record_schema_is_said_in_chinese(book):
    """A call-back typed before the closing (`revisit --now` a day early) is stopped by the schema check
    before writing, but on a Chinese desk the refusal began in English: "错误：refusing to write a record
    that breaks the record schema; nothing written:" (the sentence was never marked for translation)."""
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    book("assign", "001", "--handler", "Wang", now="2026-11-16 14:10")
    book("reply", "001", "--text", "Fixed", "--method", "phone", now="2026-11-17 10:00")
    book("close", "001", "--resolution", "Fixed", now="2026-11-17 11:00")
    path = book.root / "2026/11/SG-20261116-001.toml"
    before, commits = path.read_text(), book.git_count()
    refused = book("--lang", "zh", "revisit", "001", "--method", "phone", "--satisfied", now="2026-11-16 16:00",
                   expect=2)
    assert refused.stderr.splitlines()[0] == "错误：拒绝写入不符合记录格式的记录；未写入任何内容："
    assert refused.stderr.splitlines()[1].startswith(f"{path}:")
    assert (path.read_text(), book.git_count()) == (before, commits)


def test_a_side_whose_history_is_no_list_is_said_in_chinese():
    """The merge driver's refusal of a side whose `history` is not a list of [[history]] tables stayed
    English on a Chinese desk ("the [[history]] is not a list of entries": never marked for translation)."""
    import pytest
    from plaint import i18n
    from plaint.merge import Unmergeable
    from plaint.mergefile import merge_texts
    record = ('schema = 1\nid = "SG-20261116-001"\nstatus = "received"\nreceived = 2026-11-16T14:05:00+08:00\n'
              'summary = "Lift"\n')
    broken = record + 'history = "gone"\n'
    i18n.reset("zh")
    try:
        with pytest.raises(Unmergeable) as refused:
            merge_texts(broken, broken, broken.replace("Lift", "Lift stuck"))
        assert str(refused.value) == "处理记录 [[history]] 不是由各条记录组成的列表"
    finally:
        i18n.reset()


def test_a_lock_that_is_no_file_is_refused_in_words(book):
    """A named pipe where the book lock belongs (`mkfifo .plaint.lock`) ended a step with "internal error
    ... (UnsupportedOperation: File or stream is not seekable.)", exit 70."""
    import os
    book("file", "--channel", "phone", "--summary", "Lift stuck", now="2026-11-16 14:05")
    lock = book.root / ".plaint.lock"
    lock.unlink(missing_ok=True)
    os.mkfifo(lock)
    refused = book("note", "001", "--text", "Called", now="2026-11-16 15:00", expect=2)
    assert refused.stderr == f"Error: {lock} is not a regular file; remove it (plaint recreates the lock)\n"
    lock.unlink()
    book("note", "001", "--text", "Called", now="2026-11-16 15:00")
