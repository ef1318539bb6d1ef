"""The procedure's steps: file, classify, assign, propose, approve, review, reply, extend,
close, revisit, reopen. Each changes one record under the book lock and makes one commit."""

from __future__ import annotations

import getpass
from datetime import datetime
from pathlib import Path

from plaint.storage import git as gitlog
from plaint.book import Book
from plaint.assess import assess, never_closed
from plaint.completeness import describe_missing, missing_to_close, with_source_default
from plaint.deadlines import due_after_deadline
from plaint.durations import parse_duration
from plaint.methods import method_key
from plaint.errors import UsageError
from plaint import words
from plaint.vocab import resolve_fields, role_key, subcategory_key
from plaint.policy import CLOCKS, choices
from plaint.problems import choices as named_choices, one_of
from plaint.procedure import describe, missing_steps
from plaint.sites import resolve_site
from plaint.records import SCHEMA, Change, View, apply_change, is_open, new_record_text
from plaint.storage.git import record_names_in_history
from plaint.storage.recovery import recover
from plaint.transaction import change_record as _change, check_inputs, checked_record, commit_in_book as _commit
from plaint.i18n import _


# How `plaint file` spells a field the policy may require.
OPTION_NAMES = {"complainant.name": "name", "complainant.contact": "contact", "complained_about": "about"}


def resolve_actor(explicit: str | None, book_root: Path) -> str:
    """`--by` (or PLAINT_USER, resolved by the settings), else git's user.name, else the login name."""
    if explicit:
        return explicit
    return gitlog.git_user_name(book_root) or getpass.getuser()


def _check_choice(value: str | None, table, kind: str) -> None:
    wrong = one_of(kind, value, table)
    if wrong:
        raise UsageError(wrong)


def file_complaint(book: Book, fields: dict, now: datetime, actor: str, commit: bool = True,
                   site: str | None = None) -> dict:
    """Record a new complaint; returns its id, path and first deadlines. `site` (PLAINT_SITE) overrides
    the clone's own code and the policy's."""
    policy = book.policy
    fields = {k: v for k, v in fields.items() if v not in (None, "")}
    check_inputs(actor, now, fields)
    fields = resolve_fields(policy, fields)  # keys, English or Chinese labels, any case or width
    received = fields.pop("received", None) or now
    if received > now:
        raise UsageError(_("received time {received} is after now ({now}); a complaint cannot be received in the "
                           "future").format(received=received.isoformat(), now=now.isoformat()))
    if not fields.get("channel"):
        raise UsageError(_("a channel is required (--channel); {allowed}").format(allowed=choices('channel values', policy.channels)))
    _check_choice(fields.get("channel"), policy.channels, "channel")
    fields = with_source_default(fields, policy)
    _check_choice(fields.get("category"), policy.categories, "category")
    _check_choice(fields.get("severity"), policy.severities, "severity")
    _check_choice(fields.get("validity"), policy.validity, "validity")
    if policy.sources:
        _check_choice(fields.get("source"), policy.sources, "source")
    missing = [name for name in policy.required if not fields.get(name.replace("complainant.", "complainant_"))]
    if missing:
        options = ", ".join("--" + OPTION_NAMES.get(name, name).replace("_", "-") for name in missing)
        named = ", ".join(f"{name} ({policy.reference_label})" if name == "reference" else name for name in missing)
        raise UsageError(_("missing required field(s) {named} (required by {path}); give them with {options}").format(named=named, path=policy.path, options=options))
    site, desk = resolve_site(book.root, policy.site, policy.path, site)  # PLAINT_SITE, the clone's own, the policy's
    complainant = {"name": fields.pop("complainant_name", ""), "contact": fields.pop("complainant_contact", "")}
    top = {"schema": SCHEMA, "status": "received", "received": received, "received_by": actor,
           "severity": fields.get("severity", ""), "validity": fields.get("validity", ""),
           "category": fields.get("category", ""), "handler": "", "department": "", **fields}
    history = {"at": now, "by": actor, "action": "file"} | ({"desk": desk} if desk else {})
    with book.lock():
        notes = recover(book, commit)  # leftovers first, each in its own commit; clears stale git locks
        seen = record_names_in_history(book.root, received)  # ids git has seen, deleted ones too, stay used
        record_id, path = book.new_id(site, received, seen)
        top["id"] = record_id
        text = new_record_text(top, complainant, {"received": received}, history)
        record = checked_record(text, path)
        clocks = assess(record, policy, now).clocks
        deadlines = {name: clock.due for name, clock in clocks.items()}
        book.create(path, text)
        _commit(book, path, "file", record_id, actor, top.get("summary", "")[:60], commit)
    return {"id": record_id, "path": path, "deadlines": deadlines, "record": record, "warnings": notes,
            "clocks": clocks}


def _require_open(record: dict, action: str) -> None:
    if not is_open(record):
        raise UsageError(_("{id} is {status}; `{action}` needs an open case (reopen it first with `plaint reopen "
                           "{id}`)").format(id=record.get('id'), status=words_status(record.get('status')), action=action))


def _not_a_duplicate(record: dict, action: str, why: str) -> None:
    """A duplicate closed with its original and runs nothing of its own: act on the original."""
    original = record.get("duplicate_of")
    if original:
        raise UsageError(_("{id} is a duplicate of {original}: {why}; `{action}` the original instead: plaint {action} "
                           "{original} ...").format(id=record.get("id"), original=original, why=why, action=action))


def classify(book, query, now, actor, commit=True, validity=None, severity=None, category=None, reason=None,
             subcategory=None):
    policy = book.policy
    if not (validity or severity or category or subcategory):
        raise UsageError(_("classify needs at least one of --validity, --severity, --category, --subcategory"))
    given = resolve_fields(policy, {"validity": validity, "severity": severity, "category": category})
    validity, severity, category = given["validity"], given["severity"], given["category"]
    _check_choice(validity, policy.validity, "validity")
    _check_choice(severity, policy.severities, "severity")
    _check_choice(category, policy.categories, "category")

    typed_sub = subcategory

    def build(record):
        nonlocal subcategory
        if subcategory:
            kinds = policy.categories.get(category or record.get("category", ""))
            allowed = kinds.extra.get("kinds", []) if kinds else []
            subcategory = subcategory_key(policy, category or record.get("category", ""), typed_sub)
            if subcategory not in allowed:
                where = f"category {category or record.get('category')!r}"
                raise UsageError(_("unknown subcategory {subcategory!r} for {where}; allowed: {value}").format(subcategory=subcategory, where=where, value=', '.join(allowed) or 'none (classify the category first)'))
        given = {k: v for k, v in (("validity", validity), ("severity", severity), ("category", category),
                                   ("subcategory", subcategory)) if v}
        history = dict(given)
        history.update({f"previous_{k}": record[k] for k in given if record.get(k) and record[k] != given[k]})
        if reason:
            history["reason"] = reason
        return Change("classify", top=given, history=history)
    return _change(book, query, now, actor, commit, build)


def assign(book, query, now, actor, commit=True, handler=None, department=None, deadline=None):
    policy = book.policy
    if not (handler or department):
        raise UsageError(_("assign needs --handler, --department or both"))
    if deadline is not None and not policy.assign_sets_deadline:
        raise UsageError(_("the procedure ({path}) does not let the routing desk set deadlines: the policy's "
                           "clocks set them, and only `plaint extend` with the approver moves one").format(path=policy.path))
    if deadline is not None and deadline <= now:
        raise UsageError(_("--deadline {deadline} is not after now ({now})").format(deadline=deadline.isoformat(), now=now.isoformat()))

    def build(record):
        _require_open(record, "assign")
        missing = missing_steps(record, policy, policy.assign_requires)
        if missing:
            raise UsageError(_("{id} cannot be routed yet: the procedure ({path}) requires {missing}").format(
                             id=record["id"], path=policy.path, missing=describe(missing)))
        if deadline is not None and "resolve" in record.get("targets", {}):
            raise UsageError(_("{id} already has its deadline from routing; moving it is an extension: `plaint "
                               "extend {id} --clock resolve --to TIME --approver ROLE --reason ...`").format(id=record['id']))
        if policy.assign_sets_deadline and department and deadline is None and "resolve" not in record.get("targets", {}):
            raise UsageError(_("the procedure ({path}) has the routing desk set the deadline: give --deadline TIME "
                               "with --department").format(path=policy.path))
        top, times = {}, {}
        tables = {"targets": {"resolve": deadline}} if deadline is not None else {}
        if handler:
            top["handler"] = handler
            if not View(record).has("assigned"):
                times["assigned"] = now
        if department:
            top["department"] = department
            if not View(record).has("routed"):
                times["routed"] = now
        if View(record).status == "received" and handler:
            top["status"] = "assigned"
        history = {k: v for k, v in (("handler", handler), ("department", department), ("deadline", deadline)) if v}
        history.update({f"previous_{k}": record[k] for k in ("handler", "department")
                        if top.get(k) and record.get(k) and record[k] != top[k]})
        return Change("assign", top=top, times=times, tables=tables, history=history)
    return _change(book, query, now, actor, commit, build)


def propose(book, query, now, actor, commit=True, solution=""):
    if not solution:
        raise UsageError(_("propose needs the solution text (--solution)"))

    def build(record):
        _require_open(record, "propose")
        times = {} if View(record).has("proposed") else {"proposed": now}
        return Change("propose", tables={"solution": {"text": solution, "by": actor, "approved_by": None}},
                      times=times, history={"solution": solution})
    return _change(book, query, now, actor, commit, build)


def approve(book, query, now, actor, commit=True, approver="", note=""):
    policy = book.policy
    approver = role_key(policy, approver)

    def build(record):
        _require_open(record, "approve")
        if "solution" not in record:
            raise UsageError(_("{id} has no proposed solution to approve; run `plaint propose` first").format(id=record['id']))
        role = policy.solution_approver or _approver_role(policy, assess(record, policy, now).severity)
        if approver and role and not policy.signs_for(approver, role):
            raise UsageError(_("solutions are approved by the {role}, not {approver!r} (policy {path})").format(role=words.signers(policy, role), approver=words.role(approver), path=policy.path))
        fields = {"approved_by": actor, "approver": approver or role, "approved_at": now}
        if note:
            fields["approval_note"] = note
        return Change("approve", tables={"solution": fields},
                      history={"approver": approver or role} | ({"note": note} if note else {}))
    return _change(book, query, now, actor, commit, build)


def review(book, query, now, actor, commit=True, responsible="", deadline=None, notes=""):
    policy = book.policy
    if not responsible:
        raise UsageError(_("a review names the responsible person (--responsible)"))

    def build(record):
        _require_open(record, "review")
        fields = {"responsible": responsible, "by": actor, "at": now, "notes": notes or None}
        tables = {"review": fields}
        history = {"responsible": responsible} | ({"notes": notes} if notes else {})
        if deadline is not None:
            if deadline <= now:
                raise UsageError(_("--deadline {deadline} is not after now ({now})").format(deadline=deadline.isoformat(), now=now.isoformat()))
            # The procedure's serious-case review sets the deadline (over the routing desk's), once;
            # any other move of a deadline set by a person is an extension with its approver.
            severity = policy.severities.get(assess(record, policy, now).severity)
            by_review = bool(severity and severity.review) and not record.get("review", {}).get("deadline")
            if "resolve" in record.get("targets", {}) and not by_review:
                raise UsageError(_("{id} already has a deadline set by a person; moving it is an extension: "
                                   "`plaint extend {id} --clock resolve --to TIME --approver ROLE --reason ...`").format(id=record['id']))
            fields["deadline"] = history["deadline"] = deadline
            tables["targets"] = {"resolve": deadline}  # the review's deadline is the one that counts
        return Change("review", tables=tables, history=history)
    return _change(book, query, now, actor, commit, build)


def verify(book, query, now, actor, commit=True, note=""):
    """The desk checked the facts before routing (building management verifies every complaint)."""
    def build(record):
        _require_open(record, "verify")
        return Change("verify", tables={"verification": {"by": actor, "note": note or None}},
                      times={"verified": now}, history={"note": note} if note else {})
    return _change(book, query, now, actor, commit, build)


def reply(book, query, now, actor, commit=True, text="", method=""):
    if not text:
        raise UsageError(_("reply needs what the customer was told (--text)"))
    method = method_key(book.policy, method)

    def build(record):
        _require_open(record, "reply")
        top = {"status": "answered"} if View(record).status in ("received", "assigned") else {}
        times = {} if View(record).has("replied") else {"replied": now}
        return Change("reply", top=top, tables={"reply": {"text": text, "method": method or None, "by": actor}},
                      times=times, history={"text": text} | ({"method": method} if method else {}))
    return _change(book, query, now, actor, commit, build)


def _approver_role(policy, severity: str) -> str:
    found = policy.severities.get(severity)
    return found.approver if found else ""


def extend(book, query, now, actor, commit=True, clock="", to=None, by=None, approver="", reason=""):
    """Move a clock's deadline with the approver the case's severity names. Asked for after the
    deadline it is a late extension: it is recorded, the alarm moves, and the breach stands."""
    policy = book.policy
    from plaint.vocab import fixed
    clock = fixed(clock, "clock")
    if clock not in CLOCKS:
        raise UsageError(_("unknown clock {clock!r}; {allowed}").format(clock=clock, allowed=choices('clocks', CLOCKS)))
    if (to is None) == (by is None):
        raise UsageError(_("extend needs exactly one of --to TIME or --add DURATION"))
    if not reason:
        raise UsageError(_("an extension needs its reason (--reason)"))
    if not approver:
        raise UsageError(_("an extension needs its approver (--approver)"))
    approver = role_key(policy, approver)
    duration = parse_duration(by, "--add: ", adds=True) if by is not None else None
    outcome = {}

    def build(record):
        _require_open(record, "extend")
        case = assess(record, policy, now)
        if clock not in case.clocks:
            raise UsageError(_("{id} runs no {explain_clock!r} clock; {allowed}").format(id=record['id'], explain_clock=words.clock(clock), allowed=named_choices("clocks", case.clocks) if case.clocks else _("it runs no clock")))
        current = case.clocks[clock]
        if current.stopped is not None:
            raise UsageError(_("the {clock} clock of {id} already stopped at {stopped}").format(clock=words.clock(clock), id=record['id'], stopped=current.stopped.isoformat()))
        role = _approver_role(policy, case.severity)
        if role and not policy.signs_for(approver, role):
            raise UsageError(_("extensions of a {severity} case are approved by the {role}, not {approver!r} "
                               "(policy {path})").format(severity=words.value(policy, "severity", case.severity), role=words.signers(policy, role),
                                   approver=words.role(approver), path=policy.path))
        new_due = to if to is not None else due_after_deadline(current.due, duration, policy.calendar)
        if new_due <= current.due:
            raise UsageError(_("the new {clock} deadline {new_due} is not after the current one ({due})").format(clock=clock, new_due=new_due.isoformat(), due=current.due.isoformat()))
        outcome.update(late=now > current.due, previous=current.due, due=new_due)
        fields = {"due": new_due, "approver": approver, "reason": reason, "by": actor, "at": now,
                  "previous": current.due}
        history = {"clock": clock, "due": new_due, "previous": current.due, "approver": approver, "reason": reason}
        if now > current.due:
            history["late"] = True
        return Change("extend", tables={"extensions": {clock: fields}}, history=history)
    result = _change(book, query, now, actor, commit, build)
    return result | outcome


def close(book, query, now, actor, commit=True, resolution="", cause="", corrective_action="",
          responsible="", remedy="", signed_off_by="", cause_code=""):
    policy = book.policy
    if not resolution:
        raise UsageError(_("close needs the resolution (--resolution)"))
    code = _cause_code(policy, cause_code) if cause_code else None

    def build(record):
        if not never_closed(record):  # marked closed by hand but never closed: closing it is the fix
            _require_open(record, "close")
        missing = missing_steps(record, policy, policy.close_requires, ("signoff",) if signed_off_by else ())
        if missing:
            raise UsageError(_("{id} cannot be closed yet: the procedure ({path}) requires {missing}").format(
                             id=record["id"], path=policy.path, missing=describe(missing)))
        lacking_fields = missing_to_close(record, policy)
        if lacking_fields:
            raise UsageError(_("{id} cannot be closed yet: the policy ({path}) requires {missing}").format(
                             id=record["id"], path=policy.path, missing=describe_missing(record["id"], lacking_fields, policy)))
        if View(record).time("reopened") and record.get("revisit", {}).get("satisfied") is False:
            given = {"cause": cause, "corrective_action": corrective_action, "responsible": responsible,
                     "remedy": remedy}
            lacking = [name for name in policy.reopen_requires if not given[name]]
            if lacking:
                raise UsageError(_("{id} was reopened after an unsatisfied revisit; closing it again needs the "
                                   "root cause analysis: --{items}").format(id=record['id'], items=' and --'.join(n.replace('_', '-') for n in lacking)))
        fields = {"resolution": resolution, "cause": cause or None, "cause_code": code,
                  "corrective_action": corrective_action or None,
                  "responsible": responsible or None, "remedy": remedy or None,
                  "signed_off_by": signed_off_by or None, "by": actor}
        return Change("close", top={"status": "closed"}, tables={"closing": fields}, times={"closed": now},
                      drop_tables=("revisit", "closing"), drop_times=("revisited",),
                      history={k: v for k, v in fields.items() if v and k != "by"})
    return _change(book, query, now, actor, commit, build)


def words_status(key) -> str:
    from plaint.words import status
    return status(key) if isinstance(key, str) else str(key)


def _cause_code(policy, text: str) -> str:
    """`--cause-code`: a [[causes]] key, or its English or Chinese label, case-insensitively."""
    code = policy.cause_key(text)
    if code:
        return code
    if not policy.causes:
        raise UsageError(_("--cause-code {text!r}: the policy ({path}) lists no [[causes]]; add them (key, en, zh) "
                           "or describe the cause with --cause").format(text=text, path=policy.path))
    allowed = ", ".join(f"{k} ({label.text('en')}/{label.zh})" if label.zh else f"{k} ({label.text('en')})"
                        for k, label in policy.causes.items())
    raise UsageError(_("unknown cause code {text!r}; allowed causes: {allowed} (policy {path})").format(text=text, allowed=allowed, path=policy.path))


def revisit(book, query, now, actor, commit=True, method="", satisfied=None, words="", reopen_case=False):
    if satisfied is None:
        raise UsageError(_("revisit needs --satisfied or --unsatisfied"))
    if reopen_case and satisfied:
        raise UsageError(_("--reopen goes with --unsatisfied: a satisfied customer's case stays closed"))
    method = method_key(book.policy, method)

    def build(record):
        _not_a_duplicate(record, "revisit", _("the customer is called back on that case"))
        if record.get("status") not in ("closed", "revisited") or never_closed(record):
            raise UsageError(_("{id} is {status}; a revisit comes after closing (`plaint close {id}` first)").format(id=record['id'], status=words_status(record.get('status')) if not never_closed(record) else _("not closed (no closing time)")))
        fields = {"method": method or None, "satisfied": satisfied, "words": words or None, "by": actor}
        history = {k: v for k, v in (("satisfied", satisfied), ("method", method), ("words", words)) if v not in (None, "")}
        if reopen_case:  # unsatisfied and reopened: the case runs again, its close undone
            return Change("revisit", top={"status": "reopened"}, tables={"revisit": fields},
                          times={"revisited": now, "reopened": now}, drop_times=("closed",),
                          history=history | {"reopen": True})
        return Change("revisit", top={"status": "revisited"}, tables={"revisit": fields}, times={"revisited": now},
                      history=history)
    result = _change(book, query, now, actor, commit, build)
    if reopen_case:
        result["reopened"] = True
    return result


def reopen(book, query, now, actor, commit=True, reason=""):
    if not reason:
        raise UsageError(_("reopen needs its reason (--reason)"))

    def build(record):
        _not_a_duplicate(record, "reopen", _("it is the case that stays open or closed"))
        if is_open(record) or never_closed(record):  # marked closed by hand and never closed: `close` is the fix
            raise UsageError((_("{id} is {status}, not closed; nothing to reopen") if is_open(record) else _("{id} is marked {status} but was never closed (no closing time), so it is still open; nothing to reopen: close it with `plaint close {id} --resolution ...` (with --now for when it closed)")).format(id=record['id'], status=words_status(record.get('status'))))
        return Change("reopen", top={"status": "reopened"}, times={"reopened": now}, drop_times=("closed",),
                      history={"reason": reason})
    return _change(book, query, now, actor, commit, build)
