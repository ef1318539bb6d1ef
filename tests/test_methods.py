"""`reply --method` and `revisit --method` name how the customer was reached: the common ways
(phone, visit, ...) or the book's own channels, by key or label; anything else is refused."""

import json

import pytest

from conftest import make_book

NOW = "2026-11-16 10:00"
REFUSED = ("Error: unknown method 'pigeon'; allowed methods: phone, visit, in_person, letter, email, sms, proxy, "
           "suggestion_box\n")


def _closed(book):
    book("file", "--channel", "phone", "--summary", "Radiator cold", "--unit", "3-2", now="2026-11-16 09:00")
    book("assign", "001", "--handler", "Wang", now="2026-11-16 09:05")


def test_an_unknown_reply_or_revisit_method_is_refused_with_the_allowed_ones(book):
    _closed(book)
    commits = book.git_count()
    assert book("reply", "001", "--text", "Fixed", "--method", "pigeon", now=NOW, expect=2).stderr == REFUSED
    book("close", "001", "--resolution", "Bled", now=NOW)
    refused = book("revisit", "001", "--method", "pigeon", "--satisfied", now="2026-11-17 10:00", expect=2)
    assert refused.stderr == REFUSED
    assert book.git_count() == commits + 1  # only the close


@pytest.mark.parametrize("typed, stored", [("phone", "phone"), ("电话", "phone"), ("Visit", "visit"),
                                           ("上门", "visit"), ("in person", "in_person"), ("意见箱", "suggestion_box")])
def test_a_method_by_key_or_label_is_stored_as_its_key(book, typed, stored):
    _closed(book)
    book("reply", "001", "--text", "Fixed", "--method", typed, now=NOW)
    assert json.loads(book("show", "001", "--format", "json").stdout)["reply"]["method"] == stored


def test_the_books_own_channels_are_methods_too(tmp_path):
    book = make_book(tmp_path, "logistics", "SH")
    book("file", "--channel", "hotline", "--summary", "Parcel late", "--reference", "SF1", now="2026-11-16 09:00")
    book("reply", "001", "--text", "On its way", "--method", "app", now=NOW)
    book("reply", "001", "--text", "Delivered", "--method", "phone", now=NOW)
    refused = book("reply", "001", "--text", "x", "--method", "fax", now=NOW, expect=2)
    assert refused.stderr == ("Error: unknown method 'fax'; allowed methods: phone, visit, in_person, letter, email, "
                              "sms, hotline, website, chat, app\n")
