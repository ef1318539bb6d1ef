"""The $EDITOR complaint form: `Field: value` lines, then free-text details."""

from __future__ import annotations

from plaint.resources import read_text, template_file

FORM_FIELDS = ("channel", "summary", "name", "contact", "unit", "location", "happened", "about",
               "request", "reference")


def read_form_template() -> str:
    return read_text(template_file("complaint-form.txt"))


def parse_form(text: str) -> dict:
    values = {name: "" for name in FORM_FIELDS}
    details: list[str] = []
    in_details = False
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if in_details:
            details.append(line)
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if key.startswith("details"):
            in_details = True
        elif sep and key in values:
            values[key] = value.strip()
    values["details"] = "\n".join(details).strip()
    return values
