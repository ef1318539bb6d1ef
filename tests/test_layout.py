"""Chinese text laid out right: display-width cuts, tables that fit, Excel CSV, colour on terminals only."""

import os
import subprocess
import sys

from wcwidth import wcswidth

from conftest import on_a_terminal

from plaint.render import cut, display_width, fit, to_table

NOW = "2026-11-16 14:05"
LATER = "2026-11-25 10:00"


def zh_book(book):
    path = book.root / "plaint.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('labels = "en"', 'labels = "zh"'), encoding="utf-8")
    long = "住户反映楼上卫生间漏水已经三天，天花板大面积渗水，墙面发霉，要求物业立即上门维修并赔偿损失"
    for n, name in enumerate(("张伟", "王芳", "李娜")):
        book("file", "--channel", "电话", "--summary", long + str(n), "--name", name, "--contact", "13800138000",
             "--unit", "3栋2单元501室", "--severity", "重要投诉", "--category", "邻里关系", now=NOW)
        book("assign", f"00{n + 1}", "--handler", "王强工程师", "--department", "工程部维修班组", now=NOW)


def test_cut_counts_display_columns_not_characters():
    assert cut("投诉处理记录表", 8) == "投诉处…"
    assert display_width(cut("投诉处理记录表", 8)) == 7
    assert cut("abcdef", 4) == "abc…" and cut("abc", 4) == "abc"
    assert cut("ab投诉", 4) == "ab…"  # a wide character never half-fits


def test_fit_gives_way_from_the_widest_column():
    assert fit([10, 50, 6], 40) == [10, 20, 6]
    assert fit([10, 10], 40) == [10, 10]


def test_a_cjk_table_fits_80_columns(book, monkeypatch):
    zh_book(book)
    monkeypatch.setenv("COLUMNS", "80")
    for args, code in ((["list"], 0), (["overdue"], 1), (["find", "13800138000"], 0)):
        out = book(*args, now=LATER, expect=code).output
        lines = out.splitlines()
        assert len(lines) >= 5, out
        assert all(wcswidth(line) <= 80 for line in lines), [wcswidth(line) for line in lines]
        assert "…" in out  # the summaries were cut, with an ellipsis
        assert "编号" in lines[0]
        assert "SG-20261116-001" in out  # the id people read out is never cut


def test_a_table_is_not_cut_when_not_on_a_terminal(book):
    zh_book(book)
    out = book("list", now=LATER).output
    assert "要求物业立即上门维修并赔偿损失0" in out  # a file or pipe gets the whole cell
    wide = to_table([{"a": "投诉" * 60}], ["a"], width=None)
    assert "投诉" * 60 in wide


def test_excel_csv_starts_with_a_bom(book):
    zh_book(book)
    out = book("list", "--excel", now=LATER).output
    assert out.startswith("\ufeff编号,状态,")  # for a person: the desk's language (#13)
    assert book("overdue", "--excel", now=LATER, expect=1).output.startswith("\ufeff编号,")
    assert book("find", "138", "--excel", now=LATER).output.startswith("\ufeff编号,")
    assert not book("list", "--format", "csv", now=LATER).output.startswith("\ufeff")
    assert book("report", "--month", "2026-11", "--excel", now=LATER).output.startswith("\ufeff部分,项目")


def test_fast_overdue_takes_excel(book):
    zh_book(book)
    fast = subprocess.run([sys.executable, "-m", "plaint", "--book", str(book.root), "--now", LATER, "overdue",
                           "--excel"], capture_output=True, text=True)
    assert fast.returncode == 1 and fast.stdout.startswith("\ufeff编号,")


def test_markdown_report_right_aligns_numbers(book):
    zh_book(book)
    out = book("report", "--month", "2026-11", "--format", "markdown", now=LATER).output
    separators = [line for line in out.splitlines() if line.startswith("|:") or line.startswith("|-")]
    assert separators and all("-:|" in line for line in separators)  # every section has a number column
    assert any(line.startswith("|:-") for line in separators)  # labels stay left


def _on_a_terminal(args, env_extra=None):
    return on_a_terminal(args, dict(os.environ, **(env_extra or {})))


def test_colour_on_a_terminal_only(book):
    zh_book(book)
    book("reply", "001", "--text", "已安排", now="2026-11-16 15:00")
    base = ["--book", str(book.root), "--now", LATER]
    commands = (["overdue"], ["list"], ["find", "138"], ["show", "001"])
    for command in commands:
        assert "\x1b[31m" in _on_a_terminal(base + command), command  # overdue in red
    for command, how in zip(commands, ("NO_COLOR", "--no-color", "pipe", "NO_COLOR")):
        if how == "pipe":
            out = subprocess.run([sys.executable, "-m", "plaint", *base, *command], capture_output=True,
                                 text=True).stdout
        elif how == "NO_COLOR":
            out = _on_a_terminal(base + command, {"NO_COLOR": "1"})
        else:
            out = _on_a_terminal(base + ["--no-color"] + command)
        assert out and "\x1b[" not in out, (command, how)
    assert "\x1b[32m" in _on_a_terminal(base + ["show", "001"])  # the met respond clock in green
