"""Policy values as people type them: the key, the English label or the Chinese label.

`电话`, `Phone`, `phone` and `ＰＨＯＮＥ` all name the channel `phone`: case, spacing and
full-width forms do not matter (NFKC, then casefold). A label that names two keys is refused
with the candidates. Roles (approvers, escalation levels), sources and sub-kinds have no
labels in the policy; their Chinese names come from the catalog (the words staff use).
"""

from __future__ import annotations

from typing import NamedTuple
from unicodedata import normalize

from plaint.errors import UsageError
from plaint.i18n import N_

# Words with no label in the policy, as the catalog translates them (role names, sources, sub-kinds).
ROLE_WORDS = (N_("handler"), N_("team lead"), N_("manager"), N_("department manager"), N_("department head"),
              N_("general manager"), N_("customer service manager"), N_("branch manager"), N_("head office"),
              N_("station manager"), N_("regional manager"), N_("external"), N_("internal"))


def fold(text: str) -> str:
    """The form compared: full-width to half-width, any case, runs of spaces as one, `_` as a space."""
    return " ".join(normalize("NFKC", str(text)).replace("_", " ").split()).casefold()


def _zh(word: str) -> str:
    import gettext

    from plaint.i18n import DOMAIN, locale_dir
    return gettext.translation(DOMAIN, locale_dir(), languages=["zh"], fallback=True).gettext(word)


def names_of(key: str, label=None) -> list[str]:
    """Every spelling that names `key`: the key, its labels (or the catalog's Chinese word)."""
    if label is not None:
        return [key, label.en, label.zh]
    return [key, _zh(key)]


def resolve(text, table, kind: str):
    """The key `text` names in `table` (a dict of key -> Label, or a list of plain keys), else
    `text` unchanged (the caller reports an unknown value). Ambiguous labels are refused."""
    if not text or not isinstance(text, str):
        return text
    items = table.items() if isinstance(table, dict) else ((key, None) for key in table)
    items = [(key, getattr(label, "label", label)) for key, label in items]  # a Severity carries its Label
    if any(key == text for key, _label in items):
        return text
    wanted = fold(text)
    hits = [key for key, label in items if wanted in {fold(name) for name in names_of(key, label) if name}]
    if len(hits) > 1:
        from plaint.i18n import _
        candidates = ", ".join(hits)
        raise UsageError(_("{text!r} could be any of several {kind} values: {candidates}; give the key").format(
            text=text, kind=kind, candidates=candidates))
    return hits[0] if hits else text


class _Names(NamedTuple):
    en: str
    zh: str


def fixed(text, kind: str):
    """A status, clock or clock state as typed: its key or the Chinese word the tool shows for it
    (`已受理` is `received`, `处理完毕` is `resolve`); anything else unchanged, for the caller to refuse."""
    from plaint.words import FIXED
    return resolve(text, {key: _Names(key, _zh(msgid)) for key, msgid in FIXED[kind].items()}, kind)


def resolve_fields(policy, fields: dict) -> dict:
    """`fields` with every policy value (channel, category, severity, validity, source) as its key."""
    tables = {"channel": policy.channels, "category": policy.categories, "severity": policy.severities,
              "validity": policy.validity}
    if policy.sources:
        tables["source"] = policy.sources
    out = dict(fields)
    for name, table in tables.items():
        if out.get(name):
            out[name] = resolve(out[name], table, name)
    return out


def subcategory_key(policy, category: str, text):
    """A sub-kind of `category` as typed (the key or its catalog word)."""
    found = policy.categories.get(category)
    kinds = found.extra.get("kinds", []) if found else []
    return resolve(text, list(kinds), "subcategory")


def role_key(policy, text):
    """An approver or escalation level as typed: one of the policy's levels, by name or Chinese name."""
    return resolve(text, list(policy.levels), "role")
