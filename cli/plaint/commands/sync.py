"""Many desks: `clone`, `setup`, `sync`, and the `merge-driver` git calls."""

from __future__ import annotations

import click

from plaint.commands.group import Session, main, pass_session


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
        from plaint.render.outcomes import merge_driver_text
        click.echo(merge_driver_text(path, problem), err=True)
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("url")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--site", required=True, help="This desk's own site code for ids (1-8 capitals or digits, e.g. BJ).")
def clone(url, directory, site):
    """Copy a shared book for one desk: its own site code and the record merge driver."""
    from plaint.sync import clone_book
    result = clone_book(url, directory, site)
    from plaint.render.outcomes import cloned_text
    click.echo(cloned_text(url, directory, result))


@main.command()
@click.option("--site", help="This clone's own site code for ids (1-8 capitals or digits, e.g. BJ).")
@pass_session
def setup(session: Session, site):
    """Give an existing clone its own site code and switch on the record merge driver."""
    from plaint.sync import setup_clone
    result = setup_clone(session.book.root, site, session.actor)
    from plaint.render.outcomes import setup_text
    click.echo(setup_text(result))


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
    from plaint.render.outcomes import sync_text
    click.echo(sync_text(result))
