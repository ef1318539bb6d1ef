"""How the read cache should tell which record files changed: a stat of every file (what plaint
does) against asking git (the committed tree id, plus `git status` for uncommitted changes).

    .venv/bin/python bench/change_detect_bench.py BOOK [BOOK ...]     # each a git work tree

Prints, per book, the median of several runs of:
- stat walk: plaint's own walk of the year/month folders (Book.record_folders) and an lstat of
  every record file: everything the cache needs to decide, for each file, whether its data is current;
- folder scan only: the same walk without the stats (a git-based scheme still needs the list of
  files, links and folders named like records, which git does not give for ignored or odd entries);
- git: `git rev-parse HEAD^{tree}` and `git --no-optional-locks status --porcelain -z
  --untracked-files=all --ignored=matching` over the book (git stats every tracked file itself, in C).
Not a test: the figures go in notes/issue-11.md.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from plaint.book import Book


def median_time(action, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def stat_walk(book: Book) -> int:
    count = 0
    for _folder, entries in book.record_folders():
        for entry in entries:
            if not isinstance(entry, Exception):
                entry.stat(follow_symlinks=False)
                count += 1
    return count


def scan_only(book: Book) -> None:
    for _folder, entries in book.record_folders():
        len(entries)


def ask_git(root: str) -> None:
    subprocess.run(["git", "-C", root, "rev-parse", "HEAD^{tree}"], capture_output=True, check=True)
    subprocess.run(["git", "--no-optional-locks", "-C", root, "status", "--porcelain=v1", "-z",
                    "--untracked-files=all", "--ignored=matching", "--", "."], capture_output=True, check=True)


def main(roots: list[str]) -> None:
    print("| records | stat walk s | folder scan only s | git tree id + status s |")
    print("|---:|---:|---:|---:|")
    for root in roots:
        book = Book(root, cache=False)
        count = stat_walk(book)
        ask_git(root)  # git refreshes its index once; then it is as warm as the stat walk
        print(f"| {count:,} | {median_time(lambda: stat_walk(book)):.3f} | {median_time(lambda: scan_only(book)):.3f} "
              f"| {median_time(lambda: ask_git(root)):.3f} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
