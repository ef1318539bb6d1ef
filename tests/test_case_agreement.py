"""Every reader says the same of the same case (show, list, find, overdue, check, JSON), and a
hand edit the case cannot stand on is said by each of them, never taken as properly done."""

import json
import subprocess


def _commit_all(book):
    subprocess.run(["git", "-C", str(book.root), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam",
                    "hand edit"], check=True)


def _duplicate_pair(book):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2-501", "--contact", "13800138000",
         now="2026-11-16 14:05")
    book("file", "--channel", "phone", "--summary", "Radiator still cold", "--unit", "3-2-501",
         "--contact", "13800138000", now="2026-11-16 15:00")
    book("link", "002", "--duplicate-of", "001", now="2026-11-16 15:05")


def test_a_duplicate_is_duplicate_in_every_reader(book):
    _duplicate_pair(book)
    assert book("show", "002").stdout.splitlines()[0] == "SG-20261116-002  [duplicate]  not classified"
    shown = json.loads(book("show", "002", "--format", "json").stdout)
    assert (shown["status"], shown["assessment"]["status"], shown["assessment"]["open"]) == ("duplicate", "duplicate",
                                                                                            False)
    listed = json.loads(book("list", "--format", "json", now="2026-11-17 10:00").stdout)
    assert {row["id"]: row["status"] for row in listed} == {"SG-20261116-001": "received",
                                                            "SG-20261116-002": "duplicate"}
    found = json.loads(book("find", "138", "0013", "8000", "--format", "json", now="2026-11-17 10:00").stdout)
    assert {row["id"]: row["status"] for row in found} == {"SG-20261116-001": "received",
                                                           "SG-20261116-002": "duplicate"}
    overdue = json.loads(book("overdue", "--format", "json", now="2026-12-30 10:00", expect=1).stdout)
    assert {row["id"] for row in overdue} == {"SG-20261116-001"}
    assert "SG-20261116-002  duplicate" in book("list", now="2026-11-17 10:00").stdout


def test_a_duplicate_is_called_back_and_reopened_on_its_original(book):
    _duplicate_pair(book)
    commits = book.git_count()
    refused = book("revisit", "002", "--method", "phone", "--satisfied", now="2026-11-17 10:00", expect=2)
    assert refused.stderr == ("Error: SG-20261116-002 is a duplicate of SG-20261116-001: the customer is called back "
                              "on that case; `revisit` the original instead: plaint revisit SG-20261116-001 ...\n")
    refused = book("reopen", "002", "--reason", "Still cold", now="2026-11-17 10:00", expect=2)
    assert refused.stderr == ("Error: SG-20261116-002 is a duplicate of SG-20261116-001: it is the case that stays "
                              "open or closed; `reopen` the original instead: plaint reopen SG-20261116-001 ...\n")
    assert book.git_count() == commits
