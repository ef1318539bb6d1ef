"""The book: finding it, reading its records, writing them safely, and allocating ids."""

from __future__ import annotations

import fcntl
import os
import re
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from typing import NamedTuple

from plaint.errors import NotFound, ParseError, UsageError
from plaint.policy import Policy, load_policy
from plaint.resources import parse_toml, stem

POLICY_FILE = "plaint.toml"
LOCK_FILE = ".plaint.lock"
_ID_CHARS = re.compile(r"^[A-Za-z0-9-]+$")
READ_PROBLEMS = (ParseError,)  # what reading a record may report; readers carry on with the others


def find_book(explicit: str | None, cwd: str | None = None) -> str:
    """`--book`, else PLAINT_BOOK, else the nearest ancestor with plaint.toml, else ./records."""
    chosen = explicit or os.environ.get("PLAINT_BOOK")
    if chosen:
        root = os.fspath(chosen)
        if not os.path.isfile(os.path.join(root, POLICY_FILE)):
            raise UsageError(f"{root} is not a book: it has no {POLICY_FILE}; create one with `plaint init {root}`")
        return root
    here = folder = os.path.realpath(cwd or os.getcwd())
    while True:
        if os.path.isfile(os.path.join(folder, POLICY_FILE)):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    if os.path.isfile(os.path.join(here, "records", POLICY_FILE)):
        return os.path.join(here, "records")
    raise UsageError("no book here: no plaint.toml in this folder or above, and no ./records book; "
                     "use --book DIR, set PLAINT_BOOK, or create one with `plaint init DIR`")


class Loaded(NamedTuple):
    """One record as read: its path and its data."""
    path: str
    data: dict

    @property
    def id(self) -> str:
        return self.data.get("id", stem(self.path))


class Book:
    def __init__(self, root, cache: bool = True):
        self.root = os.fspath(root)
        self.cache = cache  # read through the cache outside the book (plaint.cache); False: parse every file

    @cached_property
    def policy(self) -> Policy:
        return load_policy(os.path.join(self.root, POLICY_FILE))

    # -- reading -------------------------------------------------------------
    def record_paths(self) -> list[str]:
        """Every record file, in id order (YYYY/MM/<ID>.toml)."""
        return [entry.path for _, entries in self.record_folders() for entry in entries]

    def record_folders(self):
        """Each month folder holding records, with its record files (os.DirEntry), in id order."""
        for year in sorted(os.scandir(self.root), key=lambda e: e.name):
            if not (year.is_dir() and year.name.isdigit() and len(year.name) == 4):
                continue
            for month in sorted(os.scandir(year.path), key=lambda e: e.name):
                if month.is_dir() and month.name.isdigit():
                    entries = sorted((e for e in os.scandir(month.path) if e.name.endswith(".toml") and e.is_file()),
                                     key=lambda e: e.name)
                    if entries:
                        yield month.path, entries

    def read(self, path: str) -> Loaded:
        with open(path, "rb") as handle:
            raw = handle.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(path, raw[: exc.start].count(b"\n") + 1, "not UTF-8 text")
        return Loaded(path, parse_toml(text, path))

    def iter_records(self, wanted=None):
        """Every record once, in id order, one at a time: a Loaded, or the problem reading it.

        `wanted(summary)` is a hint: it may return False for a record the reader can do
        without, judged on a summary dict (status, severity, validity, category, received,
        closed); the cache then passes over it unread. Readers must still test what they get.
        """
        if self.cache:
            from plaint.cache import iter_cached
            yield from iter_cached(self, wanted)
            return
        for _, entries in self.record_folders():
            for entry in entries:
                try:
                    yield self.read(entry.path)
                except FileNotFoundError:
                    continue  # removed while we walked
                except READ_PROBLEMS as exc:
                    yield exc

    def records(self) -> tuple[list[Loaded], list[ParseError]]:
        """Every readable record once, and a problem for each unreadable one (all in memory:
        readers of a large book use iter_records)."""
        loaded, problems = [], []
        for item in self.iter_records():
            (loaded if isinstance(item, Loaded) else problems).append(item)
        return loaded, problems

    def find(self, query: str) -> str:
        """A record by its id or any unique tail of it (`007`, `1116-007`)."""
        if not query or not _ID_CHARS.match(query):
            raise UsageError(f"{query!r} is not an id: ids are letters, digits and '-', like HQ-20261116-007")
        wanted = query.upper()
        paths = self.record_paths()
        stems = [(stem(p).upper(), p) for p in paths]
        matches = [p for s, p in stems if s == wanted] or [p for s, p in stems if s.endswith(wanted)]
        if not matches:
            raise NotFound(f"no complaint {query!r} in {self.root}; `plaint list` shows the ids")
        if len(matches) > 1:
            shown = ", ".join(stem(p) for p in matches[:20])
            raise UsageError(f"{query!r} is ambiguous: {shown}{' …' if len(matches) > 20 else ''}; type more of the id")
        return matches[0]

    # -- writing -------------------------------------------------------------
    @contextmanager
    def lock(self):
        """Serialise id allocation, read-modify-write and commit across processes."""
        with open(os.path.join(self.root, LOCK_FILE), "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def new_id(self, site: str, received: datetime) -> tuple[str, str]:
        """The next free id for the receipt day; call under the lock."""
        folder = os.path.join(self.root, f"{received:%Y}", f"{received:%m}")
        prefix = f"{site}-{received:%Y%m%d}-"
        highest = 0
        if os.path.isdir(folder):
            for entry in os.scandir(folder):
                name = entry.name
                if name.startswith(prefix) and name.endswith(".toml"):
                    tail = name[len(prefix):-5]
                    if tail.isdigit():
                        highest = max(highest, int(tail))
        number = f"{highest + 1:03d}"
        return prefix + number, os.path.join(folder, f"{prefix}{number}.toml")

    def create(self, path: str, text: str) -> None:
        """A new record: exclusive create, so two writers can never share a file."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _fsync_dir(os.path.dirname(path))

    def replace(self, path: str, text: str) -> None:
        """An update: temp file in the same folder, fsync, os.replace; never half a file."""
        import tempfile

        folder = os.path.dirname(path)
        fd, temp = tempfile.mkstemp(prefix=f".{stem(path)}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
        _fsync_dir(folder)


def _fsync_dir(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
