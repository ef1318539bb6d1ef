"""Many desks: a central bare repository, one clone per site, `clone`, `setup`, `sync`."""

import json
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Plaint
from plaint.commands.app import main


def git(root, *args, check=True):
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    assert not check or result.returncode == 0, result.stderr
    return result.stdout.strip()


def run(*args, expect=0):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == expect, (result.output, result.stderr)
    return result


class Network:
    """A central bare repository, the head-office clone (HQ) that created the book, and desks."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.url = str(tmp_path / "central.git")
        subprocess.run(["git", "init", "-q", "--bare", self.url], check=True)
        run("init", tmp_path / "HQ", "--template", "property", "--site", "HQ")
        git(tmp_path / "HQ", "remote", "add", "origin", self.url)
        run("--book", tmp_path / "HQ", "setup", "--site", "HQ")
        run("--book", tmp_path / "HQ", "sync")
        self.desks = {"HQ": Plaint(tmp_path / "HQ")}

    def clone(self, site: str) -> Plaint:
        run("clone", self.url, self.tmp / site, "--site", site)
        self.desks[site] = Plaint(self.tmp / site)
        return self.desks[site]

    def sync(self, desk: Plaint, expect=0):
        return desk("sync", expect=expect)


@pytest.fixture
def net(tmp_path):
    return Network(tmp_path)


def file(desk, summary, now="2026-11-20 10:00", expect=0):
    result = desk("file", "--channel", "phone", "--summary", summary, "--unit", "1", now=now, expect=expect)
    return result.stdout.strip()


def check_warnings(desk) -> str:
    """`plaint check`'s warnings (the calendar's coverage may or may not be a problem by then)."""
    result = CliRunner().invoke(main, ["--book", str(desk.root), "--now", "2026-11-20 12:00", "check"])
    assert result.exit_code in (0, 2)
    return "".join(line for line in result.stderr.splitlines(keepends=True) if ": warning: " in line)


def tree(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.parts and p.name != ".plaint.lock"}


def test_init_declares_and_switches_on_the_record_merge_driver(book):
    assert (book.root / ".gitattributes").read_text() == (
        "# Complaint records merge field by field (`plaint merge-driver`), never line by line.\n"
        "[0-9][0-9][0-9][0-9]/*/*.toml merge=plaint\n")
    assert git(book.root, "ls-files") == ".gitattributes\n.gitignore\nplaint.toml"
    assert git(book.root, "config", "--local", "merge.plaint.driver") == (
        f"{shlex.quote(sys.executable)} -m plaint merge-driver %O %A %B %P")
    assert git(book.root, "check-attr", "merge", "2026/11/SG-20261120-001.toml") == (
        "2026/11/SG-20261120-001.toml: merge: plaint")
    assert git(book.root, "check-attr", "merge", "plaint.toml") == "plaint.toml: merge: unspecified"


def test_clone_gives_the_desk_its_own_site_code_and_the_driver(net):
    result = run("clone", net.url, net.tmp / "bj", "--site", "bj")
    assert result.stdout.startswith(f"Cloned {net.url} into {net.tmp / 'bj'} as site BJ")
    assert git(net.tmp / "bj", "config", "--local", "plaint.site") == "BJ"
    assert len(git(net.tmp / "bj", "config", "--local", "plaint.desk")) == 8
    assert "merge-driver %O %A %B %P" in git(net.tmp / "bj", "config", "--local", "merge.plaint.driver")
    desk = Plaint(net.tmp / "bj")
    assert file(desk, "Lift") == "BJ-20261120-001"


@pytest.mark.parametrize("site", ["bad code", "../x", "TOOLONGCODE", "", "北京"])
def test_site_codes_are_checked(net, site):
    result = run("clone", net.url, net.tmp / "x", "--site", site, expect=2)
    assert f"--site {site.upper()!r} is not a site code: use 1 to 8 capital letters A-Z or digits" in result.stderr
    assert not (net.tmp / "x").exists()


def test_a_clone_without_its_own_site_code_cannot_file(net):
    subprocess.run(["git", "clone", "-q", net.url, str(net.tmp / "plain")], check=True)
    desk = Plaint(net.tmp / "plain")
    result = file(desk, "Lift", expect=2)
    assert result == ""
    error = desk("file", "--channel", "phone", "--summary", "x", "--unit", "1", expect=2).stderr
    assert "shares its book through a git remote (origin) but has no site code of its own" in error
    assert "`plaint setup --site BJ`" in error
    assert list(desk.root.glob("2026/**/*.toml")) == []
    out = desk("setup", "--site", "GZ").stdout
    assert out == (f"{desk.root}: site code set; record merge driver switched on. Site code: GZ\n")
    assert file(desk, "Lift") == "GZ-20261120-001"


def test_plaint_site_overrides_the_clone(net, monkeypatch):
    desk = net.clone("BJ")
    monkeypatch.setenv("PLAINT_SITE", "TJ")
    assert file(desk, "Lift") == "TJ-20261120-001"
    monkeypatch.setenv("PLAINT_SITE", "../../x")
    assert "PLAINT_SITE '../../x' is not a site code" in desk("file", "--channel", "phone", "--summary",
                                                                        "x", "--unit", "1", expect=2).stderr


def test_two_desks_filing_offline_on_one_day_never_collide(net):
    bj, sh = net.clone("BJ"), net.clone("SH")
    assert [file(bj, "Lift"), file(bj, "Noise")] == ["BJ-20261120-001", "BJ-20261120-002"]
    assert file(sh, "Leak") == "SH-20261120-001"
    for desk in (bj, sh, bj):
        net.sync(desk)
    assert tree(bj.root) == tree(sh.root)
    assert sorted(p.name for p in bj.root.glob("2026/11/*.toml")) == [
        "BJ-20261120-001.toml", "BJ-20261120-002.toml", "SH-20261120-001.toml"]


def test_sync_is_silent_with_nothing_to_do_and_says_what_moved(net):
    bj = net.clone("BJ")
    assert net.sync(bj).output == ""
    file(bj, "Lift")
    assert net.sync(bj).stdout == "sync: sent 1 commit\n"
    hq = net.desks["HQ"]
    assert net.sync(hq).stdout == "sync: received 1 commit\n"
    assert net.sync(hq).output == ""
    file(bj, "Noise")
    assert bj("sync", "--quiet").output == ""


CONCURRENT = """[[history]]
at = 2026-11-20T11:00:00+08:00
by = "Sun Mei"
action = "classify"
severity = "major"
[[history]]
at = 2026-11-20T11:30:00+08:00
by = "Zhao Lei"
action = "classify"
severity = "important"
[[history]]
at = 2026-11-20T11:30:00+08:00
by = "plaint merge"
action = "merge"
field = "severity"
kept = "important"
dropped = "major"
"""


def test_concurrent_changes_merge_field_by_field_and_ask_for_review(net):
    bj, sh = net.clone("BJ"), net.clone("SH")
    record_id = file(bj, "Lift")
    net.sync(bj), net.sync(sh)
    sh("classify", record_id, "--severity", "major", now="2026-11-20 11:00", by="Sun Mei")
    sh("assign", record_id, "--department", "Engineering", now="2026-11-20 11:10", by="Sun Mei")
    bj("classify", record_id, "--severity", "important", now="2026-11-20 11:30", by="Zhao Lei")
    net.sync(sh)
    assert net.sync(bj).stdout == "sync: received 2 commits (merged), sent 2 commits\n"
    net.sync(sh)
    assert tree(bj.root) == tree(sh.root)
    text = (bj.root / "2026/11/BJ-20261120-001.toml").read_text()
    assert 'severity = "important"\n' in text and 'department = "Engineering"\n' in text
    assert text.endswith(CONCURRENT.replace('[[history]]\nat = 2026-11-20T11:30:00+08:00\nby = "Zhao Lei"',
                                            '[[history]]\nat = 2026-11-20T11:10:00+08:00\nby = "Sun Mei"\n'
                                            'action = "assign"\ndepartment = "Engineering"\n[[history]]\n'
                                            'at = 2026-11-20T11:30:00+08:00\nby = "Zhao Lei"'))
    assert git(bj.root, "log", "-1", "--format=%s%n%b") == (
        "sync: merge origin/master into master\nAction: sync\nActor: Li Na")
    shown = bj("show", record_id).stdout
    assert ("  Review!      two desks changed severity at once; the merge kept 'important' (the later action) "
            "over 'major'; check it, then confirm with a normal action\n") in shown
    review = json.loads(bj("show", record_id, "--format", "json").stdout)["merge_review"]
    assert review == [{"at": "2026-11-20T11:30:00+08:00", "by": "plaint merge", "action": "merge",
                       "field": "severity", "kept": "important", "dropped": "major"}]
    check = check_warnings(bj)
    assert check == (f"{bj.root / '2026/11/BJ-20261120-001.toml'}:1: warning: two desks changed severity "
                            "at once; the merge kept 'important' (the later action) over 'major'; review it and "
                            f"confirm with a normal action on {record_id} (e.g. `plaint show {record_id}`, then "
                            "classify or assign again)\n")
    bj("classify", record_id, "--severity", "important", now="2026-11-20 12:00", by="Zhao Lei")
    assert "Review!" not in bj("show", record_id).stdout
    assert check_warnings(bj) == ""


def test_a_push_race_is_retried_once(net, monkeypatch):
    import plaint.sync as sync_module
    bj, sh = net.clone("BJ"), net.clone("SH")
    file(bj, "Lift")
    real_fetch, calls = sync_module._fetch, []

    def racing_fetch(root, target):
        real_fetch(root, target)
        if root != str(bj.root):
            return
        calls.append(root)
        if len(calls) == 1:  # SH pushes between BJ's fetch and BJ's push
            file(sh, f"Leak {len(calls)}")
            sh("sync")
    monkeypatch.setattr(sync_module, "_fetch", racing_fetch)
    assert net.sync(bj).stdout == "sync: received 1 commit (merged), sent 2 commits\n"
    assert len(calls) == 2
    monkeypatch.undo()
    net.sync(sh)
    assert tree(bj.root) == tree(sh.root) and len(list(bj.root.glob("2026/11/*.toml"))) == 2


def test_losing_the_race_twice_gives_up_cleanly(net, monkeypatch):
    import plaint.sync as sync_module
    bj, sh = net.clone("BJ"), net.clone("SH")
    file(bj, "Lift")
    real_fetch, calls = sync_module._fetch, []

    def racing_fetch(root, target):
        real_fetch(root, target)
        if root != str(bj.root):
            return
        calls.append(root)
        file(sh, "Leak", now=f"2026-11-20 10:0{len(calls)}")
        sh("sync")
    monkeypatch.setattr(sync_module, "_fetch", racing_fetch)
    error = net.sync(bj, expect=3).stderr
    assert error == ("Error: another desk pushed to origin/master twice while this one was syncing; nothing is "
                     "lost (this clone holds its merge); run `plaint sync` again\n")
    assert not (bj.root / ".git/MERGE_HEAD").exists() and git(bj.root, "status", "--porcelain") == ""
    monkeypatch.undo()
    net.sync(bj)
    net.sync(sh)
    assert tree(bj.root) == tree(sh.root) and len(list(bj.root.glob("2026/11/*.toml"))) == 3


def test_a_merge_that_needs_a_person_is_aborted_and_explained(net):
    bj, sh = net.clone("BJ"), net.clone("SH")
    for desk, name in ((bj, "Beijing"), (sh, "Shanghai")):
        policy = desk.root / "plaint.toml"
        policy.write_text(policy.read_text().replace('name = "', f'name = "{name} ', 1))
        git(desk.root, "-c", "user.name=Desk", "-c", "user.email=desk@example.com", "commit", "-qam",
            f"rename for {name}")
    net.sync(sh)
    head = git(bj.root, "rev-parse", "HEAD")
    error = net.sync(bj, expect=4).stderr
    assert error.startswith("Error: could not merge origin/master automatically (plaint.toml): ")
    assert "The merge was aborted; this clone is as it was. To resolve by hand: `git merge origin/master`" in error
    assert git(bj.root, "rev-parse", "HEAD") == head and git(bj.root, "status", "--porcelain") == ""
    assert not (bj.root / ".git/MERGE_HEAD").exists()


def test_one_id_filed_by_two_desks_is_refused_and_check_explains_it(net, monkeypatch):
    bj, sh = net.clone("BJ"), net.clone("SH")
    monkeypatch.setenv("PLAINT_SITE", "LG")  # both desks wrongly file under one code
    file(bj, "Lift"), file(sh, "Leak")
    monkeypatch.delenv("PLAINT_SITE")
    net.sync(sh)
    error = net.sync(bj, expect=4).stderr
    assert ("(2026/11/LG-20261120-001.toml): plaint merge-driver: 2026/11/LG-20261120-001.toml: cannot merge "
            "field by field: two desks filed different complaints under the same id 'LG-20261120-001'") in error
    assert git(bj.root, "status", "--porcelain") == ""
    git(bj.root, "-c", "user.name=BJ", "-c", "user.email=bj@example.com", "merge", "-q", "origin/master",
        check=False)
    path = bj.root / "2026/11/LG-20261120-001.toml"
    assert "<<<<<<< ours" in path.read_text()
    check = bj("check", now="2026-11-20 12:00", expect=2).stderr
    check = next(line for line in check.splitlines() if "LG-" in line)
    # it said "keep ... every [[history]] entry of both sides": two complaints merged into one record
    assert check == (f"{path}:7: unresolved merge conflict: two desks filed different complaints under this one id "
                     "(lines 7-11, 30-34, between <<<<<<< and >>>>>>>: this desk's version first, then the other's), "
                     "so they must never be merged into one record. Keep one desk's version whole (`git checkout "
                     "--ours` or `--theirs` on the file), `git add` it and `git commit`, then file the other "
                     "complaint again with `plaint file` from a clone with its own site code (`plaint setup --site "
                     "CODE`); or `git merge --abort` to go back to before the merge")
    assert "unresolved merge conflict" in bj("list", expect=2).stderr


def test_check_warns_when_two_clones_file_under_one_code_on_one_day(net):
    first, second = net.clone("BJ"), Plaint(net.tmp / "BJ2")
    run("clone", net.url, net.tmp / "BJ2", "--site", "BJ")
    file(first, "Lift")
    net.sync(first), net.sync(second)
    assert file(second, "Leak") == "BJ-20261120-002"
    warning = check_warnings(second)
    assert warning.startswith(f"{second.root / '2026/11/BJ-20261120-001.toml'}:1: warning: 2 clones filed under "
                              "site code BJ on 20261120 (desk ")
    assert warning.endswith("give each clone its own code with `plaint setup --site CODE`\n")


def test_sync_refuses_without_a_remote_and_with_a_merge_in_progress(book, net):
    assert "has no git remote to sync with" in book("sync", expect=2).stderr
    bj, sh = net.clone("BJ"), net.clone("SH")
    file(sh, "Leak"), file(bj, "Lift")
    net.sync(sh)
    git(bj.root, "fetch", "-q")
    git(bj.root, "-c", "user.name=BJ", "-c", "user.email=bj@example.com", "merge", "-q", "--no-commit",
        "--no-ff", "origin/master")
    assert "a merge is in progress" in net.sync(bj, expect=4).stderr
    (bj.root / ".git/plaint-sync-merge").write_text("1\n")  # a sync killed in the middle of its merge
    assert net.sync(bj).stdout == "sync: received 1 commit (merged), sent 2 commits\n"
    assert not (bj.root / ".git/plaint-sync-merge").exists()


def test_sync_refuses_to_merge_into_uncommitted_changes(net):
    bj, sh = net.clone("BJ"), net.clone("SH")
    file(sh, "Leak"), file(bj, "Lift")
    net.sync(sh)
    path = bj.root / "2026/11/BJ-20261120-001.toml"
    path.write_text(path.read_text().replace("Lift", "Lift!"))
    error = net.sync(bj, expect=4).stderr
    assert "uncommitted changes in" in error and "2026/11/BJ-20261120-001.toml" in error
    assert "Lift!" in path.read_text()


def test_sync_waits_for_the_book_lock(net):
    from plaint.book import Book
    bj = net.clone("BJ")
    with Book(bj.root).lock():
        process = subprocess.Popen([sys.executable, "-m", "plaint", "--book", str(bj.root), "sync"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.6)
        assert process.poll() is None
    assert process.wait(timeout=20) == 0


def test_setup_adds_the_attributes_to_an_older_book(net):
    hq = net.desks["HQ"]
    git(hq.root, "rm", "-q", ".gitattributes")
    git(hq.root, "-c", "user.name=HQ", "-c", "user.email=hq@example.com", "commit", "-qm", "an older book")
    git(hq.root, "config", "--unset", "merge.plaint.driver")
    out = hq("setup").stdout
    assert out == f"{hq.root}: record merge driver switched on; .gitattributes committed. Site code: HQ\n"
    assert git(hq.root, "log", "-1", "--format=%s") == "setup: merge records field by field"


def test_reports_cover_every_site_and_filter_by_one(net):
    bj, sh = net.clone("BJ"), net.clone("SH")
    file(bj, "Lift", now="2026-10-12 10:00"), file(sh, "Leak", now="2026-10-13 10:00")
    file(sh, "Noise", now="2026-10-14 10:00")
    hq = net.desks["HQ"]
    for desk in (bj, sh, hq):
        net.sync(desk)
    whole = json.loads(hq("report", "--month", "2026-10", "--format", "json", now="2026-11-20 10:00").stdout)
    assert whole["records"] == 3 and "site" not in whole
    one = json.loads(hq("report", "--month", "2026-10", "--site", "sh", "--format", "json",
                        now="2026-11-20 10:00").stdout)
    assert one["records"] == 2 and one["site"] == "SH"
    rows = json.loads(hq("overdue", "--format", "json", now="2026-11-20 10:00", expect=1).stdout)
    assert {r["id"][:2] for r in rows} == {"BJ", "SH"}
    only = json.loads(hq("overdue", "--site", "BJ", "--format", "json", now="2026-11-20 10:00", expect=1).stdout)
    assert {r["id"] for r in only} == {"BJ-20261012-001"}
    fast = subprocess.run([sys.executable, "-m", "plaint", "--book", str(hq.root), "--now", "2026-11-20 10:00",
                           "overdue", "--site", "BJ", "--format", "json"], capture_output=True, text=True)
    assert fast.returncode == 1 and json.loads(fast.stdout) == only
    assert "--site" in hq("overdue", "--site", "a/b", expect=2).stderr
