"""Benchmark: compute 100,000 deadlines on the CN calendar (not a test; prints the figure).

    .venv/bin/python bench/deadlines.py [N]
"""

import random
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from plaint.calendars import load_calendar
from plaint.deadlines import due
from plaint.durations import parse_duration


def main(n: int = 100_000) -> None:
    cal = load_calendar("cn")
    tz = ZoneInfo("Asia/Shanghai")
    rng = random.Random(7)
    base = datetime(2024, 1, 1, tzinfo=tz)
    durations = [parse_duration(d) for d in ("1wd", "3wd", "7wd", "2wh", "90wm", "same day", "3 days", "10m")]
    cases = [(base + timedelta(minutes=rng.randrange(0, 3 * 365 * 1440)), rng.choice(durations)) for _ in range(n)]
    for label in ("cold (calendar cache empty)", "warm"):
        began = time.perf_counter()
        for start, duration in cases:
            due(start, duration, cal)
        elapsed = time.perf_counter() - began
        print(f"{label}: {n} deadlines in {elapsed:.3f} s: {elapsed / n * 1e6:.2f} us per deadline")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
