"""Shell completion (bash, zsh, fish) through Click's shell_complete, fed from the book.

Switch it on with `eval "$(_PLAINT_COMPLETE=bash_source plaint)"` (zsh: `zsh_source`; fish:
`_PLAINT_COMPLETE=fish_source plaint | source`). Every command's ids, categories, channels,
severities, validity kinds, handlers, departments, clocks and template names complete.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

# A parameter's name -> what completes it.
KINDS = {"id": "id", "ids": "id", "original": "id", "category": "category", "channel": "channel",
         "severity": "severity", "validity": "validity", "handler": "handler", "department": "department",
         "template": "template", "clock": "clock"}


def _book_option(ctx: click.Context) -> str | None:
    """`--book` as typed so far (before the command), else PLAINT_BOOK and the usual search."""
    while ctx is not None:
        if ctx.params.get("book"):
            return ctx.params["book"]
        ctx = ctx.parent
    from plaint.settings import settings_from
    return settings_from().book


def _completer(kind: str):
    def complete(ctx: click.Context, param, incomplete: str) -> list[CompletionItem]:
        from plaint.completion import candidates
        from plaint.settings import cache_location
        return [CompletionItem(value, help=text or None) for value, text in
                candidates(kind, incomplete, _book_option(ctx), cache_location())]
    return complete


def attach_completion(group: click.Group) -> None:
    for command in group.commands.values():
        for param in command.params:
            kind = KINDS.get(param.name or "")
            if kind and not isinstance(getattr(param, "type", None), click.Choice):
                param._custom_shell_complete = _completer(kind)
        if isinstance(command, click.Group):
            attach_completion(command)
