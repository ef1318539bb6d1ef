"""The desk's daily commands: find, edit, note, link. Parse, call one core function, render."""

from __future__ import annotations

import sys

import click

from plaint.commands.group import Session, echo, main, pass_session, show_warnings
from plaint.i18n import _


def on_terminal() -> bool:
    return sys.stdout.isatty()


def say_if_empty(rows: list) -> None:
    """At a terminal an empty answer is said in words (on stderr); a script gets nothing at all."""
    if not rows and on_terminal():
        from plaint.render.tables import no_match_text
        click.echo(no_match_text(), err=True)


def desk_filter(session: Session, since=None, until=None, **given):
    from plaint.filters import Filter, day_bound
    year = session.now.year if (since or until) else None  # `11月16日` is this year's
    return Filter(since=day_bound(since, session.tz, "--from", end=False, year=year),
                  until=day_bound(until, session.tz, "--to", end=True, year=year), **given)


def warn_repeats(session: Session, result: dict) -> None:
    """After filing: the same contact or reference already has open complaints (they escalate)."""
    from plaint.search import open_cases_of
    record = result["record"]
    found = open_cases_of(session.book, record.get("complainant", {}).get("contact", ""),
                          record.get("reference", ""), result["id"])
    if found:
        from plaint.render.outcomes import repeats_text
        click.echo(repeats_text(found), err=True)


# -- find --------------------------------------------------------------------------
@main.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--status", help="open (every case not yet done), received, assigned, answered, closed, revisited, "
                               "reopened, duplicate.")
@click.option("--department", help="Of DEPARTMENT (any case).")
@click.option("--site", help="Only cases filed under this site code (the start of the id, e.g. BJ).")
@click.option("--from", "since", metavar="DATE", help="Received on or after DATE (or TIME).")
@click.option("--to", "until", metavar="DATE", help="Received on or before DATE (the whole day), or TIME.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              help="table (default), json or csv.")
@click.option("--excel", is_flag=True, help="CSV for Excel: UTF-8 with a byte-order mark.")
@click.option("--no-cache", is_flag=True, help="Parse every record file; do not use or fill the read cache.")
@pass_session
def find(session: Session, text, status, department, site, since, until, fmt, excel, no_cache):
    """Find cases by phone, unit, reference, name, place or words, newest first."""
    if no_cache:
        session.book.cache = None  # as list does
    from plaint.render import render_rows
    from plaint.search import FIND_COLUMNS, find_records
    fmt = "csv" if excel else fmt
    rows, problems = find_records(session.book, desk_filter(session, status=status, department=department, site=site,
                                                            since=since, until=until, search=" ".join(text)),
                                  session.now)
    if problems:
        from plaint.render import problem_text
        click.echo(problem_text(problems), err=True)
    if fmt == "table" and rows:
        from plaint.render.tables import find_table
        from plaint.commands.overdue import filtered_columns
        echo(find_table(rows, session.tz, " ".join(text), filtered_columns(
            {"status": status, "since": since, "until": until}, {"status": "status", "since": "received",
                                                                 "until": "received"})))
    elif fmt != "table":
        out = render_rows(rows, FIND_COLUMNS if fmt == "csv" else FIND_COLUMNS + ["path"], fmt)
        if excel:
            from plaint.render import excel as for_excel, for_people, to_csv
            shown, headers = for_people(rows, FIND_COLUMNS, session.book.policy)
            out = for_excel(to_csv(list(shown), FIND_COLUMNS, headers))
        echo(out)
    say_if_empty(rows)
    if problems:
        raise click.exceptions.Exit(2)


# -- edit --------------------------------------------------------------------------
EDIT_OPTIONS = [
    ("channel", "How the complaint came in."), ("source", "external or internal."),
    ("reference", "Waybill, plate or serial number."), ("summary", "What happened, in a line."),
    ("details", "The full account."), ("location", "Where it happened."), ("unit", "Unit, address or customer number."),
    ("happened", "When it happened (time)."), ("about", "The department or person complained about."),
    ("request", "What the customer asks for."), ("witnesses", "Witnesses."), ("evidence", "Evidence."),
    ("name", "The complainant's name."), ("contact", "Phone or e-mail."),
]


def _edit_options(func):
    for option, text in reversed(EDIT_OPTIONS):
        func = click.option(f"--{option}", help=text)(func)
    return func


@main.command()
@click.argument("id")
@_edit_options
@click.option("--reason", default="", help="Why the correction (kept in the history).")
@click.option("--draft", metavar="FILE", help="Carry on with a form saved as a draft.")
@pass_session
def edit(session: Session, id, reason, draft, **given):
    """Correct what was typed (old and new value go into the history); no options: in $EDITOR."""
    from plaint.editing import edit_record
    values = {name: value for name, value in given.items() if value is not None}
    if not values:
        from plaint.commands.form import edit_in_editor
        values, reason = edit_in_editor(session, id, reason, draft)
    if "happened" in values and values["happened"] not in ("", None) and isinstance(values["happened"], str):
        values["happened"] = session.time(values["happened"], "--happened")
    result = edit_record(**session.acting(), query=id, values=values, reason=reason)
    show_warnings(result)
    from plaint.render.outcomes import edited_line
    click.echo(edited_line(result["id"], [k for k in result["record"]["history"][-1] if k in values]))


# -- note --------------------------------------------------------------------------
@main.command()
@click.argument("id")
@click.option("--text", required=True, help="What we knew, when, what we did.")
@pass_session
def note(session: Session, id, text):
    """Add an internal note to the case's history (shown by show, never in reports)."""
    from plaint.editing import add_note
    result = add_note(**session.acting(), query=id, text=text)
    show_warnings(result)
    from plaint.render.outcomes import note_line
    click.echo(note_line(result["id"]))


# -- link --------------------------------------------------------------------------
@main.command()
@click.argument("ids", nargs=-1, required=True, metavar="A [B]")
@click.option("--duplicate-of", "original", metavar="A", help="Close the case as a duplicate of A.")
@click.option("--reason", default="", help="Why (kept in the history).")
@pass_session
def link(session: Session, ids, original, reason):
    """Relate two cases (link A B), or close B as a duplicate (link B --duplicate-of A)."""
    from plaint.editing import link_cases
    from plaint.errors import UsageError
    from plaint.render.outcomes import linked_line
    if original:
        if len(ids) != 1:
            raise UsageError(_("write `plaint link B --duplicate-of A`: one case, the duplicate, before the option"))
        result = link_cases(**session.acting(), first=original, second=ids[0], duplicate=True, reason=reason)
        show_warnings(result)
        click.echo(linked_line(result["ids"], duplicate=True))
        return
    if len(ids) != 2:
        raise UsageError(_("write `plaint link A B` (two cases), or `plaint link B --duplicate-of A`"))
    result = link_cases(**session.acting(), first=ids[0], second=ids[1], reason=reason)
    show_warnings(result)
    click.echo(linked_line(result["ids"], duplicate=False))
