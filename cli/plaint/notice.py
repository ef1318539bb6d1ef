"""The State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知), read as
pasted from a web page, into one year of calendar data: holiday blocks as `off` ranges, the
make-up working days (上班) as `work`, the title, number and date as `source`.

Every date is checked against the weekday printed beside it ((周四), (星期六)) and every block
against its stated length (共8天); a mismatch is refused naming the line. Full- and half-width
punctuation, wrapped titles and the debris around the text on a web page are tolerated.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date, timedelta
from typing import NamedTuple

from plaint.errors import UsageError
from plaint.i18n import _

# zh name: (English name, the short English used for its make-up days)
FESTIVALS = {
    "元旦": ("New Year's Day", "New Year"),
    "春节": ("Spring Festival", "Spring Festival"),
    "清明节": ("Qingming Festival", "Qingming"),
    "劳动节": ("Labour Day", "Labour Day"),
    "端午节": ("Dragon Boat Festival", "Dragon Boat"),
    "中秋节": ("Mid-Autumn Festival", "Mid-Autumn"),
    "国庆节": ("National Day", "National Day"),
}
WEEKDAY_ZH = "一二三四五六日"
_TITLE = re.compile(r"国务院办公厅关于\s*(\d{4})\s*年\s*部分节假日安排的通知")
_NUMBER = re.compile(r"国办发(明电)?\s*[〔\[(]\s*(\d{4})\s*[〕\])]\s*(\d+)\s*号")
_SIGNED = re.compile(r"^[ \t]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", re.M)  # the date under the signature
_XINHUA = re.compile(r"新华社北京\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日电")
_NAME = r"(?:元旦|[\u4e00-\u9fff]{1,6}节)"  # a holiday's name; a new one would end in 节 too
_ITEM = re.compile(rf"([一二三四五六七八九十]{{1,3}})\s*、\s*({_NAME}(?:\s*[、和]\s*{_NAME})*)\s*:")
_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*\(([^()]{0,30})\))?")
_PRINTED_DAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")


class Notice(NamedTuple):
    year: int
    source: str
    off: list[tuple[date, date, str]]  # (first, last, name), in the notice's order
    work: list[tuple[date, str]]       # make-up working days, by date
    notes: list[str]                   # what was left out, and why


class _Item(NamedTuple):
    names: list[str]
    body: str
    start: int  # offset of the body in the normalised text


def decode_notice(raw: bytes, name: str) -> str:
    """A pasted notice's text: UTF-8 (with or without BOM), else GB18030 as Chinese Windows saves it."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError(_("{name}: not text in UTF-8 or GB18030; save the notice as UTF-8 text").format(name=name))


def normalise(text: str) -> str:
    """Half-width punctuation and digits, no HTML tags or entities; the same lines as the input."""
    text = html.unescape(re.sub(r"<[^<>\n]*>", " ", text.replace("\r\n", "\n").replace("\r", "\n")))
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ")


def parse_notice(text: str, year: int, name: str = "notice") -> Notice:
    """The year's data from the notice's text; a UsageError naming `name:line` for anything doubtful."""
    text = normalise(text)

    def line(offset: int) -> str:
        return f"{name}:{text.count(chr(10), 0, offset) + 1}: "

    title = _TITLE.search(text)
    if not title:
        raise UsageError(_("{name}: no title 国务院办公厅关于{year}年部分节假日安排的通知 found; paste the whole notice, from its "
                           "title to the date under it").format(name=name, year=year))
    if int(title.group(1)) != year:
        raise UsageError(_("{line}this is the notice for {value}, not {year}").format(line=line(title.start()), value=title.group(1), year=year))
    items = _items(text)
    if not items:
        raise UsageError(_("{name}: no numbered holiday items (一、元旦:...) found; paste the whole notice").format(name=name))
    off: list[tuple[date, date, str]] = []
    work: dict[date, str] = {}
    notes: list[str] = []
    for item in items:
        _read_item(item, year, text, line, off, work, notes)
    named = {n for item in items for n in item.names}
    missing = [zh for zh in FESTIVALS if zh not in named]
    if missing:
        raise UsageError(_("{name}: the notice names no {value} ({value2}); paste the whole notice, every numbered "
                           "item").format(name=name, value=missing[0], value2=FESTIVALS[missing[0]][0]))
    off_days = {first + timedelta(days=n): None for first, last, _unused in off for n in range((last - first).days + 1)}
    clash = sorted(set(off_days) & set(work))
    if clash:
        raise UsageError(_("{name}: {value} is both a holiday and a working day in the notice").format(name=name, value=clash[0]))
    return Notice(year, _source(text, title, items, year, name), off, sorted(work.items()), notes)


def _items(text: str) -> list[_Item]:
    found = list(_ITEM.finditer(text))
    items = []
    for index, match in enumerate(found):
        names = [n for n in re.split(r"\s*[、和]\s*", match.group(2)) if n]
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        body = text[match.end():end]
        paragraph = re.search(r"[。.]\s*\n|\n\s*\n", body)  # an item ends with its paragraph
        items.append(_Item(names, body[: paragraph.start() + 1] if paragraph else body, match.end()))
    return items


def _names(names: list[str]) -> tuple[str, str]:
    """cn.toml's names: `国庆节、中秋节 National Day and Mid-Autumn Festival`, `国庆节调休上班 National
    Day make-up workday` (make-up days carry the first festival's name)."""
    zh = "、".join(names)
    english = " and ".join(FESTIVALS.get(n, (n, n))[0] for n in names)
    first = names[0]
    return (f"{zh} {english}" if english != zh else zh,
            f"{first}调休上班 {FESTIVALS[first][1]} make-up workday" if first in FESTIVALS else f"{first}调休上班")


def _clauses(sentence: str, offset: int, year: int, line):
    """(kind, [(date, offset)], clause) for each clause that says what its dates are: `work` (上班),
    `off` (补休: each date a day off) or `range` (放假: a block, `至` between two dates). Dates in
    clauses that say nothing (`1月22日（星期日）,2月4日（星期六）上班`) go with the next one."""
    pending: list[tuple[date, int]] = []
    month = None
    for clause in re.finditer(r"[^,]+", sentence):
        at = offset + clause.start()
        for match in _DATE.finditer(clause.group()):
            day, month = _day(match, year, month, line(at + match.start()))
            pending.append((day, at + match.start()))
        words = clause.group()
        kind = "work" if "上班" in words else "off" if "补休" in words else "range" if "放假" in words else ""
        if kind:
            yield kind, pending, words
            pending = []


def _read_item(item: _Item, year: int, text: str, line, off: list, work: dict, notes: list) -> None:
    off_name, work_name = _names(item.names)
    for sentence in re.finditer(r"[^。.;]+", item.body):
        for kind, days, clause in _clauses(sentence.group(), item.start + sentence.start(), year, line):
            if kind == "work":
                for day, at in days:
                    _keep(day, year, notes, line(at), lambda d: work.__setitem__(d, work_name))
                continue
            if kind == "range" and len(days) == 2 and re.search(r"[至到~-]", clause):
                ranges = [(days[0][0], days[1][0], days[0][1])]
            else:
                ranges = [(d, d, at) for d, at in days]
            for start, end, at in ranges:
                if end < start:
                    raise UsageError(_("{line}the holiday {start} to {end} ends before it starts").format(line=line(at), start=start, end=end))
                _check_total(sentence.group(), start, end, line(at))
                _add_range(start, end, year, off_name, off, notes, line(at))


def _day(match, year: int, month: int | None, where: str) -> tuple[date, int]:
    given_year, given_month, given_day, printed = match.groups()
    month = int(given_month) if given_month else month
    if month is None:
        raise UsageError(_("{where}{value} has no month").format(where=where, value=match.group().strip()))
    try:
        day = date(int(given_year) if given_year else year, month, int(given_day))
    except ValueError:
        raise UsageError(_("{where}{value} is not a date").format(where=where, value=match.group().strip()))
    weekday = _PRINTED_DAY.search(printed or "")
    if weekday:
        said = WEEKDAY_ZH.index(weekday.group(1).replace("天", "日"))
        if said != day.weekday():
            raise UsageError(_("{where}{month}月{day}日 is {day2:%A} (周{value}) in {year}, but the notice prints "
                               "{value2} beside it; check the notice").format(where=where, month=day.month, day=day.day, day2=day, value=WEEKDAY_ZH[day.weekday()], year=day.year, value2=weekday.group()))
    return day, month


def _check_total(sentence: str, start: date, end: date, where: str) -> None:
    total = re.search(r"共\s*(\d+)\s*天", sentence)
    if total and int(total.group(1)) != (end - start).days + 1:
        raise UsageError(_("{where}{start} to {end} is {value} days, but the notice says {value2}; check the notice").format(where=where, start=start, end=end, value=(end - start).days + 1, value2=total.group().replace(' ', '')))


def _keep(day: date, year: int, notes: list, where: str, add) -> None:
    if day.year == year:
        add(day)
    else:
        notes.append(_("{where}{day} belongs to {year}: left out of {year2} (it is part of {year}'s data)").format(where=where, day=day, year=day.year, year2=year))


def _add_range(start: date, end: date, year: int, name: str, off: list, notes: list, where: str) -> None:
    first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
    if (first, last) != (start, end):
        notes.append(_("{where}{start} to {end} reaches into another year: {year} keeps {first} to {last}").format(where=where, start=start, end=end, year=year, first=first, last=last))
    if first > last:
        return
    if off and off[-1][2] == name and off[-1][1] + timedelta(days=1) == first:
        off[-1] = (off[-1][0], last, name)  # 1月1日放假，1月2日补休: one block
    else:
        off.append((first, last, name))


def _source(text: str, title, items: list[_Item], year: int, name: str) -> str:
    number = _NUMBER.search(text)
    after = items[-1].start if items else title.end()
    signed = _SIGNED.search(text, after)
    xinhua = _XINHUA.search(text)
    when = date(*(int(g) for g in signed.groups())) if signed else None
    parts = [f"国务院办公厅关于{year}年部分节假日安排的通知"]
    if number:
        parts.append(f"国办发{number.group(1) or ''}〔{number.group(2)}〕{number.group(3)}号")
    if xinhua:
        wire = date(when.year if when else year - 1, int(xinhua.group(1)), int(xinhua.group(2)))
        when = when or wire
    if when is None:
        raise UsageError(_("{name}: the notice's date (the line like {value}年11月4日 under 国务院办公厅) was not found; "
                           "paste the whole notice, down to its date").format(name=name, value=year - 1))
    parts.append(when.isoformat())
    return ", ".join(parts) + (f" (Xinhua, {wire.isoformat()})" if xinhua else "")


def to_toml(notice: Notice) -> str:
    """The `[years.YYYY]` table exactly as templates/calendars/cn.toml writes one."""
    lines = [f"[years.{notice.year}]", f"source = {_string(notice.source)}", "off = ["]
    lines += [f"  {{ from = {a}, to = {b}, name = {_string(n)} }}," for a, b, n in notice.off]
    lines.append("]")
    if notice.work:
        lines.append("work = [")
        lines += [f"  {{ date = {d}, name = {_string(n)} }}," for d, n in notice.work]
        lines.append("]")
    else:
        lines.append("work = []")
    return "\n".join(lines) + "\n"


def _string(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped) + '"'
