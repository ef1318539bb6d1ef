"""What a fresh user found still refused or English in Chinese mode (issue 13, second tryout)."""

import json
from datetime import datetime

from conftest import make_book
from test_chinese_outputs import english_words, zh  # noqa: F401 (the fixture)
from test_form import editor  # noqa: F401 (the fixture)

LATER = "2026-11-25 10:00"


def test_now_without_a_year_is_this_years_date(book):
    this_year = datetime.now().year  # --now without a year: the real clock's year, as its help says
    book("--lang", "zh", "file", "--channel", "电话", "--summary", "t", now="11月23日 10:00")
    book("--lang", "zh", "file", "--channel", "电话", "--summary", "u", now="11月16日")
    shown = [json.loads(book("show", key, "--format", "json", now=f"{this_year}-12-31 23:00").stdout)["received"]
             for key in (f"SG-{this_year}1123-001", f"SG-{this_year}1116-001")]
    assert shown == [f"{this_year}-11-23T10:00:00+08:00", f"{this_year}-11-16T00:00:00+08:00"]


def test_the_form_reads_a_date_without_a_year(zh, editor):
    editor.plan(1, [("渠道: \n", "渠道: 电话\n"), ("摘要: \n", "摘要: 暖气不热\n"), ("发生时间: \n", "发生时间: 11月22日\n")])
    assert zh("file", "--form", now=LATER).stdout == "SG-20261125-001\n"
    shown = json.loads(zh("show", "1125-001", "--format", "json", now=LATER).stdout)  # not in the book before
    assert shown["happened"] == "2026-11-22"


FORMS_ZH = ("时间请写成 '2026-11-16 14:05'、'2026-11-16 24:00'、'2026-11-16T14:05:00+08:00'、'2026-11-16'、"
            "'2026年11月16日 14:05' 或 '11月16日'")


def test_date_errors_and_the_form_are_chinese(zh, editor):
    result = zh("file", "--channel", "电话", "--summary", "t", "--happened", "昨天", now=LATER, expect=2)
    assert result.stderr == f"错误：无法读取--happened '昨天'：不是有效的日期时间；{FORMS_ZH}\n"
    editor.plan(1, [("渠道: \n", "渠道: 电话\n"), ("摘要: \n", "摘要: 暖气不热\n"), ("发生时间: \n", "发生时间: 昨天\n")])
    zh("file", "--form", now=LATER, expect=2)
    assert "#: 现在必填：渠道、摘要。可在结案前补填：单元。\n" in editor.seen(1)
    drafts = sorted((zh.root / ".plaint-drafts").iterdir())
    assert drafts[0].read_text(encoding="utf-8").splitlines()[:2] == [
        f"#: 错误：无法读取发生时间 '昨天'：不是有效的日期时间；{FORMS_ZH}",
        "#: 错误：请改正下面各行后保存；清空文件即放弃（不作任何记录）"]


def test_check_names_the_fields_closing_needs_in_chinese(zh):
    zh("file", "--channel", "电话", "--summary", "路灯不亮", now=LATER)
    out = zh("check", "--notes", now=LATER).output
    note = [line for line in out.splitlines() if "SG-20261125-001" in line]
    assert len(note) == 1 and "：单元；" in note[0] and not english_words(note[0]), out


def test_the_repeat_caller_warning_names_the_field_in_chinese(zh):
    result = zh("file", "--channel", "电话", "--summary", "又不热了", "--contact", "13800138000", now=LATER)
    assert result.stderr.startswith("警告：相同的联系方式已有 1 件未结投诉："), result.stderr


def test_the_markdown_report_shows_the_age_bucket_as_typed(zh):
    out = zh("report", "--month", "2026-11", "--format", "markdown", now="2026-12-30 10:00").stdout
    import re
    assert "&gt;" not in out and re.search(r"(?m)^\| >20 +\| ", out), out


def test_the_html_charts_say_hours_in_chinese(zh, tmp_path):
    target = tmp_path / "r.html"
    zh("report", "--month", "2026-11", "--format", "html", "--output", str(target), now=LATER)
    import re
    page = target.read_text(encoding="utf-8")
    assert re.search(r'class="value">[0-9.]+ 小时</text>', page) and not re.search(r"[0-9] h\b", page)


def test_the_xlsx_time_limit_sheet_names_each_clock_in_chinese(zh, tmp_path):
    from openpyxl import load_workbook
    target = tmp_path / "r.xlsx"
    zh("report", "--month", "2026-11", "--format", "xlsx", "--output", str(target), now=LATER)
    sheet = [s for s in load_workbook(target).worksheets if "时限" in s.title][0]
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[:2] for row in rows[1:]][:2] == [("route", "转交部门"), ("acknowledge", "确定处理责任人")], rows
