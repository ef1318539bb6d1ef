"""Reading a book's records through its read cache (plaint.cache): one folder at a time, in id
order, parsing only the files whose identity changed, in worker processes when many did."""

from __future__ import annotations

import os
import time

from plaint.cache import Store, Summary, _Null, fresh, identity, policy_fingerprint, summary_of

PARALLEL_MIN = 256  # a folder with this many unread records is parsed by worker processes
CHUNK = 64  # records a worker parses per task
SLICE = 256  # cached records whose data is fetched in one query


def iter_cached(book, wanted=None, folders=None):
    """Every record of `book` in id order, as Loaded or a read problem, through the cache.

    `wanted(summary)` returning False passes over a record the summary rules out (a
    plaint.cache.Summary); it is a hint only (records with an opaque summary, and every record
    without a cache, still come).
    """
    from plaint.book import Loaded

    store, pool, judge, pickle = None, None, None, None
    now_ns = time.time_ns()
    try:
        for folder, entries in (book.record_folders() if folders is None else folders):
            if store is None:  # an empty book opens no cache and imports nothing more
                import pickle

                store = Store.open(book.root, book.cache) or _Null()
                judge = _Judge(book, wanted is not None)
            rel = os.path.relpath(folder, book.root)
            try:
                cached = store.rows(rel)
            except Exception:  # noqa: BLE001 - a damaged cache: read the files instead
                store = _Null()
                cached = {}
            plan, misses = _plan(entries, cached, wanted, judge.fingerprint)
            if cached:
                store.forget(rel, cached)
            if len(misses) >= PARALLEL_MIN and pool is None:
                pool = _pool()
            parsed = _parse_all(book, misses, pool, store.writable)
            for at in range(0, len(plan), SLICE):
                part = plan[at:at + SLICE]
                blobs = store.blobs([row[1] for _, row in part if row is not None])
                for entry, row in part:
                    if isinstance(entry, Exception):
                        yield entry
                        continue
                    if row is not None:
                        try:
                            data = pickle.loads(blobs[row[1]])
                        except Exception:  # noqa: BLE001 - a damaged or vanished entry: read the file
                            outcome = next(_parse_all(book, [entry.path], None, store.writable))
                        else:
                            if judge.fingerprint and row[15] != judge.fingerprint:  # not judged, or the policy changed
                                store.rejudge(row[1], row[2:6], judge.of(data))
                            yield Loaded(entry.path, data)
                            continue
                    else:
                        outcome = next(parsed)
                    key, kind, payload, summary = outcome
                    if kind == "gone":
                        continue
                    if kind == "problem":
                        yield payload
                        continue
                    data, blob = payload
                    keep = blob is not None and not fresh(key, now_ns)
                    if summary[0] == 0 and wanted is not None and not wanted(Summary(summary, None)):
                        if keep:
                            store.put(rel, entry.name, key, summary, blob)
                        continue
                    if data is None:
                        data = pickle.loads(blob)
                    if judge.fingerprint:  # a reader that asks: the record is judged as it is read
                        summary = summary[:7] + judge.of(data)
                    if keep:
                        store.put(rel, entry.name, key, summary, blob)
                    yield Loaded(entry.path, data)
    finally:
        if pool is not None:
            pool.terminate()
        if store is not None:
            store.close()


def _plan(entries, cached: dict, wanted, fingerprint):
    """(entry, cached row or None) for each item of a folder the reader may want, and the paths to
    parse. Rows found are popped from `cached`: what is left there is gone from the folder."""
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
        if row is not None and row[2:6] == key:
            if row[6] == 0 and wanted is not None and not wanted(Summary(row, fingerprint, 6)):
                continue  # the summary rules it out: never unpickled
            plan.append((entry, row))
        else:
            plan.append((entry, None))
            misses.append(entry.path)
    return plan, misses


class _Judge:
    """The policy a record's assessment summary is worked out under, and its fingerprint.

    Only readers that pass a `wanted` hint judge records (in this process, as they read them:
    never the worker processes of a cold pass); a row stored unjudged is judged the first time
    such a reader loads it."""

    def __init__(self, book, judging: bool = True):
        self.fingerprint = policy_fingerprint(book) if judging else None
        self.policy = book.policy if self.fingerprint else None

    def of(self, data: dict) -> tuple:
        """(settled, next_due, policy fingerprint) for the columns."""
        return summary_of(data, self.policy, self.fingerprint)[7:]


def _parse_all(book, paths: list[str], pool, keep: bool):
    """(key, kind, payload, summary) for each path, in order: parsed here or by the pool."""
    if pool is None or len(paths) < PARALLEL_MIN:
        for path in paths:
            yield _parse_one(book, path, keep, False)
        return
    from functools import partial

    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
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
    summary = summary_of(data)
    blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL) if keep or pickled else None
    if pickled:
        return key, "data", blob, summary
    return key, "data", (data, blob), summary


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
