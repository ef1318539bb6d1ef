"""The README's desk examples find what they promise on the demo book (`records/`): a new user
trying them in a fresh checkout sees cases, not an empty answer."""

import re
import shlex
import shutil
from pathlib import Path

from conftest import Plaint

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-23 10:00"


def _desk_examples() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("### At the desk", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [shlex.split(line, comments=True) for line in block.splitlines()]
    return [words[1:] for words in commands if words[:2] in (["plaint", "find"], ["plaint", "list"])]


def test_the_readme_desk_searches_find_cases_on_the_demo(tmp_path):
    shutil.copytree(ROOT / "records", tmp_path / "demo")
    demo = Plaint(tmp_path / "demo")
    examples = _desk_examples()
    assert len(examples) == 4
    found = {}
    for args in examples:
        output = demo(*args, now=NOW).stdout
        found[" ".join(args)] = sorted(set(re.findall(r"SG-\d{8}-\d{3}", output)))
    assert found == {
        "find 13800138000": ["SG-20261009-001", "SG-20261015-001", "SG-20261016-001", "SG-20261116-001"],
        "find 3-2-501 --status open": ["SG-20261016-001"],
        "find 电梯 --from 2026-11-01 --to 2026-11-30 --format csv": ["SG-20261118-001"],
        "list --search lift --handler zhao lei": ["SG-20261118-001"],
    }
