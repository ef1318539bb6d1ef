"""The procedure's clocks: what each measures (from one event to another, keys of a record's
[times]), what it is for, and how it behaves (runs after closing; restarts on reopening). A table
of vocabulary, read by the assessment, the commands, completion and render alike."""

from __future__ import annotations

from typing import NamedTuple

from plaint.i18n import N_


class ClockRule(NamedTuple):
    """What a clock measures: from an event to an event (keys of the record's [times])."""
    start: str
    stop: str
    text: str
    after_close: bool = False   # runs after closing (the call back), so closing does not stop it
    restarts: bool = False      # a reopened case runs it again, as a new round


CLOCKS = {
    "route": ClockRule("received", "routed", N_("the complaint reaches the responsible department")),
    "acknowledge": ClockRule("received", "assigned", N_("a handler is assigned")),
    "propose": ClockRule("received", "proposed", N_("a solution is proposed")),
    "respond": ClockRule("received", "replied", N_("the customer gets an answer")),
    "resolve": ClockRule("received", "closed", N_("the case is closed"), restarts=True),
    "revisit": ClockRule("closed", "revisited", N_("the customer is asked, after closing"), after_close=True, restarts=True),
}
