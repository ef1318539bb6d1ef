"""`plaint calendar add-year`: the State Council's notice in, one year of the book's calendar out.

The year is kept in the book (`calendar/<name>-YYYY.toml`, the shape of a `[years.YYYY]` table
of templates/calendars/cn.toml), committed on its own, and read on top of the shipped data by
`plaint.bookcal`; nothing inside the installed package is touched.
"""

from __future__ import annotations

import os

from plaint.bookcal import YEARS_DIR, book_years, inside, year_file
from plaint.calendars import Calendar, read_year
from plaint.errors import UsageError
from plaint.notice import Notice, parse_notice, to_toml
from plaint.storage.files import replace_record
from plaint.storage.resources import parse_toml, stem
from plaint.i18n import _

HEADER = ("# {year} holidays of calendar {name}, from the State Council's notice (see `source`).\n"
          "# Written by `plaint calendar add-year {year}`; read on top of the shipped calendar.\n")


def add_year(year: int, text: str, text_name: str, cal: Calendar, book=None, write: bool = False,
             actor: str = "", commit: bool = True) -> dict:
    """Read the notice into `year` of `cal` (the book's calendar, or a shipped one for a dry run).

    Returns the notice, the file's text, the calendar with the year applied, the months the year's
    days fall in, and with `write` the path written and whether it was committed."""
    if cal.estimate != "cn":
        raise UsageError(_("add-year reads the State Council's notice for mainland China; calendar {name!r} does "
                           'not use it (use [calendar] base = "cn", or add [years.{year}] to {path})').format(name=cal.name, year=year, path=cal.path))
    if not 1949 < year < 2200:
        raise UsageError(_("year {year} is out of range").format(year=year))
    notice = parse_notice(text, year, text_name)
    name = stem(cal.path)
    file_text = HEADER.format(year=year, name=name) + to_toml(notice)
    path = year_file(book.root, name, year) if book is not None else os.path.join(YEARS_DIR, f"{name}-{year}.toml")
    parsed = parse_toml(file_text, path)  # what is written is read back the way every command reads it
    _unused, off, work, source = read_year(str(year), parsed["years"][str(year)], file_text, path)
    applied = cal.with_years({year: (off, work, source, path)})
    result = {"notice": notice, "text": file_text, "path": path, "calendar": applied,
              "months": _months(notice), "replaces": _replaces(cal, year, book, name),
              "written": False, "committed": False}
    if write:
        if book is None:
            raise UsageError(_("--write needs a book (a folder with plaint.toml): run it inside the book or give "
                               "--book DIR"))
        result["committed"] = _write(book, path, file_text, year, actor, commit)
        result["written"] = True
    return result


def _months(notice: Notice) -> list[str]:
    days = [first for first, _unused, _unused in notice.off] + [last for _unused, last, _unused in notice.off] + [d for d, _unused in notice.work]
    return sorted({f"{d:%Y-%m}" for d in days})


def _replaces(cal: Calendar, year: int, book, name: str) -> str:
    if book is not None and year in book_years(book.root, name):
        return year_file(book.root, name, year)
    return cal.path if year in cal.sources else ""


def _write(book, path: str, text: str, year: int, actor: str, commit: bool) -> bool:
    folder = os.path.dirname(path)
    with book.lock():
        if os.path.lexists(folder) and not (os.path.isdir(folder) and inside(book.root, folder)):
            raise UsageError(_("{folder} is not a folder inside the book; move it away and run again").format(folder=folder))
        os.makedirs(folder, exist_ok=True)
        if os.path.islink(path):
            raise UsageError(_("{path} is a symbolic link; remove it and run again").format(path=path))
        replace_record(book.root, path, text)  # temp file, fsync, os.replace, as for every record
        if not commit:
            return False
        from plaint.storage import git as gitlog
        if not gitlog.is_own_worktree(book.root):
            return False
        return gitlog.commit(book.root, [path], f"calendar: add {year} holidays from the State Council notice",
                             {"Action": "add-year", "Actor": actor}, actor)
