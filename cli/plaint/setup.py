"""`init`: a new book from a policy template."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from plaint.storage import git as gitlog
from plaint.book import LOCK_FILE, POLICY_FILE
from plaint.errors import NotFound, UsageError
from plaint.storage.files import check_site
from plaint.storage.resources import read_text, stem, template_file
from plaint.i18n import N_, _, is_zh, os_reason

GITIGNORE = (f"# Local to this machine, never part of the audit trail.\n{LOCK_FILE}\n*.tmp\n.plaint-cache/\n"
             ".plaint-drafts/\n")


# What the shipped templates say in words a person reads (the first comment line, the book's name, the
# form's title), marked so the catalog carries them: `init` in Chinese writes and lists them in Chinese.
TEMPLATE_TEXTS = (
    N_("Office building management (大厦管理): customer service records, verifies and routes with a deadline."),
    N_("Office building customer service"), N_("Customer complaint record (客户投诉记录)"),
    N_("Car dealership (汽车销售服务): a solution within 1 working day, approved by the general manager."),
    N_("Dealership customer relations"), N_("Customer complaint record (客户投诉记录表)"),
    N_("A neutral complaint procedure to adapt: three severities, Monday-to-Friday hours, your timezone."),
    N_("Complaints"), N_("Complaint form"),
    N_("Logistics network (物流): shippers and consignees, and one branch against another."),
    N_("Logistics network complaint desk"), N_("Complaint registration (客户投诉登记)"),
    N_("Property management (物业管理): complaints from residents of managed estates."),
    N_("Property management office"), N_("Resident complaint form (住户投诉意见表)"),
    N_("Equipment service station (维修服务站): on-site requests contacted within 2 working hours, callbacks."),
    N_("Equipment service station"), N_("Station complaint log (站长投诉记录)"),
)


def template_list() -> list[tuple[str, str]]:
    """Each template's name and what it is for (its first comment line), in the interface language."""
    result = []
    folder = template_file("policies")
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".toml")):
        first = read_text(os.path.join(folder, name)).splitlines()[0].lstrip("# ").strip()
        result.append((stem(name), _(first)))
    return result


def _in_chinese(text: str, name: str | None) -> str:
    """A template's policy for a Chinese desk: `labels = "zh"`, the book's name, the form's title and
    the comments in Chinese (a `--name` given stays as typed)."""
    from plaint.templatecomments import comments_in_chinese
    data = tomllib.loads(text)
    text = _set_top_string(comments_in_chinese(text), "labels", "zh")
    if not name and _(data.get("name", "")) != data.get("name", ""):
        text = _set_top_string(text, "name", _(data["name"]))
    title = data.get("form", {}).get("title", "")
    if title and _(title) != title:
        text = _set_top_string(text, "title", _(title))
    return text


def create_book(directory: Path, template: str, site: str | None = None, name: str | None = None) -> dict:
    names = [key for key, _unused in template_list()]
    source = template_file("policies", f"{template}.toml")
    if template not in names:  # a name from the list, never a path
        raise NotFound(_("no template {template!r}; templates: {items}").format(template=template, items=', '.join(k for k, _unused in template_list())))
    directory = Path(directory)
    if (directory / POLICY_FILE).exists():
        raise UsageError(_("{directory} is already a book ({value} exists)").format(directory=directory, value=directory / POLICY_FILE))
    if site is not None:
        check_site(site.upper() if site.isascii() else site, "--site")
    text = read_text(source)
    if site:
        text = _set_top_string(text, "site", site.upper())
    if name:
        text = _set_top_string(text, "name", name)
    if is_zh():
        text = _in_chinese(text, name)
    tomllib.loads(text)  # a template edit must still parse
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder should be, no permission: the user's to fix
        raise UsageError(_("cannot create the book folder {directory} ({reason}); nothing written").format(
            directory=directory, reason=os_reason(exc)))
    (directory / POLICY_FILE).write_text(text, encoding="utf-8")
    (directory / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    from plaint.sync import ATTRIBUTES, install_driver
    (directory / ".gitattributes").write_text(ATTRIBUTES, encoding="utf-8")
    created_repo = False
    enclosing = _enclosing_repo(directory)
    if enclosing is None:
        gitlog.init_repo(directory)
        created_repo = True
    own = gitlog.is_own_worktree(directory)
    if own:
        install_driver(str(directory))
        gitlog.commit(directory, [directory / POLICY_FILE, directory / ".gitignore", directory / ".gitattributes"],
                      f"init book from template {template}", {"Action": "init", "Actor": "plaint"}, "plaint")
    return {"root": directory, "git_init": created_repo, "enclosing_repo": None if own else enclosing}


def _enclosing_repo(directory: Path) -> str | None:
    """The top of the git work tree `directory` lies in, if any."""
    import subprocess
    result = subprocess.run(["git", "-C", str(directory), "rev-parse", "--show-toplevel"], capture_output=True,
                            text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def _set_top_string(text: str, key: str, value: str) -> str:
    """`key = "value"` on the first line that sets `key` (a top-level key, or one only one table has)."""
    import json
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith(f"{key} ="):
            lines[index] = f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
            return "".join(lines)
    return f"{key} = {json.dumps(value, ensure_ascii=False)}\n" + text
