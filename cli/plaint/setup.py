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
from plaint.i18n import _

GITIGNORE = (f"# Local to this machine, never part of the audit trail.\n{LOCK_FILE}\n*.tmp\n.plaint-cache/\n"
             ".plaint-drafts/\n")


def template_list() -> list[tuple[str, str]]:
    result = []
    folder = template_file("policies")
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".toml")):
        first = read_text(os.path.join(folder, name)).splitlines()[0].lstrip("# ").strip()
        result.append((stem(name), first))
    return result


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
    tomllib.loads(text)  # a template edit must still parse
    directory.mkdir(parents=True, exist_ok=True)
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
    import json
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith(f"{key} ="):
            lines[index] = f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
            return "".join(lines)
    return f"{key} = {json.dumps(value, ensure_ascii=False)}\n" + text
