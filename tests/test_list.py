import csv
import io
import json


def test_list_filters_and_formats(book):
    book("file", "--channel", "phone", "--summary", "Lift", "--unit", "1", "--severity", "major",
         "--category", "emergency", now="2026-11-16 10:00")
    book("file", "--channel", "letter", "--summary", "Fee", "--unit", "2", "--severity", "minor",
         "--category", "fees", now="2026-11-17 10:00")
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "3", now="2026-11-18 10:00")
    book("assign", "1116-001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 10:05")
    book("assign", "1117-001", "--handler", "Zhao", "--department", "Finance", now="2026-11-17 10:05")
    book("close", "1117-001", "--resolution", "Refunded", now="2026-11-17 12:00")

    def ids(*args):
        return [row["id"] for row in json.loads(book("list", "--format", "json", *args).stdout)]
    assert ids() == ["SG-20261116-001", "SG-20261117-001", "SG-20261118-001"]
    assert ids("--open") == ["SG-20261116-001", "SG-20261118-001"]
    assert ids("--status", "closed") == ["SG-20261117-001"]
    assert ids("--severity", "major") == ["SG-20261116-001"]
    assert ids("--severity", "minor") == ["SG-20261117-001", "SG-20261118-001"]  # unclassified counts as default
    assert ids("--category", "fees") == ["SG-20261117-001"]
    assert ids("--handler", "Wang") == ["SG-20261116-001"]
    assert ids("--department", "Finance") == ["SG-20261117-001"]
    # --from/--to are inclusive dates (as in find and report); a time is taken as is
    assert ids("--from", "2026-11-17", "--to", "2026-11-18") == ["SG-20261117-001", "SG-20261118-001"]
    assert ids("--from", "2026-11-17", "--to", "2026-11-17") == ["SG-20261117-001"]
    assert ids("--to", "2026-11-18 10:00") == ["SG-20261116-001", "SG-20261117-001", "SG-20261118-001"]
    assert ids("--to", "2026-11-18 09:59") == ["SG-20261116-001", "SG-20261117-001"]
    rows = list(csv.DictReader(io.StringIO(book("list", "--format", "csv").stdout)))
    assert [r["received"] for r in rows] == ["2026-11-16T10:00:00+08:00", "2026-11-17T10:00:00+08:00",
                                            "2026-11-18T10:00:00+08:00"]
    table = book("list", "--labels", "zh").stdout
    assert "重大投诉" in table and "突发事件" in table
    bad = book("list", "--category", "plumbing", expect=2)
    assert "unknown category 'plumbing'" in bad.stderr
