"""The chaos kit's long run (issue #10): kill -9 at random moments, then many commands at once,
then check that the book is still an audit trail.

    .venv/bin/python bench/stress.py [--kills 300] [--commands 500] [--workers 16] [--seed 1] [--keep]

Phase 1 runs write commands one at a time and sends each a SIGKILL at a random moment of its
run (half to the process, half to its whole process group, as a power cut or the OOM killer would: git dies too).
Phase 2 runs mixed reading and writing commands from --workers threads at once. Then one more
write lets plaint recover, and the script asserts:
  - every record parses and passes the record schema;
  - `git status` is clean: every record change on disk is committed;
  - every commit that touches a record adds exactly one [[history]] entry (or none, for an
    `edit ... (by hand)`), and its subject names that entry's action: nothing folded, nothing
    misattributed;
  - no duplicates: a `file` that exited 0 made exactly one record, one that failed made none,
    a killed one at most one;
  - `git fsck --full` and `plaint check` are clean; no command ever exited 70 or printed a traceback.
Exits 1 (with the failures listed) if any assertion fails.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections import Counter
from pathlib import Path

NOW = "2026-06-15 10:00"
ACTIONS = {"file", "classify", "assign", "reply", "close", "revisit", "reopen", "note"}


class Run:
    def __init__(self, root: Path, seed: int):
        self.root = root
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.ids: list[str] = []
        self.files: dict[str, str] = {}  # token -> "ok" | "failed" | "killed"
        self.codes: Counter = Counter()
        self.tracebacks: list[str] = []
        self.kills = Counter()
        self.leftovers = Counter()
        self.errors: dict[str, str] = {}
        self.env = {**os.environ, "PLAINT_BOOK": str(root), "PLAINT_NOW": NOW, "PLAINT_USER": "Stress"}
        self.serial = 0

    def command(self, writes_only: bool) -> tuple[list[str], str | None]:
        with self.lock:
            self.serial += 1
            token = f"T{self.serial:05d}"
            case = self.rng.choice(self.ids) if self.ids else None
            roll = self.rng.random()
        if case is None or roll < 0.3:
            return ["file", "--channel", "phone", "--summary", f"Stress {token}", "--unit", "1-101"], token
        choices = [["classify", case, "--severity", self.rng.choice(["minor", "important", "major"]),
                    "--validity", "valid", "--category", "facilities"],
                   ["assign", case, "--handler", self.rng.choice(["Wang", "Zhou", "Li"])],
                   ["reply", case, "--text", f"told {token}", "--method", "phone"],
                   ["close", case, "--resolution", f"fixed {token}"],
                   ["revisit", case, "--satisfied", "--method", "phone"],
                   ["reopen", case, "--reason", f"again {token}"],
                   ["note", case, "--text", f"note {token}"]]
        if not writes_only:
            choices += [["list"], ["show", case], ["overdue"], ["check"], ["list", "--format", "csv"]]
        return self.rng.choice(choices), None

    def spawn(self, args: list[str]) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "plaint", *args], env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)

    def finish(self, proc, args, token, killed: bool) -> None:
        out, err = proc.communicate()
        with self.lock:
            self.codes[proc.returncode] += 1
            if "Traceback" in err or proc.returncode == 70:
                self.tracebacks.append(f"{args}: {err.strip()[-300:]}")
            if token:
                if killed and proc.returncode < 0:
                    self.files[token] = "killed"
                else:
                    self.files[token] = "ok" if proc.returncode == 0 else "failed"
                    if proc.returncode != 0:
                        self.errors[token] = err.strip()[-400:]
            if args[0] == "file" and proc.returncode == 0:
                self.ids.append(out.strip())

    def calibrate(self) -> float:
        """The median time of an unkilled write command: kills are spread over it."""
        times = []
        for _ in range(7):
            args, token = self.command(writes_only=True)
            began = time.monotonic()
            self.finish(self.spawn(args), args, token, killed=False)
            times.append(time.monotonic() - began)
        return sorted(times)[len(times) // 2]

    def kill_lane(self, count: int, seed: int, typical: float) -> None:
        """One write at a time, each killed at a random moment of its typical run; then look at
        what it left behind (the next command must recover it)."""
        rng = random.Random(seed)
        for _ in range(count):
            args, token = self.command(writes_only=True)
            proc = self.spawn(args)
            time.sleep(rng.uniform(0.2, 1.15) * typical)
            group = rng.random() < 0.5
            try:
                if group:
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    os.kill(proc.pid, signal.SIGKILL)
                self.kills["group" if group else "process"] += 1
            except ProcessLookupError:
                pass
            self.finish(proc, args, token, killed=True)
            if proc.returncode < 0:
                time.sleep(0.3)  # a git child of a killed process (not its group) may still be finishing
                self.left_behind()

    def left_behind(self) -> None:
        git_dir = self.root / ".git"
        if list(git_dir.glob("*.lock")) or list(git_dir.glob("refs/**/*.lock")):
            self.leftovers["stale git lock"] += 1
        status = subprocess.run(["git", "-C", str(self.root), "status", "--porcelain", "--", "2026"],
                                capture_output=True, text=True).stdout
        if status.strip():
            self.leftovers["uncommitted record change"] += 1
        if list(self.root.glob("2026/*/.*.tmp")):
            self.leftovers["temp file"] += 1

    def work_lane(self, count: int) -> None:
        for _ in range(count):
            args, token = self.command(writes_only=False)
            self.finish(self.spawn(args), args, token, killed=False)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def history_at(root: Path, commit: str, relative: str) -> list[dict]:
    result = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{relative}"], capture_output=True)
    if result.returncode != 0:
        return []
    return tomllib.loads(result.stdout.decode()).get("history", [])


def audit(run: Run) -> list[str]:
    root, failures = run.root, []
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "cli"))
    from plaint.book import Book
    loaded, problems = Book(str(root)).records()
    failures += [f"unreadable record: {p.message}" for p in problems]
    status = git(root, "status", "--porcelain")
    if status.strip():
        failures.append(f"uncommitted changes after recovery:\n{status}")
    log = git(root, "log", "--reverse", "--format=@%H%x1f%s", "--name-only", "--", "2026")
    commits = []
    for block in log.split("@")[1:]:
        head, *names = block.strip().splitlines()
        sha, subject = head.split("\x1f")
        commits.append((sha, subject, [n for n in names if n.endswith(".toml")]))
    per_record = Counter()
    for sha, subject, names in commits:
        if len(names) != 1:
            failures.append(f"{sha[:8]} {subject!r} touches {len(names)} records")
            continue
        relative = names[0]
        before, after = history_at(root, f"{sha}~1", relative), history_at(root, sha, relative)
        added = after[len(before):]
        if after[: len(before)] != before:
            failures.append(f"{sha[:8]} {subject!r} rewrote earlier history of {relative}")
        words = subject.split()
        if subject.endswith("(by hand)"):
            if added:
                failures.append(f"{sha[:8]} {subject!r} added {len(added)} history entries")
            continue
        named = words[2].rstrip(":") if words[0] == "recover" else words[0]
        if len(added) != 1 or added[0].get("action") != named or named not in ACTIONS:
            failures.append(f"{sha[:8]} {subject!r} added {[e.get('action') for e in added]}")
        per_record[relative] += 1
    for item in loaded:
        relative = os.path.relpath(item.path, root)
        if per_record[relative] != len(item.data["history"]):
            failures.append(f"{relative}: {len(item.data['history'])} history entries, {per_record[relative]} commits")
    tokens = Counter(item.data["summary"].split()[-1] for item in loaded if item.data["summary"].startswith("Stress "))
    for token, outcome in run.files.items():
        found = tokens.get(token, 0)
        expected = {"ok": (1,), "failed": (0,), "killed": (0, 1)}[outcome]
        if found not in expected:
            failures.append(f"file {token} ({outcome}) made {found} records {run.errors.get(token, '')}")
    fsck = subprocess.run(["git", "-C", str(root), "fsck", "--full"], capture_output=True, text=True)
    if fsck.returncode != 0:
        failures.append(f"git fsck: {fsck.stdout}{fsck.stderr}")
    check = subprocess.run([sys.executable, "-m", "plaint", "check"], env=run.env, capture_output=True, text=True)
    if check.returncode != 0:
        failures.append(f"plaint check exit {check.returncode}: {check.stderr}")
    failures += [f"traceback or exit 70: {t}" for t in run.tracebacks]
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--commands", type=int, default=500)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the book for inspection")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="plaint-stress-"))
    root = folder / "book"
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run([sys.executable, "-m", "plaint", "init", str(root), "--template", "property", "--site", "ST"],
                   check=True, env=env, capture_output=True)
    git(root, "config", "user.name", "Stress Recovery")
    git(root, "config", "user.email", "stress@localhost")
    run = Run(root, options.seed)
    began = time.monotonic()
    for _ in range(10):  # some cases to act on
        run.work_lane(1)
    typical = run.calibrate()
    run.kill_lane(options.kills, options.seed, typical)
    killed_at = time.monotonic()
    per_worker = [options.commands // options.workers + (i < options.commands % options.workers)
                  for i in range(options.workers)]
    workers = [threading.Thread(target=run.work_lane, args=(n,)) for n in per_worker]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    done_at = time.monotonic()
    final = run.spawn(["note", run.ids[0], "--text", "after the storm"])  # the next write recovers
    run.finish(final, ["note"], None, killed=False)
    failures = audit(run)
    records = len(list(root.glob("2026/*/*.toml")))
    commits = int(git(root, "rev-list", "--count", "HEAD"))
    print(f"kill -9: {sum(run.kills.values())} ({run.kills['process']} process, {run.kills['group']} group) "
          f"in {killed_at - began:.0f}s (spread over 0.2-1.15 x a write's {typical * 1000:.0f} ms); "
          f"left behind: {dict(run.leftovers)}; concurrent commands: {options.commands} from {options.workers} workers "
          f"in {done_at - killed_at:.0f}s")
    print(f"exit codes: {dict(sorted(run.codes.items()))}; records: {records}; commits: {commits}; "
          f"files: {dict(Counter(run.files.values()))}")
    recovered = git(root, "log", "--format=%s", "--grep=^recover ", "--grep=(by hand)$").splitlines()
    print(f"recovery commits: {len(recovered)}")
    print("FAILED:\n" + "\n".join(failures) if failures else "all checks passed: records parse, every change in "
          "exactly one commit naming its action, no duplicates, git fsck and plaint check clean")
    if options.keep:
        print(f"book kept at {root}")
    else:
        shutil.rmtree(folder)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
