"""`plaint check`: every problem in a book as a Problem, and silence when all is well.

A check is a function; `check_book` runs the list. BOOK_CHECKS look at the book as a whole
(calendar coverage, the records, uncommitted changes); RECORD_CHECKS look at one record
(schema and the policy's vocabulary, the case as assessed); RECORD_NOTES say what is worth
knowing but not wrong (an open case still lacking what closing needs). To add a check, write
the function and put it in its list.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from plaint.book import Book, Loaded
from plaint.coverage import coverage
from plaint.errors import PlaintError
from plaint.problems import Problem, problems_of
from plaint.storage.resources import read_text
from plaint.schema import record_problems
from plaint.i18n import _

COVERAGE_DAYS = 60


class Checking:
    """What every check may look at, and where warnings (said, but not problems) go."""

    def __init__(self, root: str, book: Book, policy, now: datetime, warnings: list | None):
        self.root, self.book, self.policy, self.now = root, book, policy, now
        self.warnings = warnings if warnings is not None else []
        self.notes = False  # check --notes: also the open cases that lack what closing needs


# -- one record ------------------------------------------------------------------------------
def schema_problems(item: Loaded, policy, now: datetime) -> list[Problem]:
    """The record schema and the policy's words (the text is read only to find the lines)."""
    if not record_problems(item.data, "", item.path, policy):
        return []
    return record_problems(item.data, read_text(item.path), item.path, policy)


def incomplete(item: Loaded, policy, now: datetime) -> list[Problem]:
    """An open case that still lacks what closing needs, as `show` says it (the policy's
    `required_to_close` fields, then the procedure steps the assessment finds missing): a note, not a
    problem (record first: it is asked for before closing, and `close` refuses until it is there)."""
    from plaint.assess import assess
    from plaint.completeness import describe_missing, missing_to_close
    from plaint.procedure import describe
    from plaint.words import steps
    try:
        case = assess(item.data, policy, now)
    except PlaintError:
        return []  # said as a problem by assessment_problems
    fields = missing_to_close(item.data, policy) if case.open else []
    if not (fields or case.missing):
        return []
    missing = steps(part for part in (describe_missing(item.id, fields, policy) if fields else "",
                                      describe(case.missing)) if part)
    return [Problem(item.path, 1, _("note: {id} is open and still lacks what closing needs: {missing}").format(
        id=item.id, missing=missing))]


def assessment_problems(item: Loaded, policy, now: datetime) -> list[Problem]:
    """The case as every reader sees it: a record whose clocks cannot be worked out, or that the
    assessment finds unsound (marked closed by hand, never closed), is a problem."""
    from plaint.assess import assess, located
    try:
        case = assess(item.data, policy, now)
    except PlaintError as exc:
        return [Problem(item.path, 1, exc.message)]
    return located(item.path, case.problems)


RECORD_CHECKS = (schema_problems, assessment_problems)
RECORD_NOTES = (incomplete,)  # said on stderr like warnings; they do not make `check` fail


# -- the whole book --------------------------------------------------------------------------
def calendar_coverage(checking: Checking) -> list[Problem]:
    """Deadlines reach COVERAGE_DAYS ahead: those years need calendar data."""
    cal = checking.policy.calendar
    found = coverage(cal, checking.now, COVERAGE_DAYS)
    if found.ok and found.estimated is not None:
        checking.warnings.append(found)  # a finding, worded by the printer as `calendar check` words it
    return [] if found.ok else [Problem(cal.path, 1, found)]


def records(checking: Checking) -> list[Problem]:
    """Every record read once: unreadable ones, and each record check on the others."""
    from plaint.sites import DeskWatch
    sharing = DeskWatch(checking.policy)  # merges to review, one site code used by two clones: warnings, read in this pass
    problems: list[Problem] = []
    for item in checking.book.iter_records():
        if not isinstance(item, Loaded):
            problems += problems_of(item) or [Problem(getattr(item, "path", checking.root), 1, item.message)]
            continue
        sharing.see(item)
        for check in RECORD_CHECKS:
            problems += check(item, checking.policy, checking.now)
        for note in RECORD_NOTES if checking.notes else ():
            checking.warnings += [str(found) for found in note(item, checking.policy, checking.now)]
    checking.warnings += sharing.warnings()
    return problems


UNMERGED = frozenset({"DD", "AU", "UD", "UA", "DU", "AA", "UU"})  # git status codes of a file in a conflicted merge


def uncommitted(checking: Checking) -> list[Problem]:
    """Record changes git does not have yet. A written record not committed (--no-commit,
    PLAINT_NO_COMMIT=1, a crash, a hand edit) is sound: a warning naming the fix, which the next
    committing write also does. A record deleted and not committed is a problem: every write refuses
    until it is restored or deleted deliberately (plaint.storage.recovery)."""
    from plaint.errors import worded
    from plaint.storage.recovery import uncommitted_records
    found = []
    root = checking.root
    for code, relative in uncommitted_records(root):
        path = os.path.join(root, relative)
        if code in UNMERGED:
            continue  # a merge in progress: the record's conflict is said where it is read, with its fix
        if "D" in code and not os.path.lexists(path):
            found += worded(path, 1, _("{items}:1: deleted but the deletion is not committed; restore it with `git -C "
                                       "{root} checkout HEAD -- {relative}`, or delete it deliberately with `git -C "
                                       "{root} rm {relative}` and commit that").format(
                items=path, root=root, relative=relative)).problems
            continue
        checking.warnings.append(_("{items}:1: warning: uncommitted change (git status {code}); the next plaint write "
                                   "commits it on its own, or commit it yourself: git -C {root} add {relative} && git "
                                   "-C {root} commit").format(items=path, code=code.strip(), root=root, relative=relative))
    return found


def stray_folders(checking: Checking) -> list[Problem]:
    """What sits in a year folder but is not a month folder (`2026/Nov/`, `2026/notes/`, a record file
    in `2026/` itself): readers skip it (digit folders such as `2026/13/` the book itself reports).
    A record file there is a problem (it is never read); a folder without one a warning."""
    found = []
    for year in sorted(os.scandir(checking.root), key=lambda e: e.name):
        if not (len(year.name) == 4 and year.name.isascii() and year.name.isdigit() and year.is_dir(follow_symlinks=False)):
            continue
        misplaced = _("not in a YYYY/MM folder (month 01-12), so not read as a record; move it into the folder of "
                      "the month it was received, {year}/01/ to {year}/12/").format(year=year.name)
        for entry in sorted(os.scandir(year.path), key=lambda e: e.name):
            if entry.name.startswith(".") or (entry.name.isascii() and entry.name.isdigit()) or entry.is_symlink():
                continue
            if entry.is_file() and entry.name.endswith(".toml"):
                found.append(Problem(entry.path, 1, misplaced))
            elif entry.is_dir():
                files = sorted(e.path for e in os.scandir(entry.path) if e.name.endswith(".toml") and e.is_file())
                found += [Problem(path, 1, misplaced) for path in files]
                if not files:
                    checking.warnings.append(_("{path}:1: warning: not a month folder ({year}/01/ to {year}/12/), so "
                                               "plaint reads no records in it").format(path=entry.path, year=year.name))
    return found


BOOK_CHECKS = (calendar_coverage, records, stray_folders, uncommitted)


def check_book(root: Path, now: datetime, warnings: list[str] | None = None, cache: str | None = None,
               notes: bool = False) -> list[Problem]:
    """Every problem in the book; things worth saying that are not problems (a year of holidays
    that is only estimated, merges to review, uncommitted records) go to `warnings`; `notes` adds
    each open case that still lacks what closing needs (not a problem: record first)."""
    book = Book(root, cache)
    try:
        policy = book.policy
    except PlaintError as exc:
        if warnings is not None:  # the records can still be read for the sharing warnings
            from plaint.sites import desk_warnings
            warnings += desk_warnings(str(root), cache)
        return problems_of(exc) or [Problem(os.path.join(str(root), "plaint.toml"), 1, exc.message)]
    checking = Checking(str(root), book, policy, now, warnings)
    checking.notes = notes
    return [problem for check in BOOK_CHECKS for problem in check(checking)]
