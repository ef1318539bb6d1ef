"""Durations as procedures state them: `3 working days`, `2wh`, `same day`, `10 days`."""

from __future__ import annotations

import re
from typing import NamedTuple

from plaint.errors import UsageError
from plaint.i18n import N_, _

# unit -> canonical long name (singular)
UNITS = {
    "wd": "working day",
    "wh": "working hour",
    "wm": "working minute",
    "d": "day",
    "h": "hour",
    "m": "minute",
}
_LONG = {
    "working day": "wd", "working days": "wd",
    "working hour": "wh", "working hours": "wh",
    "working minute": "wm", "working minutes": "wm",
    "day": "d", "days": "d",
    "hour": "h", "hours": "h",
    "minute": "m", "minutes": "m",
}
_PATTERN = re.compile(r"^\s*(\d{1,12})\s*([a-z ]+?)\s*$")

# The longest duration plaint computes with, per unit: ten years of it (a deadline must fit a calendar).
LIMITS = {"wd": 3660, "d": 3660, "wh": 87_840, "h": 87_840, "wm": 5_270_400, "m": 5_270_400}

ACCEPTED = N_(
    "accepted forms: 'N working days|hours|minutes', 'N days|hours|minutes', 'same day', "
    "or short '3wd', '2wh', '90wm', '10d', '1h', '10m'"
)


class Duration(NamedTuple):
    amount: int
    unit: str  # one of UNITS, or "same" for `same day`

    def __str__(self) -> str:
        if self.unit == "same":
            return "same day"
        name = UNITS[self.unit]
        return f"{self.amount} {name}{'' if self.amount == 1 else 's'}"


# A duration as a Chinese desk writes it: 3个工作日, 2工作小时, 10天, 1小时, 10分钟, 当天 (full-width digits too).
_CHINESE = re.compile(r"^(\d{1,12})\s*个?\s*(工作日|工作小时|工作分钟|天|日|小时|时|分钟|分)$")
_CHINESE_UNITS = {"工作日": "wd", "工作小时": "wh", "工作分钟": "wm", "天": "d", "日": "d", "小时": "h", "时": "h",
                  "分钟": "m", "分": "m"}


def _chinese(text: str) -> Duration | None:
    from unicodedata import normalize
    text = normalize("NFKC", text).strip()
    if text == "当天":
        return Duration(0, "same")
    match = _CHINESE.match(text)
    if not match:
        return None
    amount, unit = int(match.group(1)), _CHINESE_UNITS[match.group(2)]
    return Duration(amount, unit) if amount <= LIMITS[unit] else None


def parse_duration(text: str, where: str = "", adds: bool = False) -> Duration:
    """Parse a duration; `where` names the file and field for the error message. `adds`: it must add
    time (an extension): zero is refused, never counted as if it were one working day."""
    found = _parse(text, where)
    if adds and found.amount == 0 and found.unit != "same":
        raise UsageError(_("{where}duration {text!r} adds no time; an extension adds at least one unit, e.g. "
                           "--add 2wd").format(where=where, text=text))
    return found


def _parse(text: str, where: str) -> Duration:
    if not isinstance(text, str):
        raise UsageError(_("{where}duration must be text, got {text!r}; {ACCEPTED}").format(where=where, text=text, ACCEPTED=_(ACCEPTED)))
    cleaned = " ".join(text.lower().split())
    if cleaned in ("same day", "same-day", "same_day"):
        return Duration(0, "same")
    chinese = _chinese(text)
    if chinese is not None:
        return chinese
    match = _PATTERN.match(cleaned)
    if match:
        amount, unit = int(match.group(1)), match.group(2).strip()
        unit = unit if unit in UNITS else _LONG.get(unit)
        if unit and amount > LIMITS[unit]:
            from plaint.words import duration
            raise UsageError(_("{where}duration {text!r} is too long: at most {most} (ten years)").format(
                where=where, text=text, most=duration(Duration(LIMITS[unit], unit))))
        if unit:
            return Duration(amount, unit)
    raise UsageError(_("{where}cannot read duration {text!r}; {ACCEPTED}").format(where=where, text=text, ACCEPTED=_(ACCEPTED)))
