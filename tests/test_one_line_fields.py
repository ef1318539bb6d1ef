"""One-line fields: a whitespace-only summary is refused like an empty one, format and bidi control
characters (Unicode Cf) are refused like control characters, and a one-line field has a length limit."""

import pytest

NOW = "2026-11-16 10:00"


@pytest.mark.parametrize("summary", ["   ", "\u3000", " \u00a0 "])
def test_a_blank_summary_is_refused_at_filing_and_editing(book, summary):
    said = "Error: --summary: only spaces; the summary is the case's title in every list: say what happened; nothing written\n"
    assert book("file", "--channel", "phone", "--summary", summary, now=NOW, expect=2).stderr == said
    book("file", "--channel", "phone", "--summary", "Radiator cold", now=NOW)
    assert book("edit", "001", "--summary", summary, "--reason", "typo", now=NOW, expect=2).stderr == said
    assert book.git_count() == 2


@pytest.mark.parametrize("option, char", [("--name", "\u202e"), ("--name", "\u2066"), ("--contact", "\u200b"),
                                          ("--unit", "\ufeff"), ("--name", "\u061c")])
def test_format_characters_are_refused_in_one_line_fields(book, option, char):
    result = book("file", "--channel", "phone", "--summary", "x", option, f"{char}evil", now=NOW, expect=2)
    escaped = f"\\u{ord(char):04x}"
    assert result.stderr == (f"Error: {option}: contains '{escaped}'; a one-line field: no newlines or control "
                             "characters (tabs and newlines only in free text); nothing written\n")
    assert book.git_count() == 1


def test_joiners_in_names_and_emoji_are_kept(book):
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    book("file", "--channel", "phone", "--summary", f"Noise {family}", "--name", "Ali\u200cReza", now=NOW)
    text = (book.root / "2026/11/SG-20261116-001.toml").read_text()
    assert f'summary = "Noise {family}"' in text and 'name = "Ali\u200cReza"' in text


def test_one_line_fields_have_a_length_limit(book):
    result = book("file", "--channel", "phone", "--summary", "x", "--contact", "1" * 300, now=NOW, expect=2)
    assert result.stderr == ("Error: --contact: 300 characters is too long for a one-line field (at most 200); "
                             "nothing written\n")
    result = book("file", "--channel", "phone", "--summary", "x" * 501, now=NOW, expect=2)
    assert result.stderr == ("Error: --summary: 501 characters is too long for the summary (at most 500); put the "
                             "full account in --details; nothing written\n")
    book("file", "--channel", "phone", "--summary", "x" * 500, "--contact", "1" * 200, now=NOW)
