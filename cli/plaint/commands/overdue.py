"""`plaint overdue` without Click: find what is due, render it, say what could not be read, exit 0/1/2.

Both ways in call `run_overdue`: the hand parser in `entry` (cron's path, no Click imported) and
the Click command in `read`; so they answer alike, byte for byte."""

from __future__ import annotations

import sys


# The table column each filter narrows: on a narrow terminal what the user filtered on stays whole.
FILTERED = {"clock": "clock", "severity": "severity", "department": "department", "handler": "owner"}


def filtered_columns(options: dict, columns: dict) -> set:
    return {column for option, column in columns.items() if options.get(option)}


def run_overdue(settings, options: dict) -> int:
    """`plaint overdue`: rows on stdout, unreadable records on stderr; exit 0, 1 or 2."""
    from plaint.book import Book, find_book
    from plaint.overdue import find_overdue
    from plaint.timeparse import resolve_now
    from plaint.i18n import reset
    from plaint.settings import cache_location, language_environment
    reset(options.get("lang") or options.get("labels"), **language_environment())
    if options.get("no_color"):
        from plaint.render.colour import forbid
        forbid(True)
    if options.get("excel"):
        options["fmt"] = "csv"
    book = Book(find_book(settings.book), cache=None if options.get("no_cache") else cache_location())
    policy = book.policy
    tz = policy.calendar.tz
    duration = None
    if options.get("within"):
        from plaint.durations import parse_duration
        duration = parse_duration(options["within"], "--within: ")
    if options.get("count"):
        return _run_count(book, settings, options, duration)
    rows, problems = find_overdue(book, resolve_now(settings.now, tz), duration, options.get("clock"),
                                  options.get("severity"), options.get("department"), options.get("handler"),
                                  options.get("site"))
    _warn(problems, sum(1 for row in rows if row["provisional"]), policy)
    if rows:
        from plaint.render.tables import overdue_text
        text = overdue_text(rows, options["fmt"], policy, options.get("labels"), bool(options.get("excel")),
                            filtered_columns(options, FILTERED)).rstrip("\n") + "\n"
        if options.get("excel"):
            from plaint.render import excel
            text = excel(text)
        _write(text)
    elif options["fmt"] == "json":
        _write("[]\n")  # JSON is a list, even an empty one (the table stays silent for cron)
    if problems:
        return 2
    return 1 if any(row["state"] == "overdue" for row in rows) else 0


def _write(text: str) -> None:
    """To stdout; a reader that went away (`| head -1`) ends the output quietly, and the exit code stays
    what the rows say (1 only when something is overdue), never a finding the rows do not make."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit


def _warn(problems: list, provisional: int, policy) -> None:
    """Unreadable records, then how many rows have a provisional due, on stderr."""
    if problems:
        from plaint.render import problem_text
        sys.stderr.write(problem_text(problems) + "\n")
    if provisional:
        from plaint.render.deadline import provisional_warning
        sys.stderr.write(provisional_warning(policy.calendar, count=provisional) + "\n")


def _run_count(book, settings, options: dict, duration) -> int:
    """`plaint overdue --count`: the cases `overdue` would list, counted by the same walk (no rows, no
    table). One integer, `0` included (a monitoring item wants a number); with --format json
    {"cases": N, "overdue": n1, "due_soon": n2}. Exit codes as `overdue`: 2, else 1 if any overdue, else 0."""
    from plaint.overdue import count_overdue
    from plaint.timeparse import resolve_now
    counts, problems = count_overdue(book, resolve_now(settings.now, book.policy.calendar.tz), duration,
                                     options.get("clock"), options.get("severity"), options.get("department"),
                                     options.get("handler"), options.get("site"))
    _warn(problems, counts["provisional"], book.policy)
    if options["fmt"] == "json":
        import json
        _write(json.dumps({key: counts[key] for key in ("cases", "overdue", "due_soon")}) + "\n")
    else:
        _write("%d\n" % counts["cases"])
    if problems:
        return 2
    return 1 if counts["overdue"] else 0
