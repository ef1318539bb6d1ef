"""The policy's shape: the type of every key plaint reads from `plaint.toml`, checked before the
policy is interpreted, so a wrong type (`levels = [1, 2]`, `channels = 5`, `labels = "fr"`) is a
`path:line: message` and never a traceback. Unknown keys stay allowed (a policy may carry notes).
"""

from __future__ import annotations

from plaint.i18n import _

STR, INT, BOOL, TABLE, STRS, TABLES = "text", "a whole number", "true or false", "a table", "a list of texts", \
    "a list of tables ([[...]] entries)"
LANGUAGES = ("en", "zh")

TOP = {"name": STR, "site": STR, "timezone": STR, "labels": STR, "template": STR, "default_severity": STR,
       "channels": TABLES, "categories": TABLES, "validity": TABLES, "severities": TABLES, "causes": TABLES,
       "approvers": STRS, "age_rules": TABLES, "escalation": TABLE, "procedure": TABLE, "fields": TABLE,
       "calendar": TABLE, "report": TABLE, "form": TABLE}
INNER = {
    "escalation": {"levels": STRS, "step": STR},
    "procedure": {"close_requires": STRS, "assign_requires": STRS, "reclose_after_unsatisfied": STRS,
                  "solution_approver": STR, "assign_sets_deadline": BOOL},
    "fields": {"required": STRS, "required_to_close": STRS, "reference_label": STR, "sources": STRS},
    "form": {"title": STR},
}
ENTRY = {"key": STR, "en": STR, "zh": STR, "approver": STR, "notify": STRS, "clocks": TABLE, "review": BOOL,
         "kinds": STRS}
AGE_RULE = {"validity": STR, "unresolved_for": STR, "severity": STR}


def _fits(value, kind: str) -> bool:
    if kind == STR:
        return isinstance(value, str)
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == TABLE:
        return isinstance(value, dict)
    if kind == STRS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def shape_problems(data: dict, add) -> None:
    """Report every wrongly typed key through `add(needle, message)` (PolicyProblems.add)."""
    for key, kind in TOP.items():
        if key in data and not _fits(data[key], kind):
            add(f"{key}", _("`{key}` must be {kind}, not {shown}").format(key=key, kind=kind, shown=_shown(data[key])))
    for table, keys in INNER.items():
        inner = data.get(table)
        if isinstance(inner, dict):
            for key, kind in keys.items():
                if key in inner and not _fits(inner[key], kind):
                    add(f"{key} =", _("`{table}.{key}` must be {kind}, not {shown}").format(table=table, key=key, kind=kind, shown=_shown(inner[key])))
    for name in ("channels", "categories", "validity", "severities", "causes", "age_rules"):
        entries = data.get(name)
        if not _fits(entries, TABLES):
            continue
        spec = AGE_RULE if name == "age_rules" else ENTRY
        for index, entry in enumerate(entries):
            for key, kind in spec.items():
                if key in entry and not _fits(entry[key], kind):
                    add(f"{key} =", _("[[{name}]] entry {value}: `{key}` must be {kind}, not {shown}").format(name=name, value=index + 1, key=key, kind=kind, shown=_shown(entry[key])))
            clocks = entry.get("clocks")
            if isinstance(clocks, dict):
                for clock, value in clocks.items():
                    if not isinstance(value, str):
                        add(f"{clock} =", _("[[{name}]] entry {value}: clock `{clock}` must be a duration text "
                                            'like "3 working days", not {shown}').format(name=name, value=index + 1, clock=clock, shown=_shown(value)))
    labels = data.get("labels")
    if isinstance(labels, str) and labels not in LANGUAGES:
        add("labels", _("labels {labels!r} is not a language plaint speaks; allowed: {items}").format(labels=labels, items=', '.join(LANGUAGES)))
    levels = data.get("escalation", {}).get("levels") if isinstance(data.get("escalation"), dict) else None
    if _fits(levels, STRS):
        if not levels:
            add("levels", _("the escalation ladder `levels` is empty; list the roles from the desk up, e.g. "
                            '["department manager", "general manager"]'))
        repeated = sorted({level for level in levels if levels.count(level) > 1})
        if repeated:
            add("levels", _("the escalation ladder repeats {items}; each role once, from the desk up").format(items=', '.join(map(repr, repeated))))
