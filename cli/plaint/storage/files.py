"""Bytes on disk, kept inside the book: no symlink followed, no reader ever sees half a record.

A new record is written whole to a temp file and linked into place (`os.link` fails if the name
exists, so two writers never share a file and no reader sees an empty one); an update goes to a
temp file in the same folder, fsync, `os.replace`. Year and month folders, record files and the
book lock are never followed through a symbolic link.
"""

from __future__ import annotations

import os
import stat
import re
from contextlib import contextmanager

from plaint.errors import DataError, LockBusy, ParseError, UsageError
from plaint.i18n import _, os_reason

SITE_FORMAT = re.compile(r"[A-Z0-9]{1,8}")
TEMP_SUFFIX = ".tmp"


def check_site(site, where: str = "the site code") -> str:
    """Site codes become file names: 1-8 capital ASCII letters or digits, nothing else."""
    if not isinstance(site, str) or not SITE_FORMAT.fullmatch(site):
        raise UsageError(_("{where} {site!r} is not a site code: use 1 to 8 capital letters A-Z or digits, e.g. HQ").format(where=where, site=site))
    return site


def inside(root: str, path: str) -> str:
    """`path`, after checking that it names something inside the book (never `..` out of it)."""
    base = os.path.abspath(root)
    target = os.path.abspath(path)
    if os.path.commonpath([base, target]) != base or target == base:
        raise UsageError(_("{path} is outside the book {root}; plaint writes only inside the book").format(path=path, root=root))
    return path


def read_record_bytes(path: str) -> bytes:
    """A record's bytes; a symbolic link is refused, not followed."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if os.path.islink(path):
            raise ParseError(path, 1, _("a symbolic link; plaint never follows links in a book (replace it with "
                                        "the file itself)"))
        raise ParseError(path, 1, _("cannot read: {strerror}").format(strerror=os_reason(exc)))
    try:
        import stat
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ParseError(path, 1, _("not a regular file"))
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


@contextmanager
def open_lock(root: str, name: str):
    """The book's lock file, opened without following a link (a linked lock could create files elsewhere)."""
    path = os.path.join(root, name)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        if os.path.islink(path):
            raise DataError(_("{path} is a symbolic link; remove it (plaint recreates the lock)").format(path=path))
        raise DataError(_("cannot open the book lock {path}: {strerror}").format(path=path, strerror=os_reason(exc)))
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # a named pipe put there: fdopen would fail as an internal error
        os.close(fd)
        raise DataError(_("{path} is not a regular file; remove it (plaint recreates the lock)").format(path=path))
    with os.fdopen(fd, "r+") as handle:
        yield handle


def take_lock(handle, path: str, wait: float, on_wait=None) -> None:
    """Lock `handle` (the book lock at `path`) for this process; if another process holds it, call
    `on_wait(path)` once and try again for up to `wait` seconds, then refuse (nothing is written)."""
    import fcntl
    import time
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockBusy(_("another plaint process still holds the book lock {path} after {wait:g} s; nothing "
                                 "written. Run the command again when it has finished (set PLAINT_LOCK_WAIT to wait "
                                 "longer, in seconds)").format(path=path, wait=wait)) from None
            if on_wait is not None:
                on_wait(path)
                on_wait = None
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))


def record_folder(root: str, path: str) -> str:
    """Make the year and month folders of `path` (each a real folder, never a link); return the month folder."""
    folder = os.path.dirname(inside(root, path))
    current = os.path.abspath(root)
    for part in os.path.relpath(os.path.abspath(folder), current).split(os.sep):
        current = os.path.join(current, part)
        try:
            os.mkdir(current, 0o755)
        except FileExistsError:
            if os.path.islink(current) or not os.path.isdir(current):
                raise DataError(_("{current} is a symbolic link or not a folder; plaint writes records only into "
                                  "real folders inside the book (replace it with a folder)").format(current=current))
    return folder


def _write_temp(folder: str, name: str, text: str) -> str:
    import tempfile
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        _unlink_quietly(temp)
        raise
    return temp


def create_record(root: str, path: str, text: str) -> None:
    """A new record appears whole or not at all: temp file, then an exclusive link into place."""
    folder = record_folder(root, path)
    temp = _write_temp(folder, os.path.basename(path), text)
    try:
        os.link(temp, path)  # fails if the name exists: never two writers on one file
    except FileExistsError:
        raise DataError(_("{path} already exists; nothing written").format(path=path))
    finally:
        _unlink_quietly(temp)
    fsync_dir(folder)


def replace_record(root: str, path: str, text: str) -> None:
    """An update: temp file in the same folder, fsync, `os.replace` (which replaces a link, never its target)."""
    folder = os.path.dirname(inside(root, path))
    if os.path.islink(path) or os.path.islink(folder):
        raise DataError(_("{path} is a symbolic link or in a linked folder; plaint does not write through links").format(path=path))
    temp = _write_temp(folder, os.path.basename(path), text)
    try:
        os.replace(temp, path)
    except BaseException:
        _unlink_quietly(temp)
        raise
    fsync_dir(folder)


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def fsync_dir(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
