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
    revisited settles with no clock running, one marked revisited by hand is judged like any other."""
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
    itself (its segments). The stored standing also keeps the record's SHOWN fields (`shown`), so a
    reader of a settled case needs no record; a record every reader refuses under the policy (an
    undefined severity...) is never judged."""
    import pickle

    from plaint.assess import standing
    from plaint.schema import vocabulary_problems

    found = None if vocabulary_problems(data, policy) else standing(data, policy)
    if found is None:
        return (None, None, fingerprint, None), None
    dues = [micros(segment.earliest) for segment in found if segment.earliest is not None]
    kept = (found, {key: data[key] for key in SHOWN if key in data})
    return (micros(found[0].since), min(dues) if dues else None, fingerprint,
            pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)), found


def shown(blob: bytes) -> tuple:
    """(segments, SHOWN fields) of a stored standing."""
    import pickle
    return pickle.loads(blob)


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
