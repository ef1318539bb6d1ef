"""--output into a folder that does not exist, or a file that cannot be written, is a usage error
(exit 2) naming the path, never an internal error."""

import os

import pytest

NOW = "2026-11-23 10:00"


@pytest.mark.parametrize("fmt", ["html", "xlsx", "csv", "json", "markdown", "table"])
def test_output_into_a_missing_folder(book, tmp_path, fmt):
    book("file", "--channel", "phone", "--summary", "Noise", now=NOW)
    target = tmp_path / "nonexistent" / f"p.{fmt}"
    result = book("report", "--month", "2026-11", "--format", fmt, "--output", str(target), now=NOW, expect=2)
    assert result.stderr == (f"Error: --output {target}: the folder {tmp_path / 'nonexistent'} does not exist; "
                             "create it first or name a file in an existing folder\n")
    assert not target.parent.exists()


def test_output_under_a_file(book, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    target = tmp_path / "notes.txt" / "p.html"
    result = book("report", "--month", "2026-11", "--format", "html", "--output", str(target), now=NOW, expect=2)
    assert result.stderr == f"Error: --output {target}: {tmp_path / 'notes.txt'} is a file, not a folder\n"


def test_output_that_cannot_be_written(book):
    result = book("report", "--month", "2026-11", "--output", "/dev/full", now=NOW, expect=2)
    assert result.stderr == "Error: --output /dev/full: cannot write it (No space left on device)\n"


def test_init_under_a_file(tmp_path):
    from click.testing import CliRunner

    from plaint.commands.app import main
    (tmp_path / "afile").write_text("x")
    result = CliRunner().invoke(main, ["init", "--template", "property", str(tmp_path / "afile" / "book")])
    assert result.exit_code == 2
    assert result.output == f"Error: cannot create the book folder {tmp_path / 'afile' / 'book'} (Not a directory); nothing written\n"
