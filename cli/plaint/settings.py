"""Settings, resolved once at the edge: what the options and the PLAINT_* variables say.

This is the only module that reads the environment. The command layer (Click, or the
Click-free `overdue` path) builds one `Settings` from what was typed and from `PLAINT_BOOK`,
`PLAINT_NOW`, `PLAINT_USER`, `PLAINT_NO_COMMIT` and `PLAINT_SITE`; the core gets plain values
(a book folder, a datetime, a name, a flag, a site code) and never looks anything up itself.
A `Session` turns the settings into the things commands use (the book, now, the actor),
each worked out once and only when asked for, so `plaint init` never looks for a book.
"""

from __future__ import annotations

import os
from functools import cached_property

ENVIRONMENT = {"book": "PLAINT_BOOK", "now": "PLAINT_NOW", "actor": "PLAINT_USER", "site": "PLAINT_SITE"}


class Settings:
    """Plain values; None means "not given" (the core's own default applies). A plain class, not a
    dataclass: `plaint overdue` under cron imports nothing it does not need."""

    FIELDS = ("book", "now", "actor", "commit", "site", "language", "fmt")

    def __init__(self, book: str | None = None, now: str | None = None, actor: str | None = None,
                 commit: bool = True, site: str | None = None, language: str | None = None,
                 fmt: str | None = None):
        self.book = book            # --book, else PLAINT_BOOK; None: search upwards, then ./records
        self.now = now              # --now, else PLAINT_NOW (read in the book's timezone); None: the clock
        self.actor = actor          # --by, else PLAINT_USER; None: git's user.name, else the login name
        self.commit = commit        # False with --no-commit or PLAINT_NO_COMMIT=1
        self.site = site            # PLAINT_SITE: this clone's site code over its git config and the policy's
        self.language = language    # --labels; None: the policy's
        self.fmt = fmt              # --format of a reading command; None: the command's default

    def __eq__(self, other) -> bool:
        return isinstance(other, Settings) and all(getattr(self, f) == getattr(other, f) for f in self.FIELDS)

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.FIELDS) + ")"


def settings_from(book: str | None = None, now: str | None = None, actor: str | None = None,
                  no_commit: bool = False, language: str | None = None, fmt: str | None = None,
                  env: dict | None = None) -> Settings:
    """The options as typed, each falling back to its PLAINT_* variable (an empty one counts as unset)."""
    env = os.environ if env is None else env
    given = {"book": book, "now": now, "actor": actor, "site": None}
    values = {key: given[key] or env.get(name) or None for key, name in ENVIRONMENT.items()}
    commit = not (no_commit or env.get("PLAINT_NO_COMMIT") == "1")
    return Settings(commit=commit, language=language, fmt=fmt, **values)


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first set wins


def language_environment(env: dict | None = None) -> dict:
    """PLAINT_LANG and the locale, for `plaint.i18n.reset` (which never reads the environment)."""
    env = os.environ if env is None else env
    locale = next((env[name] for name in LOCALE_VARIABLES if env.get(name)), None)
    return {"variable": env.get("PLAINT_LANG") or None, "locale": locale}


class Session:
    """The settings of one command, and what follows from them: the book, its timezone, now, the actor."""

    def __init__(self, settings: Settings):
        self.settings = settings

    @property
    def commit(self) -> bool:
        return self.settings.commit

    @cached_property
    def book(self):
        from plaint.book import Book, find_book
        return Book(find_book(self.settings.book))

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


def colour_forbidden() -> bool:
    """NO_COLOR (https://no-color.org): set to anything non-empty, no colour."""
    return bool(os.environ.get("NO_COLOR"))


def columns_wanted() -> int | None:
    """COLUMNS, when it names a width: the width tables must fit."""
    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None
