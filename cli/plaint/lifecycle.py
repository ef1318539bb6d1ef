"""The procedure's steps: file, classify, assign, propose, approve, review, reply, extend,
close, revisit, reopen. Each changes one record under the book lock and makes one commit."""

from __future__ import annotations

import getpass
from datetime import datetime
from pathlib import Path

from plaint import gitlog
from plaint.book import Book
from plaint.assess import assess
from plaint.completeness import describe_missing, missing_to_close, with_source_default
from plaint.deadlines import due_after_deadline
from plaint.durations import parse_duration
from plaint.errors import UsageError
from plaint.vocab import resolve_fields, role_key, subcategory_key
from plaint.policy import CLOCKS, choices
from plaint.procedure import describe, missing_steps
from plaint.sites import resolve_site
from plaint.records import SCHEMA, Change, apply_change, is_open, new_record_text
from plaint.recovery import recover
from plaint.transaction import change_record as _change, check_inputs, checked_record, commit_in_book as _commit


# How `plaint file` spells a field the policy may require.
OPTION_NAMES = {"complainant.name": "name", "complainant.contact": "contact", "complained_about": "about"}


def resolve_actor(explicit: str | None, book_root: Path) -> str:
    """`--by` (or PLAINT_USER, resolved by the settings), else git's user.name, else the login name."""
    if explicit:
        return explicit
    return gitlog.git_user_name(book_root) or getpass.getuser()


def _check_choice(value: str | None, table, kind: str) -> None:
    if value and value not in table:
        raise UsageError(f"unknown {kind} {value!r}; {choices(kind + ' values', table)}")


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
        raise UsageError(f"received time {received.isoformat()} is after now ({now.isoformat()}); "
                         "a complaint cannot be received in the future")
    if not fields.get("channel"):
        raise UsageError(f"a channel is required (--channel); {choices('channel values', policy.channels)}")
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
        raise UsageError(f"missing required field(s) {named} (required by {policy.path}); give them with {options}")
    site, desk = resolve_site(book.root, policy.site, policy.path, site)  # PLAINT_SITE, the clone's own, the policy's
    complainant = {"name": fields.pop("complainant_name", ""), "contact": fields.pop("complainant_contact", "")}
    top = {"schema": SCHEMA, "status": "received", "received": received, "received_by": actor,
           "severity": fields.get("severity", ""), "validity": fields.get("validity", ""),
           "category": fields.get("category", ""), "handler": "", "department": "", **fields}
    history = {"at": now, "by": actor, "action": "file"} | ({"desk": desk} if desk else {})
    with book.lock():
        notes = recover(book, commit)  # leftovers first, each in its own commit; clears stale git locks
        record_id, path = book.new_id(site, received)
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
        raise UsageError(f"{record.get('id')} is {record.get('status')}; `{action}` needs an open case "
                         f"(reopen it first with `plaint reopen {record.get('id')}`)")


def classify(book, query, now, actor, commit=True, validity=None, severity=None, category=None, reason=None,
             subcategory=None):
    policy = book.policy
    if not (validity or severity or category or subcategory):
        raise UsageError("classify needs at least one of --validity, --severity, --category, --subcategory")
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
                raise UsageError(f"unknown subcategory {subcategory!r} for {where}; "
                                 f"allowed: {', '.join(allowed) or 'none (classify the category first)'}")
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
        raise UsageError("assign needs --handler, --department or both")
    if deadline is not None and not policy.assign_sets_deadline:
        raise UsageError(f"the procedure ({policy.path}) does not let the routing desk set deadlines: the policy's "
                         "clocks set them, and only `plaint extend` with the approver moves one")
    if deadline is not None and deadline <= now:
        raise UsageError(f"--deadline {deadline.isoformat()} is not after now ({now.isoformat()})")

    def build(record):
        _require_open(record, "assign")
        missing = missing_steps(record, policy, policy.assign_requires)
        if missing:
            raise UsageError(f"{record['id']} cannot be routed yet: the procedure ({policy.path}) requires "
                             + describe(missing))
        if deadline is not None and "resolve" in record.get("targets", {}):
            raise UsageError(f"{record['id']} already has its deadline from routing; moving it is an extension: "
                             f"`plaint extend {record['id']} --clock resolve --to TIME --approver ROLE --reason ...`")
        if policy.assign_sets_deadline and department and deadline is None and "resolve" not in record.get("targets", {}):
            raise UsageError(f"the procedure ({policy.path}) has the routing desk set the deadline: "
                             "give --deadline TIME with --department")
        top, times = {}, {}
        tables = {"targets": {"resolve": deadline}} if deadline is not None else {}
        if handler:
            top["handler"] = handler
            if "assigned" not in record.get("times", {}):
                times["assigned"] = now
        if department:
            top["department"] = department
            if "routed" not in record.get("times", {}):
                times["routed"] = now
        if record.get("status") == "received" and handler:
            top["status"] = "assigned"
        history = {k: v for k, v in (("handler", handler), ("department", department), ("deadline", deadline)) if v}
        history.update({f"previous_{k}": record[k] for k in ("handler", "department")
                        if top.get(k) and record.get(k) and record[k] != top[k]})
        return Change("assign", top=top, times=times, tables=tables, history=history)
    return _change(book, query, now, actor, commit, build)


def propose(book, query, now, actor, commit=True, solution=""):
    if not solution:
        raise UsageError("propose needs the solution text (--solution)")

    def build(record):
        _require_open(record, "propose")
        times = {} if "proposed" in record.get("times", {}) else {"proposed": now}
        return Change("propose", tables={"solution": {"text": solution, "by": actor, "approved_by": None}},
                      times=times, history={"solution": solution})
    return _change(book, query, now, actor, commit, build)


def approve(book, query, now, actor, commit=True, approver="", note=""):
    policy = book.policy
    approver = role_key(policy, approver)

    def build(record):
        _require_open(record, "approve")
        if "solution" not in record:
            raise UsageError(f"{record['id']} has no proposed solution to approve; run `plaint propose` first")
        role = policy.solution_approver or _approver_role(policy, assess(record, policy, now).severity)
        if approver and role and approver.lower() != role.lower():
            raise UsageError(f"solutions are approved by the {role}, not {approver!r} (policy {policy.path})")
        fields = {"approved_by": actor, "approver": role or approver, "approved_at": now}
        if note:
            fields["approval_note"] = note
        return Change("approve", tables={"solution": fields},
                      history={"approver": role or approver} | ({"note": note} if note else {}))
    return _change(book, query, now, actor, commit, build)


def review(book, query, now, actor, commit=True, responsible="", deadline=None, notes=""):
    policy = book.policy
    if not responsible:
        raise UsageError("a review names the responsible person (--responsible)")

    def build(record):
        _require_open(record, "review")
        fields = {"responsible": responsible, "by": actor, "at": now, "notes": notes or None}
        tables = {"review": fields}
        history = {"responsible": responsible} | ({"notes": notes} if notes else {})
        if deadline is not None:
            if deadline <= now:
                raise UsageError(f"--deadline {deadline.isoformat()} is not after now ({now.isoformat()})")
            # The procedure's serious-case review sets the deadline (over the routing desk's), once;
            # any other move of a deadline set by a person is an extension with its approver.
            severity = policy.severities.get(assess(record, policy, now).severity)
            by_review = bool(severity and severity.review) and not record.get("review", {}).get("deadline")
            if "resolve" in record.get("targets", {}) and not by_review:
                raise UsageError(f"{record['id']} already has a deadline set by a person; moving it is an extension: "
                                 f"`plaint extend {record['id']} --clock resolve --to TIME --approver ROLE --reason ...`")
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
        raise UsageError("reply needs what the customer was told (--text)")

    def build(record):
        _require_open(record, "reply")
        top = {"status": "answered"} if record.get("status") in ("received", "assigned") else {}
        times = {} if "replied" in record.get("times", {}) else {"replied": now}
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
    if clock not in CLOCKS:
        raise UsageError(f"unknown clock {clock!r}; {choices('clocks', CLOCKS)}")
    if (to is None) == (by is None):
        raise UsageError("extend needs exactly one of --to TIME or --add DURATION")
    if not reason:
        raise UsageError("an extension needs its reason (--reason)")
    if not approver:
        raise UsageError("an extension needs its approver (--approver)")
    approver = role_key(policy, approver)
    duration = parse_duration(by, "--add: ") if by is not None else None
    outcome = {}

    def build(record):
        _require_open(record, "extend")
        case = assess(record, policy, now)
        if clock not in case.clocks:
            raise UsageError(f"{record['id']} runs no {clock!r} clock; its clocks: {', '.join(case.clocks) or 'none'}")
        current = case.clocks[clock]
        if current.stopped is not None:
            raise UsageError(f"the {clock} clock of {record['id']} already stopped at {current.stopped.isoformat()}")
        role = _approver_role(policy, case.severity)
        if role and approver.lower() != role.lower():
            raise UsageError(f"extensions of a {case.severity} case are approved by the {role}, not {approver!r} "
                             f"(policy {policy.path})")
        new_due = to if to is not None else due_after_deadline(current.due, duration, policy.calendar)
        if new_due <= current.due:
            raise UsageError(f"the new {clock} deadline {new_due.isoformat()} is not after the current one "
                             f"({current.due.isoformat()})")
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
        raise UsageError("close needs the resolution (--resolution)")
    code = _cause_code(policy, cause_code) if cause_code else None

    def build(record):
        _require_open(record, "close")
        missing = missing_steps(record, policy, policy.close_requires, ("signoff",) if signed_off_by else ())
        if missing:
            raise UsageError(f"{record['id']} cannot be closed yet: the procedure ({policy.path}) requires "
                             + describe(missing))
        lacking_fields = missing_to_close(record, policy)
        if lacking_fields:
            raise UsageError(f"{record['id']} cannot be closed yet: the policy ({policy.path}) requires "
                             + describe_missing(record["id"], lacking_fields, policy))
        if record.get("times", {}).get("reopened") and record.get("revisit", {}).get("satisfied") is False:
            given = {"cause": cause, "corrective_action": corrective_action, "responsible": responsible,
                     "remedy": remedy}
            lacking = [name for name in policy.reopen_requires if not given[name]]
            if lacking:
                raise UsageError(f"{record['id']} was reopened after an unsatisfied revisit; closing it again needs "
                                 f"the root cause analysis: --{' and --'.join(n.replace('_', '-') for n in lacking)}")
        fields = {"resolution": resolution, "cause": cause or None, "cause_code": code,
                  "corrective_action": corrective_action or None,
                  "responsible": responsible or None, "remedy": remedy or None,
                  "signed_off_by": signed_off_by or None, "by": actor}
        return Change("close", top={"status": "closed"}, tables={"closing": fields}, times={"closed": now},
                      drop_tables=("revisit", "closing"), drop_times=("revisited",),
                      history={k: v for k, v in fields.items() if v and k != "by"})
    return _change(book, query, now, actor, commit, build)


def _cause_code(policy, text: str) -> str:
    """`--cause-code`: a [[causes]] key, or its English or Chinese label, case-insensitively."""
    code = policy.cause_key(text)
    if code:
        return code
    if not policy.causes:
        raise UsageError(f"--cause-code {text!r}: the policy ({policy.path}) lists no [[causes]]; add them "
                         "(key, en, zh) or describe the cause with --cause")
    allowed = ", ".join(f"{k} ({label.text('en')}/{label.zh})" if label.zh else f"{k} ({label.text('en')})"
                        for k, label in policy.causes.items())
    raise UsageError(f"unknown cause code {text!r}; allowed causes: {allowed} (policy {policy.path})")


def revisit(book, query, now, actor, commit=True, method="", satisfied=None, words="", reopen_case=False):
    if satisfied is None:
        raise UsageError("revisit needs --satisfied or --unsatisfied")
    if reopen_case and satisfied:
        raise UsageError("--reopen goes with --unsatisfied: a satisfied customer's case stays closed")

    def build(record):
        if record.get("status") not in ("closed", "revisited"):
            raise UsageError(f"{record['id']} is {record.get('status')}; a revisit comes after closing "
                             f"(`plaint close {record['id']}` first)")
        fields = {"method": method or None, "satisfied": satisfied, "words": words or None, "by": actor}
        change = Change("revisit", top={"status": "revisited"}, tables={"revisit": fields},
                        times={"revisited": now},
                        history={k: v for k, v in (("satisfied", satisfied), ("method", method), ("words", words))
                                 if v not in (None, "")})
        if reopen_case:
            change.top = {"status": "reopened"}
            change.times = {"revisited": now, "reopened": now}
            change.drop_times = ("closed",)
            change.history["reopen"] = True
        return change
    result = _change(book, query, now, actor, commit, build)
    if reopen_case:
        result["reopened"] = True
    return result


def reopen(book, query, now, actor, commit=True, reason=""):
    if not reason:
        raise UsageError("reopen needs its reason (--reason)")

    def build(record):
        if is_open(record):
            raise UsageError(f"{record['id']} is {record.get('status')}, not closed; nothing to reopen")
        return Change("reopen", top={"status": "reopened"}, times={"reopened": now}, drop_times=("closed",),
                      history={"reason": reason})
    return _change(book, query, now, actor, commit, build)
