"""One assessment of a case at a moment, computed here and nowhere else.

`assess(record, policy, now)` gives every reader (`show`, `list`, `overdue`, `report`, `check`)
the same answers: the severity the case counts as (age upgrades applied, and the rule that
did it), each clock's start, due, extension, stop, state and lateness, the case's rounds
(reopening starts a new one), and what the procedure still needs before the case may close.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from plaint.deadlines import due as compute_due, due_after_deadline, working_time_between
from plaint.durations import Duration
from plaint.policy import CLOCKS, AgeRule, Policy
from plaint.procedure import missing_steps
from plaint.records import is_open
from plaint.rounds import Round, extensions_by_clock, rounds_of, status_at, targets_by_round
from plaint.i18n import _

WORKING_UNITS = ("wd", "wh", "wm", "same")  # clocks counted in working time; the rest in elapsed time
STATES = ("running", "due-soon", "overdue", "met", "late")


class Extension(NamedTuple):
    at: datetime
    due: datetime
    previous: datetime       # the deadline in force when it was granted
    in_time: bool            # granted before that deadline: a late extension leaves the breach standing
    approver: str
    reason: str


def running_state(due, now, soon) -> str:
    """A running clock's state at `now` (datetimes, or the moments as microseconds: cachesummary.micros)."""
    if now > due:
        return "overdue"
    return "due-soon" if soon is not None and due <= soon else "running"


class ClockState:
    """One clock of one round, as it stands at the moment assessed."""

    __slots__ = ("name", "round", "duration", "start", "due", "original_due", "judged_due", "provisional",
                 "stopped", "extensions", "set_by", "state", "breached", "_now", "_cal", "_late", "limit_of",
                 "from_upgrade")

    def __init__(self, name, round_no, duration, start, original_due, provisional, stopped, extensions,
                 set_by, now, soon, cal, limit_of="", from_upgrade=False):
        # limit_of: the severity whose limit `duration` is; from_upgrade: the clock started when an
        # age rule raised the case (counted from that 24:00), not at the round's start
        self.limit_of, self.from_upgrade = limit_of, from_upgrade
        self.name, self.round, self.duration, self.start = name, round_no, duration, start
        self.original_due, self.provisional, self.stopped = original_due, provisional, stopped
        self.extensions, self.set_by = extensions, set_by
        self._now, self._cal, self._late = now, cal, None
        # The deadline in force is the latest extension's, in time or late (a late one stops the
        # alarm on the old deadline); met or late is judged against the last deadline before a breach.
        self.due = extensions[-1].due if extensions else original_due
        first_late = next((e for e in extensions if not e.in_time), None)
        self.judged_due = first_late.previous if first_late else self.due
        self.breached = first_late is not None
        if stopped is not None:
            self.state = "late" if self.breached or stopped > self.due else "met"
        else:
            self.state = running_state(self.due, now, soon)
        self.breached = self.breached or self.state in ("late", "overdue")

    # -- the questions readers ask -----------------------------------------------
    @property
    def running(self) -> bool:
        return self.stopped is None

    @property
    def met(self) -> bool | None:
        """True or False once stopped; None while running (the JSON contract's `met`)."""
        return None if self.stopped is None else self.state == "met"

    @property
    def working(self) -> bool:
        return self.duration.unit in WORKING_UNITS

    @property
    def extension(self) -> Extension | None:
        return self.extensions[-1] if self.extensions else None

    @property
    def extension_in_time(self) -> bool:
        return bool(self.extensions) and self.extensions[-1].in_time

    @property
    def outcome(self) -> str:
        """For the report: met, met-extended, breached or running."""
        if self.breached:
            return "breached"
        if self.stopped is None:
            return "running"
        return "met" if self.stopped <= self.original_due else "met-extended"

    @property
    def late(self) -> timedelta:
        """How late (negative: how long is left), in the clock's own kind of time.

        A running clock counts from the deadline in force to now; a stopped one from the deadline
        it was judged against to the moment it stopped."""
        if self._late is None:
            if self.stopped is None:
                start, end = self.due, self._now
            else:
                start, end = (self.judged_due if self.state == "late" else self.due), self.stopped
            self._late = working_time_between(start, end, self._cal) if self.working else end - start
        return self._late


class Assessment(NamedTuple):
    id: str
    severity: str                 # as the case counts now
    recorded_severity: str        # as classified (or the policy's default)
    upgrade: AgeRule | None       # the age rule that raised it, if any
    clocks: dict[str, ClockState]  # the clocks as they stand: earlier rounds' for clocks that do not restart
    rounds: list[Round]
    history: list[dict[str, ClockState]]  # each round's own clocks, first round first
    missing: list[str]            # procedure steps still needed before closing
    open: bool
    status: str = ""              # as every reader shows it: `duplicate` for a duplicate, else the record's
    problems: tuple[str, ...] = ()  # what makes the record unsound as a case (a hand edit): every reader says it
    upgraded_at: datetime | None = None  # when the age rule raised it (a 24:00), if one did

    @property
    def upgraded(self) -> bool:
        return self.upgrade is not None

    @property
    def round(self) -> int:
        return len(self.rounds)

    def running(self) -> list[ClockState]:
        return [clock for clock in self.clocks.values() if clock.stopped is None]

    def next_due(self) -> ClockState | None:
        running = self.running()
        return min(running, key=lambda c: c.due) if running else None


def upgrade_rule(record: dict, policy: Policy, now: datetime, rounds: list[Round]) -> AgeRule | None:
    """The age rule that makes a case count as more severe at `now`, if any.

    A valid complaint still unresolved when the rule's time ran out counts as the rule says, from
    then on; one resolved in time does not, unless it is open again now."""
    severity = policy.recorded_severity(record)
    received = record.get("received")
    if not isinstance(received, datetime):
        return None
    for rule in policy.age_rules:
        if (rule.validity and record.get("validity") != rule.validity) or severity == rule.severity:
            continue
        at = compute_due(received, rule.unresolved_for, policy.calendar).at
        if at <= now and (_open_now(record, rounds) or _open_at(rounds, at)):
            return rule
    return None


def _open_now(record: dict, rounds: list[Round]) -> bool:
    """Open as of the moment assessed: its last round not closed yet. A record marked done by hand
    with no closing time anywhere was never closed: it counts as open (its clocks run on) and
    `never_closed` names it as a problem, so no reader takes it for properly closed."""
    if not rounds:
        return is_open(record)
    return rounds[-1].closed is None


def never_closed(record: dict) -> bool:
    """Marked closed or revisited (by hand) with no closing time in [times] or the history."""
    if is_open(record) or not isinstance(record.get("received"), datetime):
        return False
    rounds = rounds_of(record)
    return bool(rounds) and rounds[-1].closed is None


def case_problems(record: dict) -> tuple[str, ...]:
    """What is wrong with the record as a case, each said as one message (no path: see `located`)."""
    if never_closed(record):
        ident, status, offset = record.get("id", ""), record.get("status"), record["received"].strftime("%z")
        return (_("status {status!r} but no closing time in [times] or the history: the case was never closed, "
                  "so it counts as open and its clocks run on; close it with `plaint close {id} --resolution "
                  "...` (with --now for when it closed), or add that time under [times] (closed = "
                  "YYYY-MM-DDTHH:MM:SS{offset})").format(
            status=status, id=ident, offset=f"{offset[:3]}:{offset[3:]}"),)
    return ()


def located(path: str, problems) -> list:
    """A case's problems (`Assessment.problems`) as `path:line: message` Problems, at its `status` line."""
    if not problems:
        return []
    from plaint.problems import Problem
    from plaint.storage.resources import line_of, read_text
    try:
        line = line_of(read_text(path), "\nstatus =") + 1
    except OSError:
        line = 1
    return [Problem(str(path), line, message) for message in problems]


def _open_at(rounds: list[Round], moment: datetime) -> bool:
    return any(r.start <= moment and (r.closed is None or r.closed > moment) for r in rounds)


def assess(record: dict, policy: Policy, now: datetime, soon: datetime | None = None) -> Assessment:
    """The case at `now`; clocks due by `soon` (if given) and still running are `due-soon`."""
    recorded = policy.recorded_severity(record)
    rounds = rounds_of(record, now)  # as it stood at `now`: later events are not known yet
    rule = upgrade_rule(record, policy, now, rounds)
    severity = rule.severity if rule else recorded
    durations = policy.clocks_for(severity, record.get("validity", ""), record.get("category", ""))
    # An age upgrade never moves a deadline already in force: a clock the case had keeps the due
    # it was shown; a clock only the new severity has starts when the upgrade took effect.
    before = policy.clocks_for(recorded, record.get("validity", ""), record.get("category", "")) if rule else {}
    upgraded_at = compute_due(record["received"], rule.unresolved_for, policy.calendar).at if rule else None
    times = record.get("times", {})
    extensions = extensions_by_clock(record, rounds, now)
    targets = targets_by_round(record, rounds, now)
    cal = policy.calendar
    per_round: list[dict[str, ClockState]] = []
    for number, rnd in enumerate(rounds, 1):
        clocks = {}
        for name, duration in durations.items():
            rule_of = CLOCKS[name]
            if number > 1 and not rule_of.restarts:
                continue
            if rule_of.after_close:
                start, stopped = rnd.closed, rnd.revisited or rnd.ended
            else:
                start = rnd.start
                stopped = rnd.closed if (rule_of.restarts or number > 1) else _first(times.get(rule_of.stop),
                                                                                     rnd.closed)
            if start is None or (rule_of.after_close and record.get("duplicate_of")):
                continue  # the call-back clock starts only at closing; a duplicate has no clocks of its own
            from_upgrade, limit_of = False, severity
            if upgraded_at is not None and start < upgraded_at:
                if name in before:
                    duration, limit_of = before[name], recorded
                else:
                    start, from_upgrade = upgraded_at, True
            if stopped is not None and stopped > now:
                stopped = None
            set_by = targets.get((number, name))
            if set_by is not None:
                original, provisional = set_by, False
            else:
                computed = compute_due(start, duration, cal)
                original, provisional = computed.at, computed.provisional
                if from_upgrade:  # the upgrade takes effect at a 24:00: count from that day, as an extension does
                    original = due_after_deadline(start, duration, cal)
            grants = _granted(extensions.get((number, name), []), original)
            clocks[name] = ClockState(name, number, duration, start, original, provisional, stopped, grants,
                                      "person" if set_by is not None else "policy", now, soon, cal, limit_of,
                                      from_upgrade)
        per_round.append(clocks)
    # As it stands: the first round's clocks that never restart, then the latest round's own clocks.
    current = dict(per_round[0]) if per_round else {}
    if len(per_round) > 1:
        current = {name: c for name, c in current.items() if not CLOCKS[name].restarts} | per_round[-1]
    still_open = _open_now(record, rounds)
    missing = missing_steps(record, policy, policy.close_requires) if still_open else []
    return Assessment(str(record.get("id", "")), severity, recorded, rule, current, rounds, per_round, missing,
                      still_open, status_at(record, now), case_problems(record), upgraded_at)


def _first(own: datetime | None, closed: datetime | None) -> datetime | None:
    """A clock stops at its own event, or at closing, whichever came first (closing ends it)."""
    if own is None:
        return closed
    if closed is None:
        return own
    return min(own, closed)


def _granted(entries: list[dict], original: datetime) -> list[Extension]:
    """A clock's extensions in the order granted, each judged against the deadline then in force."""
    result, in_force = [], original
    for entry in entries:
        granted = Extension(entry["at"], entry["due"], in_force, entry["at"] <= in_force,
                            str(entry.get("approver", "")), str(entry.get("reason", "")))
        result.append(granted)
        in_force = granted.due
    return result


class Standing(NamedTuple):
    """What assess() finds of a case at every moment from `since` until the next segment's (see
    `standing`): its severity and each running clock's facts (ClockState's own, but the moment)."""
    since: datetime
    earliest: datetime | None  # the earliest deadline of the running clocks (None: none runs)
    severity: str
    upgraded: bool
    clocks: tuple  # (name, round, duration, start, original_due, provisional, extensions, set_by) per running clock


class StandingAt(NamedTuple):
    """A settled case at a moment, as assess() says it (what `overdue` reads of an Assessment)."""
    severity: str
    upgraded: bool
    clocks: list[ClockState]
    problems: tuple = ()

    def running(self) -> list[ClockState]:
        return self.clocks


def assess_known(record: dict, policy: Policy, now: datetime, soon: datetime | None = None,
                 known=None):
    """assess(record, policy, now, soon), or, when `known` (the case's `standing` under this policy,
    as the read cache keeps it: plaint.cachesummary.Known) says the case had settled by `now`, the
    same severity and running clocks built from the segment in force at `now`."""
    found = known and known.at(known.micros(now))
    if found is None:
        return assess(record, policy, now, soon)
    return StandingAt(found[1], found[2],
                      [ClockState(name, rnd, duration, start, original, provisional, None, extensions, set_by, now,
                                  soon, policy.calendar)
                       for name, rnd, duration, start, original, provisional, extensions, set_by
                       in known.clocks(found)])


def standing(record: dict, policy: Policy) -> tuple[Standing, ...] | None:
    """What assess() finds of the case from its last moment on, in segments: one from that moment,
    and one from each later age rule threshold that changes the rule in force (a case still open
    then is raised). Within a segment assess() finds the same severity
    and the same clocks running with the same deadlines (only their state and lateness move with
    `now`).

    From the record's last moment (every time it holds, so every event is known) nothing in
    assess() depends on `now` but the clocks' states and whether an age rule's threshold has
    passed; so a case is judged once per threshold, not on every run. The read cache keeps this so
    `overdue` can pass over a case that cannot be late or due soon without reading it, and assess
    the others from it. None when the record cannot be judged this way, or has a problem every
    reader says (it is then assessed every time)."""
    try:
        last = _last_moment(record)
        received = record.get("received")
        starts = [last]
        if isinstance(received, datetime):
            rounds = rounds_of(record, last)  # every event is known from `last` on
            rule = upgrade_rule(record, policy, last, rounds)
            for at in sorted({compute_due(received, r.unresolved_for, policy.calendar).at for r in policy.age_rules}):
                if at > last and upgrade_rule(record, policy, at, rounds) is not rule:
                    starts.append(at)  # assess() depends on `now` past `last` only through the rule in force
                    rule = upgrade_rule(record, policy, at, rounds)
        cases = [assess(record, policy, start) for start in starts]
    except Exception:  # noqa: BLE001 - no time, a naive time, a clock that fails: assessed every time instead
        return None
    if any(case.problems for case in cases):
        return None  # a problem every reader that assesses the case says: never passed over
    segments = []
    for start, case in zip(starts, cases):
        running = case.running()
        segments.append(Standing(start, min(c.due for c in running) if running else None, case.severity,
                                 case.upgraded, tuple((c.name, c.round, c.duration, c.start, c.original_due,
                                                       c.provisional, c.extensions, c.set_by) for c in running)))
    return tuple(segments)


def settled(record: dict, policy: Policy) -> tuple[datetime, datetime | None] | None:
    """(from when, earliest deadline) of the case's `standing`: from that moment on, assess() finds
    no clock running due before the second (None: none runs at any later moment)."""
    found = standing(record, policy)
    if found is None:
        return None
    dues = [segment.earliest for segment in found if segment.earliest is not None]
    return found[0].since, min(dues) if dues else None


def _last_moment(record: dict) -> datetime:
    """The latest datetime anywhere in a record (ValueError when it holds none)."""
    last, stack = None, [record.values()]
    while stack:
        for value in stack.pop():
            kind = type(value)
            if kind is str or kind is int or kind is bool:
                continue  # most of a record: nothing inside
            if kind is dict:
                stack.append(value.values())
            elif kind is list:
                stack.append(value)
            elif isinstance(value, datetime):
                if last is None or value > last:
                    last = value
            elif isinstance(value, dict):
                stack.append(value.values())
            elif isinstance(value, list):
                stack.append(value)
    if last is None:
        raise ValueError("no time in the record")
    return last
