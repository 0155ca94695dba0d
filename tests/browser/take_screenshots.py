"""Save a screenshot of every page to docs/screenshots/, for the README and for a look by eye.

Run by hand from the repository root (starts its own app server and Chromium, all on 127.0.0.1):

    .venv/bin/python -m tests.browser.take_screenshots [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file path rather than with -m
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from devtools.chromium import chromium_path  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    ROOT,
    assert_only_local,
    launch_browser,
    move_mouse_away,
    open_page,
    record_requests,
    serve_app,
    wait_for_map,
    wait_until_idle,
)

SCREENSHOTS_DIR = ROOT / "docs" / "screenshots"
PAGES = {"map": "/", "timeline": "/timeline", "evidence": "/evidence", "data": "/data", "add": "/add",
         "about": "/about"}


def _wait_until_drawn(page: Any, name: str) -> None:
    if name == "map":
        wait_for_map(page)
    elif name == "timeline":
        page.locator(".js-plotly-plot g.trace.bars path").first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    # NOTE: on a busy machine the page is still running (tables drawn as grey placeholders) when the network
    # is idle: wait until the script has finished and stayed finished.
    wait_until_idle(page)


def take_screenshots(out_dir: Path) -> tuple[list[Path], list[str]]:
    """Screenshot every page (viewport 1400 x 1600) into ``out_dir``; return the files and the problems."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise SystemExit("no `chromium` on PATH: install Debian's chromium package")
    out_dir.mkdir(parents=True, exist_ok=True)
    written, problems = [], []
    with tempfile.TemporaryDirectory() as scratch, serve_app(Path(scratch) / "server.log") as url, \
            sync_playwright() as playwright:
        context = launch_browser(playwright, Path(scratch) / "profile", executable)
        try:
            for name, path in PAGES.items():
                page = context.new_page()
                try:
                    urls = record_requests(page, [])
                    open_page(page, url + path)
                    _wait_until_drawn(page, name)
                    assert_only_local(urls, url)
                    move_mouse_away(page)
                    target = out_dir / f"{name}.png"
                    page.screenshot(path=str(target), animations="disabled")
                    written.append(target)
                except AssertionError as error:  # one broken page should not cost the others' screenshots
                    problems.append(f"{path}: {error}")
                finally:
                    page.close()
        finally:
            context.close()
    return written, problems


def main() -> None:
    """Parse --out, write the screenshots, and exit non-zero if a page could not be shot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SCREENSHOTS_DIR, help=f"folder (default {SCREENSHOTS_DIR})")
    written, problems = take_screenshots(parser.parse_args().out)
    for path in written:
        print(f"{path} ({path.stat().st_size // 1024} KiB)")
    for problem in problems:
        print(f"NOT SHOT {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
