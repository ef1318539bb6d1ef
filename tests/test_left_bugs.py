"""Behaviour bugs left from last session, each reproduced first (see /work/notes/fixes.md)."""

import json

from conftest import make_book


def test_a_higher_level_may_approve_an_extension(book):
    """domain.md: 'who approves depends on severity' (minor: the department manager); the policy's
    [escalation] levels run lowest first, so the general manager may sign what his department
    manager may. A lower level still may not."""
    book("file", "--channel", "phone", "--summary", "Lights out", "--unit", "6-12", now="2026-11-16 10:00")
    book("classify", "001", "--severity", "minor", now="2026-11-16 10:05")
    low = book("extend", "001", "--clock", "resolve", "--add", "2wd", "--approver", "handler",
               "--reason", "parts", now="2026-11-17 10:00", expect=2)
    assert low.stderr == ("Error: extensions of a minor case are approved by the department manager "
                          "(or a level above: general manager), not 'handler' (policy "
                          f"{book.root / 'plaint.toml'})\n")
    book("extend", "001", "--clock", "resolve", "--add", "2wd", "--approver", "general manager",
         "--reason", "Fittings on order", now="2026-11-17 10:00")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["deadlines"]["resolve"]["due"] == "2026-11-20T18:00:00+08:00"
    assert shown["extensions"]["resolve"]["approver"] == "general manager"  # who signed, as typed


def test_the_general_manager_signs_for_a_minor_case_on_a_chinese_desk(book):
    book("file", "--channel", "phone", "--summary", "Lights out", "--unit", "6-12", now="2026-11-16 10:00")
    book("classify", "001", "--severity", "minor", now="2026-11-16 10:05")
    low = book("--lang", "zh", "extend", "001", "--clock", "resolve", "--add", "1wd", "--approver", "处理责任人",
               "--reason", "等配件", now="2026-11-17 10:00", expect=2)
    assert "由部门经理（或更高一级：总经理）批准，而不是 '处理责任人'" in low.stderr
    book("--lang", "zh", "extend", "001", "--clock", "resolve", "--add", "1wd", "--approver", "总经理",
         "--reason", "等配件", now="2026-11-17 10:00")


def test_a_higher_level_may_approve_a_solution(tmp_path):
    """The same rule for a proposed solution: building management's solutions are approved by the
    severity's approver; the general manager sits above every other level."""
    book = make_book(tmp_path, "building", "BM")
    book("file", "--channel", "phone", "--summary", "Lift stuck", now="2026-11-16 10:00")
    book("classify", "001", "--severity", "ordinary", now="2026-11-16 10:05")
    book("propose", "001", "--solution", "Service the lift", now="2026-11-16 11:00")
    book("approve", "001", "--approver", "general manager", now="2026-11-16 12:00", by="GM Sun")
    shown = json.loads(book("show", "001", "--format", "json").stdout)
    assert shown["solution"]["approver"] == "general manager"
