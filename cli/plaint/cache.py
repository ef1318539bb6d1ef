"""A read cache of parsed records that is never stale, kept outside the book.

Each record file's parsed (and validated) data is stored in SQLite, keyed on the file's
identity: its folder and name, size, mtime and ctime in nanoseconds and inode. A reader stats
every file (cheap: no read, no parse) and takes the cached data only when the identity is the
same as when the data was stored; any edit, `touch`, checkout, pull or `os.replace` changes it,
because ctime changes on every change to a file and nobody can set it. A file changed within
RACY_NS of being read is not stored (its ctime might not tick again), so it is parsed next time.

The cache lives in PLAINT_CACHE, else $XDG_CACHE_HOME/plaint, else ~/.cache/plaint, one file
per book (named after a hash of the book's real path). It is an optimisation only: a cache
that is corrupt, from other code, owned by someone else, locked or read-only is ignored or
rebuilt, and the answer is read from the files instead. Records that fail to parse are never
stored, so they are reported on every run.

Besides the data, a small summary of each record (status, severity, validity, category,
received, closed) is kept in its own columns so readers can pass over records they do not
need (a case with no running clock, a case outside the report's period) without unpickling.
"""

from __future__ import annotations

import os
import time

FORMAT = 1
RACY_NS = 2_000_000_000  # a file changed this recently is parsed again next time
BATCH = 500  # records written per transaction
PARALLEL_MIN = 256  # a folder with this many unread records is parsed by worker processes
SUMMARY_TEXT = ("status", "severity", "validity", "category")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY, dir TEXT NOT NULL, name TEXT NOT NULL,
    size INTEGER, mtime INTEGER, ctime INTEGER, ino INTEGER, opaque INTEGER,
    status TEXT, severity TEXT, validity TEXT, category TEXT, received TEXT, closed TEXT,
    UNIQUE (dir, name));
CREATE TABLE IF NOT EXISTS data (id INTEGER PRIMARY KEY, blob BLOB NOT NULL);
"""


def cache_dir() -> str:
    chosen = os.environ.get("PLAINT_CACHE")
    if chosen:
        return os.path.abspath(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "plaint")


def cache_file(root: str) -> str | None:
    """The cache file for the book at `root`, or None where it would sit inside the book."""
    import hashlib

    real = os.path.realpath(root)
    folder = os.path.realpath(cache_dir())
    if folder == real or folder.startswith(real.rstrip(os.sep) + os.sep):
        return None  # reading commands never write inside the book
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
    return os.path.join(folder, f"{os.path.basename(real) or 'book'}-{digest}.sqlite")


def _stamp() -> bytes:
    """What the cached data depends on besides the file: this code (the parser and the record
    schema: reading does not depend on the policy) and this Python (pickle)."""
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    code = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(here) if e.name.endswith(".py"))
    return repr((FORMAT, sys.version, code)).encode()


def identity(st) -> tuple[int, int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def summary_of(data: dict) -> tuple:
    """(opaque, status, severity, validity, category, received, closed) as stored in the columns.

    Opaque when a field has a type the summary cannot stand for: such a record is always read.
    """
    from datetime import datetime

    values = [data.get(key) for key in SUMMARY_TEXT]
    times = data.get("times", {})
    received = data.get("received")
    closed = times.get("closed") if isinstance(times, dict) else None
    opaque = (not isinstance(times, dict) or any(v is not None and not isinstance(v, str) for v in values)
              or any(t is not None and not (isinstance(t, datetime) and t.utcoffset() is not None)
                     for t in (received, closed)))
    if opaque:
        return (1, None, None, None, None, None, None)
    return (0, *values, received and received.isoformat(), closed and closed.isoformat())


def summary_dict(row) -> dict | None:
    """The summary a `wanted` test sees (None: opaque, read the record)."""
    if row[0]:
        return None
    from datetime import datetime

    received, closed = row[5], row[6]
    return {"status": row[1], "severity": row[2], "validity": row[3], "category": row[4],
            "received": received and datetime.fromisoformat(received),
            "closed": closed and datetime.fromisoformat(closed)}


class Store:
    """One book's cache file. Every failure turns it off for the rest of the run, never into an error."""

    def __init__(self, connection, writable: bool):
        self.db = connection
        self.writable = writable
        self.pending: list[tuple] = []
        self.gone: list[tuple[str, str]] = []

    @classmethod
    def open(cls, root: str) -> "Store | None":
        try:
            path = cache_file(root)
            if path is None:
                return None
            stamp = _stamp()
            for attempt in (1, 2):
                store = cls._connect(path, stamp)
                if store is not None or attempt == 2:
                    return store
                _remove(path)  # corrupt or foreign: start again once
        except Exception:  # noqa: BLE001 - the cache is an optimisation, never an error
            return None
        return None

    @classmethod
    def _connect(cls, path: str, stamp: bytes) -> "Store | None":
        import sqlite3

        folder = os.path.dirname(path)
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            if os.path.exists(path) and os.stat(path).st_uid != os.getuid():
                return None  # never unpickle what another user could have written
            db = sqlite3.connect(path, timeout=0.2, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error):
            return None
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            found = db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
            current = found and db.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()
            if current and current[0] == stamp:
                return cls(db, os.access(path, os.W_OK))
            db.execute("BEGIN IMMEDIATE")
            for table in ("meta", "files", "data"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.executescript(_SCHEMA)  # executescript commits the open transaction first
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
            return cls(db, True)
        except sqlite3.OperationalError:  # locked by a writer, or read-only: no cache this run
            db.close()
            return _Null()
        except sqlite3.DatabaseError:  # not a database, or damaged
            db.close()
            return None

    def rows(self, folder: str) -> dict:
        """name -> (id, identity, summary row) for one folder."""
        found = self.db.execute("SELECT name, id, size, mtime, ctime, ino, opaque, status, severity, validity, "
                                "category, received, closed FROM files WHERE dir = ?", (folder,))
        return {r[0]: (r[1], r[2:6], r[6:]) for r in found}

    def blob(self, row_id: int) -> bytes | None:
        found = self.db.execute("SELECT blob FROM data WHERE id = ?", (row_id,)).fetchone()
        return found and found[0]

    def put(self, folder: str, name: str, key: tuple, summary: tuple, blob: bytes) -> None:
        if self.writable:
            self.pending.append((folder, name, *key, *summary, blob))
            if len(self.pending) >= BATCH:
                self.flush()

    def forget(self, folder: str, names) -> None:
        if self.writable:
            self.gone.extend((folder, name) for name in names)

    def flush(self) -> None:
        if not (self.pending or self.gone) or not self.writable:
            return
        pending, gone, self.pending, self.gone = self.pending, self.gone, [], []
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            for folder, name in gone:
                db.execute("DELETE FROM data WHERE id IN (SELECT id FROM files WHERE dir = ? AND name = ?)",
                           (folder, name))
                db.execute("DELETE FROM files WHERE dir = ? AND name = ?", (folder, name))
            for row in pending:
                row_id = db.execute(
                    "INSERT INTO files (dir, name, size, mtime, ctime, ino, opaque, status, severity, validity, "
                    "category, received, closed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (dir, name) DO "
                    "UPDATE SET size=excluded.size, mtime=excluded.mtime, ctime=excluded.ctime, ino=excluded.ino, "
                    "opaque=excluded.opaque, status=excluded.status, severity=excluded.severity, "
                    "validity=excluded.validity, category=excluded.category, received=excluded.received, "
                    "closed=excluded.closed RETURNING id", row[:13]).fetchone()[0]
                db.execute("INSERT OR REPLACE INTO data (id, blob) VALUES (?, ?)", (row_id, row[13]))
            db.execute("COMMIT")
        except Exception:  # noqa: BLE001 - busy, read-only, disk full: stop writing, keep answering
            self.writable = False
            try:
                db.execute("ROLLBACK")
            except Exception:  # noqa: BLE001
                pass

    def close(self) -> None:
        try:
            self.flush()
            self.db.close()
        except Exception:  # noqa: BLE001
            pass


class _Null(Store):
    """A cache that could not be opened this time: every record is a miss and nothing is written."""

    def __init__(self):
        super().__init__(None, False)

    def rows(self, folder):
        return {}

    def close(self):
        pass


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(path + suffix)
        except OSError:
            pass


def fresh(key: tuple, now_ns: int) -> bool:
    """Changed too recently to trust the identity: a same-tick in-place edit would look unchanged."""
    return now_ns - key[2] < RACY_NS


# -- reading through the cache ------------------------------------------------------------
def iter_cached(book, wanted=None):
    """Every record of `book` in id order, as Loaded or a read problem, through the cache.

    `wanted(summary)` returning False passes over a record the summary rules out; it is a
    hint only (records with an opaque summary, and every record without a cache, still come).
    """
    import pickle

    from plaint.book import Loaded

    store, pool = None, None
    now_ns = time.time_ns()
    try:
        for folder, entries in book.record_folders():
            if store is None:
                store = Store.open(book.root) or _Null()
            rel = os.path.relpath(folder, book.root)
            try:
                cached = store.rows(rel)
            except Exception:  # noqa: BLE001 - a damaged cache: read the files instead
                store = _Null()
                cached = {}
            plan, misses = [], []
            for entry in entries:
                if isinstance(entry, Exception):  # a link or a folder named like a record
                    plan.append((entry, None))
                    continue
                try:
                    key = identity(entry.stat(follow_symlinks=False))
                except FileNotFoundError:
                    continue  # removed while we walked: it is not in the book any more
                row = cached.pop(entry.name, None)
                if row is not None and row[1] == key:
                    plan.append((entry, row))
                else:
                    plan.append((entry, None))
                    misses.append(entry.path)
            if cached:
                store.forget(rel, cached)
            if len(misses) >= PARALLEL_MIN and pool is None:
                pool = _pool()
            parsed = _parse_all(book, misses, pool, store.writable)
            for entry, row in plan:
                if isinstance(entry, Exception):
                    yield entry
                    continue
                if row is not None:
                    summary = summary_dict(row[2]) if wanted else None
                    if summary is not None and not wanted(summary):
                        continue
                    try:
                        yield Loaded(entry.path, pickle.loads(store.blob(row[0])))
                        continue
                    except Exception:  # noqa: BLE001 - a damaged entry: read the file
                        outcome = next(_parse_all(book, [entry.path], None, store.writable))
                else:
                    outcome = next(parsed)
                key, kind, payload, summary = outcome
                if kind == "gone":
                    continue
                if kind == "problem":
                    yield payload
                    continue
                data, blob = payload
                if blob is not None and not fresh(key, now_ns):
                    store.put(rel, entry.name, key, summary, blob)
                shown = summary_dict(summary) if wanted else None
                if shown is None or wanted(shown):
                    yield Loaded(entry.path, data if data is not None else pickle.loads(blob))
    finally:
        if pool is not None:
            pool.terminate()
        if store is not None:
            store.close()


def _parse_all(book, paths: list[str], pool, keep: bool):
    """(key, kind, payload, summary) for each path, in order: parsed here or by the pool."""
    if pool is None or len(paths) < PARALLEL_MIN:
        for path in paths:
            yield _parse_one(book, path, keep, False)
        return
    from functools import partial

    chunks = [paths[i:i + 64] for i in range(0, len(paths), 64)]
    for results in pool.imap(partial(_work, book.root), chunks):
        for key, kind, payload, summary in results:
            if kind == "problem":
                cls, args, state = payload
                problem = cls.__new__(cls)
                problem.args = args
                problem.__dict__.update(state)
                payload = problem
            elif kind == "data":
                payload = (None, payload)
            yield key, kind, payload, summary


def _parse_one(book, path: str, keep: bool, pickled: bool):
    """Stat, then read and validate one record (the stat first: the data is never older than its key)."""
    import pickle

    from plaint.book import READ_PROBLEMS

    try:
        key = identity(os.stat(path, follow_symlinks=False))
        data = book.read(path).data
    except FileNotFoundError:
        return None, "gone", None, None
    except READ_PROBLEMS as problem:
        return None, "problem", problem, None
    blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL) if keep or pickled else None
    if pickled:
        return key, "data", blob, summary_of(data)
    return key, "data", (data, blob), summary_of(data)


def _work(root: str, paths: list[str]) -> list[tuple]:
    """In a worker process: parse a chunk of records, returning pickled data or the problem."""
    from plaint.book import Book

    book = Book(root, cache=False)
    results = []
    for path in paths:
        key, kind, payload, summary = _parse_one(book, path, True, True)
        if kind == "problem":
            payload = (type(payload), payload.args, payload.__dict__)
        results.append((key, kind, payload, summary))
    return results


def _pool():
    """Worker processes for a cold cache, or None where one core is all there is."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    if count < 2:
        return None
    try:
        import multiprocessing

        return multiprocessing.get_context("fork").Pool(count)
    except (ImportError, ValueError, OSError):
        return None
