"""A real browser opens the HTML pack offline and prints it on A4 (skipped without Chromium)."""

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from plaint.commands.app import main
from test_report import build

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("render_pack", ROOT / "bench" / "render_pack.py")
render_pack = importlib.util.module_from_spec(spec)
spec.loader.exec_module(render_pack)

pytestmark = pytest.mark.skipif(render_pack.browser() is None, reason="no Chromium installed")


def test_chromium_renders_the_pack_to_png_and_a4_pdf(tmp_path):
    book = tmp_path / "book"
    build(book)
    html = tmp_path / "pack.html"
    result = CliRunner().invoke(main, ["--book", str(book), "--now", "2026-12-10 10:00", "report", "--format", "html",
                                       "--output", str(html)])
    assert result.exit_code == 0, result.output
    png, pdf = render_pack.render(html, tmp_path / "out", width=800, height=2400)
    assert render_pack.png_size(png) == (800, 2400)
    assert png.stat().st_size > 20_000  # drawn, not blank
    pages, boxes = render_pack.pdf_pages(pdf)
    assert pages >= 2
    assert all(abs(w - 595.9) < 2 and abs(h - 842.9) < 2 for w, h in boxes)  # A4 in points
