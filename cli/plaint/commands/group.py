"""The `plaint` group and what every command shares: the session, `Error: ...` in one place, echo.

Command modules import from here and register on `main`; `plaint.commands.app` imports them all,
so nothing imports its importer back."""

from __future__ import annotations

import click

from plaint.errors import PlaintError
from plaint.commands.lang import HelpGroup  # help headings in the interface language
from plaint.commands.session import Session
from plaint.settings import settings_from


class PlaintGroup(HelpGroup):
    """Turns every PlaintError into `Error: ...` on stderr and its exit code, in one place."""
    group_class = HelpGroup  # `calendar` lays out its help alike, without this group's error handling

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:  # the language first: help is printed while parsing
            from plaint.commands.lang import start
            start(list(args), self)
        return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PlaintError as exc:
            from plaint.render import error_text
            click.echo(error_text(exc), err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # the reader went away (`| head`): quiet, exit 0, never an internal error
            import os                  # (overdue says its own code: 1 only when something is overdue)
            import sys
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
            ctx.exit(0)
        except KeyboardInterrupt:  # Ctrl-C outside a commit (a commit says what it left): one line, its own code
            from plaint.errors import INTERRUPTED
            from plaint.i18n import _
            click.echo("\n" + _("Interrupted (Ctrl-C); nothing written"), err=True)
            ctx.exit(INTERRUPTED)
        except Exception as exc:  # noqa: BLE001 - a bug: one line and its own exit code, never a traceback
            from plaint.errors import INTERNAL_ERROR, internal_error_line
            click.echo(internal_error_line(ctx.invoked_subcommand, exc), err=True)
            ctx.exit(INTERNAL_ERROR)


pass_session = click.make_pass_decorator(Session)


@click.group(cls=PlaintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--book", metavar="DIR", help="The book (folder with plaint.toml). Default: PLAINT_BOOK, the nearest "
              "folder above with plaint.toml, or ./records.")
@click.option("--now", metavar="TIME", help="Act as if it were TIME (default: PLAINT_NOW, else the clock; a date without a year, 11月23日, is in the clock's year).")
@click.option("--by", "actor", metavar="NAME", help="Who acts (default: PLAINT_USER, git user.name, login name).")
@click.option("--no-commit", is_flag=True, help="Write the record but make no git commit (PLAINT_NO_COMMIT=1).")
@click.option("--lang", type=click.Choice(["en", "zh"]), help="Interface language (default: PLAINT_LANG, the "
              "policy's labels, the locale).")
@click.option("--no-color", is_flag=True, help="No colour, even on a terminal (as NO_COLOR does).")
@click.version_option(package_name="plaint")
@click.pass_context
def main(ctx, book, now, actor, no_commit, lang, no_color):
    """plaint: customer complaints on plain files, with working-day deadlines and git as the audit trail."""
    ctx.obj = Session(settings_from(book, now, actor, no_commit, language=lang))


def echo(text: str) -> None:
    click.echo(text.rstrip("\n"))


def warn_provisional(session: Session, deadlines: dict) -> None:
    """Deadlines beyond the calendar's data are computed, marked and warned about."""
    late = [clock for clock, info in deadlines.items() if info.get("provisional")]
    if late:
        from plaint.render.deadline import provisional_warning
        click.echo(provisional_warning(session.book.policy.calendar, clocks=late), err=True)


def show_warnings(result: dict) -> None:
    """What recovery did before the command (stale locks removed, leftovers committed)."""
    for line in result.get("warnings", ()):
        click.echo(line, err=True)
