"""`report --as-of`: the book as it stood at a moment, read from its git history.

The last commit at or before the moment (by commit date, first parent: the book's own line)
gives the policy and the records as committed then; nothing in the work tree is read or
written. Uncommitted changes never count, so a filed monthly pack can be reproduced exactly.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta

from plaint.errors import ParseError, UsageError
from plaint.policy import PolicyProblems, read_policy
from plaint.storage.resources import parse_record, parse_toml
from plaint.timeparse import parse_time
from plaint.i18n import _


class Snapshot:
    def __init__(self, policy, records: list[dict], problems: list, commit: str, moment: datetime,
                 committed: str):
        self.policy, self.records, self.problems = policy, records, problems
        self.commit, self.moment, self.committed = commit, moment, committed

    def as_dict(self) -> dict:
        return {"time": self.moment.isoformat(), "commit": self.commit, "committed": self.committed}


def as_of_time(text: str, tz, year: int | None = None) -> datetime:
    """A date alone means as the book stood at the end of that day; a time means that moment.
    `11月16日` is in `year` (the caller's "now")."""
    from plaint.timeparse import is_date_only
    moment = parse_time(text, tz, "--as-of", year=year)
    if is_date_only(text):
        moment = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time(), tz)
    return moment


def _git(root: str, *args: str, data: bytes | None = None) -> bytes:
    result = subprocess.run(["git", "-C", root, *args], input=data, capture_output=True)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise UsageError(_("--as-of reads the book's git history, but git {value} failed in {root}: {message}").format(value=args[0], root=root, message=message))
    return result.stdout


def _commit_before(root: str, moment: datetime) -> tuple[str, str]:
    # git compares commit dates to the second; everything committed before the moment counts
    line = _git(root, "rev-list", "-1", "--first-parent", "--format=%H %cI", f"--before={moment.isoformat()}",
                "HEAD").decode().splitlines()
    found = [row for row in line if not row.startswith("commit ")]
    if not found:
        raise UsageError(_("the book {root} has no commit at or before {moment}: there is nothing to report as of "
                           "then").format(root=root, moment=moment.isoformat()))
    commit, committed = found[0].split(" ", 1)
    return commit, committed


def _blobs(root: str, commit: str, prefix: str) -> dict[str, bytes]:
    """Every file under `prefix` at `commit`: the policy and the YYYY/MM/*.toml records."""
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix or ".").split(b"\0")
    wanted = []
    for entry in listing:
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        name = path.decode("utf-8")[len(prefix):]
        parts = name.split("/")
        if meta.split()[1] != b"blob":
            continue
        if name == "plaint.toml" or (len(parts) == 3 and len(parts[0]) == 4 and parts[0].isascii() and parts[0].isdigit()
                                     and parts[1].isascii() and parts[1].isdigit() and parts[2].endswith(".toml")):
            wanted.append((name, meta.split()[2]))
    out = _git(root, "cat-file", "--batch", data=b"".join(sha + b"\n" for _unused, sha in wanted))
    blobs, at = {}, 0
    for name, _unused in wanted:  # each: "<sha> blob <size>\n<content>\n"
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        blobs[name] = out[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
    return blobs


def book_at(book, moment: datetime) -> Snapshot:
    root = os.path.realpath(book.root)
    top = _git(root, "rev-parse", "--show-toplevel").decode().strip()
    prefix = os.path.relpath(root, os.path.realpath(top)).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    commit, committed = _commit_before(root, moment)
    blobs = _blobs(top, commit, prefix)
    label = f"{commit[:10]}:{prefix}"
    if "plaint.toml" in blobs:
        text = blobs.pop("plaint.toml").decode("utf-8")
        problems = PolicyProblems(f"{label}plaint.toml", text)
        policy = read_policy(parse_toml(text, problems.path), problems)
        problems.raise_any()
    else:
        policy = book.policy
    records, unreadable = [], []
    for name in sorted(blobs):
        where = f"{label}{name}"
        try:
            text = blobs[name].decode("utf-8")
        except UnicodeDecodeError as exc:
            unreadable.append(ParseError(where, blobs[name][:exc.start].count(b"\n") + 1, _("not UTF-8 text")))
            continue
        try:
            records.append(parse_record(text, where))
        except ParseError as exc:
            unreadable.append(exc)
    return Snapshot(policy, records, unreadable, commit, moment, committed)
