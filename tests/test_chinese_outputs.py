"""With `labels = "zh"`, every table and text output is Chinese: no English word outside an allow-list
(ids, keys the JSON and record contracts fix, commands and options, data the user typed)."""

import re

import pytest
from wcwidth import wcswidth

from conftest import make_book

NOW = "2026-11-16 14:05"
LATER = "2026-11-25 10:00"

# Words allowed in Chinese output: plaint's own name, its commands and options as typed, record keys
# (the history shows `key=value` as stored), the contract's state keys, calendar and time-zone names,
# and the units people type in durations (wd, wh).
ALLOWED = set("""
plaint show list find overdue report calendar check log file classify assign reply close revisit reopen extend
edit history explain add year notice write book init sync setup link note propose approve review verify due clone
Asia Shanghai cn weekdays toml SG wd wh wm
""".split())


def english_words(text: str) -> set[str]:
    text = re.sub(r"\b[A-Z]{2,8}-\d{8}-\d{3,}\b", "", text)  # ids
    text = re.sub(r"--[a-z-]+", "", text)  # options named in hints
    text = re.sub(r"(/[\w.-]+)+", "", text)  # paths (the book's folder, its files)
    text = re.sub(r"\b[0-9a-f]{8}\b", "", text)  # commits in `log`
    text = text.replace("&gt;", ">")  # markdown escapes
    text = re.sub(r"`[^`]*`", "", text)  # commands quoted in hints
    text = re.sub(r"\$[A-Z]+|\b[A-Z]+(?:_[A-Z]+)+\b", "", text)  # environment variables ($EDITOR, PLAINT_NOW)
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED}


@pytest.fixture
def zh(tmp_path):
    book = make_book(tmp_path)
    path = book.root / "plaint.toml"
    text = path.read_text(encoding="utf-8").replace('labels = "en"', 'labels = "zh"')
    text = re.sub(r'(?m)^name = ".*"$', 'name = "阳光花园物业服务中心"', text)  # the book's name is typed data
    path.write_text(text, encoding="utf-8")
    by = {"by": "李娜"}
    book("file", "--channel", "电话", "--summary", "暖气不热", "--name", "张伟", "--contact", "13800138000",
         "--unit", "3栋2单元501室", now=NOW, **by)
    book("classify", "1116-001", "--validity", "有效投诉", "--severity", "重要投诉", "--category", "设施设备", now=NOW, **by)
    book("assign", "1116-001", "--handler", "王强", "--department", "工程部", now="2026-11-16 14:30", **by)
    book("reply", "1116-001", "--text", "已派维修工", "--method", "电话", now="2026-11-16 15:00", **by)
    book("file", "--channel", "当面", "--summary", "电梯困人", "--severity", "重大投诉", "--unit", "5栋",
         now="2026-11-17 09:00", **by)
    book("file", "--channel", "信函", "--summary", "噪音扰民", "--unit", "2栋", now="2026-11-18 09:00", **by)
    book("assign", "1118-001", "--handler", "王强", "--department", "工程部", now="2026-11-18 10:00", **by)
    book("close", "1118-001", "--resolution", "已协调", "--cause", "装修", now="2026-11-19 10:00", **by)
    book("revisit", "1118-001", "--method", "电话", "--satisfied", "--words", "满意", now="2026-11-20 10:00", **by)
    return book


COMMANDS = [
    (["show", "1116-001"], 0), (["show", "1118-001"], 0), (["show", "1116-001", "--history"], 0),
    (["show", "1116-001", "--explain", "resolve"], 0), (["list"], 0), (["list", "--open"], 0),
    (["find", "13800138000"], 0), (["overdue"], 1), (["overdue", "--within", "2wd"], 1),
    (["report", "--month", "2026-11"], 0), (["report", "--month", "2026-11", "--format", "markdown"], 0),
    (["calendar", "show", "2026-10"], 0), (["calendar", "due", "2026-09-30 17:00", "3wd", "--explain"], 0),
    (["calendar", "check"], 0), (["check"], 0), (["log", "1116-001"], 0),
]


def test_no_english_in_chinese_output(zh):
    found = {}
    for args, code in COMMANDS:
        result = zh(*args, now=LATER, expect=code)
        out = result.output + result.stderr
        assert re.search(r"[\u4e00-\u9fff]", out) or args[0] in ("log", "check"), (args, out)
        if english_words(out):
            found[" ".join(args)] = (english_words(out), out)
    assert {k: sorted(v[0]) for k, v in found.items()} == {}, found


ERRORS = [
    ["file", "--channel", "传真", "--summary", "x"], ["show", "999"], ["classify", "1116-001"],
    ["extend", "1116-001", "--clock", "resolve", "--add", "1wd", "--approver", "处理责任人", "--reason", "备件"],
    ["list", "--status", "未知"], ["overdue", "--clock", "午饭"], ["show", "--bogus"], ["report", "--month", "十一月"],
]


def test_errors_are_chinese(zh):
    for args in ERRORS:
        result = zh(*args, now=LATER, expect=2)
        assert "错误：" in result.stderr, result.stderr
        assert english_words(result.stderr) - {"main", "ID"} == set(), result.stderr  # main: the test runner's name for plaint


def test_what_closing_still_needs_reads_as_still_to_do(zh):
    # "已确定处理责任人" (already assigned) said the opposite of what was meant
    text = zh("show", "1117-001", now="2026-11-17 10:00").stdout
    assert "结案前尚需：确定处理责任人（plaint assign --handler）" in text


def test_allowed_values_are_listed_by_their_chinese_names(zh):
    # the list of allowed channels was the English keys (phone, in_person, ...) under zh
    result = zh("file", "--channel", "传真", "--summary", "x", now=LATER, expect=2)
    assert result.stderr == "错误：未知的渠道 '传真'；可选渠道：电话、当面、委托他人、信函、意见箱\n"
    result = zh("list", "--status", "未知", now=LATER, expect=2)
    assert result.stderr == ("错误：未知的状态 '未知'；可选状态：未办结、已受理、已分派、已答复、已结案、已回访、已重开、"
                             "重复投诉（未办结 = 所有尚未结案的投诉）\n")
    result = zh("overdue", "--clock", "午饭", now=LATER, expect=2)
    assert result.stderr == "错误：未知的时限 '午饭'；可选时限：转交部门、确定处理责任人、提出方案、答复、处理完毕、回访\n"


def test_a_policy_file_problem_lists_the_keys_to_write_with_their_names(zh):
    path = zh.root / "plaint.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('default_severity = "minor"',
                                                             'default_severity = "tiny"'), encoding="utf-8")
    result = zh("list", now=LATER, expect=2)
    assert "可选严重程度：轻微投诉（minor）、重要投诉（important）、重大投诉（major）" in result.stderr, result.stderr


def test_statuses_and_clocks_are_typed_as_the_tool_shows_them(zh):
    by_word = zh("list", "--status", "已受理", "--format", "json", now=LATER).stdout
    assert by_word == zh("list", "--status", "received", "--format", "json", now=LATER).stdout
    assert '"1117-001"' not in by_word and '"SG-20261117-001"' in by_word
    assert zh("list", "--status", "未办结", "--format", "json", now=LATER).stdout == \
        zh("list", "--status", "open", "--format", "json", now=LATER).stdout
    by_word = zh("overdue", "--clock", "处理完毕", "--format", "json", now=LATER, expect=1).stdout
    assert by_word == zh("overdue", "--clock", "resolve", "--format", "json", now=LATER, expect=1).stdout
    assert '"clock": "resolve"' in by_word
    zh("extend", "1116-001", "--clock", "处理完毕", "--add", "1wd", "--approver", "总经理", "--reason", "备件",
       now="2026-11-16 16:00")
    assert "resolve" in (zh.root / "2026" / "11" / "SG-20261116-001.toml").read_text(encoding="utf-8").split("extend")[-1]
    assert "处理完毕" in zh("show", "1116-001", "--explain", "处理完毕", now=LATER).stdout


def _columns(lines, marker):
    """The display column where `marker` starts on each line that has it."""
    from wcwidth import wcswidth
    return [wcswidth(line[:line.index(marker)]) for line in lines if marker in line]


def test_label_columns_are_aligned_by_display_width(zh):
    # 确定处理责任人 is 14 columns wide: padding by characters (or to 12) pushed its deadline out of line
    result = zh("file", "--channel", "电话", "--summary", "漏水", now=LATER, by="李娜")
    columns = _columns(result.stderr.splitlines(), "到期")
    assert len(columns) == 3 and len(set(columns)) == 1, result.stderr
    text = zh("show", "1116-001", now=LATER).stdout.splitlines()
    clocks = text[text.index("时限") + 1:]
    columns = _columns([line for line in clocks if line.startswith("  ") and "到期" in line], "到期")
    assert len(columns) == 3 and len(set(columns)) == 1, text
    from wcwidth import wcswidth
    fields = [re.match(r"  \S+ +", line).group() for line in text[1:text.index("时限")] if not line.startswith("    ")]
    assert len(fields) >= 6 and len({wcswidth(head) for head in fields}) == 1, text


def test_init_in_chinese_writes_a_chinese_book(tmp_path):
    from click.testing import CliRunner

    from plaint.commands.app import main
    result = CliRunner().invoke(main, ["--lang", "zh", "init", str(tmp_path / "b"), "--template", "property"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "b" / "plaint.toml").read_text(encoding="utf-8")
    assert 'labels = "zh"' in text and 'name = "物业服务中心"' in text and 'title = "住户投诉意见表"' in text
    english = CliRunner().invoke(main, ["init", str(tmp_path / "e"), "--template", "property"])
    assert english.exit_code == 0
    text = (tmp_path / "e" / "plaint.toml").read_text(encoding="utf-8")
    assert 'labels = "en"' in text and 'name = "Property management office"' in text


def test_init_lists_the_templates_in_chinese():
    from click.testing import CliRunner

    from plaint.commands.app import main
    result = CliRunner().invoke(main, ["--lang", "zh", "init", "--list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-2] == "property         物业管理：所管小区住户的投诉。"
    keys = {"building", "dealership", "general", "logistics", "property", "service", "station"}
    assert len(lines) == 6 and english_words(result.output) - keys == set(), result.output


def test_every_templates_texts_are_marked_for_the_catalog():
    # a new template whose name, form title or description is not in TEMPLATE_TEXTS would stay English
    import tomllib

    from plaint.setup import TEMPLATE_TEXTS, template_list
    from plaint.storage.resources import read_text, template_file
    for key, _line in template_list():
        text = read_text(template_file("policies", f"{key}.toml"))
        data = tomllib.loads(text)
        assert {text.splitlines()[0].lstrip("# ").strip(), data["name"], data["form"]["title"]} <= set(TEMPLATE_TEXTS)


# The same thing in the text report (the catalog) and in the html/xlsx packs (reportwords.ZH)
SAME_WORD = {"severity": "severity", "handler": "handler", "department": "department", "not_set": "(not set)",
             "running": "running", "met": "met", "breached": "breached", "on_time_rate": "on time", "clock": "clock",
             "closed": "closed", "revisited": "revisited", "satisfied": "satisfied", "within_window": "within window",
             "cause": "cause", "action": "action", "contact": "contact", "place": "place", "month": "month",
             "late": "late", "reopened": "reopened", "by_severity": "By severity", "by_category": "By category",
             "by_channel": "By channel", "by_validity": "By validity", "by_status": "By status",
             "by_complained_about": "By department complained about", "time_resolve": "Time to resolve (working hours)",
             "time_respond": "Time to respond (working hours)", "corrective_actions": "Corrective and preventive actions",
             "handlers": "Handlers", "responsible": "Responsible departments and persons", "bucket": "age",
             "met_extended": "met after extension", "count": "count", "share": "share", "cases": "cases", "all": "all",
             "median_hours": "median", "p90_hours": "90th pct", "cumulative_share": "cumulative", "none": "(none)"}


def test_every_report_format_uses_one_vocabulary():
    # the xlsx said 级别 and 处理人 where the text report said 严重程度 and 处理责任人
    from plaint import words
    from plaint.catalog import read_po
    from plaint.reportwords import ZH
    catalog = read_po()
    assert {key: ZH[key] for key in SAME_WORD} == {key: catalog[msgid] for key, msgid in SAME_WORD.items()}
    assert ZH["clock_names"] == {key: catalog[msgid] for key, msgid in words.CLOCK_NAMES.items()}
    assert ZH["status_names"] == {key: catalog[words.STATUSES[key]] for key in ZH["status_names"]}
    assert ZH["sheets"]["severity"] == catalog["severity"] and ZH["sheets"]["handlers"] == catalog["Handlers"]
    assert ZH["book"] == "投诉簿" and "台账" not in str(ZH) and "级别" not in str(ZH)


def test_csv_for_excel_is_in_chinese_and_plain_csv_keeps_the_keys(zh):
    # --excel is for a person opening a spreadsheet: headers and the tool's words in Chinese;
    # --format csv is for scripts: the keys, as the JSON contract has them
    text = zh("list", "--excel", now=LATER).stdout
    head, first = text.splitlines()[:2]
    assert head == "\ufeff编号,状态,受理时间,严重程度,类别,处理责任人,部门,摘要,下一时限,下一时限到期,下一时限状态,因超期升级"
    assert first == "SG-20261116-001,已答复,2026-11-16T14:05:00+08:00,重要投诉,设施设备,王强,工程部,暖气不热,处理完毕,2026-11-20T00:00:00+08:00,已超时,否"
    assert zh("list", "--format", "csv", now=LATER).stdout.startswith(
        "id,status,received,severity,category,handler,department,summary,next_clock,next_due,next_state,")
    text = zh("overdue", "--excel", now=LATER, expect=1).stdout
    assert text.startswith("\ufeff编号,状态,时限,到期时间,超时,严重程度,") and ",已超时,处理完毕," in text
    assert english_words(text) == set(), text
    assert zh("overdue", "--format", "csv", now=LATER, expect=1).stdout.startswith("id,state,clock,due,late,")
    text = zh("find", "13800138000", "--excel", now=LATER).stdout
    assert text.startswith("\ufeff编号,状态,受理时间,下一时限,") and ",已答复," in text
    text = zh("report", "--month", "2026-11", "--excel", now=LATER).stdout
    assert text.startswith("\ufeff部分,项目,指标,数值\n")
    assert zh("report", "--month", "2026-11", "--format", "csv", now=LATER).stdout.startswith("section,key,measure,value\n")


# Words a Chinese help page keeps: the values Click makes people type as they are (formats, languages),
# technical names a Chinese desk uses as they are, git's own words, policy keys and examples of typed data.
HELP_WORDS = {"json", "csv", "table", "text", "toml", "markdown", "html", "xlsx", "en", "zh", "wd", "wh",
              "CSV", "UTF", "BOM", "Excel", "URL", "git", "HEAD", "cron", "user", "name", "labels", "causes",
              "general", "BJ", "main"}  # main: the test runner's name for plaint


def test_every_help_page_is_chinese():
    # TEXT, INTEGER, DATE ... and the --status/--clock lists stayed English
    import click
    from click.testing import CliRunner

    from plaint.commands.app import main

    def paths(command, path):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            if not sub.hidden:
                yield from paths(sub, path + [name])
    found = {}
    for path in paths(main, []):
        result = CliRunner().invoke(main, ["--lang", "zh", *path, "--help"])
        assert result.exit_code == 0 and "用法：" in result.output, result.output
        left = english_words(result.output) - HELP_WORDS
        if left:
            found[" ".join(path)] = sorted(left)
    assert found == {}
    usage = CliRunner().invoke(main, ["--lang", "zh", "show", "--help"]).output.splitlines()[0]
    assert usage == "用法： main show [选项] 编号"
    english = CliRunner().invoke(main, ["show", "--help"]).output.splitlines()[0]
    assert english == "Usage: main show [OPTIONS] ID" and isinstance(main, click.Group)


def test_every_placeholder_has_a_translation():
    import click

    from plaint.catalog import read_po
    from plaint.commands.app import main
    catalog, missing = read_po(), set()

    def walk(command):
        for param in command.params:
            given = getattr(param, "_en_metavar", param.metavar)
            if given is None and (isinstance(param.type, (click.Choice, click.DateTime)) or
                                  getattr(param, "is_flag", False) or getattr(param, "count", False)):
                continue
            word = given or (param.name.upper() if isinstance(param, click.Argument) else param.type.name.upper())
            if re.search(r"[A-Z]{2,}", word) and not catalog.get(word):
                missing.add(word)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)
    walk(main)
    assert missing == set()


def test_history_and_confirmations_read_as_chinese(zh):
    # the history showed 时限=resolve, 批准人=general manager, unit_was=...; confirmations mixed `:` and `：`
    zh("extend", "1116-001", "--clock", "resolve", "--add", "1wd", "--approver", "general manager",
       "--reason", "备件", now="2026-11-16 16:00", by="李娜")
    assert zh("edit", "1116-001", "--unit", "3栋2单元502室", "--reason", "录错", now="2026-11-16 16:10",
              by="李娜").stdout == \
        "SG-20261116-001：已更正 单元\n"
    assert zh("assign", "1117-001", "--handler", "赵磊", now="2026-11-17 09:30").stdout == \
        "SG-20261117-001：已确定处理责任人：赵磊\n"
    text = zh("show", "1116-001", now=LATER).stdout
    assert "时限=处理完毕" in text and "批准人=总经理" in text and "原单元=3栋2单元501室" in text, text
    assert "（经总经理批准延期至 2026-11-20 18:00）" in text and "投诉人       张伟，13800138000" in text, text
    assert "  答复         内容：已派维修工；方式：电话；经办人：李娜" in text, text
    assert english_words(text) == set(), text
    zh("file", "--channel", "电话", "--summary", "漏水", now=LATER, by="李娜")
    assert "部门经理、总经理" in zh("overdue", now="2026-12-01 10:00", expect=1).stdout


def test_log_names_clocks_and_roles_in_chinese(zh):
    # `plaint log` showed 延期 SG-…: resolve, general manager, 备件
    zh("extend", "1116-001", "--clock", "resolve", "--add", "1wd", "--approver", "general manager",
       "--reason", "备件", now="2026-11-16 16:00", by="李娜")
    line = zh("log", "1116-001", now=LATER).stdout.splitlines()[-1]
    assert line.endswith("  延期 SG-20261116-001：处理完毕，总经理，备件  （李娜）"), line


def test_the_html_report_reads_as_chinese(zh):
    # it said `(not set)` in the responsible/handler tables and `pts` for changes
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.hidden = [], False

        def handle_starttag(self, tag, attrs):
            self.hidden = tag in ("style", "script")

        def handle_endtag(self, tag):
            self.hidden = False

        def handle_data(self, data):
            if not self.hidden:
                self.parts.append(data)
    page = Text()
    page.feed(zh("report", "--month", "2026-11", "--format", "html", now=LATER).stdout)
    text = " ".join(page.parts)
    assert "（未设置）" in text and "个百分点" in text
    assert english_words(text) == set(), sorted(english_words(text))


def test_a_dealership_case_reads_as_chinese(tmp_path):
    # found walking the dealership procedure: `; ` between steps, `assigned` in the reopen refusal,
    # complainant.contact in 缺少, two fields both called 批准人, `计时中, 还有`
    book = make_book(tmp_path, "dealership", "4S")
    run = lambda *args, **kw: book("--lang", "zh", *args, by="李娜", **kw)  # noqa: E731
    run("file", "--channel", "电话", "--summary", "刹车异响", "--reference", "京A12345", now="2026-11-16 10:00")
    run("classify", "1116-001", "--validity", "有效投诉", "--severity", "重大投诉", now="2026-11-16 10:30")
    run("assign", "1116-001", "--handler", "刘洋", "--department", "售后服务部", now="2026-11-16 11:00")
    run("propose", "1116-001", "--solution", "更换刹车片", now="2026-11-16 12:00")
    error = run("close", "1116-001", "--resolution", "已更换", now="2026-11-16 12:30", expect=2).stderr
    assert error.endswith("要求 批准解决方案（plaint approve）；答复客户（plaint reply）\n"), error
    error = run("reopen", "1116-001", "--reason", "客户不满意", now="2026-11-16 12:40", expect=2).stderr
    assert error == "错误：4S-20261116-001 的状态是 已分派，未结案；无需重开\n"
    run("approve", "1116-001", now="2026-11-16 13:00")
    text = run("show", "1116-001", now="2026-11-17 10:00").stdout
    assert "  缺少         联系方式（结案前需补全：plaint edit）" in text, text
    assert "签批人：李娜；批准人：总经理" in text and "计时中，还有 23时00分" in text, text
    assert english_words(text) == set(), text


def test_durations_typed_the_chinese_way_and_their_errors(zh):
    # `--within 3天` was refused with an English list of forms; bad times also explained in English
    from plaint.durations import Duration, parse_duration
    assert [parse_duration(text) for text in ("3个工作日", "2 工作小时", "90工作分钟", "10天", "1小时", "10分钟", "当天",
                                             "３个工作日")] == [
        Duration(3, "wd"), Duration(2, "wh"), Duration(90, "wm"), Duration(10, "d"), Duration(1, "h"),
        Duration(10, "m"), Duration(0, "same"), Duration(3, "wd")]
    assert zh("overdue", "--within", "3个工作日", "--format", "json", now=LATER, expect=1).stdout == \
        zh("overdue", "--within", "3wd", "--format", "json", now=LATER, expect=1).stdout
    error = zh("overdue", "--within", "三天", now=LATER, expect=2).stderr
    assert error.startswith("错误：--within: 无法读取时长 '三天'；") and english_words(error) == set(), error
    error = zh("list", "--from", "明天", now=LATER, expect=2).stderr
    assert english_words(error) == set(), error


def test_a_record_with_an_unknown_status_lists_the_statuses_to_write(zh):
    path = zh.root / "2026" / "11" / "SG-20261117-001.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('status = "received"', 'status = "bogus"'),
                    encoding="utf-8")
    error = zh("show", "1117-001", now=LATER, expect=2).stderr
    assert "未知的状态 'bogus'；可选值：已受理（received）、已分派（assigned）" in error, error


def test_calendar_remarks_in_chinese_brackets(zh):
    assert zh("calendar", "show", "2026-10", now=LATER).stdout.splitlines()[0] == \
        "2026年10月 — 中国大陆（国务院节假日安排通知）（Asia/Shanghai）"
    text = zh("calendar", "due", "2026-09-30 17:00", "3wd", "--explain", now=LATER).stdout
    assert "  周六 2026-10-10：第 3 个工作日（调休工作日：国庆节调休上班）\n" in text, text


def test_the_xlsx_pack_says_not_set_in_chinese(zh, tmp_path):
    import openpyxl
    zh("report", "--month", "2026-11", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"), now=LATER)
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["处理责任人"]
    assert ("（未设置）", 1, 1) in list(sheet.iter_rows(values_only=True)), list(sheet.iter_rows(values_only=True))


def test_a_duration_too_long_names_its_unit_in_chinese(zh):
    error = zh("extend", "1116-001", "--clock", "处理完毕", "--add", "4000wd", "--approver", "总经理",
               "--reason", "备件", now="2026-11-16 16:00", expect=2).stderr
    assert "时长 '4000wd' 太长：最多 3660个工作日（十年）" in error, error


def test_report_for_excel_has_chinese_rows_and_csv_keeps_the_keys(zh):
    import csv
    import io
    text = zh("report", "--month", "2026-11", "--excel", now=LATER).stdout
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[:3] == [["部分", "项目", "指标", "数值"], ["统计期间", "2026-11", "受理投诉", "3"],
                        ["统计期间", "2026-11", "无法读取的记录（未计入）", "0"]]
    assert ["按类别", "设施设备", "件数", "1"] in rows and ["按类别", "（未设置）", "件数", "2"] in rows
    assert ["按状态", "已回访", "件数", "1"] in rows and ["按渠道", "电话", "件数", "1"] in rows
    assert ["各时限按时率", "处理完毕", "按时率", "0.5"] in rows
    assert ["答复用时（工作小时）", "重要投诉", "中位数", "0.92"] in rows
    assert ["回访与满意度", "全部", "满意", "1"] in rows
    assert english_words(text) == set(), english_words(text)
    plain = zh("report", "--month", "2026-11", "--format", "csv", now=LATER).stdout
    assert "\nperiod,2026-11,records,3\n" in plain and "\ncount_category,facilities,count,1\n" in plain


def test_scrub_placeholders_are_chinese_in_every_human_format_and_english_in_json(zh, tmp_path):
    import json
    zh("file", "--channel", "电话", "--summary", "楼上漏水", "--about", "3栋2单元501室住户", "--unit", "3栋2单元501室",
       now=LATER)
    month = ["report", "--month", "2026-11"]
    found = json.loads(zh(*month, "--format", "json", now=LATER).stdout)["counts"]["complained_about"]
    assert "[unit]住户" in [entry["key"] for entry in found], found  # the JSON contract keeps its tokens
    assert "[unit]" in zh(*month, "--format", "csv", now=LATER).stdout
    for fmt in ("table", "markdown"):
        out = zh(*month, "--format", fmt, now=LATER).stdout
        assert "[单元]住户" in out and "[unit]" not in out, out
    assert "[单元]住户" in zh(*month, "--excel", now=LATER).stdout
    zh(*month, "--format", "html", "--output", str(tmp_path / "r.html"), now=LATER)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "[单元]住户" in html and "[unit]" not in html
    import openpyxl
    zh(*month, "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"), now=LATER)
    cells = [str(c) for sheet in openpyxl.load_workbook(tmp_path / "r.xlsx") for row in sheet.iter_rows(values_only=True)
             for c in row]
    assert "[单元]住户" in cells and not any("[unit]" in c for c in cells)


def test_init_in_chinese_writes_chinese_comments(tmp_path):
    # the comments of a new book's plaint.toml were English under a Chinese name and form title
    import tomllib

    from click.testing import CliRunner

    from plaint.commands.app import main
    from plaint.setup import TEMPLATE_TEXTS, template_list
    from plaint.templatecomments import COMMENTS, paragraphs
    from plaint.storage.resources import read_text, template_file
    for key, _line in template_list():
        template = read_text(template_file("policies", f"{key}.toml"))
        assert {p for p in paragraphs(template) if english_words(p)} <= set(COMMENTS) | set(TEMPLATE_TEXTS), key
        result = CliRunner().invoke(main, ["--lang", "zh", "init", str(tmp_path / key), "--template", key])
        assert result.exit_code == 0, result.output
        text = (tmp_path / key / "plaint.toml").read_text(encoding="utf-8")
        notes = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line and '"#' not in line]
        assert notes and all(re.search(r"[\u4e00-\u9fff]", note) for note in notes), (key, notes)
        prose = [note for note in notes if not re.match(r"\s*[a-z_]+\s*=", note)]  # a setting to uncomment stays
        assert {note: english_words(note) for note in prose if english_words(note)} == {}, key
        english = tomllib.loads(template)
        chinese = tomllib.loads(text)
        assert {k: v for k, v in chinese.items() if k not in ("labels", "name", "form")} == \
            {k: v for k, v in english.items() if k not in ("labels", "name", "form")}
    text = (tmp_path / "property" / "plaint.toml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# 物业管理：所管小区住户的投诉。"
    assert '# closures = [{ from = 2026-12-31, to = 2026-12-31, name = "公司活动日" }]' in text


def test_help_headings_take_a_full_width_colon_in_chinese():
    from click.testing import CliRunner

    from plaint.commands.app import main
    for args in (["--help"], ["list", "--help"], ["calendar", "--help"], ["calendar", "show", "--help"]):
        out = CliRunner().invoke(main, ["--lang", "zh", *args]).output
        assert "\n选项：\n" in out and "选项:" not in out and "命令:" not in out, (args, out)
    assert "\n命令：\n" in CliRunner().invoke(main, ["--lang", "zh", "calendar", "--help"]).output
    english = CliRunner().invoke(main, ["--lang", "en", "list", "--help"]).output
    assert "\nOptions:\n" in english and "：" not in english


def test_recovery_warnings_are_chinese(zh):
    import subprocess
    path = next(zh.root.glob("*/*/SG-20261117-001.toml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"电梯困人"', '"电梯困人，已救出"'), encoding="utf-8")
    err = zh("note", "1118-001", "--text", "已电话联系", now=LATER).stderr
    assert "警告：2026/11/SG-20261117-001.toml 有未提交的更改，已单独提交：edit SG-20261117-001 (by hand)" in err, err
    path.write_text(text.replace("[[history]]", "[[histories]]"), encoding="utf-8")
    err = zh("note", "1118-001", "--text", "再次联系", now=LATER).stderr
    assert err.startswith("警告：2026/11/SG-20261117-001.toml 有未提交的更改，使记录无法读取：") and \
        err.rstrip().endswith("；请改正（plaint check），下次写入时会提交"), err
    assert subprocess.run(["git", "-C", str(zh.root), "status", "--porcelain"], capture_output=True,
                          text=True).stdout.splitlines()[0] == " M 2026/11/SG-20261117-001.toml"  # left for the clerk


def test_no_english_and_nothing_too_wide_at_60_columns(zh, monkeypatch):
    # the same walk on a narrow terminal: cards, wrapped lines and fitted tables are Chinese too
    monkeypatch.setenv("COLUMNS", "60")
    found, wide = {}, {}
    for args, code in COMMANDS:
        result = zh(*args, now=LATER, expect=code)
        if english_words(result.output + result.stderr):
            found[" ".join(args)] = sorted(english_words(result.output + result.stderr))
        over = [line for line in result.stdout.splitlines() if wcswidth(line) > 60]
        if over and "markdown" not in args:  # markdown is a document for a file or an e-mail, not the terminal
            wide[" ".join(args)] = over
    assert found == {} and wide == {}, (found, wide)
