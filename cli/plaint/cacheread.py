"""Reading a book's records through its read cache (plaint.cache): one folder at a time, in id
order, parsing only the files whose identity changed, in worker processes when many did.

A folder git vouches for (plaint.storage.gitlook: exactly as committed, the same committed tree
and the same folder identity as when its rows were last checked against every file) is answered
from the rows the reader's hint may want, fetched by SQLite, without listing it. Otherwise every
file is stat()ed: a folder whose files are all as stored (one digest of their names and
identities, plaint.cache.folder_digest) is answered the same way; any other folder is compared
row by row."""

from __future__ import annotations

import os
import time

from plaint import cache
from plaint.cache import Store, _Null, folder_digest, fresh, identity, policy_fingerprint
from plaint.cachesummary import Summary, judge as judged_columns, shown as stored_standing, summary_of
from plaint.recordfile import READ_PROBLEMS, Loaded, read_record

PARALLEL_MIN = 256  # a folder with this many unread records is parsed by worker processes
CHUNK = 64  # records a worker parses per task
SLICE = 256  # cached records whose data is fetched in one query


def iter_cached(book, wanted=None):
    """Every record of `book` in id order, as Loaded or a read problem, through the cache.

    `wanted(summary)` returning False passes over a record the summary rules out (a
    plaint.cachesummary.Summary); it is a hint only (records with an opaque summary, and every record
    without a cache, still come). A hint with a `where(fingerprint)` method also gives the same
    test as SQL on the cache's `files` table (or None: no such test), so whole folders are
    answered without looking at every row.
    """
    reading = _Pass(book, wanted)
    try:
        for folder, entries in book.month_folders():
            yield from reading.folder(folder, entries)
    finally:
        reading.close()


class _Pass:
    """One reader's pass over a book: the cache, the judge of what assess() says, the workers."""

    def __init__(self, book, wanted):
        self.book, self.wanted = book, wanted
        self.store, self.judge, self.pool, self.where, self.seen = None, None, None, None, None
        self.shown_only = getattr(wanted, "shown_only", None)
        self.early: dict = {}  # folder -> what was read while git looked (plaint.cacheearly)
        self.now_ns = time.time_ns()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
        if self.store is not None:
            self.store.close()

    def _open(self) -> None:
        """On the first folder (an empty book opens no cache and imports nothing more)."""
        from plaint.storage.gitlook import look

        looking = look(self.book.root)  # git looks while the cache and the policy are opened
        self.store = Store.open(self.book.root, self.book.cache) or _Null()
        self.judge = _Judge(self.book, self.wanted is not None)
        hint = getattr(self.wanted, "where", None)
        if hint is not None and self.judge.fingerprint:
            self.where = hint(self.judge.fingerprint)
        if looking is not None:
            try:
                if self.shown_only is not None and not isinstance(self.store, _Null):
                    from plaint.cacheearly import prefetch
                    self.early = prefetch(self)  # while git looks
                self.seen = None if isinstance(self.store, _Null) else looking.seen()
            finally:
                looking.close()

    def folder(self, folder: str, entries):
        """The records of one folder, in id order (`entries` None: not listed yet)."""
        if self.store is None:
            self._open()
        rel = os.path.relpath(folder, self.book.root)
        tree, dirkey = self._committed(folder, rel) if entries is None else (None, None)
        if tree is not None:
            early = self.early.pop(rel, None)
            if early is not None and early[:2] == (tree, "%d:%d:%d" % dirkey):
                yield from early[2]  # read while git looked, from the rows kept with this tree and identity
                return
            try:
                rows = self.store.git_rows(rel, tree, dirkey, self.where)
            except Exception:  # noqa: BLE001 - a damaged cache: look at the files
                rows = None
            if rows is not None:
                yield from self._checked(folder, rel, [row for row in rows if self._wants(row)])
                return
        keyed = _keyed(self.book.folder_items(folder) if entries is None else entries)
        digest, vouched = None, None
        if all(key is not None and not fresh(key, self.now_ns) for _, key in keyed):
            digest = folder_digest([(entry.name, *key) for entry, key in keyed])
            quiet = self.seen and self.seen.began - cache.RACY_NS
            if (tree is not None and dirkey[1] < quiet and all(key[2] < quiet for _, key in keyed)
                    and self.seen.tracked(rel) == len(keyed)):  # and these are the files git tracks there
                vouched = (tree, "%d:%d:%d" % dirkey)  # nothing changed since git looked: its tree is these rows
            try:
                rows = self.store.trusted_rows(rel, digest, self.where)
            except Exception:  # noqa: BLE001 - a damaged cache: compare row by row (and read the files)
                rows = None
            if rows is not None:
                yield from self._trusted(folder, rel, keyed, rows)
                if vouched is not None:
                    self.store.trust(rel, digest, *vouched)
                return
        yield from self._compare(rel, keyed, digest, vouched)

    def _checked(self, folder: str, rel: str, rows: list):
        """The rows wanted of a folder git vouches for, each still checked against its file's identity
        (what is shown always belongs to the file as it is: a file touched since is read again)."""
        plan, misses = self._plan(folder, rows)
        yield from self._load(rel, plan, _parse_all(self.book, misses, None, self.store.writable))

    def _plan(self, folder: str, rows: list) -> tuple[list, list]:
        """(path, row, or None where the file changed) for each row whose file is there, and the changed paths."""
        plan, misses = [], []
        prefix = os.path.join(folder, "")  # os.path.join(folder, name) for a plain name, without its cost per row
        for row in rows:
            path = prefix + row[0]
            try:
                key = identity(os.stat(path, follow_symlinks=False))
            except FileNotFoundError:
                continue  # removed since git looked: not in the book any more
            if row[2:6] == key:
                plan.append((path, row))
            else:
                plan.append((path, None))
                misses.append(path)
        return plan, misses

    def _committed(self, folder: str, rel: str) -> tuple:
        """(tree id, folder identity) of a folder git found exactly as committed, else (None, None)."""
        if self.seen is None or not self.seen.clean(rel):
            return None, None
        try:
            st = os.stat(folder, follow_symlinks=False)
        except OSError:
            return None, None
        return self.seen.trees[rel], (st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    def _trusted(self, folder: str, rel: str, keyed: list, rows: list):
        """A folder found as stored: the rows the hint may want (each still checked against its file)."""
        keys = {entry.name: key for entry, key in keyed}
        plan, misses = [], []
        for row in rows:
            key = keys.get(row[0])
            if key is None:
                continue  # not a file of the folder (a damaged cache)
            path = os.path.join(folder, row[0])
            if row[2:6] != key:  # a damaged cache: read the file
                plan.append((path, None))
                misses.append(path)
            elif self._wants(row):
                plan.append((path, row))
        yield from self._load(rel, plan, _parse_all(self.book, misses, None, self.store.writable))

    def _wants(self, row) -> bool:
        return row[6] != 0 or self.wanted is None or self.wanted(Summary(row, self.judge.fingerprint, 6))

    def _compare(self, rel: str, keyed: list, digest: bytes | None, vouched: tuple | None):
        """A folder whose files may have changed: each file's row, when its identity is the same."""
        try:
            cached = self.store.rows(rel)
        except Exception:  # noqa: BLE001 - a damaged cache: read the files instead
            self.store = _Null()
            cached = {}
        plan, misses = [], []
        for entry, key in keyed:
            if key is None:  # a link or a folder named like a record
                plan.append((entry, None))
                continue
            row = cached.pop(entry.name, None)
            if row is not None and row[2:6] == key:
                if self._wants(row):
                    plan.append((entry.path, row))
            else:
                plan.append((entry.path, None))
                misses.append(entry.path)
        if cached:
            self.store.forget(rel, cached)  # gone from the folder
        if len(misses) >= PARALLEL_MIN and self.pool is None:
            self.pool = _pool(self.wanted, self.judge)
        yield from self._load(rel, plan, _parse_all(self.book, misses, self.pool, self.store.writable))
        if digest is not None:
            self.store.trust(rel, digest, *(vouched or ()))  # kept only if every file was stored as it is (flush checks)

    def _load(self, rel: str, plan: list, parsed):
        """Each planned item: a problem, a cached row's data, or the next parsed file's outcome."""
        store, judge = self.store, self.judge
        for at in range(0, len(plan), SLICE):
            part = plan[at:at + SLICE]
            shown = self._shown(part)
            blobs = store.blobs([row[1] for _, row in part if row is not None and row[1] not in shown])
            for path, row in part:
                if isinstance(path, Exception):
                    yield path
                    continue
                if row is not None and row[1] in shown:
                    yield Loaded(path, *shown[row[1]])
                    continue
                if row is not None:
                    import pickle  # only here: a reader shown settled cases alone never imports it

                    try:
                        data = pickle.loads(blobs[row[1]])
                    except Exception:  # noqa: BLE001 - a damaged or vanished entry: read the file
                        outcome = next(_parse_all(self.book, [path], None, store.writable))
                    else:
                        yield Loaded(path, data, judge.known(store, row, data))
                        continue
                else:
                    outcome = next(parsed)
                found = self._parsed(rel, path, outcome)
                if found is not None:
                    yield found

    def _shown(self, part: list) -> dict:
        """row id -> (SHOWN fields, standing) for each cached row of `part` the reader takes without
        its record (its hint's `shown_only`: a settled case under the policy in force)."""
        found = {}
        if self.shown_only is None or not self.judge.fingerprint:
            return found
        for _path, row in part:
            if row is not None and row[16] is not None and self.shown_only(Summary(row, self.judge.fingerprint, 6)):
                try:
                    known, fields = stored_standing(row[16])
                except Exception:  # noqa: BLE001 - a damaged entry: the record is read instead
                    continue
                found[row[1]] = (fields, known)
        return found

    def _parsed(self, rel: str, path: str, outcome):
        """A freshly parsed file: stored (judged if the reader asks), and returned if wanted."""
        import pickle

        key, kind, payload, summary = outcome
        if kind == "gone":
            return None
        if kind == "problem":
            return payload
        data, blob = payload
        keep = blob is not None and not fresh(key, self.now_ns)
        name = os.path.basename(path)
        # Judged by a worker under the policy in force: the reader's hint sees that too (overdue passes
        # over a settled case with no clock due, unread, as it would from the cache).
        if summary[0] == 0 and self.wanted is not None and not self.wanted(Summary(summary, self.judge.fingerprint)):
            if keep:
                self.store.put(rel, name, key, summary, blob)
            return None
        if data is None:
            data = pickle.loads(blob)
        known = None
        if self.judge.fingerprint and summary[9] == self.judge.fingerprint:  # judged by a worker process
            known = None if summary[10] is None else stored_standing(summary[10])[0]
        elif self.judge.fingerprint:  # a reader that asks: the record is judged as it is read
            judged, known = judged_columns(data, self.judge.policy, self.judge.fingerprint)
            summary = summary[:7] + judged
        if keep:
            self.store.put(rel, name, key, summary, blob)
        return Loaded(path, data, known)


def _keyed(entries) -> list[tuple]:
    """(entry, identity) for each item of a folder; (problem, None) for an entry not read."""
    keyed = []
    for entry in entries:
        if isinstance(entry, Exception):
            keyed.append((entry, None))
            continue
        try:
            keyed.append((entry, identity(entry.stat(follow_symlinks=False))))
        except FileNotFoundError:
            continue  # removed while we walked: it is not in the book any more
    return keyed


class _Judge:
    """The policy a record's assessment summary is worked out under, and its fingerprint.

    Only readers that pass a `wanted` hint judge records (in this process, as they read them:
    never the worker processes of a cold pass); a row stored unjudged is judged the first time
    such a reader loads it."""

    def __init__(self, book, judging: bool = True):
        self.fingerprint = policy_fingerprint(book) if judging else None
        self.policy = book.policy if self.fingerprint else None

    def known(self, store, row, data):
        """The case's plaint.assess.Standing under the policy in force, judged now (and stored) if
        the row was not judged under it; None for a reader that does not judge."""
        if not self.fingerprint:
            return None
        if row[15] != self.fingerprint:  # not judged, or the policy changed
            judged, found = judged_columns(data, self.policy, self.fingerprint)
            store.rejudge(row[1], row[2:6], judged)
            return found
        if row[16] is None:
            return None
        try:
            return stored_standing(row[16])[0]
        except Exception:  # noqa: BLE001 - a damaged entry: assessed from the record instead
            return None


def _parse_all(book, paths: list[str], pool, keep: bool):
    """(key, kind, payload, summary) for each path, in order: parsed here or by the pool."""
    if pool is None or len(paths) < PARALLEL_MIN:
        for path in paths:
            yield _parse_one(book.read, path, keep)
        return
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    for results in pool.imap(_work, chunks):
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


def _parse_one(read, path: str, keep: bool):
    """Stat, then read and validate one record (the stat first: the data is never older than its key)."""
    import pickle

    try:
        key = identity(os.stat(path, follow_symlinks=False))
        data = read(path).data
    except FileNotFoundError:
        return None, "gone", None, None
    except READ_PROBLEMS as problem:
        return None, "problem", problem, None
    summary = summary_of(data)
    blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL) if keep else None
    return key, "data", (data, blob), summary


_WORKER: dict = {}  # the reader's hint and judge, set just before the worker processes fork


def _work(paths: list[str]) -> list[tuple]:
    """In a worker process: parse a chunk of records, returning pickled data or the problem; a
    record the reader wants is judged here too (what assess() says of it), as the reader would."""
    results = []
    wanted, policy, fingerprint = _WORKER.get("wanted"), _WORKER.get("policy"), _WORKER.get("fingerprint")
    for path in paths:
        key, kind, payload, summary = _parse_one(read_record, path, True)
        if kind == "problem":
            payload = (type(payload), payload.args, payload.__dict__)
        elif kind == "data":
            data, payload = payload
            if fingerprint and (summary[0] or wanted is None or wanted(Summary(summary, None))):
                summary = summary[:7] + judged_columns(data, policy, fingerprint)[0]
        results.append((key, kind, payload, summary))
    return results


def _pool(wanted, judge):
    """Worker processes for a cold cache, or None where one core is all there is."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    if count < 2:
        return None
    try:
        import multiprocessing

        _WORKER.update(wanted=wanted, policy=judge.policy, fingerprint=judge.fingerprint)
        return multiprocessing.get_context("fork").Pool(count)
    except (ImportError, ValueError, OSError):
        return None
    finally:
        _WORKER.clear()
