"""The procedure's steps at the command line (init, file, classify ... reopen): parse, call one
core function, render its result. Nothing else lives here."""

from __future__ import annotations

import sys

import click

from plaint.errors import UsageError
from plaint.i18n import _
from plaint.commands.group import Session, echo, main, pass_session, show_warnings, warn_provisional  # noqa: F401


# -- init ------------------------------------------------------------------------
@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option("--template", "-t", default="general", show_default=True, help="Policy template to start from.")
@click.option("--site", help="Site code used in ids (letters and digits).")
@click.option("--name", help="The book's name.")
@click.option("--list", "list_templates", is_flag=True, help="List the templates and exit.")
def init(directory, template, site, name, list_templates):
    """Create a book in DIRECTORY from a policy template."""
    from plaint.setup import create_book, template_list
    from plaint.render.outcomes import created_text, no_repository_note, template_lines
    if list_templates:
        echo("\n".join(template_lines(template_list())))
        return
    if directory is None:
        raise UsageError(_("init needs a DIRECTORY (or --list to see the templates)"))
    result = create_book(directory, template, site=site, name=name)
    click.echo(created_text(result, template))
    if result.get("enclosing_repo"):
        click.echo(no_repository_note(result), err=True)


# -- file ------------------------------------------------------------------------
FILE_FIELDS = [
    ("channel", "How the complaint came in."), ("summary", "What happened, in a line."),
    ("details", "The full account."), ("name", "The complainant's name."), ("contact", "Phone or e-mail."),
    ("unit", "Unit, address or customer number."), ("location", "Where it happened."),
    ("happened", "When it happened (time)."), ("about", "The department or person complained about."),
    ("request", "What the customer asks for."), ("reference", "Waybill, plate or order number."),
    ("source", "external or internal."), ("witnesses", "Witnesses."), ("evidence", "Evidence."),
    ("category", "Category, if known."), ("severity", "Severity, if known."), ("validity", "Validity, if known."),
    ("received", "When it was received (default: now)."),
]


def _file_options(func):
    for option, text in reversed(FILE_FIELDS):
        func = click.option(f"--{option}", help=text)(func)
    return func


@main.command("file")
@_file_options
@click.option("--form", "use_form", is_flag=True, help="Fill in the book's form in $EDITOR (the default at a "
              "terminal when no --summary is given).")
@click.option("--draft", metavar="FILE", help="Carry on with a form saved as a draft.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text (default: the id and its deadlines) or json (id, path and deadlines).")
@pass_session
def file_cmd(session: Session, fmt, use_form, draft, **given):
    """Record a new complaint and print its id."""
    from plaint.lifecycle import file_complaint
    if use_form or draft or (not given.get("summary") and interactive()):
        from plaint.commands.form import file_form
        given = file_form(session, given, draft)
    fields = {
        "channel": given["channel"], "summary": given["summary"], "details": given["details"],
        "complainant_name": given["name"], "complainant_contact": given["contact"], "unit": given["unit"],
        "location": given["location"], "happened": session.event(given["happened"], "--happened"),
        "complained_about": given["about"], "request": given["request"], "reference": given["reference"],
        "source": given["source"], "witnesses": given["witnesses"], "evidence": given["evidence"],
        "category": given["category"], "severity": given["severity"], "validity": given["validity"],
        "received": session.time(given["received"], "--received"),
    }
    result = file_complaint(fields=fields, site=session.settings.site, **session.acting())
    show_warnings(result)
    warn_provisional(session, {name: {"provisional": clock.provisional} for name, clock in result["clocks"].items()})
    from plaint.commands.desk import warn_repeats
    warn_repeats(session, result)
    if fmt == "json":
        from plaint.render.outcomes import filed_json
        echo(filed_json(result))
        return
    click.echo(result["id"])
    from plaint.render.outcomes import deadline_lines
    for line in deadline_lines(result["deadlines"], session.tz):
        click.echo(line, err=True)


def interactive() -> bool:
    """A person at a terminal (not cron, not a pipe): only then open an editor."""
    return sys.stdin.isatty() and sys.stdout.isatty()


# -- the steps after filing ----------------------------------------------------------
def _done(result: dict, step: str, *values) -> None:
    """Say the step's warnings, then `{id}: what it did` (a step's key, or the words for an extension)."""
    from plaint.render.outcomes import STEPS_DONE, done_line, step_done
    show_warnings(result)
    click.echo(done_line(result["id"], step_done(step, values) if step in STEPS_DONE else step))


@main.command()
@click.argument("id")
@click.option("--validity", help="valid, or a communication/invalid kind from the policy.")
@click.option("--severity", help="A severity from the policy.")
@click.option("--category", help="A category from the policy.")
@click.option("--subcategory", help="A sub-kind the policy lists under the category.")
@click.option("--reason", help="Why (kept in the history).")
@pass_session
def classify(session, id, validity, severity, category, subcategory, reason):
    """Set validity, severity and category (again, if need be)."""
    from plaint.lifecycle import classify as run
    result = run(**session.acting(), query=id, validity=validity, severity=severity, category=category, reason=reason,
                 subcategory=subcategory)
    _done(result, "classify", validity, severity, category, subcategory)


@main.command()
@click.argument("id")
@click.option("--handler", help="Who handles the case.")
@click.option("--department", help="The responsible department.")
@click.option("--deadline", metavar="TIME", help="The resolve deadline the routing desk sets (where the policy says so).")
@pass_session
def assign(session, id, handler, department, deadline):
    """Give the case a handler and a department."""
    from plaint.lifecycle import assign as run
    result = run(**session.acting(), query=id, handler=handler, department=department,
                 deadline=session.time(deadline, "--deadline", deadline=True))
    _done(result, "assign", handler, department)


@main.command()
@click.argument("id")
@click.option("--note", default="", help="What was checked.")
@pass_session
def verify(session, id, note):
    """Record that the complaint was verified (before routing, where the policy asks)."""
    from plaint.lifecycle import verify as run
    _done(run(**session.acting(), query=id, note=note), "verify")


@main.command()
@click.argument("id")
@click.option("--solution", required=True, help="The proposed solution.")
@pass_session
def propose(session, id, solution):
    """Record the proposed solution (stops the propose clock)."""
    from plaint.lifecycle import propose as run
    _done(run(**session.acting(), query=id, solution=solution), "propose")


@main.command()
@click.argument("id")
@click.option("--approver", default="", help="The approving role (checked against the policy).")
@click.option("--note", default="", help="Conditions or remarks.")
@pass_session
def approve(session, id, approver, note):
    """Approve the proposed solution (the acting person signs as --by)."""
    from plaint.lifecycle import approve as run
    _done(run(**session.acting(), query=id, approver=approver, note=note), "approve")


@main.command()
@click.argument("id")
@click.option("--responsible", required=True, help="The person named responsible.")
@click.option("--deadline", help="The deadline the review set.")
@click.option("--notes", default="", help="What the review found.")
@pass_session
def review(session, id, responsible, deadline, notes):
    """Record a serious-case review: the responsible person and a deadline."""
    from plaint.lifecycle import review as run
    result = run(**session.acting(), query=id, responsible=responsible,
                 deadline=session.time(deadline, "--deadline", deadline=True), notes=notes)
    _done(result, "review", responsible)


@main.command()
@click.argument("id")
@click.option("--text", required=True, help="What the customer was told.")
@click.option("--method", default="", help="How: phone, visit, in_person, letter, email, sms, or one of the book's channels (key or label).")
@pass_session
def reply(session, id, text, method):
    """Record the answer given to the customer (stops the respond clock)."""
    from plaint.lifecycle import reply as run
    _done(run(**session.acting(), query=id, text=text, method=method), "reply")


@main.command()
@click.argument("id")
@click.option("--clock", required=True, help="The clock to extend: route, acknowledge, propose, respond, resolve, revisit.")
@click.option("--to", "to", help="The new deadline (a time).")
@click.option("--add", "add", metavar="DURATION", help="Extend by a duration, e.g. 2wd.")
@click.option("--by", "by", metavar="NAME", help="Who acts (a duration here is the old spelling of --add).")
@click.option("--approver", required=True, help="The approving role (checked against the policy).")
@click.option("--reason", required=True, help="Why the extension was granted.")
@pass_session
def extend(session, id, clock, to, add, by, approver, reason):
    """Move a clock's deadline, with the approver's sign-off."""
    from plaint.lifecycle import extend as run
    from plaint.commands.options import old_extend_by
    from plaint.render.outcomes import extended_text, late_extension_text
    add = old_extend_by(session, by, add)
    result = run(**session.acting(), query=id, clock=clock, to=session.time(to, "--to", deadline=True), by=add,
                 approver=approver, reason=reason)
    _done(result, extended_text(result, clock, session.tz))
    if result["late"]:
        click.echo(late_extension_text(result, clock, session.tz), err=True)


@main.command()
@click.argument("id")
@click.option("--resolution", required=True, help="How it was resolved.")
@click.option("--cause", default="", help="The root cause found (free text).")
@click.option("--cause-code", default="", help="The cause from the policy's [[causes]]: key, English or Chinese label.")
@click.option("--corrective-action", default="", help="Corrective and preventive action.")
@click.option("--responsible", default="", help="The responsible department or person.")
@click.option("--remedy", default="", help="The remedy offered to the customer.")
@click.option("--signed-off-by", default="", help="The resolving department head, where the policy asks.")
@pass_session
def close(session, id, resolution, cause, cause_code, corrective_action, responsible, remedy, signed_off_by):
    """Close the case (stops the resolve clock, starts the revisit clock)."""
    from plaint.lifecycle import close as run
    _done(run(**session.acting(), query=id, resolution=resolution, cause=cause,
              corrective_action=corrective_action, responsible=responsible, remedy=remedy,
              signed_off_by=signed_off_by, cause_code=cause_code), "close")


@main.command()
@click.argument("id")
@click.option("--method", default="", help="How: phone, visit, in_person, letter, email, sms, or one of the book's channels (key or label).")
@click.option("--satisfied/--unsatisfied", default=None, help="Was the customer satisfied?")
@click.option("--words", default="", help="The customer's words.")
@click.option("--reopen", "reopen_case", is_flag=True, help="Reopen the case (with --unsatisfied).")
@pass_session
def revisit(session, id, method, satisfied, words, reopen_case):
    """Record the call or visit after closing."""
    from plaint.lifecycle import revisit as run
    result = run(**session.acting(), query=id, method=method, satisfied=satisfied, words=words,
                 reopen_case=reopen_case)
    _done(result, "revisit-reopen" if reopen_case else "revisit")


@main.command()
@click.argument("id")
@click.option("--reason", required=True, help="Why the case is reopened.")
@pass_session
def reopen(session, id, reason):
    """Reopen a closed case."""
    from plaint.lifecycle import reopen as run
    _done(run(**session.acting(), query=id, reason=reason), "reopen")
