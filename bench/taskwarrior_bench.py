"""plaint overdue beside Taskwarrior, interleaved in one run: the count against the count, the listing
against the listing.

    PYTHONPATH=cli .venv/bin/python bench/taskwarrior_bench.py [N] [--runs 6]

N (default 100000) names `bench/out/book-N` and `bench/out/task-N` (made by scale_bench.py; never
made here). Each round runs, in turn:

    plaint overdue --count           (prints one number: apples to apples with `task +OVERDUE count`)
    plaint overdue > /dev/null       (the table: every overdue clock row)
    task rc.gc=off +OVERDUE count
    task rc.gc=off +OVERDUE list > /dev/null

with `--now "2026-11-22 10:00"`, the read cache in $PLAINT_CACHE (default /tmp/speed-cache; warmed
once first), each timed by `/usr/bin/time -f "%e s %U u %S s %M KB"`. Prints per-command medians of
wall and user+sys, peak memory, the outputs of the two counts and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
NOW = "2026-11-22 10:00"
TIME = ["/usr/bin/time", "-f", "%e s %U u %S s %M KB"]


def commands(n: int) -> dict[str, tuple[list[str], dict]]:
    plaint = str(Path(sys.executable).with_name("plaint"))
    book = ["--book", str(OUT / f"book-{n}"), "--now", NOW, "overdue"]
    cache = {**os.environ, "PLAINT_CACHE": os.environ.get("PLAINT_CACHE", "/tmp/speed-cache")}
    task = shutil.which("task")
    found = {"plaint overdue --count": ([plaint, *book, "--count"], cache),
             "plaint overdue (table)": ([plaint, *book], cache)}
    if task:
        env = {**os.environ, "TASKDATA": str(OUT / f"task-{n}"), "TASKRC": str(OUT / f"task-{n}.rc")}
        found["task +OVERDUE count"] = ([task, "rc.gc=off", "+OVERDUE", "count"], env)
        found["task +OVERDUE list"] = ([task, "rc.gc=off", "+OVERDUE", "list"], env)
    return found


def timed(argv: list[str], env: dict) -> tuple[float, float, int, str]:
    """Wall s, user+sys s, peak KB, and the count printed (a listing goes to /dev/null)."""
    listing = "--count" not in argv and "count" not in argv
    done = subprocess.run(TIME + argv, env=env, stdout=subprocess.DEVNULL if listing else subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}\n{done.stderr}")
    wall, _, user, _, system, _, peak, _ = done.stderr.strip().splitlines()[-1].split()
    first = done.stdout.splitlines()[0] if done.stdout else ""  # None for a listing
    return float(wall), float(user) + float(system), int(peak), first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args()
    found = commands(args.n)
    timed(*found["plaint overdue --count"])  # warm the cache (a cold pass is scale_bench's business)
    print(f"load average before: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    results: dict[str, list] = {name: [] for name in found}
    for _ in range(args.runs):
        for name, (argv, env) in found.items():  # interleaved: every command meets the same load
            results[name].append(timed(argv, env))
    print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print(f"\n{args.n:,} records/tasks, {args.runs} runs each, interleaved, --now {NOW!r}\n")
    print("| command | wall median s (range) | user+sys median s | peak MB | prints |")
    print("|---|---:|---:|---:|---|")
    for name, runs in results.items():
        walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
        shown = runs[0][3] if "count" in name else "(listing)"
        print(f"| `{name}` | {statistics.median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f}) | "
              f"{statistics.median(cpus):.2f} | {max(r[2] for r in runs) / 1024:.0f} | {shown} |")


if __name__ == "__main__":
    main()
