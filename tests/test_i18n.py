"""The interface language: how Chinese is chosen, the catalog, Chinese input, Chinese dates."""

import gettext
import subprocess
from datetime import datetime

import pytest

from conftest import SHANGHAI, make_book
from plaint import catalog, i18n
from plaint.timeparse import from_chinese, parse_time

NOW = "2026-11-16 14:05"


def zh_policy(plaint):
    path = plaint.root / "plaint.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('labels = "en"', 'labels = "zh"'), encoding="utf-8")


# -- the catalog ---------------------------------------------------------------------------
def test_every_message_in_the_catalog_has_a_translation():
    entries = catalog.read_po()
    empty = [k for k, v in entries.items() if k != "" and (not v or (isinstance(v, list) and not all(v)))]
    assert empty == []
    assert len(entries) > 40


def test_every_marked_string_of_the_source_is_in_the_catalog():
    assert catalog.missing() == []
    assert "[repeated trailers ignored: first Actor shown]" in catalog.extract()  # the walk finds marks


def test_the_shipped_mo_is_compiled_from_the_po():
    assert catalog.MO.read_bytes() == catalog.mo_bytes(catalog.read_po())
    zh = gettext.translation("plaint", i18n.locale_dir(), languages=["zh"])
    assert zh.gettext("Usage:") == "用法："
    assert zh.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 3).startswith("{value!r} 不在")


def test_the_catalog_reads_back_what_it_writes(tmp_path):
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "a \\"b\\"\\n"\nmsgstr "甲"\n"乙"\n\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "几"\n',
                  encoding="utf-8")
    entries = catalog.read_po(po)
    assert entries['a "b"\n'] == "甲乙"
    assert entries[("one", "many")] == ["几"]
    catalog.compile_catalog(po, tmp_path / "x.mo")
    with open(tmp_path / "x.mo", "rb") as handle:
        assert gettext.GNUTranslations(handle).gettext('a "b"\n') == "甲乙"


# -- choosing the language ----------------------------------------------------------------
@pytest.mark.parametrize("how", ["option", "after", "env", "policy", "locale"])
def test_chinese_is_chosen_by_option_env_policy_or_locale(book, monkeypatch, how):
    args = ["show", "--bogus"]
    if how == "option":
        args = ["--lang", "zh"] + args
    elif how == "after":
        args = ["show", "--lang", "zh", "--bogus"]
    elif how == "env":
        monkeypatch.setenv("PLAINT_LANG", "zh")
    elif how == "policy":
        zh_policy(book)
    else:
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = book(*args, expect=2)
    assert "没有选项 '--bogus'" in result.stderr


def test_english_stays_the_default_and_lang_en_wins(book, monkeypatch):
    assert "No such option" in book("show", "--bogus", expect=2).stderr
    zh_policy(book)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "No such option" in book("--lang", "en", "show", "--bogus", expect=2).stderr
    monkeypatch.setenv("PLAINT_LANG", "en")
    assert "No such option" in book("show", "--bogus", expect=2).stderr


def test_the_locale_order_follows_posix(monkeypatch):
    from plaint.settings import language_environment  # the one reader of the environment
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    i18n.reset(**language_environment())
    assert i18n.language() == "en"
    monkeypatch.setenv("LANGUAGE", "zh_TW:en")
    i18n.reset(**language_environment())
    assert i18n.language() == "zh"


def test_help_is_chinese_in_chinese(book):
    out = book("--lang", "zh", "--help").output
    assert "用法：" in out and "显示本帮助并退出。" in out
    assert "Usage:" in book("--help").output  # and back: the tree keeps its English


# -- Chinese input ---------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["电话", "Phone", "phone", "ＰＨＯＮＥ", " phone "])
def test_a_channel_by_key_label_case_or_width(book, typed):
    out = book("file", "--channel", typed, "--summary", "Cold radiator", "--format", "json", now=NOW).output
    import json
    path = json.loads(out)["path"]
    assert 'channel = "phone"' in open(path, encoding="utf-8").read()


def test_every_policy_value_takes_a_chinese_label(book):
    book("file", "--channel", "当面", "--summary", "Noise", "--category", "邻里关系", "--severity", "ＭＩＮＯＲ",
         "--validity", "有效投诉", now=NOW)
    show = book("show", "001", "--format", "json", now=NOW).output
    for value in ('"category": "neighbours"', '"severity": "minor"', '"validity": "valid"', '"channel": "in_person"'):
        assert value in show
    book("classify", "001", "--severity", "重要投诉", "--category", "Facilities and equipment", now=NOW)
    show = book("show", "001", "--format", "json", now=NOW).output
    assert '"severity": "important"' in show and '"category": "facilities"' in show
    assert "SG-20261116-001" in book("list", "--severity", "重要投诉", "--format", "csv", now=NOW).output
    book("extend", "001", "--clock", "resolve", "--add", "1wd", "--approver", "总经理", "--reason", "parts",
         now="2026-11-17 09:00")
    assert '"approver": "general manager"' in book("show", "001", "--format", "json", now=NOW).output


def test_an_ambiguous_label_is_refused_with_the_candidates(book):
    path = book.root / "plaint.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('zh = "信函"', 'zh = "电话"'), encoding="utf-8")
    result = book("file", "--channel", "电话", "--summary", "x", now=NOW, expect=2)
    assert "phone, letter" in result.stderr and "电话" in result.stderr
    assert book.git_count() == 1  # nothing filed


def test_an_unknown_value_still_lists_the_allowed_ones(book):
    result = book("file", "--channel", "传真", "--summary", "x", now=NOW, expect=2)
    assert "unknown channel '传真'" in result.stderr and "phone" in result.stderr


def test_a_subcategory_by_its_chinese_name(tmp_path):
    logistics = make_book(tmp_path, "logistics")
    logistics("file", "--channel", "hotline", "--summary", "Parcel wet", "--source", "外部", "--reference", "W1",
              now=NOW)
    assert '"source": "external"' in logistics("show", "001", "--format", "json", now=NOW).output


# -- Chinese dates ---------------------------------------------------------------------------
def test_dates_typed_the_chinese_way():
    assert from_chinese("2026年11月16日 14:05") == "2026-11-16 14:05"
    assert from_chinese("２０２６年１１月１６日　１４：０５") == "2026-11-16 14:05"
    assert from_chinese("11月16日", 2026) == "2026-11-16"
    assert from_chinese("2026年11月16日14时5分") == "2026-11-16 14:05"
    assert from_chinese("11月16日") == "11月16日"  # no year known: left for the caller to refuse
    assert parse_time("2026年11月16日", SHANGHAI, deadline=True) == datetime(2026, 11, 17, tzinfo=SHANGHAI)


def test_chinese_dates_at_the_command_line(book):
    out = book("file", "--channel", "phone", "--summary", "x", "--received", "11月16日 9:30", "--format", "json",
               now="2026年11月16日 14:05").output
    assert '"received": "2026-11-16T09:30:00+08:00"' in book("show", "001", "--format", "json", now=NOW).output
    assert out
    assert "SG-20261116-001" in book("list", "--from", "11月16日", "--to", "2026年11月16日", "--format", "csv",
                                     now=NOW).output


# -- plaint log in the book's timezone -------------------------------------------------------
def test_log_shows_times_in_the_books_timezone(book, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    book("file", "--channel", "phone", "--summary", "x", now=NOW)
    stamp = subprocess.run(["git", "-C", str(book.root), "log", "-1", "--format=%aI"], capture_output=True,
                           text=True, check=True).stdout.strip()
    assert stamp.endswith("-05:00") or stamp.endswith("-04:00")
    local = datetime.fromisoformat(stamp).astimezone(SHANGHAI)
    assert book("log", "001").output.startswith(f"{local:%Y-%m-%d %H:%M}  ")


def test_every_help_text_has_a_translation():
    import click

    from plaint.commands.app import main
    entries = catalog.read_po()
    texts = []

    def walk(command):
        for obj in [command, *command.params]:
            texts.extend(t for t in (getattr(obj, "_en_help", None) or getattr(obj, "help", None),) if t)
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                walk(sub)
    walk(main)
    assert len(texts) > 100
    assert [t for t in texts if not entries.get(t)] == []


def test_translations_keep_their_placeholders():
    import re
    field = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")
    for msgid, msgstr in catalog.read_po().items():
        if isinstance(msgid, tuple):  # Click formats its plural messages with both forms' names
            msgid, msgstr = " ".join(msgid), msgstr[0]
        names = {m.split("!")[0].split(":")[0] for m in field.findall(msgid)}
        used = {m.split("!")[0].split(":")[0] for m in field.findall(msgstr)}
        assert used <= names, (msgid, msgstr)
        if "%(" in msgid:
            assert set(re.findall(r"%\((\w+)\)", msgstr)) <= set(re.findall(r"%\((\w+)\)", msgid))


def test_an_error_in_chinese(book):
    result = book("--lang", "zh", "file", "--channel", "传真", "--summary", "x", now=NOW, expect=2)
    assert result.stderr == "错误：未知的渠道 '传真'；可选渠道：电话、当面、委托他人、信函、意见箱\n"
    assert book("--lang", "zh", "show", "999", expect=2).stderr.startswith("错误：")


def test_the_form_in_chinese_reads_back_both_languages(book):
    from plaint.book import Book
    from plaint.forms import blank_form, parse_form
    policy = Book(book.root).policy
    i18n.reset("zh")
    text = blank_form(policy)
    assert "新投诉" in text and "渠道: " in text and "详情（此行以下全部）：" in text
    filled = text.replace("渠道: ", "渠道: 电话").replace("摘要: ", "摘要: 暖气不热") + "三楼\n"
    values, errors = parse_form(filled, policy)
    assert errors == [] and values["channel"] == "电话" and values["summary"] == "暖气不热"
    assert values["details"] == "三楼"
    english, errors = parse_form("Channel: phone\nSummary: Cold\nDetails (everything below this line):\nx\n", policy)
    assert errors == [] and english["channel"] == "phone" and english["details"] == "x"


def test_the_operating_systems_reason_is_said_in_chinese(book, tmp_path):
    """A Chinese desk read `无法读取草稿 …：No such file or directory`: the OS's reason (Python words it in
    English whatever the locale) now goes through the catalog; English is unchanged."""
    missing = tmp_path / "nowhere.txt"
    zh = book("--lang", "zh", "file", "--draft", str(missing), expect=2).stderr
    assert zh == f"错误：无法读取草稿 {missing}：没有这个文件或文件夹\n"
    en = book("file", "--draft", str(missing), expect=2).stderr
    assert en == f"Error: cannot read the draft {missing}: No such file or directory\n"
    assert i18n.OS_REASONS <= set(catalog.read_po())  # every reason it knows has its translation
