"""Start-up of `plaint overdue` (empty book) and `plaint --help` against `python -c pass` (issue 17).

    .venv/bin/python bench/startup.py [RUNS] [PYTHON ...]

Each PYTHON is the interpreter of an install to time (default: this one); its `plaint` script sits
beside it. Every command of every install is run once per round, interleaved, so a busy machine
slows them alike; printed per command: the median wall time (and the fastest run) and the median
CPU time of the process (user + system, which waiting for a core does not inflate), each against
that install's `python -c pass`. Also timed: the same `overdue` through Click, which is why the hand
parser in commands/entry.py stays (`import click` alone costs about 3x `python -c pass`).

Where PYTHONDONTWRITEBYTECODE=1 and plaint is installed editable, every run compiles plaint's
sources again; `pip install .` writes the bytecode once, as a user's install does.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
pythons = sys.argv[2:] or [sys.executable]


def commands(python: str, book: str) -> dict:
    plaint = os.path.join(os.path.dirname(python), "plaint")
    click_overdue = ("import sys; sys.argv = ['plaint', '--book', sys.argv[1], 'overdue', '--clock', 'resolve']; "
                     "from plaint.commands.app import main; main()")
    return {"python -c pass": [python, "-c", "pass"],
            "plaint overdue (empty book)": [plaint, "--book", book, "overdue"],
            "plaint --help": [plaint, "--help"],
            "overdue through Click": [python, "-c", click_overdue, book],
            "import click": [python, "-c", "import click"]}


def run(argv: list[str]) -> tuple[float, float]:
    """Wall time and the child's CPU time (user + system): on a busy machine the CPU time barely
    moves while the wall time waits for a core."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


with tempfile.TemporaryDirectory() as tmp:
    book = os.path.join(tmp, "empty")
    subprocess.run([os.path.join(os.path.dirname(pythons[0]), "plaint"), "init", book, "--template", "property"],
                   check=True, capture_output=True)
    table = {python: commands(python, book) for python in pythons}
    times = {(python, name): [] for python in pythons for name in table[python]}
    for round_number in range(runs + 2):
        for python in pythons:
            for name, argv in table[python].items():
                took = run(argv)
                if round_number >= 2:  # two warm-up rounds
                    times[(python, name)].append(took)
with open("/proc/loadavg") as handle:
    load = handle.read().split()[:3]
print(f"{runs} interleaved runs each; load average after: {' '.join(load)}")
for python in pythons:
    print(f"== {python}")
    wall = {name: [w for w, _cpu in times[(python, name)]] for name in table[python]}
    cpu = {name: [c for _w, c in times[(python, name)]] for name in table[python]}
    base, cpu_base = statistics.median(wall["python -c pass"]), statistics.median(cpu["python -c pass"])
    for name in table[python]:
        median, cpu_median = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"  {name:28} wall median {median * 1000:6.1f} ms (fastest {min(wall[name]) * 1000:6.1f}) "
              f"{median / base:4.1f}x | cpu median {cpu_median * 1000:6.1f} ms {cpu_median / cpu_base:4.1f}x")
