"""Every text output, exact: `show` (clocks, the ↑ upgrade marker), `show --format toml`, `list`,
the `overdue` table and `calendar show`. One book, one moment; every figure checked by hand:
received Mon 2026-11-16 14:05 + 3 days (important) is the end of Thu 2026-11-19; minor
complaint of Thu 2026-10-08, valid and unresolved after 30 days, counts as major (↑) on
2026-11-17 and gets major's clocks (10 days: end of Sun 2026-10-18); the same-day acknowledge
clock is late by 225 working hours (28 working days of 8 hours, plus 09:00-10:00)."""

import pytest

from conftest import make_book

NOW = "2026-11-17 10:00"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    book = make_book(tmp_path_factory.mktemp("text"))
    book("file", "--channel", "phone", "--summary", "Water leak in the lobby", "--unit", "A-101", "--name",
         "Wang Fang", "--contact", "13800000000", now="2026-11-16 14:05")
    book("classify", "001", "--validity", "valid", "--severity", "important", "--category", "facilities",
         now="2026-11-16 15:00")
    book("assign", "001", "--handler", "Zhang Wei", "--department", "Maintenance", now="2026-11-16 15:10")
    book("file", "--channel", "phone", "--summary", "Noise at night", "--unit", "B-202", now="2026-10-08 09:30")
    book("classify", "1008-001", "--validity", "valid", "--severity", "minor", "--category", "neighbours",
         now="2026-10-08 10:00")
    return book


SHOW = "\n".join([
    'SG-20261116-001  [assigned]  Valid complaint / Important / Facilities and equipment',
    '  Received     2026-11-16 14:05 by Li Na, Phone',
    '  Summary      Water leak in the lobby',
    '  Complainant  Wang Fang, 13800000000',
    '  Unit         A-101',
    '  Handler      Zhang Wei',
    '  Department   Maintenance',
    'Clocks',
    '  route        due Mon 2026-11-16 14:15  late by 55m (stopped 2026-11-16 15:10)  [10 minutes]',
    '  acknowledge  due Mon 2026-11-16 15:05  late by 5m (stopped 2026-11-16 15:10)  [1 hour]',
    '  resolve      due Thu 2026-11-19 24:00  running, in 2d14h00m  [3 days]',
    'History (plaint show --history for every value in full)',
    '  2026-11-16 14:05  Li Na        file',
    '  2026-11-16 15:00  Li Na        classify  validity=valid, severity=important, category=facilities',
    '  2026-11-16 15:10  Li Na        assign  handler=Zhang Wei, department=Maintenance',
]) + "\n"

UPGRADED = "\n".join([
    'SG-20261008-001  [received]  Valid complaint / Major↑ / Neighbour disputes',
    '  Severity     major, raised by age: a valid complaint unresolved after 30 days counts as major (classified minor)',
    '  Received     2026-10-08 09:30 by Li Na, Phone',
    '  Summary      Noise at night',
    '  Complainant  anonymous',
    '  Unit         B-202',
    'Clocks',
    '  route        due Thu 2026-10-08 09:40  overdue by 40d00h20m  [10 minutes]',
    '  acknowledge  due Thu 2026-10-08 10:30  overdue by 39d23h30m  [1 hour]',
    '  respond      due Mon 2026-11-09 24:00  overdue by 7d10h00m  [2 days]',
    '  resolve      due Sat 2026-10-10 24:00  overdue by 37d10h00m  [2 days]',
    'Before closing: a handler is assigned (plaint assign --handler)',
    'History (plaint show --history for every value in full)',
    '  2026-10-08 09:30  Li Na        file',
    '  2026-10-08 10:00  Li Na        classify  validity=valid, severity=minor, category=neighbours',
]) + "\n"

TOML = "\n".join([
    'schema = 1',
    'id = "SG-20261116-001"',
    'status = "assigned"',
    'received = 2026-11-16T14:05:00+08:00',
    'received_by = "Li Na"',
    'channel = "phone"',
    'summary = "Water leak in the lobby"',
    'unit = "A-101"',
    'validity = "valid"',
    'severity = "important"',
    'category = "facilities"',
    'handler = "Zhang Wei"',
    'department = "Maintenance"',
    '',
    '[complainant]',
    'name = "Wang Fang"',
    'contact = "13800000000"',
    '',
    '[times]',
    'received = 2026-11-16T14:05:00+08:00',
    'assigned = 2026-11-16T15:10:00+08:00',
    'routed = 2026-11-16T15:10:00+08:00',
    '',
    '[[history]]',
    'at = 2026-11-16T14:05:00+08:00',
    'by = "Li Na"',
    'action = "file"',
    '[[history]]',
    'at = 2026-11-16T15:00:00+08:00',
    'by = "Li Na"',
    'action = "classify"',
    'validity = "valid"',
    'severity = "important"',
    'category = "facilities"',
    '[[history]]',
    'at = 2026-11-16T15:10:00+08:00',
    'by = "Li Na"',
    'action = "assign"',
    'handler = "Zhang Wei"',
    'department = "Maintenance"',
]) + "\n"

LIST = "\n".join([
    'id               status    received          severity    category                  handler    department    summary',
    '---------------  --------  ----------------  ----------  ------------------------  ---------  ------------  -----------------------',
    'SG-20261008-001  received  2026-10-08 09:30  Major↑      Neighbour disputes                                 Noise at night',
    'SG-20261116-001  assigned  2026-11-16 14:05  Important   Facilities and equipment  Zhang Wei  Maintenance   Water leak in the lobby',
]) + "\n"

OVERDUE = "\n".join([
    'id               state    clock        due               late       severity    owner    department    escalate_to      summary',
    '---------------  -------  -----------  ----------------  ---------  ----------  -------  ------------  ---------------  --------------',
    'SG-20261008-001  overdue  route        2026-10-08 09:40  40d00h20m  Major↑                             general manager  Noise at night',
    'SG-20261008-001  overdue  acknowledge  2026-10-08 10:30  39d23h30m  Major↑                             general manager  Noise at night',
    'SG-20261008-001  overdue  resolve      2026-10-10 24:00  37d10h00m  Major↑                             general manager  Noise at night',
    'SG-20261008-001  overdue  respond      2026-11-09 24:00  7d10h00m   Major↑                             general manager  Noise at night',
]) + "\n"

CALENDAR = "\n".join([
    'October 2026 — Mainland China (State Council holiday notices) (Asia/Shanghai)',
    '  Mo  Tu  We  Th  Fr  Sa  Su',
    '              1-  2-  3-  4-',
    '  5-  6-  7-  8   9  10+ 11 ',
    ' 12  13  14  15  16  17  18 ',
    ' 19  20  21  22  23  24  25 ',
    ' 26  27  28  29  30  31     ',
    '  - day off   + extra working day or special hours',
    '  2026-10-01 Thu - day off: 国庆节 National Day',
    '  2026-10-02 Fri - day off: 国庆节 National Day',
    '  2026-10-03 Sat - day off: 国庆节 National Day',
    '  2026-10-04 Sun - day off: 国庆节 National Day',
    '  2026-10-05 Mon - day off: 国庆节 National Day',
    '  2026-10-06 Tue - day off: 国庆节 National Day',
    '  2026-10-07 Wed - day off: 国庆节 National Day',
    '  2026-10-10 Sat + extra working day: 国庆节调休上班 National Day make-up workday',
]) + "\n"


@pytest.mark.parametrize("args, expect, code", [
    (("show", "1116-001"), SHOW, 0),
    (("show", "1008-001"), UPGRADED, 0),
    (("show", "1116-001", "--format", "toml"), TOML, 0),
    (("list",), LIST, 0),
    (("overdue",), OVERDUE, 1),
    (("calendar", "show", "2026-10"), CALENDAR, 0),
], ids=["show", "show-upgraded", "show-toml", "list", "overdue", "calendar-show"])
def test_text_output_exactly(desk, args, expect, code):
    result = desk(*args, now=NOW, expect=code)
    assert result.stdout == expect
    assert result.stderr == ""


def test_show_toml_is_the_file_byte_for_byte(desk):
    path = next(desk.root.glob("2026/11/SG-20261116-001.toml"))
    assert desk("show", "1116-001", "--format", "toml", now=NOW).stdout == path.read_text()
