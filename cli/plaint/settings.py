"""Settings, resolved once at the edge: what the options and the PLAINT_* variables say.

This is the only module that reads the environment. The command layer (Click, or the
Click-free `overdue` path) builds one `Settings` from what was typed and from `PLAINT_BOOK`,
`PLAINT_NOW`, `PLAINT_USER`, `PLAINT_NO_COMMIT` and `PLAINT_SITE`; the core gets plain values
(a book folder, a datetime, a name, a flag, a site code) and never looks anything up itself.
It imports nothing from plaint: any layer may ask it (render asks for NO_COLOR and COLUMNS),
and `plaint.commands.session` turns the settings into the book, now and the actor for the commands.
"""

from __future__ import annotations

import os

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
    if now == "":
        values["now"] = ""  # typed empty (`--now "$WHEN"`, WHEN unset): refused when read, never the clock
    commit = not (no_commit or env.get("PLAINT_NO_COMMIT") == "1")
    return Settings(commit=commit, language=language, fmt=fmt, **values)


def lock_wait(env: dict | None = None) -> float:
    """How many seconds a write waits for another plaint process's book lock: PLAINT_LOCK_WAIT, else 30
    (a value that is not a number of seconds counts as unset)."""
    env = os.environ if env is None else env
    try:
        seconds = float(env.get("PLAINT_LOCK_WAIT", ""))
    except ValueError:
        return 30.0
    return seconds if 0 <= seconds < float("inf") else 30.0


def cache_location(env: dict | None = None) -> str:
    """Where the read caches live (one file per book): PLAINT_CACHE, else $XDG_CACHE_HOME/plaint, else
    ~/.cache/plaint. The command layer passes it to the book; the core never looks it up."""
    env = os.environ if env is None else env
    chosen = env.get("PLAINT_CACHE")
    if chosen:
        return os.path.abspath(chosen)
    base = env.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):
        home = env.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, ".cache")
    return os.path.join(base, "plaint")


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first set wins


def language_environment(env: dict | None = None) -> dict:
    """PLAINT_LANG and the locale, for `plaint.i18n.reset` (which never reads the environment)."""
    env = os.environ if env is None else env
    locale = next((env[name] for name in LOCALE_VARIABLES if env.get(name)), None)
    return {"variable": env.get("PLAINT_LANG") or None, "locale": locale}


def colour_forbidden() -> bool:
    """NO_COLOR (https://no-color.org): set to anything non-empty, no colour."""
    return bool(os.environ.get("NO_COLOR"))


def columns_wanted() -> int | None:
    """COLUMNS, when it names a width: the width tables must fit."""
    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else None


def editor_named() -> bool:
    """The user named an editor ($VISUAL or $EDITOR): it runs even with no terminal."""
    return bool(os.environ.get("VISUAL") or os.environ.get("EDITOR"))
