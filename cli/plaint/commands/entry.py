"""The entry point, with a Click-free fast path for `plaint overdue`.

cron runs `plaint overdue` every few minutes, and importing Click alone costs about three
times Python's own start-up. So the plain forms of that one command are parsed here; anything
else (help, a typo, another command) goes to the Click command line, which owns usage errors.
"""

from __future__ import annotations

import sys

GLOBAL_VALUES = {"--book": "book", "--now": "now", "--by": "actor", "--lang": "lang"}
GLOBAL_FLAGS = {"--no-commit": "no_commit", "--no-color": "no_color"}
OVERDUE_VALUES = {"--within": "within", "--clock": "clock", "--severity": "severity",
                  "--department": "department", "--handler": "handler", "--site": "site", "--labels": "labels",
                  "--format": "fmt"}
OVERDUE_FLAGS = {"--no-cache": "no_cache", "--excel": "excel"}
LABELS = ("en", "zh")
OVERDUE_FORMATS = ("table", "json", "csv")


def parse_overdue(argv: list[str]) -> dict | None:
    """The options of a plain `plaint [globals] overdue [options]`, or None to let Click decide."""
    values: dict = {"fmt": "table"}
    command_seen = False
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "overdue" and not command_seen:
            command_seen = True
            index += 1
            continue
        name, sep, inline = token.partition("=")
        table = {**OVERDUE_VALUES, **GLOBAL_VALUES} if command_seen else GLOBAL_VALUES  # globals go either side
        flags = {**OVERDUE_FLAGS, **GLOBAL_FLAGS} if command_seen else GLOBAL_FLAGS
        if token in flags:
            values[flags[token]] = True
            index += 1
            continue
        if name not in table:
            return None
        if sep:
            value = inline
            index += 1
        elif index + 1 < len(argv):
            value = argv[index + 1]
            index += 2
        else:
            return None
        values[table[name]] = value
    if not command_seen or values["fmt"] not in OVERDUE_FORMATS or values.get("labels", "en") not in LABELS \
            or values.get("lang", "en") not in LABELS:
        return None
    return values


def render_overdue(rows: list[dict], fmt: str, policy, labels: str | None = None) -> str:
    from plaint.overdue import COLUMNS
    from plaint.render import render_rows
    if fmt == "table":
        from plaint import words
        from plaint.render import colour
        from plaint.timeparse import show_time
        tz = policy.calendar.tz
        shown = [row | {"due": show_time(row["due"], tz, deadline=True) + ("*" if row["provisional"] else ""),
                        "severity": policy.label("severity", row["severity"], labels)
                        + ("↑" if row["severity_upgraded"] else ""), "state_key": row["state"],
                        "state": words.state(row["state"]), "clock": words.clock(row["clock"]),
                        "late": words.lateness(row["late"]),
                        "escalate_to": [words.role(role) for role in row["escalate_to"]],
                        "summary": cut(row["summary"], 40)} for row in rows]
        return render_rows(shown, COLUMNS, fmt, words.headers(COLUMNS),
                           paint=colour.cell_painter(colour.enabled(), "state", "state_key"))
    columns = COLUMNS + ["late_minutes", "severity_upgraded", "provisional", "extended_to", "path", "round",
                           "original_due", "breached"]
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
    from plaint.settings import language_environment
    reset(options.get("lang") or options.get("labels"), **language_environment())
    if options.get("no_color"):
        from plaint.render.colour import forbid
        forbid(True)
    if options.get("excel"):
        options["fmt"] = "csv"
    book = Book(find_book(settings.book), cache=not options.get("no_cache"))
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
        text = render_overdue(rows, options["fmt"], policy, options.get("labels")).rstrip("\n") + "\n"
        if options.get("excel"):
            from plaint.render import excel
            text = excel(text)
        sys.stdout.write(text)
    if problems:
        return 2
    return 1 if any(row["state"] == "overdue" for row in rows) else 0


def merge_driver(argv: list[str]) -> int:
    """`plaint merge-driver %O %A %B %P`: git runs it once per record both sides changed, so it skips Click.
    The Click command of the same name (cli_sync.py) takes the same arguments and says the same."""
    from plaint.mergefile import merge_files
    path = argv[3] if len(argv) > 3 else "record"
    problem = merge_files(argv[0], argv[1], argv[2], path)
    if problem:
        sys.stderr.write(f"plaint merge-driver: {path}: cannot merge field by field: {problem}; "
                         "left git's conflict markers for a person (`plaint check` explains)\n")
        return 1
    return 0


def main() -> None:
    if sys.argv[1:2] == ["merge-driver"] and len(sys.argv) in (5, 6) and not any(
            a.startswith("-") for a in sys.argv[2:]):
        sys.exit(merge_driver(sys.argv[2:]))
    options = parse_overdue(sys.argv[1:])
    if options is None:
        from plaint.commands.steps import main as click_main
        click_main()
        return
    from plaint.errors import PlaintError
    try:
        from plaint.settings import settings_from
        code = run_overdue(settings_from(options.get("book"), options.get("now"), options.get("actor"),
                                         bool(options.get("no_commit"))), options)
    except PlaintError as exc:
        from plaint.render import visible
        from plaint.i18n import _
        sys.stderr.write(visible(_("Error: {message}").format(message=exc.message), keep_newlines=True) + "\n")
        code = exc.exit_code
    except Exception as exc:  # noqa: BLE001 - a bug: one line and its own exit code, never a traceback
        from plaint.errors import INTERNAL_ERROR, internal_error_line
        sys.stderr.write(internal_error_line("overdue", exc) + "\n")
        code = INTERNAL_ERROR
    sys.exit(code)
