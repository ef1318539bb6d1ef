import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from plaint.calendars import load_calendar
from plaint.commands.app import main

SHANGHAI = ZoneInfo("Asia/Shanghai")


def cn_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture(scope="session")
def cn():
    return load_calendar("cn")


def same(a, b) -> bool:
    """Equal as tomllib's result must be: same types all the way down, same key order, same wall
    time and the same time zone object (repr: `timezone.utc` is not `timezone(timedelta(0))`)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, datetime):
        return (a.replace(tzinfo=None) == b.replace(tzinfo=None) and repr(a.tzinfo) == repr(b.tzinfo)
                and a.utcoffset() == b.utcoffset())
    return a == b


@pytest.fixture(autouse=True, scope="session")
def fast_reader_agrees_with_tomllib():
    """Every text the fast reader of plaint's record layout (plaint.storage.recordtoml) takes while the
    suite runs, i.e. every record any test reads, is parsed by tomllib too: they must agree exactly."""
    import tomllib

    from plaint.storage import recordtoml

    fast = recordtoml.loads

    def checked(text):
        found = fast(text)
        if found is not None:
            assert same(found, tomllib.loads(text)), f"the fast reader and tomllib differ on:\n{text}"
        return found

    recordtoml.loads = checked
    yield
    recordtoml.loads = fast


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path_factory):
    """No developer settings leak in: no global git config, no PLAINT_* variables, no real read cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name in list(os.environ):
        if name.startswith("PLAINT_") or name.startswith("GIT_AUTHOR") or name.startswith("GIT_COMMITTER"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))  # the read cache never touches the real one
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)  # the interface language and layout are the test's choice
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "")  # set, not deleted: something in the test run exports COLUMNS=80
    from plaint import i18n
    i18n.reset()


class Plaint:
    """Runs plaint commands on one book, as a user would type them."""

    def __init__(self, root: Path):
        self.root = root
        self.runner = CliRunner()

    def __call__(self, *args, now=None, by="Li Na", expect=0, book=True):
        argv = []
        if book:
            argv += ["--book", str(self.root)]
        if now:
            argv += ["--now", now]
        if by:
            argv += ["--by", by]
        result = self.runner.invoke(main, argv + [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == expect, (result.output, result.stderr)
        return result

    def git_log(self):
        import subprocess
        out = subprocess.run(["git", "-C", str(self.root), "log", "--reverse", "--format=%s"],
                             capture_output=True, text=True, check=True).stdout
        return out.splitlines()

    def git_count(self):
        return len(self.git_log())


def make_book(tmp_path: Path, template: str = "property", site: str = "SG") -> Plaint:
    root = tmp_path / "book"
    result = CliRunner().invoke(main, ["init", str(root), "--template", template, "--site", site])
    assert result.exit_code == 0, result.output
    return Plaint(root)


@pytest.fixture
def book(tmp_path):
    return make_book(tmp_path)


def on_a_terminal(args, env=None, columns=None):
    """Run plaint with its stdout on a pseudo-terminal (optionally `columns` wide, as a real terminal
    says through TIOCSWINSZ) and return what it printed."""
    import fcntl
    import pty
    import struct
    import subprocess
    import sys
    import termios
    master, slave = pty.openpty()
    if columns:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "plaint", *args], stdout=slave, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, env=os.environ if env is None else env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # Linux reports the closed far side as EIO
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")
