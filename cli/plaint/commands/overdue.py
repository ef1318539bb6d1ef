"""`plaint overdue` without Click: find what is due, render it, say what could not be read, exit 0/1/2.

Both ways in call `run_overdue`: the hand parser in `entry` (cron's path, no Click imported) and
the Click command in `read`; so they answer alike, byte for byte."""

from __future__ import annotations

import sys


def render_overdue(rows: list[dict], fmt: str, policy, labels: str | None = None, excel: bool = False) -> str:
    from plaint.overdue import COLUMNS
    from plaint.render import render_rows
    if fmt == "table":
        from plaint import words
        from plaint.render import colour
        from plaint.timeparse import show_time
        tz = policy.calendar.tz
        said: dict = {}  # thousands of rows share a few words and deadlines: each is worked out once

        def once(how, *value):
            key = (how, *value)
            found = said.get(key)
            if found is None:
                found = said[key] = how(*value)
            return found
        severity = lambda key: policy.label("severity", key, labels)  # noqa: E731
        roles = lambda names: words.names(words.role(role) for role in names)  # noqa: E731
        shown = [row | {"due": once(show_time, row["due"], tz, True) + ("*" if row["provisional"] else ""),
                        "severity": once(severity, row["severity"]) + ("↑" if row["severity_upgraded"] else ""),
                        "state_key": row["state"], "state": once(words.state, row["state"]),
                        "clock": once(words.clock, row["clock"]), "late": once(words.lateness, row["late"]),
                        "escalate_to": once(roles, tuple(row["escalate_to"])),
                        "summary": once(cut, row["summary"], 40)} for row in rows]
        return render_rows(shown, COLUMNS, fmt, words.headers(COLUMNS),
                           paint=colour.cell_painter(colour.enabled(), "state", "state_key"))
    columns = COLUMNS + ["late_minutes", "severity_upgraded", "provisional", "extended_to", "path", "round",
                           "original_due", "breached"]
    if excel:
        from plaint.render import for_people, to_csv
        shown, headers = for_people(rows, columns, policy)
        return to_csv(list(shown), columns, headers)
    return render_rows(rows, columns, fmt)


def cut(text: str, width: int) -> str:
    from plaint.render import cut as cut_text
    return cut_text(text, width)


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
    rows, problems = find_overdue(book, resolve_now(settings.now, tz), duration, options.get("clock"),
                                  options.get("severity"), options.get("department"), options.get("handler"),
                                  options.get("site"))
    if problems:
        from plaint.render import problem_text
        sys.stderr.write(problem_text(problems) + "\n")
    provisional = sum(1 for row in rows if row["provisional"])
    if provisional:
        from plaint.i18n import _
        sys.stderr.write(policy.calendar.provisional_warning(
            _("{count} deadline(s) marked * are").format(count=provisional)) + "\n")
    if rows:
        text = render_overdue(rows, options["fmt"], policy, options.get("labels"), bool(options.get("excel"))).rstrip("\n") + "\n"
        if options.get("excel"):
            from plaint.render import excel
            text = excel(text)
        sys.stdout.write(text)
    if problems:
        return 2
    return 1 if any(row["state"] == "overdue" for row in rows) else 0
