"""`show` on a terminal wraps a long summary, details, clock or history line by display width (Chinese
has no spaces to break at), keeping the label column; piped, every line stays whole (#13)."""

import shutil
from pathlib import Path

import pytest
from wcwidth import wcswidth

from conftest import Plaint

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-23 10:00"
LONG = "住户反映楼上卫生间漏水已经三天，天花板大面积渗水，墙面发霉，要求物业立即上门维修并赔偿损失"
ENGLISH = "The neighbour above has been drilling every night after eleven and the noise wakes the children"


@pytest.fixture
def cjk(book):
    path = book.root / "plaint.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('labels = "en"', 'labels = "zh"'), encoding="utf-8")
    book("file", "--channel", "电话", "--summary", LONG, "--name", "张伟", "--contact", "13800138000",
         "--unit", "3栋2单元501室", "--severity", "重要投诉", "--category", "邻里关系", now="2026-11-16 14:05")
    book("assign", "001", "--handler", "王强工程师", "--department", "工程部维修班组", now="2026-11-16 14:05")
    book("edit", "001", "--details", LONG + "。" + LONG, "--request", ENGLISH, "--reason", "补充" + LONG,
         now="2026-11-16 15:00")
    return book


def _show(book, monkeypatch, width, *args, lang="zh"):
    monkeypatch.setenv("COLUMNS", str(width) if width else "")
    return book("--lang", lang, "show", *args, now=NOW).stdout


def _block(lines: list[str], start: str) -> tuple[int, list[str]]:
    """The column a labelled value starts at, and its lines (the first and every line indented to it)."""
    first = next(n for n, line in enumerate(lines) if line.startswith(start))
    column = wcswidth(lines[first][:len(start)]) + len(lines[first][len(start):]) - len(
        lines[first][len(start):].lstrip(" "))
    text = lines[first][len(lines[first]) - len(lines[first][len(start):].lstrip(" ")):]
    block = [text]
    for line in lines[first + 1:]:
        if not line.startswith(" " * column) or line[column:column + 1] == " ":
            break
        block.append(line[column:])
    return column, block


@pytest.mark.parametrize("width", [80, 60, 40])
def test_show_wraps_by_display_width_at_the_label_column(cjk, monkeypatch, width):
    for args in (["001"], ["001", "--history"]):
        out = _show(cjk, monkeypatch, width, *args)
        assert all(wcswidth(line) <= width for line in out.splitlines()), \
            [(wcswidth(line), line) for line in out.splitlines() if wcswidth(line) > width]
    lines = _show(cjk, monkeypatch, width, "001").splitlines()
    column, summary = _block(lines, "  摘要")
    assert len(summary) > 1 and "".join(summary) == LONG  # wrapped, not cut, nothing lost
    piped = _show(cjk, monkeypatch, None, "001").splitlines()
    one_line = next(line for line in piped if line.startswith("  摘要"))
    assert column == wcswidth(one_line[:one_line.index(LONG)])  # the value column, as on one line
    _column, request = _block(lines, "  诉求")
    assert " ".join(request) == ENGLISH  # English breaks between words


def test_show_details_wrap_under_their_indent(cjk, monkeypatch):
    lines = _show(cjk, monkeypatch, 60, "001").splitlines()
    first = lines.index(next(line for line in lines if line.startswith("    住户")))
    details = []
    for line in lines[first:]:
        if not line.startswith("    "):
            break
        details.append(line[4:])
    assert "".join(details) == LONG + "。" + LONG and len(details) >= 3


def test_show_piped_keeps_each_line_whole(cjk, monkeypatch):
    out = _show(cjk, monkeypatch, None, "001")
    assert f"  摘要         {LONG}" in out.splitlines()
    assert f"    {LONG}。{LONG}" in out.splitlines()


def test_show_in_english_on_a_narrow_terminal(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "records", tmp_path / "demo")
    demo = Plaint(tmp_path / "demo")
    for width in (60, 40):
        out = _show(demo, monkeypatch, width, "SG-20261016-001", lang="en")
        assert all(wcswidth(line) <= width for line in out.splitlines()), out
        assert "exterior" in out and "Cracks" in out
