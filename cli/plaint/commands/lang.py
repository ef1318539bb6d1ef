"""The interface language at the command line: `--lang`, and help texts in that language.

Before Click parses anything the arguments are looked at for `--lang` and `--book` (help is
printed while parsing, so the language must be known first), and the book's policy for its
`labels`. In Chinese the help texts of every command and option are swapped for their
translations, and Click's own words (Usage, Options, its usage errors) come from plaint's
catalog too.
"""

from __future__ import annotations

import click

from plaint import i18n

_CLICK_MODULES = ("core", "exceptions", "formatting", "types", "parser", "decorators", "termui", "utils",
                  "shell_completion")


def _value_of(args: list[str], flag: str) -> str | None:
    for index, token in enumerate(args):
        if token == flag and index + 1 < len(args):
            return args[index + 1]
        if token.startswith(flag + "="):
            return token.split("=", 1)[1]
    return None


def _policy_labels(book: str | None) -> str | None:
    """The book's `labels`, read cheaply; None when there is no readable book here."""
    try:
        import tomllib

        from plaint.storage.bookdir import POLICY_FILE, find_book
        root = find_book(book)
        with open(f"{root}/{POLICY_FILE}", "rb") as handle:
            return tomllib.load(handle).get("labels")
    except Exception:  # noqa: BLE001 - no book or a broken one: the command itself says so
        return None


def start(args: list[str], group: click.Group) -> None:
    """Choose the language for this run and put the help texts in it."""
    lang = _value_of(args, "--lang") or _value_of(args, "--labels")
    from plaint.settings import language_environment
    i18n.reset(lang, **language_environment())
    if lang is None:
        i18n.policy_says(_policy_labels(_value_of(args, "--book")))
    translate_help(group)
    _click_speaks(i18n.language())
    from plaint.render.colour import forbid
    forbid("--no-color" in args)


def _translate(obj, attr: str) -> None:
    """One text attribute in the interface language; the English original is kept aside once."""
    original = getattr(obj, f"_en_{attr}", None)
    if original is None:
        original = getattr(obj, attr, None)
        setattr(obj, f"_en_{attr}", original or "")
    if original:
        setattr(obj, attr, i18n._(original))


def translate_help(command: click.Command) -> None:
    """Every help text of `command` and below in the interface language (English kept aside)."""
    cached = getattr(command, "_help_option", None)  # Click keeps --help's option once made
    for obj in [command, *command.params, *([cached] if cached is not None else [])]:
        for attr in ("help", "short_help"):
            _translate(obj, attr)
    for attr in ("options_metavar", "subcommand_metavar"):  # [OPTIONS], COMMAND [ARGS]...
        _translate(command, attr)
    for param in command.params:
        _translate_metavar(param)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translate_help(sub)


def _translate_metavar(param: click.Parameter) -> None:
    """A value's placeholder (TEXT, INTEGER, ID, DATE) in help and usage lines, in the interface language.

    Click never translates these: an option's comes from its type's name (`TEXT`), an argument's from
    its name (`ID`), others are given as `metavar=`. In Chinese they are set from the catalog, with the
    marks Click adds itself ([ID] when optional, ... when repeated); English restores what was given."""
    if not hasattr(param, "_en_metavar"):
        param._en_metavar = param.metavar
    original = param._en_metavar
    if i18n.language() == "en" or original is not None:
        param.metavar = original if i18n.language() == "en" else i18n._(original)
        return
    if isinstance(param.type, (click.Choice, click.DateTime)) or getattr(param, "is_flag", False) \
            or getattr(param, "count", False):
        return  # the values themselves ([table|json|csv]) or no value at all
    if isinstance(param, click.Argument):
        word = i18n._(param.name.upper())
        word = word if param.required else f"[{word}]"
    else:
        word = i18n._(param.type.name.upper())
    param.metavar = word + ("..." if param.nargs != 1 else "")


def _click_speaks(lang: str) -> None:
    """Click's own words (Usage:, Options, usage errors) through plaint's catalog in Chinese."""
    import gettext
    import importlib
    gettext_fn = i18n._ if lang != "en" else gettext.gettext
    ngettext_fn = i18n.ngettext if lang != "en" else gettext.ngettext
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext_fn
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext_fn


class HelpFormatter(click.HelpFormatter):
    """Click's help layout; a heading's colon in the interface language (`选项：`, `Options:`). Click
    writes the colon itself, after the translated word, so the formatter is the place to change it."""

    def write_heading(self, heading: str) -> None:
        if i18n.language() == "en":
            super().write_heading(heading)
        else:
            self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands with their help, aligned and wrapped by display width (Click counts
        characters: `--book 目录` is 9 of them but 11 columns, and a Chinese line has no space to break at)."""
        if i18n.language() == "en":
            super().write_dl(rows, col_max, col_spacing)
            return
        from plaint.render import display_width
        from plaint.render.layout import wrap
        rows = [tuple(row) + ("",) * (2 - len(row)) for row in rows]
        first_col = min(max([display_width(first) for first, _second in rows] or [0]), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(_joined(second), max(self.width - first_col - self.current_indent, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    def write_text(self, text: str) -> None:
        """A command's help, each paragraph wrapped by display width (Chinese breaks between characters)."""
        if i18n.language() == "en" or "\b" in text:
            super().write_text(text)
            return
        from plaint.render.layout import wrap
        indent = " " * self.current_indent
        paragraphs = [_joined(part) for part in text.split("\n\n") if part.strip()]
        self.write("\n\n".join("\n".join(indent + line for line in wrap(part, max(self.width - len(indent), 10)))
                               for part in paragraphs) + "\n")


def _joined(text: str) -> str:
    """A paragraph's lines as one: a space between English words, none between Chinese characters."""
    out = ""
    for line in (line.strip() for line in text.splitlines()):
        if out and line and (out[-1].isascii() or line[0].isascii()):
            out += " "
        out += line
    return out


class HelpContext(click.Context):
    formatter_class = HelpFormatter


class HelpCommand(click.Command):
    context_class = HelpContext


class HelpGroup(click.Group):
    """A group whose commands and subgroups (`calendar`) all lay out their help with HelpFormatter."""
    context_class = HelpContext
    command_class = HelpCommand
    group_class = type
