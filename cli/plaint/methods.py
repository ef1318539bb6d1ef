"""How a reply or a call-back reaches the customer: `reply --method` and `revisit --method`.

The ways every organisation answers (domain: a reply "by phone or visit", a revisit "a call or
visit") plus the book's own channels (a logistics hotline, a client app), each typed as its key
or its English or Chinese label, and stored as the key."""

from __future__ import annotations

from plaint.errors import UsageError
from plaint.i18n import N_
from plaint.policy import Label
from plaint.problems import one_of

CONTACT = {key: Label(key, en, zh, {}) for key, en, zh in (
    ("phone", "Phone", "电话"), ("visit", "Visit", "上门"), ("in_person", "In person", "当面"),
    ("letter", "Letter", "信函"), ("email", "E-mail", "电子邮件"), ("sms", "Text message", "短信"))}


KIND_WORDS = (N_("method"), N_("methods"))  # the kind named in the refusal, for the catalog


def methods(policy) -> dict[str, Label]:
    """Every method a reply or revisit may name: the common ones, then the policy's channels."""
    return CONTACT | {key: label for key, label in policy.channels.items() if key not in CONTACT}


def method_key(policy, text: str) -> str:
    """`--method` as typed -> its key; an unknown method is refused with the allowed ones."""
    if not text:
        return text
    from plaint.vocab import resolve
    table = methods(policy)
    key = resolve(text, table, "method")
    wrong = one_of("method", key, table, "methods")
    if wrong:
        raise UsageError(wrong)
    return key
