"""What git says of a book's work tree, for the read cache: the committed tree of each month
folder, and which folders hold anything git sees as not exactly committed (changed, staged,
deleted, untracked, ignored). git compares every tracked file's stat data with its index in C,
and re-reads a file whose stat data changed (its own racy-index rules); the settings that could
make it trust less than that (fsmonitor, untracked cache, ctime, stat checks) are overridden
here, and an index that tells git not to look at some files (assume-unchanged, skip-worktree)
means git is not asked at all. So is a book that is not the top of its own repository, has no
commit, or a HEAD that moved while git looked. `look(root)` starts `git status` and returns
at once; `Look.seen()` waits for it.
"""

from __future__ import annotations

import os
import subprocess
import time

CONFIG = ("-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", "-c", "core.checkStat=default",
          "-c", "core.trustctime=true", "-c", "core.ignoreStat=false")


def look(root: str) -> "Look | None":
    """git status begun over the book at `root`, or None where the book is not a git work tree."""
    if not os.path.isdir(os.path.join(root, ".git")):
        return None
    began = time.time_ns()
    head = _git(root, "rev-parse", "--verify", "-q", "HEAD^{commit}")
    if not head:
        return None
    try:
        status = subprocess.Popen(["git", "--no-optional-locks", *CONFIG, "-C", root, "status", "--porcelain=v1",
                                   "-z", "--untracked-files=all", "--ignored=matching", "--no-renames"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    return Look(root, status, head.strip(), began)


class Seen:
    """git's answer: `clean(folder)` for a folder ("2026/11") exactly as committed, `trees` its
    tree ids, and `began`, when git started to look (files changed since then are not vouched for)."""

    def __init__(self, trees: dict[str, str], dirty: set[str], dirty_tops: set[str], began: int):
        self.trees, self.dirty, self.dirty_tops, self.began = trees, dirty, dirty_tops, began

    def clean(self, folder: str) -> bool:
        return folder in self.trees and folder not in self.dirty and folder.split("/")[0] not in self.dirty_tops


class Look:
    def __init__(self, root: str, status, head: bytes, began: int):
        self.root, self.status, self.head, self.began = root, status, head, began

    def seen(self) -> Seen | None:
        """Wait for git status; None whenever git's answer cannot be relied on."""
        out, _ = self.status.communicate()
        if self.status.returncode != 0:
            return None
        root = self.root
        where = _git(root, "rev-parse", "--show-toplevel", "--absolute-git-dir", "--git-path", "index")
        real = os.path.realpath(root)
        if not where or [os.path.realpath(os.path.join(real, p)) for p in where.decode().split("\n")[:3]] != [
                real, os.path.join(real, ".git"), os.path.join(real, ".git", "index")]:
            return None  # an enclosing repository, or GIT_DIR / GIT_INDEX_FILE pointing elsewhere
        flags = _git(root, "ls-files", "-v", "-z")
        if flags is None or flags.count(b"\0") != flags.startswith(b"H") + flags.count(b"\0H"):
            return None  # assume-unchanged, skip-worktree, unmerged: git would not look at everything
        listed = _git(root, "ls-tree", "-r", "-d", "-z", self.head.decode())
        if listed is None or (_git(root, "rev-parse", "--verify", "-q", "HEAD^{commit}") or b"").strip() != self.head:
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
        return Seen(trees, dirty, tops, self.began)

    def close(self) -> None:
        if self.status.poll() is None:
            self.status.kill()
            self.status.wait()


def _git(root: str, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", *CONFIG, "-C", root, *args], capture_output=True)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None
