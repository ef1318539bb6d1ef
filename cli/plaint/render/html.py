"""`report --format html`: the monthly pack as one self-contained page managers read and print.

Inline CSS and inline SVG only (no scripts, no fonts or images fetched), an A4 print stylesheet,
and the same figures as the JSON: every number shown comes from the result dict.
"""

from __future__ import annotations

from html import escape

from plaint.render.charts import bar_chart, line_chart, paired_bars, pareto_chart
from plaint.reportwords import for_reader, words

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",Arial,sans-serif;
color:#1d2733;margin:24px auto;max-width:760px;font-size:13px;line-height:1.4}
h1{font-size:22px;margin:0 0 4px}h2{font-size:15px;border-bottom:2px solid #2f6db5;padding-bottom:2px;margin:22px 0 8px}
.meta{color:#55606e;margin:0}.tiles{display:flex;flex-wrap:wrap;gap:8px}
.tile{flex:1 1 130px;border:1px solid #ccd5e0;border-radius:4px;padding:8px}
.tile .figure{font-size:22px;font-weight:bold}.tile .name{color:#55606e;font-size:12px}
.tile .change{font-size:11px;color:#55606e}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #dde3ea;padding:3px 6px;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#eef2f7;font-weight:600}
svg.chart{display:block;max-width:100%;height:auto;margin:4px 0}svg text{font-size:11px;fill:#1d2733}
svg .value{fill:#55606e}svg .axis-label{fill:#55606e;font-size:10px}svg .grid{stroke:#e3e8ee}svg .axis{stroke:#8a96a3}
.none{color:#8a96a3}ul.cols{columns:4 150px;list-style:none;padding:0;margin:6px 0}
ul.cols li{break-inside:avoid;border-bottom:1px solid #dde3ea;padding:2px 4px;display:flex;justify-content:space-between}
ul.cols .n{font-variant-numeric:tabular-nums;color:#55606e}section{break-inside:avoid;page-break-inside:avoid}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}.tile{border-color:#999}
section.trend{break-before:page}}
"""


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _table(w: dict, columns: list[tuple[str, str]], rows: list[dict], name: str) -> str:
    """columns: (key in the row, header word); a key ending in `_share`/`rate` is shown as a percentage."""
    if not rows:
        return f'<p class="none">{escape(w["none"])}</p>'
    numeric = {key for key, _unused in columns if isinstance(rows[0].get(key), (int, float)) and not isinstance(
        rows[0].get(key), bool)}
    head = "".join(f'<th class="{"n" if key in numeric else ""}">{escape(word)}</th>' for key, word in columns)
    body = []
    for row in rows:
        cells = []
        for key, _unused in columns:
            value = row.get(key)
            if isinstance(value, float) and (key.endswith("share") or key.endswith("rate")):
                shown = _pct(value)
            elif value == "(not set)":  # a person reads the words; data-value keeps the key
                shown = w["not_set"]
            else:
                shown = "" if value is None else str(value)
            cells.append(f'<td class="{"n" if key in numeric else ""}" data-key="{escape(key)}" '
                         f'data-value="{escape("" if value is None else str(value), quote=True)}">{escape(shown)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table data-table="{name}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _columns(w: dict, key: str, rows: list[dict], name: str) -> str:
    """A long list of (name, count) pairs flowed into columns, so a page holds it."""
    if not rows:
        return f'<p class="none">{escape(w["none"])}</p>'
    items = "".join(f'<li><span data-key="{key}" data-value="{escape(str(row[key]), quote=True)}">{escape(str(row[key]))}'
                    f'</span><span class="n" data-key="count" data-value="{row["count"]}">{row["count"]}</span></li>'
                    for row in rows)
    return f'<ul class="cols" data-table="{name}">{items}</ul>'


def _section(name: str, title: str, *parts: str, cls: str = "") -> str:
    return (f'<section id="{name}" class="{cls}"><h2>{escape(title)}</h2>' + "".join(p for p in parts if p)
            + "</section>")


def _labeller(policy, language, w):
    def label(kind, key):
        if key == "(not set)":
            return w["not_set"]
        if kind == "status":
            return w["status_names"].get(key, key)
        if kind in ("category", "severity", "channel", "validity"):
            return policy.label(kind, key, language)
        return key
    return label


def _tiles(result: dict, w: dict) -> str:
    trend = result.get("monthly_trend") or []
    before = trend[-2] if len(trend) >= 2 else None
    tiles = [("records", result["records"], str(result["records"]),
              before and f'{result["records"] - before["records"]:+d}'),
             ("open_total", result["open_total"], str(result["open_total"]), None)]
    if "resolve" in result["clocks"]:
        rate = result["clocks"]["resolve"]["on_time_rate"]
        old = before and before["on_time_rate"].get("resolve")
        tiles.append(("on_time_resolve", rate, _pct(rate), old is not None and before and
                      f"{(rate - old) * 100:+.1f} {w['pts']}"))
    share = result["revisits"]["satisfied_share"]
    tiles.append(("satisfied_share", share, _pct(share),
                  before and f'{(share - before["satisfied_share"]) * 100:+.1f} {w["pts"]}'))
    tiles.append(("reopened", result["revisits"]["reopened"], str(result["revisits"]["reopened"]), None))
    if "upgraded_by_age" in result:
        tiles.append(("upgraded_by_age", result["upgraded_by_age"], str(result["upgraded_by_age"]), None))
    out = []
    for key, value, shown, change in tiles:
        note = f'<div class="change">{escape(w["previous_month"])}: {escape(change)}</div>' if change else ""
        out.append(f'<div class="tile" data-figure="{key}" data-value="{value}"><div class="name">{escape(w[key])}'
                   f'</div><div class="figure">{escape(shown)}</div>{note}</div>')
    return '<div class="tiles">' + "".join(out) + "</div>"


def _counts(result: dict, label, w: dict) -> list[str]:
    sections = []
    for dimension, entries in result["counts"].items():
        rows = [(e["key"], label(dimension, e["key"]), e["count"], f'{e["count"]} · {_pct(e["share"])}')
                for e in entries]
        sections.append(_section(f"by_{dimension}", w[f"by_{dimension}"], bar_chart(f"by_{dimension}", rows)
                                 or f'<p class="none">{escape(w["none"])}</p>'))
    return sections


def _clocks(result: dict, w: dict) -> str:
    names = w["clock_names"]
    rows = [(clock, names.get(clock, clock), info["on_time_rate"], _pct(info["on_time_rate"]))
            for clock, info in result["clocks"].items()]
    table_rows = [{"clock": names.get(clock, clock), **info} for clock, info in result["clocks"].items()]
    later = result.get("later_rounds", {}).get("resolve")
    if later and any(later[k] for k in ("met", "met_extended", "breached", "running")):
        table_rows.append({"clock": w["later_rounds"], **later})
    columns = [("clock", w["clock"])] + [(k, w[k]) for k in ("met", "met_extended", "breached", "running",
                                                            "on_time_rate")]
    return _section("clocks", w["clocks"], bar_chart("clocks", rows, percent=True),
                    _table(w, columns, table_rows, "clocks"))


def _times(result: dict, label, w: dict) -> list[str]:
    out = []
    for which in ("resolve", "respond"):
        groups = result["times"][which]
        shown = [(g, w["all"] if g == "all" else label("severity", g), info) for g, info in groups.items()]
        chart = paired_bars(f"time_{which}", [(g, name, [("median", w["median_hours"], info["median_hours"]),
                                                         ("p90", w["p90_hours"], info["p90_hours"])])
                                              for g, name, info in shown], w["hours"]) if which == "resolve" else ""
        rows = [{"severity": name, **info} for _unused, name, info in shown]
        columns = [("severity", w["severity"]), ("n", w["n"]), ("median_hours", w["median_hours"]),
                   ("p90_hours", w["p90_hours"])]
        out.append(_section(f"time_{which}", w[f"time_{which}"], chart, _table(w, columns, rows, f"time_{which}")))
    return out


def _revisits(result: dict, w: dict) -> str:
    r = result["revisits"]
    rows = [(k, w[k], r[k], str(r[k])) for k in ("closed", "revisited", "within_window", "satisfied", "reopened")]
    return _section("revisits", w["revisits"], bar_chart("revisits", rows),
                    _table(w, [("satisfied_share", w["satisfied_share"])], [r], "revisits"))


def _causes(result: dict, w: dict) -> list[str]:
    rows = [(e["code"] or e["cause"], e["cause"], e["count"], e["cumulative_share"]) for e in result["causes"]]
    columns = [("cause", w["cause"]), ("code", w["code"]), ("count", w["count"]), ("share", w["share"]),
               ("cumulative_share", w["cumulative_share"])]
    actions = [("action", w["action"]), ("count", w["count"]), ("share", w["share"])]
    return [_section("causes", w["causes"], pareto_chart("causes", rows), _table(w, columns, result["causes"], "causes")),
            _section("corrective_actions", w["corrective_actions"],
                     _table(w, actions, result.get("corrective_actions", []), "corrective_actions"))]


def _people(result: dict, w: dict) -> list[str]:
    ages = [(e["bucket"], e["bucket"], e["count"], str(e["count"])) for e in result["open_by_age"]]
    late = [("cases", w["cases"]), ("late", w["late"])]
    return [
        _section("open_by_age", f'{w["open_by_age"]}: {result["open_total"]}', bar_chart("open_by_age", ages)),
        _section("repeat_complainants", w["repeat_complainants"],
                 _columns(w, "contact", result["repeat_complainants"], "repeat_complainants")),
        _section("repeat_places", w["repeat_places"],
                 _columns(w, "place", [{"place": e["unit"], "count": e["count"]} for e in result["repeat_locations"]],
                          "repeat_places")),
        _section("responsible", w["responsible"], _table(w, [("responsible", "")] + late, result["responsible"],
                                                         "responsible")),
        _section("handlers", w["handlers"], _table(w, [("handler", w["handler"])] + late, result["handlers"],
                                                   "handlers")),
    ]


def _trend(result: dict, w: dict) -> str:
    trend = result.get("monthly_trend") or []
    if not trend:
        return ""
    months = [e["month"] for e in trend]
    clocks = list(dict.fromkeys(c for e in trend for c in e["on_time_rate"]))
    names = w["clock_names"]
    return _section(
        "trend", f'{w["trend"]} ({months[0]} – {months[-1]})',
        f'<h3>{escape(w["trend_records"])}</h3>',
        line_chart("trend_records", months, [("records", w["records"], [e["records"] for e in trend])]),
        f'<h3>{escape(w["trend_on_time"])}</h3>',
        line_chart("trend_on_time", months, [(c, names.get(c, c), [e["on_time_rate"].get(c) for e in trend])
                                             for c in clocks], percent=True),
        f'<h3>{escape(w["trend_satisfaction"])}</h3>',
        line_chart("trend_satisfaction", months, [("satisfied_share", w["satisfied_share"],
                                                   [e["satisfied_share"] if e["revisited"] else None for e in trend])],
                   percent=True),
        cls="trend")


def render_html(result: dict, policy, labels: str | None = None) -> str:
    from plaint.i18n import language as interface
    language = labels or interface()
    w = words(language)
    result = for_reader(result, language)  # [unit] -> [单元]: the JSON keeps the tokens
    label = _labeller(policy, language, w)
    period = result["period"]
    meta = [f'{escape(w["period"])}: {escape(period["from"])} {escape(w["to"])} {escape(period["to"])}',
            f'{escape(w["generated"])}: {escape(result["generated"][:16].replace("T", " "))}']
    if result.get("as_of"):
        meta.append(f'{escape(w["as_of"])}: {escape(result["as_of"]["time"][:16].replace("T", " "))} '
                    f'(git {escape(result["as_of"]["commit"][:10])})')
    if result["left_out"]:
        meta.append(f'{escape(w["left_out"])}: {result["left_out"]}')
    body = [f'<header><h1>{escape(w["title"])}: {escape(result["book"])}</h1>'
            + "".join(f'<p class="meta">{line}</p>' for line in meta) + "</header>",
            _section("summary", w["summary"], _tiles(result, w)),
            *_counts(result, label, w), _clocks(result, w), *_times(result, label, w), _revisits(result, w),
            *_causes(result, w), *_people(result, w), _trend(result, w)]
    lang = "zh-CN" if language == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(w["title"])}: {escape(result["book"])} {escape(period["label"])}</title>'
            f"<style>{CSS}</style></head><body>\n" + "\n".join(b for b in body if b) + "\n</body></html>\n")
