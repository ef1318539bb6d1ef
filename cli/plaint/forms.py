"""The $EDITOR complaint form: `Field: value` lines, then free-text details.

The form is the book's own: its title is the organisation's form name (`[form] title`), and it
asks for the fields the policy uses (a source where the policy lists sources, the reference by
its local name such as "Waybill number", the categories and severities with their keys).
Only lines starting with the form's marker `#:` are the form's comments and are dropped; any
other line is the user's, so a line of the details that starts with `#` is kept.
"""

from __future__ import annotations

import os
from datetime import datetime

from plaint.storage.resources import read_text, template_file
from plaint.words import field_name, names
from plaint.i18n import N_, _, is_zh

MARK = "#:"
ERROR_MARK = "#: ERROR:"
DETAILS = N_("Details (everything below this line):")
# Form key -> (label, what it is); the reference's label comes from the policy. In Chinese the form
# shows the translations; both the English and the Chinese labels are read back.
FIELDS = {
    "channel": (N_("Channel"), ""), "source": (N_("Source"), ""),
    "summary": (N_("Summary"), N_("what happened, in a line")),
    "name": (N_("Name"), N_("name and contact may stay empty: an anonymous complaint is recorded too")),
    "contact": (N_("Contact"), ""), "unit": (N_("Unit"), ""), "location": (N_("Location"), ""),
    "happened": (N_("Happened"), N_("when it happened, e.g. 2026-11-16 14:05")), "about": (N_("About"), ""),
    "request": (N_("Request"), ""), "reference": (N_("Reference"), ""), "witnesses": (N_("Witnesses"), ""),
    "evidence": (N_("Evidence"), ""), "category": (N_("Category"), ""), "severity": (N_("Severity"), ""),
    "reason": (N_("Reason"), N_("why the correction (kept in the history)")),
}
FILE_KEYS = ("channel", "source", "summary", "name", "contact", "unit", "location", "happened", "about", "request",
             "reference", "category", "severity")
EDIT_KEYS = ("channel", "source", "summary", "name", "contact", "unit", "location", "happened", "about", "request",
             "reference", "witnesses", "evidence", "reason")


def _keys(policy, keys) -> list[str]:
    return [key for key in keys if key != "source" or policy.sources]


def _label(policy, key: str) -> str:
    if key == "reference":
        label = _(policy.reference_label)
        return label[:1].upper() + label[1:]
    return _(FIELDS[key][0])


def _hint(policy, key: str) -> str:
    tables = {"channel": policy.channels, "category": policy.categories,
              "severity": {k: severity.label for k, severity in policy.severities.items()}}
    if key in tables:
        language = "zh" if is_zh() else policy.labels
        return _("one of: {items}").format(items=", ".join(f"{k} ({label.text(language)})"
                                                          for k, label in tables[key].items()))
    if key == "source":
        return _("one of: {items} (empty: the channel's usual source)").format(items=", ".join(policy.sources))
    return _(FIELDS[key][1])


def blank_form(policy, keys=FILE_KEYS, values: dict | None = None, heading: str | None = None) -> str:
    """The form for `policy`, filled in with `values` (form keys; details last)."""
    values = values or {}
    title = policy.form_title or policy.name
    header = read_text(template_file("complaint-form.zh.txt" if is_zh() else "complaint-form.txt")).format(
        heading=heading or _("New complaint"), title=title, required=names(map(field_name, policy.required)) or _("nothing"),
        to_close=names(map(field_name, policy.required_to_close)) or _("nothing more"))
    lines = header.splitlines()
    for key in _keys(policy, keys):
        hint = _hint(policy, key)
        if hint:
            lines.append(f"{MARK} {hint}")
        value = values.get(key) or ""
        lines.append(f"{_label(policy, key)}: {value}".rstrip() + (" " if not value else ""))
    lines.append(_(DETAILS))
    details = values.get("details") or ""
    return "\n".join(lines) + "\n" + (details + "\n" if details else "")


def parse_form(text: str, policy, keys=FILE_KEYS) -> tuple[dict, list[str]]:
    """The values typed in the form (form keys, details included), and what is wrong with its lines."""
    labels = {}
    for key in _keys(policy, keys):
        labels[_label(policy, key).casefold()] = key
        english = policy.reference_label if key == "reference" else FIELDS[key][0]
        labels[english.casefold()] = key
        labels[key] = key
    values: dict = {}
    errors: list[str] = []
    details: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(MARK):
            continue
        if details is not None:
            details.append(line)
            continue
        if line.strip().casefold().startswith("details") or line.strip().startswith(_("Details")):
            details = []
            continue
        if not line.strip():
            continue
        label, sep, value = line.partition(":")
        key = labels.get(label.strip().casefold())
        if not sep or key is None:
            errors.append(_("line {number}: {value!r} is not a field of this form (fields: {items}, then Details)").format(number=number, value=line.strip()[:40], items=', '.join(_label(policy, k) for k in _keys(policy, keys))))
            continue
        values[key] = value.strip()
    values["details"] = "\n".join(details or []).strip("\n")
    return values, errors


def check_form(values: dict, policy, tz, filing: bool, year: int | None = None) -> list[str]:
    """What is wrong with the typed values (choices, the time in Happened, what filing needs)."""
    from plaint.completeness import OPTION_NAMES
    from plaint.editing import check_values
    from plaint.errors import PlaintError
    errors = check_values(policy, values)
    if values.get("happened"):
        from plaint.timeparse import parse_time
        try:
            parse_time(values["happened"], tz, _("Happened"), year=year)
        except PlaintError as exc:
            errors.append(exc.message)
    keys = [OPTION_NAMES.get(name, name) for name in policy.required]
    missing = [key for key in keys if (filing or key in values) and not values.get(key)]
    if missing:
        errors.append(_("the policy requires {fields} at filing: fill it in").format(
            fields=", ".join(_label(policy, name) if name in FIELDS else name for name in missing)))
    return errors


def mark_errors(text: str, errors: list[str]) -> str:
    """The same text with the errors at the top (earlier rounds' error lines replaced)."""
    marked = _("ERROR: {error}")
    kept = [line for line in text.splitlines()
            if not line.startswith((ERROR_MARK, f"{MARK} {marked.split('{error}')[0].strip()}"))]
    marks = [f"{MARK} {marked.format(error=error)}" for error in errors]
    marks.append(f"{MARK} {marked.format(error=_('fix the lines below and save; empty the file to give up (nothing is recorded)'))}")
    return "\n".join(marks + kept) + "\n"


def is_empty(text: str) -> bool:
    return not any(line.strip() for line in text.splitlines() if not line.startswith(MARK))


def save_draft(book_root: str, text: str, now: datetime) -> str:
    """Keep the typed form in the book's `.plaint-drafts/` (git-ignored), never lost; returns its path."""
    folder = os.path.join(book_root, ".plaint-drafts")
    os.makedirs(folder, exist_ok=True)
    base = f"draft-{now:%Y%m%d-%H%M%S}"
    for number in range(1000):
        path = os.path.join(folder, f"{base}{'-' + str(number) if number else ''}.txt")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path
    raise FileExistsError(folder)
