"""Benchmark `plaint overdue` (and `plaint report`) against `cat` of the same files.

    .venv/bin/python bench/overdue_bench.py            # N = 1,000 and 10,000
    .venv/bin/python bench/overdue_bench.py 500        # other sizes

Books are generated once into bench/out/ (git-ignored) by bench/generate_book.py. Each command
runs several times; the median wall time is printed. Not a test: figures go in notes.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAINT = [sys.executable, "-m", "plaint"]
NOW = "2026-11-22 10:00"


def timed(cmd: list[str], runs: int, **kwargs) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def book_of(n: int) -> Path:
    root = HERE / "out" / f"book-{n}"
    if not (root / "plaint.toml").exists():
        shutil.rmtree(root, ignore_errors=True)
        root.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "generate_book.py"), str(root), str(n)], check=True)
    return root


def main(sizes: list[int]) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": ""}
    env.pop("PYTHONDONTWRITEBYTECODE")
    baseline = timed([sys.executable, "-c", "pass"], 20, env=env)
    empty = HERE / "out" / "book-empty"
    if not (empty / "plaint.toml").exists():
        subprocess.run(PLAINT + ["init", str(empty), "--template", "property"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    startup = timed(PLAINT + ["--book", str(empty), "--now", NOW, "overdue"], 20, env=env)
    print(f"python -c pass: {baseline * 1000:.1f} ms; plaint overdue on an empty book: {startup * 1000:.1f} ms "
          f"({startup / baseline:.2f}x)")
    for n in sizes:
        root = book_of(n)
        files = [str(p) for p in sorted(root.glob("20*/*/*.toml"))]
        cat = timed(["sh", "-c", f"cat {root}/20*/*/*.toml > /dev/null"], 5, env=env)
        overdue = timed(PLAINT + ["--book", str(root), "--now", NOW, "overdue", "--format", "json"], 5, env=env)
        report = timed(PLAINT + ["--book", str(root), "--now", NOW, "report", "--format", "json"], 3, env=env)
        print(f"N={n:>6} ({len(files)} files): cat {cat * 1000:7.1f} ms | overdue {overdue * 1000:7.1f} ms "
              f"({overdue / cat:5.1f}x cat) | report {report * 1000:7.1f} ms")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
