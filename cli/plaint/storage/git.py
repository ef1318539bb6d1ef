"""Git as the audit trail: one commit per change, only when the book is its own work tree."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from plaint.errors import PlaintError
from plaint.i18n import _


def _git(root: Path, *args: str, env: dict | None = None, check: bool = True, input: str | None = None
         ) -> subprocess.CompletedProcess:
    result = _run_waiting(["git", "-C", str(root), *args], env, input)
    if check and result.returncode != 0:
        raise PlaintError(_("git {items} failed in {root}: {value}").format(items=' '.join(args[:2]), root=root, value=result.stderr.strip() or result.stdout.strip()))
    return result


def _run_waiting(command: list[str], env: dict | None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run git; while another git briefly holds the index or a ref (someone's `git status`), wait
    for it a little rather than fail a write halfway."""
    import time
    deadline = time.monotonic() + 5
    while True:
        result = subprocess.run(command, capture_output=True, text=True, env=env, input=input)
        busy = result.returncode != 0 and ".lock" in result.stderr and "exists" in result.stderr
        if not busy or time.monotonic() > deadline:
            return result
        time.sleep(0.1)


def is_own_worktree(root: Path) -> bool:
    """True only when `root` is the top of a git work tree (never commit into an enclosing repo)."""
    result = _git(root, "rev-parse", "--show-toplevel", check=False)
    refuse_foreign_owner(root, result.stderr)
    return result.returncode == 0 and Path(result.stdout.strip()).resolve() == Path(root).resolve()


def refuse_foreign_owner(root, said: str) -> None:
    """Git's refusal of a repository another user owns is not "no repository": the record would be
    written with no commit and no word (the audit trail silently lost)."""
    if "dubious ownership" in said:
        from plaint.errors import DataError
        raise DataError(_("git refuses the repository {root}: it belongs to another user (git's safe.directory), so "
                          "plaint can neither read its history nor commit; nothing written. If the book is yours to "
                          "use, tell git so: git config --global --add safe.directory {root}").format(
                              root=os.path.abspath(root)))


def init_repo(root: Path) -> None:
    _git(root, "init", "-q")


def one_line(text: str) -> str:
    """Text for a commit subject or trailer: one line, every control character shown as an escape."""
    out = []
    for char in str(text):
        code = ord(char)
        if char in "\n\r\t":
            out.append(" ")
        elif code < 32 or 127 <= code < 160 or code in (0x2028, 0x2029):
            out.append(f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def fallback_identity(root, name: str) -> list[str]:
    """`-c user.email=... -c user.name=...` for what the repository's config lacks (git's own
    GIT_AUTHOR_*/GIT_COMMITTER_* variables still win over these, as they win over any config)."""
    options = []
    if _git(root, "config", "user.email", check=False).returncode != 0:
        options += ["-c", "user.email=plaint@localhost"]
    if _git(root, "config", "user.name", check=False).returncode != 0:
        options += ["-c", f"user.name={name}"]
    return options


def commit(root: Path, paths: list[Path], subject: str, trailers: dict[str, str], actor: str) -> bool:
    """Commit exactly `paths` with a one-line subject and trailers; False when nothing changed."""
    relative = [str(Path(p).resolve().relative_to(Path(root).resolve())) for p in paths]
    _git(root, "add", "--", *relative)
    if _git(root, "diff", "--cached", "--quiet", "--", *relative, check=False).returncode == 0:
        return False  # no empty commits
    identity = fallback_identity(root, one_line(actor) or "plaint")
    # Nothing a user typed may start a line of its own: no forged trailers.
    message = one_line(subject) + "\n\n" + "\n".join(f"{k}: {one_line(v)}" for k, v in trailers.items()) + "\n"
    result = _run_waiting(["git", "-C", str(root), *identity, "commit", "-q", "--no-verify", "-F", "-", "--",
                           *relative], None, message)
    if result.returncode != 0:
        raise PlaintError(_("git commit failed in {root}: {value}; the record is written but not committed").format(root=root, value=result.stderr.strip() or result.stdout.strip()))
    return True


def git_user_name(cwd: Path) -> str | None:
    result = _git(cwd, "config", "user.name", check=False)
    return result.stdout.strip() or None


TRAILER_KEYS = ("Complaint", "Action", "Actor")


def record_log(root: Path, path: Path) -> list[dict]:
    """A record's commits, oldest first, with their trailers.

    plaint writes each trailer once; a commit whose message repeats one (a forged `Actor:` line
    from an older plaint, or a hand-made commit) keeps only the first of each and is flagged.
    """
    sep = "\x1f"
    fmt = sep.join(["%H", "%aI", "%an", "%s", "%(trailers:only,unfold)"]) + "\x1e"
    relative = str(Path(path).resolve().relative_to(Path(root).resolve()))
    result = _git(root, "log", "--reverse", f"--format={fmt}", "--", relative)
    entries = []
    for chunk in result.stdout.split("\x1e"):
        chunk = chunk.strip()
        if not chunk:
            continue
        sha, when, author, subject, trailers = (chunk.split(sep) + [""] * 5)[:5]
        values: dict[str, list[str]] = {}
        for line in trailers.splitlines():
            key, colon, value = line.partition(":")
            if colon and key.strip() in TRAILER_KEYS:
                values.setdefault(key.strip(), []).append(value.strip())
        entries.append({"commit": sha, "date": when, "author": author, "subject": subject,
                        "action": values.get("Action", [""])[0], "actor": values.get("Actor", [""])[0],
                        "suspicious": any(len(v) > 1 for v in values.values())})
    return entries


def record_names_in_history(root, received) -> set[str]:
    """File names of the records git has seen in the month folder of `received`: those in HEAD's tree
    and those deleted by a commit made since the receipt day (a day early, for clock slack: no record
    of that day was committed, let alone deleted, before it), so a deleted id is never reused. Walking
    all history instead costs seconds on a big book (bench figures in the fixes note). Empty when
    the book is not its own work tree or has no commit yet."""
    if not is_own_worktree(root):
        return set()
    from datetime import timedelta
    folder = f"{received:%Y}/{received:%m}"
    since = received.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=1)
    names = set()
    listed = _git(root, "ls-tree", "--name-only", "HEAD", folder + "/", check=False)
    deleted = _git(root, "log", f"--since={since.isoformat()}", "--format=", "--name-only", "--no-renames",
                   "--diff-filter=D", "--", folder + "/", check=False)
    for result in (listed, deleted):
        if result.returncode == 0:
            names.update(line.rsplit("/", 1)[-1] for line in result.stdout.splitlines() if line.strip())
    return names


def record_path_in_history(root, query: str) -> str | None:
    """The path of a record no longer in the work tree whose id (or unique tail) is `query`, from
    git's history; None when git never had one; raises when the tail is ambiguous."""
    if not is_own_worktree(root):
        return None
    result = _git(root, "log", "--format=", "--name-only", "--no-renames", "--diff-filter=A", "--", "*.toml",
                  check=False)
    wanted = query.upper()
    paths = {line for line in result.stdout.splitlines() if line.count("/") == 2 and line.endswith(".toml")}
    stems = {line: line.rsplit("/", 1)[-1][:-5].upper() for line in paths}
    matches = sorted(p for p, s in stems.items() if s == wanted) or sorted(
        p for p, s in stems.items() if s.endswith(wanted))
    if len(matches) > 1:
        raise PlaintError(_("{query!r} is ambiguous: {shown}{value}; type more of the id").format(
            query=query, shown=", ".join(m.rsplit("/", 1)[-1][:-5] for m in matches[:20]), value=""))
    return str(Path(root) / matches[0]) if matches else None
