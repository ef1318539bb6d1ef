"""The words around the data, marked for the catalog: table headers, statuses, clock names and
clock states. JSON and CSV keep the keys; tables and text show these, in the interface language."""

from __future__ import annotations

from plaint.i18n import N_, _, is_zh

HEADERS = {
    "id": N_("id"), "status": N_("status"), "received": N_("received"), "severity": N_("severity"),
    "category": N_("category"), "handler": N_("handler"), "department": N_("department"), "summary": N_("summary"),
    "state": N_("state"), "clock": N_("clock"), "due": N_("due"), "late": N_("late"), "owner": N_("owner"),
    "escalate_to": N_("escalate_to"), "next deadline": N_("next deadline"), "complainant": N_("complainant"),
    "unit / ref": N_("unit / ref"),
}
# Statuses and clock states read as themselves in English; their msgids carry a context, since
# the same English word is also a header ("received", "late") with another Chinese word.
STATUSES = {
    "open": N_("status: open"), "received": N_("status: received"), "assigned": N_("status: assigned"),
    "answered": N_("status: answered"), "closed": N_("status: closed"), "revisited": N_("status: revisited"),
    "reopened": N_("status: reopened"), "duplicate": N_("status: duplicate"),
}
STATES = {"running": N_("state: running"), "due-soon": N_("state: due-soon"), "overdue": N_("state: overdue"),
          "met": N_("state: met"), "late": N_("state: late")}
CLOCK_NAMES = {"route": N_("route"), "acknowledge": N_("acknowledge"), "propose": N_("propose"),
               "respond": N_("respond"), "resolve": N_("resolve"), "revisit": N_("revisit")}


def header(column: str) -> str:
    return _(HEADERS.get(column, column))


def headers(columns: list[str]) -> list[str]:
    return [header(column) for column in columns]


def status(key: str) -> str:
    return _(STATUSES[key]) if key in STATUSES and is_zh() else key


def state(key: str) -> str:
    return _(STATES[key]) if key in STATES and is_zh() else key


def clock(key: str) -> str:
    return _(CLOCK_NAMES[key]) if key in CLOCK_NAMES else key


def role(name: str) -> str:
    """A role of the escalation ladder (`general manager`) in the interface language."""
    return _(name)
