"""`overdue`: which running clocks are past due (or due soon), and who must now be told."""

from __future__ import annotations

from datetime import datetime

from plaint.book import Book, Loaded
from plaint.clocks import case_clocks, effective_severity
from plaint.deadlines import due, format_working, working_time_between
from plaint.durations import Duration
from plaint.errors import UsageError
from plaint.policy import CLOCKS, choices
from plaint.records import DONE_STATES

COLUMNS = ["id", "state", "clock", "due", "late", "severity", "owner", "department", "escalate_to", "summary"]


def find_overdue(book: Book, now: datetime, within: Duration | None = None, clock: str | None = None,
                 severity: str | None = None, department: str | None = None,
                 handler: str | None = None) -> tuple[list[dict], list]:
    """Rows for every running clock past due (or due within `within`), and the unreadable records."""
    policy = book.policy
    if clock and clock not in CLOCKS:
        raise UsageError(f"unknown clock {clock!r}; {choices('clocks', CLOCKS)}")
    if severity and severity not in policy.severities:
        raise UsageError(f"unknown severity {severity!r}; {choices('severity values', policy.severities)}")
    cal = policy.calendar
    horizon = due(now, within, cal).at if within else None
    step = policy.escalation_step
    problems, rows = [], []
    for item in book.iter_records(wanted=lambda summary: not _nothing_running(policy, summary)):
        if not isinstance(item, Loaded):
            problems.append(item)
            continue
        record = item.data
        if _nothing_running(policy, record):
            continue
        if department and record.get("department") != department:
            continue
        if handler and record.get("handler") != handler:
            continue
        effective, upgraded = effective_severity(record, policy, now)
        if severity and effective != severity:
            continue
        approver = policy.severities[effective].approver if effective in policy.severities else ""
        for name, state in case_clocks(record, policy, effective).items():
            if state.stopped is not None or (clock and name != clock):
                continue
            if state.due < now:
                kind = "overdue"
                late = working_time_between(state.due, now, cal)
            elif horizon is not None and state.due <= horizon:
                kind = "due-soon"
                late = -working_time_between(now, state.due, cal)
            else:
                continue
            escalate = [approver] if approver else []
            if kind == "overdue" and step and approver and due(state.due, step, cal).at < now:
                above = policy.next_level(approver)
                if above:
                    escalate.append(above)
            row = {"id": item.id, "summary": record.get("summary", ""), "clock": name, "due": state.due,
                   "state": kind, "late": format_working(late), "late_minutes": int(late.total_seconds() // 60),
                   "severity": effective, "severity_upgraded": upgraded, "owner": record.get("handler", ""),
                   "department": record.get("department", ""), "escalate_to": escalate,
                   "provisional": state.provisional, "path": str(item.path)}
            if state.extension:
                row["extended_to"] = state.extension.get("due")
                row["extension_in_time"] = state.extension_in_time
            rows.append(row)
    rows.sort(key=lambda r: (r["state"] != "overdue", r["due"], r["id"], r["clock"]))
    return rows, problems


def _nothing_running(policy, record) -> bool:
    """No clock can be running: judged on the record, or on the cache's summary of it."""
    status = record.get("status")
    return status == "revisited" or (status in DONE_STATES and "revisit" not in _clock_names(policy, record))


def _clock_names(policy, record) -> dict:
    return policy.clocks_for(record.get("severity") or policy.default_severity, record.get("validity", ""),
                             record.get("category", ""))
