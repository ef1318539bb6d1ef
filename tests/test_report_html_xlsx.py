"""The HTML and Excel packs carry exactly the JSON's figures (issue 15).

The HTML is read back with html.parser: every chart's marks (bars, Pareto line, trend lines)
carry their figure in data-value(s), which must equal the JSON. The workbook is read back with
openpyxl: every cell of every section sheet equals the JSON figure.
"""

import io
import json
from html.parser import HTMLParser

import openpyxl
import pytest
from click.testing import CliRunner

from plaint.commands.app import main
from plaint.render.xlsx import SHEETS, is_percent
from test_report import build
from test_report_pack import PLANTED, planted_book

NOW = "2026-12-10 10:00"


def run(root, *args, expect=0):
    result = CliRunner().invoke(main, ["--book", str(root), "--now", NOW, "report", *args])
    assert result.exit_code == expect, (result.output, result.stderr)
    return result


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("pack") / "book"
    build(root)
    return root


@pytest.fixture(scope="module")
def figures(book):
    return json.loads(run(book, "--format", "json", "--months", "12").stdout)


class Page(HTMLParser):
    """Collects the charts' marks, the tiles and the tables of the pack."""

    def __init__(self):
        super().__init__()
        self.chart = None
        self.bars, self.lines, self.points, self.tiles, self.cells = {}, {}, {}, {}, {}
        self.tags, self.table = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "svg":
            self.chart = a["data-chart"]
        elif tag == "g" and a.get("class") == "bar":
            key = (a["data-key"], a["data-series"]) if "data-series" in a else a["data-key"]
            self.bars.setdefault(self.chart, []).append((key, float(a["data-value"])))
        elif tag == "polyline":
            values = [float(v) if v else None for v in a["data-values"].split(" ")]
            self.lines.setdefault(self.chart, {})[a.get("data-series", "cumulative")] = values
        elif tag == "circle":
            self.points.setdefault(self.chart, []).append(float(a["data-value"]))
        elif tag == "div" and "data-figure" in a:
            self.tiles[a["data-figure"]] = float(a["data-value"])
        elif tag in ("table", "ul") and "data-table" in a:
            self.table = a["data-table"]
            self.cells[self.table] = []
        elif tag in ("td", "span") and "data-key" in a:
            self.cells[self.table].append((a["data-key"], a["data-value"]))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.chart = None


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def page(book):
    html = run(book, "--format", "html").stdout
    return html, parse(html)


def test_html_is_self_contained_and_prints_on_a4(page):
    html, parsed = page
    assert html.startswith("<!DOCTYPE html>")
    tags = {tag for tag, _ in parsed.tags}
    assert "script" not in tags and "img" not in tags and "link" not in tags and "iframe" not in tags
    assert not [a for _, a in parsed.tags if any(k in ("src", "href") for k in a)]
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "@page{size:A4" in html and "@media print" in html


def test_html_bars_are_the_json_counts(page, figures):
    _, parsed = page
    for dimension in ("category", "severity", "channel", "complained_about", "validity", "status"):
        assert parsed.bars[f"by_{dimension}"] == [(e["key"], e["count"]) for e in figures["counts"][dimension]]
    assert parsed.bars["clocks"] == [(clock, info["on_time_rate"]) for clock, info in figures["clocks"].items()]
    assert parsed.bars["open_by_age"] == [(e["bucket"], e["count"]) for e in figures["open_by_age"]]
    assert parsed.bars["time_resolve"] == [((group, series), info[f"{series}_hours"])
                                           for group, info in figures["times"]["resolve"].items()
                                           for series in ("median", "p90")]
    r = figures["revisits"]
    assert parsed.bars["revisits"] == [(k, r[k]) for k in ("closed", "revisited", "within_window", "satisfied",
                                                           "reopened")]
    assert parsed.tiles == {"records": 32, "open_total": 9, "on_time_resolve": figures["clocks"]["resolve"]["on_time_rate"],
                            "satisfied_share": 0.8462, "reopened": 1, "upgraded_by_age": figures["upgraded_by_age"]}
    later = figures["later_rounds"]["resolve"]
    assert [v for k, v in parsed.cells["clocks"] if k == "breached"][-1] == str(later["breached"])


def test_html_pareto_is_the_json_causes(page, figures):
    _, parsed = page
    assert parsed.bars["causes"] == [(e["code"] or e["cause"], e["count"]) for e in figures["causes"]]
    assert parsed.lines["causes"]["cumulative"] == [e["cumulative_share"] for e in figures["causes"]]
    assert parsed.lines["causes"]["cumulative"][-1] == 1.0
    assert parsed.points["causes"] == [e["cumulative_share"] for e in figures["causes"]]
    assert [v for k, v in parsed.cells["causes"] if k == "count"] == [str(e["count"]) for e in figures["causes"]]


def test_html_trend_lines_are_the_monthly_figures(page, figures):
    _, parsed = page
    trend = figures["monthly_trend"]
    assert [e["month"] for e in trend][-2:] == ["2026-10", "2026-11"] and len(trend) == 12
    assert parsed.lines["trend_records"] == {"records": [float(e["records"]) for e in trend]}
    for clock, values in parsed.lines["trend_on_time"].items():
        assert values == [e["on_time_rate"].get(clock) for e in trend]
    assert set(parsed.lines["trend_on_time"]) == {"route", "acknowledge", "respond", "resolve", "revisit"}
    assert parsed.lines["trend_satisfaction"]["satisfied_share"] == [
        e["satisfied_share"] if e["revisited"] else None for e in trend]
    assert parsed.lines["trend_satisfaction"]["satisfied_share"][-2:] == [1.0, 0.8462]


def test_html_tables_repeat_complainants_and_places(page, figures):
    _, parsed = page
    assert [v for k, v in parsed.cells["repeat_complainants"] if k == "contact"] == ["138****0001", "139****0002"]
    assert [v for k, v in parsed.cells["repeat_places"] if k == "place"] == ["3-2", "5-1"]
    assert [v for k, v in parsed.cells["repeat_places"] if k == "count"] == ["3", "2"]
    assert [v for k, v in parsed.cells["repeat_complainants"] if k == "count"] == ["3", "2"]
    assert [v for k, v in parsed.cells["handlers"] if k == "handler"] == [e["handler"] for e in figures["handlers"]]


def test_html_in_chinese(book):
    html = run(book, "--format", "html", "--labels", "zh").stdout
    assert '<html lang="zh-CN">' in html and "投诉统计分析报告" in html and "按类别" in html
    assert "设施设备" in html and "轻微投诉" in html and "帕累托" in html


def test_xlsx_every_cell_is_the_json_figure(book, figures, tmp_path):
    target = tmp_path / "pack.xlsx"
    run(book, "--format", "xlsx", "--output", str(target))
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[0] == "Cover" and workbook.sheetnames[-1] == "Trend"
    cover = {row[0]: row[1] for row in workbook["Cover"].iter_rows(min_row=2, values_only=True)}
    assert cover["Book"] == figures["book"] and cover["Period"] == "2026-11" and cover["Complaints received"] == 32
    assert cover["From"] == "2026-11-01" and cover["To"] == "2026-11-30"
    assert cover["Resolved on time"] == figures["clocks"]["resolve"]["on_time_rate"]
    assert cover["Upgraded by age"] == figures["upgraded_by_age"]
    clocks = list(workbook["Time limits"].iter_rows(values_only=True))
    assert clocks[-1] == ("resolve_later_rounds", "Resolve, reopened rounds", *figures["later_rounds"]["resolve"].values())
    sheets = workbook.sheetnames[1:-1]
    assert len(sheets) == len(SHEETS)
    for (name, rows_of, columns), title in zip(SHEETS, sheets):
        sheet = workbook[title]
        assert sheet.freeze_panes == "A2", title
        expected = rows_of(figures, lambda kind, key: None)
        cells = list(sheet.iter_rows(min_row=2))
        assert len(cells) == len(expected), title
        for row, entry in zip(cells, expected):
            for cell, (field, _) in zip(row, columns):
                if field != "label":
                    assert cell.value == entry[field], (title, field)
                if is_percent(field) and entry[field] is not None:
                    assert cell.number_format == "0.0%", (title, field)
    category = [row for row in workbook["Category"].iter_rows(values_only=True)]
    assert category[0] == ("Code", "Name", "Count", "Share")
    assert category[1] == ("facilities", "Facilities and equipment", 10, 0.3125)
    trend = list(workbook["Trend"].iter_rows(values_only=True))
    assert trend[-1][:6] == ("2026-11", 32, 9, 13, 11, 0.8462)
    assert [row[0] for row in trend[1:]] == [e["month"] for e in figures["monthly_trend"]]
    header = trend[0]
    for entry, row in zip(figures["monthly_trend"], trend[1:]):
        for clock, rate in entry["on_time_rate"].items():
            assert row[header.index(f"On time: {clock.capitalize()}")] == rate


def test_xlsx_binary_needs_a_file_on_a_terminal(book, tmp_path, monkeypatch):
    piped = run(book, "--format", "xlsx")  # CliRunner's stdout is not a terminal: the bytes go out
    assert piped.stdout_bytes[:2] == b"PK"
    assert openpyxl.load_workbook(io.BytesIO(piped.stdout_bytes))["Cover"]["B2"].value == "Property management office"
    monkeypatch.setattr("plaint.commands.read.stdout_is_terminal", lambda: True)
    refused = CliRunner().invoke(main, ["--book", str(book), "--now", NOW, "report", "--format", "xlsx"])
    assert refused.exit_code == 2 and "give --output FILE" in refused.stderr
    inside = run(book, "--format", "html", "--output", str(book / "pack.html"), expect=2)
    assert "e.g. --output ~/report.html" in inside.stderr and not (book / "pack.html").exists()


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_planted_personal_data_leaves_through_neither_pack(tmp_path, fmt):
    book = planted_book(tmp_path)
    target = tmp_path / f"pack.{fmt}"
    run(book.root, "--format", fmt, "--compare", "--output", str(target))
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(target)
        text = "\n".join(str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row)
    else:
        text = target.read_text()
    for secret in PLANTED:
        assert secret.lower() not in text.lower(), secret
    assert "[name]" in text and "[phone]" in text and "3-2" in text


def test_policy_in_chinese_gives_a_chinese_pack(tmp_path):
    from test_report_pack import filed, make_book
    book = make_book(tmp_path)
    policy = book.root / "plaint.toml"
    policy.write_text(policy.read_text().replace('labels = "en"', 'labels = "zh"'))
    filed(book, "2026-11-02 09:00", unit="1-1-101", category="facilities", severity="minor")
    html = run(book.root, "--format", "html").stdout
    assert "投诉统计分析报告" in html and "设施设备" in html and "轻微投诉" in html and "电话" in html
    target = tmp_path / "pack.xlsx"
    run(book.root, "--format", "xlsx", "--output", str(target))
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[:3] == ["封面", "类别", "严重程度"]
    assert list(workbook["类别"].iter_rows(values_only=True)) == [("代码", "名称", "件数", "占比"),
                                                                ("facilities", "设施设备", 1, 1.0)]
