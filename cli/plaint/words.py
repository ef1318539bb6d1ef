"""The words around the data, marked for the catalog: table headers, statuses, clock names and
clock states. JSON and CSV keep the keys; tables and text show these, in the interface language."""

from __future__ import annotations

from plaint.i18n import N_, _, is_zh

HEADERS = {
    "id": N_("id"), "status": N_("status"), "received": N_("received"), "severity": N_("severity"),
    "category": N_("category"), "handler": N_("handler"), "department": N_("department"), "summary": N_("summary"),
    "state": N_("state"), "clock": N_("clock"), "due": N_("due"), "late": N_("late"), "owner": N_("owner"),
    "escalate_to": N_("escalate_to"), "next deadline": N_("next deadline"), "complainant": N_("complainant"),
    "unit / ref": N_("unit / ref"),
    # the further columns of CSV for Excel (--excel), which a person reads in the interface language
    "next_clock": N_("column: next_clock"), "next_due": N_("column: next_due"), "next_state": N_("column: next_state"),
    "severity_upgraded": N_("column: severity_upgraded"), "late_minutes": N_("column: late_minutes"),
    "provisional": N_("column: provisional"), "extended_to": N_("column: extended_to"), "path": N_("column: path"),
    "round": N_("column: round"), "original_due": N_("column: original_due"), "breached": N_("column: breached"),
    "name": N_("column: name"), "contact": N_("column: contact"), "unit": N_("column: unit"),
    "reference": N_("column: reference"), "section": N_("column: section"), "key": N_("column: key"),
    "measure": N_("column: measure"), "value": N_("column: value"),
}
# Statuses and clock states read as themselves in English; their msgids carry a context, since
# the same English word is also a header ("received", "late") with another Chinese word.
STATUSES = {
    "open": N_("status: open"), "received": N_("status: received"), "assigned": N_("status: assigned"),
    "answered": N_("status: answered"), "closed": N_("status: closed"), "revisited": N_("status: revisited"),
    "reopened": N_("status: reopened"), "duplicate": N_("status: duplicate"),
}
STATES = {"running": N_("state: running"), "due-soon": N_("state: due-soon"), "overdue": N_("state: overdue"),
          "met": N_("state: met"), "late": N_("state: late")}
CLOCK_NAMES = {"route": N_("route"), "acknowledge": N_("acknowledge"), "propose": N_("propose"),
               "respond": N_("respond"), "resolve": N_("resolve"), "revisit": N_("revisit")}


# Fixed vocabularies (not from the policy) by the names `choices` and `vocab.fixed` give them.
FIXED = {"statuses": STATUSES, "status": STATUSES, "clocks": CLOCK_NAMES, "clock": CLOCK_NAMES, "states": STATES,
         "state": STATES}
ROLE_LISTS = ("levels", "level", "role", "approver", "sources", "source", "source values")


def word(kind: str, key: str, label=None) -> str:
    """The Chinese name of `key` in a list of `kind` (a policy value's label, a status's, clock's or
    role's catalog word); the key when it has none."""
    label = getattr(label, "label", label)  # a Severity carries its Label
    if getattr(label, "zh", ""):
        return label.zh
    if kind in FIXED and key in FIXED[kind]:
        return _(FIXED[kind][key])
    return _(key) if kind in ROLE_LISTS else key


def names(items) -> str:
    """Names listed in a sentence (`unit, contact` / `单元、联系方式`)."""
    return ("、" if is_zh() else ", ").join(items)


def pairs(items) -> str:
    """`key: value; key: value` as the interface language punctuates it (`键：值；键：值`)."""
    colon, semicolon = ("：", "；") if is_zh() else (": ", "; ")
    return semicolon.join(f"{key}{colon}{value}" for key, value in items)


def aside(text: str) -> str:
    """A remark after what it explains: ` (text)`, in Chinese `（text）`."""
    return f"（{text}）" if is_zh() else f" ({text})"


def steps(parts) -> str:
    """Things to do, one after another (`a; b` / `a；b`)."""
    return ("；" if is_zh() else "; ").join(parts)


def field_name(key: str) -> str:
    """A record key as a person reads it; a dotted one (`complainant.contact`) by its last part in Chinese."""
    if is_zh() and key not in FIELDS and "." in key:
        return field(key.rsplit(".", 1)[-1])
    return field(key)


def clauses(parts) -> str:
    """Parts of one sentence, joined as the interface language writes them (`a, b` / `a，b`)."""
    return ("，" if is_zh() else ", ").join(parts)


def header(column: str) -> str:
    return _(HEADERS.get(column, column))


def headers(columns: list[str]) -> list[str]:
    return [header(column) for column in columns]


def status(key: str) -> str:
    return _(STATUSES[key]) if key in STATUSES and is_zh() else key


def state(key: str) -> str:
    return _(STATES[key]) if key in STATES and is_zh() else key


def clock(key: str) -> str:
    return _(CLOCK_NAMES[key]) if key in CLOCK_NAMES else key


def role(name: str) -> str:
    """A role of the escalation ladder (`general manager`) in the interface language."""
    return _(name)


def signers(policy, name: str) -> str:
    """Who may sign what `name` may: the role, and the levels above it if the policy has any."""
    above = policy.levels_above(name)
    if not above:
        return role(name)
    return _("{role} (or a level above: {above})").format(role=role(name), above=names(role(r) for r in above))


DURATION_UNITS = {"wd": N_("{n} working day(s)"), "wh": N_("{n} working hour(s)"), "wm": N_("{n} working minute(s)"),
                  "d": N_("{n} day(s)"), "h": N_("{n} hour(s)"), "m": N_("{n} minute(s)")}


def duration(value) -> str:
    """A duration for a person to read (`3 working days`; in Chinese `3个工作日`). JSON keeps str()."""
    if not is_zh():
        return str(value)
    if value.unit == "same":
        return _("same day")
    return _(DURATION_UNITS[value.unit]).format(n=value.amount)


def lateness(text: str) -> str:
    """`1d02h05m`, `in 30m`, `0m (no working time yet)` as the interface language writes them."""
    if not is_zh() or not text:
        return text
    import re
    ahead = text.startswith("in ")
    core = text[3:] if ahead else text
    note = ""
    if "(no working time yet)" in core:
        core, note = core.replace("(no working time yet)", "").strip(), _("(no working time yet)")
    core = re.sub(r"(\d+)d", r"\1天", core)
    core = re.sub(r"(\d+)h", r"\1时", core)
    core = re.sub(r"(\d+)m", r"\1分", core)
    return (_("in {span}").format(span=core) if ahead else core) + note


ACTIONS = {"file": N_("action: file"), "classify": N_("action: classify"), "assign": N_("action: assign"),
           "verify": N_("action: verify"), "propose": N_("action: propose"), "approve": N_("action: approve"),
           "review": N_("action: review"), "reply": N_("action: reply"), "extend": N_("action: extend"),
           "close": N_("action: close"), "revisit": N_("action: revisit"), "reopen": N_("action: reopen"),
           "edit": N_("action: edit"), "note": N_("action: note"), "link": N_("action: link"),
           "duplicate": N_("action: duplicate"), "merge": N_("action: merge"), "recover": N_("action: recover")}


def action(key: str) -> str:
    """A history entry's action (`classify`), in Chinese the step's name (判定性质)."""
    return _(ACTIONS[key]) if key in ACTIONS and is_zh() else key


def value(policy, kind: str, key: str, labels: str | None = None) -> str:
    """A policy value inside a sentence: its key in English (as always), its label in Chinese."""
    return policy.label(kind, key, labels) if (labels or ("zh" if is_zh() else "en")) == "zh" else key


# Record keys as `show` prints them beside their values (the record keeps the keys).
FIELDS = {
    "text": N_("field: text"),
    "method": N_("field: method"),
    "by": N_("field: by"),
    "resolution": N_("field: resolution"),
    "cause": N_("field: cause"),
    "cause_code": N_("field: cause_code"),
    "satisfied": N_("field: satisfied"),
    "words": N_("field: words"),
    "validity": N_("field: validity"),
    "severity": N_("field: severity"),
    "category": N_("field: category"),
    "subcategory": N_("field: subcategory"),
    "handler": N_("field: handler"),
    "department": N_("field: department"),
    "reason": N_("field: reason"),
    "corrective_action": N_("field: corrective_action"),
    "responsible": N_("field: responsible"),
    "remedy": N_("field: remedy"),
    "signed_off_by": N_("field: signed_off_by"),
    "note": N_("field: note"),
    "solution": N_("field: solution"),
    "approver": N_("field: approver"),
    "approved_by": N_("field: approved_by"),
    "approved_at": N_("field: approved_at"),
    "clock": N_("field: clock"),
    "due": N_("field: due"),
    "previous": N_("field: previous"),
    "at": N_("field: at"),
    "summary": N_("field: summary"),
    "channel": N_("field: channel"),
    "unit": N_("field: unit"),
    "contact": N_("field: contact"),
    "name": N_("field: name"),
    "reopen": N_("field: reopen"),
    "late": N_("field: late"),
    "deadline": N_("field: deadline"),
    "notes": N_("field: notes"),
    "previous_validity": N_("field: previous_validity"),
    "previous_severity": N_("field: previous_severity"),
    "previous_category": N_("field: previous_category"),
    "duplicate_of": N_("field: duplicate_of"),
    "reference": N_("field: reference"),
    "location": N_("field: location"),
    "details": N_("field: details"),
    "request": N_("field: request"),
    "source": N_("field: source"),
    "desk": N_("field: desk"),
    "field": N_("field: field"),
    "kept": N_("field: kept"),
    "dropped": N_("field: dropped"),
}
MERGE_ACTOR_WORD = N_("plaint merge")  # who a merge entry is by (merge.MERGE_ACTOR), as show names it


def field(key: str) -> str:
    """A record key as `show` names it; `unit_was` (what `edit` replaced) as 原单元."""
    if not is_zh():
        return key
    if key.endswith("_was") and key[:-4] in FIELDS:
        return _("{field} (was)").format(field=_(FIELDS[key[:-4]]))
    return _(FIELDS[key]) if key in FIELDS else key
