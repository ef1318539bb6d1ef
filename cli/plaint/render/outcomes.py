"""What a writing command says when it is done: the new id and its deadlines, each step's one-line
confirmation, an extension, a warning about the caller's other open cases, a note, an edit, a link,
a new book, a clone, setup and sync, a year of holidays added. Typed values in (datetimes, ids,
keys, counts), text out; the command only writes it."""

from __future__ import annotations

from plaint.i18n import N_, _
from plaint.render.times import show_time
from plaint.words import clock as clock_word


def filed_json(result: dict) -> str:
    """`plaint file --format json`: the id, the path and every deadline as an ISO time."""
    from plaint.render import to_json
    return to_json({"id": result["id"], "path": str(result["path"]),
                    "deadlines": {name: at.isoformat() for name, at in result["deadlines"].items()}})


def deadline_lines(deadlines: dict, tz) -> list[str]:
    """`  respond      due Mon 2026-11-16 16:05`, one line per clock, the names padded to one display width."""
    from plaint.render import label_width, pad
    width = label_width([clock_word(clock) for clock in deadlines])
    return [_("  {clock} due {time}").format(clock=pad(clock_word(clock), width),
                                              time=show_time(at, tz, deadline=True, weekday=True))
            for clock, at in deadlines.items()]


def extended_text(result: dict, clock: str, tz) -> str:
    return _("{clock} deadline extended to {time}").format(
        clock=clock_word(clock), time=show_time(result["due"], tz, deadline=True, weekday=True))


def late_extension_text(result: dict, clock: str, tz) -> str:
    """An extension granted after the deadline passed: the breach stands."""
    return _("warning: late extension: the {clock} deadline {time} had already passed; the breach stands "
             "in show and the report, and overdue now alarms against the new deadline").format(
        clock=clock_word(clock), time=show_time(result["previous"], tz, True))


def repeats_text(found: list[dict]) -> str:
    """After filing: the same contact or reference already has these open complaints."""
    from plaint.words import field_name
    what = _(" and ").join(field_name(same) for same in sorted({same for item in found for same in item["same"]}))
    from plaint.i18n import is_zh
    brackets = "（{}）" if is_zh() else " ({})"
    ids = ("、" if is_zh() else ", ").join(item["id"] + (brackets.format(item["summary"]) if item["summary"] else "")
                                        for item in found)
    return _("Warning: the same {what} already has {count} open complaint{value}: {ids}").format(
        what=what, count=len(found), value="s" if len(found) > 1 else "", ids=ids)


# -- one-line confirmations: `{id}: what was done` -----------------------------------------------
STEPS_DONE = {  # a step's key -> what it did, with the values given (as typed) in its one placeholder
    "classify": N_("classified {values}"), "assign": N_("assigned to {who}"), "verify": N_("verified"),
    "propose": N_("solution proposed"), "approve": N_("solution approved"),
    "review": N_("reviewed, responsible: {responsible}"), "reply": N_("reply recorded"), "close": N_("closed"),
    "revisit": N_("revisited"), "revisit-reopen": N_("revisited and reopened"), "reopen": N_("reopened"),
}
JOINED_BY = {"assign": " / "}  # how a step's given values are joined (else by a space)


def done_line(record_id: str, what: str) -> str:
    """`SG-20261116-001: closed`."""
    return _("{id}: {what}").format(id=record_id, what=what)


def step_done(step: str, values: tuple = ()) -> str:
    """What a step did (`classified valid major facilities`), from its key and the values given."""
    if step == "reopen":  # said as the status it leaves, like 已结案: 已重开 (the report's 重开 is a count)
        from plaint.words import status
        return status("reopened")
    given = JOINED_BY.get(step, " ").join(value for value in values if value)
    return _(STEPS_DONE[step]).format(values=given, who=given, responsible=given)


def edited_line(record_id: str, changed: list[str]) -> str:
    from plaint.words import field, names
    return _("{id}: edited {fields}").format(id=record_id, fields=names(field(key) for key in changed))


def note_line(record_id: str) -> str:
    return _("{id}: note added").format(id=record_id)


def linked_line(ids: list[str], duplicate: bool) -> str:
    """`B: closed as a duplicate of A` or `A: linked with B`."""
    if duplicate:
        return _("{id}: closed as a duplicate of {first}").format(id=ids[1], first=ids[0])
    return _("{id}: linked with {other}").format(id=ids[0], other=ids[1])


# -- books and clones ----------------------------------------------------------------------------
def template_lines(templates: list[tuple[str, str]]) -> list[str]:
    """`init --list`: each template's name, and what it is for, in two columns."""
    from plaint.render import terminal_width
    from plaint.render.layout import hang
    return [part for key, line in templates for part in hang(f"{key:16} ", line, terminal_width())]  # wraps under itself


def created_text(result: dict, template: str) -> str:
    return (_("Created book {root} from template {template!r}").format(root=result["root"], template=template)
            + (_(" (new git repository)") if result["git_init"] else ""))


def no_repository_note(result: dict) -> str:
    """A book made inside another git repository: nothing will be committed, and how to change that."""
    from shlex import quote
    root = quote(str(result["root"]))
    return _("Note: no git repository was made: {root} is inside the git repository at {enclosing_repo}, "
             "and plaint never commits into another repository, so nothing in this book will be committed. "
             "To give the book its own history: git init {root} && git -C {root} add -A && git -C {root} "
             "commit -m 'init book'").format(root=root, enclosing_repo=result["enclosing_repo"])


def cloned_text(url: str, directory: str, result: dict) -> str:
    return _("Cloned {url} into {root} as site {site}; file with `plaint --book {directory} file ...`, share "
             "with `plaint --book {directory} sync`").format(url=url, root=result["root"], site=result["site"],
                                                              directory=directory)


SETUP_DONE = {"site": N_("site code set"), "driver": N_("record merge driver switched on"),
              "attributes": N_(".gitattributes committed")}


def setup_text(result: dict) -> str:
    """`setup`: what changed (in order) and the clone's site code."""
    from plaint.i18n import is_zh
    what = ("；" if is_zh() else "; ").join(_(SETUP_DONE[step]) for step in result["done"]) or _("nothing to change")
    code = result["site"] or _("none (set one with --site)")
    return _("{root}: {what}. Site code: {code}").format(root=result["root"], what=what, code=code)


def sync_text(result: dict) -> str:
    """`sync: received 2 commits (merged); sent 1 commit`."""
    from plaint.i18n import ngettext
    from plaint.words import clauses
    parts = []
    if result["received"]:
        parts.append(ngettext("received {count} commit", "received {count} commits", result["received"]).format(
            count=result["received"]) + (_(" (merged)") if result["merged"] else ""))
    if result["sent"]:
        parts.append(ngettext("sent {count} commit", "sent {count} commits", result["sent"]).format(count=result["sent"]))
    return _("sync: {parts}").format(parts=clauses(parts))


def merge_driver_text(path: str, problem: str) -> str:
    """Git's merge driver could not merge a record field by field: git's markers stay for a person."""
    return _("plaint merge-driver: {path}: cannot merge field by field: {problem}; left git's conflict "
             "markers for a person (`plaint check` explains)").format(path=path, problem=problem)


# -- a year of holidays --------------------------------------------------------------------------
def notice_note(note: str) -> str:
    return _("note: {note}").format(note=note)


def add_year_text(year: int, result: dict) -> str:
    """`calendar add-year`'s last line: a dry run and what --write would keep, or what was written."""
    replaces = (_(" (replaces the {year} data in {path})").format(year=year, path=result["replaces"])
                if result["replaces"] else "")
    if not result["written"]:
        return _("Dry run: nothing written. Check the dates above against the notice, then run again with "
                 "--write to keep {year} in the book as {path}{replaces}.").format(
            year=year, path=result["path"], replaces=replaces)
    return (_("Wrote {path}{replaces}").format(path=result["path"], replaces=replaces)
            + (_("; committed.") if result["committed"] else _("; not committed.")))


# -- the form ------------------------------------------------------------------------------------
def form_errors_text(errors: list[str]) -> str:
    """The form had errors and opens again: the heading, then each error indented."""
    return "\n".join([_("The form has errors (marked at its top); opening it again:")] + [f"  {e}" for e in errors])
