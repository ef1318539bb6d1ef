"""`plaint check`: every problem in a book, as `path:line: message`, and silence when all is well."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from plaint.book import Book, Loaded
from plaint.calendarview import coverage
from plaint.errors import PlaintError
from plaint.resources import read_text
from plaint.schema import record_problems
from plaint.i18n import _

COVERAGE_DAYS = 60


def check_book(root: Path, now: datetime, warnings: list[str] | None = None, cache: bool = True) -> list[str]:
    """Every problem as `path:line: message`; things worth saying that are not problems (a year of
    holidays that is only estimated) go to `warnings`."""
    problems: list[str] = []
    book = Book(root, cache)
    try:
        policy = book.policy
    except PlaintError as exc:
        if warnings is not None:  # the records can still be read for the sharing warnings
            from plaint.sites import desk_warnings
            warnings += desk_warnings(str(root), cache)
        return exc.message.splitlines()
    cal = policy.calendar
    found = coverage(cal, now, COVERAGE_DAYS)
    if not found.ok:
        problems.append(f"{cal.path}:1: {found.line}")
    if found.warning and warnings is not None:
        warnings.append(found.warning)
    from plaint.sites import DeskWatch
    sharing = DeskWatch()  # merges to review, one site code used by two clones: warnings, read in this pass
    for item in book.iter_records():
        if not isinstance(item, Loaded):
            problems.append(item.message)
            continue
        sharing.see(item)
        if record_problems(item.data, "", item.path, policy):  # the vocabulary; text read only for lines
            problems += [str(p) for p in record_problems(item.data, read_text(item.path), item.path, policy)]
        problems += _incomplete(item, policy)
        problems += _assessment_problems(item.path, item.data, policy, now)
    if warnings is not None:
        warnings += sharing.warnings()
    from plaint.recovery import uncommitted_records
    for code, relative in uncommitted_records(str(root)):
        problems.append(_("{items}:1: uncommitted change (git status {code}); the next plaint write commits it on "
                          "its own, or commit it yourself").format(items=os.path.join(str(root), relative), code=code.strip()))
    return problems


def _incomplete(item, policy) -> list[str]:
    """An open case that still lacks what the policy's `required_to_close` asks for."""
    from plaint.completeness import describe_missing, missing_to_close
    from plaint.records import is_open
    missing = missing_to_close(item.data, policy) if is_open(item.data) else []
    if not missing:
        return []
    return [f"{item.path}:1: {item.id} lacks what closing needs: " + describe_missing(item.id, missing, policy)]
def _assessment_problems(path, record: dict, policy, now: datetime) -> list[str]:
    """The case as every reader sees it: a record whose clocks cannot be worked out is a problem."""
    from plaint.assess import assess
    try:
        case = assess(record, policy, now)
    except PlaintError as exc:
        return [f"{path}:1: {exc.message}"]
    if not case.open and record.get("status") in ("closed", "revisited") and case.rounds and case.rounds[-1].closed is None:
        return [f"{path}:{line_of(read_text(path), chr(10) + 'status =') + 1}: status {record.get('status')!r} but no "
                "closing time in [times] or the history"]
    return []
