"""A package whose files lead out of it, in a real browser: the named error page, nothing of the server shown."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import EXCEPTION, ROOT, serve_app

TITLE = "The dataset cannot be shown"


@pytest.fixture
def leaky_app(chromium_executable: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The app on a copy of data/ whose flows.csv and source text are links to files outside the package."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    secret = tmp_path / "outside.csv"
    secret.write_text("SECRET-FIRST-LINE,a,b\n", encoding="utf-8")
    (folder / "flows.csv").unlink()
    (folder / "flows.csv").symlink_to(secret)
    text = next((folder / "sources").glob("*.txt"))
    text.unlink()
    text.symlink_to("/etc/passwd")
    with serve_app(tmp_path / "server.log", data_dir=folder) as url:
        yield url, folder


def test_a_package_linking_out_shows_the_named_error_page_and_nothing_of_the_server(
        browser_context: Any, leaky_app: tuple[str, Path]) -> None:
    url, folder = leaky_app
    page = browser_context.new_page()
    try:
        for path in ("/", "/evidence", "/add"):
            page.goto(url + path)
            page.get_by_role("heading", name=TITLE).wait_for(timeout=30_000)
            # NOTE: the heading is drawn before the list; wait for the list's last line.
            page.get_by_text("sources.csv, line 2, column path").wait_for(timeout=30_000)
            body = page.inner_text("body")
            assert "flows.csv: must stay inside the data package" in body
            assert "must stay inside the data package" in body.split("sources.csv", 1)[1]
            assert "SECRET-FIRST-LINE" not in body and "root:" not in body
            assert str(folder) not in body and str(folder.parent) not in body
            assert page.locator(EXCEPTION).count() == 0
    finally:
        page.close()
