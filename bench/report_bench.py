"""Time the monthly pack on generated books.

    .venv/bin/python bench/report_bench.py [DIR] [N ...]     (default: /tmp/plaint-report-bench 10000 100000)

For each N, builds DIR/bN with bench/generate_book.py once (kept for later runs), then times
`plaint report --month 2026-11 --format html --months 12` and, for comparison, the plain
`--format json` report of one month, each as a fresh process (what cron pays), best of 2.
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAINT = [sys.executable, "-m", "plaint"]
NOW = "2026-11-22 10:00"


def ensure_book(folder: Path, n: int) -> None:
    if (folder / "plaint.toml").exists():
        return
    subprocess.run([sys.executable, str(HERE / "generate_book.py"), str(folder), str(n)], check=True)


def timed(args: list[str], runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main(root: Path, sizes: list[int]) -> None:
    for n in sizes:
        book = root / f"b{n}"
        ensure_book(book, n)
        base = PLAINT + ["--book", str(book), "--now", NOW, "report", "--month", "2026-11"]
        out = root / f"pack-{n}.html"
        html = timed(base + ["--format", "html", "--months", "12", "--output", str(out)])
        plain = timed(base + ["--format", "json"])
        print(f"{n:>7} records: html --months 12 {html:7.2f} s ({out.stat().st_size} bytes); "
              f"json, one month {plain:7.2f} s", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/plaint-report-bench"),
         [int(a) for a in sys.argv[2:]] or [10000, 100000])
