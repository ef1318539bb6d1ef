"""The reading commands' rows as people read them: the `overdue`, `list` and `find` tables and the
lines of `log`. Typed rows in (datetimes, keys), text out in the interface language; the command
only chooses the format and writes the text."""

from __future__ import annotations

from plaint import words
from plaint.render import colour, cut, render_rows
from plaint.render.times import show_time

SUMMARY_WIDTH = 40  # a table's summary is cut to this many display columns
# `overdue`'s table, and the first columns of its CSV (then OVERDUE_EXTRA); JSON has every field.
OVERDUE_COLUMNS = ["id", "state", "clock", "due", "late", "severity", "owner", "department", "escalate_to", "summary"]
# `list`'s table shows these of a row's fields (the row and its CSV are plaint.views.LIST_COLUMNS).
LIST_TABLE = ["id", "status", "received", "severity", "category", "handler", "department", "summary"]
# On a narrow terminal the lowest rank goes first; the summary (25) is cut, not dropped, once the
# columns below it are gone. Unranked columns (id, due, lateness) are never dropped or cut.
OVERDUE_RANKS = {"department": 10, "escalate_to": 20, "summary": 25, "severity": 30, "state": 35, "owner": 40,
                 "clock": 60}
LIST_RANKS = {"department": 10, "category": 20, "summary": 25, "severity": 30, "received": 35, "handler": 40,
              "status": 60}
FIND_RANKS = {"received": 10, "summary": 25, "unit / ref": 30, "complainant": 40, "status": 50}
OVERDUE_EXTRA = ["late_minutes", "severity_upgraded", "provisional", "extended_to", "path", "round", "original_due",
                 "breached"]


def _severity(policy, row: dict, labels: str | None) -> str:
    """The severity as the case counts now, `↑` when the age rule raised it."""
    return policy.label("severity", row["severity"], labels) + ("↑" if row["severity_upgraded"] else "")


def overdue_text(rows: list[dict], fmt: str, policy, labels: str | None = None, excel: bool = False,
                 keep=()) -> str:
    """`plaint overdue`'s rows: a table (due with `*` when provisional, words for state, clock and
    lateness; fitted to a terminal, the columns in `keep` whole), or every field as json or csv (for
    Excel: headers and words for a person)."""
    if fmt != "table":
        if excel:
            from plaint.render import for_people, to_csv
            shown, headers = for_people(rows, OVERDUE_COLUMNS + OVERDUE_EXTRA, policy)
            return to_csv(list(shown), OVERDUE_COLUMNS + OVERDUE_EXTRA, headers)
        return render_rows(rows, OVERDUE_COLUMNS + OVERDUE_EXTRA, fmt)
    shown = _overdue_shown(rows, policy, labels)
    paint = colour.cell_painter(colour.enabled(), ("state", "late"), "state_key")  # late: never dropped
    if len({row["id"] for row in rows}) < len(rows):
        keep = (*keep, "clock")  # a case listed twice: only its clock tells the two rows apart
    return fitted_table(shown, OVERDUE_COLUMNS, words.headers(OVERDUE_COLUMNS), OVERDUE_RANKS, "summary", keep, paint)


def _overdue_shown(rows: list[dict], policy, labels: str | None) -> list[dict]:
    """overdue's rows as the table shows them (only its columns, and the state's key for colour).
    Thousands of rows share a few words and deadlines: each is worked out once."""
    tz = policy.calendar.tz
    dues, severities, states, clocks, lates, roles, summaries = {}, {}, {}, {}, {}, {}, {}
    shown = []
    for row in rows:
        key = (row["due"], row["provisional"])
        due = dues.get(key)
        if due is None:
            due = dues[key] = show_time(row["due"], tz, True) + ("*" if row["provisional"] else "")
        key = (row["severity"], row["severity_upgraded"])
        severity = severities.get(key)
        if severity is None:
            severity = severities[key] = policy.label("severity", row["severity"], labels) + ("↑" if key[1] else "")
        state = states.get(row["state"])
        if state is None:
            state = states[row["state"]] = words.state(row["state"])
        clock = clocks.get(row["clock"])
        if clock is None:
            clock = clocks[row["clock"]] = words.clock(row["clock"])
        late = lates.get(row["late"])
        if late is None:
            late = lates[row["late"]] = words.lateness(row["late"])
        key = tuple(row["escalate_to"])
        escalate = roles.get(key)
        if escalate is None:
            escalate = roles[key] = words.names(words.role(role) for role in key)
        summary = summaries.get(row["summary"])
        if summary is None:
            summary = summaries[row["summary"]] = cut(row["summary"], SUMMARY_WIDTH)
        shown.append({"id": row["id"], "state": state, "clock": clock, "due": due, "late": late, "severity": severity,
                      "owner": row["owner"], "department": row["department"], "escalate_to": escalate,
                      "summary": summary, "state_key": row["state"]})
    return shown


def list_table(rows: list[dict], policy, tz, labels: str | None = None, keep=(), search: str | None = None) -> str:
    """`plaint list` as a table ("" when no row matched), fitted to a terminal: the columns in `keep`
    (filtered on) and those `search` matched stay whole."""
    if not rows:
        return ""
    shown = [row | {"received": show_time(row["received"], tz) if row["received"] else "",
                    "severity": _severity(policy, row, labels),
                    "category": policy.label("category", row["category"], labels) if row["category"] else "",
                    "status": words.status(row["status"])}
             for row in rows]
    return fitted_table(shown, LIST_TABLE, words.headers(LIST_TABLE), LIST_RANKS, "summary",
                        set(keep) | searched(shown, LIST_TABLE, search),
                        colour.cell_painter(colour.enabled(), "status", "next_state"))


def find_table(rows: list[dict], tz, search: str = "", keep=()) -> str:
    """`plaint find` as a table: who and where side by side, the next deadline in words ("" when none);
    fitted to a terminal, the next deadline, the columns `search` matched and those in `keep` whole."""
    if not rows:
        return ""
    shown = [{"id": r["id"], "status": words.status(r["status"]), "received": show_time(r["received"], tz),
              "next deadline": f"{words.clock(r['next_clock'])} {show_time(r['next_due'], tz, deadline=True)}"
              if r["next_due"] else "",
              "complainant": " ".join(v for v in (r["name"], r["contact"]) if v),
              "unit / ref": " ".join(v for v in (r["unit"], r["reference"]) if v),
              "summary": cut(r["summary"], SUMMARY_WIDTH), "state_key": r.get("next_state", "")}
             for r in rows]
    columns = [c for c in shown[0] if c != "state_key"]
    return fitted_table(shown, columns, words.headers(columns), FIND_RANKS, "summary",
                        set(keep) | searched(shown, columns, search),
                        colour.cell_painter(colour.enabled(), "next deadline", "state_key"))


def fitted_table(rows, columns, headers, ranks, free, keep, paint) -> str:
    from plaint.render.layout import fitted_table as fitted
    return fitted(rows, columns, headers, ranks, free, keep, paint)


def searched(rows: list[dict], columns: list[str], text: str | None) -> set:
    """The columns in which `text` (as `find` reads it: a phone number, or words) was found."""
    if not text:
        return set()
    from plaint.search import Query, fold, phone_digits
    query = Query(text)

    def found(cell) -> bool:
        cell = str(cell or "")
        if query.phone and query.phone in phone_digits(cell):
            return True
        return any(word in fold(cell) for word in query.words)
    return {c for c in columns if any(found(row.get(c)) for row in rows)}


def no_match_text() -> str:
    """An empty answer at a terminal, said in words (a script gets nothing)."""
    from plaint.i18n import _
    return _("no complaints match")


def log_lines(entries, tz, policy, width: int | None = None):
    """`plaint log`: one line per commit, in the book's timezone, like show; on a terminal `width`
    wide a long one wraps under its subject."""
    from datetime import datetime

    from plaint.i18n import _, is_zh
    from plaint.render import display_width, visible
    from plaint.render.layout import hang
    for entry in entries:
        flag = _("[repeated trailers ignored: first Actor shown]") if entry["suspicious"] else ""
        when = show_time(datetime.fromisoformat(entry["date"]), tz)
        who = entry['actor'] or entry['author']
        lines = hang(f"{when}  {entry['commit'][:8]}  ", visible(_subject(entry['subject'], policy)), width)
        for tail in (f"（{who}）" if is_zh() else f"({who})", flag.strip()):  # each whole, beside or under
            if tail and width and display_width(lines[-1]) + 2 + display_width(visible(tail)) > width:
                lines.append(" " * 28 + visible(tail))
            elif tail:
                lines[-1] += "  " + visible(tail)
        yield "\n".join(lines)


def _subject(subject: str, policy) -> str:
    """A commit's subject as the interface language reads it: in Chinese the action's name and the
    policy's keys by their labels (`classify SG-…: valid important` -> `判定性质 SG-…: 有效投诉 重要投诉`)."""
    from plaint.i18n import is_zh
    if not is_zh():
        return subject
    action, _sep, rest = subject.partition(" ")
    labels = {}
    for kind, table in (("validity", policy.validity), ("severity", policy.severities),
                        ("category", policy.categories), ("channel", policy.channels)):
        labels.update({key: policy.label(kind, key) for key in table})
    labels.update({key: words.clock(key) for key in words.CLOCK_NAMES})
    import re
    for level in sorted(policy.levels if action == "extend" else [], key=len, reverse=True):  # its approver
        rest = re.sub(rf"(?<![\w-]){re.escape(level)}(?![\w-])", words.role(level), rest)
    rest = re.sub(r"[A-Za-z_]+", lambda m: labels.get(m.group(0), m.group(0)), rest)
    record_id, colon, values = rest.partition(": ")  # `SG-…: a, b` -> `SG-…：a，b`, as Chinese is punctuated
    rest = f"{record_id}：{values.replace(', ', '，')}" if colon and " " not in record_id else rest
    return words.action(action) + " " + rest
