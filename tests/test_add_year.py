"""`plaint calendar add-year`: paste the notice, review the grids, keep the year in the book."""

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import make_book
from plaint.commands.app import main
from plaint.storage.resources import template_file

NOTICES = Path(__file__).parent / "notices"

# A made-up 2027 notice in the official shape (the real one is not out yet); weekdays are right.
NOTICE_2027 = """\
国务院办公厅关于2027年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周五）至3日（周日）放假，共3天。
　　二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
　　三、清明节：4月3日（周六）至5日（周一）放假，共3天。
　　四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
　　五、端午节：6月9日（周三）放假1天，不调休。
　　六、中秋节：9月15日（周三）放假1天，不调休。
　　七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
国务院办公厅
2026年11月10日
"""


def write_notice(tmp_path, text=NOTICE_2027):
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_dry_run_shows_the_year_and_the_grids_and_writes_nothing(book, tmp_path):
    commits = book.git_count()
    result = book("calendar", "add-year", "2027", "--notice", write_notice(tmp_path))
    out = result.stdout
    assert "[years.2027]\nsource = \"国务院办公厅关于2027年部分节假日安排的通知, 2026-11-10\"\n" in out
    assert '  { from = 2027-02-05, to = 2027-02-12, name = "春节 Spring Festival" },' in out
    assert '  { date = 2027-02-20, name = "春节调休上班 Spring Festival make-up workday" },' in out
    assert "February 2027 — " in out and " 15  16  17  18  19  20+ 21 " in out and "  1-  2-  3-" in out
    assert [line[:13] for line in out.splitlines() if line.endswith("(Asia/Shanghai)")] == [
        "January 2027 ", "February 2027", "April 2027 — ", "May 2027 — Ma", "June 2027 — M", "September 202",
        "October 2027 "]
    assert "~" not in out  # the grids show the notice's days, not the estimate
    assert out.rstrip().endswith("then run again with --write to keep 2027 in the book as "
                                 f"{book.root / 'calendar' / 'cn-2027.toml'}.")
    assert not (book.root / "calendar").exists() and book.git_count() == commits


def test_write_keeps_the_year_in_the_book_in_one_commit(book, tmp_path):
    commits = book.git_count()
    result = book("calendar", "add-year", "2027", "--notice", write_notice(tmp_path), "--write")
    path = book.root / "calendar" / "cn-2027.toml"
    assert result.stdout.rstrip().endswith(f"Wrote {path}; committed.")
    assert path.read_text(encoding="utf-8").startswith("# 2027 holidays of calendar cn")
    assert book.git_count() == commits + 1
    assert book.git_log()[-1] == "calendar: add 2027 holidays from the State Council notice"
    changed = subprocess.run(["git", "-C", str(book.root), "show", "--name-only", "--format=%B", "HEAD"],
                             capture_output=True, text=True, check=True).stdout
    assert changed.splitlines()[-1] == "calendar/cn-2027.toml"
    assert "Action: add-year" in changed and "Actor: Li Na" in changed
    assert subprocess.run(["git", "-C", str(book.root), "status", "--porcelain"], capture_output=True,
                          text=True).stdout == ""
    # check passes without a warning, and 2027 deadlines are official
    assert book("check", now="2026-11-22 10:00").stderr == ""
    due = book("calendar", "due", "2027-02-04 17:00", "1wd")
    assert due.stdout == "2027-02-15 18:00 Mon (2027-02-15T18:00:00+08:00)\n" and due.stderr == ""
    # the package is untouched; a new process (as after a reinstall) reads the year from the book
    assert "2027" not in Path(template_file("calendars", "cn.toml")).read_text(encoding="utf-8")
    fresh = subprocess.run([sys.executable, "-m", "plaint", "--book", str(book.root), "calendar", "due",
                            "2027-02-19 17:00", "1wd"], capture_output=True, text=True)
    assert fresh.stdout == "2027-02-20 18:00 Sat (2027-02-20T18:00:00+08:00)\n", fresh.stderr
    # running it again changes nothing and makes no empty commit
    again = book("calendar", "add-year", "2027", "--notice", write_notice(tmp_path), "--write")
    assert f"(replaces the 2027 data in {path})" in again.stdout and book.git_count() == commits + 1


def test_notice_from_stdin(book):
    result = CliRunner().invoke(main, ["--book", str(book.root), "calendar", "add-year", "2026", "--notice", "-"],
                                input=(NOTICES / "2026-xinhua.txt").read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.stderr
    assert "(Xinhua, 2025-11-04)" in result.stdout
    assert f"(replaces the 2026 data in {template_file('calendars', 'cn.toml')})" in result.stdout


def test_a_wrong_weekday_writes_nothing(book, tmp_path):
    commits = book.git_count()
    bad = write_notice(tmp_path, NOTICE_2027.replace("2月20日（周六）", "2月20日（周日）"))
    result = book("calendar", "add-year", "2027", "--notice", bad, "--write", expect=2)
    assert result.stderr == (f"Error: {bad}:5: 2月20日 is Saturday (周六) in 2027, but the notice prints 周日 "
                             "beside it; check the notice\n")
    assert not (book.root / "calendar").exists() and book.git_count() == commits


def test_the_wrong_year_is_refused(book, tmp_path):
    result = book("calendar", "add-year", "2028", "--notice", write_notice(tmp_path), expect=2)
    assert "notice.txt:1: this is the notice for 2027, not 2028" in result.stderr


def test_outside_a_book_a_dry_run_works_and_write_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    notice = write_notice(tmp_path)
    ok = CliRunner().invoke(main, ["calendar", "add-year", "2027", "--notice", str(notice)])
    assert ok.exit_code == 0 and "Dry run" in ok.stdout
    refused = CliRunner().invoke(main, ["calendar", "add-year", "2027", "--notice", str(notice), "--write"])
    assert refused.exit_code == 2 and "no book here" in refused.stderr
    missing = CliRunner().invoke(main, ["calendar", "add-year", "2027", "--notice", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2 and "cannot read the notice" in missing.stderr


def test_a_book_on_another_calendar_is_refused(tmp_path):
    book = make_book(tmp_path, template="general")
    policy = book.root / "plaint.toml"
    text = policy.read_text(encoding="utf-8")
    if 'base = "cn"' in text:
        policy.write_text(text.replace('base = "cn"', 'base = "weekdays"'), encoding="utf-8")
    elif 'base = "weekdays"' not in text:
        policy.write_text(text + '\n[calendar]\nbase = "weekdays"\n', encoding="utf-8")
    result = book("calendar", "add-year", "2027", "--notice", write_notice(tmp_path), expect=2)
    assert "add-year reads the State Council's notice for mainland China; calendar 'weekdays'" in result.stderr
