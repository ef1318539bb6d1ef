"""What the read cache keeps of each record besides its data, in columns SQLite can test: the
summary (status, severity, validity, category; received and closed as integer microseconds) and
what assess() says of the case from when it settles on (plaint.assess.standing), with the SQL of
the readers' hints (`alarm_where` for overdue, `period_where` for report) and `Summary`, the same
tests in Python for a row or a freshly parsed record."""

from __future__ import annotations

SUMMARY_TEXT = ("status", "severity", "validity", "category")

EPOCH = None  # set on first use: the UTC epoch, for times kept as integer microseconds


def _epoch():
    global EPOCH
    if EPOCH is None:
        from datetime import datetime, timezone
        EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
    return EPOCH


def micros(moment) -> int:
    """An aware datetime as exact integer microseconds since the epoch (no float rounding)."""
    from datetime import timedelta
    return (moment - _epoch()) // timedelta(microseconds=1)


def moment_of(value: int):
    """The aware (UTC) datetime `micros` made `value` of."""
    from datetime import timedelta
    return _epoch() + timedelta(microseconds=value)


def alarm_where(now_us: int, soon_us: int | None, fingerprint: str) -> tuple[str, tuple]:
    """SQL for Summary.may_alarm (`overdue`'s hint), on `files`. Not the status: a case properly
    revisited settles with no clock running, one marked revisited by hand is judged like any other.
    (An index on these columns was measured: no faster at 100,000 records, and a cost to every write.)"""
    bound = now_us - 1 if soon_us is None else max(now_us - 1, soon_us)
    return ("(policy IS NOT ? OR settled IS NULL OR settled > ? OR next_due <= ?)",
            (fingerprint, now_us, bound))


def period_where(periods: list[tuple[int, int, int]]) -> tuple[str, tuple]:
    """SQL for: received in [start, end) of a period, or by its cutoff and not closed before it
    (`report`'s hint; times in microseconds), on `files`."""
    terms, params = [], []
    for start, end, cutoff in periods:
        terms.append("(received >= ? AND received < ?) OR (received <= ? AND (closed IS NULL OR closed >= ?))")
        params += [start, end, cutoff, cutoff]
    return f"(received IS NOT NULL AND ({' OR '.join(terms) or '0'}))", tuple(params)


def summary_of(data: dict, policy=None, fingerprint: str | None = None) -> tuple:
    """(opaque, status, severity, validity, category, received, closed, settled, next_due, policy,
    standing) as stored in the columns.

    Opaque when a field has a type the summary cannot stand for: such a record is always read.
    The last four are what plaint.assess.standing says under `policy` (None: unknown)."""
    from datetime import datetime

    values = [data.get(key) for key in SUMMARY_TEXT]
    times = data.get("times", {})
    received = data.get("received")
    closed = times.get("closed") if isinstance(times, dict) else None
    opaque = (not isinstance(times, dict) or any(v is not None and not isinstance(v, str) for v in values)
              or any(t is not None and not (isinstance(t, datetime) and t.utcoffset() is not None)
                     for t in (received, closed)))
    judged = (None, None, None, None)
    if policy is not None and fingerprint:  # judged: settled None means "assess it every time"
        judged = judge(data, policy, fingerprint)[0]
    if opaque:
        return (1, None, None, None, None, None, None, *judged)
    return (0, *values, None if received is None else micros(received), None if closed is None else micros(closed),
            *judged)


SHOWN = ("id", "status", "summary", "handler", "department")  # what overdue shows of a settled case


def judge(data: dict, policy, fingerprint: str) -> tuple[tuple, object]:
    """(settled, next_due, policy, standing) for the columns, and the case's plaint.assess.standing
    itself, as a `Known` (its segments). The stored standing also keeps the record's SHOWN fields
    (`shown`), so a reader of a settled case needs no record; a record every reader refuses under
    the policy (an undefined severity...) is never judged."""
    from plaint.assess import standing
    from plaint.schema import vocabulary_problems

    found = None if vocabulary_problems(data, policy) else standing(data, policy)
    if found is None:
        return (None, None, fingerprint, None), None
    dues = [micros(segment.earliest) for segment in found if segment.earliest is not None]
    blob = pack(found, {key: data[key] for key in SHOWN if key in data})
    # a standing that cannot be packed: the columns still pass over a quiet case; a ringing one is assessed
    return (micros(found[0].since), min(dues) if dues else None, fingerprint, blob), blob and shown(blob)[0]


class _Unpackable(Exception):
    pass


def pack(found, fields: dict) -> bytes | None:
    """A standing (plaint.assess.Standing segments) and the SHOWN fields as stored: plain values in
    marshal (ints, text, tuples: decoded in C, a fraction of pickle's cost, and a clock's due as
    integer microseconds, so `overdue --count` compares without building a datetime). None when a
    value has no such form (a time zone other than a ZoneInfo or a fixed offset, a field that is
    not plain)."""
    import marshal

    try:
        segments = tuple((micros(s.since), s.severity, s.upgraded, tuple(_packed_clock(c) for c in s.clocks))
                         for s in found)
        return marshal.dumps((segments, fields))
    except (_Unpackable, ValueError):  # ValueError: marshal met a value it cannot write
        return None


def _packed_clock(clock: tuple) -> tuple:
    from plaint.assess import ClockState
    from plaint.durations import Duration

    name, rnd, duration, start, original, provisional, extensions, set_by = clock
    if type(duration) is not Duration or type(extensions) is not list:
        raise _Unpackable
    due = ClockState(name, rnd, duration, start, original, provisional, None, extensions, set_by, start, None, None).due
    return (micros(due), provisional, name, rnd, duration.amount, duration.unit,
            _packed_moment(start), _packed_moment(original),
            tuple((_packed_moment(e.at), _packed_moment(e.due), _packed_moment(e.previous), e.in_time, e.approver,
                   e.reason) for e in extensions), set_by)


def _packed_moment(moment) -> tuple:
    """An aware datetime as its fields, fold and zone (a ZoneInfo's key, or a fixed offset in microseconds)."""
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    if type(moment) is not datetime:
        raise _Unpackable
    zone = moment.tzinfo
    if type(zone) is ZoneInfo and zone.key and ZoneInfo(zone.key) is zone:
        code = zone.key
    elif type(zone) is timezone:
        offset = zone.utcoffset(None)
        code = offset // timedelta(microseconds=1)
        if zone != timezone(offset) or zone.tzname(None) != timezone(offset).tzname(None):
            raise _Unpackable  # a named zone: its name would be lost
    else:
        raise _Unpackable
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, moment.microsecond,
            moment.fold, code)


def shown(blob: bytes) -> tuple:
    """(Known, SHOWN fields) of a stored standing; ValueError (or marshal's own) for what is not one."""
    import marshal
    segments, fields = marshal.loads(blob)
    if type(fields) is not dict or not _shaped(segments):
        raise ValueError("not a stored standing")  # a damaged cache: the record is read instead
    return Known(segments), fields


def _shaped(segments) -> bool:
    """Segments as `pack` writes them (tuples of the right length, times as integers)."""
    if type(segments) is not tuple or not segments:
        return False
    for segment in segments:
        if type(segment) is not tuple or len(segment) != 4 or type(segment[0]) is not int \
                or type(segment[3]) is not tuple:
            return False
        for clock in segment[3]:
            if type(clock) is not tuple or len(clock) != 10 or type(clock[0]) is not int:
                return False
    return True


_ZONES: dict = {}


_MOMENTS: dict = {}  # packed -> datetime: many cases share a deadline (a day's 24:00)


def _moment(packed: tuple):
    """The datetime `_packed_moment` wrote (the same fields, fold and zone); one object per moment."""
    found = _MOMENTS.get(packed)
    if found is None:
        found = _MOMENTS[packed] = _new_moment(packed)
    return found


def _new_moment(packed: tuple):
    from datetime import datetime
    code = packed[8]
    zone = _ZONES.get(code)
    if zone is None:
        if type(code) is str:
            from zoneinfo import ZoneInfo
            zone = ZoneInfo(code)
        else:
            from datetime import timedelta, timezone
            zone = timezone(timedelta(microseconds=code))
        _ZONES[code] = zone
    return datetime(*packed[:7], tzinfo=zone, fold=packed[7])


class Known:
    """A case's stored standing (plaint.assess.standing), as read: each segment is (since in
    microseconds, severity, upgraded, clocks), each clock (due in microseconds, provisional, name,
    round, duration's amount and unit, start, original due, extensions, set_by), times packed.
    plaint.assess.assess_known and ringing_known read it."""

    __slots__ = ("segments",)
    _now: list = [None, 0]  # the last moment asked of `micros` and its value: every case of a run asks the same

    @classmethod
    def micros(cls, moment) -> int:
        last = cls._now
        if last[0] is not moment:
            last[:] = [moment, micros(moment)]
        return last[1]

    def __init__(self, segments: tuple):
        self.segments = segments

    def ringing(self, now_us: int, soon_us: int | None) -> tuple[str, list[tuple]] | None:
        """What plaint.assess.assess_known says of the case's running clocks overdue or due soon at
        `now_us` (by `soon_us`), without building them: (severity, [(clock, state, provisional)]);
        None before the case settled (it is then assessed)."""
        from plaint.assess import running_state

        found = self.at(now_us)
        if found is None:
            return None
        ringing = []
        for clock in found[3]:
            state = running_state(clock[0], now_us, soon_us)
            if state != "running":
                ringing.append((clock[2], state, clock[1]))
        return found[1], ringing

    def at(self, now_us: int) -> tuple | None:
        """The segment in force at `now_us`, or None before the case settled."""
        found = None
        for segment in self.segments:
            if segment[0] > now_us:
                break
            found = segment
        return found

    @staticmethod
    def clocks(segment: tuple) -> list[tuple]:
        """The segment's running clocks as plaint.assess.Standing keeps them: (name, round, duration,
        start, original_due, provisional, extensions, set_by), with datetimes and Durations."""
        from plaint.assess import Extension
        from plaint.durations import Duration
        return [(name, rnd, Duration(amount, unit), _moment(start), _moment(original), provisional,
                 [Extension(_moment(at), _moment(due), _moment(previous), in_time, approver, reason)
                  for at, due, previous, in_time, approver, reason in extensions], set_by)
                for _due, provisional, name, rnd, amount, unit, start, original, extensions, set_by in segment[3]]


class Summary:
    """What a `wanted` test sees of a cached record, without reading it (the columns, decoded
    when asked). `get` answers like the record's own dict for the text fields.

    `row[at:]` is (opaque, status, severity, validity, category, received, closed, settled,
    next_due, policy, standing): a cache row is read in place, never copied."""

    __slots__ = ("row", "at", "fingerprint")

    def __init__(self, row, fingerprint: str | None, at: int = 0):
        self.row, self.at, self.fingerprint = row, at, fingerprint

    def get(self, key, default=None):
        if key in SUMMARY_TEXT:
            value = self.row[self.at + 1 + SUMMARY_TEXT.index(key)]
            return default if value is None else value
        return default

    @property
    def received(self):
        return self._time(5)

    @property
    def closed(self):
        return self._time(6)

    def _time(self, index):
        value = self.row[self.at + index]
        if value is None:
            return None
        return moment_of(value)

    def settled_by(self, now_us: int) -> bool:
        """Judged under the policy in force, and settled by `now_us` (its standing says it all)."""
        row, at = self.row, self.at
        return (self.fingerprint is not None and row[at + 9] == self.fingerprint and row[at + 7] is not None
                and row[at + 7] <= now_us and row[at + 10] is not None)

    def may_alarm(self, now_us: int, soon_us: int | None) -> bool:
        """False only when assess() at `now` is known to find no clock overdue or due by `soon`."""
        row, at = self.row, self.at
        if self.fingerprint is None or row[at + 9] != self.fingerprint or row[at + 7] is None or now_us < row[at + 7]:
            return True
        due = row[at + 8]
        return due is not None and (due < now_us or (soon_us is not None and due <= soon_us))
