"""A command's session: the settings, and what follows from them (the book, its timezone, now,
the actor), each worked out once and only when asked for, so `plaint init` never looks for a book.
Click-free; the command layer keeps one per run."""

from __future__ import annotations

from functools import cached_property

from plaint.settings import Settings


class Session:
    """The settings of one command, and what follows from them: the book, its timezone, now, the actor."""

    def __init__(self, settings: Settings):
        self.settings = settings

    @property
    def commit(self) -> bool:
        return self.settings.commit

    @cached_property
    def cache(self) -> str:
        """The folder of the read caches (resolved here, at the edge: the core never looks it up)."""
        from plaint.settings import cache_location
        return cache_location()

    @cached_property
    def book(self):
        from plaint.book import Book, find_book
        from plaint.settings import lock_wait
        return Book(find_book(self.settings.book), cache=self.cache, lock_wait=lock_wait(), on_lock_wait=_say_waiting)

    @cached_property
    def tz(self):
        return self.book.policy.calendar.tz

    @cached_property
    def now(self):
        from plaint.timeparse import resolve_now
        return resolve_now(self.settings.now, self.tz)

    @cached_property
    def actor(self) -> str:
        from plaint.lifecycle import resolve_actor
        from plaint.transaction import check_actor
        actor = resolve_actor(self.settings.actor, self.book.root)
        check_actor(actor)  # it reaches commit trailers (sync's merge commits too): one printable line
        return actor

    def acting(self) -> dict:
        """Who changes the book, when, and whether git records it: the keywords every step takes."""
        return {"book": self.book, "now": self.now, "actor": self.actor, "commit": self.commit}

    def time(self, text: str | None, what: str, deadline: bool = False):
        """A typed time; a date alone is that day, or for a deadline the end of that day."""
        if text is None:
            return None
        from plaint.timeparse import parse_time
        return parse_time(text, self.tz, what, deadline, year=self.now.year)

    def event(self, text: str | None, what: str):
        """When something happened: a date alone stays a date (that day, no time of day)."""
        from plaint.timeparse import is_date_only
        if text is not None and is_date_only(text):
            return self.time(text, what).date()
        return self.time(text, what)


def _say_waiting(path: str) -> None:
    """Said once on stderr when a write waits for another process's book lock."""
    import sys
    from plaint.i18n import _
    if path.endswith("plaint-sync.lock"):
        sys.stderr.write(_("waiting for another plaint sync of this clone, which holds {path} ...").format(path=path) + "\n")
    else:
        sys.stderr.write(_("waiting for another plaint process, which holds the book lock {path} ...").format(path=path) + "\n")
    sys.stderr.flush()
