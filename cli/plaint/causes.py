"""Causes as data: the ranking groups by the policy's cause code, and free text by its words.

A closing's cause counts under its `cause_code` (close --cause-code), else under the code whose
key or en/zh label its free text matches, else under its text compared case- and
space-insensitively ("Pipe  leak" and "pipe leak" are one cause). A group of free text is shown
in its most frequent spelling (ties: the first in sort order).
"""

from __future__ import annotations

from collections import Counter, defaultdict


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def grouped_text(texts: list[str]) -> list[tuple[str, int]]:
    """Free texts grouped case- and space-insensitively: (shown spelling, count), most first."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        if text and text.strip():
            spellings[normal(text)][" ".join(text.split())] += 1
    rows = []
    for variants in spellings.values():
        shown = sorted(variants.items(), key=lambda item: (-item[1], item[0]))[0][0]
        rows.append((shown, sum(variants.values())))
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def rank_causes(closings: list[dict], policy) -> list[dict]:
    """The causes ranked for a Pareto chart: count, share and cumulative share of all causes."""
    coded, free = Counter(), []
    for closing in closings:
        code = closing.get("cause_code") or (policy.cause_key(closing["cause"]) if closing.get("cause") else None)
        if code:
            coded[code] += 1
        elif closing.get("cause"):
            free.append(closing["cause"])
    rows = [(policy.label("cause", code), code, count) for code, count in coded.items()]
    rows += [(text, None, count) for text, count in grouped_text(free)]
    rows.sort(key=lambda row: (-row[2], row[0]))
    total = sum(row[2] for row in rows)
    cumulative, result = 0, []
    for shown, code, count in rows:
        cumulative += count
        result.append({"cause": shown, "code": code, "count": count, "share": _share(count, total),
                       "cumulative_share": _share(cumulative, total)})
    return result


def rank_actions(closings: list[dict]) -> list[dict]:
    """Corrective and preventive actions, grouped like free-text causes."""
    texts = [closing.get("corrective_action") or "" for closing in closings]
    total = sum(1 for text in texts if text.strip())
    return [{"action": text, "count": count, "share": _share(count, total)} for text, count in grouped_text(texts)]
