"""Start-up of `plaint overdue` (empty book) and `plaint --help` against `python -c pass` (issue 17).

    .venv/bin/python bench/startup.py [RUNS] [PYTHON ...]

Each PYTHON is the interpreter of an install to time (default: this one); its `plaint` script sits
beside it. Every command of every install is run once per round, interleaved, so a busy machine
slows them alike; printed are the median and the fastest run, and each median against that
install's `python -c pass`. Also timed: the same `overdue` through Click, which is why the hand
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


def run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


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
    base = statistics.median(times[(python, "python -c pass")])
    for name in table[python]:
        median = statistics.median(times[(python, name)])
        print(f"  {name:30} median {median * 1000:6.1f} ms  fastest {min(times[(python, name)]) * 1000:6.1f} ms"
              f"  {median / base:4.1f}x")
