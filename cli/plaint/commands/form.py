"""The $EDITOR form at the terminal: it never loses what was typed.

On an error the editor opens again on the same text with the errors marked at the top (as
`crontab -e` does). Where it cannot open again (no terminal), or the text comes back with the
same errors unchanged, the text is saved as a draft in the book and the error names the file
and the command that carries on from it.
"""

from __future__ import annotations

import sys

import click

from plaint.commands.group import Session
from plaint.errors import UsageError
from plaint.i18n import _, os_reason


def can_reopen() -> bool:
    """A person at a terminal can be shown the form again."""
    return sys.stdin.isatty() and sys.stdout.isatty()


DRAFT_LIMIT = 1 << 20  # a form is a few KB: more (or /dev/zero) is not a draft


def _read_draft(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(DRAFT_LIMIT + 1)
    except OSError as exc:
        raise UsageError(_("cannot read the draft {path}: {strerror}").format(path=path, strerror=os_reason(exc)))
    try:
        if len(raw) > DRAFT_LIMIT:
            raise ValueError(_("more than 1 MB"))
        return raw.decode("utf-8")
    except ValueError as exc:  # UnicodeDecodeError too
        reason = _("not UTF-8 text") if isinstance(exc, UnicodeDecodeError) else str(exc)
        raise UsageError(_("cannot read the draft {path}: {reason} (a draft is the text form plaint saved in "
                           ".plaint-drafts/); nothing recorded").format(path=path, reason=reason))


def _an_editor_can_run() -> bool:
    """An editor the user named runs anywhere; the default terminal editor needs a terminal."""
    import sys
    from plaint.settings import editor_named
    return editor_named() or sys.stdin.isatty()


def run_form(session: Session, text: str, check, resume: str, fresh: bool = True) -> tuple[dict, str]:
    """Edit `text` until `check(edited)` returns no errors; returns (values, final text)."""
    from plaint.forms import is_empty, mark_errors, save_draft
    shown = text
    if not _an_editor_can_run():
        raise UsageError(_("no terminal for an editor and no $EDITOR set: nothing recorded; give the values as "
                           "options instead (see `{resume} --help`)").format(resume=resume))
    while True:
        try:
            edited = click.edit(shown, extension=".txt", require_save=False)
        except click.ClickException as failed:  # the editor could not start or exited non-zero
            raise UsageError(_("the editor failed ({reason}): nothing recorded; set $EDITOR, or give the values as "
                               "options (see `{resume} --help`)").format(reason=failed.format_message(),
                                                                        resume=resume)) from None
        if edited is None or is_empty(edited):
            raise UsageError(_("the form is empty: nothing recorded"))
        if fresh and edited == text:
            raise UsageError(_("the form was left unchanged: nothing recorded"))
        values, errors = check(edited)
        if not errors:
            return values, edited
        marked = mark_errors(edited, errors)
        if not can_reopen() or marked == shown:
            path = save_draft(session.book.root, marked, session.now)
            raise UsageError(_("the form has {count} error(s): {items}. Nothing is recorded; your text is saved in "
                               "{path}; carry on with `{resume} --draft {path}`").format(count=len(errors), items='; '.join(errors), path=path, resume=resume))
        from plaint.render.outcomes import form_errors_text
        click.echo(form_errors_text(errors), err=True)
        shown = marked


def file_form(session: Session, given: dict, draft: str | None = None) -> dict:
    """`plaint file` at a terminal with no summary (or with --form / --draft): the book's own form."""
    from plaint.forms import FILE_KEYS, blank_form, check_form, parse_form
    policy = session.book.policy
    text = _read_draft(draft) if draft else blank_form(policy, FILE_KEYS, given)

    def check(edited):
        values, errors = parse_form(edited, policy, FILE_KEYS)
        return values, errors + check_form(values, policy, session.tz, filing=True, year=session.now.year)
    values, _unused = run_form(session, text, check, "plaint file", fresh=draft is None)
    return {**given, **{key: value for key, value in values.items() if value}}


def edit_in_editor(session: Session, query: str, reason: str, draft: str | None = None) -> tuple[dict, str]:
    """`plaint edit ID` alone: the record's editable fields in the form; returns what changed."""
    from plaint.editing import current_value
    from plaint.forms import EDIT_KEYS, blank_form, check_form, parse_form
    from plaint.render.times import show_time
    book = session.book
    policy = book.policy
    record = book.read(book.find(query)).data
    current = {key: current_value(record, key) for key in EDIT_KEYS if key != "reason"}
    if current.get("happened"):
        current["happened"] = show_time(current["happened"], session.tz)
    shown_values = {**current, "details": record.get("details") or "", "reason": reason}
    text = _read_draft(draft) if draft else blank_form(policy, EDIT_KEYS, shown_values,
                                                       heading=_("Correct {id}").format(id=record.get('id')))

    def check(edited):
        values, errors = parse_form(edited, policy, EDIT_KEYS)
        return values, errors + check_form(values, policy, session.tz, filing=False, year=session.now.year)
    values, _unused = run_form(session, text, check, f"plaint edit {record.get('id')}", fresh=draft is None)
    reason = values.pop("reason", "") or reason
    before = {**current, "details": record.get("details") or ""}
    changed = {key: value for key, value in values.items() if key in before and value != (before[key] or "")}
    if not changed:
        raise UsageError(_("nothing was changed in the form: {id} stays as it is").format(id=record.get('id')))
    return changed, reason
