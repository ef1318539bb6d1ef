"""Every option of every command says what it is for (`--help`), in English and in Chinese."""

import click

from plaint.commands.app import main


def _options(command, path):
    for param in command.params:
        if isinstance(param, click.Option):
            yield " ".join(path), param
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _options(sub, path + [name])


def test_every_option_of_every_command_has_help():
    found = list(_options(main, ["plaint"]))
    assert len(found) > 100
    assert [f"{where} {param.opts[0]}" for where, param in found
            if not (getattr(param, "_en_help", None) or param.help)] == []


def test_list_help_names_its_filters(book):
    text = book("list", "--help").output
    assert "--severity TEXT" in text and "Of SEVERITY as the case counts now" in text
    assert "--site TEXT" in text and "--format [table|json|csv]" in text and "table (default), json or csv." in text
    chinese = book("--lang", "zh", "list", "--help").output
    assert "table (default)" not in chinese and "Of CATEGORY" not in chinese
