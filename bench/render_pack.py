"""Render an HTML report pack with headless Chromium to PNG and PDF (A4), as a manager would see it.

    .venv/bin/python bench/render_pack.py PACK.html OUT_DIR

Needs Debian's `chromium` (or `chromium-browser` / `google-chrome`) on PATH; tests/test_report_browser.py
uses this and is skipped where no browser is installed. Prints the PNG's size and the PDF's page count.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# The font cache outlives one run (tests give every run a fresh HOME; rebuilding it costs ~10 s).
CACHE = os.path.join(tempfile.gettempdir(), "plaint-render-cache")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def _run(exe: str, *args: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--no-first-run", f"--user-data-dir={profile}", *args],
                       check=True, capture_output=True, timeout=120, env={**os.environ, "TZ": "UTC", "XDG_CACHE_HOME": CACHE})


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def pdf_pages(path: Path) -> tuple[int, list[tuple[float, float]]]:
    """Page count and the page boxes (points) of a PDF, read from its text."""
    text = path.read_bytes().decode("latin-1")
    boxes = [(float(w), float(h)) for w, h in
             re.findall(r"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", text)]
    return len(re.findall(r"/Type\s*/Page[^s]", text)), boxes


def render(html: Path, out: Path, width: int = 800, height: int = 2400) -> tuple[Path, Path]:
    exe = browser()
    if exe is None:
        raise SystemExit("no Chromium on PATH (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    png, pdf = out / (html.stem + ".png"), out / (html.stem + ".pdf")
    url = html.resolve().as_uri()
    _run(exe, f"--window-size={width},{height}", f"--screenshot={png}", url)
    _run(exe, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url)
    return png, pdf


if __name__ == "__main__":
    png, pdf = render(Path(sys.argv[1]), Path(sys.argv[2]))
    pages, boxes = pdf_pages(pdf)
    print(f"{png}: {png_size(png)[0]}x{png_size(png)[1]} px, {png.stat().st_size} bytes")
    print(f"{pdf}: {pages} pages, page box {boxes[0] if boxes else '?'} pt, {pdf.stat().st_size} bytes")
