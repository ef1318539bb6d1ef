"""What a writing step says when it is done: the new id and its deadlines, an extension, a warning
about the caller's other open cases. Typed values in (datetimes, ids), text out."""

from __future__ import annotations

from plaint.i18n import _
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
        clock=clock, time=show_time(result["previous"], tz, True))


def repeats_text(found: list[dict]) -> str:
    """After filing: the same contact or reference already has these open complaints."""
    from plaint.words import field_name
    what = _(" and ").join(field_name(same) for same in sorted({same for item in found for same in item["same"]}))
    ids = ", ".join(f"{item['id']} ({item['summary']})" if item["summary"] else item["id"] for item in found)
    return _("Warning: the same {what} already has {count} open complaint{value}: {ids}").format(
        what=what, count=len(found), value="s" if len(found) > 1 else "", ids=ids)
