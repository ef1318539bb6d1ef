"""A `--site` or `--department` that names nothing in the book is refused with the values it knows
(as an unknown severity is), never answered with an empty result; `list` filters by site too."""

import json

NOW = "2026-11-30 10:00"


def _two_departments(book):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2", now="2026-11-16 09:00")
    book("assign", "001", "--handler", "Wang", "--department", "Engineering", now="2026-11-16 09:05")
    book("file", "--channel", "phone", "--summary", "Fee raised", "--unit", "3-4", now="2026-11-16 10:00")
    book("assign", "002", "--handler", "Qian", "--department", "Finance", now="2026-11-16 10:05")


def test_an_unknown_department_is_refused_with_the_known_ones(book):
    _two_departments(book)
    said = ("Error: unknown department 'Engneering': no case has it; the book's departments: Engineering, "
            "Finance\n")
    for command in (["list"], ["list", "--format", "json"], ["overdue"]):
        result = book(*command, "--department", "Engneering", now=NOW, expect=2)
        assert (result.stdout, result.stderr) == ("", said)
    listed = json.loads(book("list", "--department", "engineering", "--format", "json", now=NOW).stdout)
    assert [row["id"] for row in listed] == ["SG-20261116-001"]
    # a known department with nothing due is a quiet, empty answer, as before
    book("close", "002", "--resolution", "Refunded", now="2026-11-16 11:00")
    assert book("overdue", "--department", "Finance", now="2026-11-16 11:30").stdout == ""


def test_an_unknown_site_is_refused_and_list_filters_by_site(book):
    _two_departments(book)
    said = "Error: unknown site 'BJ': no case is filed under it; the book's site codes: SG\n"
    for command in (["list"], ["overdue"], ["report", "--month", "2026-11"]):
        result = book(*command, "--site", "bj", now=NOW, expect=2)
        assert (result.stdout, result.stderr) == ("", said)
    listed = json.loads(book("list", "--site", "sg", "--format", "json", now=NOW).stdout)
    assert [row["id"] for row in listed] == ["SG-20261116-001", "SG-20261116-002"]
    assert book("list", "--site", "SG", "--department", "Finance", "--format", "csv", now=NOW).stdout.count(
        "SG-2026") == 1
    bad = book("list", "--site", "b-j", now=NOW, expect=2)
    assert bad.stderr.startswith("Error: --site")


def test_an_unknown_handler_is_refused_with_the_known_ones(book):
    _two_departments(book)
    said = "Error: unknown handler 'Wnag': no case has them; the book's handlers: Qian, Wang\n"
    for command in (["list"], ["overdue"]):
        result = book(*command, "--handler", "Wnag", now=NOW, expect=2)
        assert (result.stdout, result.stderr) == ("", said)
    assert book("list", "--handler", "wang", "--format", "csv", now=NOW).stdout.count("SG-2026") == 1


def test_find_filters_by_site_and_department_as_list_does(book, monkeypatch):
    _two_departments(book)
    monkeypatch.setenv("PLAINT_SITE", "BJ")
    book("file", "--channel", "电话", "--summary", "Radiator cold again", "--unit", "3-2", now="2026-11-17 09:00")
    book("assign", "BJ-20261117-001", "--handler", "Zhao", "--department", "工程部", now="2026-11-17 09:05")

    def found(*args, expect=0):
        result = book("find", "radiator", *args, "--format", "json", now=NOW, expect=expect)
        return [row["id"] for row in json.loads(result.stdout)] if result.stdout else result.stderr

    assert found() == ["BJ-20261117-001", "SG-20261116-001"]
    assert found("--site", "sg") == ["SG-20261116-001"]
    assert found("--site", "BJ") == ["BJ-20261117-001"]
    assert found("--department", "工程部") == ["BJ-20261117-001"]
    assert found("--department", "ENGINEERING", "--site", "SG") == ["SG-20261116-001"]
    assert found("--department", "Finance") == []  # a known department, nothing matching the words
    assert found("--site", "TJ", expect=2) == ("Error: unknown site 'TJ': no case is filed under it; the book's "
                                               "site codes: BJ, SG\n")
    assert found("--department", "Engneering", expect=2) == (
        "Error: unknown department 'Engneering': no case has it; the book's departments: Engineering, Finance, "
        "工程部\n")
    helps = {}
    for command in ("list", "find"):
        text = book(command, "--help").stdout
        helps[command] = [line.strip() for line in text.splitlines() if line.strip().startswith(("--site", "--department"))]
    assert helps["find"] == helps["list"] and len(helps["find"]) == 2
