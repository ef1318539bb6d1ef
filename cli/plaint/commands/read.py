"""Reading commands: show, list, log, overdue, report, check. They never write."""

from __future__ import annotations

import click

from plaint.commands.group import Session, echo, main, pass_session
from plaint.errors import UsageError
from plaint.render import visible
from plaint.i18n import _, os_reason


def _report_problems(problems) -> None:
    if problems:
        from plaint.render import problem_text, stderr_width
        from plaint.render.layout import hang_each
        click.echo(hang_each(problem_text(problems), stderr_width()), err=True)


@main.command()
@click.argument("id")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "toml"]), default="text",
              help="text (default), json (the record with its deadlines and assessment) or toml (the file as stored).")
@click.option("--labels", type=click.Choice(["en", "zh"]), help="Label language (default: the policy's).")
@click.option("--history", "full_history", is_flag=True, help="Print every value of every history entry in full.")
@click.option("--explain", "explain_clock", metavar="CLOCK",
              help="Explain one clock's deadline step by step (start, days skipped and why, extensions).")
@click.option("--no-cache", is_flag=True, help="Accepted like the other reading commands; show reads the file itself.")
@pass_session
def show(session: Session, id, fmt, labels, full_history, explain_clock, no_cache):
    """Show one complaint with its clocks and history."""
    from plaint.commands.group import warn_provisional
    from plaint.views import show_record
    result = show_record(session.book, id, session.now)
    warn_provisional(session, result["record"]["deadlines"])
    if explain_clock:
        from plaint.deadlines import clock_steps
        from plaint.render.explain import explain_lines
        from plaint.vocab import fixed
        name, policy = fixed(explain_clock, "clock"), session.book.policy
        clock = result["case"].clocks.get(name)
        steps = clock_steps(clock, policy.calendar) if clock else []
        lines = explain_lines(result["case"], name, policy, steps)
        if not lines:
            from plaint.problems import choices
            raise UsageError(_("{id} runs no {explain_clock!r} clock; {allowed}").format(
                id=result['case'].id, explain_clock=explain_clock,
                allowed=choices("clocks", result['case'].clocks) if result['case'].clocks else _("it runs no clock")))
        from plaint.render import terminal_width
        from plaint.render.layout import fit_lines
        echo(fit_lines(visible("\n".join(lines), keep_newlines=True), terminal_width()))  # wraps on a terminal
    elif fmt == "json":
        from plaint.render import to_json
        echo(to_json(result["record"]))
    elif fmt == "toml":
        click.echo(result["raw"], nl=False)
    else:
        from plaint.render.show import record_text
        from plaint.render import terminal_width
        from plaint.render.colour import enabled
        echo(record_text(result["data"], result["case"], session.book.policy, labels, full_history,
                         colour=enabled(), width=terminal_width(), missing=result["missing"],
                         merges=result["merges"]))  # every line already safe for a terminal
    if result["problems"]:  # a hand edit the case cannot stand on: said like an unreadable record
        _report_problems(result["problems"])
        raise click.exceptions.Exit(2)


# The table column each filter narrows: on a narrow terminal what the user filtered on stays whole.
LIST_FILTERED = {"status": "status", "open_only": "status", "severity": "severity", "category": "category",
                 "handler": "handler", "department": "department", "since": "received", "until": "received"}


@main.command("list")
@click.option("--status", help="open (every case not yet done), received, assigned, answered, closed, revisited, "
                               "reopened, duplicate.")
@click.option("--severity", help="Of SEVERITY as the case counts now (key or label; age upgrades applied).")
@click.option("--category", help="Of CATEGORY (key or label).")
@click.option("--handler", help="Handled by NAME (any case).")
@click.option("--department", help="Of DEPARTMENT (any case).")
@click.option("--site", help="Only cases filed under this site code (the start of the id, e.g. BJ).")
@click.option("--from", "since", metavar="DATE", help="Received on or after DATE (or TIME).")
@click.option("--to", "until", metavar="DATE", help="Received on or before DATE (the whole day), or TIME.")
@click.option("--open", "open_only", is_flag=True, help="Only cases not yet closed.")
@click.option("--search", metavar="TEXT", help="Only cases matching TEXT, as `plaint find` does.")
@click.option("--labels", type=click.Choice(["en", "zh"]), help="Label language in tables (default: the policy's).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              help="table (default), json or csv.")
@click.option("--excel", is_flag=True, help="CSV for Excel: UTF-8 with a byte-order mark.")
@click.option("--no-cache", is_flag=True, help="Parse every record file; do not use or fill the read cache.")
@pass_session
def list_cmd(session: Session, status, severity, category, handler, department, site, since, until, open_only,
             search, labels, fmt, excel, no_cache):
    """List complaints, filtered."""
    from plaint.commands.desk import desk_filter, say_if_empty
    if no_cache:
        session.book.cache = None
    from plaint.views import LIST_COLUMNS, LIST_EXTRA, list_records
    fmt = "csv" if excel else fmt
    flt = desk_filter(session, status=status, severity=severity, category=category, handler=handler,
                      department=department, site=site, since=since, until=until, open_only=open_only,
                      search=search)
    rows, problems = list_records(session.book, flt, session.now, stream=fmt != "table")
    if fmt == "table":
        _report_problems(problems)
        from plaint.render.tables import list_table
        from plaint.commands.overdue import filtered_columns
        text = list_table(rows, session.book.policy, session.tz, labels, filtered_columns(
            {"status": status, "open_only": open_only, "severity": severity, "category": category, "handler": handler,
             "department": department, "since": since, "until": until}, LIST_FILTERED),
                          search)
        if text:
            echo(text)
        say_if_empty(rows)
    else:  # written as read: one record in memory at a time
        from plaint.render import BOM, for_people, iter_csv, iter_json
        counted = _Counted(rows)
        if excel:
            shown, headers = for_people(counted, LIST_COLUMNS + LIST_EXTRA, session.book.policy)
        pieces = (iter_csv(shown, LIST_COLUMNS + LIST_EXTRA, headers) if excel
                  else iter_csv(counted, LIST_COLUMNS + LIST_EXTRA) if fmt == "csv" else iter_json(counted))
        if excel:
            click.echo(BOM, nl=False)
        _write_all(pieces)
        _report_problems(problems)
        say_if_empty(counted.seen)
    if problems:
        raise click.exceptions.Exit(2)


class _Counted:
    """An iterator that remembers how many rows went past (for say_if_empty)."""

    def __init__(self, rows):
        self.rows, self.seen = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.seen += 1
            yield row


def _write_all(pieces) -> None:
    """Text pieces to stdout in blocks, ending with one newline as echo() would."""
    block, size, last = [], 0, ""
    for piece in pieces:
        if not piece:
            continue
        if last:
            block.append(last)
            size += len(last)
        last = piece
        if size > 1 << 16:
            click.echo("".join(block), nl=False)
            block, size = [], 0
    block.append(last.rstrip("\n"))
    click.echo("".join(block))


@main.command()
@click.argument("id")
@pass_session
def log(session: Session, id):
    """The record's git history: who did what, when."""
    from plaint.errors import NotFound
    from plaint.storage.git import is_own_worktree, record_log, record_path_in_history
    try:
        path = session.book.find(id)
    except NotFound:  # deleted since: git still has its history
        path = record_path_in_history(session.book.root, id)
        if path is None:
            raise
    if not is_own_worktree(session.book.root):
        raise UsageError(_("{root} is not its own git repository, so there is no history to show; `plaint show` "
                           "lists the record's [[history]]").format(root=session.book.root))
    from plaint.render.tables import log_lines
    from plaint.render import terminal_width
    for line in log_lines(record_log(session.book.root, path), session.tz, session.book.policy, terminal_width()):
        click.echo(line)


@main.command()
@click.option("--within", metavar="DURATION", help="Also list clocks due within DURATION (e.g. 2wh, 1wd).")
@click.option("--clock", help="Only this clock.")
@click.option("--severity", help="Only this severity (as the case counts now).")
@click.option("--department", help="Only this department.")
@click.option("--handler", help="Only this handler.")
@click.option("--site", help="Only cases filed under this site code (the start of the id, e.g. BJ).")
@click.option("--labels", type=click.Choice(["en", "zh"]), help="Label language in tables (default: the policy's).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              help="table (default), json or csv.")
@click.option("--excel", is_flag=True, help="CSV for Excel: UTF-8 with a byte-order mark.")
@click.option("--no-cache", is_flag=True, help="Parse every record file; do not use or fill the read cache.")
@click.option("--count", is_flag=True,
              help="Print only the number of cases listed (0 included), for monitoring; with --format json: "
                   "{\"cases\": N, \"overdue\": N, \"due_soon\": N}. Same filters and exit codes.")
@pass_session
def overdue(session: Session, within, clock, severity, department, handler, site, labels, fmt, excel, no_cache,
            count):
    """What is overdue (exit 1), or due soon; silent with exit 0 when nothing is (--count prints 0)."""
    from plaint.commands.overdue import run_overdue
    code = run_overdue(session.settings, {"within": within, "clock": clock, "severity": severity,
                                          "department": department, "handler": handler, "site": site, "fmt": fmt,
                                          "labels": labels, "no_cache": no_cache, "excel": excel,
                                          "no_color": _no_color(), "lang": _explicit_lang(), "count": count})
    if code:
        raise click.exceptions.Exit(code)


@main.command()
@click.option("--month", metavar="YYYY-MM", help="The month to report (default: the last complete month).")
@click.option("--from", "since", metavar="DATE", help="Start of the period (inclusive).")
@click.option("--to", "until", metavar="DATE", help="End of the period (inclusive date).")
@click.option("--compare", is_flag=True, help="Compare with the previous period of the same length.")
@click.option("--site", help="Only cases filed under this site code (default: every site).")
@click.option("--months", type=click.IntRange(0, 120), default=None,
              help="Add the trend over the last N months, each as its own report (default 12 for html and xlsx).")
@click.option("--as-of", "as_of", metavar="DATE",
              help="The book as it stood then (end of DATE, or a time), read from its git history.")
@click.option("--labels", type=click.Choice(["en", "zh"]), help="Label language (default: the policy's).")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "csv", "json", "html", "xlsx"]),
              default="table", help="table (default), markdown, csv, json, html or xlsx (html and xlsx: with charts).")
@click.option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout (xlsx on a terminal needs it).")
@click.option("--excel", is_flag=True, help="CSV for Excel: UTF-8 with a byte-order mark.")
@click.option("--no-cache", is_flag=True, help="Parse every record file; do not use or fill the read cache.")
@pass_session
def report(session: Session, month, since, until, compare, site, months, as_of, labels, fmt, output, excel, no_cache):
    """The monthly statistics and analysis for management."""
    if no_cache:
        session.book.cache = None
    fmt = "csv" if excel else fmt
    from plaint.period import report_period
    from plaint.report import build_report
    from plaint.render.report import render_report
    now, policy, source = session.now, session.book.policy, None
    if as_of:
        from plaint.asof import as_of_time, book_at
        moment = as_of_time(as_of, session.tz, session.now.year)
        source = book_at(session.book, moment)
        now, policy = min(now, moment), source.policy
    if months is None:
        months = 12 if fmt in ("html", "xlsx") else 0
    target = _report_target(session, fmt, output)
    period = report_period(now, month, since, until)
    result, problems = build_report(session.book, period, now, compare, months, source, site)
    _report_problems(problems)
    if fmt == "xlsx":
        from plaint.render.xlsx import render_xlsx
        data = render_xlsx(result, policy, labels)
        if target:
            _write_output(target, data)
        else:
            import sys
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    else:
        if fmt == "html":
            from plaint.render.html import render_html
            text = render_html(result, policy, labels)
        else:
            from plaint.render import terminal_width
            text = render_report(result, fmt, policy, labels, excel=excel,
                                 width=terminal_width() if fmt == "table" and not target else None)
        if excel:
            from plaint.render import excel as for_excel
            text = for_excel(text)
        if target:
            _write_output(target, (text.rstrip("\n") + "\n").encode("utf-8"))
        else:
            echo(text)
    if problems:
        raise click.exceptions.Exit(2)


def _no_color() -> bool:
    from plaint.render.colour import _state
    return _state["forbidden"]


def _explicit_lang() -> str | None:
    from plaint.i18n import _state
    return _state["explicit"]


def stdout_is_terminal() -> bool:
    import sys
    return sys.stdout.isatty()


def _write_output(target: str, data: bytes) -> None:
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise UsageError(_("--output {output}: cannot write it ({reason})").format(output=target, reason=os_reason(exc)))


def _report_target(session: Session, fmt: str, output: str | None) -> str | None:
    """Where the report goes: --output FILE (never inside the book), else stdout; a binary
    spreadsheet is not poured onto a terminal."""
    import os
    if output:
        path = os.path.realpath(output)
        root = os.path.realpath(session.book.root)
        if path == root or path.startswith(root + os.sep):
            raise UsageError(_("--output {output}: the report would be written inside the book {root}; reading "
                               "commands never write there. Write it elsewhere, e.g. --output ~/report.{fmt}").format(output=output, root=root, fmt=fmt))
        if os.path.isdir(path):
            raise UsageError(_("--output {output} is a folder; name a file, e.g. {items}").format(output=output, items=os.path.join(output, 'report.' + fmt)))
        folder = os.path.dirname(os.path.abspath(output))
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise UsageError(_("--output {output}: {folder} is a file, not a folder").format(output=output, folder=folder))
        if not os.path.isdir(folder):
            raise UsageError(_("--output {output}: the folder {folder} does not exist; create it first or name a file "
                               "in an existing folder").format(output=output, folder=folder))
        return output
    if fmt == "xlsx" and stdout_is_terminal():
        raise UsageError(_("--format xlsx writes a binary spreadsheet: give --output FILE (e.g. --output "
                           "report.xlsx) or redirect stdout to a file"))
    return None


@main.command()
@click.option("--no-cache", is_flag=True, help="Parse every record file; do not use or fill the read cache.")
@click.option("--notes", is_flag=True, help="Also name each open case that still lacks what closing needs (not a problem).")
@pass_session
def check(session: Session, no_cache, notes):
    """Validate the book's policy, calendar and records; silent when all is well."""
    from plaint.book import find_book
    from plaint.checks import check_book
    from plaint.errors import PlaintError
    from plaint.timeparse import resolve_now
    try:
        now = session.now
    except PlaintError:  # a broken policy has no timezone to read --now in; check still reports it
        from zoneinfo import ZoneInfo
        now = resolve_now(session.settings.now, ZoneInfo("UTC"))
    warnings: list[str] = []
    root = find_book(session.settings.book)
    problems = check_book(root, now, warnings, None if no_cache else session.cache, notes)
    _report_problems(warnings + problems)
    if problems:
        raise click.exceptions.Exit(2)
