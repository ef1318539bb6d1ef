"""Recovery at the start of every write, under the book lock: a crash's leftovers are finished first.

- stale temp files (`.<ID>.*.tmp` beside the records) are removed: every writer holds the book
  lock while its temp file exists, so under the lock any temp file is a dead writer's;
- a git lock (index.lock, HEAD.lock, refs/**/*.lock, ...) that no live git process holds is
  removed with a warning; "no live git": no running git process works in this repository, and
  the lock is older than a couple of seconds (so a git that is just starting is never robbed);
- every uncommitted record change is committed on its own, before the action's own commit:
  `recover ID: ACTION` when the file carries history entries git has not seen (a crash between
  the write and the commit), `edit ID (by hand)` otherwise; the git user is the actor;
- a record deleted by hand and not committed is refused: no crash deletes a record, and a
  deletion is never committed as a side effect of another write.

Returns warnings for the command layer to show; the core never prints.
"""

from __future__ import annotations

import os
import re
import subprocess
import time

from plaint.errors import CommitError, DataError, PlaintError
from plaint.i18n import _

LOCK_NAMES = ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "FETCH_HEAD.lock", "packed-refs.lock", "config.lock",
              "shallow.lock")
STALE_AFTER = 2.0   # seconds: a lock younger than this may belong to a git that is starting
WAIT_FOR_LOCK = 6.0  # seconds to wait for a lock that is too fresh to judge
RECORD_PATH = re.compile(r"[0-9]{4}/[0-9]{2}/[^/]+\.toml")
TEMP_PATH = re.compile(r"[0-9]{4}/[0-9]{2}/\.[^/]+\.tmp")


def git_dirs(root: str) -> tuple[str, str] | None:
    """(git dir, common dir) when the book is the top of its own work tree, else None."""
    result = subprocess.run(["git", "-C", root, "rev-parse", "--show-toplevel", "--absolute-git-dir",
                             "--git-common-dir"], capture_output=True, text=True)
    lines = result.stdout.splitlines()
    from plaint.storage.git import refuse_foreign_owner
    refuse_foreign_owner(root, result.stderr)
    if result.returncode != 0 or len(lines) < 3:
        return None
    if os.path.realpath(lines[0]) != os.path.realpath(root):
        return None  # never touch an enclosing repository
    return lines[1], os.path.normpath(os.path.join(root, lines[2]))


def git_locks(git_dir: str, common_dir: str) -> list[str]:
    found = {os.path.join(folder, name) for folder in {git_dir, common_dir} for name in LOCK_NAMES}
    for folder, _dirs, files in os.walk(os.path.join(common_dir, "refs")):
        found.update(os.path.join(folder, name) for name in files if name.endswith(".lock"))
    return sorted(path for path in found if os.path.lexists(path))


def live_git(paths: tuple[str, ...]) -> bool:
    """True when a running git process may be working in one of `paths` (when unsure: True)."""
    if not os.path.isdir("/proc"):
        return True  # no way to tell: only age decides (see clear_stale_locks)
    me = os.getpid()
    for pid in os.listdir("/proc"):
        if not (pid.isascii() and pid.isdigit()) or int(pid) == me:
            continue
        try:
            with open(f"/proc/{pid}/comm") as handle:
                if not handle.read().startswith("git"):
                    continue
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                command = handle.read().decode("utf-8", "replace")
            cwd = os.path.realpath(f"/proc/{pid}/cwd")
        except FileNotFoundError:
            continue  # it ended meanwhile
        except OSError:
            return True  # another user's git: cannot tell where it works
        if any(cwd == p or cwd.startswith(p + os.sep) or p in command for p in paths):
            return True
    return False


def clear_stale_locks(root: str, dirs: tuple[str, str]) -> list[str]:
    """Remove git locks of dead processes (with a warning); raise when a live git still holds one."""
    notes = []
    real = tuple({os.path.realpath(root), os.path.realpath(dirs[0]), os.path.realpath(dirs[1])})
    deadline = time.monotonic() + WAIT_FOR_LOCK
    while locks := git_locks(*dirs):
        ages = {path: time.time() - os.lstat(path).st_mtime for path in locks}
        old = [path for path, age in ages.items() if age >= (STALE_AFTER if os.path.isdir("/proc") else 600)]
        if old and not live_git(real):
            for path in old:
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    continue
                notes.append(_("warning: removed {path}, a git lock left by a process that died {value:.0f}s ago "
                               "(no git is running in this book)").format(path=path, value=ages[path]))
            continue
        if time.monotonic() > deadline:
            raise CommitError(_("git is busy in {root}: {items} held by a running git process; nothing written; "
                                "try again when it has finished").format(root=root, items=', '.join(locks)))
        time.sleep(0.2)
    return notes


def remove_temp_files(book, paths: list[str]) -> list[str]:
    """Remove `.*.tmp` files left beside the records by a writer that died (call under the lock)."""
    notes = []
    for path in paths:
        name = os.path.basename(path)
        if name.startswith(".") and name.endswith(".tmp") and os.path.isfile(path) and not os.path.islink(path):
            os.unlink(path)
            notes.append(_("warning: removed {path}, a temp file left by an interrupted write").format(path=path))
    return notes


def _scan_temp_files(root: str) -> list[str]:
    found = []
    for year in os.scandir(root):
        if year.name.isascii() and year.name.isdigit() and year.is_dir(follow_symlinks=False):
            for month in os.scandir(year.path):
                if month.is_dir(follow_symlinks=False):
                    found.extend(e.path for e in os.scandir(month.path) if e.name.endswith(".tmp"))
    return found


def _status(root: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(status code, path) of changed record files, and ignored temp files, from one `git status`."""
    # --no-optional-locks: `plaint check` runs this outside the book lock and must not take
    # index.lock from under a writer's `git commit`.
    result = subprocess.run(["git", "--no-optional-locks", "-C", root, "status", "--porcelain=v1", "-z",
                             "--untracked-files=all", "--ignored=matching", "--no-renames", "--", "."],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise CommitError(_("git status failed in {root}: {stderr}; nothing written").format(root=root, stderr=result.stderr.strip()))
    changed, temps = [], []
    for entry in result.stdout.split("\0"):
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if TEMP_PATH.fullmatch(path):  # only beside the records: other writers keep their own temp files
            temps.append(os.path.join(root, path))
        elif code != "!!" and RECORD_PATH.fullmatch(path):
            changed.append((code, path))
    return changed, temps


def uncommitted_records(root: str) -> list[tuple[str, str]]:
    """(status, relative path) of every record file whose change git has not committed."""
    if git_dirs(root) is None:
        return []
    return _status(root)[0]


def recover(book, commit_enabled: bool) -> list[str]:
    """Finish whatever a dead writer (or a person) left behind; call under the book lock."""
    from plaint.storage import git as gitlog
    root = book.root
    dirs = git_dirs(root) if commit_enabled else None
    if dirs is None:
        return remove_temp_files(book, _scan_temp_files(root))
    notes = clear_stale_locks(root, dirs)
    _refuse_odd_state(root, dirs[0])
    changed, temps = _status(root)
    notes += remove_temp_files(book, temps)
    _refuse_deletions(root, changed)
    actor = gitlog.one_line(gitlog.git_user_name(root) or "plaint")
    for code, relative in changed:
        notes += _commit_leftover(book, code, relative, actor)
    return notes


UNFINISHED = (("MERGE_HEAD", "merge"), ("CHERRY_PICK_HEAD", "cherry-pick"), ("REVERT_HEAD", "revert"),
              ("rebase-merge", "rebase"), ("rebase-apply", "rebase"))


def _refuse_odd_state(root: str, git_dir: str) -> None:
    """Nothing is written while git is mid-way through a merge, rebase, cherry-pick or revert (the
    commit would fail after the write, and recovery would `git add` a conflicted record), nor on a
    detached HEAD (the commit would belong to no branch and be lost at the next checkout)."""
    for name, operation in UNFINISHED:
        if os.path.lexists(os.path.join(git_dir, name)):
            raise DataError(_("a git {operation} is in progress in {root}; nothing written (plaint never commits into "
                              "an unfinished {operation}). Finish it (resolve, git add, git commit) or abort it (git -C "
                              "{root} {operation} --abort) first").format(operation=operation, root=root))
    try:
        with open(os.path.join(git_dir, "HEAD"), encoding="utf-8") as head:
            on_branch = head.read().startswith("ref:")
    except OSError:
        return  # git itself will say what is wrong when it commits
    if not on_branch:
        raise DataError(_("{root} is not on a branch (detached HEAD): a commit here would belong to no branch and be "
                          "lost at the next checkout; nothing written. Switch to the book's branch first (git -C "
                          "{root} switch BRANCH), or write with --no-commit").format(root=root))


def _refuse_deletions(root: str, changed: list[tuple[str, str]]) -> None:
    """A record file gone but its deletion not committed: no crash does that, a person did. It is never
    committed as part of someone else's write (a complaint record is evidence): restore or delete it
    deliberately first."""
    gone = [relative for code, relative in changed if "D" in code and not os.path.lexists(os.path.join(root, relative))]
    if gone:
        raise DataError(_("{paths} is deleted but the deletion is not committed; nothing written. A complaint "
                          "record is never deleted as part of another write: restore it with `git -C {root} "
                          "checkout HEAD -- {first}`, or delete it deliberately with `git -C {root} rm {first}` and "
                          "commit that").format(paths=", ".join(gone), root=root, first=" ".join(gone)))


def _commit_leftover(book, code: str, relative: str, actor: str) -> list[str]:
    from plaint.storage import git as gitlog
    root = book.root
    path = os.path.join(root, relative)
    record_id = os.path.basename(relative)[:-5]
    try:
        data = book.read(path).data
    except PlaintError as exc:
        return [_("warning: {relative} has uncommitted changes that break the record: {message}; fix it (plaint "
                  "check) and the next write commits it").format(relative=relative, message=exc.message)]
    seen = _committed_history_length(root, relative)
    history = data["history"]
    if len(history) > seen:
        subject, action = f"recover {record_id}: {history[-1]['action']}", "recover"
    else:
        subject, action = f"edit {record_id} (by hand)", "edit"
    try:
        gitlog.commit(root, [path], gitlog.one_line(subject), {"Complaint": record_id, "Action": action,
                                                               "Actor": actor}, actor)
    except PlaintError as exc:
        raise CommitError(_("cannot commit the uncommitted change of {relative} ({message}); nothing else done; "
                            "the next write tries again").format(relative=relative, message=exc.message))
    return [_("warning: committed an uncommitted change of {relative} on its own: {subject}").format(
        relative=relative, subject=subject)]


def _committed_history_length(root: str, relative: str) -> int:
    import tomllib
    result = subprocess.run(["git", "-C", root, "show", f"HEAD:{relative}"], capture_output=True)
    if result.returncode != 0:
        return 0
    try:
        history = tomllib.loads(result.stdout.decode("utf-8")).get("history")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return 0
    return len(history) if isinstance(history, list) else 0
