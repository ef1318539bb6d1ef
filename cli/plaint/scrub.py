"""Nothing personal leaves through the report: places cut to a prefix, free text scrubbed.

A unit splits into parts at every run of characters that are not ASCII letters or digits
(after NFKC, so full-width digits count): `3-2-501`, `3/2/501`, `3栋2单元501室` and `3 - 2 - 501`
all split into `3`, `2`, `501`. A place is the first `place_depth` parts joined by `-`, and
never the last part (the flat, desk or customer number): `3-2-501` at depth 2 is `3-2`, at depth
3 still `3-2`; a unit of one part (`501`, a plate, a customer number) has no place at all.

The scrubber masks, in this order: e-mail addresses, ID-card numbers (18 digits, the last may
be X, or 15 digits), phone numbers (mainland mobiles with or without +86 and separators,
landlines with an area code, and any other run of 7 or more digits), then the names, contacts
and units of the complainants in the records it is given, then anything shaped like a
building-stair-flat unit (`3-2-601`, `3栋2单元601`).
"""

from __future__ import annotations

import re
import unicodedata

from plaint.reportwords import MASKS

_SPLIT = re.compile(r"[^0-9A-Za-z]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ID_CARD = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86[-\s]?)?1[3-9][0-9](?:[-\s]?[0-9]{4}){2}(?![0-9])"
                    r"|(?<![0-9])\(?0[0-9]{2,3}\)?[-\s]?[0-9]{7,8}(?![0-9])"
                    r"|(?<![0-9])[0-9]{7,}(?![0-9])")
_UNIT = re.compile(r"(?<![0-9-])[0-9]{1,3}(?:[-/][0-9]{1,4}){2,}(?![0-9])"
                   r"|[0-9]+\s*(?:栋|幢|号楼|座)\s*(?:[0-9]+\s*单元)?\s*[0-9]+\s*(?:室|号)?")


def unit_parts(unit: str) -> list[str]:
    return [part for part in _SPLIT.split(unicodedata.normalize("NFKC", unit or "")) if part]


def place_of(unit: str, depth: int) -> str:
    """The place a unit is in, at most `depth` parts and never the last one ("" when none)."""
    parts = unit_parts(unit)
    keep = min(depth, len(parts) - 1)
    return "-".join(parts[:keep]) if keep > 0 else ""


def _literal(text: str) -> str:
    """A person's name or unit as a pattern: any spacing, whole words for Latin letters."""
    pattern = r"\s*".join(re.escape(word) for word in text.split())
    if text[:1].isascii() and text[:1].isalnum():
        pattern = r"(?<![0-9A-Za-z])" + pattern
    if text[-1:].isascii() and text[-1:].isalnum():
        pattern += r"(?![0-9A-Za-z])"
    return pattern


def _squeezed(text: str) -> str:
    return "".join(text.split()).casefold()


class Scrubber:
    """Masks personal data in free text; knows the complainants of the records it is given.

    A month can hold thousands of complainants: instead of one huge pattern, each text is first
    checked for the (space-free, case-folded) values it could contain, and only those are matched.
    """

    def __init__(self, records: list[dict]):
        names, known = set(), set()
        for record in records:
            person = record.get("complainant") or {}
            for value, into in ((person.get("name"), names), (person.get("contact"), known),
                                (record.get("unit"), known)):
                if isinstance(value, str) and len(value.strip()) >= 2:
                    into.add(" ".join(value.split()))
        self._names = [(_squeezed(v), v) for v in names]
        self._known = [(_squeezed(v), v) for v in known]

    @staticmethod
    def _mask(text: str, values: list[tuple[str, str]], mask: str) -> str:
        squeezed = _squeezed(text)
        found = sorted({v for key, v in values if key in squeezed}, key=lambda v: (-len(v), v))
        if not found:  # longest first: "Li Na" before "Li"
            return text
        return re.sub("|".join(_literal(v) for v in found), mask, text, flags=re.IGNORECASE)

    def __call__(self, text):
        if not isinstance(text, str) or not text:
            return text
        text = _EMAIL.sub(MASKS["email"], text)
        text = _ID_CARD.sub(MASKS["id_card"], text)
        text = _PHONE.sub(MASKS["phone"], text)
        text = self._mask(text, self._known, MASKS["unit"])
        text = self._mask(text, self._names, MASKS["name"])
        return _UNIT.sub(MASKS["unit"], text)


# The report's free-text fields: (list in the result, key in each entry).
FREE_TEXT = (("causes", "cause"), ("corrective_actions", "action"), ("responsible", "responsible"),
             ("handlers", "handler"))


def scrub_figures(figures: dict, scrub: Scrubber) -> None:
    """Mask every free-text value of one period's figures in place."""
    for section, key in FREE_TEXT:
        for entry in figures.get(section, []):
            entry[key] = scrub(entry[key])
        if section in figures:
            figures[section] = _merged(figures[section], key)
    counts = figures.get("counts", {})
    for entry in counts.get("complained_about", []):
        entry["key"] = scrub(entry["key"])
    if "complained_about" in counts:
        counts["complained_about"] = _merged(counts["complained_about"], "key")


def _merged(entries: list[dict], key: str) -> list[dict]:
    """Rows that masking made alike ("Resident of [unit]" three times) become one row with their
    figures added up, in the order of the larger count, so a table never repeats a line."""
    rows: dict[tuple, dict] = {}
    for entry in entries:
        same = (entry[key], entry.get("code"))
        if same not in rows:
            rows[same] = dict(entry)
            continue
        row = rows[same]
        for field, value in entry.items():
            if field != "cumulative_share" and isinstance(value, (int, float)) and not isinstance(value, bool):
                row[field] = round(row[field] + value, 4) if isinstance(value, float) else row[field] + value
    result = list(rows.values())
    if len(result) < len(entries):
        size = "count" if result and "count" in result[0] else "cases"
        result.sort(key=lambda row: -row.get(size, 0))
        if result and "cumulative_share" in result[0]:
            total = 0.0
            for row in result:
                total = round(total + row["share"], 4)
                row["cumulative_share"] = total
    return result
