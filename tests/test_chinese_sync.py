"""Many desks in Chinese: what sync, the merge driver, show and check say about merges (#13)."""

import pytest

from test_chinese_outputs import english_words
from test_sync import Network, file, git

# the remote and branch names are git's data; `plaint merge-driver` is the command git runs
NAMES = {"origin", "master", "merge", "driver", "git"}


@pytest.fixture
def net(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAINT_LANG", "zh")  # the merge driver runs under git: it reads the same environment
    return Network(tmp_path)


def test_a_merged_change_is_explained_in_chinese(net):
    bj, sh = net.clone("BJ"), net.clone("SH")
    record_id = file(bj, "电梯")
    net.sync(bj), net.sync(sh)
    sh("classify", record_id, "--severity", "major", now="2026-11-20 11:00", by="孙梅")
    bj("classify", record_id, "--severity", "important", now="2026-11-20 11:30", by="赵磊")
    net.sync(sh)
    assert net.sync(bj).stdout == "同步：收到 1 个提交（已合并），发出 2 个提交\n"
    shown = bj("show", record_id).stdout
    line = next(line for line in shown.splitlines() if line.startswith("  待复核！"))
    assert line.endswith("两个服务台同时修改了严重程度；合并保留了后一操作的“重要投诉”，未采用“重大投诉”；请核对，然后用一个正常操作确认")
    assert english_words(shown) <= {"Li", "Na"}, shown  # the filer's name as typed
    check = bj("check", now="2026-11-20 12:00").stderr
    warning = "".join(line for line in check.splitlines(keepends=True) if ": 警告：" in line)
    assert "两个服务台同时修改了严重程度" in warning and english_words(warning) == set(), warning


def test_a_merge_that_needs_a_person_is_explained_in_chinese(net):
    bj, sh = net.clone("BJ"), net.clone("SH")
    for desk, name in ((bj, "北京"), (sh, "上海")):
        policy = desk.root / "plaint.toml"
        policy.write_text(policy.read_text().replace('name = "', f'name = "{name} ', 1))
        git(desk.root, "-c", "user.name=Desk", "-c", "user.email=desk@example.com", "commit", "-qam", name)
    net.sync(sh)
    error = net.sync(bj, expect=4).stderr
    assert error.startswith("错误：无法自动合并 origin/master（plaint.toml）："), error
    # git's own words (why it could not merge) are quoted as git said them; ours around them are Chinese
    assert english_words(error[error.index("。合并已中止"):]) - NAMES == set(), error


def test_the_merge_driver_refuses_in_chinese(net, monkeypatch):
    bj, sh = net.clone("BJ"), net.clone("SH")
    monkeypatch.setenv("PLAINT_SITE", "LG")  # both desks wrongly file under one code
    file(bj, "电梯"), file(sh, "漏水")
    monkeypatch.delenv("PLAINT_SITE")
    net.sync(sh)
    error = net.sync(bj, expect=4).stderr
    assert "两个服务台用同一编号 'LG-20261120-001' 受理了不同的投诉" in error, error
    assert english_words(error) - NAMES == set(), error
