"""`plaint show ID --explain CLOCK`: how one clock's deadline came about, step by step, from the
case's assessment (its start, the working time counted, extensions, where it stands now)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plaint import words
from plaint.render.deadline import step_line
from plaint.i18n import _
from plaint.clocks import CLOCKS
from plaint.render.times import show_time

if TYPE_CHECKING:  # types only: render reads the core's values, it never runs the core
    from plaint.assess import Assessment


def explain_lines(assessment: Assessment, name: str, policy, steps: list) -> list[str]:
    """Step by step, how one clock's deadline came about: for a supervisor checking a case (`steps`:
    how its due was counted, `plaint.deadlines.clock_steps`)."""
    clock = assessment.clocks.get(name)
    if clock is None:
        return []
    tz = policy.calendar.tz
    limit_of = clock.limit_of or assessment.severity  # whose limit the clock runs on (assess says)
    lines = [_("{clock} clock, round {round}: {text}; {duration} under severity {severity}").format(
        clock=words.clock(name), round=clock.round, text=_(CLOCKS[name].text), duration=words.duration(clock.duration),
        severity=words.value(policy, "severity", limit_of))
        + (_(" (raised by age)") if assessment.upgraded and limit_of == assessment.severity else "")]
    lines += _upgrade_lines(assessment, clock, policy)
    lines.append(_("starts {time}").format(time=show_time(clock.start, tz, clock.from_upgrade, weekday=True)))
    if clock.set_by == "person":
        lines.append(_("deadline set by a person (routing desk or review): {time}").format(time=show_time(clock.original_due, tz, True, True)))
    lines += [step_line(step) for step in steps]
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


def _upgrade_lines(assessment: Assessment, clock, policy) -> list[str]:
    """When an age rule raised the case: when, by which rule, and what that did to this clock."""
    rule = assessment.upgrade
    if rule is None or assessment.upgraded_at is None:
        return []
    at = assessment.upgraded_at
    raised = words.value(policy, "severity", assessment.severity)
    if clock.from_upgrade:
        effect = _("a clock only {severity} has starts then").format(severity=raised)
    elif clock.limit_of and clock.limit_of != assessment.severity:
        effect = _("a deadline already in force keeps {severity}'s limit").format(
            severity=words.value(policy, "severity", clock.limit_of))
    else:
        return []
    kind = f"{words.value(policy, 'validity', rule.validity)} " if rule.validity else ""
    return [_("raised to {severity} at {time} (a {kind}complaint unresolved after {duration} counts as {severity}); "
              "{effect}").format(severity=raised, time=show_time(at, policy.calendar.tz, True, True), kind=kind,
                                 duration=words.duration(rule.unresolved_for), effect=effect)]
