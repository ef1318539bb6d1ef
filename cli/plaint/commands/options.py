"""The global options (`--book`, `--now`, `--by`, `--no-commit`) after the subcommand too.

People type `plaint file --now "2026-11-16 14:05" ...` as often as `plaint --now ... file`.
Every command (and every command of a sub-group) gets the same four options; a value given
after the subcommand wins over one given before it. A command that already has an option of
that name (only `extend --by`, the old spelling of `--add`) keeps its own.
"""

from __future__ import annotations

from plaint.i18n import _

import click

GLOBAL_OPTIONS = (
    ("--book", "book", "DIR", "The book (same as before the command)."),
    ("--now", "now", "TIME", "Act as if it were TIME (same as before the command)."),
    ("--by", "actor", "NAME", "Who acts (same as before the command)."),
    ("--lang", "language", "en|zh", "Interface language (same as before the command)."),
)


def _store(attribute: str):
    def callback(ctx: click.Context, param, value):
        if value is None or value is False:
            return
        from plaint.commands.session import Session
        session = ctx.find_object(Session)
        if session is None:  # shell completion parses without running the group
            return
        if attribute == "commit":
            session.settings.commit = False
        else:
            setattr(session.settings, attribute, value)
    return callback


def _options_for(command: click.Command) -> list[click.Option]:
    taken = {opt for param in command.params for opt in param.opts}
    made = [click.Option([flag], metavar=metavar, help=text, expose_value=False, callback=_store(attribute),
                         is_eager=True)
            for flag, attribute, metavar, text in GLOBAL_OPTIONS if flag not in taken]
    if "--no-commit" not in taken:
        made.append(click.Option(["--no-commit"], is_flag=True, default=False, expose_value=False, is_eager=True,
                                 callback=_store("commit"), help="Make no git commit (same as before the command)."))
    if "--no-color" not in taken:  # read before parsing (plaint.commands.lang.start); accepted here too
        made.append(click.Option(["--no-color"], is_flag=True, default=False, expose_value=False,
                                 help="No colour (same as before the command)."))
    return made


def attach_global_options(group: click.Group) -> None:
    """Give every subcommand of `group` (recursively) the global options."""
    for command in group.commands.values():
        command.params.extend(_options_for(command))
        if isinstance(command, click.Group):
            attach_global_options(command)


def old_extend_by(session, by: str | None, add: str | None) -> str | None:
    """`extend --by 2wd` (a duration) still works, with a note; `--by NAME` names who acts."""
    if by is None:
        return add
    if not by.strip()[:1].isdigit() and not by.strip().lower().startswith("same"):
        session.settings.actor = by  # a name: who acts (a duration always starts with its number)
        return add
    if add is not None:
        from plaint.errors import UsageError
        raise UsageError(_("give the duration once: --add {add} (--by {by} is its old spelling)").format(add=add, by=by))
    click.echo(_("Note: `extend --by {by}` is deprecated: write `extend --add {by}` (--by names who acts).").format(by=by), err=True)
    return by
