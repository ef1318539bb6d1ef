"""Time what the desk waits for: `plaint file` (with its git commit) and `plaint show`, on a copy
of the demo book made into its own git repository (the demo book itself sits inside this
project's repository, where plaint never commits).

    .venv/bin/python bench/desk_bench.py
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "records"


def timed(cmd, runs, env):
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def main() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@localhost", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@localhost")
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "book"
        shutil.copytree(DEMO, book)
        subprocess.run(["git", "init", "-q", str(book)], check=True)
        subprocess.run(["git", "-C", str(book), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(book), "commit", "-qm", "demo"], check=True, env=env)
        plaint = [sys.executable, "-m", "plaint", "--book", str(book), "--now", "2026-11-22 10:30", "--by", "Desk"]
        filing = timed(plaint + ["file", "--channel", "phone", "--summary", "Bench", "--unit", "1-1"], 20, env)
        show = timed(plaint + ["show", "1116-001"], 20, env)
        show_json = timed(plaint + ["show", "1116-001", "--format", "json"], 20, env)
        commits = subprocess.run(["git", "-C", str(book), "rev-list", "--count", "HEAD"], capture_output=True,
                                 text=True).stdout.strip()
    print(f"plaint file (with its commit): {filing:.1f} ms; plaint show: {show:.1f} ms; "
          f"show --format json: {show_json:.1f} ms  (median of 20; {commits} commits made)")


if __name__ == "__main__":
    main()
