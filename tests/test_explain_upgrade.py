"""`show --explain` on a case raised by age says what the assessment computed: which severity's
limit applies and why, from which day the clock counts, and the due the clock shows."""

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Plaint

DEMO = Path(__file__).resolve().parent.parent / "records"
NOW = "2026-11-23 10:00"


@pytest.fixture
def demo(tmp_path):
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return Plaint(root)


def test_a_clock_only_the_raised_severity_has_counts_from_the_raise(demo):
    shown = demo("show", "1016-001", now=NOW)
    assert "  respond      due Tue 2026-11-17 24:00  overdue by 5d10h00m  [2 days]" in shown.stdout
    lines = demo("show", "1016-001", "--explain", "respond", now=NOW).stdout.splitlines()
    assert lines == [
        "respond clock, round 1: the customer gets an answer; 2 days under severity major (raised by age)",
        "raised to major at Sun 2026-11-15 24:00 (a valid complaint unresolved after 30 days counts as major); "
        "a clock only major has starts then",
        "starts Sun 2026-11-15 24:00",
        "Sun 2026-11-15: day 0, the day the raise took effect; due at the end (24:00) of the date 2 calendar "
        "day(s) later, Tue 2026-11-17",
        "no pauses: plaint's clocks do not stop while waiting on the customer",
        "due Tue 2026-11-17 24:00; still running; overdue"]


def test_a_deadline_in_force_keeps_its_severitys_limit(demo):
    lines = demo("show", "1016-001", "--explain", "resolve", now=NOW).stdout.splitlines()
    assert lines == [
        "resolve clock, round 1: the case is closed; 2 days under severity minor",
        "raised to major at Sun 2026-11-15 24:00 (a valid complaint unresolved after 30 days counts as major); "
        "a deadline already in force keeps minor's limit",
        "starts Fri 2026-10-16 10:00",
        "Fri 2026-10-16: receipt date; due at the end (24:00) of the date 2 calendar day(s) later, Sun 2026-10-18",
        "no pauses: plaint's clocks do not stop while waiting on the customer",
        "due Sun 2026-10-18 24:00; still running; overdue"]
