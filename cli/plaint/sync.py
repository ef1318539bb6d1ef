"""Many desks, one book: the merge driver's installation, `clone`, `setup` and `sync`.

Every desk is a clone of a central repository. `sync` fetches, merges the remote branch into
the local one with plaint's record merge driver (never a rebase: records already pushed keep
their commits), and pushes; it retries once when another desk pushed in between. It holds the
book lock while merging, so people and cron can work at the same time, and a merge that cannot
finish is aborted, leaving the clone as it was.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import uuid

from plaint.errors import PlaintError, UsageError
from plaint.sites import check_site
from plaint.i18n import _

DRIVER = "plaint"
ATTRIBUTES_LINE = "[0-9][0-9][0-9][0-9]/*/*.toml merge=plaint"
ATTRIBUTES = ("# Complaint records merge field by field (`plaint merge-driver`), never line by line.\n"
              f"{ATTRIBUTES_LINE}\n")
MARKER = "plaint-sync-merge"  # in .git: the merge in progress is sync's own


class RemoteError(PlaintError):
    """The remote could not be reached, or kept moving: nothing changed here; try again later."""
    exit_code = 3


class MergeNeedsPerson(PlaintError):
    """The merge could not be finished automatically; it was aborted and the clone is as it was."""
    exit_code = 4


# -- git ---------------------------------------------------------------------------
def _git(root: str, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", "-C", root, *args], capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise PlaintError(_("git {value} failed in {root}: {value2}").format(value=args[0], root=root, value2=(result.stderr or result.stdout).strip()))
    return result


def _out(root: str, *args: str) -> str | None:
    result = _git(root, *args, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def _require_own_repo(root: str) -> None:
    top = _out(root, "rev-parse", "--show-toplevel")
    if top is None or os.path.realpath(top) != os.path.realpath(root):
        raise UsageError(_("{root} is not the top of its own git repository; sharing a book needs one (`plaint "
                           "init` makes it, `plaint clone URL DIR --site CODE` copies one)").format(root=root))


# -- the driver ------------------------------------------------------------------------
def driver_command() -> str:
    """How git calls the driver: this very interpreter, so it works however plaint is installed."""
    return f"{shlex.quote(sys.executable)} -m plaint merge-driver %O %A %B %P"


def install_driver(root: str) -> bool:
    """Switch the record merge driver on in the clone's local git config; True when it changed."""
    command = driver_command()
    if _out(root, "config", "--local", "--get", f"merge.{DRIVER}.driver") == command:
        return False
    _git(root, "config", "--local", f"merge.{DRIVER}.name", "plaint: merge complaint records field by field")
    _git(root, "config", "--local", f"merge.{DRIVER}.driver", command)
    return True


def write_attributes(root: str) -> bool:
    """Declare the driver for record files in the book's .gitattributes; True when the file changed."""
    path = os.path.join(root, ".gitattributes")
    text = ""
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if ATTRIBUTES_LINE in text.splitlines():
            return False
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text + ("\n" if text and not text.endswith("\n") else "") + ATTRIBUTES)
    return True


# -- clone and setup -------------------------------------------------------------------
def setup_clone(root: str, site: str | None, actor: str = "plaint") -> dict:
    """Give an existing clone its own site code and the merge driver."""
    from plaint.storage import git as gitlog

    _require_own_repo(root)
    done = []
    if site is not None:
        site = check_site(site.upper(), "--site")
        _git(root, "config", "--local", "plaint.site", site)
        done.append("site")
    if not _out(root, "config", "--local", "--get", "plaint.desk"):
        _git(root, "config", "--local", "plaint.desk", uuid.uuid4().hex[:8])
    if install_driver(root):
        done.append("driver")
    if write_attributes(root):
        gitlog.commit(root, [os.path.join(root, ".gitattributes")], "setup: merge records field by field",
                      {"Action": "setup", "Actor": actor}, actor)
        done.append("attributes")
    return {"root": root, "site": _out(root, "config", "--local", "--get", "plaint.site") or "", "done": done}


def clone_book(url: str, directory: str, site: str) -> dict:
    """Clone a shared book for one desk: its own site code, the merge driver, ready to file."""
    site = check_site(site.upper(), "--site")
    if os.path.exists(directory) and (not os.path.isdir(directory) or os.listdir(directory)):
        raise UsageError(_("{directory} already exists and is not empty; clone into a new folder").format(directory=directory))
    result = subprocess.run(["git", "clone", "-q", "--", url, directory], capture_output=True, text=True)
    if result.returncode != 0:
        raise RemoteError(_("cannot clone {url}: {value}").format(url=url, value=(result.stderr or result.stdout).strip()))
    if not os.path.isfile(os.path.join(directory, "plaint.toml")):
        raise UsageError(_("{url} holds no book (no plaint.toml at its top); cloned into {directory} anyway. To "
                           "share a new book, run `plaint init DIR`, then `git -C DIR remote add origin URL` and "
                           "`plaint --book DIR sync`").format(url=url, directory=directory))
    return setup_clone(os.path.abspath(directory), site)


# -- sync ------------------------------------------------------------------------------
class Target:
    """Where this clone's branch meets the others: the remote, its branch, our copy of it."""

    def __init__(self, root: str):
        branch = _out(root, "symbolic-ref", "--quiet", "--short", "HEAD")
        if not branch:
            raise UsageError(_("{root} is not on a branch (detached HEAD); `git switch main` first, then sync").format(root=root))
        remotes = (_out(root, "remote") or "").split()
        remote = _out(root, "config", "--get", f"branch.{branch}.remote") or ("origin" if "origin" in remotes
                                                                              else (remotes or [None])[0])
        if not remote:
            raise UsageError(_("{root} has no git remote to sync with; add the central repository with `git remote "
                               "add origin URL` (or clone it with `plaint clone URL DIR --site CODE`)").format(root=root))
        merge = _out(root, "config", "--get", f"branch.{branch}.merge") or f"refs/heads/{branch}"
        self.branch, self.remote = branch, remote
        self.remote_branch = merge.removeprefix("refs/heads/")
        self.tracking = f"refs/remotes/{remote}/{self.remote_branch}"
        self.label = f"{remote}/{self.remote_branch}"


def sync(book, actor: str) -> dict:
    """Fetch, merge with the record driver, push; retry once on a push race. Returns what moved."""
    from plaint.errors import LockBusy
    from plaint.storage.files import take_lock

    root = book.root
    _require_own_repo(root)
    target = Target(root)
    git_dir = os.path.join(root, _out(root, "rev-parse", "--git-dir") or ".git")
    lock = os.path.join(git_dir, "plaint-sync.lock")
    with open(lock, "a+") as handle:
        try:  # one sync at a time per clone; waits as a write waits for the book lock, then gives up
            take_lock(handle, lock, book.lock_wait, book.on_lock_wait)
        except LockBusy:
            raise LockBusy(_("another plaint sync of this clone still holds {path} after {wait:g} s; nothing fetched, "
                             "merged or sent. Run `plaint sync` again when it has finished (set PLAINT_LOCK_WAIT to "
                             "wait longer, in seconds)").format(path=lock, wait=book.lock_wait)) from None
        install_driver(root)
        summary = {"received": 0, "sent": 0, "merged": False, "retried": False}
        for attempt in (1, 2):
            _fetch(root, target)
            with book.lock():  # no plaint write lands while the work tree is being merged
                _clear_own_merge(root, git_dir)
                received, merged = _integrate(root, target, git_dir, actor)
            summary["received"] += received
            summary["merged"] = summary["merged"] or merged
            outcome = _push(root, target)
            if outcome is not None:
                summary["sent"] = outcome
                return summary
            summary["retried"] = True
        raise RemoteError(_("another desk pushed to {label} twice while this one was syncing; nothing is lost "
                            "(this clone holds its merge); run `plaint sync` again").format(label=target.label))


def _fetch(root: str, target: Target) -> None:
    result = _git(root, "fetch", "-q", target.remote, check=False)
    if result.returncode != 0:
        raise RemoteError(_("cannot fetch from {remote}: {value}; nothing changed here; sync again when the "
                            "network is back").format(remote=target.remote, value=(result.stderr or result.stdout).strip()))


def _clear_own_merge(root: str, git_dir: str) -> None:
    """A merge left by a killed sync is aborted; a person's merge in progress is left to them."""
    marker, merge_head = os.path.join(git_dir, MARKER), os.path.join(git_dir, "MERGE_HEAD")
    if os.path.exists(merge_head):
        if not os.path.exists(marker):
            raise MergeNeedsPerson(_("a merge is in progress in {root} (started by hand): finish it with "
                                     "`git commit`, or abandon it with `git merge --abort`; then `plaint sync`").format(root=root))
        _git(root, "merge", "--abort", check=False)
    if os.path.exists(marker):
        os.unlink(marker)


def _integrate(root: str, target: Target, git_dir: str, actor: str) -> tuple[int, bool]:
    """Bring the remote's commits in: fast-forward, or a merge commit. Returns (commits received, merged)."""
    if _out(root, "rev-parse", "--verify", "--quiet", target.tracking) is None:
        return 0, False  # the remote branch does not exist yet: the push creates it
    ahead, behind = (int(n) for n in _out(root, "rev-list", "--left-right", "--count",
                                          f"HEAD...{target.tracking}").split())
    if behind == 0:
        return 0, False
    dirty = _git(root, "status", "--porcelain", "--untracked-files=no").stdout
    if dirty.strip():
        files = ", ".join(line[3:] for line in dirty.splitlines()[:5])
        raise MergeNeedsPerson(_("uncommitted changes in {root} ({files}); commit or undo them before syncing "
                                 "(git merges only into a clean work tree); nothing was merged").format(root=root, files=files))
    if ahead == 0:
        _git(root, "merge", "-q", "--ff-only", target.tracking)
        return behind, False
    marker = os.path.join(git_dir, MARKER)
    with open(marker, "w") as handle:
        handle.write(f"{os.getpid()}\n")
    from plaint.storage.git import one_line  # nothing typed may start a line of its own: no forged trailers
    message = (f"sync: merge {one_line(target.label)} into {one_line(target.branch)}\n\n"
               f"Action: sync\nActor: {one_line(actor)}\n")
    from plaint.storage.git import fallback_identity
    result = _git(root, *fallback_identity(root, actor), "merge", "-q", "--no-ff", "--no-edit", "-m", message,
                  target.tracking, check=False)
    try:
        if result.returncode != 0:
            conflicted = (_out(root, "diff", "--name-only", "--diff-filter=U") or "").split()
            _git(root, "merge", "--abort", check=False)
            raise MergeNeedsPerson(_conflict_message(target, conflicted, result))
    finally:
        if os.path.exists(marker):
            os.unlink(marker)
    return behind, True


def _conflict_message(target: Target, conflicted: list[str], result) -> str:
    lines = (result.stderr + result.stdout).splitlines()
    said = [line.strip() for line in lines if line.startswith("plaint merge-driver")]
    why = "; ".join(said) or (lines[-1].strip() if lines else _("git refused the merge"))
    files = ", ".join(conflicted[:10]) + (" …" if len(conflicted) > 10 else "") if conflicted else _("the merge")
    return _("could not merge {label} automatically ({files}): {why}. The merge was aborted; this clone is as it "
             "was. To resolve by hand: `git merge {label}`, fix each file named (`plaint check` explains each one), "
             "`git add` them and `git commit`; then `plaint sync`").format(label=target.label, files=files, why=why)


def _push(root: str, target: Target) -> int | None:
    """Send what the remote lacks; the number of commits sent, or None when another desk pushed first."""
    exists = _out(root, "rev-parse", "--verify", "--quiet", target.tracking) is not None
    count = int(_out(root, "rev-list", "--count", f"{target.tracking}..HEAD" if exists else "HEAD") or 0)
    if count == 0:
        return 0
    upstream = _out(root, "config", "--get", f"branch.{target.branch}.merge") is None
    args = ["push", "-q", *(["-u"] if upstream else []), target.remote, f"HEAD:refs/heads/{target.remote_branch}"]
    result = _git(root, *args, check=False)
    if result.returncode == 0:
        return count
    text = (result.stderr or result.stdout).strip()
    if "[rejected]" in text or "fetch first" in text or "non-fast-forward" in text:
        return None
    raise RemoteError(_("cannot push to {remote}: {text}; your commits are safe here; sync again later").format(remote=target.remote, text=text))
