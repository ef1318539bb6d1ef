"""What a person is asked to review after a merge: the merge entries no normal action has followed
yet, and one line for each saying what two desks did to a field and what the merge kept. Kept apart
from the merge itself (plaint.merge), which git runs on whole records; the line is worded in
`plaint.render.merges`."""

from __future__ import annotations

from typing import NamedTuple


def unconfirmed_merges(record: dict) -> list[dict]:
    """Merge entries no normal action has followed yet: what `show` and `check` ask a person to review."""
    history = record.get("history")
    if not isinstance(history, list):
        return []
    pending = []
    for entry in history:
        if not isinstance(entry, dict):
            continue
        if entry.get("action") == "merge":
            pending.append(entry)
        else:
            pending = []
    return pending


class MergeToReview(NamedTuple):
    """A finding for `check`: a merge entry of the record at `path` that no normal action has
    confirmed yet (`policy` names its values by their labels in Chinese). `plaint.render.merges` words it."""
    path: str
    id: str
    entry: dict
    policy: object = None
