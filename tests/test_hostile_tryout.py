"""What a hostile tryout found: each a small bug, reproduced here exactly as it was met."""

import json


def _case(book, now="2026-11-16 14:05"):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now=now)


def test_an_extension_by_nothing_is_refused(book):
    """`extend --add 0wd` granted a whole working day (Wed 24:00 -> Thu 18:00, as `--add 1wd` does)."""
    _case(book)
    commits = book.git_count()
    for zero in ("0wd", "0 working hours", "0d", "0m", "0个工作日"):
        refused = book("extend", "001", "--clock", "resolve", "--add", zero, "--approver", "department manager",
                       "--reason", "Parts late", now="2026-11-16 15:00", expect=2)
        assert refused.stderr == (f"Error: --add: duration {zero!r} adds no time; an extension adds at least one "
                                  "unit, e.g. --add 2wd\n")
    assert book.git_count() == commits
    shown = json.loads(book("show", "001", "--format", "json", now="2026-11-16 15:00").stdout)
    assert shown["deadlines"]["resolve"]["due"] == "2026-11-19T00:00:00+08:00"  # unmoved: Wed 24:00
    granted = book("extend", "001", "--clock", "resolve", "--add", "1wd", "--approver", "department manager",
                   "--reason", "Parts late", now="2026-11-16 15:00")
    assert granted.stdout == "SG-20261116-001: resolve deadline extended to Thu 2026-11-19 18:00\n"


def _into_a_closed_pipe(book, *args):
    """Run plaint with stdout a pipe nobody reads (`plaint list --format csv | head -0`)."""
    import os
    import subprocess
    import sys
    read, write = os.pipe()
    os.close(read)  # the reader is gone before plaint writes a byte
    try:
        return subprocess.run([sys.executable, "-m", "plaint", "--book", str(book.root), *args], stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write)


def test_a_reader_that_stops_early_is_not_an_internal_error(book):
    """`plaint list --format csv | head -1` on a large book ended with `internal error ... BrokenPipeError`
    and exit 70 (a bug report to the user); a reader that stops reading is not a bug. It ends quietly
    with the code the command would have had had it been read to the end: 0, or overdue's 1 when
    something is overdue (Click's 1 for every command made `overdue --within ... | head` a finding
    it was not; see fixes.md, item 7)."""
    _case(book)
    for args in (["list", "--format", "csv"], ["list", "--format", "json"], ["list"], ["show", "001"],
                 ["find", "radiator", "--format", "csv"], ["--now", "2026-11-16 14:06", "overdue", "--within", "1h"],
                 ["--now", "2026-11-16 14:06", "overdue", "--within", "1h", "--format", "json"],
                 ["--now", "2026-11-16 14:06", "overdue", "--within", "1h", "--count"]):
        result = _into_a_closed_pipe(book, *args)
        assert (result.returncode, result.stderr) == (0, ""), args
    for args in (["overdue", "--now", "2026-11-20 10:00"], ["overdue", "--format", "json", "--now", "2026-11-20 10:00"],
                 ["overdue", "--now", "2026-11-20 10:00", "--count"]):
        result = _into_a_closed_pipe(book, *args)
        assert (result.returncode, result.stderr) == (1, ""), args  # something is overdue: still said


def _git(book, *args, check=True):
    import subprocess
    return subprocess.run(["git", "-C", str(book.root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                          capture_output=True, text=True, check=check)


def test_no_write_on_a_detached_head(book):
    """A write on a detached HEAD committed onto no branch: the next `git switch` dropped the step
    from the book (only the reflog kept it). Refused before anything is written."""
    _case(book)
    _git(book, "checkout", "-q", "--detach", "HEAD")
    before, path = _git(book, "rev-parse", "HEAD").stdout, book.root / "2026/11/SG-20261116-001.toml"
    text = path.read_text()
    refused = book("assign", "001", "--handler", "Wang", now="2026-11-16 15:00", expect=2)
    assert refused.stderr == (f"Error: {book.root} is not on a branch (detached HEAD): a commit here would belong to "
                              "no branch and be lost at the next checkout; nothing written. Switch to the book's "
                              f"branch first (git -C {book.root} switch BRANCH), or write with --no-commit\n")
    assert (path.read_text(), _git(book, "rev-parse", "HEAD").stdout) == (text, before)
    book("file", "--channel", "phone", "--summary", "Lift stuck", now="2026-11-16 15:00", expect=2)
    assert not (book.root / "2026/11/SG-20261116-002.toml").exists()


def test_no_write_into_a_merge_in_progress(book):
    """During a merge that stopped on a conflict, a write wrote its record, then failed to commit
    ("cannot do a partial commit during a merge"), and its recovery had `git add`ed the conflicted
    record, marking the conflict resolved. Refused before anything is written or added."""
    _case(book)
    book("file", "--channel", "phone", "--summary", "Lift stuck", now="2026-11-16 14:10")
    _git(book, "checkout", "-q", "-b", "side")
    book("assign", "002", "--handler", "Zhao", now="2026-11-16 15:00")
    _git(book, "checkout", "-q", "-")
    book("assign", "002", "--handler", "Qian", now="2026-11-16 15:10")
    assert _git(book, "-c", "merge.plaint.driver=false", "merge", "side", check=False).returncode == 1
    path = book.root / "2026/11/SG-20261116-001.toml"
    text = path.read_text()
    refused = book("assign", "001", "--handler", "Sun", now="2026-11-16 16:00", expect=2)
    assert refused.stderr == (f"Error: a git merge is in progress in {book.root}; nothing written (plaint never "
                              "commits into an unfinished merge). Finish it (resolve, git add, git commit) or abort "
                              f"it (git -C {book.root} merge --abort) first\n")
    assert path.read_text() == text
    assert _git(book, "status", "--porcelain").stdout == "UU 2026/11/SG-20261116-002.toml\n"


def _slow_git(tmp_path, on: str):
    """A `git` first on PATH that sleeps 5 s before `git <on>` (then runs the real one)."""
    import os
    import shutil
    folder = tmp_path / "slowgit"
    folder.mkdir()
    script = folder / "git"
    script.write_text(f'#!/bin/sh\ncase " $* " in *" {on} "*) sleep 5;; esac\nexec {shutil.which("git")} "$@"\n')
    script.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def _interrupted(book, tmp_path, on, *args, ready=None):
    """Run plaint with a slow `git <on>`, press Ctrl-C once it is inside that git, and return the result."""
    import os
    import signal
    import subprocess
    import sys
    import time
    env = dict(os.environ, PATH=_slow_git(tmp_path, on))
    proc = subprocess.Popen([sys.executable, "-m", "plaint", "--book", str(book.root), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 20
    while ready and time.monotonic() < deadline and not ready():
        time.sleep(0.05)
    time.sleep(1.0 if ready else 2.0)  # inside the slow git by now (it sleeps 5 s)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def test_ctrl_c_during_a_commit_says_the_record_is_written(book, tmp_path):
    """Ctrl-C while git commits a step printed Click's bare `Aborted!` (exit 1): the record was
    written but not committed, and nothing said so or warned against repeating the step."""
    _case(book)
    path = book.root / "2026/11/SG-20261116-001.toml"
    before = path.read_text()
    code, out, err = _interrupted(book, tmp_path, "commit", "--now", "2026-11-16 15:00", "assign", "001",
                                  "--handler", "Wang", ready=lambda: path.read_text() != before)
    assert (code, out) == (130, "")
    assert err.startswith(f"Error: SG-20261116-001 is written to {path} (the complete new record) but NOT "
                          "committed: interrupted (Ctrl-C) while git committed it. Do not repeat the command.")
    assert "Traceback" not in err
    book("note", "001", "--text", "Crew called", now="2026-11-16 15:05")
    assert book.git_log()[-2:] == ["recover SG-20261116-001: assign", "note SG-20261116-001: Crew called"]


def test_ctrl_c_during_overdue_is_one_line_and_its_own_exit_code(book, tmp_path):
    """Ctrl-C during cron's `overdue` printed a whole traceback (and died of the signal)."""
    _case(book)
    code, out, err = _interrupted(book, tmp_path, "status", "--now", "2026-11-20 10:00", "overdue")
    assert (code, out, err) == (130, "", "\nInterrupted (Ctrl-C); nothing written\n")


def test_a_toml_syntax_error_names_the_fix(book):
    """A hand edit that breaks TOML was reported as tomllib's bare `Invalid value` (in English even in
    the Chinese interface): no word of what is wrong with the line or how to get back."""
    _case(book)
    path = book.root / "2026/11/SG-20261116-001.toml"
    path.write_text(path.read_text().replace('summary = "Radiator cold"', "summary = Radiator cold"))
    said = book("list", now="2026-11-16 15:00", expect=2).stderr
    assert said == (f"{path}:7: not valid TOML: Invalid value; fix that line (text is written in quotes: "
                    f"key = \"text\"), or go back to the committed file with `git checkout -- {path}`; "
                    "`plaint check` confirms\n")
    zh = book("--lang", "zh", "list", now="2026-11-16 15:00", expect=2).stderr
    assert zh.startswith(f"{path}:7: 不是有效的 TOML：值无效；")  # tomllib's own words through the catalog too


def test_tomllibs_own_words_are_said_in_chinese(book):
    """tomllib's detail ("Invalid value", "Expected '=' after a key ...") stayed English inside the
    Chinese sentence; the common ones now go through the catalog (English unchanged)."""
    _case(book)
    path = book.root / "2026/11/SG-20261116-001.toml"
    good = path.read_text()
    cases = [("summary Radiator cold", "Expected '=' after a key in a key/value pair", "键值对中的键后面应有 '='"),
             ('summary = "Radiator cold', "Illegal character '\\n'", "非法字符 '\\n'"),
             ('summary = "a"\nsummary = "b"', "Cannot overwrite a value", "不能覆盖已有的值"),
             ('summary = "a"\x07', "Expected newline or end of document after a statement", "语句之后应换行或结束文件")]
    for new, english, chinese in cases:
        path.write_text(good.replace('summary = "Radiator cold"', new))
        said = book("list", now="2026-11-16 15:00", expect=2).stderr
        assert f": not valid TOML: {english}; fix that line" in said, said
        zh = book("--lang", "zh", "list", now="2026-11-16 15:00", expect=2).stderr
        assert f": 不是有效的 TOML：{chinese}；请修改这一行" in zh, zh


def test_a_case_closed_at_the_report_moment_is_not_open(book):
    """`report --now T` counted a case closed at T (or not one received at T) among the open cases,
    while `list --open` at T said it was closed: the report's "open now" must be the assessment's."""
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 10:00")
    book("assign", "001", "--handler", "Wang", now="2026-11-16 10:05")
    book("close", "001", "--resolution", "Bled", now="2026-11-16 11:00")
    data = json.loads(book("report", "--month", "2026-11", "--format", "json", now="2026-11-16 11:00").stdout)
    assert data["open_total"] == 0
    book("file", "--channel", "phone", "--summary", "Lift stuck", "--unit", "1-1", now="2026-11-16 11:00")
    assert [row["id"] for row in json.loads(book("list", "--open", "--format", "json",
                                                 now="2026-11-16 11:00").stdout)] == ["SG-20261116-002"]
    data = json.loads(book("report", "--month", "2026-11", "--format", "json", now="2026-11-16 11:00").stdout)
    assert (data["open_total"], data["open_by_age"][0]["count"]) == (1, 1)
    # the period's end is not `now`: a case closed at 24:00 on its last day was open all of it
    book("assign", "002", "--handler", "Wang", now="2026-11-16 11:05")
    book("close", "002", "--resolution", "Freed", now="2026-12-01 00:00")
    data = json.loads(book("report", "--month", "2026-11", "--format", "json", now="2026-12-02 10:00").stdout)
    assert data["open_total"] == 1


def test_a_draft_that_is_not_a_form_is_refused(book, tmp_path):
    """`file --draft /bin/ls` was an internal error (UnicodeDecodeError, exit 70); `--draft /dev/zero`
    never returned (it read forever). A draft is a small text form: anything else is refused."""
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    refused = book("file", "--draft", str(binary), now="2026-11-16 14:05", expect=2)
    assert refused.stderr == (f"Error: cannot read the draft {binary}: not UTF-8 text (a draft is the text form "
                              "plaint saved in .plaint-drafts/); nothing recorded\n")
    big = tmp_path / "big.txt"
    big.write_text("x" * (1 << 20) + "x")
    refused = book("file", "--draft", str(big), now="2026-11-16 14:05", expect=2)
    assert refused.stderr == (f"Error: cannot read the draft {big}: more than 1 MB (a draft is the text form "
                              "plaint saved in .plaint-drafts/); nothing recorded\n")
    assert not (book.root / "2026").exists()


def test_a_calendar_mistake_in_the_policy_points_at_its_table(book):
    """A wrong `closures` under [calendar] was reported at plaint.toml:2, the template's comment that
    mentions [calendar], not at the table itself."""
    policy = book.root / "plaint.toml"
    text = policy.read_text()
    assert "[calendar]" in text.splitlines()[1]  # the comment
    policy.write_text(text.replace("\n[calendar]\n", '\n[calendar]\nclosures = "2026-11-17"\n'))
    line = policy.read_text().splitlines().index("[calendar]") + 1
    said = book("list", expect=2).stderr
    assert said.startswith(f"Error: {policy}:{line}: `closures` must be a list of tables like ")


def test_an_id_typed_with_a_chinese_input_method_is_found(book):
    """`plaint show ００１` (full-width digits, as a Chinese IME types them) or an id pasted with a
    space around it was "not an id"; policy values already accept full-width input, ids now too."""
    _case(book)
    for typed in ("００１", "１１１６－００１", " 001 ", "ｓｇ－２０２６１１１６－００１"):
        assert book("show", typed, now="2026-11-16 15:00").stdout.startswith("SG-20261116-001  [received]"), typed
    book("assign", "１１１６－００１", "--handler", "Wang", now="2026-11-16 15:00")
    assert book.git_log()[-1] == "assign SG-20261116-001: Wang"
    refused = book("show", "００２", now="2026-11-16 15:00", expect=2)
    assert refused.stderr == f"Error: no complaint '００２' in {book.root}; `plaint list` shows the ids\n"


def test_a_control_character_is_refused_in_chinese_words(book):
    """In the Chinese interface the refusal of a control character kept English in the middle
    ("a one-line field: no newlines or control characters", "--by (or PLAINT_USER / git user.name)")."""
    _case(book)
    refused = book("--lang", "zh", "edit", "001", "--contact", "138\u202e00", "--reason", "x",
                   now="2026-11-16 15:00", expect=2)
    assert refused.stderr == ("错误：--contact：含有 '\\u202e'；单行字段：不能含换行或控制字符（只有自由文本可含制表符和换行）；"
                              "未写入任何内容\n")
    refused = book("--lang", "zh", "note", "001", "--text", "hi", now="2026-11-16 15:00", by="Eve\nActor: root",
                   expect=2)
    assert refused.stderr == ("错误：--by（或 PLAINT_USER / git user.name）：含有 '\\n'；单行字段：不能含换行或控制字符"
                              "（只有自由文本可含制表符和换行）；未写入任何内容\n")


def test_a_wrong_type_in_a_record_is_said_in_chinese(book):
    """`times.received` 必须是time，而不是 'yesterday' (str): the kind and the explanation stayed English."""
    _case(book)
    path = book.root / "2026/11/SG-20261116-001.toml"
    text = path.read_text()
    path.write_text(text.replace("received = 2026-11-16T14:05:00+08:00", 'received = "yesterday"', 1))
    said = book("--lang", "zh", "list", now="2026-11-16 15:00", expect=2).stderr
    assert said.startswith(f"{path}:4: `received` 必须是时间，而不是 'yesterday'（文本）\n")
    path.write_text(text.replace("received = 2026-11-16T14:05:00+08:00", "received = 2026-11-16T14:05:00", 1))
    said = book("--lang", "zh", "list", now="2026-11-16 15:00", expect=2).stderr
    assert said.startswith(f"{path}:4: `received` 必须是时间，而不是 不带 UTC 偏移的时间（请写成 2026-11-16T14:05:00+08:00 这样）\n")


def _hold_the_lock(book):
    """A second process that holds the book lock (`.plaint.lock`) until it is ended."""
    import subprocess
    import sys
    code = ("import fcntl, sys, time\nf = open(sys.argv[1], 'a')\nfcntl.flock(f, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\ntime.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(book.root / ".plaint.lock")], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline() == "held\n"
    return proc


def test_a_write_waits_a_bounded_time_for_the_book_lock_and_says_so(book, monkeypatch):
    """A write blocked silently and forever while another process held `.plaint.lock` (a hung sync,
    a stuck process): now it says once that it waits, and gives up after PLAINT_LOCK_WAIT seconds."""
    _case(book)
    path = book.root / "2026/11/SG-20261116-001.toml"
    before, commits = path.read_text(), book.git_count()
    monkeypatch.setenv("PLAINT_LOCK_WAIT", "0.5")
    holder = _hold_the_lock(book)
    try:
        refused = book("assign", "001", "--handler", "Wang", now="2026-11-16 15:00", expect=2)
    finally:
        holder.kill()
        holder.wait()
    lock = book.root / ".plaint.lock"
    assert refused.stderr == (
        f"waiting for another plaint process, which holds the book lock {lock} ...\n"
        f"Error: another plaint process still holds the book lock {lock} after 0.5 s; nothing written. Run "
        "the command again when it has finished (set PLAINT_LOCK_WAIT to wait longer, in seconds)\n")
    assert (path.read_text(), book.git_count()) == (before, commits)
    book("assign", "001", "--handler", "Wang", now="2026-11-16 15:00")  # freed: the write goes ahead
    assert book.git_count() == commits + 1


def test_a_file_outside_a_month_folder_is_not_a_record(book):
    """A record file under `2026/13/` (no such month) was read as a record: listed, counted, and its
    id tail made `001` ambiguous; `check` passed. Only YYYY/MM folders (01-12) hold the book's records."""
    _case(book)
    good = book.root / "2026/11/SG-20261116-001.toml"
    for folder in ("2026/13", "2026/7"):
        stray = book.root / folder / "SG-20261216-001.toml"
        stray.parent.mkdir()
        stray.write_text(good.read_text().replace("SG-20261116-001", "SG-20261216-001"))
    _git(book, "add", "-A")
    _git(book, "commit", "-qm", "strays")
    assert book("show", "001", now="2026-11-16 15:00").stdout.startswith("SG-20261116-001")
    listed = book("list", "--format", "csv", now="2026-11-16 15:00", expect=2)  # said, as a broken record is
    assert [line.split(",")[0] for line in listed.stdout.splitlines()] == ["id", "SG-20261116-001"]
    checked = book("check", now="2026-11-16 15:00", expect=2)
    message = ("not in a YYYY/MM folder (month 01-12), so not read as a record; move it into the folder of "
               "the month it was received, 2026/01/ to 2026/12/")
    assert checked.stderr.splitlines()[-2:] == [f"{book.root}/2026/13/SG-20261216-001.toml:1: {message}",
                                                f"{book.root}/2026/7/SG-20261216-001.toml:1: {message}"]
