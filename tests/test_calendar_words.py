"""The calendar's words, worded in render from the core's data: `calendar due --explain` steps,
`calendar check`'s coverage line and warning, the provisional warning, and `check`'s coverage problem,
exact in English and Chinese (the text the core used to word, pinned before it moved to render)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from plaint.commands.app import main
from test_calendar_files import GOOD
from test_calendar_years import YEAR_2027

DEMO = Path(__file__).resolve().parent.parent / "records"


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """TMP/ours.toml (one year, no estimate), TMP/book (cn, 2027 kept in the book), TMP/ours_book
    (a book on ours.toml) and TMP/demo (the demo records)."""
    tmp = tmp_path_factory.mktemp("worded")
    (tmp / "ours.toml").write_text(GOOD, encoding="utf-8")
    for name in ("book", "ours_book"):
        assert CliRunner().invoke(main, ["init", str(tmp / name), "--template", "property", "--site", "SG"]).exit_code == 0
        (tmp / name / "calendar").mkdir(exist_ok=True)
    (tmp / "book" / "calendar" / "cn-2027.toml").write_text(YEAR_2027, encoding="utf-8")
    (tmp / "ours_book" / "calendar" / "ours.toml").write_text(GOOD, encoding="utf-8")
    policy = tmp / "ours_book" / "plaint.toml"
    policy.write_text(re.sub(r'(?m)^base = .*$', 'base = "calendar/ours.toml"', policy.read_text(encoding="utf-8")),
                      encoding="utf-8")
    subprocess.run(["git", "-C", str(tmp / "ours_book"), "commit", "-qam", "ours"], check=True)
    shutil.copytree(DEMO, tmp / "demo")
    subprocess.run(["git", "init", "-q", str(tmp / "demo")], check=True)
    return tmp


def run(tmp, lang, args):
    result = CliRunner().invoke(main, ["--lang", lang] + [a.replace("TMP", str(tmp)) for a in args],
                                catch_exceptions=False)
    return result.exit_code, result.stdout.replace(str(tmp), "TMP"), result.stderr.replace(str(tmp), "TMP")


# (arguments, {language: (exit code, stdout, stderr)})
CASES = [
    (['calendar', 'due', '2026-09-30 17:00', '3wd', '--calendar', 'cn', '--explain'], {
        'en': (0, '  Wed 2026-09-30: day 0, the receipt date, never counts\n  Thu 2026-10-01: skipped, day off: 国庆节 National Day\n  Fri 2026-10-02: skipped, day off: 国庆节 National Day\n  Sat 2026-10-03: skipped, day off: 国庆节 National Day\n  Sun 2026-10-04: skipped, day off: 国庆节 National Day\n  Mon 2026-10-05: skipped, day off: 国庆节 National Day\n  Tue 2026-10-06: skipped, day off: 国庆节 National Day\n  Wed 2026-10-07: skipped, day off: 国庆节 National Day\n  Thu 2026-10-08: working day 1\n  Fri 2026-10-09: working day 2\n  Sat 2026-10-10: working day 3 (extra working day: 国庆节调休上班 National Day make-up workday)\n  due at closing time 18:00 on Sat 2026-10-10\n2026-10-10 18:00 Sat (2026-10-10T18:00:00+08:00)\n',
               ''),
        'zh': (0, '  周三 2026-09-30：第 0 天，受理当天，不计入\n  周四 2026-10-01：跳过，休息日：国庆节\n  周五 2026-10-02：跳过，休息日：国庆节\n  周六 2026-10-03：跳过，休息日：国庆节\n  周日 2026-10-04：跳过，休息日：国庆节\n  周一 2026-10-05：跳过，休息日：国庆节\n  周二 2026-10-06：跳过，休息日：国庆节\n  周三 2026-10-07：跳过，休息日：国庆节\n  周四 2026-10-08：第 1 个工作日\n  周五 2026-10-09：第 2 个工作日\n  周六 2026-10-10：第 3 个工作日（调休工作日：国庆节调休上班）\n  周六 2026-10-10 下班时间 18:00 到期\n2026-10-10 18:00 周六（2026-10-10T18:00:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-11-20 17:30', '2wh', '--calendar', 'cn', '--explain'], {
        'en': (0, '  Fri 2026-11-20 17:30-18:00: 30 min counted (30 of 120)\n  Sat 2026-11-21: skipped, weekend\n  Sun 2026-11-22: skipped, weekend\n  Mon 2026-11-23 09:00-10:30: 90 min counted (120 of 120)\n  due at 10:30 on Mon 2026-11-23\n2026-11-23 10:30 Mon (2026-11-23T10:30:00+08:00)\n',
               ''),
        'zh': (0, '  周五 2026-11-20 17:30-18:00：计入 30 分钟（已计 30，共 120）\n  周六 2026-11-21：跳过，周末\n  周日 2026-11-22：跳过，周末\n  周一 2026-11-23 09:00-10:30：计入 90 分钟（共 120，已计 120）\n  周一 2026-11-23 10:30 到期\n2026-11-23 10:30 周一（2026-11-23T10:30:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-11-20 17:50', '30wm', '--calendar', 'cn', '--explain'], {
        'en': (0, '  Fri 2026-11-20 17:50-18:00: 10 min counted (10 of 30)\n  Sat 2026-11-21: skipped, weekend\n  Sun 2026-11-22: skipped, weekend\n  Mon 2026-11-23 09:00-09:20: 20 min counted (30 of 30)\n  due at 09:20 on Mon 2026-11-23\n2026-11-23 09:20 Mon (2026-11-23T09:20:00+08:00)\n',
               ''),
        'zh': (0, '  周五 2026-11-20 17:50-18:00：计入 10 分钟（已计 10，共 30）\n  周六 2026-11-21：跳过，周末\n  周日 2026-11-22：跳过，周末\n  周一 2026-11-23 09:00-09:20：计入 20 分钟（共 30，已计 30）\n  周一 2026-11-23 09:20 到期\n2026-11-23 09:20 周一（2026-11-23T09:20:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-11-20 17:30', '30h', '--calendar', 'cn', '--explain'], {
        'en': (0, '  30 hours of elapsed time from 2026-11-20 17:30 +0800\n2026-11-21 23:30 Sat (2026-11-21T23:30:00+08:00)\n',
               ''),
        'zh': (0, '  从 2026-11-20 17:30 +0800 起经过 30小时\n2026-11-21 23:30 周六（2026-11-21T23:30:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-11-20 17:30', '3d', '--calendar', 'cn', '--explain'], {
        'en': (0, '  Fri 2026-11-20: receipt date; due at the end (24:00) of the date 3 calendar day(s) later, Mon 2026-11-23\n2026-11-23 24:00 Mon (2026-11-24T00:00:00+08:00)\n',
               ''),
        'zh': (0, '  周五 2026-11-20：受理当天；3 个自然日后的当天结束（24:00）到期，即 周一 2026-11-23\n2026-11-23 24:00 周一（2026-11-24T00:00:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-11-20 10:00', 'same', 'day', '--calendar', 'cn', '--explain'], {
        'en': (0, "  Fri 2026-11-20: a working day still open; due at today's closing time\n2026-11-20 18:00 Fri (2026-11-20T18:00:00+08:00)\n",
               ''),
        'zh': (0, '  周五 2026-11-20：工作日，尚未下班；当天下班时间到期\n2026-11-20 18:00 周五（2026-11-20T18:00:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-11-20 19:00', 'same', 'day', '--calendar', 'cn', '--explain'], {
        'en': (0, "  Fri 2026-11-20: closed for the day; due at the next working day's closing time\n  Sat 2026-11-21: skipped, weekend\n  Sun 2026-11-22: skipped, weekend\n  Mon 2026-11-23: working day 1\n  due at closing time 18:00 on Mon 2026-11-23\n2026-11-23 18:00 Mon (2026-11-23T18:00:00+08:00)\n",
               ''),
        'zh': (0, '  周五 2026-11-20：当天已下班；下一个工作日下班时间到期\n  周六 2026-11-21：跳过，周末\n  周日 2026-11-22：跳过，周末\n  周一 2026-11-23：第 1 个工作日\n  周一 2026-11-23 下班时间 18:00 到期\n2026-11-23 18:00 周一（2026-11-23T18:00:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-10-01 10:00', 'same', 'day', '--calendar', 'cn', '--explain'], {
        'en': (0, "  Thu 2026-10-01: day off: 国庆节 National Day; due at the next working day's closing time\n  Fri 2026-10-02: skipped, day off: 国庆节 National Day\n  Sat 2026-10-03: skipped, day off: 国庆节 National Day\n  Sun 2026-10-04: skipped, day off: 国庆节 National Day\n  Mon 2026-10-05: skipped, day off: 国庆节 National Day\n  Tue 2026-10-06: skipped, day off: 国庆节 National Day\n  Wed 2026-10-07: skipped, day off: 国庆节 National Day\n  Thu 2026-10-08: working day 1\n  due at closing time 18:00 on Thu 2026-10-08\n2026-10-08 18:00 Thu (2026-10-08T18:00:00+08:00)\n",
               ''),
        'zh': (0, '  周四 2026-10-01：休息日：国庆节；下一个工作日下班时间到期\n  周五 2026-10-02：跳过，休息日：国庆节\n  周六 2026-10-03：跳过，休息日：国庆节\n  周日 2026-10-04：跳过，休息日：国庆节\n  周一 2026-10-05：跳过，休息日：国庆节\n  周二 2026-10-06：跳过，休息日：国庆节\n  周三 2026-10-07：跳过，休息日：国庆节\n  周四 2026-10-08：第 1 个工作日\n  周四 2026-10-08 下班时间 18:00 到期\n2026-10-08 18:00 周四（2026-10-08T18:00:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-11-20 10:00', '0wd', '--calendar', 'cn', '--explain'], {
        'en': (0, "  Fri 2026-11-20: a working day still open; due at today's closing time\n2026-11-20 18:00 Fri (2026-11-20T18:00:00+08:00)\n",
               ''),
        'zh': (0, '  周五 2026-11-20：工作日，尚未下班；当天下班时间到期\n2026-11-20 18:00 周五（2026-11-20T18:00:00+08:00）\n',
               ''),
    }),
    (['calendar', 'due', '2026-12-30 10:00', '3wd', '--calendar', 'cn', '--explain'], {
        'en': (0, "  Wed 2026-12-30: day 0, the receipt date, never counts\n  Thu 2026-12-31: working day 1\n  Fri 2027-01-01: skipped, estimated day off: 元旦 New Year's Day (statutory; no official notice yet)\n  Sat 2027-01-02: skipped, weekend\n  Sun 2027-01-03: skipped, weekend\n  Mon 2027-01-04: working day 2\n  Tue 2027-01-05: working day 3\n  due at closing time 18:00 on Tue 2027-01-05\n2027-01-05 18:00 Tue (2027-01-05T18:00:00+08:00) provisional\n",
               "warning: this deadline is provisional: calendar 'cn' has no official data for 2027, so its holidays are estimated from the statutory holidays; add the notice with `plaint calendar add-year` (plaint calendar add-year 2027 --notice FILE --write)\n"),
        'zh': (0, '  周三 2026-12-30：第 0 天，受理当天，不计入\n  周四 2026-12-31：第 1 个工作日\n  周五 2027-01-01：跳过，估算的休息日：元旦（法定假日；尚无官方通知）\n  周六 2027-01-02：跳过，周末\n  周日 2027-01-03：跳过，周末\n  周一 2027-01-04：第 2 个工作日\n  周二 2027-01-05：第 3 个工作日\n  周二 2027-01-05 下班时间 18:00 到期\n2027-01-05 18:00 周二（2027-01-05T18:00:00+08:00） 暂定\n',
               "警告：此时限为暂定：日历 'cn' 没有 2027 年的官方数据，节假日按法定节假日估算；请用 `plaint calendar add-year` 添加通知（plaint calendar add-year 2027 --notice 文件 --write）\n"),
    }),
    (['calendar', 'due', '2027-02-05 17:00', '1wd', '--calendar', 'cn', '--explain'], {
        'en': (0, '  Fri 2027-02-05: day 0, the receipt date, never counts\n  Sat 2027-02-06: skipped, estimated day off: 春节 Spring Festival (statutory; no official notice yet)\n  Sun 2027-02-07: skipped, estimated day off: 春节 Spring Festival (statutory; no official notice yet)\n  Mon 2027-02-08: skipped, estimated day off: 春节 Spring Festival (statutory; no official notice yet)\n  Tue 2027-02-09: working day 1\n  due at closing time 18:00 on Tue 2027-02-09\n2027-02-09 18:00 Tue (2027-02-09T18:00:00+08:00) provisional\n',
               "warning: this deadline is provisional: calendar 'cn' has no official data for 2027, so its holidays are estimated from the statutory holidays; add the notice with `plaint calendar add-year` (plaint calendar add-year 2027 --notice FILE --write)\n"),
        'zh': (0, '  周五 2027-02-05：第 0 天，受理当天，不计入\n  周六 2027-02-06：跳过，估算的休息日：春节（法定假日；尚无官方通知）\n  周日 2027-02-07：跳过，估算的休息日：春节（法定假日；尚无官方通知）\n  周一 2027-02-08：跳过，估算的休息日：春节（法定假日；尚无官方通知）\n  周二 2027-02-09：第 1 个工作日\n  周二 2027-02-09 下班时间 18:00 到期\n2027-02-09 18:00 周二（2027-02-09T18:00:00+08:00） 暂定\n',
               "警告：此时限为暂定：日历 'cn' 没有 2027 年的官方数据，节假日按法定节假日估算；请用 `plaint calendar add-year` 添加通知（plaint calendar add-year 2027 --notice 文件 --write）\n"),
    }),
    (['calendar', 'due', '2026-12-23 10:00', '3wd', '--calendar', 'TMP/ours.toml', '--explain'], {
        'en': (0, '  Wed 2026-12-23: day 0, the receipt date, never counts\n  Thu 2026-12-24: skipped, day off: Winter break\n  Fri 2026-12-25: skipped, day off: Winter break\n  Sat 2026-12-26: skipped, weekend\n  Sun 2026-12-27: skipped, weekend\n  Mon 2026-12-28: working day 1\n  Tue 2026-12-29: skipped, weekend\n  Wed 2026-12-30: skipped, weekend\n  Thu 2026-12-31: skipped, weekend\n  Fri 2027-01-01: skipped, weekend\n  Sat 2027-01-02: skipped, weekend\n  Sun 2027-01-03: skipped, weekend\n  Mon 2027-01-04: working day 2\n  Tue 2027-01-05: skipped, weekend\n  Wed 2027-01-06: skipped, weekend\n  Thu 2027-01-07: skipped, weekend\n  Fri 2027-01-08: skipped, weekend\n  Sat 2027-01-09: skipped, weekend\n  Sun 2027-01-10: skipped, weekend\n  Mon 2027-01-11: working day 3\n  due at closing time 17:00 on Mon 2027-01-11\n2027-01-11 17:00 Mon (2027-01-11T17:00:00+08:00) provisional\n',
               "warning: this deadline is provisional: calendar 'ours' has no data for 2027 (computed with the plain weekly pattern); add [years.2027] to TMP/ours.toml\n"),
        'zh': (0, '  周三 2026-12-23：第 0 天，受理当天，不计入\n  周四 2026-12-24：跳过，休息日：Winter break\n  周五 2026-12-25：跳过，休息日：Winter break\n  周六 2026-12-26：跳过，周末\n  周日 2026-12-27：跳过，周末\n  周一 2026-12-28：第 1 个工作日\n  周二 2026-12-29：跳过，周末\n  周三 2026-12-30：跳过，周末\n  周四 2026-12-31：跳过，周末\n  周五 2027-01-01：跳过，周末\n  周六 2027-01-02：跳过，周末\n  周日 2027-01-03：跳过，周末\n  周一 2027-01-04：第 2 个工作日\n  周二 2027-01-05：跳过，周末\n  周三 2027-01-06：跳过，周末\n  周四 2027-01-07：跳过，周末\n  周五 2027-01-08：跳过，周末\n  周六 2027-01-09：跳过，周末\n  周日 2027-01-10：跳过，周末\n  周一 2027-01-11：第 3 个工作日\n  周一 2027-01-11 下班时间 17:00 到期\n2027-01-11 17:00 周一（2027-01-11T17:00:00+08:00） 暂定\n',
               "警告：此时限为暂定：日历 'ours' 没有 2027 年的数据（按每周作息计算）；请把 [years.2027] 加入 TMP/ours.toml\n"),
    }),
    (['calendar', 'due', '2026-12-30 10:00', '3wd', '--calendar', 'weekdays', '--explain'], {
        'en': (0, '  Wed 2026-12-30: day 0, the receipt date, never counts\n  Thu 2026-12-31: working day 1\n  Fri 2027-01-01: working day 2\n  Sat 2027-01-02: skipped, weekend\n  Sun 2027-01-03: skipped, weekend\n  Mon 2027-01-04: working day 3\n  due at closing time 17:00 on Mon 2027-01-04\n2027-01-04 17:00 Mon (2027-01-04T17:00:00+00:00)\n',
               ''),
        'zh': (0, '  周三 2026-12-30：第 0 天，受理当天，不计入\n  周四 2026-12-31：第 1 个工作日\n  周五 2027-01-01：第 2 个工作日\n  周六 2027-01-02：跳过，周末\n  周日 2027-01-03：跳过，周末\n  周一 2027-01-04：第 3 个工作日\n  周一 2027-01-04 下班时间 17:00 到期\n2027-01-04 17:00 周一（2027-01-04T17:00:00+00:00）\n',
               ''),
    }),
    (['--now', '2026-10-01 10:00', 'calendar', 'check', '--calendar', 'cn'], {
        'en': (0, 'cn: covers 2024-01-01 to 2026-12-31 (2024, 2025, 2026); 91 days left; ok\n',
               ''),
        'zh': (0, 'cn：覆盖 2024-01-01 至 2026-12-31（2024, 2025, 2026）；还剩 91 天；正常\n',
               ''),
    }),
    (['--now', '2026-11-22 10:00', 'calendar', 'check', '--calendar', 'cn'], {
        'en': (0, 'cn: covers 2024-01-01 to 2026-12-31 (2024, 2025, 2026); 39 days left; 2027 estimated\n',
               'warning: cn: 2027 is estimated from the statutory holidays (no official notice yet), so deadlines in it are provisional; add the notice with `plaint calendar add-year` (plaint calendar add-year 2027 --notice FILE --write)\n'),
        'zh': (0, 'cn：覆盖 2024-01-01 至 2026-12-31（2024, 2025, 2026）；还剩 39 天；2027 年为估算\n',
               '警告：cn：2027 年根据法定节假日估算（尚无官方通知），其中的时限为暂定；请用 `plaint calendar add-year` 添加通知（plaint calendar add-year 2027 --notice 文件 --write）\n'),
    }),
    (['--now', '2026-11-22 10:00', 'calendar', 'check', '--calendar', 'cn', '--days', '2000'], {
        'en': (0, 'cn: covers 2024-01-01 to 2026-12-31 (2024, 2025, 2026); 39 days left; 2027 estimated\n',
               'warning: cn: 2027 is estimated from the statutory holidays (no official notice yet), so deadlines in it are provisional; add the notice with `plaint calendar add-year` (plaint calendar add-year 2027 --notice FILE --write)\n'),
        'zh': (0, 'cn：覆盖 2024-01-01 至 2026-12-31（2024, 2025, 2026）；还剩 39 天；2027 年为估算\n',
               '警告：cn：2027 年根据法定节假日估算（尚无官方通知），其中的时限为暂定；请用 `plaint calendar add-year` 添加通知（plaint calendar add-year 2027 --notice 文件 --write）\n'),
    }),
    (['--now', '2026-11-22 10:00', 'calendar', 'check'], {
        'en': (0, 'cn: covers 2024-01-01 to 2026-12-31 (2024, 2025, 2026); 39 days left; 2027 estimated\nweekdays: no holiday data needed (weekly pattern only); ok\n',
               'warning: cn: 2027 is estimated from the statutory holidays (no official notice yet), so deadlines in it are provisional; add the notice with `plaint calendar add-year` (plaint calendar add-year 2027 --notice FILE --write)\n'),
        'zh': (0, 'cn：覆盖 2024-01-01 至 2026-12-31（2024, 2025, 2026）；还剩 39 天；2027 年为估算\nweekdays：不需要节假日数据（只按每周作息）；正常\n',
               '警告：cn：2027 年根据法定节假日估算（尚无官方通知），其中的时限为暂定；请用 `plaint calendar add-year` 添加通知（plaint calendar add-year 2027 --notice 文件 --write）\n'),
    }),
    (['--now', '2026-12-01 10:00', 'calendar', 'check', '--calendar', 'TMP/ours.toml'], {
        'en': (2, '',
               'ours: covers 2026-01-01 to 2026-12-31 (2026); 30 days left: no data for 2027, which deadlines reach within 60 days; add [years.2027] from the official notice to TMP/ours.toml\n'),
        'zh': (2, '',
               'ours：覆盖 2026-01-01 至 2026-12-31（2026）；还剩 30 天：没有 2027 年的数据，而 60 天内的时限会涉及该年；请根据官方通知把 [years.2027] 加入 TMP/ours.toml\n'),
    }),
    (['--book', 'TMP/book', '--now', '2026-11-22 10:00', 'calendar', 'check'], {
        'en': (0, 'cn: covers 2024-01-01 to 2027-12-31 (2024, 2025, 2026, 2027 from the book); 404 days left; ok\n',
               ''),
        'zh': (0, 'cn：覆盖 2024-01-01 至 2027-12-31（2024, 2025, 2026, 2027 来自投诉簿）；还剩 404 天；正常\n',
               ''),
    }),
    (['--book', 'TMP/book', '--now', '2027-11-22 10:00', 'calendar', 'check'], {
        'en': (0, 'cn: covers 2024-01-01 to 2027-12-31 (2024, 2025, 2026, 2027 from the book); 39 days left; 2028 estimated\n',
               'warning: cn: 2028 is estimated from the statutory holidays (no official notice yet), so deadlines in it are provisional; add the notice with `plaint calendar add-year` (plaint calendar add-year 2028 --notice FILE --write)\n'),
        'zh': (0, 'cn：覆盖 2024-01-01 至 2027-12-31（2024, 2025, 2026, 2027 来自投诉簿）；还剩 39 天；2028 年为估算\n',
               '警告：cn：2028 年根据法定节假日估算（尚无官方通知），其中的时限为暂定；请用 `plaint calendar add-year` 添加通知（plaint calendar add-year 2028 --notice 文件 --write）\n'),
    }),
    (['--book', 'TMP/demo', '--now', '2026-11-23 10:00', 'show', '1016-001', '--explain', 'respond'], {
        'en': (0, "respond clock, round 1: the customer gets an answer; 2 days under severity major (raised by age)\nraised to major at Sun 2026-11-15 24:00 (a valid complaint unresolved after 30 days counts as major); a clock only major has starts then\nstarts Sun 2026-11-15 24:00\nSun 2026-11-15: day 0, the day the raise took effect; due at the end (24:00) of the date 2 calendar day(s) later, Tue 2026-11-17\nno pauses: plaint's clocks do not stop while waiting on the customer\ndue Tue 2026-11-17 24:00; still running; overdue\n",
               ''),
        'zh': (0, '答复时限，第 1 轮：答复客户；重大投诉为 2天（因超期升级）\n周日 2026-11-15 24:00 升级为重大投诉（有效投诉 超过 30天 未解决即按重大投诉处理）；只有重大投诉才有的时限自那时起算\n周日 2026-11-15 24:00 开始计时\n周日 2026-11-15：第 0 天，升级生效当天；2 个自然日后的当天结束（24:00）到期，即 周二 2026-11-17\n不暂停：等待客户期间时限照常计算\n到期 周二 2026-11-17 24:00；仍在计时；已超时\n',
               ''),
    }),
    (['--now', '2023-12-01 10:00', 'calendar', 'check', '--calendar', 'cn'], {
        'en': (2, '',
               'cn: covers 2024-01-01 to 2026-12-31 (2024, 2025, 2026); 1126 days left: no data for 2023, which deadlines reach within 60 days; add the notice with `plaint calendar add-year 2023 --notice FILE --write`\n'),
        'zh': (2, '',
               'cn：覆盖 2024-01-01 至 2026-12-31（2024, 2025, 2026）；还剩 1126 天：没有 2023 年的数据，而 60 天内的时限会涉及该年；请用 `plaint calendar add-year 2023 --notice 文件 --write` 添加通知\n'),
    }),
    # provisional because its start (2023) has no data: the warning names 2023, not the next year after the data
    (['calendar', 'due', '2023-12-28 10:00', '3wd', '--calendar', 'cn'], {
        'en': (0, '2024-01-03 18:00 Wed (2024-01-03T18:00:00+08:00) provisional\n',
               "warning: this deadline is provisional: calendar 'cn' has no data for 2023 (computed with the plain weekly pattern); add the notice with `plaint calendar add-year 2023 --notice FILE --write`\n"),
        'zh': (0, '2024-01-03 18:00 周三（2024-01-03T18:00:00+08:00） 暂定\n',
               "警告：此时限为暂定：日历 'cn' 没有 2023 年的数据（按每周作息计算）；请用 `plaint calendar add-year 2023 --notice 文件 --write` 添加通知\n"),
    }),
    (['--book', 'TMP/book', '--now', '2027-11-22 10:00', 'check'], {
        'en': (0, '',
               'warning: cn: 2028 is estimated from the statutory holidays (no official notice yet), so deadlines in it are provisional; add the notice with `plaint calendar add-year` (plaint calendar add-year 2028 --notice FILE --write)\n'),
        'zh': (0, '',
               '警告：cn：2028 年根据法定节假日估算（尚无官方通知），其中的时限为暂定；请用 `plaint calendar add-year` 添加通知（plaint calendar add-year 2028 --notice 文件 --write）\n'),
    }),
    (['--book', 'TMP/ours_book', '--now', '2026-12-01 10:00', 'check'], {
        'en': (2, '',
               'TMP/ours_book/calendar/ours.toml:1: ours: covers 2026-01-01 to 2026-12-31 (2026); 30 days left: no data for 2027, which deadlines reach within 60 days; add [years.2027] from the official notice to TMP/ours_book/calendar/ours.toml\n'),
        'zh': (2, '',
               'TMP/ours_book/calendar/ours.toml:1: ours：覆盖 2026-01-01 至 2026-12-31（2026）；还剩 30 天：没有 2027 年的数据，而 60 天内的时限会涉及该年；请根据官方通知把 [years.2027] 加入 TMP/ours_book/calendar/ours.toml\n'),
    }),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args,expected", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_worded_exactly(places, monkeypatch, args, expected, lang):
    monkeypatch.chdir(places)
    assert run(places, lang, args) == expected[lang]
