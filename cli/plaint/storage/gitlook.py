"""What git says of a book's work tree, for the read cache: the committed tree of each month
folder, which folders hold a tracked file git sees as not exactly committed (changed, staged,
deleted), and how many record files git tracks in a folder. git compares every tracked file's
stat data with its index in C, and re-reads a file whose stat data changed (its own racy-index
rules); the settings that could make it trust less than that (fsmonitor, ctime, stat checks) are
overridden here, and an index that tells git not to look at some files (assume-unchanged,
skip-worktree) means git is not asked at all. So is a book that is not the top of its own
repository, has no commit, or a HEAD that moved while git looked.

git is not asked about untracked or ignored files (listing every folder for them cost as much as
the rest of `git status`): a file that comes or goes changes its folder's own identity, which the
read cache compares, and a folder is vouched for only while its record files are exactly the ones
git tracks there (`Seen.tracked`). `look(root)` starts git and returns at once; `Look.seen()`
waits for it.
"""

from __future__ import annotations

import os
import re
import subprocess
import time

CONFIG = ("-c", "core.fsmonitor=false", "-c", "core.checkStat=default", "-c", "core.trustctime=true",
          "-c", "core.ignoreStat=false")


def look(root: str) -> "Look | None":
    """git begun over the book at `root`, or None where the book is not a git work tree."""
    if not os.path.isdir(os.path.join(root, ".git")):
        return None
    began = time.time_ns()
    where = _git(root, "rev-parse", "--show-toplevel", "--absolute-git-dir", "--git-path", "index", "HEAD^{commit}",
                 "--")
    lines = where.decode("utf-8", "surrogateescape").split("\n") if where else []
    real = os.path.realpath(root)
    if len(lines) < 4 or [os.path.realpath(os.path.join(real, p)) for p in lines[:3]] != [
            real, os.path.join(real, ".git"), os.path.join(real, ".git", "index")]:
        return None  # no commit, an enclosing repository, or GIT_DIR / GIT_INDEX_FILE pointing elsewhere
    head = lines[3].strip()
    started = []
    try:
        for args in (("--no-optional-locks", *CONFIG, "-C", root, "status", "--porcelain=v1", "-z",
                      "--untracked-files=no", "--no-renames"),
                     (*CONFIG, "-C", root, "ls-files", "-v", "-z"),
                     (*CONFIG, "-C", root, "ls-tree", "-r", "-d", "-z", head)):
            started.append(subprocess.Popen(["git", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL))
    except OSError:
        for process in started:
            process.kill()
            process.wait()
        return None
    return Look(root, started, head, began)


class Seen:
    """git's answer: `clean(folder)` for a folder ("2026/11") whose tracked files are exactly as
    committed, `trees` its tree ids, `tracked(folder)` how many record files git tracks in it, and
    `began`, when git started to look (files changed since then are not vouched for)."""

    def __init__(self, trees: dict[str, str], dirty: set[str], dirty_tops: set[str], began: int, listed: bytes = b""):
        self.trees, self.dirty, self.dirty_tops, self.began = trees, dirty, dirty_tops, began
        self.listed = b"\0" + listed

    def clean(self, folder: str) -> bool:
        return folder in self.trees and folder not in self.dirty and folder.split("/")[0] not in self.dirty_tops

    def tracked(self, folder: str) -> int:
        """The number of files named like records (*.toml) git tracks directly in `folder`."""
        name = re.escape(os.fsencode(folder))
        return len(re.findall(rb"\0H " + name + rb"/[^/\0]*\.toml(?=\0)", self.listed))


class Look:
    def __init__(self, root: str, started: list, head: str, began: int):
        self.root, self.started, self.head, self.began = root, started, head, began

    def seen(self) -> Seen | None:
        """Wait for git; None whenever its answer cannot be relied on."""
        out, flags, listed = (process.communicate()[0] for process in self.started)
        if any(process.returncode != 0 for process in self.started):
            return None
        if flags.count(b"\0") != flags.startswith(b"H") + flags.count(b"\0H"):
            return None  # assume-unchanged, skip-worktree, unmerged: git would not look at everything
        if (_git(self.root, "rev-parse", "--verify", "-q", "HEAD^{commit}") or b"").strip().decode() != self.head:
            return None  # HEAD moved while git looked
        trees = {}
        for line in listed.split(b"\0"):
            meta, _tab, path = line.partition(b"\t")
            if path.count(b"/") == 1:
                trees[path.decode("utf-8", "surrogateescape")] = meta.split()[-1].decode()
        dirty, tops = set(), set()
        for entry in out.split(b"\0"):
            if len(entry) > 3:
                parts = entry[3:].decode("utf-8", "surrogateescape").rstrip("/").split("/")
                if len(parts) >= 2:
                    dirty.add("/".join(parts[:2]))
                else:
                    tops.add(parts[0])
        return Seen(trees, dirty, tops, self.began, flags)

    def close(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
                process.wait()


def _git(root: str, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", *CONFIG, "-C", root, *args], capture_output=True)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None
