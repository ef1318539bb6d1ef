"""The report as people read it: terminal tables with text bars, markdown for e-mail, tidy CSV, JSON."""

from __future__ import annotations

import re

from plaint.i18n import N_, _
from plaint.render import display_width

TITLES = {"category": N_("By category"), "severity": N_("By severity"), "channel": N_("By channel"),
          "complained_about": N_("By department complained about"), "validity": N_("By validity"),
          "status": N_("By status")}
BAR_WIDTH = 24


def _unset(value: str) -> str:
    return _("(not set)") if value == "(not set)" else value


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _bar(share: float) -> str:
    return "█" * round(share * BAR_WIDTH)


def tidy_rows(result: dict) -> list[tuple]:
    """One long table: (section, key, measure, value); every figure of the report, once."""
    rows = [("period", result["period"]["label"], "records", result["records"]),
            ("period", result["period"]["label"], "left_out", result["left_out"]),
            ("period", result["period"]["label"], "upgraded_by_age", result.get("upgraded_by_age", 0)),
            ("period", result["period"]["label"], "duplicates_merged", result.get("duplicates_merged", 0)),
            ("period", result["period"]["label"], "anonymous", result.get("anonymous", 0))]
    for dimension, entries in result["counts"].items():
        for entry in entries:
            rows += [(f"count_{dimension}", entry["key"], "count", entry["count"]),
                     (f"count_{dimension}", entry["key"], "share", entry["share"])]
    for clock, info in result["clocks"].items():
        rows += [("clock", clock, measure, info[measure]) for measure in
                 ("met", "met_extended", "breached", "running", "on_time_rate")]
    for clock, info in result.get("later_rounds", {}).items():
        rows += [("later_rounds", clock, measure, info[measure]) for measure in
                 ("met", "met_extended", "breached", "running", "on_time_rate")]
    for which, groups in result["times"].items():
        for group, info in groups.items():
            rows += [(f"time_to_{which}", group, measure, info[measure]) for measure in ("n", "median_hours", "p90_hours")]
    rows += [("revisits", "all", measure, value) for measure, value in result["revisits"].items()]
    rows += [("repeat_complainant", e["contact"], "count", e["count"]) for e in result["repeat_complainants"]]
    rows += [("repeat_location", e["unit"], "count", e["count"]) for e in result["repeat_locations"]]
    rows += [("open_by_age", e["bucket"], "count", e["count"]) for e in result["open_by_age"]]
    for entry in result["responsible"]:
        rows += [("responsible", entry["responsible"], "cases", entry["cases"]),
                 ("responsible", entry["responsible"], "late", entry["late"])]
    for entry in result["handlers"]:
        rows += [("handler", entry["handler"], "cases", entry["cases"]), ("handler", entry["handler"], "late", entry["late"])]
    for entry in result["causes"]:
        rows += [("cause", entry["cause"], m, entry[m]) for m in ("count", "share", "cumulative_share")]
        if entry.get("code"):
            rows.append(("cause", entry["cause"], "code", entry["code"]))
    for entry in result.get("corrective_actions", []):
        rows += [("corrective_action", entry["action"], m, entry[m]) for m in ("count", "share")]
    for entry in result.get("monthly_trend", []):
        rows += [("month", entry["month"], m, entry[m]) for m in
                 ("records", "open_total", "revisited", "satisfied", "satisfied_share")]
        rows += [("month", entry["month"], f"on_time_{clock}", rate) for clock, rate in entry["on_time_rate"].items()]
    if "previous" in result:
        rows.append(("previous", result["previous"]["period"]["label"], "records", result["previous"]["records"]))
        rows.append(("trend", "records", "change", result["trend"]["records"]))
        rows += [("trend", f"on_time_{clock}", "change", value) for clock, value in result["trend"]["on_time_rate"].items()]
    return rows


def _sections(result: dict, policy, labels: str | None) -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) for every part of the report, shared by the table and markdown views."""
    return (_count_sections(result, policy, labels) + [_clock_section(result)] + _time_sections(result, policy, labels)
            + _case_sections(result) + _trend_sections(result))


def _count_sections(result: dict, policy, labels: str | None) -> list:
    sections = []
    for dimension, entries in result["counts"].items():
        kind = dimension if dimension in ("category", "severity", "channel", "validity") else None
        rows = [[_("(not set)") if e["key"] == "(not set)" else policy.label(kind, e["key"], labels) if kind
                 else e["key"], e["count"], _pct(e["share"]),
                 _bar(e["share"])] for e in entries]
        if dimension == "status":
            from plaint.words import status
            rows = [[status(row[0]), *row[1:]] for row in rows]
        sections.append((_(TITLES[dimension]), ["", _("count"), _("share"), ""], rows))
    return sections


def _clock_section(result: dict) -> tuple:
    """Each clock's outcomes, then the later rounds of reopened cases."""
    from plaint.words import clock as clock_word
    rows = [[clock_word(clock), i["met"], i["met_extended"], i["breached"], i["running"], _pct(i["on_time_rate"])]
            for clock, i in result["clocks"].items()]
    rows += [[_("reopened") if clock == "resolve" else _("{clock}, reopened").format(clock=clock_word(clock)),
              i["met"], i["met_extended"], i["breached"], i["running"],
              _pct(i["on_time_rate"])] for clock, i in result.get("later_rounds", {}).items()
             if i["met"] + i["met_extended"] + i["breached"] + i["running"]]
    return (_("Time limits"), [_("clock"), _("met"), _("met after extension"), _("breached"), _("running"),
                               _("on time")], rows)


def _time_sections(result: dict, policy, labels: str | None) -> list:
    sections = []
    for which, title in (("respond", N_("Time to respond (working hours)")),
                         ("resolve", N_("Time to resolve (working hours)"))):
        rows = [[_("all") if group == "all" else policy.label("severity", group, labels), i["n"], i["median_hours"],
                 i["p90_hours"]] for group, i in result["times"][which].items()]
        sections.append((_(title), [_("severity"), _("cases"), _("median"), _("90th pct")], rows))
    return sections


def _case_sections(result: dict) -> list:
    """Revisits, repeats, open cases by age, who was responsible and who handled, causes and actions."""
    r = result["revisits"]
    most = max([e["count"] for e in result["open_by_age"]] + [1])
    return [
        (_("Revisits"), [_("closed"), _("revisited"), _("within window"), _("satisfied"), _("satisfied share"),
                         _("reopened")],
         [[r["closed"], r["revisited"], r["within_window"], r["satisfied"], _pct(r["satisfied_share"]), r["reopened"]]]),
        (_("Repeat complainants"), [_("contact"), _("complaints")],
         [[e["contact"], e["count"]] for e in result["repeat_complainants"]]),
        (_("Repeat locations"), [_("place"), _("complaints")],
         [[e["unit"], e["count"]] for e in result["repeat_locations"]]),
        (_("Open cases by age (working days), {count} open").format(count=result['open_total']),
         [_("age"), _("cases"), ""], [[e["bucket"], e["count"], _bar(e["count"] / most)] for e in result["open_by_age"]]),
        (_("Responsible departments and persons"), [_("responsible"), _("cases"), _("late")],
         [[_unset(e["responsible"]), e["cases"], e["late"]] for e in result["responsible"]]),
        (_("Handlers"), [_("handler"), _("cases"), _("late")],
         [[_unset(e["handler"]), e["cases"], e["late"]] for e in result["handlers"]]),
        (_("Causes ranked"), [_("cause"), _("count"), _("share"), _("cumulative")],
         [[e["cause"], e["count"], _pct(e["share"]), _pct(e["cumulative_share"])] for e in result["causes"]]),
        (_("Corrective and preventive actions"), [_("action"), _("count"), _("share")],
         [[e["action"], e["count"], _pct(e["share"])] for e in result.get("corrective_actions", [])]),
    ]


def _trend_sections(result: dict) -> list:
    """The monthly trend and the comparison with the previous period, when asked for."""
    from plaint.words import clock as clock_word
    sections = []
    if result.get("monthly_trend"):
        clocks = list(dict.fromkeys(c for e in result["monthly_trend"] for c in e["on_time_rate"]))
        rows = [[e["month"], e["records"], *[_pct(e["on_time_rate"][c]) if c in e["on_time_rate"] else ""
                                              for c in clocks], _pct(e["satisfied_share"])]
                for e in result["monthly_trend"]]
        sections.append((_("Trend over {count} months").format(count=len(rows)),
                         [_("month"), _("complaints"), *[_("on time: {clock}").format(clock=clock_word(c)) for c in clocks],
                          _("satisfied")], rows))
    if "previous" in result:
        previous = result["previous"]
        rows = [[_("complaints"), previous["records"], result["records"], f"{result['trend']['records']:+d}"]]
        rows += [[_("on time: {clock}").format(clock=clock_word(clock)), _pct(previous["clocks"][clock]["on_time_rate"]),
                  _pct(result["clocks"][clock]["on_time_rate"]), _("{change:+.1f} pts").format(change=change * 100)]
                 for clock, change in result["trend"]["on_time_rate"].items()]
        sections.append((_("Trend against {period}").format(period=previous['period']['label']),
                         ["", _("before"), _("now"), _("change")], rows))
    return sections


_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?( ?%| pts)?")


def _numeric(values: list) -> bool:
    """A column of counts, rates or changes: right-aligned, so the digits line up."""
    shown = [v for v in values if v not in ("", None)]
    return bool(shown) and all(isinstance(v, (int, float)) or _NUMBER.fullmatch(str(v)) for v in shown)


def render_report(result: dict, fmt: str, policy, labels: str | None = None, excel: bool = False,
                  width: int | None = None) -> str:
    """The report in `fmt`; the terminal text fitted to `width` columns when given (None: as it is)."""
    if fmt == "json":
        from plaint.render import to_json
        return to_json(result)
    from plaint.i18n import language
    from plaint.reportwords import for_reader
    if fmt == "csv":  # for scripts the keys, as in the JSON; for a person in Excel, words in their language
        from plaint.render import to_csv
        from plaint.words import headers
        columns = ["section", "key", "measure", "value"]
        tidy = tidy_rows(for_reader(result, language()) if excel else result)
        rows = [dict(zip(columns, row)) for row in (excel_rows(tidy, policy) if excel else tidy)]
        return to_csv(rows, columns, headers(columns) if excel else None)
    result = for_reader(result, language())
    from tabulate import tabulate  # slow to import: only when drawing tables
    period = result["period"]
    head = _("{book}: complaints received {first} to {last}: {count}").format(
        book=result['book'], first=period['from'], last=period['to'], count=result['records'])
    if result.get("as_of"):
        head += _(" (the book as it stood at {time}, commit {commit})").format(time=result['as_of']['time'],
                                                                             commit=result['as_of']['commit'][:10])
    if result.get("duplicates_merged"):
        head += _(" ({count} duplicate report(s) merged into them)").format(count=result['duplicates_merged'])
    if result.get("anonymous"):
        head += _(", {count} anonymous").format(count=result['anonymous'])
    if result["left_out"]:
        head += _(" ({count} record(s) could not be read and are left out)").format(count=result['left_out'])
    if result.get("upgraded_by_age"):
        head += _("; {count} counted as more severe by age (a case unresolved too long)").format(
            count=result['upgraded_by_age'])
    markdown = fmt == "markdown"
    from plaint.render import markdown_cell, visible
    from plaint.render.layout import hang
    cell = markdown_cell if markdown else visible  # a `|` or HTML in a cause never breaks the table
    out = [f"# {cell(head)}"] if markdown else hang("", visible(head), width, 2)
    out.append("")
    for title, headers, rows in _sections(result, policy, labels):
        out += [f"## {cell(title)}"] if markdown else hang("", visible(title), width, 2)
        if rows:
            align = [("right" if markdown and _numeric([row[i] for row in rows]) else "left")
                     for i in range(len(headers))]
            text = tabulate([[cell(value) for value in row] for row in rows], headers=[cell(h) for h in headers],
                            tablefmt="pipe" if markdown else "simple", disable_numparse=True, colalign=align)
            too_wide = width and not markdown and any(display_width(line) > width for line in text.splitlines())
            out.append(_fitted(headers, rows, width) if too_wide else text)
        else:
            out.append(_("(none)"))
        out.append("")
    return "\n".join(out)


def _fitted(headers: list[str], rows: list[list], width: int) -> str:
    """A report table narrower than tabulate draws it, for a terminal `width` wide: headers without
    their two columns of slack, then without the bar, then the first column (the name) cut; when even
    that does not fit, a card per row."""
    from plaint.render import cut, pad, visible
    from plaint.render.layout import cards
    heads = [visible(h) for h in headers]
    body = [[visible(str(value)) for value in row] for row in rows]
    shown = list(range(len(heads)))
    sizes = [max([display_width(heads[i])] + [display_width(row[i]) for row in body]) for i in shown]
    if sum(sizes) + 2 * (len(sizes) - 1) > width and "" in heads:
        shown = [i for i in shown if heads[i] != ""]  # the bar goes first: the share says it in figures
    over = sum(sizes[i] for i in shown) + 2 * (len(shown) - 1) - width
    if over > 0 and sizes[shown[0]] - over < 6:
        columns = [str(i) for i in shown]
        return cards([dict(zip(columns, (row[i] for i in shown))) for row in body], columns,
                     [heads[i] for i in shown], {columns[0]}, width)
    if over > 0:
        sizes[shown[0]] -= over
        heads[shown[0]] = cut(heads[shown[0]], sizes[shown[0]])
        body = [[cut(text, sizes[shown[0]]) if i == shown[0] else text for i, text in enumerate(row)] for row in body]
    lines = [[heads[i] for i in shown], ["-" * sizes[i] for i in shown]] + [[row[i] for i in shown] for row in body]
    return "\n".join("  ".join(pad(text, sizes[i]) for i, text in zip(shown, line)).rstrip() for line in lines)


# The tidy rows' sections, as the report packs name them (reportwords), for a person in Excel.
SECTION_WORDS = {"period": "period", "clock": "clocks", "later_rounds": "later_rounds",
                 "time_to_resolve": "time_resolve", "time_to_respond": "time_respond", "revisits": "revisits",
                 "repeat_complainant": "repeat_complainants", "repeat_location": "repeat_places",
                 "open_by_age": "open_by_age", "responsible": "responsible", "handler": "handlers", "cause": "causes",
                 "corrective_action": "corrective_actions", "month": "trend", "previous": "previous_month",
                 "trend": "compared"}
POLICY_KINDS = ("category", "severity", "channel", "validity")


def excel_rows(rows: list[tuple], policy) -> list[tuple]:
    """The tidy rows for a person in Excel: in Chinese, the section, the key (a policy value by its
    label, a status or clock by its name) and the measure in words; figures and typed text stay."""
    from plaint.i18n import is_zh
    if not is_zh():
        return rows
    from plaint.reportwords import ZH as w
    return [(_section_word(section, w), _key_word(section, key, w, policy), _measure_word(measure, w), value)
            for section, key, measure, value in rows]


def _section_word(section: str, w: dict) -> str:
    if section.startswith("count_"):
        return w.get("by_" + section.removeprefix("count_"), section)
    return w.get(SECTION_WORDS.get(section, ""), section)


def _key_word(section: str, key, w: dict, policy) -> str:
    key = str(key)
    if key in ("(not set)", "all"):
        return w["not_set"] if key == "(not set)" else w["all"]
    kind = section.removeprefix("count_")
    if kind == "status":
        return w["status_names"].get(key, key)
    if kind in POLICY_KINDS or section.startswith("time_to_"):  # times are grouped by severity
        return policy.label(kind if kind in POLICY_KINDS else "severity", key, "zh")
    if section in ("clock", "later_rounds"):
        return w["clock_names"].get(key, key)
    return _measure_word(key, w) if section == "trend" else key


def _measure_word(measure: str, w: dict) -> str:
    """`on_time_respond` -> 按时率（答复）; `median_hours` -> 中位数."""
    if measure.startswith("on_time_") and measure != "on_time_rate":
        clock = measure.removeprefix("on_time_")
        return f"{w['on_time_rate']}（{w['clock_names'].get(clock, clock)}）"
    word = w.get(measure)
    return word if isinstance(word, str) else measure
