"""What a property-desk clerk met walking every command in Chinese (#13): confirmations, warnings and
help that read as Chinese and line up by display width on a narrow terminal."""

import re

from wcwidth import wcswidth

from test_chinese_outputs import LATER, english_words, zh  # noqa: F401  (zh: the fixture)


def test_reopen_confirms_like_the_other_steps(zh):  # noqa: F811
    zh("close", "1116-001", "--resolution", "已修好", "--cause", "阀门", now="2026-11-17 10:00")
    out = zh("reopen", "1116-001", "--reason", "又不热了", now=LATER).stdout
    assert out == "SG-20261116-001：已重开\n"


def test_a_repeat_callers_cases_in_chinese_brackets(zh):  # noqa: F811
    err = zh("file", "--channel", "电话", "--summary", "又不热了", "--contact", "13800138000", now=LATER).stderr
    assert "警告：相同的联系方式已有 1 件未结投诉：SG-20261116-001（暖气不热）" in err, err


def test_calendar_due_in_chinese_brackets(zh):  # noqa: F811
    out = zh("calendar", "due", "2026-09-30 17:00", "3wd", now=LATER).stdout
    assert out == "2026-10-10 18:00 周六（2026-10-10T18:00:00+08:00）\n"


def test_help_lines_up_and_wraps_by_display_width():
    import os
    import subprocess
    import sys
    for args in (["list", "--help"], ["--help"], ["report", "--help"], ["calendar", "due", "--help"]):
        out = subprocess.run([sys.executable, "-m", "plaint", "--lang", "zh", *args], capture_output=True, text=True,
                             env=dict(os.environ, COLUMNS="60")).stdout
        assert all(wcswidth(line) <= 60 for line in out.splitlines()), [l for l in out.splitlines() if wcswidth(l) > 60]
        options = out.split("选项：\n", 1)[1].split("\n\n")[0].splitlines()
        starts = {wcswidth(line[:m.start(2)]) for line in options if (m := re.match(r"  (\S.*?)  +(\S)", line))}
        assert len(starts) == 1, (args, options)  # every description starts in one column
        assert not any(line.lstrip().startswith(("）", "，", "。")) for line in out.splitlines()), out


def test_setup_joins_what_it_did_with_chinese_semicolons(zh):  # noqa: F811
    import subprocess
    subprocess.run(["git", "-C", str(zh.root), "config", "--local", "--unset", "merge.plaint.driver"], check=True)
    out = zh("setup", "--site", "BJ", now=LATER).stdout
    assert "：已设定网点代码；已启用投诉记录合并程序。网点代码：BJ" in out, out


def test_the_report_fits_a_narrow_terminal(zh, monkeypatch):  # noqa: F811
    piped = zh("report", "--month", "2026-11", now=LATER).stdout
    for width in (60, 40):
        monkeypatch.setenv("COLUMNS", str(width))
        out = zh("report", "--month", "2026-11", now=LATER).stdout
        assert all(wcswidth(line) <= width for line in out.splitlines()), \
            [line for line in out.splitlines() if wcswidth(line) > width]
        if width == 60:  # every figure kept, only tabulate's slack gone
            assert [line for line in out.splitlines() if line.startswith("时限")][1].split() == \
                ["时限", "按时", "延期后按时", "超时", "计时中", "按时率"]
        else:  # too narrow for the six columns: a card per time limit
            assert "确定处理责任人\n  按时        2\n  延期后按时  0\n" in out, out
    assert max(wcswidth(line) for line in piped.splitlines()) > 60  # a pipe gets tabulate's layout, as before


def test_init_list_wraps_under_its_text_on_a_narrow_terminal(monkeypatch):
    from click.testing import CliRunner

    from plaint.commands.app import main
    monkeypatch.setenv("COLUMNS", "60")
    lines = CliRunner().invoke(main, ["--lang", "zh", "init", "--list"]).output.splitlines()
    assert all(wcswidth(line) <= 60 for line in lines), lines
    general = lines.index(next(line for line in lines if line.startswith("general ")))
    assert lines[general + 1].startswith(" " * 17) and not lines[general + 1][17].isspace()


def test_wrap_keeps_words_whole_and_never_starts_a_line_with_closing_punctuation():
    from plaint.render.layout import wrap
    assert wrap("供 Excel 使用的 CSV：带字节顺序标记（BOM）的 UTF-8。", 20) == \
        ["供 Excel 使用的", "CSV：带字节顺序标记", "（BOM）的 UTF-8。"]
    assert wrap("不使用颜色（同命令前的选项）。", 29) == ["不使用颜色（同命令前的选", "项）。"]
    assert wrap("The neighbour above has been drilling", 12) == ["The", "neighbour", "above has", "been", "drilling"]


def test_explanations_and_the_calendar_wrap_on_a_narrow_terminal(zh, monkeypatch):  # noqa: F811
    piped = {}
    commands = (["show", "1116-001", "--explain", "处理完毕"], ["calendar", "show", "2026-10"],
                ["calendar", "due", "2026-09-30 17:00", "3wd", "--explain"])
    for args in commands:
        piped[args[1]] = zh(*args, now=LATER).stdout
    monkeypatch.setenv("COLUMNS", "40")
    for args in commands:
        out = zh(*args, now=LATER).stdout
        assert all(wcswidth(line) <= 40 for line in out.splitlines()), [l for l in out.splitlines() if wcswidth(l) > 40]
        assert "".join(out.split()) == "".join(piped[args[1]].split())  # only line breaks added
    assert max(wcswidth(line) for line in piped["show"].splitlines()) > 40


def test_log_wraps_under_the_subject_on_a_narrow_terminal(zh, monkeypatch):  # noqa: F811
    piped = zh("log", "1116-001", now=LATER).stdout.splitlines()
    monkeypatch.setenv("COLUMNS", "50")
    lines = zh("log", "1116-001", now=LATER).stdout.splitlines()
    assert all(wcswidth(line) <= 50 for line in lines), lines
    assert len(lines) > len(piped) and all(line.startswith(" " * 28) for line in lines if not line[:4].isdigit())
