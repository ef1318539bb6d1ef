"""Git as the audit trail: one commit per change, only when the book is its own work tree."""

from __future__ import annotations

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
    return result.returncode == 0 and Path(result.stdout.strip()).resolve() == Path(root).resolve()


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
