"""`plaint show` as text: the record, its clocks and its history, for a person at a desk."""

from __future__ import annotations

from datetime import datetime

from plaint.timeparse import show_time


def _t(value, tz) -> str:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return show_time(value, tz) if isinstance(value, datetime) else str(value)


def record_text(record: dict, policy, labels: str | None = None) -> str:
    tz = policy.calendar.tz
    lines = []
    head = " / ".join(policy.label(kind, record.get(kind), labels) for kind in ("validity", "severity", "category")
                      if record.get(kind))
    lines.append(f"{record.get('id')}  [{record.get('status')}]  {head or 'not classified'}")
    complainant = record.get("complainant", {})
    rows = [
        ("Received", f"{_t(record.get('received'), tz)} by {record.get('received_by', '')}, "
                     f"{policy.label('channel', record.get('channel', ''), labels)}"),
        ("Summary", record.get("summary", "")),
        ("Complainant", ", ".join(v for v in (complainant.get("name"), complainant.get("contact")) if v)),
        ("Unit", record.get("unit", "")), (policy.reference_label.capitalize(), record.get("reference", "")),
        ("Source", record.get("source", "")), ("Subcategory", record.get("subcategory", "")),
        ("Location", record.get("location", "")), ("Happened", _t(record.get("happened", ""), tz)),
        ("About", record.get("complained_about", "")), ("Request", record.get("request", "")),
        ("Handler", record.get("handler", "")), ("Department", record.get("department", "")),
    ]
    lines += [f"  {label:12} {value}" for label, value in rows if value]
    if record.get("details"):
        lines += ["  Details:"] + [f"    {line}" for line in record["details"].splitlines()]
    for table, title in (("solution", "Solution"), ("review", "Review"), ("reply", "Reply"),
                         ("closing", "Closing"), ("revisit", "Revisit")):
        if table in record:
            values = "; ".join(f"{k}: {_t(v, tz)}" for k, v in record[table].items())
            lines.append(f"  {title:12} {values}")
    for entry in record.get("merge_review", []):
        from plaint.merge import describe
        lines.append(f"  Review!      {describe(entry)}; check it, then confirm with a normal action")
    deadlines = record.get("deadlines", {})
    if deadlines:
        lines.append("Clocks")
        for clock, info in deadlines.items():
            state = "running" if info["met"] is None else ("met" if info["met"] else "late")
            stopped = f" (stopped {_t(info['stopped'], tz)})" if info.get("stopped") else ""
            mark = " provisional" if info["provisional"] else ""
            lines.append(f"  {clock:12} due {_t(info['due'], tz)}  {state}{stopped}{mark}  [{info['duration']}]")
    history = record.get("history", [])
    if history:
        lines.append("History")
        for entry in history:
            extra = ", ".join(f"{k}={_t(v, tz)}" for k, v in entry.items() if k not in ("at", "by", "action"))
            lines.append(f"  {_t(entry.get('at'), tz)}  {entry.get('by', ''):12} {entry.get('action', '')}"
                         + (f"  {extra}" if extra else ""))
    return "\n".join(lines)
