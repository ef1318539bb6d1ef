"""Reading the State Council's holiday notice: the official texts reproduce cn.toml exactly.

Fixtures in tests/notices/ (see tests/notices/README.md for where each text comes from).
"""

import re
from datetime import date
from pathlib import Path

import pytest

from plaint.errors import UsageError
from plaint.notice import decode_notice, parse_notice, to_toml
from plaint.storage.resources import template_file

NOTICES = Path(__file__).parent / "notices"


def notice_text(name: str) -> str:
    return (NOTICES / f"{name}.txt").read_text(encoding="utf-8")


def shipped_block(year: int) -> str:
    """cn.toml's `[years.YYYY]` table, verbatim."""
    text = Path(template_file("calendars", "cn.toml")).read_text(encoding="utf-8")
    start = text.index(f"[years.{year}]")
    end = text.find("\n\n", start)
    return text[start:] if end < 0 else text[start:end + 1]


@pytest.mark.parametrize("name, year", [("2024-gov", 2024), ("2025-gov", 2025), ("2026-xinhua", 2026)])
def test_official_notices_reproduce_cn_toml_exactly(name, year):
    notice = parse_notice(notice_text(name), year, name)
    assert to_toml(notice) == shipped_block(year).rstrip("\n") + "\n"
    assert notice.notes == []


def test_a_web_page_with_half_width_punctuation_and_debris_gives_the_same_days():
    page = parse_notice(notice_text("2025-webpage-halfwidth"), 2025)
    official = parse_notice(notice_text("2025-gov"), 2025)
    assert page.off == official.off and page.work == official.work
    assert page.source == "国务院办公厅关于2025年部分节假日安排的通知, 2024-11-12 (Xinhua, 2024-11-12)"


def test_full_and_half_width_punctuation_read_alike():
    full = notice_text("2026-xinhua")
    half = full.translate(str.maketrans("（），：。", "(),:."))
    assert "（" not in half and "。" not in half
    assert parse_notice(half, 2026) == parse_notice(full, 2026)
    fullwidth_digits = full.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_notice(fullwidth_digits, 2026).off == parse_notice(full, 2026).off


def test_numbered_lines_that_are_not_holidays_are_ignored():
    text = notice_text("2024-gov") + "\n相关阅读\n一、通知要求：5月6日（星期一）放假。\n"
    assert parse_notice(text, 2024) == parse_notice(notice_text("2024-gov"), 2024)


def test_make_up_days_listed_with_plain_commas():
    full = notice_text("2026-xinhua")
    commas = full.replace("（周六）、2月28日", "（周六），2月28日").replace("（周日）、10月10日", "（周日）,10月10日")
    assert commas != full
    assert parse_notice(commas, 2026).work == parse_notice(full, 2026).work


def test_crlf_and_gb18030_as_windows_saves_it():
    raw = notice_text("2024-gov").replace("\n", "\r\n").encode("gb18030")
    assert parse_notice(decode_notice(raw, "n.txt"), 2024) == parse_notice(notice_text("2024-gov"), 2024)
    with pytest.raises(UsageError, match="not text in UTF-8 or GB18030"):
        decode_notice(b"\xff\xfe\x00\x81\x30", "n.txt")


def holidays_year(year):
    holidays = pytest.importorskip("holidays")
    reference = holidays.China(years=year)
    off = {d for d in reference if d.weekday() < 5 and d.year == year}
    work = set()
    for name in reference.values():
        for month, day, y in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            work.add(date(int(y), int(month), int(day)))
    return off, {d for d in work if d.year == year}


def weekdays_off(notice):
    days = set()
    for first, last, _ in notice.off:
        while first <= last:
            if first.weekday() < 5:
                days.add(first)
            first = date.fromordinal(first.toordinal() + 1)
    return days


def test_older_wording_with_star_weekdays_and_html_debris():
    """2017: `1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。`, and 补休."""
    notice = parse_notice(notice_text("2017-html"), 2017, "2017-html")
    assert notice.off[1] == (date(2017, 1, 27), date(2017, 2, 2), "春节 Spring Festival")
    assert notice.work[:2] == [(date(2017, 1, 22), "春节调休上班 Spring Festival make-up workday"),
                               (date(2017, 2, 4), "春节调休上班 Spring Festival make-up workday")]
    assert notice.off[0] == (date(2017, 1, 1), date(2017, 1, 2), "元旦 New Year's Day")  # 1月2日（星期一）补休
    assert notice.source == "国务院办公厅关于2017年部分节假日安排的通知, 国办发明电〔2016〕17号, 2016-12-01"
    assert (weekdays_off(notice), {d for d, _ in notice.work}) == holidays_year(2017)


def test_a_block_reaching_into_the_previous_year_keeps_this_years_days_and_says_so():
    notice = parse_notice(notice_text("2023-forum"), 2023, "2023-forum")
    assert notice.off[0] == (date(2023, 1, 1), date(2023, 1, 2), "元旦 New Year's Day")
    assert notice.notes == ["2023-forum:9: 2022-12-31 to 2023-01-02 reaches into another year: "
                            "2023 keeps 2023-01-01 to 2023-01-02"]
    assert (weekdays_off(notice), {d for d, _ in notice.work}) == holidays_year(2023)


def test_a_wrong_weekday_is_refused_naming_the_line():
    text = notice_text("2026-xinhua").replace("5月9日（周六）上班", "5月9日（周日）上班")
    with pytest.raises(UsageError) as caught:
        parse_notice(text, 2026, "notice.txt")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "5月9日（周日）" in l)
    assert caught.value.message == (f"notice.txt:{line}: 5月9日 is Saturday (周六) in 2026, but the notice prints "
                                    "周日 beside it; check the notice")


def test_a_wrong_weekday_in_the_older_wording_is_refused_too():
    text = notice_text("2017-html").replace("2月4日（星期六）", "2月4日（星期日）")
    with pytest.raises(UsageError, match=r"^2017-html:9: 2月4日 is Saturday \(周六\) in 2017, but the notice "
                                         r"prints 星期日"):
        parse_notice(text, 2017, "2017-html")


def test_a_block_whose_length_disagrees_is_refused():
    text = notice_text("2024-gov").replace("2月10日至17日放假调休，共8天", "2月10日至18日放假调休，共8天")
    with pytest.raises(UsageError, match=r"^n:11: 2024-02-10 to 2024-02-18 is 9 days, but the notice says 共8天"):
        parse_notice(text, 2024, "n")


@pytest.mark.parametrize("change, says", [
    (("2026年部分节假日安排的通知，全文", "2027年部分节假日安排的通知，全文"), "this is the notice for 2027, not 2026"),
    (("国务院办公厅关于2026年部分节假日安排的通知", "通知"), "no title 国务院办公厅关于2026年部分节假日安排的通知 found"),
    (("　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。", ""), "the notice names no 端午节 (Dragon Boat Festival)"),
    (("　　2025年11月4日", ""), None),  # the Xinhua dateline still dates it
    (("9月20日（周日）", "9月31日（周日）"), "9月31日(周日) is not a date"),
])
def test_incomplete_or_doubtful_notices(change, says):
    old, new = change
    text = notice_text("2026-xinhua").replace(old, new)
    if says is None:
        assert parse_notice(text, 2026).off == parse_notice(notice_text("2026-xinhua"), 2026).off
        return
    with pytest.raises(UsageError, match=re.escape(says)):
        parse_notice(text, 2026)


def test_no_date_at_all_is_refused():
    text = notice_text("2024-gov").replace("2023年10月25日", "")
    with pytest.raises(UsageError, match="the notice's date .* was not found"):
        parse_notice(text, 2024)


def test_source_text_is_escaped_for_toml():
    import tomllib
    notice = parse_notice(notice_text("2024-gov"), 2024)._replace(source='say "hi" \\ \x01')
    assert tomllib.loads(to_toml(notice))["years"]["2024"]["source"] == 'say "hi" \\ \x01'


# -- any weekday changed anywhere is refused, naming its line (property) ---------------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

PRINTED = re.compile(r"日（[^（）]*?(?:周|星期)([一二三四五六日])）")
FIXTURES = {"2024-gov": 2024, "2025-gov": 2025, "2026-xinhua": 2026, "2017-html": 2017}


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(FIXTURES)), pick=st.integers(0, 1000), shift=st.integers(1, 6))
def test_any_wrong_weekday_is_refused_naming_its_line(name, pick, shift):
    text = notice_text(name)
    found = list(PRINTED.finditer(text))
    match = found[pick % len(found)]
    days = "一二三四五六日"
    wrong = days[(days.index(match.group(1)) + shift) % 7]
    changed = text[: match.start(1)] + wrong + text[match.end(1):]
    line = text.count("\n", 0, match.start()) + 1
    with pytest.raises(UsageError) as caught:
        parse_notice(changed, FIXTURES[name], name)
    assert caught.value.message.startswith(f"{name}:{line}: ")
    assert "but the notice prints " in caught.value.message
