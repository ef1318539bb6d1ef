"""The interface language: English, or Chinese from the catalog in plaint/locale/.

Chinese is chosen by `--lang zh`, else `PLAINT_LANG`, else when the book's policy says
`labels = "zh"` or the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) is a `zh_*` one. An explicit
`--lang en` / `PLAINT_LANG=en` wins over the policy and the locale.

Strings are marked `_("...")` where they are used, or `N_("...")` where they are defined
before the language is known (translated later with `_()`). English costs nothing: gettext is
imported and the catalog read only when the language is Chinese, so `plaint overdue` on an
English book starts as fast as before.
"""

from __future__ import annotations

import os

LANGUAGES = ("en", "zh")
DOMAIN = "plaint"
_state = {"explicit": None, "policy": None, "variable": None, "locale": None}
_catalogs: dict = {}


def reset(explicit: str | None = None, variable: str | None = None, locale: str | None = None) -> None:
    """Start a command: forget the last book's choice; `explicit` is `--lang` (None: not given),
    `variable` PLAINT_LANG and `locale` the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is
    set (both as `plaint.settings.language_environment()` reads them; None: not set)."""
    _state["explicit"] = explicit if explicit in LANGUAGES else None
    _state["policy"] = None
    _state["variable"] = (variable or "").strip().lower()[:2] or None
    _state["locale"] = locale or None


def policy_says(labels: str | None) -> None:
    """The book's policy was read: its `labels` is the desk's language."""
    _state["policy"] = labels if labels in LANGUAGES else None


def locale_language() -> str | None:
    """`zh` when the locale asks for Chinese (the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG set)."""
    value = _state["locale"]
    if value:
        return "zh" if value.split(":")[0].lower().startswith("zh") else None
    return None


def language() -> str:
    explicit = _state["explicit"] or _state["variable"]
    if explicit in LANGUAGES:
        return explicit
    if _state["policy"] == "zh" or locale_language() == "zh":
        return "zh"
    return "en"


def is_zh() -> bool:
    return language() == "zh"


def locale_dir() -> str:
    """plaint/locale, wherever this module sits inside the package."""
    import plaint
    return os.path.join(os.path.dirname(os.path.abspath(plaint.__file__)), "locale")


def _catalog(lang: str):
    found = _catalogs.get(lang)
    if found is None:
        import gettext  # only when Chinese is asked for
        found = gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=True)
        _catalogs[lang] = found
    return found


def _(message: str) -> str:
    """`message` in the interface language."""
    lang = language()
    if lang == "en" or not message:
        return message
    return _catalog(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    lang = language()
    if lang == "en":
        return singular if n == 1 else plural
    return _catalog(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for the catalog; it is translated where it is shown, with `_()`."""
    return message


# The operating system's reasons a file could not be read or written, as Python words them (English
# whatever the locale): the common ones go through the catalog so a Chinese desk reads them in Chinese.
OS_REASONS = frozenset((N_("No such file or directory"), N_("Permission denied"), N_("Is a directory"),
                        N_("Not a directory"), N_("No space left on device"), N_("Read-only file system"),
                        N_("File exists"), N_("Directory not empty"), N_("File name too long"),
                        N_("Too many levels of symbolic links"), N_("Disk quota exceeded")))


def os_reason(exc: OSError) -> str:
    """Why an OSError happened, in the interface language where the catalog knows the reason."""
    text = exc.strerror or str(exc)
    return _(text) if text in OS_REASONS else text


# tomllib's reasons a file is not valid TOML (English whatever the locale), fixed and with a value.
TOML_REASONS = frozenset((
    N_("Invalid value"), N_("Invalid statement"), N_("Unterminated string"), N_("Unclosed inline table"),
    N_("Unclosed array"), N_("Cannot overwrite a value"), N_("Invalid initial character for a key part"),
    N_("Invalid hex value"), N_("Invalid date or datetime"), N_("Unescaped '\\' in a string"),
    N_("Expected '=' after a key in a key/value pair"), N_("Expected ']' at the end of a table declaration"),
    N_("Expected ']]' at the end of an array declaration"), N_("Escaped character is not a Unicode scalar value"),
    N_("Expected newline or end of document after a statement")))
TOML_PATTERNS = (("Found invalid character ", "", N_("Found invalid character {value}")),
                 ("Illegal character ", "", N_("Illegal character {value}")),
                 ("Cannot declare ", " twice", N_("Cannot declare {value} twice")),
                 ("Cannot redefine namespace ", "", N_("Cannot redefine namespace {value}")),
                 ("Cannot mutate immutable namespace ", "", N_("Cannot mutate immutable namespace {value}")),
                 ("Duplicate inline table key ", "", N_("Duplicate inline table key {value}")),
                 ("Expected ", "", N_("Expected {value}")))


def toml_reason(text: str) -> str:
    """tomllib's reason, in the interface language where the catalog knows it (else as tomllib says it)."""
    if text in TOML_REASONS:
        return _(text)
    for head, tail, message in TOML_PATTERNS:
        if text.startswith(head) and text.endswith(tail) and len(text) > len(head) + len(tail):
            return _(message).format(value=text[len(head):len(text) - len(tail)])
    return text


WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday(day) -> str:
    """The short weekday name of a date, in the interface language (Mon / 周一)."""
    return (WEEKDAYS_ZH if is_zh() else WEEKDAYS_EN)[day.weekday()]


def holiday_name(name: str) -> str:
    """A holiday as the calendar data names it (`春节 Spring Festival`): in Chinese its Chinese part."""
    if not is_zh():
        return name
    head = name.split(" ", 1)[0]
    return head if any("\u4e00" <= char <= "\u9fff" for char in head) else name
