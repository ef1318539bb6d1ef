"""Site codes per clone: which code a clone files under, and the checks that keep desks apart.

A book shared through git remotes has one clone per desk. Each clone files under its own site
code, kept in its local git config (`plaint.site`, set by `plaint clone --site` or `plaint setup
--site`), so clones that file offline never hand out the same id. Resolution order:
PLAINT_SITE, then the clone's `plaint.site`, then the policy's `site` -- the last only when the
book has no remote, because two clones of one book would otherwise both use it.

Each clone also gets a desk tag (`plaint.desk`, random) that `file` writes into the record's
first history entry, so `plaint check` can tell when two clones filed under one code on one day.
"""

from __future__ import annotations

import os

from plaint.errors import UsageError
from plaint.storage.files import check_site  # one rule for site codes: [A-Z0-9]{1,8}
from plaint.i18n import _


class CloneSettings:
    """What a clone's local git config says: its own site code, its desk tag, its remotes."""

    def __init__(self, site: str = "", desk: str = "", remotes: tuple[str, ...] = ()):
        self.site, self.desk, self.remotes = site, desk, remotes


def clone_settings(root: str) -> CloneSettings:
    """The book's own clone settings; empty when the book is not the top of its own git work tree."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or os.path.realpath(top.strip()) != os.path.realpath(root):
        return CloneSettings()
    listed = _git(root, "config", "--local", "--get-regexp", r"^(plaint\.(site|desk)|remote\..*\.url)$") or ""
    site, desk, remotes = "", "", []
    for line in listed.splitlines():
        key, _unused, value = line.partition(" ")
        if key == "plaint.site":
            site = value.strip()
        elif key == "plaint.desk":
            desk = value.strip()
        elif key.startswith("remote."):
            remotes.append(key[len("remote."):-len(".url")])
    return CloneSettings(site, desk, tuple(remotes))


def resolve_site(root: str, policy_site: str, policy_path: str = "plaint.toml",
                 override: str | None = None) -> tuple[str, str]:
    """The site code this clone files under, and its desk tag ("" when it has none).

    `override` is PLAINT_SITE, as the settings read it."""
    settings = clone_settings(root)
    if override:
        return check_site(override, "PLAINT_SITE"), settings.desk
    if settings.site:
        return check_site(settings.site, "plaint.site in this clone's git config:"), settings.desk
    if settings.remotes:
        raise UsageError(_("this clone shares its book through a git remote ({items}) but has no site code of its "
                           "own, so its ids could collide with another desk's; give it one with `plaint setup "
                           "--site BJ` (your own code: 1 to 8 capital letters or digits)").format(items=', '.join(settings.remotes)))
    return check_site(policy_site, f"site in {policy_path}:"), settings.desk


def site_of(record_id: str) -> str:
    """`BJ-20261125-001` -> `BJ`."""
    return record_id.split("-", 1)[0]


def only_site(loaded, site: str | None) -> list:
    """The records filed under `site` (from `--site`, any case); all of them when it is None."""
    wanted = site_filter(site)
    return list(loaded) if wanted is None else [item for item in loaded if site_of(item.id) == wanted]


def site_filter(site: str | None) -> str | None:
    """A `--site` option as given: checked and upper-cased, None for every site."""
    if not site:
        return None
    return check_site(site.upper(), "--site")


def shared_codes(loaded) -> list[str]:
    """Warnings for site codes that two clones used on the same day (their desk tags differ)."""
    days: dict[str, dict[str, list]] = {}
    for item in loaded:
        history = item.data.get("history")
        first = history[0] if isinstance(history, list) and history and isinstance(history[0], dict) else {}
        desk = first.get("desk") if first.get("action") == "file" else None
        record_id = item.id
        if not isinstance(desk, str) or not desk or record_id.count("-") < 2:
            continue
        day = record_id.rsplit("-", 1)[0]
        days.setdefault(day, {}).setdefault(desk, []).append(item)
    warnings = []
    for day, desks in sorted(days.items()):
        if len(desks) < 2:
            continue
        shown = "; ".join(f"desk {desk}: " + ", ".join(f"{i.id} (received by {i.data.get('received_by', '?')})"
                                                      for i in items[:3]) + (" …" if len(items) > 3 else "")
                          for desk, items in sorted(desks.items()))
        first_path = min(i.path for items in desks.values() for i in items)
        warnings.append(_("{first_path}:1: warning: {count} clones filed under site code {site_of} on {value} "
                          "({shown}); give each clone its own code with `plaint setup --site CODE`").format(first_path=first_path, count=len(desks), site_of=site_of(day), value=day.rsplit('-', 1)[1], shown=shown))
    return warnings


def desk_warnings(root: str, cache: str | None = None) -> list:
    """`plaint check`'s warnings about sharing: merges to review, one site code used by two clones."""
    from plaint.book import Book, Loaded

    watch = DeskWatch()
    for item in Book(root, cache).iter_records():
        if isinstance(item, Loaded):
            watch.see(item)
    return watch.warnings()


class DeskWatch:
    """The sharing warnings, gathered one record at a time (check reads each record once and keeps
    only the few facts these warnings quote, never the records)."""

    def __init__(self, policy=None):
        self.merges: list = []  # MergeToReview findings
        self.filed: list = []
        self.policy = policy  # to name policy values by their labels in Chinese

    def see(self, item) -> None:
        from plaint.mergereview import MergeToReview, unconfirmed_merges

        for entry in unconfirmed_merges(item.data):  # findings: the one problem printer words them
            self.merges.append(MergeToReview(item.path, item.id, entry, self.policy))
        history = item.data.get("history")
        first = history[0] if isinstance(history, list) and history and isinstance(history[0], dict) else {}
        if first.get("action") == "file" and first.get("desk"):
            light = {"history": [{"action": "file", "desk": first["desk"]}]}
            if "id" in item.data:
                light["id"] = item.data["id"]
            if "received_by" in item.data:
                light["received_by"] = item.data["received_by"]
            self.filed.append(type(item)(item.path, light))

    def warnings(self) -> list:
        return self.merges + shared_codes(self.filed)


def _git(root: str, *args: str) -> str | None:
    import subprocess  # not on the read path: `overdue --site` imports this module

    result = subprocess.run(["git", "-C", root, *args], capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else None
