"""Turning results into text: one place for table, JSON, CSV and markdown output."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    return value


def to_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_plain(row.get(c)) for c in columns])
    return out.getvalue()


def to_table(rows: list[dict], columns: list[str], headers: list[str] | None = None, fmt: str = "simple") -> str:
    from tabulate import tabulate  # slow to import (wcwidth): only when a table is drawn

    body = [[_plain(row.get(c)) for c in columns] for row in rows]
    return tabulate(body, headers=headers or columns, tablefmt=fmt, disable_numparse=True)


def render_rows(rows: list[dict], columns: list[str], fmt: str, headers: list[str] | None = None) -> str:
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "markdown":
        return to_table(rows, columns, headers, "github")
    return to_table(rows, columns, headers)
