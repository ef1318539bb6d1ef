"""One record file as read: parsed, checked against the record schema (plaint.schema), and kept
with its path (Loaded). The book reads through it, and so do the read cache's worker processes,
which need no book (plaint.cacheread imports this, never plaint.book: no import circle)."""

from __future__ import annotations

from typing import NamedTuple

from plaint.errors import ParseError, RecordError
from plaint.i18n import _
from plaint.storage.resources import parse_record, stem

READ_PROBLEMS = (ParseError,)  # what reading a record may report; readers carry on with the others


class Loaded(NamedTuple):
    """One record as read: its path and its data."""
    path: str
    data: dict
    known: object = None  # the read cache's plaint.assess.standing of the case (its segments), under the policy in force

    @property
    def id(self) -> str:
        data = self.data
        return data["id"] if "id" in data else stem(self.path)


def read_record(path: str) -> Loaded:
    """One record, parsed and checked against the record schema."""
    from plaint.schema import record_problems
    from plaint.storage.files import read_record_bytes
    raw = read_record_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(path, raw[: exc.start].count(b"\n") + 1, _("not UTF-8 text"))
    data = parse_record(text, path)
    problems = record_problems(data, text, path)
    if problems:
        raise RecordError(problems)
    return Loaded(path, data)
