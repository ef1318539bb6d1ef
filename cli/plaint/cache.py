"""A read cache of parsed records that is never stale, kept outside the book.

Each record file's parsed (and validated) data is stored in SQLite, keyed on the file's
identity: its folder and name, size, mtime and ctime in nanoseconds and inode. A reader stats
every file (cheap: no read, no parse) and takes the cached data only when the identity is the
same as when the data was stored; any edit, `touch`, checkout, pull or `os.replace` changes it,
because ctime changes on every change to a file and nobody can set it. A file changed within
RACY_NS of being read is not stored (its ctime might not tick again), so it is parsed next time.

The cache lives in the folder the command layer passes down (plaint.settings.cache_location:
PLAINT_CACHE, else $XDG_CACHE_HOME/plaint, else ~/.cache/plaint), one file per book (named after a hash of the book's real path). It is an optimisation only: a cache
that is corrupt, from other code, owned by someone else, locked or read-only is ignored or
rebuilt, and the answer is read from the files instead. Records that fail to parse are never
stored, so they are reported on every run.

Besides the data, a small summary of each record is kept in its own columns so readers can
pass over records they do not need without unpickling them: status, severity, validity,
category, received and closed (a case outside the report's period; integer microseconds, so
SQLite can compare them), and what assess() said of the
case from its last moment on (`plaint.assess.settled`: from when its clocks stand still and
the earliest deadline then running), so `overdue` passes over a case that cannot be late or
due soon. That pair depends on the policy and its calendar, so it is stored with a
fingerprint of their files and used only while the fingerprint is the same.

A folder whose files are all exactly as stored (one digest of every name and identity in it,
`folder_digest`, equal to the one kept in `folders`) is answered without comparing row by row:
the reader's hint is asked of SQLite (`where`) and only the rows it may want are fetched. The
digest is kept only after checking, in the same transaction, that the folder's rows have exactly
those identities, and any later change to the folder's rows drops it in the same transaction.
"""

from __future__ import annotations

import os
import time

FORMAT = 6  # 6: a stored standing is marshalled plain values (cachesummary.pack), not a pickle
RACY_NS = 2_000_000_000  # a file changed this recently is parsed again next time
BATCH = 500  # records written per transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY, dir TEXT NOT NULL, name TEXT NOT NULL,
    size INTEGER, mtime INTEGER, ctime INTEGER, ino INTEGER, opaque INTEGER,
    status TEXT, severity TEXT, validity TEXT, category TEXT, received INTEGER, closed INTEGER,
    settled INTEGER, next_due INTEGER, policy TEXT, standing BLOB,
    UNIQUE (dir, name));
CREATE TABLE IF NOT EXISTS data (id INTEGER PRIMARY KEY, blob BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS folders (dir TEXT PRIMARY KEY, digest BLOB NOT NULL, tree TEXT, dirkey TEXT);
"""
ROW = ("name, id, size, mtime, ctime, ino, opaque, status, severity, validity, category, received, closed, settled, "
       "next_due, policy, standing")


def cache_file(root: str, location: str) -> str | None:
    """The cache file for the book at `root` in the folder `location` (plaint.settings.cache_location
    says which), or None where it would sit inside the book."""
    real = os.path.realpath(root)
    folder = os.path.realpath(location)
    if folder == real or folder.startswith(real.rstrip(os.sep) + os.sep):
        return None  # reading commands never write inside the book
    digest = _sha256(os.fsencode(real)).hexdigest()[:32]
    return os.path.join(folder, f"{os.path.basename(real) or 'book'}-{digest}.sqlite")


def _stamp() -> bytes:
    """What the cached data depends on besides the file: this code (the parser and the record
    schema: reading does not depend on the policy), in every sub-package, and this Python (pickle)."""
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    code = []
    for folder, dirs, files in os.walk(here):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                code.append((os.path.relpath(os.path.join(folder, name), here), st.st_size, st.st_mtime_ns))
    return repr((FORMAT, sys.version, code)).encode()


def policy_fingerprint(book) -> str | None:
    """A digest of the files the policy and its calendar were read from (None: no usable policy).

    What assess() says of a case is stored under it and trusted only while it is the same."""
    from plaint.errors import PlaintError

    try:
        policy = book.policy
        cal = policy.calendar
        names = [os.path.join(book.root, "plaint.toml"), cal.path, *sorted(cal.year_paths.values())]
        years = os.path.join(book.root, "calendar")
        if os.path.isdir(years):
            names += sorted(os.path.join(years, n) for n in os.listdir(years))
        digest = _sha256()
        for name in names:
            if name:
                with open(name, "rb") as handle:
                    # the real path: `--book book` and `--book /abs/book` are one book, one judgement
                    digest.update(os.fsencode(os.path.realpath(name)) + b"\0" + handle.read() + b"\0")
    except (PlaintError, OSError, AttributeError):
        return None
    return digest.hexdigest()[:32]


def _sha256(data: bytes = b""):
    """hashlib.sha256 without importing hashlib, which loads OpenSSL (~10 ms of a cron run)."""
    import sys
    try:  # a name that is not there costs a look along the whole path: ask for this Python's own
        if sys.version_info >= (3, 12):
            from _sha2 import sha256
        else:
            from _sha256 import sha256
    except ImportError:
        from hashlib import sha256
    return sha256(data)


def identity(st) -> tuple[int, int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def folder_digest(keyed: list[tuple]) -> bytes:
    """One digest of a folder's (name, size, mtime, ctime, inode) rows, in name order."""
    try:
        from _blake2 import blake2b  # as hashlib's, without loading OpenSSL
    except ImportError:
        from hashlib import blake2b
    return blake2b(repr(keyed).encode(), digest_size=16).digest()


class Store:
    """One book's cache file. Every failure turns it off for the rest of the run, never into an error."""

    def __init__(self, connection, writable: bool):
        self.db = connection
        self.writable = writable
        self.pending: list[tuple] = []
        self.gone: list[tuple[str, str]] = []
        self.judged: list[tuple] = []
        self.trusts: list[tuple[str, bytes]] = []

    @classmethod
    def open(cls, root: str, location: str) -> "Store | None":
        try:
            path = cache_file(root, location)
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
            for table in ("meta", "files", "data", "folders"):
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
        """name -> (name, id, size, mtime, ctime, ino, opaque, status, severity, validity, category,
        received, closed, settled, next_due, policy, standing) for one folder."""
        return {r[0]: r for r in self.db.execute(f"SELECT {ROW} FROM files WHERE dir = ?", (folder,))}

    def trusted_rows(self, folder: str, digest: bytes, where: tuple[str, tuple] | None) -> list | None:
        """The folder's rows the hint `where` (SQL, parameters) may want, in name order, when its
        files are exactly as stored (`digest`, see folder_digest); None when they may not be."""
        found = self.db.execute("SELECT digest FROM folders WHERE dir = ?", (folder,)).fetchone()
        if found is None or found[0] != digest:
            return None
        return self._wanted_rows(folder, where)

    def git_rows(self, folder: str, tree: str, dirkey: tuple, where: tuple[str, tuple] | None) -> list | None:
        """As trusted_rows, for a folder git found exactly as its committed `tree`, when the rows were
        checked against every file of that tree and the folder's identity `dirkey` is the same
        (no entry git does not see, like an empty folder named like a record, came or went)."""
        found = self.db.execute("SELECT 1 FROM folders WHERE dir = ? AND tree = ? AND dirkey = ?",
                                (folder, tree, "%d:%d:%d" % dirkey)).fetchone()
        return None if found is None else self._wanted_rows(folder, where)

    def _wanted_rows(self, folder: str, where: tuple[str, tuple] | None) -> list:
        sql, params = where or ("1", ())
        return self.db.execute(f"SELECT {ROW} FROM files WHERE dir = ? AND (opaque = 1 OR {sql}) ORDER BY name",
                               (folder, *params)).fetchall()

    def trust(self, folder: str, digest: bytes, tree: str | None = None, dirkey: str | None = None) -> None:
        """Every file of `folder` was found stored as it is (`digest`; and, if given, they are git's
        committed `tree`, in a folder of identity `dirkey`): later readers may skip the row-by-row
        comparison. Checked against the rows themselves when written (flush)."""
        if self.writable:
            self.trusts.append((folder, digest, tree, dirkey))

    def blobs(self, ids: list[int]) -> dict:
        """id -> pickled data, in one query (a damaged cache gives nothing: the files are read)."""
        if not ids:
            return {}
        try:
            marks = ",".join("?" * len(ids))
            return dict(self.db.execute(f"SELECT id, blob FROM data WHERE id IN ({marks})", ids))
        except Exception:  # noqa: BLE001
            return {}

    def put(self, folder: str, name: str, key: tuple, summary: tuple, blob: bytes) -> None:
        if self.writable:
            self.pending.append((folder, name, *key, *summary, blob))
            if len(self.pending) >= BATCH:
                self.flush()

    def rejudge(self, row_id: int, key: tuple, judged: tuple) -> None:
        """Store what assess() says of a cached record under the policy now in force (it changed)."""
        if self.writable:
            self.judged.append((*judged, row_id, *key))
            if len(self.judged) >= BATCH:
                self.flush()

    def forget(self, folder: str, names) -> None:
        if self.writable:
            self.gone.extend((folder, name) for name in names)

    def flush(self) -> None:
        if not (self.pending or self.gone or self.judged or self.trusts) or not self.writable:
            return
        pending, gone, judged, trusts = self.pending, self.gone, self.judged, self.trusts
        self.pending, self.gone, self.judged, self.trusts = [], [], [], []
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            # A folder whose rows change is no longer known to match its files (in this transaction).
            db.executemany("DELETE FROM folders WHERE dir = ?", [(d,) for d in {row[0] for row in pending + gone}])
            for folder, name in gone:
                db.execute("DELETE FROM data WHERE id IN (SELECT id FROM files WHERE dir = ? AND name = ?)",
                           (folder, name))
                db.execute("DELETE FROM files WHERE dir = ? AND name = ?", (folder, name))
            _write_rows(db, pending)
            # Only while the row still stands for the file whose data was judged.
            db.executemany("UPDATE files SET settled = ?, next_due = ?, policy = ?, standing = ? WHERE id = ? AND size = ? "
                           "AND mtime = ? AND ctime = ? AND ino = ?", judged)
            for folder, digest, tree, dirkey in trusts:  # only if the rows are exactly the files that were seen
                stored = db.execute("SELECT name, size, mtime, ctime, ino FROM files WHERE dir = ? ORDER BY name",
                                    (folder,)).fetchall()
                if folder_digest(stored) == digest:
                    db.execute("INSERT OR REPLACE INTO folders VALUES (?, ?, ?, ?)", (folder, digest, tree, dirkey))
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


def _write_rows(db, pending: list[tuple]) -> None:
    """Each pending (dir, name, identity, summary, blob) into `files` and `data`, a statement per table."""
    db.executemany(
        "INSERT INTO files (dir, name, size, mtime, ctime, ino, opaque, status, severity, validity, "
        "category, received, closed, settled, next_due, policy, standing) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (dir, name) DO UPDATE SET size=excluded.size, mtime=excluded.mtime, "
        "ctime=excluded.ctime, ino=excluded.ino, opaque=excluded.opaque, status=excluded.status, "
        "severity=excluded.severity, validity=excluded.validity, category=excluded.category, "
        "received=excluded.received, closed=excluded.closed, settled=excluded.settled, "
        "next_due=excluded.next_due, policy=excluded.policy, standing=excluded.standing", [row[:17] for row in pending])
    ids = {}
    for folder in {row[0] for row in pending}:
        names = [row[1] for row in pending if row[0] == folder]
        for at in range(0, len(names), 500):
            part = names[at:at + 500]
            found = db.execute(f"SELECT name, id FROM files WHERE dir = ? AND name IN ({','.join('?' * len(part))})",
                               (folder, *part))
            ids.update(((folder, name), row_id) for name, row_id in found)
    db.executemany("INSERT OR REPLACE INTO data (id, blob) VALUES (?, ?)",
                   [(ids[row[0], row[1]], row[17]) for row in pending])


class _Null(Store):
    """A cache that could not be opened this time: every record is a miss and nothing is written."""

    def __init__(self):
        super().__init__(None, False)

    def rows(self, folder):
        return {}

    def trusted_rows(self, folder, digest, where):
        return None

    def git_rows(self, folder, tree, dirkey, where):
        return None

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


