"""The record schema: the type and allowed values of every field plaint owns, checked on every read.

One small API for everyone who reads records (the book, `check`, the merge driver, a cache):

    record_problems(data, text, path, policy=None) -> list[Problem]

`data` is what tomllib made of `text`; `path` names the file in messages. Each Problem prints as
`path:line: message`. An empty list means the record is safe to compute with. Keys a person added
by hand that plaint does not own are allowed and never checked. With a policy, the vocabulary
(channel, category, validity, severity) is checked too: `plaint check` does that; readers do not,
so a record stays readable after its category is retired from the policy.

It runs on every record of a 100,000-record book, so the happy path is a few dict look-ups and
isinstance calls; line numbers are only searched for when something is wrong.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from plaint.problems import Problem, choices, one_of  # Problem: the one problem type, kept importable from here
from plaint.i18n import N_, _

SCHEMA_VERSIONS = (1,)
STATUSES = ("received", "assigned", "answered", "closed", "revisited", "reopened")
FIRST_YEAR, LAST_YEAR = 1970, 2200
ID_FORMAT = re.compile(r"[A-Z0-9]{1,8}-[0-9]{8}-[0-9]{3,}")
ACTION_FORMAT = re.compile(r"[a-z][a-z_-]{0,39}")
CLOCK_NAMES = ("route", "acknowledge", "propose", "respond", "resolve", "revisit")
TIME_KEYS = ("received", "routed", "assigned", "proposed", "verified", "replied", "closed", "revisited", "reopened")

STR, TIME, BOOL, WHEN, TEXTS = "text", "time", "true or false", "time or date", "a list of texts"
TOP = {"id": STR, "status": STR, "received_by": STR, "channel": STR, "source": STR, "reference": STR,
       "summary": STR, "details": STR, "location": STR, "unit": STR, "complained_about": STR, "request": STR,
       "witnesses": STR, "evidence": STR, "validity": STR, "severity": STR, "category": STR,
       "subcategory": STR, "handler": STR, "department": STR, "happened": WHEN, "received": TIME,
       "links": TEXTS, "duplicate_of": STR}
TABLES = {
    "complainant": {"name": STR, "contact": STR},
    "solution": {"text": STR, "by": STR, "approved_by": STR, "approver": STR, "approved_at": TIME,
                 "approval_note": STR},
    "review": {"responsible": STR, "by": STR, "at": TIME, "notes": STR, "deadline": TIME},
    "reply": {"text": STR, "method": STR, "by": STR},
    "closing": {"resolution": STR, "cause": STR, "corrective_action": STR, "responsible": STR, "remedy": STR,
                "signed_off_by": STR, "by": STR},
    "revisit": {"method": STR, "words": STR, "by": STR, "satisfied": BOOL},
    "verification": {"by": STR, "note": STR},
    "times": dict.fromkeys(TIME_KEYS, TIME),
    "targets": dict.fromkeys(CLOCK_NAMES, TIME),
}
EXTENSION = {"due": TIME, "at": TIME, "previous": TIME, "approver": STR, "reason": STR, "by": STR}
VOCABULARY = (("channel", "channels"), ("category", "categories"), ("validity", "validity"),
              ("severity", "severities"))


def _fits(value, kind: str) -> bool:
    if kind == STR:
        return type(value) is str
    if kind == BOOL:
        return type(value) is bool
    if kind == TEXTS:
        return type(value) is list and all(type(item) is str for item in value)
    if type(value) is datetime:
        return value.tzinfo is not None and FIRST_YEAR <= value.year <= LAST_YEAR
    return kind == WHEN and type(value) is date and FIRST_YEAR <= value.year <= LAST_YEAR


# What each kind and a value's own type are called in the message (the kinds above stay the keys).
KIND_WORDS = {STR: N_("text"), TIME: N_("time"), BOOL: N_("true or false"), WHEN: N_("time or date"),
              TEXTS: N_("a list of texts")}
TYPE_WORDS = {name: name for name in (N_("str"), N_("int"), N_("float"), N_("bool"), N_("list"), N_("dict"),
                                       N_("date"), N_("datetime"))}  # English keeps Python's names


def _explain(value, kind: str) -> str:
    if isinstance(value, datetime) and value.tzinfo is None:
        return _("a time without its UTC offset (write it like 2026-11-16T14:05:00+08:00)")
    if isinstance(value, (date, datetime)) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        return _("a time in {year}, outside the years {first}-{last}").format(year=value.year, first=FIRST_YEAR,
                                                                             last=LAST_YEAR)
    shown, name = repr(value), type(value).__name__
    return _("{shown} ({type})").format(shown=f"{shown[:40]}{'…' if len(shown) > 40 else ''}",
                                        type=_(TYPE_WORDS[name]) if name in TYPE_WORDS else name)


class _Collector:
    """Problems of one record; finds the line of a key only when there is a problem to report."""

    def __init__(self, text: str, path: str):
        self.text, self.path, self.items = text or "", str(path), []

    def add(self, message: str, key: str = "", table: str = "", nth: int = 0) -> None:
        self.items.append(Problem(self.path, line_of_key(self.text, key, table, nth), message))

    def typed(self, value, kind: str, name: str, key: str, table: str = "", nth: int = 0) -> None:
        if not _fits(value, kind):
            self.add(_("`{name}` must be {kind}, not {explain}").format(name=name, kind=_(KIND_WORDS[kind]), explain=_explain(value, kind)), key, table, nth)


def line_of_key(text: str, key: str = "", table: str = "", nth: int = 0) -> int:
    """The line of `key` (inside `[table]`, or the nth `[[history]]` entry); 1 when not found."""
    start = 0
    if table:
        header = re.compile(r"^\s*\[\[\s*history\s*\]\]" if table == "history"
                            else rf"^\s*\[\s*{re.escape(table)}\s*[\].]", re.M)
        found = list(header.finditer(text))
        if found:
            start = found[min(nth, len(found) - 1)].start()
        elif not key:
            return 1
    if key:
        match = re.compile(rf"^\s*{re.escape(key)}\s*=", re.M).search(text, start)
        if match:
            start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
    return text.count("\n", 0, start) + 1


def record_problems(data: dict, text: str, path, policy=None) -> list[Problem]:
    """Every way `data` (parsed from `text`) breaks the record schema; [] when it is sound."""
    found = _Collector(text, path)
    schema = data.get("schema")
    if schema is None:
        found.add(_("no `schema` version; plaint writes `schema = 1` first in every record"))
    elif type(schema) is not int or schema not in SCHEMA_VERSIONS:
        found.add(_("unknown schema version {schema!r}; this plaint reads schema {items} (a newer plaint may have "
                    "written it)").format(schema=schema, items=', '.join(map(str, SCHEMA_VERSIONS))), "schema")
        return found.items  # a record from another schema version is not ours to judge field by field
    for key, value in data.items():
        kind = TOP.get(key)
        if kind is not None:
            if kind is not STR or type(value) is not str:  # a text is the usual case: checked inline
                found.typed(value, kind, key, key)
        elif key in TABLES or key == "extensions":
            _table(found, key, value)
    for key in ("id", "status", "received"):
        if key not in data:
            found.add(_("no `{key}`; every record has one").format(key=key))
    _values(found, data, path)
    _history(found, data.get("history"))
    if not found.items:
        _order(found, data)
    if policy is not None:
        found.items += vocabulary_problems(data, policy, text, path)
    return found.items


def vocabulary_problems(data: dict, policy, text: str | None = None, path="") -> list[Problem]:
    """A policy-valued field (channel, category, validity, severity) holding a value the policy does
    not define: every reader says it (plaint.book vets what it yields), as `check` does. `text`: the
    file's text for the line numbers, read from `path` only when there is a problem."""
    wrong = []
    for key, attribute in VOCABULARY:
        value = data.get(key)
        message = one_of(key, value, getattr(policy, attribute), "", keys=True) if isinstance(value, str) else None
        if message:
            wrong.append((message, key))
    if not wrong:
        return []
    if text is None or (not text and path):
        from plaint.storage.resources import read_text
        try:
            text = read_text(path)
        except OSError:
            text = ""
    found = _Collector(text, path)
    for message, key in wrong:
        found.add(message, key)
    return found.items


def _table(found: _Collector, name: str, value) -> None:
    if not isinstance(value, dict):
        found.add(_("`{name}` must be a table, not {explain}").format(name=name, explain=_explain(value, '')), name)
        return
    if name == "extensions":
        for clock, fields in value.items():
            if clock not in CLOCK_NAMES:
                found.add(_("extension of unknown clock {clock!r}; clocks: {items}").format(clock=clock, items=', '.join(CLOCK_NAMES)), "", f"extensions.{clock}")
            elif not isinstance(fields, dict):
                found.add(_("`extensions.{clock}` must be a table").format(clock=clock), clock, "extensions")
            elif "due" not in fields:
                found.add(_("`extensions.{clock}` has no `due` time").format(clock=clock), "", f"extensions.{clock}")
            else:
                for key, inner in fields.items():
                    kind = EXTENSION.get(key)
                    if kind is not None:
                        found.typed(inner, kind, f"extensions.{clock}.{key}", key, f"extensions.{clock}")
        return
    kinds = TABLES[name]
    for key, inner in value.items():
        kind = kinds.get(key)
        if kind is not None:
            if kind is not STR or type(inner) is not str:
                found.typed(inner, kind, f"{name}.{key}", key, name)
        elif name == "targets":
            found.add(_("target for unknown clock {key!r}; clocks: {items}").format(key=key, items=', '.join(CLOCK_NAMES)), key, name)


def _values(found: _Collector, data: dict, path) -> None:
    status = data.get("status")
    if isinstance(status, str) and status not in STATUSES:
        found.add(_("unknown status {status!r}; {allowed}").format(
            status=status, allowed=choices("", STATUSES, keys=True, of="statuses")), "status")
    record_id = data.get("id")
    if isinstance(record_id, str):
        if not ID_FORMAT.fullmatch(record_id):
            found.add(_("id {record_id!r} is not SITE-YYYYMMDD-NNN (site: 1-8 capital letters or digits)").format(record_id=record_id), "id")
        elif path and not str(path).endswith(f"{record_id}.toml"):
            name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
            found.add(_("id {record_id!r} does not match the file name {name!r}").format(record_id=record_id, name=name), "id")


def _history(found: _Collector, history) -> None:
    if history is None:
        found.add(_("no [[history]]: every record keeps who did what when (was the file cut short?)"))
        return
    if not isinstance(history, list) or not history:
        found.add(_("`history` must be a non-empty list of [[history]] tables"), "history")
        return
    for index, entry in enumerate(history):
        if not isinstance(entry, dict):
            found.add(_("history entry {value} must be a [[history]] table, not {explain}").format(value=index + 1, explain=_explain(entry, '')), "history")
            continue
        for key, kind in (("at", TIME), ("by", STR), ("action", STR)):
            if key not in entry:
                found.add(_("history entry {value} has no `{key}`").format(value=index + 1, key=key), "", "history", index)
            elif kind is not STR or type(entry[key]) is not str:
                found.typed(entry[key], kind, f"history[{index + 1}].{key}", key, "history", index)
        action = entry.get("action")
        if isinstance(action, str) and not ACTION_FORMAT.fullmatch(action):
            found.add(_("history entry {value}: {action!r} is not an action name").format(value=index + 1, action=action), "action", "history", index)


def _order(found: _Collector, data: dict) -> None:
    """Times in order: nothing happens to a case before it was received; no revisit before closing."""
    received = data["received"]
    times = data.get("times", {})
    for key, value in times.items():
        if key in TABLES["times"] and value < received:
            found.add(_("times.{key} ({value}) is before the case was received ({received})").format(key=key, value=value.isoformat(), received=received.isoformat()),
                      key, "times")
    if "closed" in times and "revisited" in times and times["revisited"] < times["closed"]:
        found.add(_("times.revisited is before times.closed: a revisit comes after closing"), "revisited", "times")
    for index, entry in enumerate(data["history"]):
        if entry["at"] < received:
            found.add(_("history entry {value} ({value2}) is before the case was received ({received})").format(value=index + 1, value2=entry['at'].isoformat(), received=received.isoformat()), "at", "history", index)
