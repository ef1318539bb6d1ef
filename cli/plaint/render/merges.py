"""A merge to review, as people read it: what two desks did to a field and what the merge kept,
in `show` and as `check`'s warning (a `plaint.mergereview.MergeToReview`)."""

from __future__ import annotations

from plaint import words
from plaint.i18n import _, is_zh

VALUE_KINDS = {"severity": "severity", "category": "category", "channel": "channel", "validity": "validity"}


def describe(entry: dict, policy=None) -> str:
    """One line for a person: what two desks did to a field, and what the merge kept (in Chinese a
    policy value by its label, the field by its name)."""
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


def merge_warning(found) -> str:
    """`check`'s warning for a MergeToReview."""
    return _("{path}:1: warning: {what}; review it and confirm with a normal action on {id} (e.g. "
             "`plaint show {id}`, then classify or assign again)").format(
        path=found.path, what=describe(found.entry, found.policy), id=found.id)
