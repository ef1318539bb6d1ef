"""The monthly pack (issue 15): causes as data, places not flats, scrubbed free text, the
monthly trend, and the book as it stood at an earlier date."""

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_book
from plaint.commands.app import main
from plaint.scrub import Scrubber, place_of

NOW = "2026-12-10 10:00"
ROOT = Path(__file__).resolve().parent.parent


def report(root, *args, expect=0):
    result = CliRunner().invoke(main, ["--book", str(root), "--now", NOW, "report", *args])
    assert result.exit_code == expect, (result.output, result.stderr)
    return result


def filed(book, now, **fields):
    args = ["file", "--channel", "phone", "--summary", fields.pop("summary", "Leak")]
    for key, value in fields.items():
        args += [f"--{key}", value]
    return book(*args, now=now).stdout.strip()


def close(book, rid, now, *args):
    book("assign", rid, "--handler", "Wang", now=now)
    book("close", rid, "--resolution", "Fixed", *args, now=now)


# -- places ----------------------------------------------------------------------------
@pytest.mark.parametrize("unit, depth, place", [
    ("3-2-501", 2, "3-2"), ("3-2-501", 3, "3-2"), ("3-2-501", 1, "3"), ("3/2/501", 2, "3-2"),
    ("3栋2单元501室", 2, "3-2"), ("３－２－５０１", 2, "3-2"), (" 3 - 2 - 501 ", 2, "3-2"),
    ("501", 2, ""), ("京A12345", 2, ""), ("", 2, ""), ("Tower B, 12F, 1203", 2, "Tower-B"),
])
def test_place_never_shows_the_last_part(unit, depth, place):
    assert place_of(unit, depth) == place


def test_place_depth_from_policy_and_checked(tmp_path):
    book = make_book(tmp_path)
    for unit in ("3-2-501", "3-2-502", "3-1-101"):
        filed(book, "2026-11-02 09:00", unit=unit)
    out = json.loads(report(book.root, "--format", "json").stdout)
    assert out["repeat_locations"] == [{"unit": "3-2", "place": "3-2", "count": 2}]
    policy = book.root / "plaint.toml"
    policy.write_text(policy.read_text().replace("place_depth = 2", "place_depth = 1"))
    out = json.loads(report(book.root, "--format", "json").stdout)
    assert out["repeat_locations"] == [{"unit": "3", "place": "3", "count": 3}]
    policy.write_text(policy.read_text().replace("place_depth = 1", "place_depth = 0"))
    err = report(book.root, "--format", "json", expect=2).stderr
    assert "place_depth 0 must be a whole number of unit parts, at least 1" in err and "plaint.toml:" in err


# -- causes ------------------------------------------------------------------------------
def test_cause_code_by_key_or_label_and_grouping(tmp_path):
    book = make_book(tmp_path)
    ids = [filed(book, "2026-11-02 09:00", unit=f"9-{n}") for n in range(9)]
    close(book, ids[0], "2026-11-02 10:00", "--cause-code", "equipment_failure")
    close(book, ids[1], "2026-11-02 10:00", "--cause-code", "ＥＱＵＩＰＭＥＮＴ  failure")
    close(book, ids[2], "2026-11-02 10:00", "--cause-code", "设备设施故障")
    close(book, ids[3], "2026-11-02 10:00", "--cause", "equipment failure")  # free text naming a code's label
    close(book, ids[4], "2026-11-02 10:00", "--cause", "Pipe leak")
    close(book, ids[5], "2026-11-02 10:00", "--cause", "pipe  LEAK ")
    close(book, ids[6], "2026-11-02 10:00", "--cause", "Pipe leak")
    close(book, ids[7], "2026-11-02 10:00", "--cause-code", "third party", "--cause", "Water company cut")
    record = json.loads(book("show", ids[2], "--format", "json").stdout)
    assert record["closing"]["cause_code"] == "equipment_failure"
    out = json.loads(report(book.root, "--format", "json").stdout)
    assert out["causes"] == [
        {"cause": "Equipment failure", "code": "equipment_failure", "count": 4, "share": 0.5,
         "cumulative_share": 0.5},
        {"cause": "Pipe leak", "code": None, "count": 3, "share": 0.375, "cumulative_share": 0.875},
        {"cause": "Third party", "code": "third_party", "count": 1, "share": 0.125, "cumulative_share": 1.0}]
    book("assign", ids[8], "--handler", "Wang", now="2026-11-02 10:00")
    bad = book("close", ids[8], "--resolution", "x", "--cause-code", "gremlins", now="2026-11-02 10:00", expect=2)
    assert "unknown cause code 'gremlins'; allowed causes: equipment_failure (Equipment failure/设备设施故障)" in bad.stderr
    assert json.loads(book("show", ids[8], "--format", "json").stdout)["status"] == "assigned"  # nothing written


def test_cause_code_without_causes_in_policy(tmp_path):
    book = make_book(tmp_path)
    policy = book.root / "plaint.toml"
    text = policy.read_text()
    policy.write_text(text[:text.index("# Root causes as data")] + text[text.index("[report]"):])
    rid = filed(book, "2026-11-02 09:00", unit="1-1-1")
    book("assign", rid, "--handler", "Wang", now="2026-11-02 10:00")
    bad = book("close", rid, "--resolution", "x", "--cause-code", "process", now="2026-11-02 10:00", expect=2)
    assert "lists no [[causes]]" in bad.stderr


# -- nothing personal ----------------------------------------------------------------------
PLANTED = ["Zhao Liu", "zhao liu", "ZHAO", "13912345678", "139-1234-5678", "1234-5678", "zl@example.com",
           "110101199003071234", "3-2-601", "3栋2单元601", "Wu Fang", "0755-88889999"]


def planted_book(tmp_path):
    book = make_book(tmp_path)
    first = filed(book, "2026-11-02 09:00", unit="3-2-601", name="Zhao Liu", contact="13912345678")
    second = filed(book, "2026-11-03 09:00", unit="3-2-602", name="Wu Fang", contact="13912345678",
                   about="Guard Zhao Liu at 3-2-601")
    for rid in (first, second):
        book("assign", rid, "--handler", "Zhao Liu 13912345678", "--department", "zl@example.com",
             now="2026-11-03 10:00")
        book("close", rid, "--resolution", "Fixed", "--cause", "Neighbour Zhao Liu, 3-2-601, tel 13912345678",
             "--corrective-action", "Call zhao  liu on 139-1234-5678 or zl@example.com, ID 110101199003071234, "
             "3栋2单元601, office 0755-88889999, ask Wu Fang",
             "--responsible", "ZHAO LIU of 3-2-601", now="2026-11-03 11:00")
    return book


def test_scrubber_masks():
    scrub = Scrubber([{"complainant": {"name": "Zhao Liu", "contact": "wx:zhaoliu88"}, "unit": "3-2-601"}])
    assert scrub("Neighbour Zhao Liu, 3-2-601, tel 13912345678") == "Neighbour [name], [unit], tel [phone]"
    assert scrub("zhao  liu wx:zhaoliu88 +86 139 1234 5678 zl@ex.cn 11010119900307123X") == \
        "[name] [unit] [phone] [e-mail] [ID]"
    assert scrub("Zhao Liuyang, 2026-11-16, Worn part") == "Zhao Liuyang, 2026-11-16, Worn part"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_planted_personal_data_leaves_through_no_text_format(tmp_path, fmt):
    book = planted_book(tmp_path)
    out = report(book.root, "--format", fmt, "--months", "2", "--compare").stdout
    for secret in PLANTED:
        assert secret.lower() not in out.lower(), secret
    assert "[name]" in out and "[phone]" in out and "3-2" in out


# -- the monthly trend ------------------------------------------------------------------------
def _generator():
    spec = importlib.util.spec_from_file_location("generate_book", ROOT / "bench" / "generate_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated") / "book"
    _generator().build(root, 360)
    return root


def test_twelve_month_trend_equals_twelve_monthly_reports(generated):
    pack = json.loads(report(generated, "--month", "2026-11", "--months", "12", "--format", "json").stdout)
    months = [entry["month"] for entry in pack["monthly_trend"]]
    assert months == [f"2025-{m:02d}" for m in range(12, 13)] + [f"2026-{m:02d}" for m in range(1, 12)]
    for entry in pack["monthly_trend"]:
        alone = json.loads(report(generated, "--month", entry["month"], "--format", "json").stdout)
        assert entry["period"] == alone["period"]
        assert entry["records"] == alone["records"] and entry["open_total"] == alone["open_total"]
        assert entry["on_time_rate"] == {clock: info["on_time_rate"] for clock, info in alone["clocks"].items()}
        assert (entry["revisited"], entry["satisfied"], entry["satisfied_share"]) == (
            alone["revisits"]["revisited"], alone["revisits"]["satisfied"], alone["revisits"]["satisfied_share"])
    assert sum(entry["records"] for entry in pack["monthly_trend"]) > 150
    assert pack["monthly_trend"][-1]["records"] == pack["records"]


# -- as of an earlier date -------------------------------------------------------------------
def test_as_of_gives_the_figures_as_committed_then(tmp_path, monkeypatch):
    book = make_book(tmp_path)

    def at(moment):
        monkeypatch.setenv("GIT_COMMITTER_DATE", moment)
        monkeypatch.setenv("GIT_AUTHOR_DATE", moment)

    at("2026-11-02T10:00:00+08:00")
    ids = [filed(book, "2026-11-02 09:00", unit=f"1-1-{n}", severity="minor") for n in range(3)]
    at("2026-11-03T10:00:00+08:00")
    close(book, ids[0], "2026-11-02 10:00", "--cause", "Worn part")
    filed_then = json.loads(report(book.root, "--format", "json").stdout)
    at("2026-12-05T10:00:00+08:00")  # after the pack was filed: another closing and a reclassification
    close(book, ids[1], "2026-11-02 10:00", "--cause", "Staff error")
    book("classify", ids[2], "--severity", "major", now="2026-11-05 10:00")
    policy = book.root / "plaint.toml"
    policy.write_text(policy.read_text().replace('name = "', 'name = "Renamed '))  # uncommitted: never counts
    (book.root / "2026" / "11" / "SG-20261102-004.toml").write_text("<<<<<<< broken\n")
    changed = report(book.root, "--format", "json", expect=2)
    assert json.loads(changed.stdout)["causes"] != filed_then["causes"]
    again = json.loads(report(book.root, "--as-of", "2026-12-01", "--format", "json").stdout)
    commit = subprocess.run(["git", "-C", str(book.root), "rev-list", "-1", "--before=2026-12-01T00:00:00+08:00",
                             "HEAD"], capture_output=True, text=True).stdout.strip()
    assert again["as_of"] == {"time": "2026-12-02T00:00:00+08:00", "commit": commit,
                              "committed": "2026-11-03T10:00:00+08:00"}
    assert again["generated"] == "2026-12-02T00:00:00+08:00"
    for key in ("records", "counts", "clocks", "times", "revisits", "causes", "open_by_age", "open_total",
                "responsible", "handlers", "book", "period", "left_out"):
        assert again[key] == filed_then[key], key
    early = report(book.root, "--as-of", "2026-10-01", "--format", "json", expect=2)
    assert "no commit at or before 2026-10-02T00:00:00+08:00" in early.stderr


def test_as_of_needs_git_history(tmp_path):
    root = tmp_path / "plain"
    CliRunner().invoke(main, ["init", str(root), "--template", "property"])
    subprocess.run(["rm", "-rf", str(root / ".git")], check=True)
    result = report(root, "--as-of", "2026-12-01", expect=2)
    assert result.stderr.startswith("Error: --as-of reads the book's git history")


def test_as_of_reads_a_book_kept_in_a_folder_of_a_larger_repository(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=T", "-c", "user.email=t@x"]
    subprocess.run(git + ["init", "-q"], check=True)
    root = repo / "books" / "east"
    assert CliRunner().invoke(main, ["init", str(root), "--template", "property"]).exit_code == 0
    from conftest import Plaint
    book = Plaint(root)
    rid = filed(book, "2026-11-02 09:00", unit="1-1-101")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-02T10:00:00+08:00")
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "filed"], check=True)
    book("assign", rid, "--handler", "Wang", now="2026-11-03 09:00")  # not committed: never counts
    then = json.loads(report(root, "--as-of", "2026-11-30", "--format", "json").stdout)
    now = json.loads(report(root, "--format", "json").stdout)
    assert [e["key"] for e in then["counts"]["status"]] == ["received"]
    assert [e["key"] for e in now["counts"]["status"]] == ["assigned"]
    assert then["as_of"]["committed"] == "2026-11-02T10:00:00+08:00"


def test_rows_that_masking_makes_alike_become_one_row():
    from plaint.scrub import Scrubber, scrub_figures
    records = [{"unit": unit, "complainant": {"name": ""}} for unit in ("3-2-501", "5-1-202")]
    figures = {"counts": {"complained_about": [
        {"key": "Engineering", "count": 1, "share": 0.25},
        {"key": "Resident of 3-2-501", "count": 1, "share": 0.25},
        {"key": "Resident of 5-1-202", "count": 2, "share": 0.5}]},
        "responsible": [{"responsible": "Resident of 3-2-501", "cases": 1, "late": 1},
                        {"responsible": "Resident of 5-1-202", "cases": 1, "late": 0}]}
    scrub_figures(figures, Scrubber(records))
    assert figures["counts"]["complained_about"] == [{"key": "Resident of [unit]", "count": 3, "share": 0.75},
                                                     {"key": "Engineering", "count": 1, "share": 0.25}]
    assert figures["responsible"] == [{"responsible": "Resident of [unit]", "cases": 2, "late": 1}]
