"""Terminal tables fit the width: the least useful columns go first, the summary is cut last, and
the id, the due time, the lateness and what the user searched or filtered on are never dropped
or cut. Piped output (no terminal, no COLUMNS) stays whole (#13, Deliver 3)."""

import json
import os
import shutil
from pathlib import Path

import pytest
from wcwidth import wcswidth

from conftest import Plaint, on_a_terminal

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-23 10:00"
WIDTHS = (120, 80, 60, 40)
LONG = "住户反映楼上卫生间漏水已经三天，天花板大面积渗水，墙面发霉，要求物业立即上门维修并赔偿损失"


@pytest.fixture
def demo(tmp_path):
    shutil.copytree(ROOT / "records", tmp_path / "demo")
    return Plaint(tmp_path / "demo")


@pytest.fixture
def cjk(book):
    """A book whose every cell is Chinese: long summaries, long names, a long department."""
    path = book.root / "plaint.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('labels = "en"', 'labels = "zh"'), encoding="utf-8")
    for n, name in enumerate(("张伟", "王芳", "李娜")):
        book("file", "--channel", "电话", "--summary", LONG + str(n), "--name", name, "--contact", "13800138000",
             "--unit", f"3栋2单元50{n}室", "--severity", "重要投诉", "--category", "邻里关系", now="2026-11-16 14:05")
        book("assign", f"00{n + 1}", "--handler", "王强工程师", "--department", "工程部维修班组", now="2026-11-16 14:05")
    return book


def _run(book, monkeypatch, width, *args, lang="zh", expect=0):
    monkeypatch.setenv("COLUMNS", str(width))
    return book("--lang", lang, *args, now=NOW, expect=expect).stdout


def _fits(text: str, width: int) -> bool:
    return all(wcswidth(line) <= width for line in text.splitlines())


def _overdue_rows(book, lang):
    return json.loads(book("--lang", lang, "overdue", "--within", "2d", "--format", "json", now=NOW, expect=1).stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_fits_and_keeps_id_due_and_lateness(demo, monkeypatch, lang, width):
    rows = _overdue_rows(demo, lang)
    out = _run(demo, monkeypatch, width, "overdue", "--within", "2d", lang=lang, expect=1)
    assert _fits(out, width), [wcswidth(line) for line in out.splitlines()]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from plaint.render.times import show_time
    for row in rows:
        assert row["id"] in out
        assert show_time(datetime.fromisoformat(row["due"]), ZoneInfo("Asia/Shanghai"), True) in out
    late = {r["late"] for r in rows}
    from plaint import i18n
    i18n.reset(lang)
    from plaint.words import lateness
    assert all(lateness(text) in out for text in late), late
    for args in (["list"], ["find", "block"], ["find", "13800138000"]):
        out = _run(demo, monkeypatch, width, *args, lang=lang)
        assert _fits(out, width), (args, [wcswidth(line) for line in out.splitlines()])
        assert "SG-20261016-001" in out


@pytest.mark.parametrize("width", WIDTHS)
def test_a_chinese_table_fits(cjk, monkeypatch, width):
    for args, code in ((["list"], 0), (["overdue"], 1), (["find", "13800138000"], 0), (["find", "漏水"], 0)):
        out = _run(cjk, monkeypatch, width, *args, expect=code)
        assert _fits(out, width), (args, [wcswidth(line) for line in out.splitlines()])
        assert all(f"SG-20261116-00{n}" in out for n in (1, 2, 3)), out


def test_low_value_columns_go_before_the_handler_and_the_summary_is_cut(cjk, monkeypatch):
    out = _run(cjk, monkeypatch, 80, "list")
    head = out.splitlines()[0].split()
    assert "部门" not in head and "类别" not in head  # dropped first
    assert "处理责任人" in head and "状态" in head and "摘要" in head
    assert "王强工程师" in out and "…" in out  # the summary cut with an ellipsis, the handler whole
    wide = _run(cjk, monkeypatch, 200, "list")
    assert "部门" in wide.splitlines()[0] and "工程部维修班组" in wide  # room for all: nothing dropped


def test_the_filtered_field_stays_whole(cjk, monkeypatch):
    out = _run(cjk, monkeypatch, 60, "list", "--department", "工程部维修班组")
    assert "部门" in out.splitlines()[0].split() and out.count("工程部维修班组") == 3
    assert _fits(out, 60)
    out = _run(cjk, monkeypatch, 60, "overdue", "--department", "工程部维修班组", expect=1)
    assert "工程部维修班组" in out and _fits(out, 60)
    out = _run(cjk, monkeypatch, 60, "list", "--category", "邻里关系")
    assert out.count("邻里关系") == 3 and _fits(out, 60)


def test_the_searched_field_stays_whole(cjk, monkeypatch):
    out = _run(cjk, monkeypatch, 60, "find", "3栋2单元501室")
    assert "3栋2单元501室" in out and _fits(out, 60)
    out = _run(cjk, monkeypatch, 60, "find", "13800138000")
    assert out.count("13800138000") == 3 and _fits(out, 60)


def test_cards_when_even_the_kept_columns_do_not_fit(demo, monkeypatch):
    out = _run(demo, monkeypatch, 40, "overdue", lang="zh", expect=1)
    assert _fits(out, 40)
    lines = out.splitlines()
    assert lines[0] == "SG-20261016-001"
    assert "  到期时间    2026-10-18 24:00" in lines and "  超时        35天10时00分" in lines
    assert "  上报给      总经理" in lines  # every cell that has a value, labels aligned by display width


def test_piped_tables_are_whole(demo, cjk):
    """No terminal and no COLUMNS: every column, every cell whole (the summary at its own 40)."""
    out = demo("--lang", "zh", "overdue", "--within", "2d", now=NOW, expect=1).stdout
    assert out.splitlines()[0].split() == ["编号", "状态", "时限", "到期时间", "超时", "严重程度", "处理责任人", "部门",
                                           "上报给", "摘要"]
    assert "Smell of smoke from the flat below" in out and "部门经理、总经理" in out
    out = cjk("list", now=NOW).stdout
    assert out.count("工程部维修班组") == 3 and "要求物业立即上门维修并赔偿损失0" in out


def test_a_real_terminal_narrower_than_the_table(demo):
    """The width comes from the terminal itself when COLUMNS is not set."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = on_a_terminal(["--book", str(demo.root), "--now", NOW, "--lang", "zh", "--no-color", "list"], env,
                        columns=60).replace("\r\n", "\n")
    assert "SG-20261016-001" in out and _fits(out, 60), out


def test_a_table_made_to_fit_loses_its_slack_before_a_column(demo, monkeypatch):
    # tabulate pads every column to its header plus two; at 80 columns that slack cost the severity
    out = _run(demo, monkeypatch, 80, "list", lang="zh")
    assert out.splitlines()[0].split() == ["编号", "状态", "受理时间", "严重程度", "处理责任人", "摘要"] and _fits(out, 80)
    assert "SG-20261016-001  已分派  2026-10-16 10:00  重大投诉↑  Wang Qiang    Cracks in t…" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_a_case_listed_twice_keeps_the_clock_that_tells_its_rows_apart(demo, monkeypatch, lang, width):
    """SG-20261121-001 is late on several clocks: at 60 columns the Chinese table dropped the clock
    (确定处理责任人 is 14 columns wide), so its rows no longer said which deadline each one is."""
    from plaint import i18n, words
    clocks = [row["clock"] for row in _overdue_rows(demo, lang) if row["id"] == "SG-20261121-001"]
    assert len(clocks) >= 2
    out = _run(demo, monkeypatch, width, "overdue", "--within", "2d", lang=lang, expect=1)
    assert _fits(out, width)
    i18n.reset(explicit=lang)
    names = [words.clock(key) for key in clocks]
    i18n.reset()  # the conftest's clean_env resets it before each test as well
    shown = [part for part in out.split("\n\n") if "SG-20261121-001" in part]  # as cards
    if len(shown) == 1:  # as a table: one line per row
        shown = [line for line in out.splitlines() if "SG-20261121-001" in line]
    assert len(shown) == len(names) and all(name in part for name, part in zip(names, shown)), out
