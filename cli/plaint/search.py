"""`find`: a caller's cases by phone, unit, reference, name, place or the words of the complaint.

The caller is on the line and says "I complained last week about the lift": the desk types
what it has (a number as the caller reads it out, a unit, a waybill, a word) and gets the cases,
newest first. Phone numbers match whatever way they were typed: spaces, dashes, brackets and
China's +86 / 0086 prefix are ignored. Words match case-insensitively, Chinese included.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from plaint.book import Book
from plaint.errors import PlaintError
from plaint.assess import assess
from plaint.records import is_open
from plaint.rounds import in_book_at

# Where a word may be found: the fields a clerk would search by.
TEXT_FIELDS = ("id", "unit", "reference", "location", "summary", "details", "complained_about", "request")
PHONE_SHAPED = re.compile(r"^[\d\s\-+().]+$")
FIND_COLUMNS = ["id", "status", "received", "next_clock", "next_due", "name", "contact", "unit", "reference",
                "summary"]


def fold(text: str) -> str:
    """Case- and width-insensitive text: `ＬＩＦＴ`, `Lift` and `lift` are one word."""
    return unicodedata.normalize("NFKC", text).casefold()


def phone_digits(text: str) -> str:
    """`+86 138-0013-8000`, `0086 13800138000`, `(138) 0013 8000` -> `13800138000`."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:  # +86 and an 11-digit mobile number
        digits = digits[2:]
    return digits


def _compact(text: str) -> str:
    return re.sub(r"[\s\-_/]+", "", fold(text))


class Query:
    """What was typed: either a phone number (all digits once spaces and dashes go) or words, all of
    which must be found."""

    def __init__(self, text: str):
        self.text = " ".join(text.split())
        self.phone = phone_digits(self.text) if PHONE_SHAPED.match(self.text) else ""
        if self.phone and len(self.phone) < 3:
            self.phone = ""  # "5" or "12" is a word (a floor, a unit), not a phone number
        self.words = [fold(word) for word in self.text.split()]

    def matches(self, record: dict) -> bool:
        complainant = record.get("complainant", {})
        contact = str(complainant.get("contact", ""))
        if self.phone:
            found = any(self.phone in phone_digits(value) for value in
                        (contact, str(record.get("reference", "")), str(record.get("unit", ""))))
            if found or len(self.phone) >= 7:
                return found  # a whole number is matched as one, never as scattered pieces
        haystack = fold(" \n ".join([str(record.get(key, "")) for key in TEXT_FIELDS]
                                    + [str(complainant.get("name", "")), contact]))
        compact = _compact(" ".join(str(v) for v in (record.get("unit", ""), record.get("reference", ""), contact)))
        digits = phone_digits(contact)
        return all(word in haystack or _compact(word) in compact
                   or (len(word) >= 3 and word.lstrip("+").isdigit() and phone_digits(word) in digits)
                   for word in self.words)




def find_records(book: Book, flt, now: datetime) -> tuple[list[dict], list]:
    """The records `flt` accepts, newest first, each with its status and next deadline."""
    from plaint.assess import located
    policy = book.policy
    flt.check(policy)
    loaded, problems = book.records()
    rows = []
    for item in loaded:
        record = item.data
        if not flt.accepts(record, policy) or not in_book_at(record, now):
            continue
        case = assess(record, policy, now)
        if not flt.accepts_case(case):
            continue
        problems += located(item.path, case.problems)
        upcoming = case.next_due()
        clock, at = (upcoming.name, upcoming.due) if upcoming else ("", None)
        complainant = record.get("complainant", {})
        rows.append({"id": item.id, "status": case.status, "received": record.get("received"),
                     "next_clock": clock, "next_due": at, "name": complainant.get("name", ""),
                     "contact": complainant.get("contact", ""), "unit": record.get("unit", ""),
                     "reference": record.get("reference", ""), "summary": record.get("summary", ""),
                     "open": case.open, "severity": case.severity, "next_state": upcoming.state if upcoming else "",
                     "path": str(item.path)})
    if not rows:
        flt.refuse_unknown(book)  # a --site or --department typo is refused, as `list` does
    rows.sort(key=lambda row: (row["received"].timestamp() if row["received"] else 0, row["id"]), reverse=True)
    return rows, problems


def open_cases_of(book: Book, contact: str, reference: str, exclude: str) -> list[dict]:
    """Open complaints from the same contact or about the same reference: repeat complainants escalate."""
    wanted_phone = phone_digits(contact) if contact and PHONE_SHAPED.match(contact.strip()) else ""
    wanted_contact = fold(contact.strip()) if contact and not wanted_phone else ""
    wanted_reference = _compact(reference) if reference else ""
    if not (wanted_phone or wanted_contact or wanted_reference):
        return []
    found = []
    # Every file is glanced at, but only one holding the value's last four characters (spaces, dashes
    # and the like removed on both sides) is parsed, so filing stays fast on a large book. An unreadable record is `check`'s business, not the intake desk's.
    tails = [_compact(tail)[-4:] for tail in (wanted_phone, wanted_contact, wanted_reference) if _compact(tail)]
    for path in book.record_paths():
        try:
            with open(path, encoding="utf-8") as handle:
                raw = _compact(handle.read())
            if not any(tail in raw for tail in tails):
                continue
            item = book.read(path)
        except (OSError, UnicodeDecodeError, PlaintError):
            continue
        record = item.data
        if item.id == exclude or not is_open(record):
            continue
        theirs = str(record.get("complainant", {}).get("contact", ""))
        same = []
        if wanted_phone and len(wanted_phone) >= 5 and phone_digits(theirs) == wanted_phone:
            same.append("contact")
        if wanted_contact and fold(theirs.strip()) == wanted_contact:
            same.append("contact")
        if wanted_reference and _compact(str(record.get("reference", ""))) == wanted_reference:
            same.append("reference")
        if same:
            found.append({"id": item.id, "same": same, "summary": record.get("summary", ""),
                          "received": record.get("received")})
    return found
