"""Each template's procedure walked end to end on the China calendar, every deadline to the minute."""

import json

import pytest
from click.testing import CliRunner

from plaint.commands.app import main

from conftest import make_book


def deadlines(book, record_id="001"):
    shown = json.loads(book("show", record_id, "--format", "json").stdout)
    return {clock: info["due"][:16] for clock, info in shown["deadlines"].items()}


def state(book, record_id="001"):
    return json.loads(book("show", record_id, "--format", "json").stdout)


def test_logistics(tmp_path):
    book = make_book(tmp_path, "logistics", "LG")
    wrong = book("file", "--channel", "hotline", "--summary", "Parcel late", "--source", "partner",
                 "--reference", "SF1234567890", now="2026-09-30 17:00", expect=2)
    assert "unknown source 'partner'; allowed source values: external, internal" in wrong.stderr
    # record first: the caller has no waybill at hand; the hotline's source is external by default
    book("file", "--channel", "hotline", "--summary", "Parcel late", now="2026-09-30 17:00")
    assert state(book)["source"] == "external"
    # general: 1 working day; the National Day holiday is skipped
    assert deadlines(book) == {"acknowledge": "2026-10-08T10:00", "resolve": "2026-10-08T18:00"}
    book("classify", "001", "--validity", "valid", "--severity", "moderate", "--category", "delay",
         "--subcategory", "delivery", now="2026-09-30 17:10")
    assert deadlines(book)["resolve"] == "2026-10-10T18:00"  # 3 working days: the make-up Saturday
    book("classify", "001", "--category", "attitude", now="2026-09-30 17:15")
    assert deadlines(book)["resolve"] == "2026-10-09T18:00"  # service attitude: 2 working days
    bad = book("classify", "001", "--subcategory", "sorting", now="2026-09-30 17:16", expect=2)
    assert "unknown subcategory 'sorting' for category 'attitude'" in bad.stderr
    book("classify", "001", "--severity", "severe", "--category", "delay", "--subcategory", "sorting",
         now="2026-09-30 17:20")
    assert deadlines(book) == {"acknowledge": "2026-09-30T18:00", "resolve": "2026-10-15T18:00"}
    book("assign", "001", "--handler", "Chen", "--department", "Shanghai hub", now="2026-09-30 17:30")
    closed = book("close", "001", "--resolution", "Delivered", now="2026-10-08 10:00", expect=2)
    assert "the customer was answered" in closed.stderr
    book("reply", "001", "--text", "Delivered today with apology coupon", "--method", "phone", now="2026-10-08 11:00")
    no_waybill = book("close", "001", "--resolution", "Delivered", now="2026-10-08 11:30", expect=2)
    assert no_waybill.stderr.endswith("requires reference (waybill number); add it with "
                                      "`plaint edit LG-20260930-001 --reference ...`\n")
    book("edit", "001", "--reference", "SF1234567890", now="2026-10-08 11:40")
    book("close", "001", "--resolution", "Delivered", "--cause", "Sorting backlog", now="2026-10-08 12:00")
    assert deadlines(book)["revisit"] == "2026-10-10T18:00"
    book("revisit", "001", "--satisfied", now="2026-10-09 10:00")
    record = state(book)
    assert record["status"] == "revisited" and record["reference"] == "SF1234567890"
    assert all(info["met"] for info in record["deadlines"].values())


def test_building(tmp_path):
    book = make_book(tmp_path, "building", "BD")
    book("file", "--channel", "phone", "--summary", "Lift to floor 20 broken for a week", "--unit", "Tower A 20F",
         "--severity", "serious", "--validity", "valid", "--category", "engineering", now="2026-02-13 16:00")
    # resolve until a deadline is set: 5 working days: Sat 14 (make-up), then after Spring Festival 24, 25, 26, 27
    assert deadlines(book) == {"acknowledge": "2026-02-13T17:00", "respond": "2026-02-13T18:00",
                               "resolve": "2026-02-27T18:00"}
    unverified = book("assign", "001", "--department", "Engineering", "--deadline", "2026-03-02 18:00",
                      now="2026-02-13 16:10", expect=2)
    assert "cannot be routed yet" in unverified.stderr and "plaint verify" in unverified.stderr
    book("verify", "001", "--note", "Checked with the lift log", now="2026-02-13 16:15")
    no_deadline = book("assign", "001", "--department", "Engineering", now="2026-02-13 16:20", expect=2)
    assert "give --deadline TIME" in no_deadline.stderr
    book("assign", "001", "--handler", "Lu", "--department", "Engineering", "--deadline", "2026-03-02 18:00",
         now="2026-02-13 16:20")
    assert deadlines(book)["resolve"] == "2026-03-02T18:00"
    book("reply", "001", "--text", "Engineer on the way", now="2026-02-13 16:40")
    early = book("close", "001", "--resolution", "Fixed", "--signed-off-by", "Head of Engineering",
                 now="2026-02-14 10:00", expect=2)
    assert "a serious-case review named the responsible person" in early.stderr
    book("review", "001", "--responsible", "Lift contractor supervisor", "--deadline", "2026-02-26 12:00",
         "--notes", "Parts ordered late", now="2026-02-14 11:00")
    assert deadlines(book)["resolve"] == "2026-02-26T12:00"
    unsigned = book("close", "001", "--resolution", "Fixed", now="2026-02-25 10:00", expect=2)
    assert "the resolving department head signs off" in unsigned.stderr
    book("close", "001", "--resolution", "Drive replaced", "--signed-off-by", "Head of Engineering",
         now="2026-02-25 10:00")
    assert deadlines(book)["revisit"] == "2026-02-27T18:00"
    assert state(book)["closing"]["signed_off_by"] == "Head of Engineering"
    # a malicious complaint runs only the reply clock
    book("file", "--channel", "phone", "--summary", "Threatening calls about nothing", "--unit", "B 3F",
         "--validity", "malicious", now="2026-02-13 17:30")
    assert deadlines(book, "002") == {"respond": "2026-02-13T18:00"}


def test_dealership(tmp_path):
    book = make_book(tmp_path, "dealership", "DL")
    book("file", "--channel", "phone", "--summary", "Engine light after service", now="2026-04-30 15:00")
    # propose within 1 working day: Labour Day (May 1-5) skipped; resolve crosses the make-up Saturday May 9
    assert deadlines(book) == {"acknowledge": "2026-04-30T17:00", "propose": "2026-05-06T18:00",
                               "resolve": "2026-05-11T18:00"}
    book("classify", "001", "--validity", "valid", "--severity", "major", "--category", "repair_quality",
         now="2026-04-30 15:05")
    assert deadlines(book) == {"route": "2026-04-30T15:30", "acknowledge": "2026-04-30T16:00",
                               "propose": "2026-05-06T18:00", "resolve": "2026-05-08T18:00"}
    book("assign", "001", "--handler", "Service manager Gao", "--department", "After-sales", now="2026-04-30 15:20")
    book("propose", "001", "--solution", "Replace the sensor free and extend warranty", now="2026-05-06 11:00",
         by="Service manager Gao")
    book("reply", "001", "--text", "Offered sensor replacement", "--method", "phone", now="2026-05-06 15:00")
    unapproved = book("close", "001", "--resolution", "Sensor replaced", now="2026-05-07 10:00", expect=2)
    assert "the solution is approved (plaint approve)" in unapproved.stderr
    wrong = book("approve", "001", "--approver", "department manager", now="2026-05-06 16:00", expect=2)
    assert "solutions are approved by the general manager" in wrong.stderr
    book("approve", "001", "--approver", "general manager", now="2026-05-06 16:00", by="GM Sun")
    missing = book("close", "001", "--resolution", "Sensor replaced", now="2026-05-07 09:00", expect=2)
    assert missing.stderr.endswith("requires reference (plate number), complainant.contact; add them with "
                                   "`plaint edit DL-20260430-001 --reference ... --contact ...`\n")
    book("edit", "001", "--reference", "沪A·12345", "--contact", "13900001111", now="2026-05-07 09:30")
    book("close", "001", "--resolution", "Sensor replaced", "--responsible", "Workshop team 2",
         "--corrective-action", "Check sensor plugs after every service", now="2026-05-07 10:00")
    record = state(book)
    assert record["solution"]["approved_by"] == "GM Sun" and record["solution"]["approver"] == "general manager"
    assert record["deadlines"]["propose"]["met"] is True and record["deadlines"]["revisit"]["due"][:16] == \
        "2026-05-09T18:00"


def test_service_station(tmp_path):
    book = make_book(tmp_path, "service-station", "SS")
    book("file", "--channel", "hotline", "--summary", "Compressor down, need a technician", "--contact", "138",
         "--category", "onsite_request", now="2026-09-18 17:00")
    # contact within 2 working hours: 1 on Friday, 1 on Sunday 2026-09-20, a make-up workday
    assert deadlines(book) == {"respond": "2026-09-20T10:00", "resolve": "2026-09-22T18:00"}
    book("assign", "001", "--handler", "Technician Ma", now="2026-09-18 17:05")
    book("reply", "001", "--text", "Technician booked for Sunday 09:00", "--method", "phone", now="2026-09-18 17:10")
    book("close", "001", "--resolution", "Compressor relay replaced", now="2026-09-20 15:00")
    assert deadlines(book)["revisit"] == "2026-09-22T18:00"
    book("revisit", "001", "--method", "phone", "--unsatisfied", "--words", "Stopped again next morning",
         "--reopen", now="2026-09-21 10:00", by="Callback specialist")
    no_cause = book("close", "001", "--resolution", "Relay replaced again", now="2026-09-22 10:00", expect=2)
    assert "root cause analysis: --cause and --corrective-action" in no_cause.stderr
    book("close", "001", "--resolution", "Relay and contactor replaced", "--cause", "Contactor welded",
         "--corrective-action", "Test contactor on every relay job", now="2026-09-22 10:00")
    book("revisit", "001", "--satisfied", now="2026-09-23 10:00")
    record = state(book)
    assert record["status"] == "revisited" and record["closing"]["cause"] == "Contactor welded"
    assert [h["action"] for h in record["history"]] == ["file", "assign", "reply", "close", "revisit", "close",
                                                       "revisit"]


def test_property_revisit_across_national_day(tmp_path):
    book = make_book(tmp_path, "property", "PM")
    book("file", "--channel", "phone", "--summary", "Leak", "--unit", "1-1", now="2026-09-30 09:00")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-09-30 09:05")
    book("close", "001", "--resolution", "Fixed", now="2026-09-30 17:00")
    assert deadlines(book) == {"route": "2026-09-30T09:10", "acknowledge": "2026-09-30T10:00",
                               "resolve": "2026-10-03T00:00", "revisit": "2026-10-10T18:00"}


def test_general_on_weekdays_and_on_cn(tmp_path):
    book = make_book(tmp_path, "general", "HQ")
    book("file", "--channel", "email", "--summary", "Invoice wrong", "--severity", "high", now="2026-09-30 16:30")
    assert deadlines(book) == {"acknowledge": "2026-10-01T09:30", "respond": "2026-09-30T17:00",
                               "resolve": "2026-10-02T17:00"}
    policy = book.root / "plaint.toml"
    policy.write_text(policy.read_text().replace('base = "weekdays"', 'base = "cn"')
                      .replace('timezone = "UTC"', 'timezone = "Asia/Shanghai"'))
    book("file", "--channel", "email", "--summary", "Invoice wrong", "--severity", "high", now="2026-09-30 16:30")
    assert deadlines(book, "002") == {"acknowledge": "2026-09-30T17:30", "respond": "2026-09-30T18:00",
                                      "resolve": "2026-10-09T18:00"}


@pytest.mark.parametrize("template", ["property", "logistics", "building", "dealership", "service-station",
                                      "general"])
def test_init_then_file_as_a_new_user(tmp_path, monkeypatch, template):
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["init", "book", "--template", template]).exit_code == 0
    monkeypatch.chdir(tmp_path / "book")
    args = ["file", "--channel", {"logistics": "hotline", "building": "phone", "dealership": "phone",
                                  "service-station": "hotline"}.get(template, "phone"),
            "--summary", "First complaint", "--unit", "1-101", "--contact", "13800000000", "--reference", "X-1",
            "--source", "external"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("-001")


def test_init_list():
    result = CliRunner().invoke(main, ["init", "--list"])
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["building", "dealership", "general", "logistics", "property", "service-station"]


@pytest.mark.parametrize("edit, message", [
    (('resolve = "2 days"', 'resolve = "2 weeks"'), "cannot read duration '2 weeks'"),
    (('clocks = { route = "10 minutes", acknowledge = "1 hours", resolve = "2 days"',
      'clocks = { lunch = "1 hours", acknowledge = "1 hours", resolve = "2 days"'), "unknown clock 'lunch'"),
    (('key = "fees"', 'key = "facilities"'), "duplicate category 'facilities'"),
    (('approver = "department manager"', 'approver = "chairman"'), "approver 'chairman' of severity 'minor' is not"),
    (('default_severity = "minor"', 'default_severity = "minor"\napprovers = ["chairman"]'),
     "approver 'chairman' is listed but no severity uses it"),
])
def test_policy_mistakes_are_refused_with_file_and_line(book, edit, message):
    policy = book.root / "plaint.toml"
    text = policy.read_text()
    assert edit[0] in text
    policy.write_text(text.replace(edit[0], edit[1], 1))
    lines = policy.read_text().splitlines()
    result = book("check", expect=2)
    problem = next(line for line in result.stderr.splitlines() if message in line)
    path, line, _ = problem.split(":", 2)
    assert path == str(policy)
    assert edit[1].splitlines()[-1] in lines[int(line) - 1] or edit[1].split(" = ")[0] in lines[int(line) - 1]
    refused = book("file", "--channel", "phone", "--summary", "x", "--unit", "1", now="2026-11-16 10:00", expect=2)
    assert message in refused.stderr
    assert not list(book.root.glob("20*"))


def test_check_is_silent_on_a_sound_book(book):
    assert book("check", now="2026-10-01 10:00").stdout == ""
    assert book("check", now="2026-10-01 10:00").stderr == ""
    result = book("check", now="2026-11-22 10:00")  # 2027 is estimated: a warning, not a failure
    assert "2027 is estimated" in result.stderr and "plaint calendar add-year" in result.stderr
    result = book("check", now="2099-11-22 10:00", expect=2)  # 2100 is beyond the estimate
    assert "cn.toml:1:" in result.stderr and "no data for 2100" in result.stderr
