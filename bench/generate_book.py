"""Generate a book of N realistic property-management records for benchmarks.

    .venv/bin/python bench/generate_book.py DIR N [--seed 11] [--git] [--slow]

Records are spread over two years (2025-01 to 2026-11), in every state, in the canonical layout the
commands write. Two renderings of the same records, byte for byte the same files for the same seed
(tests/test_generate_book.py): `--slow` goes through plaint.records (tomlkit, as `plaint` itself
writes: ~20 ms a record, 33 minutes for 100,000); the default renders the canonical text directly
(with `--git`, niced on the 2 shared cores: 100,000 in 43 s, 1,000,000 in 9 min, 4.4 GB of files and a
377 MB pack). `--git` also makes DIR a git work tree with everything in one commit, through
`git fast-import` as the files are written (one pack, no loose objects), then the index is read
from that commit and refreshed (so `git status` is clean and quick); without it nothing but files.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from plaint.records import TOP_KEYS, Change, apply_change, new_record_text
from plaint.setup import create_book

TZ = ZoneInfo("Asia/Shanghai")
SUMMARIES = ["Radiator cold", "Lift stuck between floors", "Charged twice for parking", "Noise after 22:00",
             "Water leaking through ceiling", "Guard rude at the gate", "Corridor lights out", "Bins not emptied",
             "Cracks in the wall", "Garage door broken", "Fee notice not posted", "Dog mess on the lawn"]
CATEGORIES = ["property_services", "fees", "community", "emergency", "neighbours", "building_quality",
              "facilities", "attitude"]
CHANNELS = ["phone", "in_person", "proxy", "letter", "suggestion_box"]
DEPARTMENTS = ["Engineering", "Finance", "Security", "Cleaning", "Customer service"]
HANDLERS = ["Wang Qiang", "Zhao Lei", "Qian Li", "Zhou Jun", "Sun Mei", "Li Na"]


def plans(n: int, seed: int = 11):
    """Each record as (folder, record id, top, complainant, received, by, [(at, step) taken]), the random
    draws in one fixed order (the order the books in bench/out were made with)."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 8, 0, tzinfo=TZ)
    span = (datetime(2026, 11, 20, tzinfo=TZ) - start).total_seconds()
    counters: dict[str, int] = {}
    for index in range(n):
        received = start + timedelta(seconds=int(span * index / n) + rng.randrange(0, 3600))
        received = received.replace(second=0)
        day = f"{received:%Y%m%d}"
        counters[day] = counters.get(day, 0) + 1
        record_id = f"BM-{day}-{counters[day]:03d}"
        by = rng.choice(HANDLERS)
        severity = rng.choices(["minor", "important", "major"], [70, 25, 5])[0]
        validity = rng.choices(["valid", "help", "inquiry", "venting", "invalid"], [60, 10, 15, 10, 5])[0]
        top = {"schema": 1, "id": record_id, "status": "received", "received": received, "received_by": by,
               "channel": rng.choice(CHANNELS), "summary": rng.choice(SUMMARIES),
               "details": "Resident reported the problem.\nDuty officer visited.", "unit": f"{rng.randrange(1, 12)}-"
               f"{rng.randrange(1, 6)}-{rng.randrange(101, 1801)}", "severity": "", "validity": "", "category": "",
               "handler": "", "department": ""}
        complainant = {"name": "Resident", "contact": f"13{rng.randrange(0, 10**9):09d}"}
        age_days = (datetime(2026, 11, 22, tzinfo=TZ) - received).days
        stage = 6 if age_days > 30 and rng.random() < 0.93 else rng.randrange(0, 7)
        now = received
        steps = [
            Change("classify", top={"validity": validity, "severity": severity, "category": rng.choice(CATEGORIES)}),
            Change("assign", top={"handler": rng.choice(HANDLERS), "department": rng.choice(DEPARTMENTS),
                                  "status": "assigned"}, times={"routed": None, "assigned": None}),
            Change("reply", top={"status": "answered"}, tables={"reply": {"text": "Explained and fixed",
                                                                          "method": "phone"}}, times={"replied": None}),
            Change("close", top={"status": "closed"}, tables={"closing": {
                "resolution": "Fixed", "cause": rng.choice(["Worn part", "Staff error", "No notice", "Design fault"]),
                "responsible": rng.choice(DEPARTMENTS)}}, times={"closed": None}),
            Change("revisit", top={"status": "revisited"}, tables={"revisit": {
                "method": "phone", "satisfied": rng.random() < 0.85}}, times={"revisited": None}),
        ]
        taken = []
        for change in steps[:min(stage, 5)]:
            now = now + timedelta(minutes=rng.randrange(5, 60 * 30))
            taken.append((now, Change(change.action, top=change.top, tables=change.tables,  # built whole
                                      times={key: now for key in change.times})))
        yield f"{received:%Y}/{received:%m}", record_id, top, complainant, received, by, taken


def slow_text(top: dict, complainant: dict, received: datetime, by: str, taken: list) -> str:
    """Through plaint.records, as the commands write a record and then change it step by step."""
    text = new_record_text(top, complainant, {"received": received}, {"at": received, "by": by, "action": "file"})
    for at, change in taken:
        text = apply_change(text, change, {"at": at, "by": by, "action": change.action})
    return text


def _toml(value) -> str:
    """A value as tomlkit writes it, for the values generated here (the test compares with tomlkit)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if "\n" in value:
        return f'"""{value}"""'
    return f'"{value}"'


def fast_text(top: dict, complainant: dict, received: datetime, by: str, taken: list) -> str:
    """The same text as `slow_text`, written out directly: the current state first (the keys in
    TOP_KEYS order), [complainant], [times], each step's table in the order first set, then
    [[history]] last."""
    top = dict(top)
    times = {"received": received}
    tables: dict[str, dict] = {}
    history = [(received, "file")]
    for at, change in taken:
        top.update(change.top)
        times.update(change.times)
        for name, values in change.tables.items():
            tables.setdefault(name, {}).update(values)
        history.append((at, change.action))
    lines = [f"{key} = {_toml(top[key])}" for key in TOP_KEYS if key in top]
    for name, values in (("complainant", complainant), ("times", times), *tables.items()):
        lines.append(f"\n[{name}]")
        lines.extend(f"{key} = {_toml(value)}" for key, value in values.items())
    lines.append("")
    for at, action in history:
        lines.append(f'[[history]]\nat = {at.isoformat()}\nby = {_toml(by)}\naction = "{action}"')
    return "\n".join(lines) + "\n"


def _git(root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Bench", "-c", "user.email=bench@example.com",
                           *args], check=True, **kwargs)


def _import_stream(root: Path):
    """A `git fast-import` child with one commit of everything under way (on top of HEAD if there is
    one), to be fed with `M 100644 inline PATH` entries."""
    top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():  # its own repository
        _git(root, "init", "-q")
    branch = _git(root, "symbolic-ref", "HEAD", capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "-q", "--verify", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    child = subprocess.Popen(["git", "-C", str(root), "fast-import", "--quiet"], stdin=subprocess.PIPE)
    message = b"generated\n"
    child.stdin.write(b"commit %s\ncommitter Bench <bench@example.com> %d +0000\ndata %d\n%s"
                      % (branch.encode(), int(time.time()), len(message), message))
    if head:
        child.stdin.write(b"from %s\n" % head.encode())
    return child


def _add(child, path: str, data: bytes) -> None:
    child.stdin.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))


def _finish(root: Path, child) -> None:
    child.stdin.write(b"done\n")
    child.stdin.close()
    if child.wait() != 0:
        raise SystemExit("git fast-import failed")
    _git(root, "read-tree", "HEAD")  # the index from the commit, then its stat data from the files
    time.sleep(1.1)  # no file as new as the index (racily clean entries would be hashed on every status)
    _git(root, "update-index", "-q", "--refresh")


def build(root: Path, n: int, seed: int = 11, slow: bool = False, git: bool = False) -> None:
    root = Path(root)
    create_book(root, "property", site="BM")
    render = slow_text if slow else fast_text
    child = _import_stream(root) if git else None
    if child:
        for name in ("plaint.toml", ".gitignore", ".gitattributes"):
            _add(child, name, (root / name).read_bytes())
    made: set[str] = set()
    for folder, record_id, top, complainant, received, by, taken in plans(n, seed):
        if folder not in made:
            os.makedirs(root / folder, exist_ok=True)
            made.add(folder)
        data = render(top, complainant, received, by, taken).encode("utf-8")
        path = f"{folder}/{record_id}.toml"
        with open(root / path, "wb") as handle:
            handle.write(data)
        if child:
            _add(child, path, data)
    if child:
        _finish(root, child)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--slow", action="store_true", help="render through plaint.records (tomlkit)")
    parser.add_argument("--git", action="store_true", help="commit everything, through git fast-import")
    options = parser.parse_args()
    build(options.root, options.n, options.seed, options.slow, options.git)


if __name__ == "__main__":
    sys.exit(main())
