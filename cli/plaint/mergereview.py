"""What a person is asked to review after a merge: the merge entries no normal action has followed
yet, and one line for each saying what two desks did to a field and what the merge kept. Kept apart
from the merge itself (plaint.merge), which git runs on whole records."""

from __future__ import annotations


def unconfirmed_merges(record: dict) -> list[dict]:
    """Merge entries no normal action has followed yet: what `show` and `check` ask a person to review."""
    history = record.get("history")
    if not isinstance(history, list):
        return []
    pending = []
    for entry in history:
        if not isinstance(entry, dict):
            continue
        if entry.get("action") == "merge":
            pending.append(entry)
        else:
            pending = []
    return pending


VALUE_KINDS = {"severity": "severity", "category": "category", "channel": "channel", "validity": "validity"}


def describe(entry: dict, policy=None) -> str:
    """One line for a person: what two desks did to a field, and what the merge kept (in Chinese a
    policy value by its label, the field by its name)."""
    from plaint import words
    from plaint.i18n import _, is_zh
    field = str(entry.get("field", ""))
    kind = VALUE_KINDS.get(field)

    def said(value):
        if isinstance(value, dict):
            return ", ".join(f"{words.field(k)}={v}" for k, v in value.items())
        if not is_zh():
            return repr(value)
        if policy is not None and kind and isinstance(value, str):
            value = words.value(policy, kind, value)
        return f"“{value}”"
    kept = said(entry["kept"]) if "kept" in entry else _("the removal")
    dropped = said(entry["dropped"]) if "dropped" in entry else _("a removal")
    name = ".".join(words.field(part) for part in field.split(".")) if is_zh() else field
    return _("two desks changed {field} at once; the merge kept {kept} (the later action) over {dropped}").format(
        field=name, kept=kept, dropped=dropped)
