"""Many desks: `clone`, `setup`, `sync`, and the `merge-driver` git calls."""

from __future__ import annotations

import click

from plaint.commands.group import Session, main, pass_session
from plaint.i18n import _, ngettext


@main.command("merge-driver", hidden=True)
@click.argument("base")
@click.argument("ours")
@click.argument("theirs")
@click.argument("path", default="record")
@click.option("--marker-size", default=7, type=int, help="Length of conflict markers (git's %L).")
def merge_driver(base, ours, theirs, path, marker_size):
    """Git's merge driver for records: %O %A %B %P. The result goes into OURS; exit 1 on a conflict."""
    from plaint.mergefile import merge_files
    problem = merge_files(base, ours, theirs, path, marker_size)
    if problem:
        click.echo(_("plaint merge-driver: {path}: cannot merge field by field: {problem}; left git's conflict "
                     "markers for a person (`plaint check` explains)").format(path=path, problem=problem), err=True)
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("url")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--site", required=True, help="This desk's own site code for ids (1-8 capitals or digits, e.g. BJ).")
def clone(url, directory, site):
    """Copy a shared book for one desk: its own site code and the record merge driver."""
    from plaint.sync import clone_book
    result = clone_book(url, directory, site)
    click.echo(_("Cloned {url} into {root} as site {site}; file with `plaint --book {directory} file ...`, share "
                 "with `plaint --book {directory} sync`").format(url=url, root=result['root'], site=result['site'],
                                                                  directory=directory))


@main.command()
@click.option("--site", help="This clone's own site code for ids (1-8 capitals or digits, e.g. BJ).")
@pass_session
def setup(session: Session, site):
    """Give an existing clone its own site code and switch on the record merge driver."""
    from plaint.sync import setup_clone
    result = setup_clone(session.book.root, site, session.actor)
    words = {"site": _("site code set"), "driver": _("record merge driver switched on"),
             "attributes": _(".gitattributes committed")}  # what changed, in the interface language
    what = "; ".join(words[step] for step in result["done"]) or _("nothing to change")
    code = result["site"] or _("none (set one with --site)")
    click.echo(_("{root}: {what}. Site code: {code}").format(root=result['root'], what=what, code=code))


@main.command()
@click.option("--quiet", "-q", is_flag=True, help="Say nothing unless something went wrong (for cron).")
@pass_session
def sync(session: Session, quiet):
    """Fetch, merge records field by field, push; silent when there is nothing to do.

    \b
    Exit codes:
      0  synced, or nothing to do
      2  a usage problem: no remote, not the top of a git repository, detached HEAD
      3  the remote could not be reached, or moved twice while syncing (nothing changed here)
      4  the merge needs a person: it was aborted and the clone is exactly as before
    """
    from plaint.sync import sync as run
    result = run(session.book, session.actor)
    if quiet or not (result["received"] or result["sent"]):
        return
    parts = []
    if result["received"]:
        parts.append(ngettext("received {count} commit", "received {count} commits", result["received"]).format(
            count=result["received"]) + (_(" (merged)") if result["merged"] else ""))
    if result["sent"]:
        parts.append(ngettext("sent {count} commit", "sent {count} commits", result["sent"]).format(count=result["sent"]))
    from plaint.words import clauses
    click.echo(_("sync: {parts}").format(parts=clauses(parts)))
