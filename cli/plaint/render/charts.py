"""Small SVG charts drawn by hand for the HTML pack: no scripts, no fonts fetched, prints crisply.

Every mark carries its figure in a `data-value` attribute (and a <title> a reader sees on
hover), so tests can check the drawing against the JSON and nothing is only a pixel.
"""

from __future__ import annotations

import unicodedata
from html import escape

WIDTH = 680
ROW = 22
COLOURS = ["#2f6db5", "#d9822b", "#3f9b5a", "#b84a62", "#7a5cb8", "#5a8f99"]


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _width(text: str) -> int:
    """Display width in half-width cells: a CJK character counts twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, cells: int) -> str:
    if _width(text) <= cells:
        return text
    out, used = "", 0
    for ch in text:
        used += _width(ch)
        if used > cells - 1:
            break
        out += ch
    return out + "…"


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def nice_top(value: float) -> float:
    """The axis top: the value rounded up to 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _svg(name: str, height: int, body: list[str], width: int = WIDTH) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{_attr(name)}" '
            f'viewBox="0 0 {width} {height}" width="100%" role="img">' + "".join(body) + "</svg>")


def bar_chart(name: str, rows: list[tuple[str, str, float, str]], percent: bool = False) -> str:
    """Horizontal bars: (key, label, value, text shown at the bar's end) per row."""
    if not rows:
        return ""
    label_cells = min(30, max(_width(label) for _, label, _, _ in rows))
    left = 12 + label_cells * 7
    span = WIDTH - left - 120
    top = 1.0 if percent else max(value for _, _, value, _ in rows) or 1
    body = []
    for index, (key, label, value, shown) in enumerate(rows):
        y = 6 + index * ROW
        length = span * value / top
        body.append(f'<g class="bar" data-key="{_attr(key)}" data-value="{_attr(value)}">'
                    f"<title>{escape(label)}: {escape(shown)}</title>"
                    f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{escape(_cut(label, label_cells))}</text>'
                    f'<rect x="{left}" y="{y + 2}" width="{length:.1f}" height="{ROW - 6}" '
                    f'fill="{COLOURS[0]}"/>'
                    f'<text x="{left + length + 6:.1f}" y="{y + 14}" class="value">{escape(shown)}</text></g>')
    return _svg(name, 12 + len(rows) * ROW, body)


def paired_bars(name: str, groups: list[tuple[str, str, list[tuple[str, str, float]]]], unit: str = "h") -> str:
    """Grouped horizontal bars: (key, label, [(series, series label, value)]) per group, in hours
    (`unit`: the reader's word for hours, `h` / `小时`)."""
    if not groups:
        return ""
    top = max([value for _, _, series in groups for _, _, value in series] + [1])
    left, span, body, y = 150, WIDTH - 150 - 110, [], 6
    legend = groups[0][2]
    for index, (series, series_label, _) in enumerate(legend):
        body.append(f'<rect x="{left + index * 150}" y="{y}" width="12" height="12" fill="{COLOURS[index]}"/>'
                    f'<text x="{left + index * 150 + 18}" y="{y + 11}">{escape(series_label)}</text>')
    y += 22
    for key, label, series in groups:
        body.append(f'<text x="{left - 6}" y="{y + 13 + 8 * (len(series) - 1)}" text-anchor="end">'
                    f"{escape(_cut(label, 20))}</text>")
        for index, (series_key, series_label, value) in enumerate(series):
            length = span * value / top
            body.append(f'<g class="bar" data-key="{_attr(key)}" data-series="{_attr(series_key)}" '
                        f'data-value="{_attr(value)}"><title>{escape(label)}, {escape(series_label)}: {value} {escape(unit)}</title>'
                        f'<rect x="{left}" y="{y}" width="{length:.1f}" height="14" fill="{COLOURS[index]}"/>'
                        f'<text x="{left + length + 6:.1f}" y="{y + 12}" class="value">{value} {escape(unit)}</text></g>')
            y += 17
        y += 8
    return _svg(name, y + 4, body)


def pareto_chart(name: str, rows: list[tuple[str, str, int, float]]) -> str:
    """Causes as bars (count, left axis) with the cumulative share as a line (right axis)."""
    if not rows:
        return ""
    height, top_pad, bottom = 300, 16, 90
    left, right = 44, WIDTH - 50
    plot = height - top_pad - bottom
    most = max(count for _, _, count, _ in rows) or 1
    step = (right - left) / len(rows)
    body = [f'<line x1="{left}" y1="{top_pad + plot}" x2="{right}" y2="{top_pad + plot}" class="axis"/>']
    for tick in (0, 0.5, 1.0):
        y = top_pad + plot * (1 - tick)
        count = most * tick
        body.append(f'<text x="{right + 6}" y="{y + 4:.1f}" class="axis-label">{tick * 100:.0f}%</text>'
                    + (f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis-label">{count:.0f}</text>'
                       if count == int(count) else ""))
    points = []
    for index, (key, label, count, cumulative) in enumerate(rows):
        x = left + index * step
        bar = plot * count / most
        centre = x + step / 2
        body.append(f'<g class="bar" data-key="{_attr(key)}" data-value="{count}"><title>{escape(label)}: {count}</title>'
                    f'<rect x="{x + step * 0.15:.1f}" y="{top_pad + plot - bar:.1f}" width="{step * 0.7:.1f}" '
                    f'height="{bar:.1f}" fill="{COLOURS[0]}"/>'
                    f'<text x="{centre:.1f}" y="{top_pad + plot - bar - 3:.1f}" text-anchor="middle" class="value">'
                    f"{count}</text></g>"
                    f'<text transform="translate({centre:.1f},{top_pad + plot + 10}) rotate(35)" class="axis-label">'
                    f"{escape(_cut(label, 22))}</text>")
        points.append((centre, top_pad + plot * (1 - cumulative), key, cumulative))
    body.append(f'<polyline class="cumulative" fill="none" stroke="{COLOURS[1]}" stroke-width="2" points="'
                + " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
                + f'" data-values="{" ".join(str(c) for _, _, _, c in points)}"/>')
    body += [f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLOURS[1]}" data-key="{_attr(key)}" '
             f'data-value="{c}"><title>{_pct(c)}</title></circle>' for x, y, key, c in points]
    return _svg(name, height, body)


def line_chart(name: str, months: list[str], series: list[tuple[str, str, list[float | None]]],
               percent: bool = False) -> str:
    """One line per series over the months; None where a month has no figure (the line breaks)."""
    if not months:
        return ""
    height, top_pad, bottom, left, right = 240, 14, 50, 50, WIDTH - 20
    plot = height - top_pad - bottom
    values = [v for _, _, vs in series for v in vs if v is not None]
    top = 1.0 if percent else nice_top(max(values + [1]))
    step = (right - left) / max(1, len(months) - 1)
    body = []
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = top_pad + plot * (1 - tick)
        shown = f"{tick * 100:.0f}%" if percent else f"{top * tick:g}"
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" class="grid"/>'
                    f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis-label">{shown}</text>')
    for index, month in enumerate(months):
        body.append(f'<text x="{left + index * step:.1f}" y="{top_pad + plot + 16}" text-anchor="middle" '
                    f'class="axis-label">{escape(month[2:] if len(month) == 7 else month)}</text>')
    for number, (key, label, points) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        xy = [(left + i * step, top_pad + plot * (1 - v / top), v) for i, v in enumerate(points) if v is not None]
        body.append(f'<polyline class="line" data-series="{_attr(key)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2" data-values="{" ".join("" if v is None else str(v) for v in points)}" '
                    f'points="{" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in xy)}"/>')
        body += [f'<circle class="point" data-series="{_attr(key)}" cx="{x:.1f}" cy="{y:.1f}" r="2.5" '
                 f'fill="{colour}" data-value="{v}"><title>{escape(label)}: {_pct(v) if percent else v}</title></circle>'
                 for x, y, v in xy]
        lx = left + number * 130
        body.append(f'<rect x="{lx}" y="{height - 16}" width="12" height="4" fill="{colour}"/>'
                    f'<text x="{lx + 16}" y="{height - 11}" class="axis-label">{escape(label)}</text>')
    return _svg(name, height, body)
