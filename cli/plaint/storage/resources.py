"""Where the shipped templates live: inside the installed package, or the checkout.

Paths on the read path are plain strings: importing pathlib costs more than `plaint overdue`
on an empty book spends on everything else, and cron pays it every few minutes.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache

from plaint.errors import ParseError
from plaint.i18n import _, toml_reason


@cache
def templates_dir() -> str:
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # the package folder
    installed = os.path.join(here, "templates")  # a wheel puts templates/ inside the package
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(here)), "templates")  # a checkout or editable install


def template_file(*parts: str) -> str:
    return os.path.join(templates_dir(), *parts)


def stem(path) -> str:
    """`2026/11/HQ-20261116-007.toml` -> `HQ-20261116-007`."""
    return os.path.splitext(os.path.basename(path))[0]


def read_text(path) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def line_of(text: str, needle: str) -> int:
    """The first line holding `needle` (1 when absent), to point errors at a file line."""
    index = text.find(needle)
    return 1 if index < 0 else text.count("\n", 0, index) + 1


def parse_record(text: str, path) -> dict:
    """A record file's text, parsed as parse_toml parses it: in plaint's own layout by
    plaint.storage.recordtoml (the same result, a few times faster), anything else by tomllib
    (so a hand edit reads, and an error says, exactly what it did before)."""
    from plaint.storage import recordtoml

    data = recordtoml.loads(text)
    return parse_toml(text, path) if data is None else data


def parse_toml(text: str, path) -> dict:
    """Parse a TOML file's text; a syntax error becomes `path:line: message`."""
    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib recurses per level: `[[[[…]]]]` thousands deep by hand
        line = next((n for n, row in enumerate(text.splitlines(), 1) if row.count("[") + row.count("{") > 100), 1)
        raise ParseError(path, line, _("not valid TOML: a value nested too deeply"))
    except tomllib.TOMLDecodeError as exc:
        if "\n<<<<<<< " in "\n" + text:
            raise conflict_error(text, path)
        message = str(exc)
        line = int(message.split("(at line ", 1)[1].split(",")[0].rstrip(")")) if "(at line " in message else 1
        raise ParseError(path, line, _("not valid TOML: {message}; fix that line (text is written in quotes: key = "
                                       "\"text\"), or go back to the committed file with `git checkout -- {path}`; "
                                       "`plaint check` confirms").format(message=toml_reason(message.split(" (at line")[0]),
                                                                           path=path))


def conflict_error(text: str, path) -> ParseError:
    """A file git could not merge: say so in words, and how to finish, instead of a TOML syntax error."""
    lines = text.splitlines()
    starts = [n + 1 for n, line in enumerate(lines) if line.startswith("<<<<<<< ")]
    ends = [n + 1 for n, line in enumerate(lines) if line.startswith(">>>>>>> ")]
    blocks = ", ".join(f"{a}-{b}" for a, b in zip(starts, ends)) or str(starts[0])
    if any((line == 'action = "file"' or line.startswith("desk = ")) and any(a < n + 1 < b for a, b in zip(starts, ends))
           for n, line in enumerate(lines)):  # the filing (its desk tag) differs: one id filed by two desks;
        # merging the blocks as for an edit would forge one case out of two
        return ParseError(path, starts[0], _(
            "unresolved merge conflict: two desks filed different complaints under this one id (lines {blocks}, "
            "between <<<<<<< and >>>>>>>: this desk's version first, then the other's), so they must never be merged "
            "into one record. Keep one desk's version whole (`git checkout --ours` or `--theirs` on the file), `git "
            "add` it and `git commit`, then file the other complaint again with `plaint file` from a clone with its "
            "own site code (`plaint setup --site CODE`); or `git merge --abort` to go back to before the merge"
        ).format(blocks=blocks))
    return ParseError(path, starts[0],
                      _("unresolved merge conflict: two desks changed this file and git could not merge it (lines "
                        "{blocks}, between <<<<<<< and >>>>>>>: this desk's version first, then the other's). To "
                        "resolve: in each block keep the right value and every [[history]] entry of both sides, "
                        "delete the marker lines, then `git add` the file and `git commit` (or `git merge --abort` "
                        "to go back to before the merge); `plaint check` confirms").format(blocks=blocks))
