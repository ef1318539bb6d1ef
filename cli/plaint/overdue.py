"""`overdue`: which running clocks are past due (or due soon), and who must now be told."""

from __future__ import annotations

from datetime import datetime

from plaint.assess import assess_known, located
from plaint.book import Book, Loaded
from plaint.deadlines import by_date, due, due_after_deadline, lateness_text
from plaint.durations import Duration
from plaint.errors import UsageError
from plaint.policy import CLOCKS
from plaint.problems import one_of

def find_overdue(book: Book, now: datetime, within: Duration | None = None, clock: str | None = None,
                 severity: str | None = None, department: str | None = None,
                 handler: str | None = None, site: str | None = None) -> tuple[list[dict], list]:
    """Rows for every running clock past due (or due within `within`), and the unreadable records."""
    problems, rows, escalating = [], [], {}
    policy = book.policy
    for item, case, ringing in _ringing_cases(book, now, within, clock, severity, department, handler, site,
                                              problems):
        rows += _rows(item, case, policy, now, ringing, escalating)
    rows.sort(key=lambda r: (r["state"] != "overdue", r["due"], r["id"], r["clock"]))
    return rows, problems


def count_overdue(book: Book, now: datetime, within: Duration | None = None, clock: str | None = None,
                  severity: str | None = None, department: str | None = None,
                  handler: str | None = None, site: str | None = None) -> tuple[dict, list]:
    """What `find_overdue` would list, counted without building its rows: `cases` (distinct ids),
    `overdue` (cases with a clock overdue), `due_soon` (the rest: only due soon; cases = both),
    `provisional` (rows whose due is provisional), and the unreadable records."""
    problems = []
    counts = {"cases": 0, "overdue": 0, "due_soon": 0, "provisional": 0}
    for _item, _severity, ringing in _ringing_cases(book, now, within, clock, severity, department, handler, site,
                                                    problems, light=True):
        counts["cases"] += 1
        counts["overdue" if any(state == "overdue" for _, state, _ in ringing) else "due_soon"] += 1
        counts["provisional"] += sum(1 for _, _, provisional in ringing if provisional)
    return counts, problems


def _ringing_cases(book: Book, now: datetime, within: Duration | None, clock: str | None, severity: str | None,
                   department: str | None, handler: str | None, site: str | None, problems: list, light: bool = False):
    """Each case with a clock overdue or due soon (of `clock` only, if given) that the filters keep,
    as (record, case, those clocks' states); unreadable records and case problems go to `problems`.
    The one walk both `find_overdue` and `count_overdue` read, so they never disagree. `light`
    (the count): (record, severity, [(clock, state, provisional)]), a settled case read from its
    stored standing without building its clocks (plaint.cachesummary.Known.ringing)."""
    policy = book.policy
    if clock and clock not in CLOCKS:  # typed as the tool shows it (处理完毕)
        from plaint.vocab import fixed
        clock = fixed(clock, "clock")
    wrong = one_of("clock", clock, CLOCKS, "clocks")
    if wrong:
        raise UsageError(wrong)
    if severity:  # typed as key or label (imported only then: the empty-book path stays light)
        from plaint.vocab import resolve
        severity = resolve(severity, policy.severities, "severity")
    wrong = one_of("severity", severity, policy.severities)
    if wrong:
        raise UsageError(wrong)
    horizon = due(now, within, policy.calendar).at if within else None
    if site:
        from plaint.sites import site_filter
        site = site_filter(site)
    found, hint = False, MayRing(now, horizon)
    bounds = hint._bounds() if light else None
    for item in book.iter_records(wanted=hint):
        if not isinstance(item, Loaded):
            problems.append(item)
        elif _kept(item, site, department, handler, now):
            quick = light and item.known is not None and item.known.ringing(*bounds)
            if quick:  # settled by now: no problem to say (a case with one is never judged so)
                case, ringing = quick[0], [state for state in quick[1] if not clock or state[0] == clock]
            else:
                case = assess_known(item.data, policy, now, horizon, item.known)
                problems += located(item.path, case.problems)  # marked closed by hand, never closed: said, runs on
                ringing = [state for state in case.running() if state.state in ("overdue", "due-soon")
                           and (not clock or state.name == clock)]
                if light:
                    case, ringing = case.severity, [(state.name, state.state, state.provisional) for state in ringing]
            if ringing and (not severity or (case if light else case.severity) == severity):
                found = True
                yield item, case, ringing
    if not found and (site or department or handler):
        from plaint.filters import refuse_unknown
        refuse_unknown(book, site, department, handler)  # a typo is refused, never a silent "nothing overdue"


def _kept(item: Loaded, site: str | None, department: str | None, handler: str | None, now: datetime) -> bool:
    """A record the filters keep and whose loop is still open."""
    record = item.data
    if site:
        from plaint.sites import site_of
        if site_of(item.id) != site:
            return False
    if _closed_loop(record, now):
        return False  # the loop is closed: nothing left running
    if department and str(record.get("department", "")).casefold() != department.casefold():
        return False
    return not handler or str(record.get("handler", "")).casefold() == handler.casefold()


def _rows(item: Loaded, case, policy, now: datetime, ringing: list, escalating: dict) -> list[dict]:
    """One row per clock of the case overdue or due soon (`ringing`, from `_ringing_cases`). `escalating`
    keeps what many rows share, worked out once: per deadline, whether the escalation step after it
    has passed, and how late a running clock due then is (in its kind of time)."""
    record, cal, step = item.data, policy.calendar, policy.escalation_step
    approver = policy.severities[case.severity].approver if case.severity in policy.severities else ""
    rows = []
    for state in ringing:
        escalate = [approver] if approver else []
        if state.state == "overdue" and step and approver and _passed(escalating, state.due, step, cal, now):
            above = escalating.get(("above", approver))
            if above is None:
                above = escalating["above", approver] = policy.next_level(approver)
            if above:
                escalate.append(above)
        key = (state.due, state.working, state.state)  # a running clock is late from its deadline to now
        late = escalating.get(key)
        if late is None:
            late = escalating[key] = (lateness_text(state.late, state.working, state.state),
                                      int(state.late.total_seconds() // 60))
        row = {"id": item.id, "summary": record.get("summary", ""), "clock": state.name, "due": state.due,
               "state": state.state, "late": late[0], "late_minutes": late[1],
               "severity": case.severity, "severity_upgraded": case.upgraded, "owner": record.get("handler", ""),
               "department": record.get("department", ""), "escalate_to": escalate,
               "provisional": state.provisional, "path": str(item.path), "round": state.round,
               "original_due": state.original_due, "breached": state.breached}
        if state.extension:
            row["extended_to"] = state.extension.due
            row["extension_in_time"] = state.extension_in_time
        rows.append(row)
    return rows


def _passed(escalating: dict, deadline: datetime, step, cal, now: datetime) -> bool:
    """The escalation step after `deadline` has run out by `now`, counted as an extension is (a 24:00
    deadline's own day is day 0: Wed 24:00 + 1 working day is Thu's closing time). Worked out once per
    deadline, or once per day where the step counts whole days (plaint.deadlines.by_date)."""
    found = escalating.get(deadline)
    if found is None:
        local = deadline.astimezone(cal.tz)
        day = local.toordinal() - ((local.hour, local.minute, local.second) == (0, 0, 0))  # as after_deadline
        key = ("day", day) if by_date(step) else None
        found = escalating.get(key) if key else None
        if found is None:
            found = due_after_deadline(deadline, step, cal) < now
            if key:
                escalating[key] = found
        escalating[deadline] = found
    return found


class MayRing:
    """overdue's hint to the read cache: a case that may have a clock overdue at `now` (or due by
    `horizon`) and whose loop is still open; as a test of the cache's summary, and as SQL."""

    def __init__(self, now: datetime, horizon: datetime | None):
        self.now, self.horizon, self.bounds = now, horizon, None

    def _bounds(self) -> tuple:  # now and the horizon as the cache keeps times, worked out on first use
        if self.bounds is None:
            from plaint.cachesummary import micros
            self.bounds = (micros(self.now), self.horizon and micros(self.horizon))
        return self.bounds

    def __call__(self, summary) -> bool:
        return summary.may_alarm(*self._bounds())  # a revisited case's standing has no clock running

    def shown_only(self, summary) -> bool:
        """The case's stored standing and SHOWN fields (plaint.cachesummary) are all overdue reads of it."""
        return summary.settled_by(self._bounds()[0])

    def where(self, fingerprint: str) -> tuple[str, tuple]:
        from plaint.cachesummary import alarm_where
        return alarm_where(*self._bounds(), fingerprint)


def _closed_loop(record: dict, now: datetime) -> bool:
    """No clock can be running at `now`: marked revisited, and its last round as of `now` was closed
    and called back. Not the status alone: one marked revisited by hand may never have been closed
    or called back (its clocks run on, as every reader says), and before the call-back it ran."""
    if record.get("status") != "revisited":
        return False
    from plaint.rounds import rounds_of
    rounds = rounds_of(record, now)
    return bool(rounds) and rounds[-1].closed is not None and rounds[-1].revisited is not None
