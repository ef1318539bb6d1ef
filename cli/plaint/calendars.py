"""Working calendars: weekly hours, days off, extra working days, and their coverage."""

from __future__ import annotations

from datetime import date, datetime, timedelta
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plaint.errors import DataError, NotFound
from plaint.resources import line_of, parse_toml, read_text, stem, template_file

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Hours = tuple[tuple[int, int], ...]  # (start, end) in minutes after local midnight


class Calendar:
    """Which hours of which local dates are working time.

    Each date's hours are turned once into UTC instants (`intervals`), so daylight
    saving is handled by building the day in local time and counting in UTC.
    """

    def __init__(self, name: str, title: str, tz: ZoneInfo, week: list[Hours], workday: Hours,
                 off: dict[date, str], work: dict[date, str], special: dict[date, tuple[Hours, str]],
                 first: date | None, last: date | None, sources: dict[int, str], path: str | None = None):
        self.name, self.title, self.tz = name, title, tz
        self.week, self.workday = week, workday
        self.off, self.work, self.special = off, work, special
        self.first, self.last = first, last
        self.sources, self.path = sources, path
        self.first_ord = first.toordinal() if first else -1
        self.last_ord = last.toordinal() if last else 1 << 40
        self._cache: dict[int, tuple[tuple[float, float], ...]] = {}

    # -- one day -------------------------------------------------------------
    def hours(self, day: date) -> Hours:
        """Local working hours of a date; the plain weekly pattern outside the coverage."""
        if day in self.special:
            return self.special[day][0]
        if day in self.work:
            return self.workday
        if day in self.off:
            return ()
        return self.week[day.weekday()]

    def note(self, day: date) -> str:
        """Why a date is what it is, for `--explain` and the month grid."""
        if day in self.special:
            return self.special[day][1]
        if day in self.work:
            return f"extra working day: {self.work[day]}"
        if day in self.off:
            return f"day off: {self.off[day]}"
        return "working day" if self.week[day.weekday()] else "weekend"

    def provisional_warning(self, what: str) -> str:
        """The stderr line for deadlines computed beyond the data: names the calendar and the year to add."""
        year = self.last.year + 1 if self.last else "?"
        return (f"warning: {what} provisional: calendar {self.name!r} has no data for {year} (computed with the "
                f"plain weekly pattern); add [years.{year}] to {self.path}")

    def covers(self, ordinal: int) -> bool:
        return self.first_ord <= ordinal <= self.last_ord

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
    def layered(self, overlay: dict, where: str = "") -> "Calendar":
        """A book's own closures, half days, extra working days and hours on top."""
        week, workday = list(self.week), self.workday
        if "week" in overlay:
            week, workday = _read_week(overlay["week"], where, self.workday)
        off, work, special = dict(self.off), dict(self.work), dict(self.special)
        for item in overlay.get("closures", []):
            for day in _date_range(item, where):
                off[day] = item.get("name", "closure")
                work.pop(day, None)
        for item in overlay.get("extra_workdays", []):
            work[_date(item.get("date"), where)] = item.get("name", "extra working day")
        for item in overlay.get("half_days", []) + overlay.get("days", []):
            day = _date(item.get("date"), where)
            special[day] = (_read_hours(item.get("hours"), where), item.get("name", "special hours"))
        return Calendar(self.name, self.title, self.tz, week, workday, off, work, special,
                        self.first, self.last, self.sources, self.path)

    def with_timezone(self, tz: ZoneInfo) -> "Calendar":
        return Calendar(self.name, self.title, tz, self.week, self.workday, self.off, self.work,
                        self.special, self.first, self.last, self.sources, self.path)


def _minutes(text: str, where: str) -> int:
    try:
        hh, mm = text.split(":")
        value = int(hh) * 60 + int(mm)
    except ValueError:
        raise DataError(f"{where}bad time {text!r}; write hours as 'HH:MM-HH:MM', e.g. '09:00-12:00'")
    if not 0 <= value <= 1440 or not 0 <= int(mm) < 60:
        raise DataError(f"{where}time {text!r} is outside 00:00-24:00")
    return value


def _read_hours(spans, where: str) -> Hours:
    if not isinstance(spans, list):
        raise DataError(f"{where}hours must be a list like [\"09:00-12:00\", \"13:00-18:00\"]")
    result = []
    for span in spans:
        if not isinstance(span, str) or "-" not in span:
            raise DataError(f"{where}bad hours {span!r}; write 'HH:MM-HH:MM', e.g. '09:00-12:00'")
        start, end = (_minutes(part.strip(), where) for part in span.split("-", 1))
        if end <= start or (result and start < result[-1][1]):
            raise DataError(f"{where}hours {span!r} must end after they start and follow the previous span")
        result.append((start, end))
    return tuple(result)


def _read_week(table: dict, where: str, default_workday: Hours = ()) -> tuple[list[Hours], Hours]:
    unknown = set(table) - set(WEEKDAYS) - {"workday"}
    if unknown:
        raise DataError(f"{where}unknown day {sorted(unknown)[0]!r} in [week]; use {', '.join(WEEKDAYS)} or workday")
    week = [_read_hours(table.get(day, []), where) for day in WEEKDAYS]
    workday = _read_hours(table["workday"], where) if "workday" in table else (
        default_workday or next((h for h in week if h), ()))
    return week, workday


def _date(value, where: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise DataError(f"{where}expected a date like 2026-10-01, got {value!r}")


def _date_range(item: dict, where: str):
    start = _date(item.get("from", item.get("date")), where)
    end = _date(item.get("to", start), where)
    if end < start:
        raise DataError(f"{where}range {start} to {end} ends before it starts")
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def calendar_path(name: str) -> str:
    if name.endswith(".toml") or "/" in name:
        return name
    return template_file("calendars", f"{name}.toml")


def available_calendars() -> list[str]:
    return sorted(stem(n) for n in os.listdir(template_file("calendars")) if n.endswith(".toml"))


def load_calendar(name: str, timezone: str | None = None) -> Calendar:
    """Load a shipped calendar by name (`cn`) or a calendar file by path."""
    path = calendar_path(name)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise NotFound(f"no calendar {name!r}; shipped calendars: {', '.join(available_calendars())}")
    return calendar_from_data(parse_toml(text, path), text, path, timezone)


def calendar_from_data(data: dict, text: str, path: str, timezone: str | None = None) -> Calendar:
    def where(needle: str) -> str:
        return f"{path}:{line_of(text, needle)}: "

    tz_name = timezone or data.get("timezone") or "UTC"
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DataError(f"{where('timezone')}unknown timezone {tz_name!r}; use an IANA name like Asia/Shanghai")
    if "week" not in data:
        raise DataError(f"{path}:1: a calendar needs a [week] table of working hours")
    week, workday = _read_week(data["week"], where("[week]"))
    off: dict[date, str] = {}
    work: dict[date, str] = {}
    sources: dict[int, str] = {}
    years = data.get("years", {})
    for key, year_data in years.items():
        if not key.isdigit():
            raise DataError(f"{where(f'years.{key}')}year keys are numbers, like [years.2026]")
        year = int(key)
        here = where(f"[years.{key}]")
        if not year_data.get("source"):
            raise DataError(f"{here}[years.{key}] needs a `source` naming the official notice")
        sources[year] = year_data["source"]
        for item in year_data.get("off", []):
            for day in _date_range(item, here):
                if day.year != year:
                    raise DataError(f"{here}{day} is filed under year {year}")
                off[day] = item.get("name", "holiday")
        for item in year_data.get("work", []):
            day = _date(item.get("date"), here)
            if day.year != year:
                raise DataError(f"{here}{day} is filed under year {year}")
            work[day] = item.get("name", "extra working day")
    clash = sorted(set(off) & set(work))
    if clash:
        raise DataError(f"{where(str(clash[0]))}{clash[0]} is both a day off and a working day")
    if data.get("unbounded"):
        first = last = None
    elif sources:
        ordered = sorted(sources)
        missing = sorted(set(range(ordered[0], ordered[-1] + 1)) - set(ordered))
        if missing:
            raise DataError(f"{where('[years.')}year {missing[0]} is missing; coverage must not have gaps")
        first, last = date(ordered[0], 1, 1), date(ordered[-1], 12, 31)
    else:
        raise DataError(f"{path}:1: a calendar needs [years.YYYY] data or `unbounded = true`")
    return Calendar(data.get("name", stem(path)), data.get("title", stem(path)), tz, week, workday,
                    off, work, {}, first, last, sources, path)
