"""Shell completion from the book, for bash, zsh and fish (Click's shell_complete)."""

import subprocess
import sys

from click.testing import CliRunner

from plaint.commands.app import main


def complete(book, words: str, shell: str = "bash") -> list[str]:
    """What `plaint <words><TAB>` offers: values only, in order."""
    argv = words.split(" ")
    env = {"_PLAINT_COMPLETE": f"{shell}_complete", "COMP_WORDS": "plaint " + words,
           "COMP_CWORD": argv[-1] if shell == "fish" else str(len(argv)), "PLAINT_BOOK": str(book.root)}
    result = CliRunner().invoke(main, [], env=env, prog_name="plaint")
    assert result.exit_code == 0, result.output
    if shell == "fish":
        return [line.split(",", 1)[1].split("\t")[0] for line in result.stdout.splitlines()]
    lines = result.stdout.splitlines()
    if shell == "zsh":
        return lines[1::3]
    return [line.split(",", 1)[1] for line in lines]


def test_ids_open_first_and_the_book_vocabulary(book):
    book("file", "--channel", "phone", "--summary", "Lift", "--unit", "1", now="2026-11-16 10:00")
    book("file", "--channel", "letter", "--summary", "Fee", "--unit", "2", now="2026-11-16 11:00")
    book("file", "--channel", "phone", "--summary", "Noise", "--unit", "3", now="2026-11-17 10:00")
    book("assign", "1116-001", "--handler", "Wang Qiang", "--department", "Engineering", now="2026-11-16 10:05")
    book("assign", "1116-002", "--handler", "Zhao", "--department", "Finance", now="2026-11-16 11:05")
    book("close", "1116-001", "--resolution", "Fixed", now="2026-11-16 12:00")
    assert complete(book, "classify ") == ["SG-20261116-002", "SG-20261117-001", "SG-20261116-001"]
    assert complete(book, "show 1117") == ["SG-20261117-001"]
    assert complete(book, "link 002 --duplicate-of ") == ["SG-20261116-002", "SG-20261117-001", "SG-20261116-001"]
    assert complete(book, "classify 002 --category f") == ["fees", "facilities"]
    assert complete(book, "file --channel ") == ["phone", "in_person", "proxy", "letter", "suggestion_box"]
    assert complete(book, "classify 002 --severity ") == ["minor", "important", "major"]
    assert complete(book, "classify 002 --validity ") == ["valid", "help", "inquiry", "venting", "invalid"]
    assert complete(book, "list --handler ") == ["Wang Qiang", "Zhao"]
    assert complete(book, "overdue --department eng") == ["Engineering"]
    assert complete(book, "extend 002 --clock re") == ["respond", "resolve", "revisit"]
    assert complete(book, "init x --template ") == ["building", "dealership", "general", "logistics", "property",
                                                   "service-station"]
    assert complete(book, "classify ", "zsh")[:1] == ["SG-20261116-002"]
    assert complete(book, "file --channel p", "fish") == ["phone", "proxy"]


def test_the_scripts_come_from_the_installed_command(tmp_path):
    for shell, needle in (("bash", "complete -o nosort -F _plaint_completion plaint"),
                          ("zsh", "compdef _plaint_completion plaint"),
                          ("fish", "complete --no-files --command plaint")):
        result = subprocess.run([sys.executable, "-c", "import sys; sys.argv = ['plaint']; "
                                 "from plaint.commands.entry import main; main()"],
                                env={"_PLAINT_COMPLETE": f"{shell}_source", "PATH": "/usr/bin:/bin"},
                                capture_output=True, text=True, cwd=tmp_path)
        assert needle in result.stdout, (shell, result.stdout, result.stderr)
