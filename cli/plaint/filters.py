"""One filter for `list` and `find` (and the dates of `report`): the same words mean the same cases.

- `--status` is checked against the statuses a record can have, plus `open` (every case not yet done).
- `--from` / `--to` are inclusive: a date alone means the whole day; a time is taken as is.
- handler and department match whatever the case, as people type them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from plaint.errors import UsageError
from plaint.policy import choices
from plaint.problems import one_of
from plaint.records import status_of  # noqa: F401  (kept importable from here)
from plaint.sites import site_filter, site_of
from plaint.i18n import _

STATUSES = ("open", "received", "assigned", "answered", "closed", "revisited", "reopened", "duplicate")


def day_bound(text: str | None, tz, what: str, end: bool, year: int | None = None) -> datetime | None:
    """`--from`/`--to` as a time: a date alone is its start (--from) or the start of the next day (--to)."""
    if text is None:
        return None
    from plaint.timeparse import from_chinese, parse_time
    raw = from_chinese(text, year).strip()
    at = parse_time(raw, tz, what)
    if end and len(raw) == 10:  # a date alone: include the whole day
        return at + timedelta(days=1)
    if end:
        return at + timedelta(microseconds=1)  # a time: inclusive
    return at


class Filter:
    """Which records a reading command shows; built from its options, checked against the policy."""

    def __init__(self, status=None, severity=None, category=None, handler=None, department=None,
                 since: datetime | None = None, until: datetime | None = None, open_only: bool = False,
                 search: str | None = None, site: str | None = None):
        self.status, self.severity, self.category = status, severity, category
        self.typed_department, self.typed_handler, self.site = department, handler, site  # as typed: refused by name
        self.handler = handler.casefold() if handler else None
        self.department = department.casefold() if department else None
        self.since, self.until, self.open_only = since, until, open_only  # until is exclusive (see day_bound)
        self.search = None
        if search and search.strip():
            from plaint.search import Query
            self.search = Query(search)

    def check(self, policy) -> None:
        from plaint.vocab import fixed, resolve
        self.status = fixed(self.status, "status")
        self.severity = resolve(self.severity, policy.severities, "severity")
        self.category = resolve(self.category, policy.categories, "category")
        if self.status and self.status not in STATUSES:
            raise UsageError(_("unknown status {status!r}; {allowed} (open = every case not yet closed)").format(status=self.status, allowed=choices('statuses', STATUSES)))
        for value, table, kind in ((self.severity, policy.severities, "severity"),
                                   (self.category, policy.categories, "category")):
            wrong = one_of(kind, value, table)
            if wrong:
                raise UsageError(wrong)
        if self.since and self.until and self.until <= self.since:
            raise UsageError(_("--to is before --from: nothing can match"))
        self.site = site_filter(self.site)

    def accepts(self, record: dict, policy) -> bool:
        if self.site and site_of(str(record.get("id", ""))) != self.site:
            return False
        if self.category and record.get("category") != self.category:
            return False
        if self.handler is not None and str(record.get("handler", "")).casefold() != self.handler:
            return False
        if self.department is not None and str(record.get("department", "")).casefold() != self.department:
            return False
        received = record.get("received")
        if self.since and (received is None or received < self.since):
            return False
        if self.until and (received is None or received >= self.until):
            return False
        return self.search is None or self.search.matches(record)

    def accepts_case(self, case) -> bool:
        """What only the case's assessment knows: open or not now, and the severity it counts as
        (a case raised to major by age is listed under major), and its status as it stood then."""
        if (self.open_only or self.status == "open") and not case.open:
            return False
        if self.status and self.status != "open" and case.status != self.status:
            return False
        return not self.severity or case.severity == self.severity

    def refuse_unknown(self, book) -> None:
        """After an empty answer: a site, department or handler the book does not know is refused."""
        if self.site or self.typed_department or self.typed_handler:
            refuse_unknown(book, self.site, self.typed_department, self.typed_handler)


def refuse_unknown(book, site: str | None = None, department: str | None = None,
                   handler: str | None = None) -> None:
    """A `--site`, `--department` or `--handler` that names nothing in the book is a typo, not an
    empty answer: refused with the values the book knows. Called by a reader that found nothing,
    so a filter that matched costs nothing more. Site codes: the policy's and those of the record
    ids; departments and handlers (free text, any case): those the records hold."""
    from plaint.storage.resources import stem
    site = site_filter(site)
    if site:
        known = sorted({book.policy.site} | {site_of(stem(path)) for path in book.record_paths()})
        if site not in known:
            raise UsageError(_("unknown site {site!r}: no case is filed under it; the book's site codes: "
                               "{items}").format(site=site, items=", ".join(known)))
    if not (department or handler):
        return
    from plaint.book import Loaded
    records = [item.data for item in book.iter_records() if isinstance(item, Loaded)]
    for field, typed in (("department", department), ("handler", handler)):
        known = sorted({str(record.get(field, "")) for record in records} - {""}, key=str.casefold)
        if typed and known and typed.casefold() not in {value.casefold() for value in known}:
            if field == "department":
                raise UsageError(_("unknown department {department!r}: no case has it; the book's departments: "
                                   "{items}").format(department=typed, items=", ".join(known)))
            raise UsageError(_("unknown handler {handler!r}: no case has them; the book's handlers: {items}").format(
                handler=typed, items=", ".join(known)))
