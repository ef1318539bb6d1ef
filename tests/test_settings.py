"""Settings are resolved once, at the edge: options over PLAINT_* variables; the core reads none."""

import pytest

from plaint.book import find_book
from plaint.errors import UsageError
from plaint.settings import Settings, settings_from
from plaint.sites import resolve_site
from plaint.timeparse import resolve_now


def test_options_win_over_the_environment():
    env = {"PLAINT_BOOK": "/env/book", "PLAINT_NOW": "2026-11-16 22:00", "PLAINT_USER": "Night desk",
           "PLAINT_SITE": "B2", "PLAINT_NO_COMMIT": "1"}
    assert settings_from("/typed", "2026-11-17 09:00", "Li Na", env=env) == Settings(
        book="/typed", now="2026-11-17 09:00", actor="Li Na", commit=False, site="B2")
    assert settings_from(env=env) == Settings(book="/env/book", now="2026-11-16 22:00", actor="Night desk",
                                              commit=False, site="B2")


def test_nothing_given_means_the_defaults():
    assert settings_from(env={}) == Settings()
    assert settings_from(env={"PLAINT_NO_COMMIT": "0", "PLAINT_BOOK": ""}) == Settings(commit=True)
    assert settings_from(no_commit=True, language="zh", fmt="json", env={}) == Settings(commit=False, language="zh",
                                                                                       fmt="json")


def test_the_core_reads_no_environment(tmp_path, monkeypatch, book):
    monkeypatch.setenv("PLAINT_BOOK", str(book.root))
    monkeypatch.setenv("PLAINT_NOW", "2026-11-16 22:00")
    monkeypatch.setenv("PLAINT_SITE", "ZZ")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="no book here"):
        find_book(None)
    assert find_book(str(book.root)) == str(book.root)
    from zoneinfo import ZoneInfo
    assert resolve_now("2026-11-17 09:00", ZoneInfo("Asia/Shanghai")).isoformat() == "2026-11-17T09:00:00+08:00"
    assert resolve_site(str(book.root), "SG")[0] == "SG"
    assert resolve_site(str(book.root), "SG", override="B2")[0] == "B2"


def test_cache_location_is_resolved_here():
    from plaint.settings import cache_location
    assert cache_location({"PLAINT_CACHE": "/elsewhere", "XDG_CACHE_HOME": "/xdg", "HOME": "/h"}) == "/elsewhere"
    assert cache_location({"XDG_CACHE_HOME": "/xdg", "HOME": "/h"}) == "/xdg/plaint"
    assert cache_location({"XDG_CACHE_HOME": "relative", "HOME": "/h"}) == "/h/.cache/plaint"
    assert cache_location({"PLAINT_CACHE": "", "HOME": "/h"}) == "/h/.cache/plaint"


@pytest.mark.parametrize("command", [["overdue"], ["list"]])
def test_a_now_typed_empty_is_refused_not_taken_as_the_clock(book, command):
    """`--now "$WHEN"` with WHEN unset typed an empty --now: it acted at the real time, silently. An empty
    PLAINT_NOW still counts as unset (as every PLAINT_* variable)."""
    import subprocess
    import sys
    assert settings_from(now="", env={"PLAINT_NOW": "2026-11-16 22:00"}).now == ""
    assert settings_from(env={"PLAINT_NOW": ""}).now is None
    run = subprocess.run([sys.executable, "-m", "plaint", "--book", str(book.root), *command, "--now", ""],
                         capture_output=True, text=True)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith("Error: cannot read --now '': not a valid date and time; write times as ")
