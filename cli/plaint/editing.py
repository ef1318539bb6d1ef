"""Correcting what a person typed, noting progress, and relating cases: `edit`, `note`, `link`.

Each is one change to the record (two for a link) under the book lock and one commit. An edit
writes the old and the new value into the history, so a correction is evidence too. Clocks,
times, targets and extensions are not editable: deadlines move only by `extend`; validity,
severity and category change by `classify`.
"""

from __future__ import annotations

from datetime import datetime

from plaint.storage import git as gitlog
from plaint.book import Book
from plaint.errors import CommitError, PlaintError, UsageError
from plaint.problems import one_of
from plaint.records import Change, apply_change, is_open
from plaint.i18n import _

# What `edit` may change: its option name -> where the record keeps it.
EDITABLE = {
    "channel": "channel", "source": "source", "reference": "reference", "summary": "summary",
    "details": "details", "location": "location", "unit": "unit", "happened": "happened",
    "about": "complained_about", "request": "request", "witnesses": "witnesses", "evidence": "evidence",
    "name": "complainant.name", "contact": "complainant.contact",
}


def current_value(record: dict, field: str):
    """A record's value of an EDITABLE field (by option name), "" when it has none."""
    where = EDITABLE[field]
    if where.startswith("complainant."):
        return record.get("complainant", {}).get(where.split(".", 1)[1], "")
    return record.get(where, "")


def check_values(policy, values: dict) -> list[str]:
    """What is wrong with typed values (channel, source, category, severity, validity): one line each.
    Labels typed for them (English or Chinese, any case or width) are turned into keys in `values`."""
    from plaint.vocab import resolve_fields
    values.update(resolve_fields(policy, values))
    problems = []
    tables = {"channel": policy.channels, "category": policy.categories, "severity": policy.severities,
              "validity": policy.validity}
    if policy.sources:
        tables["source"] = policy.sources
    for field, table in tables.items():
        wrong = one_of(field, values.get(field), table)
        if wrong:
            problems.append(wrong)
    return problems


def edit_record(book: Book, query: str, now: datetime, actor: str, commit: bool, values: dict,
                reason: str = "") -> dict:
    """Set the given EDITABLE fields; the history keeps `<field>_was` (old) beside `<field>` (new)."""
    from plaint.lifecycle import _change
    unknown = [name for name in values if name not in EDITABLE]
    if unknown:
        raise UsageError(_("cannot edit {items}; editable: {items2} (deadlines move by `plaint extend`, "
                           "classification by `plaint classify`)").format(items=', '.join(unknown), items2=', '.join(EDITABLE)))
    if not values:
        raise UsageError(_("edit needs at least one field to change ({items}), or no option at all to edit the "
                           "record in $EDITOR").format(items=', '.join('--' + n for n in EDITABLE)))
    policy = book.policy
    problems = check_values(policy, values)
    if problems:
        raise UsageError("; ".join(problems))

    def build(record):
        changed = {name: value for name, value in values.items() if value != current_value(record, name)}
        if not changed:
            raise UsageError(_("{id} already has those values: nothing to change").format(id=record.get('id')))
        for name, value in changed.items():
            if value in ("", None) and EDITABLE[name] in policy.required:
                raise UsageError(_("{name} cannot be emptied: the policy ({path}) requires it at filing").format(name=name, path=policy.path))
        top = {EDITABLE[n]: v for n, v in changed.items() if not EDITABLE[n].startswith("complainant.")}
        person = {EDITABLE[n].split(".", 1)[1]: v for n, v in changed.items() if EDITABLE[n].startswith("complainant.")}
        history = {}
        for name, value in changed.items():
            history[name] = value
            history[f"{name}_was"] = current_value(record, name)
        if reason:
            history["reason"] = reason
        return Change("edit", top=top, tables={"complainant": person} if person else {}, history=history)
    result = _change(book, query, now, actor, commit, build)
    return result


def add_note(book: Book, query: str, now: datetime, actor: str, commit: bool, text: str) -> dict:
    """An internal note (what we knew, when, what we did): in the history, never in reports."""
    from plaint.lifecycle import _change
    if not text or not text.strip():
        raise UsageError(_("a note needs its text (--text)"))
    return _change(book, query, now, actor, commit, lambda record: Change("note", history={"text": text}))


def link_cases(book: Book, first: str, second: str, now: datetime, actor: str, commit: bool,
               duplicate: bool = False, reason: str = "") -> dict:
    """Relate two cases (each lists the other in `links`); with `duplicate`, `second` is closed as a
    duplicate of `first` and runs no clocks of its own from then on. One commit for both files."""
    from plaint.storage.recovery import recover
    from plaint.storage.files import read_record_bytes
    from plaint.transaction import check_change, check_inputs, checked_record
    check_inputs(actor, now, {"reason": reason} if reason else None)
    with book.lock():
        notes = recover(book, commit)  # a crash's leftovers and hand edits first, each in its own commit
        paths = book.find(first), book.find(second)
        if paths[0] == paths[1]:
            raise UsageError(_("{first!r} and {second!r} are the same case; link two different cases").format(first=first, second=second))
        records = [book.read(path).data for path in paths]
        ids = [record.get("id") for record in records]
        for record in records:
            if record.get("received") and now < record["received"]:
                raise UsageError(_("{now} is before {id} was received ({value}); use --now with a later time").format(now=now.isoformat(), id=record['id'], value=record['received'].isoformat()))
        changes = _link_changes(records, ids, now, duplicate, reason)
        texts = []
        written = []
        for path, change in zip(paths, changes):
            check_change(change)
            history = {"at": now, "by": actor, "action": change.action, **change.history}
            text = apply_change(read_record_bytes(path).decode("utf-8"), change, history, path)
            written.append(checked_record(text, path))  # what is written must read back and fit the schema
            texts.append(text)
        for path, text in zip(paths, texts):
            book.replace(path, text)
        if commit and gitlog.is_own_worktree(book.root):
            action = "duplicate" if duplicate else "link"
            subject = f"{ids[1]} duplicate of {ids[0]}" if duplicate else f"link {ids[0]} {ids[1]}"
            try:
                gitlog.commit(book.root, list(paths), subject, {"Complaint": f"{ids[0]}, {ids[1]}",
                                                                "Action": action, "Actor": actor}, actor)
            except PlaintError as exc:
                raise CommitError(_("{value} and {value2} are written ({value3}, {value4}) but NOT committed: "
                                    "{message}. Do not repeat the command; the next plaint write commits each on "
                                    "its own as `recover ID`").format(value=ids[0], value2=ids[1], value3=paths[0], value4=paths[1], message=exc.message))
    return {"ids": ids, "paths": paths, "records": written, "warnings": notes}


def _link_changes(records: list[dict], ids: list[str], now: datetime, duplicate: bool, reason: str) -> list[Change]:
    original, other = records
    if duplicate:
        if original.get("duplicate_of"):
            raise UsageError(_("{value} is itself a duplicate of {duplicate_of}; link to that one: plaint link "
                               "{value2} --duplicate-of {duplicate_of}").format(value=ids[0], duplicate_of=original['duplicate_of'], value2=ids[1]))
        if other.get("duplicate_of"):
            raise UsageError(_("{value} is already a duplicate of {duplicate_of}").format(value=ids[1], duplicate_of=other['duplicate_of']))
        if not is_open(other):
            raise UsageError(_("{value} is {status}; only an open case can be closed as a duplicate").format(value=ids[1], status=_status(other.get('status'))))
    elif ids[1] in original.get("links", []):
        raise UsageError(_("{value} and {value2} are already linked").format(value=ids[0], value2=ids[1]))
    extra = {"reason": reason} if reason else {}
    first = Change("link", top={"links": sorted({*original.get("links", []), ids[1]})},
                   history={"duplicate": ids[1]} | extra if duplicate else {"link": ids[1]} | extra)
    second_top = {"links": sorted({*other.get("links", []), ids[0]})}
    if not duplicate:
        return [first, Change("link", top=second_top, history={"link": ids[0]} | extra)]
    second_top |= {"status": "closed", "duplicate_of": ids[0]}
    return [first, Change("duplicate", top=second_top, times={"closed": now},
                          history={"duplicate_of": ids[0]} | extra)]


def _status(key) -> str:
    from plaint.words import status  # the status as people read it (Chinese in a Chinese message)
    return status(key) if isinstance(key, str) else str(key)
