"""Found by trying every reader on one book at pinned moments: what `show` says of a case, the
report's figures and `overdue`'s escalation say too."""

import json


def as_json(book, *args, now, expect=0):
    return json.loads(book(*args, "--format", "json", now=now, expect=expect).stdout)


def _closed_revisited_reopened(book):
    book("file", "--channel", "phone", "--summary", "Lift noisy", "--unit", "1-1-107", now="2026-11-18 11:00")
    book("classify", "001", "--validity", "valid", "--severity", "important", "--category", "facilities",
         now="2026-11-18 11:05")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-18 11:08")
    book("reply", "001", "--text", "Checked", "--method", "phone", now="2026-11-18 15:00")
    book("close", "001", "--resolution", "Fixed", "--cause", "Worn pulley", now="2026-11-19 10:00")
    book("revisit", "001", "--method", "phone", "--unsatisfied", "--words", "Still noisy", now="2026-11-20 10:00")
    book("reopen", "001", "--reason", "Still noisy", now="2026-11-20 10:30")


def test_the_report_counts_the_call_back_of_a_case_reopened_since(book):
    # show: round 1 was closed and called back (unsatisfied) within the window; the report's
    # revisit clock agrees (met), so its call-back figures must count it too: the unsatisfied
    # customer whose case was reopened is the one management most needs to see.
    _closed_revisited_reopened(book)
    now = "2026-11-20 11:00"
    first = as_json(book, "show", "001", now=now)["assessment"]["rounds"][0]
    assert (first["closed"], first["revisited"]) == ("2026-11-19T10:00:00+08:00", "2026-11-20T10:00:00+08:00")
    report = as_json(book, "report", "--month", "2026-11", now=now)
    assert report["clocks"]["revisit"] == {"met": 1, "met_extended": 0, "breached": 0, "running": 0,
                                           "on_time_rate": 1.0}
    assert report["revisits"] == {"closed": 1, "revisited": 1, "within_window": 1, "satisfied": 0,
                                  "satisfied_share": 0.0, "reopened": 1}
    # answered Wed 15:00, 3 working hours after receipt (lunch 12-13); reopened, so not resolved (as before)
    assert report["times"] == {"respond": {"all": {"n": 1, "median_hours": 3.0, "p90_hours": 3.0},
                                           "important": {"n": 1, "median_hours": 3.0, "p90_hours": 3.0}},
                               "resolve": {}}


def test_the_report_counts_nothing_that_happens_after_its_now(book):
    # At 2026-11-18 12:00 the case is assigned, not yet answered: its clocks run (as show and the report's clock
    # figures say), so no reply, closing or call-back may count yet.
    _closed_revisited_reopened(book)
    now = "2026-11-18 12:00"
    shown = as_json(book, "show", "001", now=now)
    assert (shown["assessment"]["round"], shown["deadlines"]["resolve"]["state"]) == (1, "running")
    report = as_json(book, "report", "--month", "2026-11", now=now)
    assert report["clocks"]["resolve"]["running"] == 1
    assert report["revisits"] == {"closed": 0, "revisited": 0, "within_window": 0, "satisfied": 0,
                                  "satisfied_share": 0.0, "reopened": 0}
    assert report["times"] == {"respond": {}, "resolve": {}}


def test_escalation_after_a_24_00_deadline_counts_from_that_day(book):
    # Minor (2 days): due Wed 2026-11-18 24:00; the policy's escalation step is 1 working day.
    # Counted as an extension counts from a 24:00 deadline, the step runs out at Thu 18:00:
    # by Thu 18:30 the clock is late by more than a whole working day (Thu 09:00-18:00).
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")

    def escalate_to(now):
        rows = as_json(book, "overdue", "--clock", "resolve", now=now, expect=1)
        assert [(r["clock"], r["due"]) for r in rows] == [("resolve", "2026-11-19T00:00:00+08:00")]
        return rows[0]["escalate_to"]

    assert escalate_to("2026-11-19 17:30") == ["department manager"]
    assert escalate_to("2026-11-19 18:30") == ["department manager", "general manager"]


def test_a_step_refused_by_status_names_the_status_in_chinese(book):
    # the status is a word people read: 已结案, never the key `closed`, in a Chinese message
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    book("file", "--channel", "phone", "--summary", "Radiator cold again", "--unit", "3-2-501",
         now="2026-11-16 14:10")
    refused = book("--lang", "zh", "revisit", "001", "--method", "phone", "--satisfied", now="2026-11-16 14:20",
                   expect=2)
    assert refused.stderr == ("错误：SG-20261116-001 的状态是 已受理；回访在结案之后（请先 "
                              "`plaint close SG-20261116-001`）\n")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 14:30")
    book("close", "001", "--resolution", "Bled", now="2026-11-16 15:00")
    refused = book("--lang", "zh", "assign", "001", "--handler", "王强", now="2026-11-16 15:10", expect=2)
    assert refused.stderr == ("错误：SG-20261116-001 的状态是 已结案；`assign` 需要未结案的投诉（请先用 "
                              "`plaint reopen SG-20261116-001` 重开）\n")
    refused = book("--lang", "zh", "link", "001", "--duplicate-of", "002", now="2026-11-16 15:10", expect=2)
    assert "的状态是 已结案；" in refused.stderr and "closed" not in refused.stderr


def test_overdue_for_excel_says_how_late_in_chinese_as_the_table_does(book):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    now = "2026-11-16 15:15"  # route (10 minutes) due 14:15: an hour late
    table = book("--lang", "zh", "overdue", "--clock", "route", now=now, expect=1).stdout
    assert "1时00分" in table
    text = book("--lang", "zh", "overdue", "--clock", "route", "--excel", now=now, expect=1).stdout
    assert text.splitlines()[1].startswith("SG-20261116-001,已超时,转交部门,2026-11-16T14:15:00+08:00,1时00分,")
    plain = book("--lang", "zh", "overdue", "--clock", "route", "--format", "csv", now=now, expect=1).stdout
    assert plain.splitlines()[1].startswith("SG-20261116-001,overdue,route,2026-11-16T14:15:00+08:00,1h00m,")


def test_report_reads_its_dates_as_list_does(book):
    # list --from takes 2026年11月17日 (as the README's 快速开始 says dates may be written); so does report
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    book("file", "--channel", "phone", "--summary", "Lift stuck", "--unit", "5-1-302", now="2026-11-17 09:00")
    now = "2026-11-20 10:00"
    assert [r["id"] for r in as_json(book, "list", "--from", "2026年11月17日", "--to", "11月30日", now=now)] == [
        "SG-20261117-001"]
    typed = as_json(book, "report", "--from", "2026年11月17日", "--to", "11月30日", now=now)
    iso = as_json(book, "report", "--from", "2026-11-17", "--to", "2026-11-30", now=now)
    assert typed == iso and typed["records"] == 1
    assert as_json(book, "report", "--month", "2026年11月", now=now) == as_json(book, "report", "--month", "2026-11",
                                                                                now=now)


def test_an_opening_bracket_never_ends_a_line():
    # seen in `show` of a case raised by age at 80 columns: "…即按重大投诉处理（" / "原判定为轻微投诉）"
    from plaint.render.layout import wrap
    assert wrap("甲乙（丙）丁", 6) == ["甲乙", "（丙）", "丁"]
    assert wrap("未解决即按重大投诉处理（原判定为轻微投诉）", 24) == ["未解决即按重大投诉处理", "（原判定为轻微投诉）"]


def test_show_names_the_severity_an_unclassified_or_communication_case_counts_as(book):
    # list, overdue, the report and show's JSON count such a case as the policy's default (minor):
    # show's text says so too, beside "not classified"
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    book("file", "--channel", "phone", "--summary", "Which day is the bin?", "--unit", "3-2-502",
         now="2026-11-16 14:10")
    book("classify", "002", "--validity", "help", "--category", "facilities", now="2026-11-16 14:15")
    now = "2026-11-16 15:00"
    assert [(row["id"], row["severity"]) for row in as_json(book, "list", now=now)] == [
        ("SG-20261116-001", "minor"), ("SG-20261116-002", "minor")]
    assert as_json(book, "show", "002", now=now)["assessment"]["severity"] == "minor"
    assert book("show", "001", now=now).stdout.splitlines()[0] == "SG-20261116-001  [received]  not classified / Minor"
    assert book("show", "002", now=now).stdout.splitlines()[0] == (
        "SG-20261116-002  [received]  Communication: help / Minor / Facilities and equipment")
    assert book("--lang", "zh", "show", "001", now=now).stdout.splitlines()[0] == (
        "SG-20261116-001  [已受理]  未判定性质 / 轻微投诉")


def test_find_takes_no_cache_as_the_other_readers_do(book, monkeypatch):
    # list, overdue, report and check take --no-cache (parse every file, neither use nor fill the
    # cache); find is a reader too and refused it
    import os
    import time
    from plaint import cache
    from plaint.book import Book
    monkeypatch.setattr(cache, "RACY_NS", 50_000_000)
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", "--contact", "13800138000",
         now="2026-11-16 14:05")
    time.sleep(0.1)
    now = "2026-11-16 15:00"
    cached = book("find", "13800138000", "--format", "json", now=now).stdout  # fills the cache
    parsed = []
    original = Book.read
    monkeypatch.setattr(Book, "read", lambda self, path: parsed.append(path) or original(self, path))
    assert book("find", "13800138000", "--format", "json", now=now).stdout == cached and parsed == []
    assert book("find", "13800138000", "--format", "json", "--no-cache", now=now).stdout == cached
    assert [os.path.basename(str(path)) for path in parsed] == ["SG-20261116-001.toml"]
    helped = " ".join(book("find", "--help").stdout.split())
    assert "--no-cache Parse every record file; do not use or fill the read cache." in helped


def test_check_notes_name_what_show_says_closing_still_needs(book):
    # show (text and JSON `missing`) names the procedure steps still to do (a handler) beside the
    # fields; check --notes named the fields only, so a case with its unit but no handler went unnamed
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", now="2026-11-16 14:05")
    book("file", "--channel", "phone", "--summary", "Lift noisy", now="2026-11-16 14:10")
    now = "2026-11-16 15:00"
    shown = as_json(book, "show", "001", now=now)
    assert (shown["assessment"]["missing"], shown["missing_to_close"]) == (["handler"], [])
    folder = book.root / "2026/11"
    notes = [line for line in book("check", "--notes", now=now).stderr.splitlines() if "note:" in line]
    assert notes == [
        f"{folder}/SG-20261116-001.toml:1: note: SG-20261116-001 is open and still lacks what closing needs: "
        "a handler is assigned (plaint assign --handler)",
        f"{folder}/SG-20261116-002.toml:1: note: SG-20261116-002 is open and still lacks what closing needs: "
        "unit; add it with `plaint edit SG-20261116-002 --unit ...`; a handler is assigned (plaint assign --handler)"]
    notes = [line for line in book("--lang", "zh", "check", "--notes", now=now).stderr.splitlines() if "SG-" in line]
    assert notes[0] == (f"{folder}/SG-20261116-001.toml:1: 提示：SG-20261116-001 尚未办结，结案前还需补充："
                        "确定处理责任人（plaint assign --handler）")
