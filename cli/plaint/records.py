"""A record's canonical TOML layout, and edits that keep whatever a person added by hand."""

from __future__ import annotations

from datetime import date, datetime

SCHEMA = 1
# The current state first, in this order; [[history]] always last.
TOP_KEYS = ("schema", "id", "status", "received", "received_by", "channel", "source", "reference",
            "summary", "details", "location", "unit", "happened", "complained_about", "request",
            "witnesses", "evidence", "validity", "severity", "category", "subcategory", "handler", "department")
DONE_STATES = ("closed", "revisited")


def status_of(record: dict) -> str:
    """A duplicate is closed, and shown as `duplicate`."""
    return "duplicate" if record.get("duplicate_of") else str(record.get("status", ""))


def is_open(record: dict) -> bool:
    return record.get("status") not in DONE_STATES


class View:
    """A record as its readers ask about it: its status, open or done, its times by name. Thin: it
    wraps the record's dict and copies nothing. Its severity as it counts is `Policy.recorded_severity`
    (as classified, else the default) and, with the age rule, `plaint.assess`'s."""

    __slots__ = ("data",)

    def __init__(self, data: dict):
        self.data = data

    @property
    def status(self) -> str:
        """As recorded (`received` ... `reopened`); `status_of` says `duplicate` for a duplicate."""
        return str(self.data.get("status", ""))

    @property
    def is_open(self) -> bool:
        return is_open(self.data)

    @property
    def times(self) -> dict:
        return self.data.get("times", {})

    def has(self, name: str) -> bool:
        """Whether `[times]` has `name` (the step happened)."""
        return name in self.times

    def time(self, name: str) -> datetime | None:
        """`[times] name` (received, assigned, replied, closed, reopened ...), or None if not yet."""
        return self.times.get(name)


def _value(value):
    """Strings with newlines as multi-line TOML (readable); everything else as tomlkit sees fit."""
    import tomlkit  # writing only: reading commands never pay for it

    if isinstance(value, str) and "\n" in value and "\r" not in value:
        return tomlkit.string(value, multiline=True)
    if isinstance(value, dict):
        table = tomlkit.table()
        for key, inner in value.items():
            if inner is not None:
                table[key] = _value(inner)
        return table
    return value


class Change:
    """What one action does to a record, built whole (every part given to the constructor; it cannot
    be altered afterwards); applied to the record's text so hand edits survive."""

    __slots__ = ("action", "top", "tables", "times", "drop_tables", "drop_times", "history")

    def __init__(self, action: str, top: dict | None = None, tables: dict[str, dict] | None = None,
                 times: dict[str, datetime] | None = None, drop_tables: tuple[str, ...] = (),
                 drop_times: tuple[str, ...] = (), history: dict | None = None):
        parts = {"action": action, "top": top or {}, "tables": tables or {},  # table -> keys to set
                 "times": times or {}, "drop_tables": drop_tables, "drop_times": drop_times, "history": history or {}}
        for name, value in parts.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"a Change is built whole: give {name} to Change(...)")


def new_record_text(top: dict, complainant: dict, times: dict, history: dict) -> str:
    import tomlkit

    doc = tomlkit.document()
    for key in TOP_KEYS:
        if key in top and top[key] is not None:
            doc[key] = _value(top[key])
    doc["complainant"] = _value(complainant)
    doc["times"] = _value(times)
    history_aot = tomlkit.aot()
    history_aot.append(_value(history))
    doc["history"] = history_aot
    return tomlkit.dumps(doc)


def apply_change(text: str, change: Change, history: dict, path: str = "record") -> str:
    import tomlkit

    doc = _rewritable(text, path)
    for key, value in change.top.items():
        doc[key] = _value(value)
    for name in change.drop_tables:
        if name in doc:
            del doc[name]
    history_aot = doc["history"] if "history" in doc else tomlkit.aot()
    if "history" in doc:
        del doc["history"]  # re-added last, so the current state stays first
    times = change.times
    if times or change.drop_times:
        if "times" not in doc:
            doc["times"] = tomlkit.table()
        for key in change.drop_times:
            if key in doc["times"]:
                del doc["times"][key]
        for key, value in times.items():
            doc["times"][key] = value
    for name, values in change.tables.items():
        if name == "extensions":
            if "extensions" not in doc:
                doc["extensions"] = tomlkit.table(is_super_table=True)
            for clock, fields in values.items():
                doc["extensions"][clock] = _value(fields)
            continue
        if name not in doc:
            doc[name] = tomlkit.table()
        for key, value in values.items():
            if value is not None:
                doc[name][key] = _value(value)
    history_aot.append(_value(history))
    doc["history"] = history_aot
    return tomlkit.dumps(doc)


def jsonable(value):
    """Times as ISO strings, everything else as is: the JSON contract's view of a record."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _rewritable(text: str, path: str):
    """The record as tomlkit edits it; a hand edit tomllib reads but tomlkit will not (a value nested over
    100 deep) is the record's problem, said where it is, not an internal error."""
    import tomlkit
    from tomlkit.exceptions import ParseError as Unreadable
    try:
        return tomlkit.parse(text)
    except Unreadable as exc:
        from plaint.errors import ParseError
        from plaint.i18n import _
        raise ParseError(path, exc.line, _("plaint cannot rewrite this record: {reason}; undo that hand edit (the "
                                           "history of the file: `plaint log`), then repeat the command").format(
                                               reason=str(exc).split(" at line ")[0]))
