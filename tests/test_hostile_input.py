"""Issue #10, findings 7-10: confinement, forged audit entries, output injection, policy types."""

import csv
import io
import os
import subprocess

import pytest
from click.testing import CliRunner

from plaint.commands.app import main

FILE = ("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-1201")
NOW = "2026-11-16 10:00"
ESC = "\x1b]0;owned\x07\x1b[2J"


def files_outside(tmp_path, book):
    return sorted(str(p) for p in tmp_path.rglob("*.toml") if book.root not in p.parents and p.name != "plaint.toml")


def snapshot(book):
    return {p: p.read_bytes() for p in book.root.rglob("*")
            if p.is_file() and ".git" not in p.parts and p.name != ".plaint.lock"}


# -- finding 7: nothing leaves the book -----------------------------------------------------------------
@pytest.mark.parametrize("site", ["../../../outside", "a/b", "H Q", "-rf", "ＨＱ", "HQ\x1b[2J", "hq", "TOOLONGSITE", ""])
def test_bad_site_codes_are_refused(book, tmp_path, monkeypatch, site):
    monkeypatch.setenv("PLAINT_SITE", site)
    before = snapshot(book)
    result = book(*FILE, now=NOW, expect=2 if site else 0)
    if site:
        assert "PLAINT_SITE" in result.stderr and "1 to 8 capital letters A-Z or digits" in result.stderr
        assert snapshot(book) == before
    assert files_outside(tmp_path, book) == []


@pytest.mark.parametrize("site", ["../x", "a/b", "ＨＱ", "ß", "TOOLONGSITE"])
def test_init_refuses_bad_site(tmp_path, site):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "b"), "--site", site])
    assert result.exit_code == 2 and "--site" in result.stderr
    assert not (tmp_path / "b").exists()


def test_policy_site_must_be_a_code(book):
    policy = book.root / "plaint.toml"
    policy.write_text(policy.read_text().replace('site = "SG"', 'site = "../up"'))
    result = book("list", expect=2)
    assert f"{policy}:" in result.stderr and "site '../up' is not a site code" in result.stderr


@pytest.mark.parametrize("template", ["../../x", "/etc/passwd", "policies/property", "property.toml"])
def test_template_is_a_name_from_the_list(tmp_path, template):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "b"), "--template", template])
    assert result.exit_code == 2 and f"no template {template!r}" in result.stderr
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("link", ["2026", "2026/11"])
def test_symlinked_year_or_month_folder_is_not_written_through(book, tmp_path, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = book.root / link
    target.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, target)
    result = book(*FILE, now=NOW, expect=2)
    assert f"{target} is a symbolic link" in result.stderr
    assert list(outside.rglob("*")) == []


def test_symlinked_record_is_never_read(book, tmp_path):
    book(*FILE, now=NOW)
    secret = tmp_path / "secret.toml"
    secret.write_text((book.root / "2026/11/SG-20261116-001.toml").read_text().replace("001", "002"))
    link = book.root / "2026/11/SG-20261116-002.toml"
    os.symlink(secret, link)
    shown = book("show", "002", "--format", "toml", expect=2)
    assert shown.stdout == "" and "no complaint '002'" in shown.stderr
    listed = book("list", expect=2)
    assert "SG-20261116-002" not in listed.stdout and f"{link}:1: a symbolic link" in listed.stderr


def test_symlinked_lock_is_not_created_through(book, tmp_path):
    target = tmp_path / "elsewhere.lock"
    lock = book.root / ".plaint.lock"
    if lock.exists():
        lock.unlink()
    os.symlink(target, lock)
    result = book(*FILE, now=NOW, expect=2)
    assert f"{lock} is a symbolic link" in result.stderr
    assert not target.exists()


# -- finding 8: forged audit entries ----------------------------------------------------------------------
FORGED = "Mallory\nComplaint: SG-20261116-001\nActor: The Director"


def test_actor_with_newlines_is_refused(book):
    result = book(*FILE, now=NOW, by=FORGED, expect=2)
    assert "--by (or PLAINT_USER / git user.name): contains '\\n'" in result.stderr
    assert book.git_count() == 1


def test_log_does_not_show_forged_trailers(book):
    book(*FILE, now=NOW)
    path = book.root / "2026/11/SG-20261116-001.toml"
    path.write_text(path.read_text().replace("Radiator cold", "Radiator cold!"))
    message = f"reply SG-20261116-001: t\n\nComplaint: SG-20261116-001\nAction: reply\nActor: {FORGED}\n"
    subprocess.run(["git", "-C", str(book.root), "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-q",
                    "-am", message], check=True)  # what an older plaint wrote for --by with newlines
    lines = book("log", "001").stdout.splitlines()
    assert lines[-1].endswith("reply SG-20261116-001: t  (Mallory)  [repeated trailers ignored: first Actor shown]")
    assert "The Director" not in "\n".join(lines)


def test_commit_messages_are_one_line_per_trailer(book):
    book("file", "--channel", "phone", "--summary", "a", "--unit", "1", now=NOW)
    book("reply", "001", "--text", "a\nActor: The Director", now=NOW)  # free text may hold newlines
    body = subprocess.run(["git", "-C", str(book.root), "log", "-1", "--format=%B"], capture_output=True,
                          text=True).stdout
    assert body.splitlines()[0] == "reply SG-20261116-001: a Actor: The Director"
    assert [line for line in body.splitlines() if line.startswith("Actor:")] == ["Actor: Li Na"]


@pytest.mark.parametrize("summary", ["Radiator\ncold", "Radiator\tcold", "Radiator\r", "a\u2028b"])
def test_a_summary_is_one_line_at_filing_and_editing(book, summary):
    shown = repr(next(c for c in summary if not c.isprintable()))[1:-1]
    said = (f"Error: --summary: contains '{shown}'; the summary is one line (the case's title in every list): no "
            "newlines or control characters; put the full account in --details; nothing written\n")
    assert book("file", "--channel", "phone", "--summary", summary, now=NOW, expect=2).stderr == said
    book("file", "--channel", "phone", "--summary", "Radiator cold", now=NOW)
    assert book("edit", "001", "--summary", summary, "--reason", "typo", now=NOW, expect=2).stderr == said
    assert book.git_count() == 2  # init and the one filing: nothing refused was written


# -- finding 9: output injection -----------------------------------------------------------------------------
def test_escape_sequences_are_shown_not_obeyed(book):
    book("file", "--channel", "phone", "--summary", f"Noise{ESC}", "--unit", "1", now=NOW, expect=2)  # refused
    assert book.git_count() == 1
    path = book.root / "2026/11/SG-20261116-001.toml"
    book(*FILE, now=NOW)
    path.write_text(path.read_text().replace('summary = "Radiator cold"',
                                             'summary = "Radiator \\u001b[2J\\u001b]0;owned\\u0007 \\u009b31m cold"'))
    subprocess.run(["git", "-C", str(book.root), "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qam",
                    "hand \x1b[31medit"], check=True)
    outputs = [book("list").stdout, book("show", "001").stdout, book("overdue", now="2026-12-30 10:00", expect=1).stdout,
               book("log", "001").stdout]
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "Radiator \\x1b[2J\\x1b]0;owned\\x07 \\x9b31m cold" in outputs[1]


@pytest.mark.parametrize("summary", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_are_neutralised(book, summary):
    book("file", "--channel", "phone", "--summary", "x", "--unit", "1", now=NOW)
    path = book.root / "2026/11/SG-20261116-001.toml"
    import json
    path.write_text(path.read_text().replace('summary = "x"', f"summary = {json.dumps(summary)}"))
    for args, now, code in ((("list", "--format", "csv"), NOW, 0),
                            (("overdue", "--format", "csv"), "2026-12-30 10:00", 1)):
        rows = list(csv.DictReader(io.StringIO(book(*args, now=now, expect=code).stdout, newline="")))
        assert rows[0]["summary"] == "'" + summary, args


def test_markdown_report_escapes_pipes_and_html(book):
    book(*FILE, now=NOW)
    book("assign", "001", "--handler", "Wang", now="2026-11-16 10:30")
    book("close", "001", "--resolution", "fixed", "--cause", "valve | <script>alert(1)</script>",
         now="2026-11-16 12:00")
    out = book("report", "--month", "2026-11", "--format", "markdown", now="2026-12-05 10:00").stdout
    assert "valve \\| &lt;script>alert(1)&lt;/script>" in out  # no `<`: no tag can open
    assert "<script>" not in out and "&gt;" not in out


# -- finding 10: types in policies ---------------------------------------------------------------------------
@pytest.mark.parametrize("edit, message", [
    (("[escalation]", "[escalation]\nlevels = [1, 2]"), "`escalation.levels` must be a list of texts, not [1, 2]"),
    (("[[channels]]", "[[old_channels]]"), "`channels` must be a list of tables ([[...]] entries), not 5"),
    (("[escalation]", "[escalation]\nlevels = []"), "the escalation ladder `levels` is empty"),
    (("[escalation]", '[escalation]\nlevels = ["manager", "manager"]'), "the escalation ladder repeats 'manager'"),
    (('labels = "en"', 'labels = "fr"'), "labels 'fr' is not a language plaint speaks; allowed: en, zh"),
    (('site = "SG"', "site = 5"), "`site` must be text, not 5"),
])
def test_policy_type_errors_name_file_and_line(book, edit, message):
    policy = book.root / "plaint.toml"
    text = policy.read_text()
    old, new = edit
    if "levels =" in new and "levels =" in text:
        text = "\n".join(line for line in text.splitlines() if not line.startswith("levels ="))
    assert old in text
    text = text.replace(old, new)
    policy.write_text("channels = 5\n" + text if "old_channels" in new else text)
    for args in (("list",), ("overdue",), ("check",), FILE):
        result = book(*args, now=NOW, expect=2)
        assert f"{policy}:" in result.stderr and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_non_utf8_policy(book):
    policy = book.root / "plaint.toml"
    policy.write_bytes(policy.read_bytes().replace(b'name = "', b'name = "caf\xe9 ', 1))
    result = book("list", expect=2)
    assert f"{policy}:1: the policy is not UTF-8 text" in result.stderr


def test_sync_refuses_a_forged_actor(book):
    result = book("sync", by=FORGED, expect=2)
    assert "--by (or PLAINT_USER / git user.name): contains '\\n'" in result.stderr



@pytest.mark.parametrize("actor", ["'", ".,", " <> ", '"\\'])
def test_an_actor_git_would_strip_to_nothing_writes_nothing(book, actor):
    # found by test_hostile_arguments: git refused the commit after the record was written
    result = book("file", "--channel", "phone", "--summary", "x", "--unit", "1", by=actor, expect=2)
    assert "has no name left once git strips punctuation" in result.stderr
    assert not list(book.root.glob("2026/*/*.toml"))
