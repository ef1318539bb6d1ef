"""Three-way merge of one record, field by field: what `plaint merge-driver` does for git.

A record is cut into units: each top-level value, each key of an ordinary table
(`times.replied`, `complainant.contact`), each table an action writes whole (`reply`,
`closing`, ...) and each `extensions.<clock>`. A unit changed on one side takes that
change; changed on both sides to different values it takes the value of the later action
and gets a `merge` history entry naming both values. History is the union of both sides.
Status and times are then made consistent with the merged history.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, time, timezone

from plaint.records import TOP_KEYS
from plaint.i18n import N_, _

# Tables that one action writes as a whole: merged as one value, never key by key.
WHOLE_TABLES = ("reply", "closing", "revisit", "solution", "review", "verification")
# Which units each action changes (by the unit's top-level name), to find "the later action".
TOUCHES = {
    "file": None,  # everything
    "classify": {"validity", "severity", "category", "subcategory"},
    "assign": {"handler", "department", "status", "times", "targets"},
    "propose": {"solution", "times"}, "approve": {"solution"}, "review": {"review", "targets"},
    "verify": {"verification", "times"}, "reply": {"reply", "status", "times"},
    "extend": {"extensions"}, "close": {"status", "closing", "revisit", "times"},
    "revisit": {"revisit", "status", "times"}, "reopen": {"status", "times"},
}
# Times where the first event counts (lifecycle never overwrites them); the others the last.
FIRST_TIMES = ("received", "assigned", "routed", "proposed", "replied", "verified")
MERGE_ACTOR = "plaint merge"
MISSING = object()


class Unmergeable(Exception):
    """The two sides cannot be merged safely; git's conflict stays for a person."""


# -- values ---------------------------------------------------------------------
def canon(value) -> str:
    """One spelling per value, so equal values compare equal and choices never depend on the side."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)


def _plain(value):
    if isinstance(value, (datetime, date, time)):
        return f"{type(value).__name__}:{value.isoformat()}"
    raise TypeError(_("cannot compare a {name}").format(name=type(value).__name__))


def _instant(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return None


def _same(left, right) -> bool:
    if left is MISSING or right is MISSING:
        return left is right
    return canon(left) == canon(right)


# -- units ------------------------------------------------------------------------
def units(record: dict) -> dict[tuple, object]:
    out = {}
    for key, value in record.items():
        if key == "history":
            continue
        if isinstance(value, dict) and key not in WHOLE_TABLES:
            for inner, item in value.items():
                out[(key, inner)] = item
        else:
            out[(key,)] = value
    return out


def _name(unit: tuple) -> str:
    return ".".join(unit)


def _touches(entry: dict, unit: tuple) -> bool:
    action = entry.get("action")
    if action == "merge":
        return entry.get("field") == _name(unit)
    if action in TOUCHES:
        names = TOUCHES[action]
        return names is None or unit[0] in names
    return unit[0] in entry or entry.get("field") in (unit[0], _name(unit))


def _restated(unit: tuple, value, new_entries: list[dict]) -> bool:
    """A side whose own action set this field again, ending where the base was (classified major, then back
    to minor): it changed the field as much as the other side did, so the later action decides."""
    if len(unit) != 1 or unit[0] in ("status", "times"):
        return False
    return any(e.get("action") not in (None, "merge") and unit[0] in e and _same(e[unit[0]], value)
               for e in new_entries)


def _last_time(new_entries: list[dict], unit: tuple) -> datetime | None:
    """When this side last changed the unit: its last new action that touches it, else its last action."""
    touching = [_instant(e.get("at")) for e in new_entries if _touches(e, unit)]
    times = [t for t in touching if t] or [t for t in (_instant(e.get("at")) for e in new_entries) if t]
    return max(times) if times else None


# -- history ------------------------------------------------------------------------
def _new_entries(base: list[dict], side: list[dict]) -> list[dict]:
    left = Counter(canon(e) for e in base)
    out = []
    for entry in side:
        key = canon(entry)
        if left[key]:
            left[key] -= 1
        else:
            out.append(entry)
    return out


def _order_key(entry: dict):
    at = _instant(entry.get("at")) or datetime.min.replace(tzinfo=timezone.utc)
    return at, canon(entry)


def merge_history(base: list[dict], ours: list[dict], theirs: list[dict]) -> tuple[list, list, list]:
    """Every entry of either side once: the shared ones first, then both sides' new ones in time order.

    Returns the merged list and each side's new entries.
    """
    present = Counter(canon(e) for e in ours) | Counter(canon(e) for e in theirs)
    kept = []
    for entry in base:
        key = canon(entry)
        if present[key]:
            present[key] -= 1
            kept.append(entry)
    new_ours, new_theirs = _new_entries(base, ours), _new_entries(base, theirs)
    shared = Counter(canon(e) for e in new_ours)
    only_theirs = []
    for entry in new_theirs:
        key = canon(entry)
        if shared[key]:
            shared[key] -= 1
        else:
            only_theirs.append(entry)
    merged, i, j = list(kept), 0, 0
    while i < len(new_ours) or j < len(only_theirs):
        if j >= len(only_theirs) or (i < len(new_ours) and _order_key(new_ours[i]) <= _order_key(only_theirs[j])):
            merged.append(new_ours[i])
            i += 1
        else:
            merged.append(only_theirs[j])
            j += 1
    return merged, new_ours, new_theirs


# -- status and times ------------------------------------------------------------------
def replay_status(history: list[dict]) -> str | None:
    """The status the history's actions lead to (the lifecycle's rules), or None for an unknown action."""
    status = None
    for entry in history:
        action = entry.get("action")
        if action == "file":
            status = "received"
        elif action == "assign":
            status = "assigned" if status == "received" and entry.get("handler") else status
        elif action == "reply":
            status = "answered" if status in ("received", "assigned") else status
        elif action == "close":
            status = "closed"
        elif action == "revisit":
            status = "reopened" if entry.get("reopen") else "revisited"
        elif action == "reopen":
            status = "reopened"
        elif action not in TOUCHES and action != "merge":
            if "status" in entry:
                return None  # an action this module does not know changed the status
    return status


def _last_at(history: list[dict], action: str):
    found = [e.get("at") for e in history if e.get("action") == action and isinstance(e.get("at"), datetime)]
    return found[-1] if found else None


def _consistent_times(times: dict, status: str | None, history: list[dict]) -> dict:
    times = dict(times)
    if status in ("closed", "revisited"):
        if "closed" not in times and _last_at(history, "close"):
            times["closed"] = _last_at(history, "close")
    elif status is not None:
        times.pop("closed", None)  # open again: reopening dropped it
    if status == "revisited" and "revisited" not in times and _last_at(history, "revisit"):
        times["revisited"] = _last_at(history, "revisit")
    if status == "closed" and "revisited" in times:
        closed, revisited = _instant(times.get("closed")), _instant(times["revisited"])
        if closed and revisited and revisited < closed:
            del times["revisited"]  # closing again starts a new revisit
    if status == "reopened" and "reopened" not in times and _last_at(history, "reopen"):
        times["reopened"] = _last_at(history, "reopen")
    return times


def _reopened_at(history: list[dict]):
    found = [e.get("at") for e in history if isinstance(e.get("at"), datetime)
             and (e.get("action") == "reopen" or (e.get("action") == "revisit" and e.get("reopen")))]
    return found[-1] if found else None


# -- the merge ------------------------------------------------------------------------
def merge_records(base: dict | None, ours: dict, theirs: dict) -> dict:
    """The merged record (a plain dict, history last) of two sides and their common ancestor."""
    if ours.get("id") != theirs.get("id"):
        raise Unmergeable(_("the two sides are different records ({ours!r} and {theirs!r})").format(
            ours=ours.get('id'), theirs=theirs.get('id')))
    if base is None:  # both sides added the file: only the same filing may be merged
        first = [canon((side.get("history") or [None])[0]) for side in (ours, theirs)]
        if first[0] != first[1]:
            raise Unmergeable(_("two desks filed different complaints under the same id {id!r}; each clone needs its "
                                "own site code (`plaint setup --site CODE`)").format(id=ours.get('id')))
        base = _added_base(ours, theirs)
    if base.get("schema", ours.get("schema")) != ours.get("schema") or ours.get("schema") != theirs.get("schema"):
        raise Unmergeable(_("the sides use different record schema versions ({ours!r} and {theirs!r})").format(
            ours=ours.get('schema'), theirs=theirs.get('schema')))
    history, new_ours, new_theirs = merge_history(_entries(base), _entries(ours), _entries(theirs))
    both_acted = bool(new_ours) and bool(new_theirs)
    u_base, u_ours, u_theirs = units(base), units(ours), units(theirs)
    merged, notes, status_conflict = {}, [], False
    for unit in _union_order(u_ours, u_theirs, u_base):
        o, a, b = (u.get(unit, MISSING) for u in (u_base, u_ours, u_theirs))
        if _same(a, b) or (_same(b, o) and not _restated(unit, b, new_theirs)):
            value = a
        elif _same(a, o) and not _restated(unit, a, new_ours):
            value = b
        elif unit == ("status",):
            value, status_conflict = _later(unit, a, b, new_ours, new_theirs), True
        elif unit[0] == "times":
            value = _merge_time(unit[1], a, b, new_ours, new_theirs)
        else:
            value = _later(unit, a, b, new_ours, new_theirs)
            notes.append(_merge_entry(unit, value, b if value is a else a))
        if value is not MISSING:
            merged[unit] = value
    if both_acted or status_conflict:
        _make_consistent(merged, history, force_status=both_acted or status_conflict)
    if notes:
        at = max((_instant(e.get("at")) for e in history if _instant(e.get("at"))), default=None)
        stamp = next((e.get("at") for e in history if _instant(e.get("at")) == at), None)
        for note in sorted(notes, key=lambda n: n["field"]):
            history.append(({"at": stamp} if stamp is not None else {}) | note)
    mixed = {unit[0] for unit in merged if len(unit) == 2} & {unit[0] for unit in merged if len(unit) == 1}
    if mixed:
        raise Unmergeable(_("{fields} is a table on one side and a value on the other").format(fields=', '.join(sorted(mixed))))
    return _rebuild(merged, history, (ours, theirs, base))


def _added_base(ours: dict, theirs: dict) -> dict:
    """Both sides added the same filing: a side whose history the other continues is the base."""
    mine, other = [canon(e) for e in _entries(ours)], [canon(e) for e in _entries(theirs)]
    if other[:len(mine)] == mine:
        return ours
    if mine[:len(other)] == other:
        return theirs
    return {}


def _entries(record: dict) -> list[dict]:
    history = record.get("history", [])
    if not isinstance(history, list) or not all(isinstance(e, dict) for e in history):
        raise Unmergeable(_("the [[history]] is not a list of entries"))
    return history


def _union_order(*sides: dict) -> list[tuple]:
    seen = {}
    for side in sides:
        for unit in side:
            seen.setdefault(unit, None)
    return list(seen)


def _later(unit, a, b, new_ours, new_theirs):
    """The value of the side whose action on this unit came later (ties: the larger value, on either side)."""
    when_a, when_b = _last_time(new_ours, unit), _last_time(new_theirs, unit)
    key_a = (when_a is not None, when_a or datetime.min.replace(tzinfo=timezone.utc), _rank(a))
    key_b = (when_b is not None, when_b or datetime.min.replace(tzinfo=timezone.utc), _rank(b))
    return a if key_a >= key_b else b


def _rank(value) -> str:
    return "" if value is MISSING else "\x01" + canon(value)


def _merge_time(key, a, b, new_ours, new_theirs):
    """Both sides set a time: the first event counts for first times, the later for the others."""
    if a is MISSING or b is MISSING or _instant(a) is None or _instant(b) is None:
        return _later(("times", key), a, b, new_ours, new_theirs)
    if key in FIRST_TIMES:
        return a if (_instant(a), canon(a)) <= (_instant(b), canon(b)) else b
    return a if (_instant(a), canon(a)) >= (_instant(b), canon(b)) else b


def _merge_entry(unit: tuple, kept, dropped) -> dict:
    entry = {"by": MERGE_ACTOR, "action": "merge", "field": _name(unit)}
    if kept is not MISSING:
        entry["kept"] = kept
    if dropped is not MISSING:
        entry["dropped"] = dropped
    if kept is MISSING:
        entry["note"] = N_("the later change removed this field")  # stored in English; show translates it
    elif dropped is MISSING:
        entry["note"] = N_("the earlier change had removed this field")
    return entry


def _make_consistent(merged: dict, history: list[dict], force_status: bool) -> None:
    status = replay_status(history)
    if status is not None and force_status:
        merged[("status",)] = status
    status = merged.get(("status",))
    times = {unit[1]: value for unit, value in merged.items() if unit[0] == "times" and len(unit) == 2}
    fixed = _consistent_times(times, status, history)
    if status == "reopened" and "reopened" not in fixed and _reopened_at(history):
        fixed["reopened"] = _reopened_at(history)
    for key in times:
        if key not in fixed:
            del merged[("times", key)]
    for key, value in fixed.items():
        merged[("times", key)] = value


def _rebuild(merged: dict, history: list[dict], sides) -> dict:
    """A plain dict in the canonical order: known top keys, other values, tables, [[history]] last."""
    order = _union_order(*({k: None for k in side} for side in sides))
    scalars = [(u,) for u in TOP_KEYS if (u,) in merged]
    scalars += [(k,) for k in order if (k,) in merged and (k,) not in scalars and not _is_table((k,), merged)]
    record = {unit[0]: merged[unit] for unit in scalars}
    for key in order:
        if key in record or key == "history":
            continue
        if (key,) in merged:
            record[key] = merged[(key,)]
            continue
        inner_order = _union_order(*({k: None for k in side.get(key, {})} for side in sides
                                     if isinstance(side.get(key), dict)))
        table = {inner: merged[(key, inner)] for inner in inner_order if (key, inner) in merged}
        if table:
            record[key] = table
    record["history"] = history
    return record


def _is_table(unit: tuple, merged: dict) -> bool:
    value = merged[unit]
    return isinstance(value, dict) or (isinstance(value, list) and bool(value)
                                       and all(isinstance(v, dict) for v in value))
