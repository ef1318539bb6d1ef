"""bench/generate_book.py's direct rendering writes byte for byte what the tomlkit path (plaint.records,
as the commands write) writes for the same seed, so a 1,000,000-record book is the same book made
faster; `--git` commits every file in one commit with a clean, refreshed index."""

import importlib.util
import subprocess
from collections import Counter
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "bench" / "generate_book.py"


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("generate_book", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def files_of(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}


def test_fast_text_is_slow_text_in_every_state(generator):
    """2,000 records planned; up to 8 at each stage (filed ... revisited) and every 100th rendered both ways."""
    seen = Counter()
    for index, (_folder, _id, top, complainant, received, by, taken) in enumerate(generator.plans(2000, seed=5)):
        if seen[len(taken)] >= 8 and index % 100:
            continue
        seen[len(taken)] += 1
        fast = generator.fast_text(top, complainant, received, by, taken)
        assert fast == generator.slow_text(top, complainant, received, by, taken), _id
    assert set(seen) == {0, 1, 2, 3, 4, 5}


def test_books_are_the_same_files_both_ways_and_git_is_clean(generator, tmp_path):
    generator.build(tmp_path / "slow", 40, seed=3, slow=True)
    generator.build(tmp_path / "fast", 40, seed=3, git=True)
    slow, fast = files_of(tmp_path / "slow"), files_of(tmp_path / "fast")
    assert len(slow) == 43 and slow == fast
    git = ["git", "--no-optional-locks", "-C", str(tmp_path / "fast")]
    # the index carries the files' stat data: a read-only status hashes nothing again
    assert subprocess.run(git + ["diff-files", "--name-only"], capture_output=True, text=True).stdout == ""
    assert subprocess.run(git + ["status", "--porcelain"], capture_output=True, text=True).stdout == ""
    tracked = subprocess.run(git + ["ls-files"], capture_output=True, text=True).stdout.split()
    assert sorted(tracked) == sorted(fast)
    assert subprocess.run(git + ["log", "-1", "--format=%s"], capture_output=True, text=True).stdout == "generated\n"
