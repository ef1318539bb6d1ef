"""The environment variables of design.md, and times typed without an offset."""

import json
import subprocess

from click.testing import CliRunner

from plaint.commands.app import main

from conftest import make_book


def test_site_user_now_and_no_commit_from_the_environment(book, monkeypatch):
    monkeypatch.setenv("PLAINT_SITE", "B2")
    monkeypatch.setenv("PLAINT_USER", "Night desk")
    monkeypatch.setenv("PLAINT_NOW", "2026-11-16 22:00")
    monkeypatch.setenv("PLAINT_NO_COMMIT", "1")
    monkeypatch.setenv("PLAINT_BOOK", str(book.root))
    result = CliRunner().invoke(main, ["file", "--channel", "phone", "--summary", "x", "--unit", "1"])
    assert result.exit_code == 0 and result.stdout == "B2-20261116-001\n"
    shown = json.loads(CliRunner().invoke(main, ["show", "001", "--format", "json"]).stdout)
    assert shown["received"] == "2026-11-16T22:00:00+08:00" and shown["received_by"] == "Night desk"
    assert book.git_count() == 1  # only the init commit


def test_actor_falls_back_to_git_user_name(book):
    subprocess.run(["git", "-C", str(book.root), "config", "user.name", "Chen Jing"], check=True)
    book("file", "--channel", "phone", "--summary", "x", "--unit", "1", now="2026-11-16 10:00", by=None)
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["received_by"] == "Chen Jing"


def test_found_from_a_subfolder(book, monkeypatch):
    (book.root / "2026").mkdir()
    monkeypatch.chdir(book.root / "2026")
    result = CliRunner().invoke(main, ["--now", "2026-11-16 10:00", "file", "--channel", "phone", "--summary", "x",
                                       "--unit", "1"])
    assert result.exit_code == 0 and result.stdout == "SG-20261116-001\n"


def test_no_book_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 2 and "no book here" in result.stderr


def test_daylight_saving_gap_is_refused(tmp_path):
    book = make_book(tmp_path, "general", "HQ")
    policy = book.root / "plaint.toml"
    policy.write_text(policy.read_text().replace('timezone = "UTC"', 'timezone = "Europe/Berlin"'))
    result = book("file", "--channel", "phone", "--summary", "x", now="2026-03-29 02:30", expect=2)
    assert "does not exist in Europe/Berlin (a daylight-saving gap)" in result.stderr
    book("file", "--channel", "phone", "--summary", "x", now="2026-03-29 03:30")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["received"] == "2026-03-29T03:30:00+02:00"
