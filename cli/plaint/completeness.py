"""Record first, complete later: what filing needs, what closing needs, and who is anonymous.

A complaint is never refused at intake for a detail the caller did not give. The policy's
`[fields] required` lists what every complaint has from the start (a channel, a summary);
`required_to_close` lists what must be found out before the case can close (the unit, the
waybill, ...). An anonymous complaint (no name, no contact) is recorded and counted as such.
"""

from __future__ import annotations

# How `plaint file` / `plaint edit` spell a field the policy may require.
OPTION_NAMES = {"complainant.name": "name", "complainant.contact": "contact", "complained_about": "about"}


def option_of(field: str) -> str:
    return "--" + OPTION_NAMES.get(field, field).replace("_", "-")


def field_value(record: dict, field: str):
    """A record's value of a policy field name (`unit`, `complainant.contact`)."""
    if field.startswith("complainant."):
        return record.get("complainant", {}).get(field.split(".", 1)[1], "")
    return record.get(field, "")


def missing_to_close(record: dict, policy) -> list[str]:
    """The `required_to_close` fields the record still lacks (none for a duplicate: it closed with its original)."""
    if record.get("duplicate_of"):
        return []
    return [field for field in policy.required_to_close if field_value(record, field) in ("", None)]


def describe_missing(record_id: str, missing: list[str], policy) -> str:
    """`unit` -> `unit; add it with plaint edit ID --unit ...`, the reference called by its label."""
    from plaint.words import field_name, names
    named = names(f"{name} ({policy.reference_label})" if name == "reference" and policy.reference_label
                  != "reference" and field_name(name) == name else field_name(name) for name in missing)
    options = " ".join(f"{option_of(name)} ..." for name in missing)
    from plaint.i18n import _
    return _("{named}; add it with `plaint edit {id} {options}`" if len(missing) == 1 else
             "{named}; add them with `plaint edit {id} {options}`").format(named=named, id=record_id, options=options)


def with_source_default(fields: dict, policy) -> dict:
    """A channel may imply the source (logistics: the hotline, website, chat and app are external)."""
    if fields.get("source") or not fields.get("channel"):
        return fields
    channel = policy.channels.get(fields["channel"])
    default = channel.extra.get("source") if channel else None
    return {**fields, "source": default} if default else fields


def is_anonymous(record: dict) -> bool:
    complainant = record.get("complainant", {})
    return not (complainant.get("name") or complainant.get("contact"))
