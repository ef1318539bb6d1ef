"""What a reader of the read cache can do while git looks (plaint.storage.gitlook): fetch, check
and load the wanted rows of every folder that was vouched for when git last looked, so that once
git answers, a folder it still finds as committed (the same tree, the same folder identity) is
answered at once. Used by readers whose hint takes a settled case's stored standing without its
record (`overdue`): what they keep in memory is small.

The rows are read in one read transaction, so each folder's rows are the ones its `folders` row
(tree, identity) was stored with; each row is still checked against its file's identity, as
plaint.cacheread does; a folder with a file that changed, or rows to judge again under a new
policy, is left to the ordinary pass."""

from __future__ import annotations

import os


def prefetch(reading) -> dict:
    """folder ("2026/11") -> (tree id, folder identity, its items in id order) for a
    plaint.cacheread._Pass whose cache is open and git not answered yet; {} on any trouble."""
    store, fingerprint = reading.store, reading.judge.fingerprint
    if not fingerprint:
        return {}
    early = {}
    db = store.db
    try:
        db.execute("BEGIN")
        try:
            for folder, entries in reading.book.month_folders():
                if entries is not None:
                    continue  # a linked folder: its own problem, said by the ordinary pass
                rel = os.path.relpath(folder, reading.book.root)
                found = db.execute("SELECT tree, dirkey FROM folders WHERE dir = ? AND tree IS NOT NULL",
                                   (rel,)).fetchone()
                if found is None:
                    continue
                rows = store._wanted_rows(rel, reading.where)  # the hint's own test, asked of SQLite
                if reading.where is None:
                    rows = [row for row in rows if reading._wants(row)]
                if any(row[15] != fingerprint for row in rows):
                    continue  # judged under another policy: judged again (and stored) the ordinary way
                plan, misses = reading._plan(folder, rows)
                if not misses:
                    early[rel] = (found[0], found[1], list(reading._load(rel, plan, iter(()))))
        finally:
            db.execute("COMMIT")
    except Exception:  # noqa: BLE001 - the cache is an optimisation: the ordinary pass answers
        return {}
    return early
