"""The merge driver's file side: read the three versions, write the merged record in plaint's
canonical layout, and when a record cannot be merged safely leave git's conflict for a person."""

from __future__ import annotations

from plaint.merge import Unmergeable, canon, merge_records
from plaint.i18n import _


def record_text(record: dict) -> str:
    """The record in plaint's canonical layout, written by tomlkit like every other write."""
    import tomlkit

    from plaint.records import _value

    doc = tomlkit.document()
    for key, value in record.items():
        if key == "history":
            continue
        if isinstance(value, dict):
            doc[key] = _table(value)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            doc[key] = _aot(value)
        else:
            doc[key] = _value(value)
    history = record.get("history", [])
    doc["history"] = _aot(history[:1])
    # Appended entries follow each other without a blank line, as every action writes them.
    return tomlkit.dumps(doc) + "".join(tomlkit.dumps({"history": _aot([entry])}) for entry in history[1:])


def _table(values: dict):
    import tomlkit

    from plaint.records import _value

    nested_only = bool(values) and all(isinstance(v, dict) for v in values.values())
    table = tomlkit.table(is_super_table=nested_only)
    for key, value in values.items():
        table[key] = _table(value) if isinstance(value, dict) else _value(value)
    return table


def _aot(entries: list[dict]):
    import tomlkit

    from plaint.records import _value

    aot = tomlkit.aot()
    for entry in entries:
        table = tomlkit.table()
        for key, value in entry.items():
            table[key] = _inline(value) if isinstance(value, dict) else _value(value)
        aot.append(table)
    return aot


def _inline(values: dict):
    import tomlkit

    table = tomlkit.inline_table()
    for key, value in values.items():
        table[key] = _inline(value) if isinstance(value, dict) else value
    return table


def merge_texts(base: str, ours: str, theirs: str, path: str = "record") -> str:
    """The merged text of one record file; Unmergeable when it cannot be merged safely."""
    import tomllib

    def parse(text: str, side: str):
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise Unmergeable(_("{side} version of {path} does not parse ({error})").format(side=side, path=path, error=exc))

    base_record = parse(base, _("the common")) if base.strip() else None
    ours_record, theirs_record = parse(ours, _("our")), parse(theirs, _("their"))
    merged = merge_records(base_record, ours_record, theirs_record)
    wanted = canon(merged)
    for text, record in ((ours, ours_record), (theirs, theirs_record)):
        if canon(record) == wanted:
            return text  # one side already is the result: keep its bytes
    text = record_text(merged)
    if canon(tomllib.loads(text)) != wanted:
        raise Unmergeable(_("the merged {path} would not read back as merged").format(path=path))
    _schema_holds(text, (ours, ours_record), (theirs, theirs_record))
    return text


def _schema_holds(text: str, *sides) -> None:
    """A merge of two sound records must be sound; a side already unsound (a hand edit) is a person's to fix."""
    import tomllib

    from plaint.schema import record_problems

    if any(record_problems(record, side_text, "") for side_text, record in sides):
        return
    problems = record_problems(tomllib.loads(text), text, "")  # the file's name is git's business here
    if problems:
        raise Unmergeable(_("the merged record would break the record schema ({problem})").format(
            problem=problems[0].message))


def merge_files(base_path: str, ours_path: str, theirs_path: str, path: str, marker_size: int = 7) -> str | None:
    """git's merge driver contract: the result goes into `ours_path`. Returns None when merged, else why
    not; then `ours_path` holds git's usual conflict (markers) for a person to resolve."""
    import subprocess

    texts = []
    for name in (base_path, ours_path, theirs_path):
        with open(name, "rb") as handle:
            raw = handle.read()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(None)
    try:
        if None in texts:
            raise Unmergeable(_("a side is not UTF-8 text"))
        text = merge_texts(*texts, path=path)
    except Exception as exc:  # noqa: BLE001 - Unmergeable, or a bug: either way git's conflict stays for a person
        reason = str(exc) if isinstance(exc, Unmergeable) else _("internal error ({kind}: {error})").format(
            kind=type(exc).__name__, error=exc)
        subprocess.run(["git", "merge-file", f"--marker-size={marker_size}", "-L", "ours", "-L", "base",
                        "-L", "theirs", ours_path, base_path, theirs_path], capture_output=True)
        return reason
    with open(ours_path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return None
