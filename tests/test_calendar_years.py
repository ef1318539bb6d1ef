"""Years kept in the book, estimated years, and what `check` and `calendar check` say about them."""

import os
from datetime import date

from click.testing import CliRunner

from conftest import cn_time
from plaint.bookcal import calendar_for_book
from plaint.calendars import load_calendar
from plaint.commands.app import main
from plaint.deadlines import due
from plaint.durations import parse_duration
from plaint.storage.resources import template_file

YEAR_2027 = """\
# 2027 holidays, for the test (the shape `plaint calendar add-year` writes)
[years.2027]
source = "国务院办公厅关于2027年部分节假日安排的通知, 国办发明电〔2026〕9号, 2026-11-10"
off = [
  { from = 2027-01-01, to = 2027-01-03, name = "元旦 New Year's Day" },
  { from = 2027-02-05, to = 2027-02-12, name = "春节 Spring Festival" },
]
work = [
  { date = 2027-02-13, name = "春节调休上班 Spring Festival make-up workday" },
]
"""


def run(*args, expect=0):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == expect, (result.output, result.stderr)
    return result


def add_2027(book):
    folder = book.root / "calendar"
    folder.mkdir(exist_ok=True)
    (folder / "cn-2027.toml").write_text(YEAR_2027, encoding="utf-8")


# -- estimated years -------------------------------------------------------------------
def test_due_in_an_estimated_year_skips_the_statutory_spring_festival(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("calendar", "due", "2027-02-05 17:00", "1wd", "--calendar", "cn")
    # 2027-02-05 is the eve, 02-06..08 the first three days of the lunar year; 02-06/07 a weekend anyway
    assert result.stdout == "2027-02-09 18:00 Tue (2027-02-09T18:00:00+08:00) provisional\n"
    assert result.stderr == (
        "warning: this deadline is provisional: calendar 'cn' has no official data for 2027, so its holidays are "
        "estimated from the statutory holidays; add the notice with `plaint calendar add-year` "
        "(plaint calendar add-year 2027 --notice FILE --write)\n")


def test_explain_names_estimated_days(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run("calendar", "due", "2027-02-05 17:00", "1wd", "--calendar", "cn", "--explain").stdout
    assert "  Mon 2027-02-08: skipped, estimated day off: 春节 Spring Festival (statutory; no official notice yet)" in out


def test_estimated_year_has_exactly_the_statutory_days():
    cal = load_calendar("cn")
    assert cal.estimated == {}  # nothing is estimated before a date in the year is asked about
    days = sorted(d for d in (date.fromordinal(o) for o in range(date(2027, 1, 1).toordinal(),
                                                                  date(2028, 1, 1).toordinal()))
                  if cal.kind(d) == "estimated")
    assert days == [date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8),
                    date(2027, 4, 5), date(2027, 5, 1), date(2027, 5, 2), date(2027, 6, 9), date(2027, 9, 15),
                    date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)]
    assert cal.status(2026) == "official" and cal.status(2027) == "estimated"
    assert cal.status(2023) == "missing"  # before the 2025 rules: not estimated with them
    assert cal.status(2100) == "missing"  # beyond the lunar table


def test_official_years_are_never_estimated():
    cal = load_calendar("cn")
    # 2026-02-16 is the Spring Festival eve: off by the notice, not by the estimate
    assert cal.kind(date(2026, 2, 16)) == "off"
    assert cal.kind(date(2026, 2, 14)) == "work"
    assert cal.estimated == {}


def test_month_grid_marks_estimated_days_apart(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run("calendar", "show", "2027-02", "--calendar", "cn").stdout
    assert "  1   2   3   4   5~  6~  7~" in out
    assert "  8~  9  10  11  12  13  14 " in out
    assert "2027-02-05 Fri ~ estimated day off: 春节 Spring Festival (statutory; no official notice yet)" in out
    assert "(2027 is estimated: no official cn notice yet; statutory holidays only" in out
    assert "~ estimated day off" in out
    official = run("calendar", "show", "2026-02", "--calendar", "cn").stdout
    assert "~" not in official and " 16- " in official


def test_an_estimated_deadline_costs_no_more_once_the_year_is_known():
    cal = load_calendar("cn")
    first = due(cn_time("2027-02-05 17:00"), parse_duration("1wd"), cal)
    again = due(cn_time("2027-02-05 17:00"), parse_duration("1wd"), cal)
    assert first == again and first.provisional
    assert cal._estimated_years == {2027}  # estimated once, then served from the day cache


# -- check and calendar check --------------------------------------------------------------
def test_calendar_check_warns_when_a_reached_year_is_only_estimated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("--now", "2026-11-22 10:00", "calendar", "check", "--calendar", "cn")
    assert result.stdout == "cn: covers 2024-01-01 to 2026-12-31 (2024, 2025, 2026); 39 days left; 2027 estimated\n"
    assert result.stderr == (
        "warning: cn: 2027 is estimated from the statutory holidays (no official notice yet), so deadlines in it "
        "are provisional; add the notice with `plaint calendar add-year` "
        "(plaint calendar add-year 2027 --notice FILE --write)\n")


def test_calendar_check_fails_only_when_a_reached_year_has_no_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    failed = run("--now", "2099-11-20 10:00", "calendar", "check", "--calendar", "cn", expect=2)
    assert "no data for 2100, which deadlines reach within 60 days" in failed.stderr
    assert "plaint calendar add-year 2100 --notice FILE --write" in failed.stderr
    own = tmp_path / "own.toml"
    own.write_text('name = "own"\n[week]\nmon = ["09:00-17:00"]\n[years.2026]\nsource = "ours"\n', encoding="utf-8")
    failed = run("--now", "2026-11-22 10:00", "calendar", "check", "--calendar", str(own), expect=2)
    assert f"no data for 2027, which deadlines reach within 60 days; add [years.2027] from the official notice to {own}" \
        in failed.stderr
    assert run("--now", "2026-10-01 10:00", "calendar", "check", "--calendar", str(own)).stdout.endswith("; ok\n")


def test_book_check_warns_but_passes_on_an_estimated_year(book):
    result = book("check", now="2026-11-22 10:00")
    assert result.stdout == ""
    assert result.stderr.startswith("warning: cn: 2027 is estimated from the statutory holidays")


# -- years kept in the book ----------------------------------------------------------------
def test_a_book_year_counts_for_coverage_and_deadlines(book):
    add_2027(book)
    assert book("check", now="2026-11-22 10:00").stderr == ""
    checked = book("calendar", "check", now="2026-11-22 10:00")
    assert checked.stdout == ("cn: covers 2024-01-01 to 2027-12-31 (2024, 2025, 2026, 2027 from the book); "
                              "404 days left; ok\n")
    result = book("calendar", "due", "2027-02-04 17:00", "1wd")
    assert result.stdout == "2027-02-13 18:00 Sat (2027-02-13T18:00:00+08:00)\n"  # not provisional
    assert result.stderr == ""
    # --calendar cn inside the book uses the book's year too
    assert book("calendar", "due", "2027-02-04 17:00", "1wd", "--calendar", "cn").stdout.startswith("2027-02-13 18:00")


def test_book_years_live_in_the_book_not_the_package(book):
    add_2027(book)
    cal = calendar_for_book("cn", str(book.root))
    assert cal.year_paths[2027] == os.path.join(str(book.root), "calendar", "cn-2027.toml")
    assert 2027 not in load_calendar("cn").sources  # the installed package is untouched
    assert "2027" not in open(template_file("calendars", "cn.toml"), encoding="utf-8").read()
    shown = book("calendar", "show", "2027-02").stdout
    assert f"(2027 from {cal.year_paths[2027]})" in shown
    assert "2027-02-05 Fri - day off: 春节 Spring Festival" in shown and "~" not in shown


def test_a_book_year_replaces_the_shipped_year(book):
    folder = book.root / "calendar"
    folder.mkdir()
    (folder / "cn-2026.toml").write_text(
        '[years.2026]\nsource = "corrected"\noff = [{ from = 2026-03-02, to = 2026-03-02, name = "X" }]\n',
        encoding="utf-8")
    cal = calendar_for_book("cn", str(book.root))
    assert sorted(d for d in cal.off if d.year == 2026) == [date(2026, 3, 2)]
    assert cal.sources[2026] == "corrected" and cal.work.get(date(2026, 2, 14)) is None


def test_a_book_year_file_with_the_wrong_year_is_refused(book):
    folder = book.root / "calendar"
    folder.mkdir()
    (folder / "cn-2027.toml").write_text('[years.2028]\nsource = "x"\n', encoding="utf-8")
    result = book("check", now="2026-11-22 10:00", expect=2)
    assert f"{folder / 'cn-2027.toml'}:1: this file holds exactly one table, [years.2027]" in result.stderr
