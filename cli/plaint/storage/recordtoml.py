"""A strict, fast reader for the TOML layout plaint itself writes (plaint.records through tomlkit).

`loads(text)` returns exactly what `tomllib.loads(text)` returns (the same dicts in the same key
order, the same str, int, bool, list, date and aware datetime values) for text made only of:

    key = value        a bare key, one space either side of `=`; the value one of: a basic
                       string ("..." with TOML's escapes), a multi-line basic string (three double quotes
                       either side, no line-ending backslash), a decimal integer, true or false, a date
                       (2026-01-02), a datetime with its offset or Z (2026-03-01T00:26:00+08:00,
                       up to 6 decimals of a second), an array of basic strings (["a", "b"])
    [name] [a.b]       a table of bare keys, each defined once
    [[name]]           an array of tables (one bare key)
    empty lines

and None for anything else: a comment, other whitespace, a literal string, a float, an inline
table, a dotted key, a duplicate key or table, a control character, an invalid date, a line it
does not match whole. The caller then parses with tomllib, so a file plaint did not write (or a
hand edit) reads exactly as before and every error message stays tomllib's. It does four to six
times less work than tomllib on a record: the cold read of a big book is mostly parsing.
tests/test_recordtoml.py checks it against tomllib (generated records and damaged texts).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

_CONTROL = _KEY = _TABLE = _ARRAY_OF_TABLES = _STRING = _ARRAY = _MULTILINE_BODY = _ESCAPE = _INTEGER = _MOMENT = None
_SIMPLE = {'"': '"', "\\": "\\", "b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r"}


def _compile() -> None:
    """The patterns, made on the first read (a command that reads no record does not pay for them)."""
    global _CONTROL, _KEY, _TABLE, _ARRAY_OF_TABLES, _STRING, _ARRAY, _MULTILINE_BODY, _ESCAPE, _INTEGER, _MOMENT
    escapes = r'\\(?:["\\btnfr]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})'
    string = rf'"[^"\\]*(?:{escapes}[^"\\]*)*"'
    _KEY = re.compile(r"[A-Za-z0-9_-]+")
    _TABLE = re.compile(r"\[([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\]")
    _ARRAY_OF_TABLES = re.compile(r"\[\[([A-Za-z0-9_-]+)\]\]")
    _STRING = re.compile(rf'"([^"\\]*(?:{escapes}[^"\\]*)*)"')
    _ARRAY = re.compile(rf"\[(?:{string}(?:, {string})*)?\]")
    _MULTILINE_BODY = re.compile(rf"[^\\]*(?:{escapes}[^\\]*)*")
    _ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(["\\btnfr]))')
    _INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
    # tomllib's own ranges for each field (RE_DATETIME); an offset is required (a local time declines).
    _MOMENT = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
                         r"(?:T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,6}))?"
                         r"(?:(Z)|([+-])([01][0-9]|2[0-3]):([0-5][0-9])))?")
    _CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # never in a file this reader takes (tab and newline are)


_KEYS: set = set()  # bare keys already seen (a set look-up instead of a match)
_ZONES: dict = {}  # "+08:00" -> its timezone (as tomllib's cached_tz makes it)


class _Decline(Exception):
    """Not in the subset: tomllib decides."""


def loads(text: str) -> dict | None:
    """The document as tomllib returns it, or None when `text` is not in the subset."""
    if _CONTROL is None:
        _compile()
    if _CONTROL.search(text) is not None:
        return None
    try:
        return _document(text.split("\n"))
    except (_Decline, ValueError, OverflowError):  # ValueError: a date no calendar has (2026-02-30)
        return None


def _document(lines: list[str]) -> dict:
    root: dict = {}
    table, made = root, set()  # made: ids of the tables and arrays of tables defined by a header
    moments: dict = {}  # each datetime text of this document, made once
    keys = _KEYS
    at, count = 0, len(lines)
    while at < count:
        line = lines[at]
        at += 1
        key, sep, raw = line.partition(" = ")
        if not sep:
            if line:
                table = _header(root, line, made)
            continue
        if key in table or (key not in keys and not _bare(key)):
            raise _Decline
        first = raw[:1]
        if first == '"':
            if raw[:3] == '"""':
                table[key], at = _multiline(raw[3:], lines, at)
                continue
            body = raw[1:-1]
            if raw[-1] == '"' and len(raw) > 1 and '"' not in body and "\\" not in body:
                table[key] = body
                continue
        elif first == "2" or first == "1":
            value = moments.get(raw)
            if value is None:
                value = moments[raw] = _value(raw)
            table[key] = value
            continue
        table[key] = _value(raw)
    return root


def _bare(key: str) -> bool:
    if _KEY.fullmatch(key) is None:
        return False
    if len(_KEYS) < 4096:
        _KEYS.add(key)  # the few keys records use, known after their first file
    return True


def _header(root: dict, line: str, made: set) -> dict:
    """The table `[a.b]` or the new entry of `[[name]]` opens (key-value lines go there next)."""
    if line[:2] == "[[":
        match = _ARRAY_OF_TABLES.fullmatch(line)
        if match is None:
            raise _Decline
        entries = root.get(match.group(1))
        if entries is None:
            entries = root[match.group(1)] = []
            made.add(id(entries))
        elif id(entries) not in made or type(entries) is not list:
            raise _Decline  # a key's array, or a table, of that name
        entries.append({})
        return entries[-1]
    match = _TABLE.fullmatch(line)
    if match is None:
        raise _Decline
    *path, last = match.group(1).split(".")
    table = root
    for part in path:  # a super-table ([extensions] of [extensions.respond]) made if missing
        inner = table.get(part)
        if inner is None:
            inner = table[part] = {}
        elif type(inner) is not dict:
            raise _Decline  # a value, or an array of tables (tomllib would go into its last entry)
        table = inner
    inner = table.get(last)
    if inner is None:
        inner = table[last] = {}
    elif type(inner) is not dict or id(inner) in made:
        raise _Decline  # defined twice, or not a table
    made.add(id(inner))
    return inner


def _value(raw: str):
    first = raw[:1]
    if first == '"':
        body = raw[1:-1]
        if raw[-1:] == '"' and len(raw) > 1 and '"' not in body and "\\" not in body:
            return body
        match = _STRING.fullmatch(raw)
        if match is None:
            raise _Decline
        return _unescape(match.group(1))
    if first == "[":
        if _ARRAY.fullmatch(raw) is None:
            raise _Decline
        return [_unescape(match.group(1)) for match in _STRING.finditer(raw)]
    if raw == "true":
        return True
    if raw == "false":
        return False
    if len(raw) >= 10 and raw[4] == "-":
        return _moment(raw)
    if _INTEGER.fullmatch(raw) is None:
        raise _Decline
    return int(raw)


def _moment(raw: str):
    match = _MOMENT.fullmatch(raw)
    if match is None:
        raise _Decline
    year, month, day, hour, minute, second, fraction, zulu, sign, zone_hour, zone_minute = match.groups()
    if hour is None:
        return date(int(year), int(month), int(day))
    if zulu:
        zone = timezone.utc
    else:
        zone = _ZONES.get(raw[-6:])
        if zone is None:
            step = 1 if sign == "+" else -1
            zone = _ZONES[raw[-6:]] = timezone(timedelta(hours=step * int(zone_hour), minutes=step * int(zone_minute)))
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tzinfo=zone)


def _multiline(rest: str, lines: list[str], at: int) -> tuple[str, int]:
    """A `\"\"\"` string's value (`rest`: its first line after the quotes) and the next line's index."""
    parts = [rest]
    while '"""' not in parts[-1]:
        if at >= len(lines):
            raise _Decline  # never closed
        parts.append(lines[at])
        at += 1
    text = "\n".join(parts)
    end = text.find('"""')
    closing = text[end:]
    quotes = len(closing) - len(closing.lstrip('"'))
    if quotes > 5 or quotes != len(closing):
        raise _Decline  # more after the closing quotes (a comment, another value) or too many quotes
    body = text[:end]
    if body[:1] == "\n":
        body = body[1:]  # a newline right after the opening quotes is not part of the value
    if "\\" in body:
        if _MULTILINE_BODY.fullmatch(body) is None:
            raise _Decline  # a line-ending backslash, or an escape TOML does not have
        body = _unescape(body)
    return body + '"' * (quotes - 3), at


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body
    return _ESCAPE.sub(_escaped, body)


def _escaped(match) -> str:
    short, long, simple = match.groups()
    if simple is not None:
        return _SIMPLE[simple]
    code = int(short or long, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _Decline  # not a Unicode scalar value: tomllib refuses it
    return chr(code)
