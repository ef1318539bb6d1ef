"""Start-up of `plaint overdue` (empty book) and `plaint --help` against `python -c pass` (issue 17).

    .venv/bin/python bench/startup.py [PYTHON] [RUNS]

PYTHON is the interpreter of the install to time (default: this one); its `plaint` script sits beside
it. Uses hyperfine (`apt-get install -y hyperfine`); prints medians and ratios. Also times the same
overdue through Click, which is why the hand parser in commands/entry.py stays: `import click` alone
costs about 3x `python -c pass` here.

Note: where PYTHONDONTWRITEBYTECODE=1 and plaint is installed editable, every run compiles
plaint's sources again; `pip install .` compiles them once, as a user's install does.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile

python = sys.argv[1] if len(sys.argv) > 1 else sys.executable
runs = sys.argv[2] if len(sys.argv) > 2 else "20"
plaint = os.path.join(os.path.dirname(python), "plaint")
with tempfile.TemporaryDirectory() as tmp:
    book = os.path.join(tmp, "empty")
    subprocess.run([plaint, "init", book, "--template", "property"], check=True, capture_output=True)
    click_overdue = (f"{python} -c 'import sys; sys.argv = [\"plaint\", \"--book\", \"{book}\", \"overdue\", "
                     f"\"--clock\", \"resolve\"]; from plaint.commands.app import main; main()'")
    commands = [f"{python} -c pass", f"{plaint} --book {book} overdue", f"{plaint} --help", click_overdue,
                f"{python} -c 'import click'"]
    out = os.path.join(tmp, "times.json")
    subprocess.run(["hyperfine", "-N", "-w", "3", "-r", runs, "--export-json", out, *commands], check=True,
                   capture_output=True)
    with open(out) as handle:
        results = json.load(handle)["results"]
base = statistics.median(results[0]["times"])
names = ["python -c pass", "plaint overdue (empty book)", "plaint --help", "overdue through Click", "import click"]
for name, result in zip(names, results):
    median = statistics.median(result["times"])
    print(f"{name:30} {median * 1000:7.1f} ms  {median / base:4.1f}x")
