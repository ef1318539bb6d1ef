"""`plaint show ID --explain CLOCK`: how one clock's deadline came about, step by step, from the
case's assessment (its start, the working time counted, extensions, where it stands now)."""

from __future__ import annotations

from plaint import words
from plaint.assess import Assessment
from plaint.deadlines import due
from plaint.i18n import _
from plaint.policy import CLOCKS
from plaint.timeparse import show_time


def explain_lines(assessment: Assessment, name: str, policy) -> list[str]:
    """Step by step, how one clock's deadline came about: for a supervisor checking a case."""
    clock = assessment.clocks.get(name)
    if clock is None:
        return []
    tz = policy.calendar.tz
    lines = [_("{clock} clock, round {round}: {text}; {duration} under severity {severity}").format(
        clock=words.clock(name), round=clock.round, text=_(CLOCKS[name].text), duration=words.duration(clock.duration),
        severity=words.value(policy, "severity", assessment.severity)) + (_(" (raised by age)") if assessment.upgraded else "")]
    lines.append(_("starts {time}").format(time=show_time(clock.start, tz, weekday=True)))
    if clock.set_by == "person":
        lines.append(_("deadline set by a person (routing desk or review): {time}").format(time=show_time(clock.original_due, tz, True, True)))
    else:
        lines += due(clock.start, clock.duration, policy.calendar, explain=True).steps or []
    for ext in clock.extensions:
        when = _("in time") if ext.in_time else _("LATE: after the deadline, the breach stands")
        lines.append(_("extended {time} by {approver} ({reason}) from {time2} to {time3}, {when}").format(time=show_time(ext.at, tz, weekday=True), approver=ext.approver, reason=ext.reason, time2=show_time(ext.previous, tz, True, True), time3=show_time(ext.due, tz, True, True), when=when))
    lines.append(_("no pauses: plaint's clocks do not stop while waiting on the customer"))
    stop = (_("stopped {time}").format(time=show_time(clock.stopped, tz, weekday=True)) if clock.stopped
            else _("still running"))
    lines.append(_("due {time}; {stop}; {state}").format(time=show_time(clock.due, tz, True, True), stop=stop,
                                                         state=words.state(clock.state))
                 + (_(" (provisional)") if clock.provisional else ""))
    return lines
