"""The scale benchmark of issue 11: plaint's readers on books of 1,000 to 100,000 records, warm and
cold read cache, beside `cat` and a bare `tomllib` parse of the same files, and Taskwarrior.

    .venv/bin/python bench/scale_bench.py                    # 1,000, 10,000 and 100,000 records
    .venv/bin/python bench/scale_bench.py 10000 --runs 5     # other sizes, more runs
    .venv/bin/python bench/scale_bench.py 1000000 --cold-runs 0

Books are generated once into bench/out/book-N (bench/generate_book.py, git-ignored) and committed
to a git repository there, as a real book is. Each command runs `--runs` times with a warm cache
(median wall time) and `--cold-runs` times with no cache (the cache file removed first: the
first run after a clone), and as often with `--no-cache` (every file parsed: what every run
cost before the cache). The cache lives in bench/out/cache-N (PLAINT_CACHE), never in ~/.cache.
Peak memory is the largest resident size of the command or any process it waited for
(getrusage of the children, measured in a small wrapper so each command is measured alone).
Taskwarrior (`task`, Debian's `taskwarrior`) is timed on the same number of tasks, as many
pending as the book has cases still open, when it is installed and N is at most 100,000.
Not a test: the figures go in notes/issue-11.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
NOW = "2026-11-22 10:00"
MONTH = "2026-10"

# Runs one command and prints its wall time and the peak resident size of it and its children.
WRAP = r"""
import resource, subprocess, sys, time
began = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
took = time.perf_counter() - began
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)
"""
PARSE = r"""
import os, sys, tomllib
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".toml") and folder != sys.argv[1]:
            with open(os.path.join(folder, name), "rb") as handle:
                tomllib.load(handle)
"""
CAT = "find {root} -mindepth 3 -name '*.toml' -print0 | xargs -0 cat > /dev/null"


def measure(cmd: list[str], env: dict) -> tuple[float, int, int]:
    """(seconds, peak KB, exit code) of one run."""
    out = subprocess.run([sys.executable, "-c", WRAP, *cmd], capture_output=True, text=True, env=env, check=True)
    took, peak, code = out.stdout.split()
    return float(took), int(peak), int(code)


def median_of(cmd: list[str], env: dict, runs: int, before=None) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        took, peak, _ = measure(cmd, env)
        times.append(took)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def book_of(n: int) -> Path:
    """bench/out/book-N, generated and committed once (generate_book.py --git: the direct rendering,
    ~1 minute for 100,000 records and ~10 for 1,000,000; the same files as the tomlkit path)."""
    root = OUT / f"book-{n}"
    if not (root / "plaint.toml").exists():
        shutil.rmtree(root, ignore_errors=True)
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "generate_book.py"), str(root), str(n), "--git"], check=True)
    top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():  # made before --git
        git = ["git", "-C", str(root), "-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-q", "-m", "generated"], check=True)
    return root


def one_id(root: Path) -> str:
    last = sorted(root.glob("20*/*"))[-1]
    return sorted(last.glob("*.toml"))[-1].stem


TASK_MAX = 100_000  # importing a million tasks into Taskwarrior is not cheap: left out above this


def taskwarrior(n: int, pending: int, runs: int) -> float | None:
    """`task +OVERDUE count` over n tasks, `pending` of them pending (half of those overdue)."""
    task = shutil.which("task")
    if task is None or n > TASK_MAX:
        return None
    data = OUT / f"task-{n}"
    rc = OUT / f"task-{n}.rc"
    env = {**os.environ, "TASKDATA": str(data), "TASKRC": str(rc)}
    if not (data / "done").exists():
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\n")
        tasks = []
        for i in range(n):
            due = f"2026{(i % 12) + 1:02d}{(i % 28) + 1:02d}T100000Z" if i >= pending // 2 else "20261101T100000Z"
            status = "pending" if i < pending else "completed"
            task_json = {"description": f"complaint {i}", "status": status, "entry": "20250101T000000Z",
                         "due": due, "uuid": f"00000000-0000-4000-8000-{i:012d}"}
            if status == "completed":
                task_json["end"] = "20250201T000000Z"
            tasks.append(task_json)
        (OUT / f"task-{n}.json").write_text("\n".join(json.dumps(t) for t in tasks))
        subprocess.run([task, "import", str(OUT / f"task-{n}.json")], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        (data / "done").write_text("")
    return median_of([task, "rc.gc=off", "+OVERDUE", "count"], env, runs)[0]


def bench(n: int, runs: int, cold_runs: int, rows: list, notes: list, only: list | None = None) -> None:
    root = book_of(n)
    cache = OUT / f"cache-{n}"
    env = {**os.environ, "PLAINT_CACHE": str(cache)}
    plaint = [sys.executable, "-m", "plaint", "--book", str(root), "--now", NOW]
    commands = {"overdue": ["overdue"], "overdue --format json": ["overdue", "--format", "json"],
                "report --month": ["report", "--month", MONTH, "--format", "json"],
                "list --format json": ["list", "--format", "json"], "show ID": ["show", one_id(root)],
                "check": ["check"]}
    if only:  # --only overdue,report: the commands whose label starts so
        commands = {label: args for label, args in commands.items() if any(label.startswith(o) for o in only)}
    cat = median_of(["sh", "-c", CAT.format(root=root)], env, runs)[0]
    parse = median_of([sys.executable, "-c", PARSE, str(root)], env, max(1, runs // 2))[0]
    open_cases = sum(1 for p in root.glob("20*/*/*.toml") if 'status = "revisited"' not in p.read_text())
    task = taskwarrior(n, open_cases, runs)
    notes.append(f"N={n:,}: cat {cat:.2f} s, bare tomllib parse {parse:.2f} s, open cases {open_cases:,}"
                 + (f", Taskwarrior `task +OVERDUE count` {task:.2f} s" if task is not None else
                    ", Taskwarrior not run" + (f" (over {TASK_MAX:,} tasks)" if n > TASK_MAX else " (not installed)")))

    def drop():
        shutil.rmtree(cache, ignore_errors=True)

    for label, args in commands.items():
        bare = median_of(plaint + args + ["--no-cache"], env, cold_runs)[0] if cold_runs else None
        cold, cold_peak = median_of(plaint + args, env, cold_runs, before=drop) if cold_runs else (None, None)
        measure(plaint + args, env)  # fills the cache when no cold run did
        warm, warm_peak = median_of(plaint + args, env, runs)
        rows.append((n, label, warm, cold, bare, warm / cat, (cold / parse) if cold else None,
                     warm_peak, cold_peak, (warm / task) if task and label.startswith("overdue") else None))


def table(rows: list) -> str:
    def cell(value, fmt):
        return "—" if value is None else format(value, fmt)
    lines = ["| records | command | warm s | cold s | --no-cache s | warm / cat | cold / tomllib | peak MB warm "
             "| peak MB cold | warm / Taskwarrior |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, label, warm, cold, bare, to_cat, to_parse, warm_peak, cold_peak, to_task in rows:
        lines.append(f"| {n:,} | `{label}` | {warm:.2f} | {cell(cold, '.2f')} | {cell(bare, '.2f')} | {to_cat:.2f}× | "
                     f"{cell(to_parse, '.2f')}{'×' if to_parse else ''} | {warm_peak / 1024:.0f} | "
                     f"{cell(cold_peak and cold_peak / 1024, '.0f')} | {cell(to_task, '.2f')}{'×' if to_task else ''} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=3, help="warm runs per command (median)")
    parser.add_argument("--cold-runs", type=int, default=1, help="cold runs per command (median; 0: none)")
    parser.add_argument("--only", help="commands to run, by label prefix, comma-separated (overdue,report)")
    options = parser.parse_args()
    env = dict(os.environ)
    # As pip installs it: compiled. (With PYTHONDONTWRITEBYTECODE set, as on some machines, every run
    # would otherwise compile the modules changed since the last compile: tens of milliseconds each.)
    import plaint
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.dirname(plaint.__file__)], check=True)
    baseline = median_of([sys.executable, "-c", "pass"], env, 10)[0]
    empty = OUT / "book-empty"
    if not (empty / "plaint.toml").exists():
        subprocess.run([sys.executable, "-m", "plaint", "init", str(empty), "--template", "property"], check=True,
                       stdout=subprocess.DEVNULL)
    startup = median_of([sys.executable, "-m", "plaint", "--book", str(empty), "--now", NOW, "overdue"], env, 10)[0]
    rows, notes = [], [f"python -c pass {baseline * 1000:.0f} ms; empty-book overdue {startup * 1000:.0f} ms "
                       f"({startup / baseline:.2f}×)", f"load average at start {os.getloadavg()[0]:.2f}"]
    for n in options.sizes:
        bench(n, options.runs, options.cold_runs, rows, notes, options.only and options.only.split(","))
        print(f"done N={n:,} (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
    print(table(rows))
    print()
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
