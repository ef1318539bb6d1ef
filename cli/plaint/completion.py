"""What shell completion offers, from the book: ids (open cases first), the policy's words, the
handlers and departments already in use, and the templates. Never raises: a shell mid-word
gets nothing rather than an error."""

from __future__ import annotations

from collections import Counter

from plaint.errors import PlaintError


def _book(book_option: str | None, cache: str | None):
    from plaint.book import Book, find_book
    try:
        return Book(find_book(book_option), cache)
    except (PlaintError, OSError):
        return None


def _matches(value: str, incomplete: str, anywhere: bool = False) -> bool:
    """Words complete by their start (any case); ids also by any part, as people type `1116-00`."""
    typed = incomplete.casefold()
    return value.casefold().startswith(typed) or (anywhere and typed in value.casefold())


def candidates(kind: str, incomplete: str, book_option: str | None = None,
               cache: str | None = None) -> list[tuple[str, str]]:
    """(value, help) pairs for `kind`: id, category, channel, severity, validity, handler,
    department, clock or template; the records are read through the read cache in `cache`."""
    try:
        if kind == "template":
            from plaint.setup import template_list
            return [(key, line) for key, line in template_list() if _matches(key, incomplete)]
        if kind == "clock":
            from plaint.policy import CLOCKS
            return [(name, rule.text) for name, rule in CLOCKS.items() if _matches(name, incomplete)]
        book = _book(book_option, cache)
        if book is None:
            return []
        if kind in ("id", "handler", "department"):
            return [item for item in _from_records(book, kind) if _matches(item[0], incomplete, kind == "id")]
        policy = book.policy
        table = {"category": policy.categories, "channel": policy.channels, "validity": policy.validity,
                 "severity": {key: severity.label for key, severity in policy.severities.items()}}[kind]
        return [(key, label.text(policy.labels)) for key, label in table.items() if _matches(key, incomplete)]
    except (PlaintError, OSError, KeyError):
        return []


def _from_records(book, kind: str) -> list[tuple[str, str]]:
    from plaint.records import is_open
    loaded, _unused = book.records()
    if kind == "id":
        ordered = sorted(loaded, key=lambda item: (not is_open(item.data), item.id))
        return [(item.id, f"{item.data.get('status', '')}: {item.data.get('summary', '')}"[:60]) for item in ordered]
    used = Counter(str(item.data.get(kind, "")) for item in loaded if item.data.get(kind))
    return [(name, f"{count} case{'s' if count > 1 else ''}") for name, count in used.most_common()]
