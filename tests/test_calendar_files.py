"""A policy's calendar `base` stays inside the book; a damaged calendar file is `path:line: message`."""

import os

import pytest

from plaint.calendars import load_calendar
from plaint.errors import DataError

GOOD = '''name = "ours"
timezone = "Asia/Shanghai"
[week]
mon = ["09:00-17:00"]
[years.2026]
source = "our own list"
off = [{ from = 2026-12-24, to = 2026-12-25, name = "Winter break" }]
'''


def set_base(book, base: str) -> int:
    """Point the book's policy at `base`; returns the line of `base =` in plaint.toml."""
    policy = book.root / "plaint.toml"
    text = policy.read_text(encoding="utf-8").replace('base = "cn"', f"base = {base}")
    policy.write_text(text, encoding="utf-8")
    return text[: text.index("base =")].count("\n") + 1


def check_fails(book):
    result = book("check", now="2026-10-01 10:00", expect=2)
    assert "Traceback" not in result.stderr
    return result.stderr


# -- the base is a shipped name or a file inside the book ------------------------------------
def test_base_file_inside_the_book_is_resolved_against_the_book(book, tmp_path, monkeypatch):
    (book.root / "calendar").mkdir()
    (book.root / "calendar" / "ours.toml").write_text(GOOD, encoding="utf-8")
    set_base(book, '"calendar/ours.toml"')
    monkeypatch.chdir(tmp_path)  # not the book: the path must not be read from here
    result = book("calendar", "due", "2026-12-23 10:00", "1wd")
    assert result.stdout.startswith("2026-12-28 17:00 Mon")  # 24th and 25th closed, then the weekend
    assert book("check", now="2026-10-01 10:00").stderr == ""


@pytest.mark.parametrize("base, says", [
    ('"/etc/hostname"', "must be a shipped calendar (shipped calendars: cn, weekdays) or a .toml file inside the book"),
    ('"/dev/zero"', "must be a shipped calendar"),
    ('"../outside.toml"', "must be a shipped calendar"),
    ('"calendar/../../outside.toml"', "must be a shipped calendar"),
    ('"~/cal.toml"', "must be a shipped calendar"),
    ('"mars"', "no calendar 'mars'; shipped calendars: cn, weekdays"),
    ('"calendar/none.toml"', "calendar base 'calendar/none.toml': no such file in the book"),
    ("5", "calendar `base` must be a shipped calendar name or a .toml file inside the book; got 5"),
    ('"calendar/a\\u0000.toml"', "calendar `base` must be a shipped calendar name"),
])
def test_base_outside_the_book_is_refused_with_its_line(book, base, says):
    (book.root.parent / "outside.toml").write_text(GOOD, encoding="utf-8")
    line = set_base(book, base)
    stderr = check_fails(book)
    assert f"{book.root / 'plaint.toml'}:{line}: " in stderr
    assert says in stderr


def test_base_through_a_symlink_out_of_the_book_is_refused(book):
    (book.root.parent / "outside.toml").write_text(GOOD, encoding="utf-8")
    (book.root / "calendar").mkdir()
    os.symlink(book.root.parent / "outside.toml", book.root / "calendar" / "ours.toml")
    line = set_base(book, '"calendar/ours.toml"')
    assert f"plaint.toml:{line}: calendar base 'calendar/ours.toml' leads outside the book" in check_fails(book)


def test_a_year_file_linked_from_outside_is_refused(book):
    (book.root.parent / "cn-2027.toml").write_text('[years.2027]\nsource = "x"\n', encoding="utf-8")
    (book.root / "calendar").mkdir()
    os.symlink(book.root.parent / "cn-2027.toml", book.root / "calendar" / "cn-2027.toml")
    assert "cn-2027.toml:1: leads outside the book" in check_fails(book)


def test_reading_commands_report_a_bad_base_without_traceback(book):
    set_base(book, '"/dev/zero"')
    result = book("overdue", expect=2)
    assert result.stderr.startswith("Error: ") and "/dev/zero" in result.stderr


# -- type errors in a calendar file ------------------------------------------------------------
def write(tmp_path, text, raw=None):
    path = tmp_path / "cal.toml"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def refused(path) -> str:
    with pytest.raises(DataError) as caught:
        load_calendar(path)
    return caught.value.message


@pytest.mark.parametrize("change, line, says", [
    (("off = [{ from = 2026-12-24, to = 2026-12-25, name = \"Winter break\" }]", "off = 5"), 7,
     "`off` must be a list of tables like [{ from = 2027-02-05"),
    (("off = [{ from = 2026-12-24, to = 2026-12-25, name = \"Winter break\" }]", 'work = "x"'), 7,
     "`work` must be a list of tables like [{ date = 2027-02-14"),
    (("off = [{ from = 2026-12-24, to = 2026-12-25, name = \"Winter break\" }]", "off = [5]"), 7,
     "`off` must be a list of tables"),
    (('name = "Winter break"', "name = 3"), 7, "`name` must be text, got 3"),
    (('mon = ["09:00-17:00"]', "mon = []"), 3, "the calendar has no working hours at all"),
    (('mon = ["09:00-17:00"]', "mon = 9"), 3, "hours must be a list like"),
    (('source = "our own list"', "source = 2026"), 5, "needs a `source` naming the official notice"),
    (("[years.2026]", "[years.20260]"), 5, "year keys are years 1900-2200"),
    (('timezone = "Asia/Shanghai"', "timezone = 8"), 2, "unknown timezone 8"),
    (('name = "ours"', "name = 1"), 1, "`name` must be text, got 1"),
    (("from = 2026-12-24", "from = 2026-01-01, to = 2026-12-31, x = 1, y"), 7, "Expected '='"),
])
def test_type_errors_name_the_file_and_line(tmp_path, change, line, says):
    old, new = change
    assert old in GOOD
    message = refused(write(tmp_path, GOOD.replace(old, new)))
    assert message.startswith(f"{tmp_path / 'cal.toml'}:{line}: "), message
    assert says in message


def test_week_and_years_of_the_wrong_type(tmp_path):
    assert "[week] must be a table" in refused(write(tmp_path, 'week = 5\n[years.2026]\nsource = "x"\n'))
    assert "[years] must be a table" in refused(write(tmp_path, 'years = 5\n[week]\nmon = ["09:00-17:00"]\n'))
    assert "`unbounded` must be true or false" in refused(
        write(tmp_path, 'unbounded = "yes"\n[week]\nmon = ["09:00-17:00"]\n'))


def test_non_utf8_calendar_is_a_parse_error(tmp_path):
    path = write(tmp_path, None, raw=GOOD.encode("utf-8").replace(b"Winter break", b"Winter \xe9 break"))
    assert refused(path) == f"{path}:7: not UTF-8 text"


def test_a_policy_overlay_of_the_wrong_type_is_a_policy_error(book):
    policy = book.root / "plaint.toml"
    text = policy.read_text(encoding="utf-8").replace('base = "cn"', 'base = "cn"\nclosures = 5')
    policy.write_text(text, encoding="utf-8")
    stderr = check_fails(book)
    assert "plaint.toml:" in stderr and "`closures` must be a list of tables" in stderr


def test_a_device_named_on_the_command_line_is_refused(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from plaint.commands.app import main
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["calendar", "show", "2026-10", "--calendar", "/dev/zero"])
    assert result.exit_code == 2 and "/dev/zero: not a regular file" in result.stderr


@pytest.mark.parametrize("value", ['"Mars/Olympus"', "8", '"../../etc/passwd"'])
def test_a_bad_policy_timezone_names_the_policy_line(book, value):
    policy = book.root / "plaint.toml"
    text = policy.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("timezone ="))
    policy.write_text(text.replace(old, f"timezone = {value}"), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    result = book("calendar", "show", "2026-10", expect=2)
    assert f"{policy}:{line}: " in result.stderr and "timezone" in result.stderr
    assert "Traceback" not in result.stderr and "cn.toml" not in result.stderr


def test_an_error_in_a_later_year_names_that_years_line(tmp_path):
    text = GOOD + '[years.2027]\nsource = "ours"\n# off days below\noff = 5\n'
    line = text.splitlines().index("off = 5") + 1
    assert refused(write(tmp_path, text)).startswith(f"{tmp_path / 'cal.toml'}:{line}: `off` must be a list")
