"""Working calendars: weekly hours, days off, extra working days, and which years are official.

A year is *official* when the calendar (or the book, see `plaint.bookcal`) has its data, taken
from the published notice; *estimated* when the calendar names an estimate (`estimate = "cn"`:
the statutory holidays, see `plaint.statutory`) and the year lies in its range; else *missing*
(plain weekly pattern). Deadlines that touch a year that is not official are provisional.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plaint.errors import DataError, NotFound, ParseError, located, worded
from plaint.problems import Where
from plaint.storage.resources import line_of, parse_toml, stem, template_file
from plaint.i18n import _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ESTIMATES = ("cn",)  # how a calendar may estimate a year with no data
Hours = tuple[tuple[int, int], ...]  # (start, end) in minutes after local midnight


class Calendar:
    """Which hours of which local dates are working time.

    Each date's hours are turned once into UTC instants (`intervals`), so daylight
    saving is handled by building the day in local time and counting in UTC.
    """

    def __init__(self, name: str, title: str, tz: ZoneInfo, week: list[Hours], workday: Hours,
                 off: dict[date, str], work: dict[date, str], special: dict[date, tuple[Hours, str]],
                 first: date | None, last: date | None, sources: dict[int, str], path: str | None = None,
                 estimate: str | None = None, year_paths: dict[int, str] | None = None):
        self.name, self.title, self.tz = name, title, tz
        self.week, self.workday = week, workday
        self.off, self.work, self.special = off, work, special
        self.first, self.last = first, last
        self.sources, self.path = sources, path
        self.estimate = estimate
        self.year_paths = year_paths or {}  # year -> the file that holds it, when not `path`
        self.gaps = frozenset(range(first.year, last.year + 1)) - set(sources) if first and last else frozenset()
        self.first_ord = first.toordinal() if first else -1
        self.last_ord = last.toordinal() if last else 1 << 40
        self.estimated: dict[date, str] = {}  # filled one year at a time, on first use
        self._estimated_years: set[int] = set()
        self._cache: dict[int, tuple[tuple[float, float], ...]] = {}

    # -- which years are official ------------------------------------------------
    def covers(self, ordinal: int) -> bool:
        """True when the date's year is official (its deadlines are not provisional)."""
        if not self.first_ord <= ordinal <= self.last_ord:
            return False
        return not self.gaps or date.fromordinal(ordinal).year not in self.gaps

    def status(self, year: int) -> str:
        """`official`, `estimated` or `missing`."""
        if self.last is None or year in self.sources:
            return "official"
        if self.estimate:
            from plaint.statutory import estimable
            if estimable(self.estimate, year):
                return "estimated"
        return "missing"

    def next_unofficial_year(self) -> int:
        year = self.last.year + 1 if self.last else date.today().year
        return min(self.gaps) if self.gaps else year

    # -- one day -------------------------------------------------------------
    def hours(self, day: date) -> Hours:
        """Local working hours of a date; estimated holidays, else the weekly pattern, outside the data."""
        if day in self.special:
            return self.special[day][0]
        if day in self.work:
            return self.workday
        if day in self.off or self._estimated_off(day):
            return ()
        return self.week[day.weekday()]

    def _estimated_off(self, day: date) -> bool:
        if not self.estimate or self.covers(day.toordinal()):
            return False
        year = day.year
        if year not in self._estimated_years:  # the estimate is imported only when a deadline leaves the data
            self._estimated_years.add(year)
            from plaint.statutory import statutory_days
            for when, name in statutory_days(self.estimate, year).items():
                self.estimated.setdefault(when, name)
        return day in self.estimated

    def kind(self, day: date) -> str:
        """`work`, `off`, `estimated` (an estimated holiday), `special`, `special-off` or `` (plain day)."""
        if day in self.special:
            return "special" if self.special[day][0] else "special-off"
        if day in self.work:
            return "work"
        if day in self.off:
            return "off"
        return "estimated" if self._estimated_off(day) else ""

    def why(self, day: date) -> tuple[str, str]:
        """Why a date is what it is, as (kind, name) for `--explain` and the month grid: `special` or
        `special-off` (the book's name for it), `work`, `off` or `estimated` (the holiday's name as
        the data has it), `working` or `weekend` (no name). `plaint.render.deadline` words it."""
        kind = self.kind(day)
        if kind in ("special", "special-off"):
            return kind, self.special[day][1]
        if kind in ("work", "off"):
            return kind, (self.work if kind == "work" else self.off)[day]
        if kind == "estimated":
            return kind, self.estimated[day]
        return ("working" if self.week[day.weekday()] else "weekend"), ""

    def provisional_year(self, *years: int) -> int:
        """The year a warning about provisional deadlines names: the first of `years` (a deadline's
        start, its due) that is not official, else the first year that is not (its status and the
        fix follow from `status` and `estimate`)."""
        return next((year for year in years if self.status(year) != "official"), None) or self.next_unofficial_year()

    def intervals(self, ordinal: int) -> tuple[tuple[float, float], ...]:
        """The working intervals of a local date as UTC timestamps (cached)."""
        found = self._cache.get(ordinal)
        if found is None:
            day = date.fromordinal(ordinal)
            found = tuple((self._instant(day, start), self._instant(day, end))
                          for start, end in self.hours(day))
            self._cache[ordinal] = found
        return found

    def _instant(self, day: date, minute: int) -> float:
        if minute >= 1440:
            day, minute = day + timedelta(days=1), minute - 1440
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                        tzinfo=self.tz).timestamp()

    # -- layering --------------------------------------------------------------
    def _copy(self, **changes) -> "Calendar":
        fields = dict(name=self.name, title=self.title, tz=self.tz, week=self.week, workday=self.workday,
                      off=self.off, work=self.work, special=self.special, first=self.first, last=self.last,
                      sources=self.sources, path=self.path, estimate=self.estimate, year_paths=self.year_paths)
        fields.update(changes)
        return Calendar(**fields)

    def with_years(self, years: dict[int, tuple[dict, dict, str, str]]) -> "Calendar":
        """Whole years of data from elsewhere (the book): each replaces the calendar's own year."""
        if not years:
            return self
        off = {d: n for d, n in self.off.items() if d.year not in years}
        work = {d: n for d, n in self.work.items() if d.year not in years}
        sources, year_paths = dict(self.sources), dict(self.year_paths)
        for year, (year_off, year_work, source, path) in years.items():
            off.update(year_off)
            work.update(year_work)
            sources[year] = source
            year_paths[year] = path
        first, last = date(min(sources), 1, 1), date(max(sources), 12, 31)
        return self._copy(off=off, work=work, sources=sources, year_paths=year_paths, first=first, last=last)

    def layered(self, overlay: dict, where: str = "") -> "Calendar":
        """A book's own closures, half days, extra working days and hours on top."""
        week, workday = list(self.week), self.workday
        if "week" in overlay:
            week, workday = _read_week(_table(overlay["week"], "[calendar.week]", where), where, self.workday)
        off, work, special = dict(self.off), dict(self.work), dict(self.special)
        for item in _items(overlay, "closures", where):
            for day in _date_range(item, where):
                off[day] = _name(item, "closure", where)
                work.pop(day, None)
        for item in _items(overlay, "extra_workdays", where):
            work[_date(item.get("date"), where)] = _name(item, "extra working day", where)
        for item in _items(overlay, "half_days", where) + _items(overlay, "days", where):
            day = _date(item.get("date"), where)
            special[day] = (_read_hours(item.get("hours"), where), _name(item, "special hours", where))
        _require_hours(week, workday, where)
        return self._copy(week=week, workday=workday, off=off, work=work, special=special)

    def with_timezone(self, tz: ZoneInfo) -> "Calendar":
        return self._copy(tz=tz)


# -- reading the data, every type checked -------------------------------------------
def _table(value, what: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise located(where, _("{where}{what} must be a table, got {value!r}").format(where="", what=what, value=value))
    return value


def _items(table: dict, key: str, where: str) -> list[dict]:
    value = table.get(key, [])
    example = {"off": "{ from = 2027-02-05, to = 2027-02-11, name = \"春节 Spring Festival\" }",
               "work": "{ date = 2027-02-14, name = \"春节调休上班\" }"}.get(key, "{ date = 2027-01-02, name = \"...\" }")
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise located(where, _("{where}`{key}` must be a list of tables like [{example}], got {value!r}").format(where="", key=key, example=example, value=value))
    return value


def _name(item: dict, default: str, where: str) -> str:
    name = item.get("name", default)
    if not isinstance(name, str):
        raise located(where, _("{where}`name` must be text, got {name!r}").format(where="", name=name))
    return name


def _minutes(text: str, where: str) -> int:
    try:
        hh, mm = text.split(":")
        value = int(hh) * 60 + int(mm)
    except ValueError:
        raise located(where, _("{where}bad time {text!r}; write hours as 'HH:MM-HH:MM', e.g. '09:00-12:00'").format(where="", text=text))
    if not 0 <= value <= 1440 or not 0 <= int(mm) < 60:
        raise located(where, _("{where}time {text!r} is outside 00:00-24:00").format(where="", text=text))
    return value


def _read_hours(spans, where: str) -> Hours:
    if not isinstance(spans, list):
        raise located(where, _('{where}hours must be a list like ["09:00-12:00", "13:00-18:00"], got {spans!r}').format(where="", spans=spans))
    result = []
    for span in spans:
        if not isinstance(span, str) or "-" not in span:
            raise located(where, _("{where}bad hours {span!r}; write 'HH:MM-HH:MM', e.g. '09:00-12:00'").format(where="", span=span))
        start, end = (_minutes(part.strip(), where) for part in span.split("-", 1))
        if end <= start or (result and start < result[-1][1]):
            raise located(where, _("{where}hours {span!r} must end after they start and follow the previous span").format(where="", span=span))
        result.append((start, end))
    return tuple(result)


def _read_week(table: dict, where: str, default_workday: Hours = ()) -> tuple[list[Hours], Hours]:
    unknown = set(table) - set(WEEKDAYS) - {"workday"}
    if unknown:
        raise located(where, _("{where}unknown day {value!r} in [week]; use {items} or workday").format(where="", value=sorted(unknown)[0], items=', '.join(WEEKDAYS)))
    week = [_read_hours(table.get(day, []), where) for day in WEEKDAYS]
    workday = _read_hours(table["workday"], where) if "workday" in table else (
        default_workday or next((h for h in week if h), ()))
    return week, workday


def _require_hours(week: list[Hours], workday: Hours, where: str) -> None:
    if not any(week):
        raise located(where, _("{where}the calendar has no working hours at all; give [week] days their hours, e.g. mon "
                          '= ["09:00-12:00", "13:00-18:00"]').format(where=""))


def _date(value, where: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise located(where, _("{where}expected a date like 2026-10-01, got {value!r}").format(where="", value=value))


def _date_range(item: dict, where: str):
    start = _date(item.get("from", item.get("date")), where)
    end = _date(item.get("to", start), where)
    if end < start:
        raise located(where, _("{where}range {start} to {end} ends before it starts").format(where="", start=start, end=end))
    if (end - start).days > 366:
        raise located(where, _("{where}range {start} to {end} is longer than a year").format(where="", start=start, end=end))
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def read_year(key: str, year_data, text: str, path: str) -> tuple[int, dict, dict, str]:
    """One `[years.YYYY]` table: (year, days off, extra working days, source); errors name path:line."""
    header = max(text.find(f"years.{key}]"), 0)

    def where(needle: str | None = None) -> str:
        """The line of `needle` in this year's table (its header line when absent)."""
        found = text.find(needle, header) if needle else -1
        at = found + needle.startswith("\n") if found >= 0 else header
        return Where(path, text.count(chr(10), 0, at) + 1)

    if not (key.isascii() and key.isdigit() and 1900 <= int(key) <= 2200):
        raise located(where(), _("{where}year keys are years 1900-2200, like [years.2026]; got {key!r}").format(where="", key=key))
    year = int(key)
    year_data = _table(year_data, f"[years.{key}]", where())
    source = year_data.get("source")
    if not source or not isinstance(source, str):
        raise located(where(), _("{where}[years.{key}] needs a `source` naming the official notice (text)").format(where="", key=key))
    off: dict[date, str] = {}
    work: dict[date, str] = {}
    for item in _items(year_data, "off", where("\noff")):
        for day in _date_range(item, where("\noff")):
            if day.year != year:
                raise located(where(str(day)), _("{where}{day} is filed under year {year}").format(where="", day=day, year=year))
            off[day] = _name(item, "holiday", where("\noff"))
    for item in _items(year_data, "work", where("\nwork")):
        day = _date(item.get("date"), where("\nwork"))
        if day.year != year:
            raise located(where(str(day)), _("{where}{day} is filed under year {year}").format(where="", day=day, year=year))
        work[day] = _name(item, "extra working day", where("\nwork"))
    clash = sorted(set(off) & set(work))
    if clash:
        raise located(where(str(clash[0])), _("{where}{value} is both a day off and a working day").format(where="", value=clash[0]))
    return year, off, work, source


def calendar_path(name: str) -> str:
    if name.endswith(".toml") or "/" in name:
        return name
    return template_file("calendars", f"{name}.toml")


def available_calendars() -> list[str]:
    return sorted(stem(n) for n in os.listdir(template_file("calendars")) if n.endswith(".toml"))


def read_calendar_text(path: str) -> str:
    """A calendar file's text: a regular file, UTF-8 (anything else is a `path:line:` error)."""
    if not os.path.isfile(path):
        raise DataError(_("{path}: not a regular file; a calendar is a .toml file").format(path=path))
    with open(path, "rb") as handle:
        raw = handle.read(4 << 20)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(path, raw[: exc.start].count(b"\n") + 1, _("not UTF-8 text"))


def load_calendar(name: str, timezone: str | None = None) -> Calendar:
    """Load a shipped calendar by name (`cn`) or a calendar file by path."""
    path = calendar_path(name)
    if not os.path.exists(path):
        raise NotFound(_("no calendar {name!r}; shipped calendars: {items}").format(name=name, items=', '.join(available_calendars())))
    text = read_calendar_text(path)
    return calendar_from_data(parse_toml(text, path), text, path, timezone)


def calendar_from_data(data: dict, text: str, path: str, timezone: str | None = None) -> Calendar:
    def where(needle: str) -> Where:
        return Where(path, line_of(text, needle))

    tz_name = timezone or data.get("timezone") or "UTC"
    try:
        if not isinstance(tz_name, str):
            raise ValueError(tz_name)
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise located(where('timezone'), _("{where}unknown timezone {tz_name!r}; use an IANA name like Asia/Shanghai").format(where="", tz_name=tz_name))
    for key in ("name", "title"):
        if not isinstance(data.get(key, ""), str):
            raise located(where(key), _("{where}`{key}` must be text, got {value!r}").format(where="", key=key, value=data[key]))
    if "week" not in data:
        raise worded(path, 1, _("{path}:1: a calendar needs a [week] table of working hours").format(path=path))
    week, workday = _read_week(_table(data["week"], "[week]", where("[week]")), where("[week]"))
    _require_hours(week, workday, where("[week]"))
    estimate = data.get("estimate")
    if estimate is not None and estimate not in ESTIMATES:
        raise located(where('estimate'), _("{where}unknown estimate {estimate!r}; allowed: {items}").format(where="", estimate=estimate, items=', '.join(ESTIMATES)))
    off: dict[date, str] = {}
    work: dict[date, str] = {}
    sources: dict[int, str] = {}
    for key, year_data in _table(data.get("years", {}), "[years]", where("years")).items():
        year, year_off, year_work, source = read_year(key, year_data, text, path)
        off.update(year_off)
        work.update(year_work)
        sources[year] = source
    unbounded = data.get("unbounded", False)
    if not isinstance(unbounded, bool):
        raise located(where('unbounded'), _("{where}`unbounded` must be true or false, got {unbounded!r}").format(where="", unbounded=unbounded))
    if unbounded:
        first = last = None
    elif sources:
        ordered = sorted(sources)
        missing = sorted(set(range(ordered[0], ordered[-1] + 1)) - set(ordered))
        if missing:
            raise located(where('[years.'), _("{where}year {value} is missing; coverage must not have gaps").format(where="", value=missing[0]))
        first, last = date(ordered[0], 1, 1), date(ordered[-1], 12, 31)
    else:
        raise worded(path, 1, _("{path}:1: a calendar needs [years.YYYY] data or `unbounded = true`").format(path=path))
    return Calendar(data.get("name", stem(path)), data.get("title", stem(path)), tz, week, workday,
                    off, work, {}, first, last, sources, path, estimate)
