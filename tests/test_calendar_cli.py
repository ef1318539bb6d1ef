from click.testing import CliRunner

from plaint.commands.app import main


def run(*args, expect=0):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == expect, (result.output, result.stderr)
    return result


def test_due_without_a_book(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("calendar", "due", "2026-09-30 17:00", "3wd", "--calendar", "cn")
    assert result.stdout == "2026-10-10 18:00 Sat (2026-10-10T18:00:00+08:00)\n"


def test_due_accepts_long_form_and_explains(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("calendar", "due", "2026-11-20 17:30", "2", "working", "hours", "--calendar", "cn", "--explain")
    assert result.stdout.splitlines() == [
        "  Fri 2026-11-20 17:30-18:00: 30 min counted (30 of 120)",
        "  Sat 2026-11-21: skipped, weekend",
        "  Sun 2026-11-22: skipped, weekend",
        "  Mon 2026-11-23 09:00-10:30: 90 min counted (120 of 120)",
        "  due at 10:30 on Mon 2026-11-23",
        "2026-11-23 10:30 Mon (2026-11-23T10:30:00+08:00)",
    ]


def test_due_beyond_data_warns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("calendar", "due", "2026-12-30 10:00", "3wd", "--calendar", "cn")
    # 2027-01-01 is New Year's Day by statute even before the notice is out
    assert result.stdout == "2027-01-05 18:00 Tue (2027-01-05T18:00:00+08:00) provisional\n"
    assert "calendar 'cn' has no official data for 2027" in result.stderr


def test_bad_duration_lists_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("calendar", "due", "2026-09-30 17:00", "3 weeks", "--calendar", "cn", expect=2)
    assert "accepted forms" in result.stderr


def test_month_grid_marks_days(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run("calendar", "show", "2026-10", "--calendar", "cn").stdout
    assert "  5-  6-  7-  8   9  10+ 11 " in out
    assert "2026-10-10 Sat + extra working day: 国庆节调休上班 National Day make-up workday" in out
    assert "2026-10-01 Thu - day off: 国庆节 National Day" in out


def test_check_names_the_year_that_is_only_estimated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    warned = run("--now", "2026-11-22 10:00", "calendar", "check", "--calendar", "cn")
    assert "2027 is estimated" in warned.stderr and "plaint calendar add-year 2027" in warned.stderr
    ok = run("--now", "2026-10-01 10:00", "calendar", "check", "--calendar", "cn")
    assert "cn: covers 2024-01-01 to 2026-12-31 (2024, 2025, 2026); 91 days left; ok" in ok.stdout


def test_calendar_inside_a_book_uses_its_calendar(tmp_path, monkeypatch):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "b"), "--template", "property"])
    assert result.exit_code == 0
    monkeypatch.chdir(tmp_path / "b")
    assert run("calendar", "due", "2026-09-30 17:00", "1wd").stdout.startswith("2026-10-08 18:00")
