"""The book: reading its records, writing them safely, and allocating ids (finding its folder: storage.bookdir)."""

from __future__ import annotations

import fcntl
import os
import re
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property

from plaint.errors import NotFound, ParseError, UsageError
from plaint.policy import Policy, load_policy
from plaint.recordfile import READ_PROBLEMS, Loaded, read_record
from plaint.storage.bookdir import LOCK_FILE, POLICY_FILE, find_book  # noqa: F401  (importable from here)
from plaint.storage.resources import stem
from plaint.i18n import _

_ID_CHARS = re.compile(r"[A-Za-z0-9-]+\Z")  # \Z: no trailing newline slips through
_ID_MONTH = re.compile(r"[A-Z0-9]{1,8}-([0-9]{4})([0-9]{2})[0-9]{2}-[0-9]{3,}\.toml\Z")  # an id's file: its month


class Book:
    def __init__(self, root, cache: str | None = None, lock_wait: float = 30.0, on_lock_wait=None):
        self.root = os.fspath(root)
        self.cache = cache  # the folder of the read cache outside the book (plaint.cache); None: parse every file
        self.lock_wait = lock_wait  # seconds a write waits for another process's lock before it gives up
        self.on_lock_wait = on_lock_wait  # called once with the lock's path when a write has to wait

    @cached_property
    def policy(self) -> Policy:
        return load_policy(os.path.join(self.root, POLICY_FILE))

    # -- reading -------------------------------------------------------------
    def record_paths(self) -> list[str]:
        """Every record file, in id order (YYYY/MM/<ID>.toml); links and odd entries are left out."""
        return self._scan()[0]

    def strays(self) -> list[ParseError]:
        """Entries that look like records but are not read: links (never followed) and folders."""
        return self._scan()[1]

    def _scan(self) -> tuple[list[str], list[ParseError]]:
        paths, strays = [], []
        for _unused, items in self.record_folders():
            for item in items:
                if isinstance(item, ParseError):
                    strays.append(item)
                else:
                    paths.append(item.path)
        return paths, strays

    def record_folders(self):
        """Each month folder holding records, with its items in id order: a record file (os.DirEntry),
        or the ParseError of an entry that looks like one but is not read (a link, never followed;
        a folder). A linked year or month folder comes as a folder of its own problem."""
        for folder, items in self.month_folders():
            items = self.folder_items(folder) if items is None else items
            if items:
                yield folder, items

    def month_folders(self):
        """Each month folder, in order, with None (its items not listed yet: `folder_items`), or,
        for a linked year or month folder, its own problem."""
        for year in _entries(self.root):
            if not (len(year.name) == 4 and year.name.isascii() and year.name.isdigit()):
                continue
            if year.is_symlink():
                yield year.path, [ParseError(year.path, 1, LINK_REFUSED)]
                continue
            if not year.is_dir(follow_symlinks=False):
                continue
            for month in _entries(year.path):
                if not (month.name.isascii() and month.name.isdigit()):  # int() refuses '²³'
                    continue
                if month.is_symlink():
                    yield month.path, [ParseError(month.path, 1, LINK_REFUSED)]
                elif not month.is_dir(follow_symlinks=False):
                    continue
                elif len(month.name) == 2 and 1 <= int(month.name) <= 12:
                    yield month.path, None
                else:  # 2026/13/, 2026/7/: its files are not the book's records, each is a problem
                    said = _("not in a YYYY/MM folder (month 01-12), so not read as a record; move it into the "
                             "folder of the month it was received, {year}/01/ to {year}/12/").format(year=year.name)
                    misplaced = [ParseError(entry.path, 1, said) for entry in _entries(month.path)
                                 if entry.name.endswith(".toml")]
                    if misplaced:
                        yield month.path, misplaced

    def folder_items(self, folder: str) -> list:
        """A month folder's record files (os.DirEntry) and odd entries named like records (ParseError)."""
        items = []
        month = os.path.basename(os.path.dirname(folder)), os.path.basename(folder)
        for entry in _entries(folder):
            if not entry.name.endswith(".toml"):
                continue
            dated = _ID_MONTH.match(entry.name)
            if dated and dated.groups() != month and entry.is_file(follow_symlinks=False):
                items.append(ParseError(entry.path, 1, _(  # a copy there would be a second record of one id
                    "not in the folder of its id's month ({folder}/), so not read as a record; a record's file "
                    "never moves: put it back in {folder}/, or remove it if it is a copy").format(
                        folder="/".join(dated.groups()))))
            elif entry.is_file(follow_symlinks=False):
                items.append(entry)
            elif entry.is_symlink():
                items.append(ParseError(entry.path, 1, LINK_REFUSED))
            else:
                items.append(ParseError(entry.path, 1, _("not a record: a folder or special file named "
                                                         "like one; move it out of the book")))
        return items

    def read(self, path: str) -> Loaded:
        """One record, parsed and checked against the record schema (plaint.schema)."""
        return read_record(path)

    def iter_records(self, wanted=None):
        """Every record once, in id order, one at a time: a Loaded, or the problem reading it.

        `wanted(summary)` is a hint: it may return False for a record the reader can do
        without, judged on a plaint.cachesummary.Summary (status, severity, validity, category through
        `get`; received, closed; `may_alarm`); the cache then passes over it unread. Readers must
        still test what they get.
        """
        if self.cache:
            if next(self.month_folders(), None) is None:
                return  # an empty book: nothing more is imported (cron's start-up)
            from plaint.cacheread import iter_cached
            for item in iter_cached(self, wanted):  # lists a folder only when the cache must look at it
                yield self.vetted(item)
            return
        folders = self.record_folders()
        for _unused, items in folders:
            for item in items:
                if isinstance(item, ParseError):
                    yield item
                    continue
                try:
                    loaded = self.vetted(self.read(item.path))
                except READ_PROBLEMS as exc:
                    yield exc
                    continue
                if wanted is None or not isinstance(loaded, Loaded) or _wanted(wanted, loaded.data):
                    yield loaded  # the hint as the cache applies it: a reader keeps what it needs, not the book

    def vetted(self, item):
        """`item`, or the problem when a policy-valued field holds a value the policy does not define
        (read like an unknown status: said as path:line, never used as if it were sound). A record the
        read cache judged under this policy (`known`) was found sound when it was judged."""
        if not isinstance(item, Loaded) or item.known is not None:
            return item
        from plaint.schema import vocabulary_problems
        problems = vocabulary_problems(item.data, self.policy, None, item.path)
        if not problems:
            return item
        error = ParseError(item.path, problems[0].line, problems[0].message)
        error.problems = problems
        return error

    def records(self) -> tuple[list[Loaded], list[ParseError]]:
        """Every readable record once, and a problem for each unreadable one (all in memory:
        readers of a large book use iter_records)."""
        loaded, problems = [], []
        for item in self.iter_records():
            (loaded if isinstance(item, Loaded) else problems).append(item)
        return loaded, problems

    def find(self, query: str) -> str:
        """A record by its id or any unique tail of it (`007`, `1116-007`; full-width as a Chinese input
        method types it, `００７`, and spaces around it are taken as the id)."""
        from unicodedata import normalize
        wanted = normalize("NFKC", query or "").strip().upper()
        if not wanted or not _ID_CHARS.match(wanted):
            raise UsageError(_("{query!r} is not an id: ids are letters, digits and '-', like HQ-20261116-007").format(query=query))
        paths = self.record_paths()
        stems = [(stem(p).upper(), p) for p in paths]
        matches = [p for s, p in stems if s == wanted] or [p for s, p in stems if s.endswith(wanted)]
        if not matches:
            raise NotFound(_("no complaint {query!r} in {root}; `plaint list` shows the ids").format(query=query, root=self.root))
        if len(matches) > 1:
            shown = ", ".join(stem(p) for p in matches[:20])
            raise UsageError(_("{query!r} is ambiguous: {shown}{value}; type more of the id").format(query=query, shown=shown, value=' …' if len(matches) > 20 else ''))
        return matches[0]

    # -- writing -------------------------------------------------------------
    @contextmanager
    def lock(self):
        """Serialise id allocation, read-modify-write and commit across processes."""
        from plaint.storage.files import open_lock, take_lock
        with open_lock(self.root, LOCK_FILE) as handle:
            take_lock(handle, os.path.join(self.root, LOCK_FILE), self.lock_wait, self.on_lock_wait)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def new_id(self, site: str, received: datetime, seen=()) -> tuple[str, str]:
        """The next free id for the receipt day, past the folder's files and the names in `seen` (the
        ones git's history has: storage.git.record_names_in_history); call under the lock."""
        from plaint.storage.files import check_site, inside
        check_site(site)
        folder = os.path.join(self.root, f"{received:%Y}", f"{received:%m}")
        prefix = f"{site}-{received:%Y%m%d}-"
        highest = 0
        names = list(seen) + ([entry.name for entry in os.scandir(folder)] if os.path.isdir(folder) else [])
        for name in names:
            if name.startswith(prefix) and name.endswith(".toml"):
                tail = name[len(prefix):-5]
                if tail.isascii() and tail.isdigit():
                    highest = max(highest, int(tail))
        number = f"{highest + 1:03d}"
        return prefix + number, inside(self.root, os.path.join(folder, f"{prefix}{number}.toml"))

    def create(self, path: str, text: str) -> None:
        """A new record: written whole to a temp file, then linked into place exclusively."""
        from plaint.storage.files import create_record
        create_record(self.root, path, text)

    def replace(self, path: str, text: str) -> None:
        """An update: temp file in the same folder, fsync, os.replace; never half a file."""
        from plaint.storage.files import replace_record
        replace_record(self.root, path, text)


LINK_REFUSED = "a symbolic link; plaint never follows links in a book (replace it with the file itself)"


def _entries(folder: str) -> list:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError:
        return []


def _wanted(wanted, data: dict) -> bool:
    """`wanted` asked of a record read without the cache, through the summary the cache would keep
    (an opaque one always comes, as from the cache)."""
    from plaint.cachesummary import Summary, summary_of
    summary = summary_of(data)
    return summary[0] != 0 or wanted(Summary(summary, None))
