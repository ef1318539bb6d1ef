"""Where the book is: its folder, found from `--book` (or PLAINT_BOOK) or by looking upward.

Kept apart from `plaint.book` so that what only needs the folder (the language for `--help`,
shell completion) finds it without loading the policy and calendar code."""

from __future__ import annotations

import os

from plaint.errors import UsageError
from plaint.i18n import _

POLICY_FILE = "plaint.toml"
LOCK_FILE = ".plaint.lock"


def find_book(explicit: str | None, cwd: str | None = None) -> str:
    """`--book` (or PLAINT_BOOK, resolved by the settings), else the nearest ancestor with plaint.toml,
    else ./records."""
    chosen = explicit
    if chosen:
        root = os.fspath(chosen)
        if not os.path.isfile(os.path.join(root, POLICY_FILE)):
            raise UsageError(_("{root} is not a book: it has no {POLICY_FILE}; create one with `plaint init {root}`").format(root=root, POLICY_FILE=POLICY_FILE))
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
    raise UsageError(_("no book here: no plaint.toml in this folder or above, and no ./records book; use --book "
                       "DIR, set PLAINT_BOOK, or create one with `plaint init DIR`"))
