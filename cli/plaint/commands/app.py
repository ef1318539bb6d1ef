"""The whole command line: the group with every command registered, global options after the
subcommand too, and shell completion. `main` here is what `plaint` runs (through `entry`)."""

from plaint.commands import calendar, desk, read, steps, sync  # noqa: F401  (each registers its commands)
from plaint.commands.complete import attach_completion
from plaint.commands.group import main
from plaint.commands.options import attach_global_options

attach_global_options(main)  # last: every command takes --book/--now/--by/--no-commit after its name
attach_completion(main)

__all__ = ["main"]
