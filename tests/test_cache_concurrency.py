"""8 readers and 4 writers at once: no reader ever sees a stale or partial result through the cache."""

import json
import os
import subprocess
import sys
import time

from conftest import make_book

SECONDS = 3
NOW = "2026-11-25 10:00"

# Each writer owns one record and writes versions v0001, v0002, ... into its summary: two by
# os.replace (a new inode, as plaint writes), two in place keeping size and mtime (only ctime
# moves). After each write it publishes the version in a floor file. Pauses of up to 2.5 s let
# the record age past the racy window, so the cache holds it before the next change.
WRITER = r"""
import os, random, sys, time
path, floor, mode, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
rng = random.Random(path)
end = time.time() + seconds
version = 1
while time.time() < end:
    time.sleep(rng.uniform(0.0, 2.5) if rng.random() < 0.4 else rng.uniform(0.0, 0.05))
    text = open(path, encoding="utf-8").read()
    new = text.replace(f'summary = "v{version:04d}"', f'summary = "v{version + 1:04d}"')
    assert new != text
    if mode == "replace":
        temp = path + ".tmp"
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(new)
        os.replace(temp, path)
    else:
        before = os.stat(path)
        with open(path, "r+", encoding="utf-8") as handle:
            handle.write(new)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    version += 1
    with open(floor + ".tmp", "w") as handle:
        handle.write(str(version))
    os.replace(floor + ".tmp", floor)
"""

READER = r"""
import json, os, subprocess, sys, time
book, floors, total, seconds, index = sys.argv[1], sys.argv[2:6], int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
end = time.time() + seconds
runs = 0
while time.time() < end:
    low = {}
    for floor in floors:
        name = os.path.basename(floor)
        low[name] = int(open(floor).read()) if os.path.exists(floor) else 1
    command = ["list", "--format", "json"] if (runs + index) % 2 else ["overdue", "--format", "json"]
    done = subprocess.run([sys.executable, "-m", "plaint", "--book", book, "--now", "2026-11-25 10:00", *command],
                          capture_output=True, text=True)
    if done.stderr or done.returncode not in (0, 1):
        print("ERROR", command, done.returncode, done.stderr)
        break
    rows = json.loads(done.stdout)
    if command[0] == "list" and len(rows) != total:
        print("PARTIAL", len(rows), total)
    seen = {row["id"]: row["summary"] for row in rows}
    for name, version in low.items():
        shown = int(seen[name][1:])
        if shown < version:
            print("STALE", command[0], name, shown, "<", version)
    runs += 1
print("RUNS", runs)
"""


def test_readers_never_see_stale_or_partial_results(tmp_path):
    book = make_book(tmp_path)
    owned = []
    for day in range(1, 9):
        result = book("file", "--channel", "phone", "--summary", "v0001" if day <= 4 else f"other {day}", "--unit",
                      str(day), "--severity", "major", now=f"2026-11-{day + 4:02d} 10:00")
        if day <= 4:
            owned.append(result.stdout.strip())
    paths = {p.stem: str(p) for p in book.root.glob("20*/*/*.toml")}
    floors = [str(tmp_path / name) for name in owned]
    env = {**os.environ, "PLAINT_CACHE": str(tmp_path / "cache")}
    warm = subprocess.run([sys.executable, "-m", "plaint", "--book", str(book.root), "list"], env=env)
    assert warm.returncode == 0
    time.sleep(2.1)  # every file past the racy window: the cache holds them all before the writers start
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, paths[name], floor, mode, str(SECONDS)], env=env)
               for name, floor, mode in zip(owned, floors, ["replace", "replace", "in-place", "in-place"])]
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(book.root), *floors, "8", str(SECONDS), str(i)],
                                env=env, stdout=subprocess.PIPE, text=True) for i in range(8)]
    reports = [reader.communicate(timeout=120)[0] for reader in readers]
    assert all(writer.wait(timeout=60) == 0 for writer in writers)
    for report in reports:
        assert report.startswith("RUNS") and int(report.split()[1]) > 0, report
    final = subprocess.run([sys.executable, "-m", "plaint", "--book", str(book.root), "--now", NOW, "list",
                            "--format", "json"], env=env, capture_output=True, text=True)
    truth = {name: f"v{int(open(floor).read()) if os.path.exists(floor) else 1:04d}"
             for name, floor in zip(owned, floors)}
    assert {row["id"]: row["summary"] for row in json.loads(final.stdout) if row["id"] in truth} == truth
