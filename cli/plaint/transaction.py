"""One write transaction for every command that changes a record.

    validate every input -> build the new text -> parse it back and check it against the record
    schema -> write it (new records linked into place whole) -> commit

Nothing is written before the last check passed. If git refuses the commit, the error says what
state the file is in and how to finish, and the next plaint write finishes it (plaint.storage.recovery).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from plaint.errors import CommitError, DataError, UsageError
from plaint.i18n import _

FIRST_YEAR, LAST_YEAR = 1970, 2200
MAX_TEXT = 100_000  # characters in one field: a complaint, not a file dump
# Fields that are one line by nature: names, codes, choices. Free text may hold newlines and tabs.
ONE_LINE = frozenset({
    "channel", "source", "reference", "unit", "handler", "department", "severity", "category", "validity",
    "subcategory", "method", "approver", "responsible", "by", "name", "contact", "complainant_name",
    "complainant_contact", "signed_off_by", "clock", "received_by", "approved_by", "actor", "id", "status",
    "action", "complained_about", "summary",  # the summary is the case's one-line title in every list
})
OPTION = {"complainant_name": "--name", "complainant_contact": "--contact", "complained_about": "--about",
          "received_by": "--by", "by": "--by", "actor": "--by", "text": "--text"}


def option_name(key: str) -> str:
    return OPTION.get(key) or "--" + key.replace("_", "-")


MAX_ONE_LINE, MAX_SUMMARY = 200, 500  # characters: a name, a phone number, a code; a case's title
JOINERS = ("\u200c", "\u200d")  # format characters that belong in text: emoji sequences, Persian, Indic


def bad_character(value: str, one_line: bool) -> str | None:
    """The first character a field may not hold, shown escaped; None when the text is fine. One-line
    fields refuse format characters too (Unicode Cf: bidi overrides that reorder what a list shows,
    zero-width spaces that make two names look alike), the joiners apart."""
    for char in value:
        code = ord(char)
        if code < 32 or 127 <= code < 160 or code in (0x2028, 0x2029):
            if not one_line and char in "\n\t\r":
                continue
            return repr(char)[1:-1]
        if one_line and code > 160 and char not in JOINERS and unicodedata.category(char) == "Cf":
            return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return None


def _check_one_line(key: str, value: str, where: str) -> None:
    """A one-line field: not longer than a line, and a summary says something (not only spaces)."""
    if key == "summary" and value and not value.strip():
        raise UsageError(_("{where}: only spaces; the summary is the case's title in every list: say what "
                           "happened; nothing written").format(where=where))
    limit = MAX_SUMMARY if key == "summary" else MAX_ONE_LINE
    if len(value) > limit and key == "summary":
        raise UsageError(_("{where}: {count} characters is too long for the summary (at most {limit}); put the full "
                           "account in --details; nothing written").format(where=where, count=len(value), limit=limit))
    if len(value) > limit:
        raise UsageError(_("{where}: {count} characters is too long for a one-line field (at most {limit}); nothing "
                           "written").format(where=where, count=len(value), limit=limit))


def check_text(key: str, value: str, where: str | None = None) -> None:
    """A typed text: valid UTF-8, not too long, no control characters (one-line fields: no newline either)."""
    where = where or option_name(key)
    if not isinstance(value, str):
        raise UsageError(_("{where}: expected text, got {value!r}").format(where=where, value=value))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(_("{where}: not valid UTF-8 text (an undecodable byte in the input?); nothing written").format(where=where))
    if len(value) > MAX_TEXT:
        raise UsageError(_("{where}: {count} characters is too long (at most {MAX_TEXT}); nothing written").format(where=where, count=len(value), MAX_TEXT=MAX_TEXT))
    one_line = key in ONE_LINE
    bad = bad_character(value, one_line)
    if bad and key == "summary":
        raise UsageError(_("{where}: contains '{bad}'; the summary is one line (the case's title in every list): no "
                           "newlines or control characters; put the full account in --details; nothing written").format(
            where=where, bad=bad))
    if bad:
        kind = _("a one-line field: no newlines or control characters") if one_line else _("no control characters")
        raise UsageError(_("{where}: contains '{bad}'; {kind} (tabs and newlines only in free text); nothing "
                           "written").format(where=where, bad=bad, kind=kind))
    if one_line:
        _check_one_line(key, value, where)


def check_time(value, where: str) -> None:
    if isinstance(value, (datetime, date)) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise UsageError(_("{where}: {value} is outside the years {FIRST_YEAR}-{LAST_YEAR}; nothing written").format(where=where, value=value.isoformat(), FIRST_YEAR=FIRST_YEAR, LAST_YEAR=LAST_YEAR))


GIT_CRUD = "".join(chr(c) for c in range(33)) + ".,:;<>\"\\'"  # git's ident.c `crud()`


def check_actor(actor: str) -> None:
    """The actor reaches commit trailers: one line, printable, not empty."""
    check_text("actor", actor, _("--by (or PLAINT_USER / git user.name)"))
    if not actor.strip():
        raise UsageError(_("--by: the actor's name is empty; give --by NAME or set PLAINT_USER"))
    if not actor.strip(GIT_CRUD):
        # git strips these from both ends of an author's name and refuses an empty one: the record
        # would be written and its commit refused
        raise UsageError(_("--by: '{actor}' has no name left once git strips punctuation; give --by NAME").format(
            actor=actor))
    if len(actor) > 200:
        raise UsageError(_("--by: the actor's name is longer than 200 characters"))


def check_values(values, key: str = "") -> None:
    """Every text and time inside a change (nested tables too) before anything is written."""
    if isinstance(values, dict):
        for inner_key, inner in values.items():
            check_values(inner, inner_key)
    elif isinstance(values, (list, tuple)):
        for inner in values:
            check_values(inner, key)
    elif isinstance(values, str):
        check_text(key, values)
    elif isinstance(values, (datetime, date)):
        check_time(values, option_name(key))


def check_change(change) -> None:
    for part in (change.top, change.tables, change.times, change.history):
        check_values(part)


def checked_record(text: str, path: str) -> dict:
    """Parse the text about to be written back, and hold it to the record schema."""
    from plaint.errors import PlaintError
    from plaint.storage.resources import parse_record
    from plaint.schema import record_problems
    try:
        data = parse_record(text, path)
    except PlaintError as exc:
        raise DataError(_("refusing to write an unreadable record: {message}; nothing written").format(message=exc.message))
    problems = record_problems(data, text, path)
    if problems:
        raise DataError(_("refusing to write a record that breaks the record schema; nothing written:") + "\n"
                        + "\n".join(str(p) for p in problems))
    return data


def commit_record(root: str, path: str, action: str, record_id: str, actor: str, detail: str) -> None:
    """Commit one record change; on failure say exactly what state the file is in and how to finish."""
    import os

    from plaint.storage import git as gitlog
    subject = f"{action} {record_id}" + (f": {detail}" if detail else "")
    try:
        gitlog.commit(root, [path], gitlog.one_line(subject)[:120],
                      {"Complaint": record_id, "Action": action, "Actor": actor}, actor)
    except CommitError:
        raise
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - git's own failure (or Ctrl-C), with the way out
        interrupted = isinstance(exc, KeyboardInterrupt)
        reason = _("interrupted (Ctrl-C) while git committed it") if interrupted else getattr(exc, "message", str(exc))
        relative = os.path.relpath(path, root)
        error = CommitError(
            _("{record_id} is written to {path} (the complete new record) but NOT committed: {reason}. Do not "
              "repeat the command. The next plaint command that writes commits it as `recover {record_id}`; or "
              "commit it now: git -C {root} commit -m 'recover {record_id}' -- {relative}").format(record_id=record_id, path=path, reason=reason, root=root, relative=relative))
        if interrupted:
            from plaint.errors import INTERRUPTED
            error.exit_code = INTERRUPTED
        raise error


def check_inputs(actor: str, now: datetime, fields: dict | None = None) -> None:
    """Every input checked before anything is touched: the actor, now, and each field typed."""
    check_actor(actor)
    check_time(now, "--now")
    for key, value in (fields or {}).items():
        check_values(value, key)


def commit_in_book(book, path: str, action: str, record_id: str, actor: str, detail: str, enabled: bool) -> None:
    from plaint.storage import git as gitlog
    if enabled and gitlog.is_own_worktree(book.root):
        commit_record(book.root, path, action, record_id, actor, detail)


def change_record(book, query: str, now: datetime, actor: str, commit: bool, build) -> dict:
    """One write transaction on one record, under the lock: recover leftovers, read, check, build the
    change (`build(record)` returns a records.Change), validate it, build the text, parse it back
    against the schema, write, commit."""
    from plaint.storage.recovery import recover
    from plaint.records import apply_change
    from plaint.storage.files import read_record_bytes
    check_inputs(actor, now)
    with book.lock():
        notes = recover(book, commit)
        path = book.find(query)
        loaded = book.read(path)
        record = loaded.data
        received = record.get("received")
        if received and now < received:
            raise UsageError(_("{now} is before {id} was received ({received}); use --now with a later time").format(now=now.isoformat(), id=loaded.id, received=received.isoformat()))
        change = build(record)
        check_change(change)
        history = {"at": now, "by": actor, "action": change.action, **change.history}
        text = apply_change(read_record_bytes(path).decode("utf-8"), change, history, path)
        written = checked_record(text, path)
        book.replace(path, text)
        detail = ", ".join(str(v) for v in change.history.values() if isinstance(v, str))[:60]
        commit_in_book(book, path, change.action, loaded.id, actor, detail, commit)
    return {"id": loaded.id, "path": path, "record": written, "warnings": notes}
