"""`report --format xlsx`: the monthly pack as a workbook (openpyxl, imported only here).

A cover sheet (book, period, headline figures), then one sheet per section: a header row that
stays frozen, numbers as numbers, shares and rates as percentages. The same figures as the JSON.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

from plaint.reportwords import for_reader, words

PERCENT = "0.0%"


def _count_rows(dimension):
    return lambda result, label: [{"key": e["key"], "label": label(dimension, e["key"]), "count": e["count"],
                                   "share": e["share"]} for e in result["counts"][dimension]]


def _times(which):
    return lambda result, label: [{"group": g, "label": label("severity", g), **info}
                                  for g, info in result["times"][which].items()]


def _trend_rows(result, label):
    trend = result.get("monthly_trend") or []
    clocks = list(dict.fromkeys(c for e in trend for c in e["on_time_rate"]))
    return [{"month": e["month"], "records": e["records"], "open_total": e["open_total"],
             "revisited": e["revisited"], "satisfied": e["satisfied"], "satisfied_share": e["satisfied_share"],
             **{f"on_time_{c}": e["on_time_rate"].get(c) for c in clocks}} for e in trend]


# (sheet, rows from the result, columns); a column is (field, header word key). Fields ending in
# share or rate, and on_time_* fields, are percentages.
SHEETS = [(f"{d}", _count_rows(d), [("key", "code"), ("label", "label"), ("count", "count"), ("share", "share")])
          for d in ("category", "severity", "channel", "complained_about", "validity", "status")] + [
    ("clocks", lambda r, label: [{"clock": c, "label": label("clock", c), **i} for c, i in r["clocks"].items()]
     + [{"clock": f"{c}_later_rounds", "label": label("clock", f"{c}_later_rounds"), **i}
        for c, i in r.get("later_rounds", {}).items()],
     [("clock", "clock"), ("label", "label"), ("met", "met"), ("met_extended", "met_extended"), ("breached", "breached"),
      ("running", "running"), ("on_time_rate", "on_time_rate")]),
    ("time_resolve", _times("resolve"), [("group", "severity"), ("label", "label"), ("n", "n"),
                                         ("median_hours", "median_hours"), ("p90_hours", "p90_hours")]),
    ("time_respond", _times("respond"), [("group", "severity"), ("label", "label"), ("n", "n"),
                                         ("median_hours", "median_hours"), ("p90_hours", "p90_hours")]),
    ("revisits", lambda r, label: [r["revisits"]],
     [(k, k) for k in ("closed", "revisited", "within_window", "satisfied", "satisfied_share", "reopened")]),
    ("causes", lambda r, label: r["causes"], [("cause", "cause"), ("code", "code"), ("count", "count"),
                                              ("share", "share"), ("cumulative_share", "cumulative_share")]),
    ("corrective_actions", lambda r, label: r.get("corrective_actions", []),
     [("action", "action"), ("count", "count"), ("share", "share")]),
    ("open_by_age", lambda r, label: r["open_by_age"], [("bucket", "bucket"), ("count", "count")]),
    ("repeat_complainants", lambda r, label: r["repeat_complainants"], [("contact", "contact"), ("count", "count")]),
    ("repeat_places", lambda r, label: r["repeat_locations"], [("unit", "place"), ("count", "count")]),
    ("responsible", lambda r, label: r["responsible"], [("responsible", "responsible"), ("cases", "cases"),
                                                        ("late", "late")]),
    ("handlers", lambda r, label: r["handlers"], [("handler", "handler"), ("cases", "cases"), ("late", "late")]),
]


def is_percent(field: str) -> bool:
    return field.endswith("share") or field.endswith("rate") or field.startswith("on_time_")


def _word(w: dict, word: str) -> str:
    if word.startswith("on_time_") and word != "on_time_rate":
        clock = word.removeprefix("on_time_")
        return f'{w["on_time_rate"]}: {w["clock_names"].get(clock, clock)}'
    return w.get(word) or word


def _header(sheet, headers: list[str]) -> None:
    from openpyxl.styles import Font, PatternFill
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F7")
    sheet.freeze_panes = "A2"


def _widths(sheet) -> None:
    for column in sheet.columns:
        longest = max(len(str(cell.value)) if cell.value is not None else 0 for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, longest + 2))


def _write(sheet, fields: list[str], rows: list[dict]) -> None:
    for row in rows:
        sheet.append([row.get(field) for field in fields])
        for cell, field in zip(sheet[sheet.max_row], fields):
            if is_percent(field) and isinstance(cell.value, (int, float)):
                cell.number_format = PERCENT


def _cover(book, result: dict, w: dict) -> None:
    sheet = book.active
    sheet.title = w["sheets"]["cover"]
    _header(sheet, [w["title"], ""])
    period = result["period"]
    rows = [(w["book"], result["book"]), (w["period"], period["label"]), (w["from_date"], period["from"]),
            (w["to_date"], period["to"]), (w["generated"], result["generated"])]
    if result.get("as_of"):
        rows += [(w["as_of"], result["as_of"]["time"]), (w["commit"], result["as_of"]["commit"])]
    rows += [(w["left_out"], result["left_out"]), (w["records"], result["records"]),
             (w["open_total"], result["open_total"])]
    if "resolve" in result["clocks"]:
        rows.append((w["on_time_resolve"], result["clocks"]["resolve"]["on_time_rate"]))
    rows += [(w["satisfied_share"], result["revisits"]["satisfied_share"]),
             (w["reopened"], result["revisits"]["reopened"])]
    if "upgraded_by_age" in result:
        rows.append((w["upgraded_by_age"], result["upgraded_by_age"]))
    for name, value in rows:
        sheet.append([name, value])
        if isinstance(value, float):
            sheet.cell(sheet.max_row, 2).number_format = PERCENT
    _widths(sheet)


def render_xlsx(result: dict, policy, labels: str | None = None) -> bytes:
    from openpyxl import Workbook  # heavy: only for this format

    from plaint.i18n import language as interface
    language = labels or interface()
    w = words(language)
    result = for_reader(result, language)  # [unit] -> [单元]: the JSON keeps the tokens

    def label(kind, key):
        if key in ("all", "(not set)"):
            return w["all"] if key == "all" else w["not_set"]
        if kind == "status":
            return w["status_names"].get(key, key)
        if kind == "clock":  # a clock's later rounds: only resolve has them (重开后各轮的处理完毕)
            return w["later_rounds"] if key == "resolve_later_rounds" else w["clock_names"].get(key, key)
        return policy.label(kind, key, language) if kind in ("category", "severity", "channel", "validity") else key

    book = Workbook()
    _cover(book, result, w)
    sheets = list(SHEETS)
    if result.get("monthly_trend"):
        fields = list(_trend_rows(result, label)[0])
        sheets.append(("trend", _trend_rows, [(f, f) for f in fields]))
    for name, rows_of, columns in sheets:
        sheet = book.create_sheet(w["sheets"][name][:31])
        _header(sheet, [_word(w, word) for _unused, word in columns])
        rows = [{k: w["not_set"] if v == "(not set)" and k != "key" else v for k, v in row.items()}  # keys stay keys
                for row in rows_of(result, label)]
        _write(sheet, [field for field, _unused in columns], rows)
        _widths(sheet)
    stamp = datetime.fromisoformat(result["generated"]).astimezone(timezone.utc).replace(tzinfo=None)
    book.properties.created = book.properties.modified = stamp  # the same pack gives the same file
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
