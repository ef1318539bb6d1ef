"""CSV writes booleans as the JSON contract does (true/false); overdue --format json is a list even
when nothing is due."""

import csv
import io
import json

NOW = "2026-11-16 10:00"


def test_overdue_json_on_an_empty_book_is_an_empty_list(book):
    result = book("overdue", "--format", "json", now=NOW)
    assert result.stdout == "[]\n" and result.stderr == ""
    assert book("overdue", now=NOW).stdout == ""  # the table stays silent for cron


def test_csv_booleans_are_json_booleans(book):
    book("file", "--channel", "phone", "--summary", "Noise", now=NOW)
    rows = list(csv.DictReader(io.StringIO(book("list", "--format", "csv", now=NOW).stdout)))
    listed = json.loads(book("list", "--format", "json", now=NOW).stdout)
    assert rows[0]["severity_upgraded"] == "false" and listed[0]["severity_upgraded"] is False
    due = list(csv.DictReader(io.StringIO(book("overdue", "--format", "csv", now="2026-11-30 10:00",
                                               expect=1).stdout)))
    assert {row["provisional"] for row in due} == {"false"}
    assert {row["severity_upgraded"] for row in due} == {"false"} and {row["breached"] for row in due} == {"true"}
