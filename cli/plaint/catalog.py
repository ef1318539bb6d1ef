"""The message catalog: extract the marked strings, read the .po, compile the .mo.

`python -m plaint.catalog` compiles plaint/locale/zh/LC_MESSAGES/plaint.po into plaint.mo (the
file shipped and read at run time); `python -m plaint.catalog missing` lists the marked strings
the .po lacks. Marked strings are the literal first arguments of `_()`, `N_()` and `ngettext()`
anywhere in the package, found with an ast walk (no Babel needed).
"""

from __future__ import annotations

import ast
import ast as _ast
import os
import struct
import sys
from pathlib import Path

import plaint

PACKAGE = Path(plaint.__file__).resolve().parent  # the package's root, wherever this module sits
PO = PACKAGE / "locale" / "zh" / "LC_MESSAGES" / "plaint.po"
MO = PO.with_suffix(".mo")
MARKERS = {"_", "N_", "ngettext"}


def extract(root: Path = PACKAGE) -> dict[str, list[str]]:
    """Every marked string of the package's sources: msgid -> where (file:line)."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
                continue
            literals = [a for a in node.args[:2 if node.func.id == "ngettext" else 1]
                        if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            for arg in literals:
                found.setdefault(arg.value, []).append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def _unquote(text: str) -> str:
    return _ast.literal_eval(text)


def read_po(path: Path = PO) -> dict:
    """The catalog: msgid -> msgstr, or (singular, plural) -> [msgstr[0], ...] for plural forms."""
    entries: dict = {}
    current: dict = {}
    field = None

    def flush():
        if "msgid" in current:
            if "msgid_plural" in current:
                forms = [current[k] for k in sorted(k for k in current if k.startswith("msgstr["))]
                entries[(current["msgid"], current["msgid_plural"])] = forms
            else:
                entries[current["msgid"]] = current.get("msgstr", "")
        current.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and "msgid" in current and field and field.startswith("msgstr"):
                flush()
                field = None
            continue
        if line.startswith('"'):
            current[field] += _unquote(line)
            continue
        key, _sep, value = line.partition(" ")
        if key == "msgid" and field and field.startswith("msgstr"):
            flush()
        field = key
        current[key] = _unquote(value)
    flush()
    return entries


def mo_bytes(entries: dict) -> bytes:
    """GNU .mo bytes for the catalog (the format gettext.GNUTranslations reads)."""
    pairs = []
    for key, value in entries.items():
        if isinstance(key, tuple):
            pairs.append(("\0".join(key).encode(), "\0".join(value).encode()))
        else:
            pairs.append((key.encode(), value.encode()))
    pairs.sort()
    ids = b"".join(k + b"\0" for k, _v in pairs)
    strs = b"".join(v + b"\0" for _k, v in pairs)
    count = len(pairs)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    key_table, value_table, kpos, vpos = [], [], 0, 0
    for k, v in pairs:
        key_table += [len(k), key_start + kpos]
        value_table += [len(v), value_start + vpos]
        kpos += len(k) + 1
        vpos += len(v) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return header + struct.pack(f"{len(key_table)}i", *key_table) + \
        struct.pack(f"{len(value_table)}i", *value_table) + ids + strs


def compile_catalog(po: Path = PO, mo: Path = MO) -> None:
    mo.write_bytes(mo_bytes(read_po(po)))


def missing(po: Path = PO) -> list[str]:
    """Marked strings the catalog lacks or leaves untranslated."""
    entries = read_po(po)
    have = {}
    for key, value in entries.items():
        for message in (key if isinstance(key, tuple) else (key,)):  # both forms of a plural entry
            have[message] = value if not isinstance(value, list) else all(value)
    return sorted(m for m in extract() if not have.get(m))


if __name__ == "__main__":
    if sys.argv[1:] == ["missing"]:
        for message in missing():
            sys.stdout.write(repr(message) + "\n")
    else:
        compile_catalog()
        sys.stdout.write(f"wrote {os.path.relpath(MO)}\n")
