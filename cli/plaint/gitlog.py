"""Git as the audit trail: one commit per change, only when the book is its own work tree."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from plaint.errors import PlaintError


def _git(root: Path, *args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise PlaintError(f"git {' '.join(args[:2])} failed in {root}: {result.stderr.strip() or result.stdout.strip()}")
    return result


def is_own_worktree(root: Path) -> bool:
    """True only when `root` is the top of a git work tree (never commit into an enclosing repo)."""
    result = _git(root, "rev-parse", "--show-toplevel", check=False)
    return result.returncode == 0 and Path(result.stdout.strip()).resolve() == Path(root).resolve()


def init_repo(root: Path) -> None:
    _git(root, "init", "-q")


def commit(root: Path, paths: list[Path], subject: str, trailers: dict[str, str], actor: str) -> bool:
    """Commit exactly `paths` with a one-line subject and trailers; False when nothing changed."""
    relative = [str(Path(p).resolve().relative_to(Path(root).resolve())) for p in paths]
    _git(root, "add", "--", *relative)
    if _git(root, "diff", "--cached", "--quiet", "--", *relative, check=False).returncode == 0:
        return False  # no empty commits
    env = dict(os.environ)
    if _git(root, "config", "user.email", check=False).returncode != 0:
        env.setdefault("GIT_AUTHOR_EMAIL", "plaint@localhost")
        env.setdefault("GIT_COMMITTER_EMAIL", "plaint@localhost")
    if _git(root, "config", "user.name", check=False).returncode != 0:
        env.setdefault("GIT_AUTHOR_NAME", actor)
        env.setdefault("GIT_COMMITTER_NAME", actor)
    message = subject + "\n\n" + "\n".join(f"{k}: {v}" for k, v in trailers.items()) + "\n"
    result = subprocess.run(["git", "-C", str(root), "commit", "-q", "--no-verify", "-F", "-", "--", *relative],
                            input=message, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise PlaintError(f"git commit failed in {root}: {result.stderr.strip() or result.stdout.strip()}; "
                          "the record is written but not committed")
    return True


def git_user_name(cwd: Path) -> str | None:
    result = _git(cwd, "config", "user.name", check=False)
    return result.stdout.strip() or None


def record_log(root: Path, path: Path) -> list[dict]:
    """A record's commits, oldest first, with their trailers."""
    sep = "\x1f"
    fmt = sep.join(["%H", "%aI", "%an", "%s", "%(trailers:key=Action,valueonly,separator=%x2C)",
                    "%(trailers:key=Actor,valueonly,separator=%x2C)"]) + "\x1e"
    relative = str(Path(path).resolve().relative_to(Path(root).resolve()))
    result = _git(root, "log", "--reverse", f"--format={fmt}", "--", relative)
    entries = []
    for chunk in result.stdout.split("\x1e"):
        chunk = chunk.strip()
        if not chunk:
            continue
        sha, when, author, subject, action, actor = (chunk.split(sep) + [""] * 6)[:6]
        entries.append({"commit": sha, "date": when, "author": author, "subject": subject,
                        "action": action.strip(), "actor": actor.strip()})
    return entries
