"""Benchmark: compute 100,000 deadlines on the CN calendar (not a test; prints the figures).

    .venv/bin/python bench/deadlines.py [N]

Runs the same random starts and durations twice: over three official years (2024-2026, from
the notices) and over three estimated years (2027-2029, from the statutory holidays), each on
a fresh calendar, cold (day cache empty) then warm.
"""

import random
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from plaint.calendars import load_calendar
from plaint.deadlines import due
from plaint.durations import parse_duration


def run(first_year: int, offsets, label: str) -> None:
    cal = load_calendar("cn")
    tz = ZoneInfo("Asia/Shanghai")
    base = datetime(first_year, 1, 1, tzinfo=tz)
    cases = [(base + timedelta(minutes=minutes), duration) for minutes, duration in offsets]
    for pass_name in ("cold", "warm"):
        provisional = 0
        began = time.perf_counter()
        for start, duration in cases:
            provisional += due(start, duration, cal).provisional
        elapsed = time.perf_counter() - began
        n = len(cases)
        print(f"{label} {pass_name}: {n} deadlines in {elapsed:.3f} s: {elapsed / n * 1e6:.2f} us per deadline "
              f"({provisional} provisional)")


def main(n: int = 100_000) -> None:
    rng = random.Random(7)
    durations = [parse_duration(d) for d in ("1wd", "3wd", "7wd", "2wh", "90wm", "same day", "3 days", "10m")]
    # starts in the first 2 years 11 months, so no deadline leaves the 3-year span
    offsets = [(rng.randrange(0, (3 * 365 - 30) * 1440), rng.choice(durations)) for _ in range(n)]
    run(2024, offsets, "official 2024-2026 ")
    run(2027, offsets, "estimated 2027-2029")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
