"""Time `plaint sync` on a shared book of 10,000 records with 100 new changes on each of two desks.

    .venv/bin/python bench/sync_bench.py [N_RECORDS] [CHANGES_PER_SIDE]

A central bare repository holds the book (bench/generate_book.py, one commit); desks BJ and SH
clone it with `plaint clone`. Each desk then makes its changes, one commit each, as people would:
10% new filings, 30% classifications of the same cases on both desks (each a concurrent change of
the same fields, so git runs the record merge driver on each of those files and the merge writes
`merge` entries), 30% notes and 30% assignments on cases only that desk touches. Timed, each as the
real command (`python -m plaint --book DESK sync`, wall time):
  1. BJ syncs first: it only pushes (the remote has not moved);
  2. SH syncs: fetch, a merge commit with the driver on every case both desks changed, push;
  3. BJ syncs again: a fast-forward;
  4. a sync with nothing to do (median of 5): what cron costs every few minutes.
Afterwards both clones must be identical; the script says so, or fails.
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_book import build  # noqa: E402

from click.testing import CliRunner  # noqa: E402

from plaint.commands.app import main as plaint_main  # noqa: E402
from plaint.records import is_open  # noqa: E402

START = datetime(2026, 11, 23, 10, 0)

def git(root, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def plaint(*args) -> int:
    result = CliRunner().invoke(plaint_main, [str(a) for a in args])
    return result.exit_code


def timed_sync(root: Path, env: dict) -> tuple[float, str]:
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "plaint", "--book", str(root), "--by", "Bench", "sync"],
                            capture_output=True, text=True, env=env)
    took = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"sync failed ({result.returncode}): {result.stderr}")
    return took, result.stdout.strip()


def changes(desk: Path, site: str, ids: list[str], shared: list[str], count: int, rng: random.Random) -> int:
    """`count` committed changes on one desk; returns how many commits were made."""
    own = [i for i in ids if i not in set(shared)][site == "SH"::2]  # each desk its own open cases
    rng.shuffle(own)
    made, step = 0, 0

    def run(*args) -> bool:
        nonlocal made, step
        step += 1
        # The desks take turns: SH's change of a case both desks change is the later one.
        now = (START + timedelta(minutes=2 * step + (site == "SH"))).strftime("%Y-%m-%d %H:%M")
        ok = plaint("--book", desk, "--by", f"Clerk {site}", "--now", now, *args) == 0
        made += ok
        return ok

    severities = ("minor", "important", "major")
    for n in range(count // 10):
        run("file", "--channel", "phone", "--summary", f"{site} new {n}", "--unit", f"{n}-1-101")
    for n, record_id in enumerate(shared[: count * 3 // 10]):
        run("classify", record_id, "--severity", severities[(n + (site == "SH")) % 3])
    for n in range(count * 3 // 10):
        run("note", own.pop(), "--text", f"{site} called back {n}")
    while made < count and own:
        run("assign", own.pop(), "--handler", f"{site} handler", "--department", "Engineering")
    return made


def main() -> None:
    n_records = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    per_side = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLAINT_")}
    for key, value in (("GIT_AUTHOR_NAME", "bench"), ("GIT_AUTHOR_EMAIL", "bench@localhost"),
                       ("GIT_COMMITTER_NAME", "bench"), ("GIT_COMMITTER_EMAIL", "bench@localhost")):
        env[key] = os.environ[key] = value
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        url = str(tmp / "central.git")
        subprocess.run(["git", "init", "-q", "--bare", url], check=True)
        hq = tmp / "HQ"
        build(hq, n_records)
        git(hq, "add", "-A")
        git(hq, "commit", "-qm", f"{n_records} records")
        git(hq, "remote", "add", "origin", url)
        assert plaint("--book", hq, "setup", "--site", "HQ") == 0
        assert plaint("--book", hq, "sync") == 0
        desks = {}
        for site in ("BJ", "SH"):
            assert plaint("clone", url, tmp / site, "--site", site) == 0
            desks[site] = tmp / site
        ids = sorted(p.stem for p in hq.glob("20*/*/*.toml")
                     if is_open(tomllib.loads(p.read_text(encoding="utf-8"))))
        shared = rng.sample(ids, per_side * 3 // 10)
        made = {site: changes(root, site, ids, shared, per_side, rng) for site, root in desks.items()}
        first, said_first = timed_sync(desks["BJ"], env)
        second, said_second = timed_sync(desks["SH"], env)
        third, said_third = timed_sync(desks["BJ"], env)
        idle = statistics.median(timed_sync(desks["BJ"], env)[0] for _ in range(5))
        same = git(desks["BJ"], "rev-parse", "HEAD") == git(desks["SH"], "rev-parse", "HEAD")
        merges = sum(Path(desks["SH"], p).read_text().count('action = "merge"')
                     for p in git(desks["SH"], "diff", "--name-only", "HEAD~1", "HEAD").split())
        if not same or git(desks["SH"], "status", "--porcelain"):
            raise SystemExit("the desks did not converge")
    print(f"{n_records} records ({len(ids)} open); changes committed: BJ {made['BJ']}, SH {made['SH']} "
          f"({len(shared)} cases classified on both desks)")
    print(f"1. BJ sync, push only:                 {first:6.2f} s  ({said_first})")
    print(f"2. SH sync, fetch + merge + push:      {second:6.2f} s  ({said_second}; {merges} merge entries)")
    print(f"3. BJ sync, fast-forward:              {third:6.2f} s  ({said_third})")
    print(f"4. sync with nothing to do (median 5): {idle:6.2f} s")


if __name__ == "__main__":
    main()
