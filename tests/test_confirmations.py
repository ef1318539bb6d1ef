"""What each writing command says when it is done, exact in English and Chinese, walked through one
book in order (init, file, every step, note, edit, link, setup, clone, calendar add-year): the
confirmations render/outcomes.py words from what the commands return."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from plaint.commands.app import main
from plaint.storage.resources import templates_dir

REPO = Path(__file__).resolve().parent.parent
NOTICES = REPO / "tests" / "notices"

B = ["--book", "TMP/book"]
WALK = [
    (["init", "--list"], None),
    (["init", "TMP/book", "--template", "property", "--site", "SG"], None),
    (["init", "TMP/book/inner", "--template", "general", "--site", "IN"], None),
    (B + ["file", "--channel", "phone", "--summary", "Heating cold", "--name", "Zhang Wei", "--contact", "13800138000"], "2026-11-16 14:05"),
    (B + ["file", "--channel", "phone", "--summary", "Lift stuck", "--contact", "13800138000"], "2026-11-16 15:00"),
    (B + ["classify", "001", "--validity", "valid", "--severity", "major", "--category", "facilities"], "2026-11-16 14:10"),
    (B + ["assign", "001", "--handler", "Wang Qiang", "--department", "engineering"], "2026-11-16 14:30"),
    (B + ["verify", "001"], "2026-11-16 14:35"),
    (B + ["propose", "001", "--solution", "Replace the valve"], "2026-11-16 14:40"),
    (B + ["approve", "001", "--approver", "general manager"], "2026-11-16 14:45"),
    (B + ["review", "001", "--responsible", "Wang Qiang"], "2026-11-16 14:50"),
    (B + ["reply", "001", "--text", "A fitter is on the way", "--method", "phone"], "2026-11-16 15:00"),
    (B + ["extend", "001", "--clock", "resolve", "--add", "2wd", "--approver", "general manager", "--reason", "parts"], "2026-11-16 15:10"),
    (B + ["extend", "001", "--clock", "respond", "--add", "1wd", "--approver", "general manager", "--reason", "late"], "2026-11-30 15:10"),
    (B + ["note", "001", "--text", "Called back"], "2026-11-16 15:20"),
    (B + ["edit", "001", "--unit", "3-2-501", "--reason", "typo"], "2026-11-16 15:25"),
    (B + ["close", "001", "--resolution", "Valve replaced", "--cause", "wear"], "2026-11-17 10:00"),
    (B + ["revisit", "001", "--method", "phone", "--unsatisfied", "--words", "still cold", "--reopen"], "2026-11-18 10:00"),
    (B + ["close", "001", "--resolution", "Boiler fixed", "--cause", "wear"], "2026-11-18 11:00"),
    (B + ["revisit", "001", "--method", "phone", "--satisfied", "--words", "warm now"], "2026-11-18 12:00"),
    (B + ["reopen", "001", "--reason", "cold again"], "2026-11-18 13:00"),
    (B + ["extend", "002", "--clock", "resolve", "--add", "1wd", "--approver", "department manager", "--reason", "late"], "2026-11-19 09:00"),
    (B + ["link", "001", "002"], "2026-11-19 10:10"),
    (B + ["link", "002", "--duplicate-of", "001"], "2026-11-19 10:15"),
    (B + ["setup", "--site", "BJ"], "2026-11-19 10:20"),
    (B + ["setup"], "2026-11-19 10:25"),
    (["clone", "TMP/book", "TMP/clone", "--site", "GZ"], None),
    (B + ["calendar", "add-year", "2026", "--notice", "NOTICES/2026-xinhua.txt"], "2026-11-19 10:30"),
    (B + ["calendar", "add-year", "2026", "--notice", "NOTICES/2026-xinhua.txt", "--write"], "2026-11-19 10:35"),
    (B + ["calendar", "add-year", "2026", "--notice", "NOTICES/2026-xinhua.txt", "--write"], "2026-11-19 10:40"),
]


# Per step, as (exit code, stdout, stderr); for `calendar add-year` only the last line of stdout
# (the month grids before it are pinned in the calendar tests).
EXPECTED = {
    'en': [
        (0, 'building         Office building management (大厦管理): customer service records, verifies and routes with a deadline.\ndealership       Car dealership (汽车销售服务): a solution within 1 working day, approved by the general manager.\ngeneral          A neutral complaint procedure to adapt: three severities, Monday-to-Friday hours, your timezone.\nlogistics        Logistics network (物流): shippers and consignees, and one branch against another.\nproperty         Property management (物业管理): complaints from residents of managed estates.\nservice-station  Equipment service station (维修服务站): on-site requests contacted within 2 working hours, callbacks.\n',
         ''),
        (0, "Created book TMP/book from template 'property' (new git repository)\n",
         ''),
        (0, "Created book TMP/book/inner from template 'general'\n",
         "Note: no git repository was made: TMP/book/inner is inside the git repository at TMP/book, and plaint never commits into another repository, so nothing in this book will be committed. To give the book its own history: git init TMP/book/inner && git -C TMP/book/inner add -A && git -C TMP/book/inner commit -m 'init book'\n"),
        (0, 'SG-20261116-001\n',
         '  route        due Mon 2026-11-16 14:15\n  acknowledge  due Mon 2026-11-16 15:05\n  resolve      due Wed 2026-11-18 24:00\n'),
        (0, 'SG-20261116-002\n',
         'Warning: the same contact already has 1 open complaint: SG-20261116-001 (Heating cold)\n  route        due Mon 2026-11-16 15:10\n  acknowledge  due Mon 2026-11-16 16:00\n  resolve      due Wed 2026-11-18 24:00\n'),
        (0, 'SG-20261116-001: classified valid major facilities\n',
         ''),
        (0, 'SG-20261116-001: assigned to Wang Qiang / engineering\n',
         ''),
        (0, 'SG-20261116-001: verified\n',
         ''),
        (0, 'SG-20261116-001: solution proposed\n',
         ''),
        (0, 'SG-20261116-001: solution approved\n',
         ''),
        (0, 'SG-20261116-001: reviewed, responsible: Wang Qiang\n',
         ''),
        (0, 'SG-20261116-001: reply recorded\n',
         ''),
        (0, 'SG-20261116-001: resolve deadline extended to Mon 2026-11-30 18:00\n',
         ''),
        (2, '',
         'Error: the respond clock of SG-20261116-001 already stopped at 2026-11-16T15:00:00+08:00\n'),
        (0, 'SG-20261116-001: note added\n',
         ''),
        (0, 'SG-20261116-001: edited unit\n',
         ''),
        (0, 'SG-20261116-001: closed\n',
         ''),
        (0, 'SG-20261116-001: revisited and reopened\n',
         ''),
        (0, 'SG-20261116-001: closed\n',
         ''),
        (0, 'SG-20261116-001: revisited\n',
         ''),
        (0, 'SG-20261116-001: reopened\n',
         ''),
        (0, 'SG-20261116-002: resolve deadline extended to Thu 2026-11-19 18:00\n',
         'warning: late extension: the resolve deadline 2026-11-18 24:00 had already passed; the breach stands in show and the report, and overdue now alarms against the new deadline\n'),
        (0, 'SG-20261116-001: linked with SG-20261116-002\n',
         ''),
        (0, 'SG-20261116-002: closed as a duplicate of SG-20261116-001\n',
         ''),
        (0, 'TMP/book: site code set. Site code: BJ\n',
         ''),
        (0, 'TMP/book: nothing to change. Site code: BJ\n',
         ''),
        (0, 'Cloned TMP/book into TMP/clone as site GZ; file with `plaint --book TMP/clone file ...`, share with `plaint --book TMP/clone sync`\n',
         ''),
        (0, 'Dry run: nothing written. Check the dates above against the notice, then run again with --write to keep 2026 in the book as TMP/book/calendar/cn-2026.toml (replaces the 2026 data in TEMPLATES/calendars/cn.toml).',
         ''),
        (0, 'Wrote TMP/book/calendar/cn-2026.toml (replaces the 2026 data in TEMPLATES/calendars/cn.toml); committed.',
         ''),
        (0, 'Wrote TMP/book/calendar/cn-2026.toml (replaces the 2026 data in TMP/book/calendar/cn-2026.toml); not committed.',
         ''),
    ],
    'zh': [
        (0, 'building         大厦管理：客户服务部记录、核实每宗投诉，限时转交责任部门。\ndealership       汽车销售服务：1个工作日内提出解决方案，由总经理批准。\ngeneral          通用投诉处理程序，可按需调整：三个严重程度，周一至周五工作时间，本地时区。\nlogistics        物流网络：发货人、收货人的投诉，以及网点之间的内部投诉。\nproperty         物业管理：所管小区住户的投诉。\nservice-station  维修服务站：上门服务请求2个工作小时内联系客户，服务后回访。\n',
         ''),
        (0, "已按模板 'property' 新建投诉簿 TMP/book（新建 git 仓库）\n",
         ''),
        (0, "已按模板 'general' 新建投诉簿 TMP/book/inner\n",
         "注意：未创建 git 仓库：TMP/book/inner 位于 TMP/book 的 git 仓库内，plaint 从不提交到别的仓库，因此该投诉簿的内容都不会被提交。要让投诉簿有自己的历史：git init TMP/book/inner && git -C TMP/book/inner add -A && git -C TMP/book/inner commit -m 'init book'\n"),
        (0, 'SG-20261116-001\n',
         '  转交部门       到期 周一 2026-11-16 14:15\n  确定处理责任人 到期 周一 2026-11-16 15:05\n  处理完毕       到期 周三 2026-11-18 24:00\n'),
        (0, 'SG-20261116-002\n',
         '警告：相同的联系方式已有 1 件未结投诉：SG-20261116-001（Heating cold）\n  转交部门       到期 周一 2026-11-16 15:10\n  确定处理责任人 到期 周一 2026-11-16 16:00\n  处理完毕       到期 周三 2026-11-18 24:00\n'),
        (0, 'SG-20261116-001：已判定性质：valid major facilities\n',
         ''),
        (0, 'SG-20261116-001：已确定处理责任人：Wang Qiang / engineering\n',
         ''),
        (0, 'SG-20261116-001：已核实\n',
         ''),
        (0, 'SG-20261116-001：已提出解决方案\n',
         ''),
        (0, 'SG-20261116-001：解决方案已批准\n',
         ''),
        (0, 'SG-20261116-001：已评审，责任人：Wang Qiang\n',
         ''),
        (0, 'SG-20261116-001：已记录答复\n',
         ''),
        (0, 'SG-20261116-001：处理完毕时限已延至 周一 2026-11-30 18:00\n',
         ''),
        (2, '',
         '错误：SG-20261116-001 的答复时限已于 2026-11-16T15:00:00+08:00 停止\n'),
        (0, 'SG-20261116-001：已添加备注\n',
         ''),
        (0, 'SG-20261116-001：已更正 单元\n',
         ''),
        (0, 'SG-20261116-001：已结案\n',
         ''),
        (0, 'SG-20261116-001：已回访并重开\n',
         ''),
        (0, 'SG-20261116-001：已结案\n',
         ''),
        (0, 'SG-20261116-001：已回访\n',
         ''),
        (0, 'SG-20261116-001：已重开\n',
         ''),
        (0, 'SG-20261116-002：处理完毕时限已延至 周四 2026-11-19 18:00\n',
         '警告：超时后延期：处理完毕时限 2026-11-18 24:00 已过；show 和报表中仍记为超时，overdue 此后按新时限提醒\n'),
        (0, 'SG-20261116-001：已与 SG-20261116-002 关联\n',
         ''),
        (0, 'SG-20261116-002：已作为 SG-20261116-001 的重复投诉结案\n',
         ''),
        (0, 'TMP/book：已设定网点代码。网点代码：BJ\n',
         ''),
        (0, 'TMP/book：无需修改。网点代码：BJ\n',
         ''),
        (0, '已将 TMP/book 克隆到 TMP/clone，网点代码 GZ；用 `plaint --book TMP/clone file ...` 受理投诉，用 `plaint --book TMP/clone sync` 共享\n',
         ''),
        (0, '试运行：未写入任何内容。请对照通知核对以上日期，然后加 --write 再运行，把 2026 年保存到投诉簿的 TMP/book/calendar/cn-2026.toml（替换 TEMPLATES/calendars/cn.toml 中 2026 年的数据）。',
         ''),
        (0, '已写入 TMP/book/calendar/cn-2026.toml（替换 TEMPLATES/calendars/cn.toml 中 2026 年的数据）；已提交。',
         ''),
        (0, '已写入 TMP/book/calendar/cn-2026.toml（替换 TMP/book/calendar/cn-2026.toml 中 2026 年的数据）；未提交。',
         ''),
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_confirmation_exactly(tmp_path, lang):
    said = []
    for args, now in WALK:
        argv = ["--lang", lang] + (["--now", now] if now else []) + ["--by", "Li Na"]
        argv += [a.replace("TMP", str(tmp_path)).replace("NOTICES", str(NOTICES)) for a in args]
        result = CliRunner().invoke(main, argv, catch_exceptions=False)
        # the shipped calendar is in the checkout (editable) or inside the installed package (CI)
        stdout, stderr = (text.replace(str(tmp_path), "TMP").replace(templates_dir(), "TEMPLATES")
                          for text in (result.stdout, result.stderr))
        if "add-year" in args:
            stdout = stdout.rstrip("\n").splitlines()[-1]
        said.append((result.exit_code, stdout, stderr))
    for step, (got, expected) in enumerate(zip(said, EXPECTED[lang])):
        assert got == expected, WALK[step]
    assert len(said) == len(EXPECTED[lang])
