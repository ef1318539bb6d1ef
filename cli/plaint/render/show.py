"""`plaint show` as text: the record, its assessment (clocks, rounds, what is missing) and its
history, for a person at a desk. Reads the record's own values (datetimes, not strings)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from plaint import words
from plaint.lateness import lateness_text
from plaint.i18n import N_, _, is_zh
from plaint.procedure import STEPS
from plaint.render.times import show_time

if TYPE_CHECKING:  # types only: render reads the core's values, it never runs the core
    from plaint.assess import Assessment, ClockState

SHORT = 60  # history values longer than this are cut in the short view (`--history` shows all)


def _t(value, tz, deadline: bool = False) -> str:
    if isinstance(value, (datetime, date)):
        return show_time(value, tz, deadline=deadline)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


VOCABULARY = {"validity": "validity", "severity": "severity", "category": "category", "channel": "channel",
              "cause_code": "cause"}


def _v(key: str, value, tz, policy=None, deadline: bool = False) -> str:
    """A stored value as shown: a policy key (`severity = "minor"`) by its label in Chinese."""
    kind = VOCABULARY.get(key.removeprefix("previous_").removesuffix("_was"))
    if kind and policy is not None and isinstance(value, str) and value:
        return words.value(policy, kind, value)
    if key == "clock" and isinstance(value, str):
        return words.clock(value)
    if key == "approver" and isinstance(value, str):
        return words.role(value)
    if key == "method" and policy is not None and is_zh():  # a reply's or revisit's way, by its label
        from plaint.methods import methods
        found = methods(policy).get(str(value))
        return found.zh if found and found.zh else _t(value, tz)
    return _t(value, tz, deadline)


def clock_line(clock: ClockState, tz, name_width: int = 12, colour: bool = False, width: int | None = None) -> str:
    """One clock, safe for a terminal (control characters escaped), its state coloured if asked; on a
    terminal `width` wide, what does not fit goes on further lines under the due time."""
    due = _("due {time}").format(time=show_time(clock.due, tz, deadline=True, weekday=True))
    late = lateness_text(clock.late, clock.working, clock.state)
    shown = words.lateness(late)
    if clock.state == "overdue":
        state = (_("overdue by {late}").format(late=shown) if not late.startswith("0m")
                 else _("overdue, no working time yet"))
    elif clock.state == "late":
        state = _("late by {late} (stopped {time})").format(late=shown, time=show_time(clock.stopped, tz))
    elif clock.state == "met":
        state = _("met (stopped {time})").format(time=show_time(clock.stopped, tz))
    else:
        state = words.clauses([words.state(clock.state), shown])
    if clock.breached and clock.state not in ("late", "overdue"):
        state += _("; deadline {time} breached").format(time=show_time(clock.judged_due, tz, deadline=True))
    extras = []
    for ext in clock.extensions:
        extras.append(_("extended to {time} by {approver}").format(time=show_time(ext.due, tz, deadline=True),
                                                                  approver=words.role(ext.approver))
                      + ("" if ext.in_time else _(" (late: asked after the deadline)")))
    if clock.set_by == "person":
        extras.append(_("deadline set by a person"))
    if clock.provisional:
        extras.append(_("provisional"))
    tail = (f"  （{'；'.join(extras)}）" if is_zh() else f"  ({'; '.join(extras)})") if extras else ""
    from plaint.render.colour import paint
    from plaint.render import visible
    if width:
        from plaint.render.layout import flow
        head, indent = visible(f"  {pad(words.clock(clock.name), name_width)} {due}"), 3 + name_width
        pieces = [(visible(state), lambda text: paint(text, clock.state, colour)),
                  (visible(f"[{words.duration(clock.duration)}]"), None)] + ([(visible(tail.strip()), None)] if tail else [])
        if display_width(head) > width or width - indent < 30:  # too narrow to hang under the due time
            head, indent, pieces = visible(f"  {words.clock(clock.name)}"), 4, [(visible(due), None)] + pieces
        return "\n".join(flow(head, pieces, width, indent))
    return (visible(f"  {pad(words.clock(clock.name), name_width)} {due}  ") + paint(visible(state), clock.state, colour)
            + visible(f"  [{words.duration(clock.duration)}]{tail}"))


from plaint.render import display_width, label_width, pad  # noqa: E402  (pad: kept importable from here)


FIELD_LABELS = {
    "Severity": N_("Severity"), "Received": N_("Received"), "Summary": N_("Summary"), "Complainant": N_("Complainant"),
    "Unit": N_("Unit"), "Source": N_("Source"), "Subcategory": N_("Subcategory"), "Location": N_("Location"),
    "Happened": N_("Happened"), "About": N_("About"), "Request": N_("Request"), "Handler": N_("Handler"),
    "Department": N_("Department"), "Duplicate of": N_("Duplicate of"), "Linked": N_("Linked"),
    "Missing": N_("Missing"), "Solution": N_("Solution"), "Review": N_("Review"), "Reply": N_("Reply"),
    "Closing": N_("Closing"), "Revisit": N_("Revisit"),
}
REFERENCE_WORDS = (N_("reference"), N_("waybill number"), N_("plate number"), N_("serial number"),
                   N_("order number"))


def record_text(record: dict, case: Assessment, policy, labels: str | None = None,
                full_history: bool = False, colour: bool = False, width: int | None = None,
                missing: list[str] = (), merges: list[dict] = ()) -> str:
    """The record as text for a terminal: every line with its control characters escaped; given the
    terminal's `width`, a long line wraps by display width under where its text began. `missing` is
    what closing still needs, `merges` the merges to review (as plaint.views.show_record finds them)."""
    from plaint.render import visible
    from plaint.render.layout import hang
    tz = policy.calendar.tz
    plain = hang(*_heading(record, case, policy, labels), width, 2) + _fields(record, case, policy, labels, tz, width, missing, merges)
    clocks = _clock_sections(case, tz, colour, width)  # (line, already escaped and perhaps coloured)
    after = hang(_("Still needed before closing: "), "; ".join(_(STEPS[name].message) for name in case.missing),
                 width, 2) if case.missing else []
    after += history_lines(record.get("history", []), tz, full_history, policy, width)
    shown = [visible(line, keep_newlines=True) for line in plain]
    shown += [line if safe else visible(line, keep_newlines=True) for line, safe in clocks]
    shown += [visible(line, keep_newlines=True) for line in after]
    return "\n".join(shown)


def _heading(record: dict, case: Assessment, policy, labels: str | None) -> tuple[str, str]:
    """`SG-20261116-001  [assigned]  `, `valid / important / facilities`; the severity is always the
    one the case counts as (the policy's default when not classified), as every other reader says."""
    severity = policy.label("severity", case.severity, labels) + ("↑" if case.upgraded else "")
    validity = policy.label("validity", record.get("validity"), labels) if record.get("validity") else ""
    classified = validity or record.get("severity")
    head = " / ".join(text for text in (validity if classified else _('not classified'), severity,
                                        policy.label("category", record.get("category"), labels)
                                        if record.get("category") else "") if text)
    return f"{record.get('id')}  [{words.status(case.status)}]  ", head


def _fields(record: dict, case: Assessment, policy, labels: str | None, tz, wrap: int | None = None,
            missing=(), merges=()) -> list[str]:
    """The record's fields that have a value, its details, its step tables and unconfirmed merges,
    labels padded to one width (values wrapped under it on a terminal `wrap` wide)."""
    from plaint.render.layout import hang
    complainant = record.get("complainant", {})
    rule = case.upgrade
    rows = [
        ("Severity", _("{severity}, raised by age: a {validity}complaint unresolved after {duration} counts as "
                       "{raised} (classified {classified})").format(
            severity=words.value(policy, "severity", case.severity, labels),
            validity=words.value(policy, "validity", rule.validity, labels) + " " if rule.validity else "",
            duration=words.duration(rule.unresolved_for), raised=words.value(policy, "severity", rule.severity, labels),
            classified=words.value(policy, "severity", case.recorded_severity, labels)) if rule else ""),
        ("Received", _("{time} by {person}, {channel}").format(
            time=_t(record.get('received'), tz), person=record.get('received_by', ''),
            channel=policy.label('channel', record.get('channel', ''), labels))),
        ("Summary", record.get("summary", "")),
        ("Complainant", words.clauses(v for v in (complainant.get("name"), complainant.get("contact")) if v)
         or _("anonymous")),
        ("Unit", record.get("unit", "")), (_(policy.reference_label).capitalize(), record.get("reference", "")),
        ("Source", record.get("source", "")), ("Subcategory", record.get("subcategory", "")),
        ("Location", record.get("location", "")), ("Happened", _t(record.get("happened", ""), tz)),
        ("About", record.get("complained_about", "")), ("Request", record.get("request", "")),
        ("Handler", record.get("handler", "")), ("Department", record.get("department", "")),
        ("Duplicate of", record.get("duplicate_of", "")), ("Linked", ", ".join(record.get("links", []))),
        ("Missing", words.names(words.field_name(name) for name in missing) + _(" (needed before closing: plaint edit)")
         if missing else ""),
    ]
    rows = [(_(FIELD_LABELS.get(label, label)), value) for label, value in rows if value]
    tables = [(_(FIELD_LABELS[title]), record[table]) for table, title in (
        ("solution", "Solution"), ("review", "Review"), ("reply", "Reply"), ("closing", "Closing"),
        ("revisit", "Revisit")) if isinstance(record.get(table), dict)]
    width = label_width([label for label, _value in rows + tables] + [_("Review!")])
    lines = [line for label, value in rows for line in hang(f"  {pad(label, width)} ", value, wrap)]
    if record.get("details"):
        lines += ["  " + _("Details:")] + [part for line in record["details"].splitlines()
                                            for part in hang("    ", line, wrap)]
    for label, table in tables:
        values = words.pairs((words.field(k), _v(k, v, tz, policy)) for k, v in table.items())
        lines += hang(f"  {pad(label, width)} ", values, wrap)
    from plaint.render.merges import describe
    for entry in merges:
        lines += hang(f"  {pad(_('Review!'), width)} ", _("{what}; check it, then confirm with a normal action").format(
            what=describe(entry, policy)), wrap)
    return lines


def _clock_sections(case: Assessment, tz, colour: bool, width: int | None = None) -> list[tuple[str, bool]]:
    """The clocks of this round, then each earlier round's as it ended, names padded to one width; a
    clock line is marked (True) as escaped already, since it may carry colour."""
    names = label_width([words.clock(name) for clocks in [case.clocks, *case.history] for name in clocks])
    from plaint.render.layout import hang
    lines: list[tuple[str, bool]] = []
    if case.clocks:
        lines += [(line, False) for line in hang(_("Clocks"), _(" (round {round}: reopened {time})").format(
            round=case.round, time=show_time(case.rounds[-1].start, tz)) if case.round > 1 else "", width, 2)]
        lines += [(clock_line(clock, tz, names, colour, width), True) for clock in case.clocks.values()]
    for rnd, clocks in list(zip(case.rounds, case.history))[:-1]:
        lines += [(line, False) for line in hang("", _("Round {number} (reopened {time}), as it ended").format(
            number=rnd.number, time=show_time(rnd.ended, tz)), width, 2)]
        lines += [(clock_line(clock, tz, names, colour, width), True) for clock in clocks.values()]
    return lines


def history_lines(history: list, tz, full: bool, policy=None, width: int | None = None) -> list[str]:
    """The history, an entry a line (`full`: a value a line), wrapped on a terminal `width` wide."""
    if not history:
        return []
    from plaint.render import cut
    from plaint.render.layout import hang
    lines = hang(_("History"), "" if full else _(" (plaint show --history for every value in full)"), width, 2)
    for entry in history:
        if not isinstance(entry, dict):
            continue
        merged = entry.get("action") == "merge"
        by = _(entry["by"]) if merged and entry.get("by") == "plaint merge" else str(entry.get("by", ""))
        head = (_t(entry.get('at'), tz), by, words.action(entry.get('action', '')))
        extra = [(k, _merged_value(entry, k, v, policy) if merged else v)
                 for k, v in entry.items() if k not in ("at", "by", "action")]
        if full:
            lines += _entry_head(head, "", width)
            for key, value in extra:
                text = _v(key, value, tz, policy, deadline=key in ("due", "deadline", "previous"))
                first, *rest = text.splitlines() or [""]
                lines += hang(f"      {words.field(key)}: ", first, width, 8)
                lines += [part for line in rest for part in hang("        ", line, width)]
            continue
        shown = []
        for key, value in extra:
            text = " ".join(_v(key, value, tz, policy, deadline=key in ("due", "deadline", "previous")).split())
            shown.append(f"{words.field(key)}={text if display_width(text) <= SHORT else cut(text, SHORT + 1)}")
        lines += _entry_head(head, words.clauses(shown), width)
    return lines


def _entry_head(head: tuple, values: str, width: int | None) -> list[str]:
    """`  time  by  action  values` on one line; on a terminal too narrow for it, the action and the
    values go on further lines indented by six."""
    from plaint.render import visible
    from plaint.render.layout import flow
    when, by, action = head
    line = f"  {when}  {pad(by, 12)} {action}" + (f"  {values}" if values else "")
    if not width or display_width(visible(line)) <= width:
        return [line]
    first = f"  {when}  {pad(by, 12)} {action}"
    pieces = [(visible(values), None)] if values else []
    if display_width(visible(first)) > width:
        first, pieces = f"  {when}  {by}", [(visible(action), None)] + pieces
    return flow(visible(first), pieces, width, 6)


def _merged_value(entry: dict, key: str, value, policy):
    """A merge entry's value as shown: its note and the field in words, kept/dropped policy values by label."""
    if key == "note" and isinstance(value, str):
        return _(value)
    if key == "field" and isinstance(value, str):
        return ".".join(words.field(part) for part in value.split("."))
    kind = VOCABULARY.get(str(entry.get("field", "")))
    if key in ("kept", "dropped") and kind and policy is not None and isinstance(value, str):
        return words.value(policy, kind, value)
    return value
