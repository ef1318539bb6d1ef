"""The entry point, with a Click-free fast path for `plaint overdue`.

cron runs `plaint overdue` every few minutes, and importing Click alone costs about three
times Python's own start-up. So the plain forms of that one command are parsed here; anything
else (help, a typo, another command) goes to the Click command line, which owns usage errors.
"""

from __future__ import annotations

import os
import sys

GLOBAL_VALUES = {"--book": "book", "--now": "now", "--by": "actor", "--lang": "lang"}
GLOBAL_FLAGS = {"--no-commit": "no_commit", "--no-color": "no_color"}
OVERDUE_VALUES = {"--within": "within", "--clock": "clock", "--severity": "severity",
                  "--department": "department", "--handler": "handler", "--site": "site", "--labels": "labels",
                  "--format": "fmt"}
OVERDUE_FLAGS = {"--no-cache": "no_cache", "--excel": "excel", "--count": "count"}
LABELS = ("en", "zh")
OVERDUE_FORMATS = ("table", "json", "csv")


def parse_overdue(argv: list[str]) -> dict | None:
    """The options of a plain `plaint [globals] overdue [options]`, or None to let Click decide."""
    values: dict = {"fmt": "table"}
    command_seen = False
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "overdue" and not command_seen:
            command_seen = True
            index += 1
            continue
        name, sep, inline = token.partition("=")
        table = {**OVERDUE_VALUES, **GLOBAL_VALUES} if command_seen else GLOBAL_VALUES  # globals go either side
        flags = {**OVERDUE_FLAGS, **GLOBAL_FLAGS} if command_seen else GLOBAL_FLAGS
        if token in flags:
            values[flags[token]] = True
            index += 1
            continue
        if name not in table:
            return None
        if sep:
            value = inline
            index += 1
        elif index + 1 < len(argv):
            value = argv[index + 1]
            index += 2
        else:
            return None
        values[table[name]] = value
    if not command_seen or values["fmt"] not in OVERDUE_FORMATS or values.get("labels", "en") not in LABELS \
            or values.get("lang", "en") not in LABELS:
        return None
    return values


def merge_driver(argv: list[str]) -> int:
    """`plaint merge-driver %O %A %B %P`: git runs it once per record both sides changed, so it skips Click.
    The Click command of the same name (commands/sync.py) takes the same arguments and says the same."""
    from plaint.mergefile import merge_files
    _driver_language()
    path = argv[3] if len(argv) > 3 else "record"
    problem = merge_files(argv[0], argv[1], argv[2], path)
    if problem:
        from plaint.render.outcomes import merge_driver_text
        sys.stderr.write(merge_driver_text(path, problem) + "\n")
        return 1
    return 0


def _driver_language() -> None:
    """The driver speaks the book's language: PLAINT_LANG or the locale, else the policy's `labels`
    (git runs the driver at the top of the clone, where plaint.toml is)."""
    from plaint import i18n
    from plaint.settings import language_environment
    i18n.reset(None, **language_environment())
    try:
        import tomllib
        with open("plaint.toml", "rb") as handle:
            i18n.policy_says(tomllib.load(handle).get("labels"))
    except (OSError, ValueError):  # no book here, or a policy in conflict: the language of the environment
        pass


def main() -> None:
    if sys.argv[1:2] == ["merge-driver"] and len(sys.argv) in (5, 6) and not any(
            a.startswith("-") for a in sys.argv[2:]):
        sys.exit(merge_driver(sys.argv[2:]))
    options = parse_overdue(sys.argv[1:])
    if options is None:
        from plaint.commands.app import main as click_main
        click_main()
        return
    import gc

    # cron's overdue builds many small objects and makes no cyclic garbage worth collecting: the collector's
    # passes over every live row cost ~10% at 100,000 records and 20-25% at 1,000,000 (superlinear).
    gc.disable()
    from plaint.errors import PlaintError
    try:
        from plaint.commands.overdue import run_overdue
        from plaint.settings import settings_from
        code = run_overdue(settings_from(options.get("book"), options.get("now"), options.get("actor"),
                                         bool(options.get("no_commit"))), options)
    except PlaintError as exc:
        from plaint.render import error_text
        sys.stderr.write(error_text(exc) + "\n")
        code = exc.exit_code
    except KeyboardInterrupt:  # Ctrl-C: one line, its own code (overdue never writes)
        from plaint.errors import INTERRUPTED
        from plaint.i18n import _
        sys.stderr.write("\n" + _("Interrupted (Ctrl-C); nothing written") + "\n")
        code = INTERRUPTED
    except BrokenPipeError:  # the reader went away (`| head`): quiet, 0 as the other commands (rows end in run_overdue)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        code = 0
    except Exception as exc:  # noqa: BLE001 - a bug: one line and its own exit code, never a traceback
        from plaint.errors import INTERNAL_ERROR, internal_error_line
        sys.stderr.write(internal_error_line("overdue", exc) + "\n")
        code = INTERNAL_ERROR
    sys.exit(code)
