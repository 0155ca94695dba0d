"""Shared mode in a real browser: a reader reviews and downloads but writes nothing; an editor publishes."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import ROOT, assert_only_local, open_page, record_requests, serve_app, wait_until_idle
from tests.browser.test_add_article import ARTICLE
from tracker.access import hash_password

PASSWORD = "a test credential for the browser"
SAVED = "2024-11-22-north-korean-soldiers-in-kursk"


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def shared_app(chromium_executable: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An app in shared mode with one editor, alice, whose credential only this test knows."""
    user_dir = tmp_path / "articles"
    user_dir.mkdir()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[editors.accounts.alice]\npassword_hash = "{hash_password(PASSWORD)}"\n', encoding="utf-8")
    with serve_app(tmp_path / "server.log", user_dir=user_dir, extra_env={"DASHBOARD_SHARED": "1"},
                   secrets_file=secrets) as url:
        yield url, user_dir


def _review_one_row(page: Any) -> None:
    wait_until_idle(page)  # NOTE: mid-run, the last run's stale form is still on the page beside the new one
    page.get_by_label("…or paste its text").fill(ARTICLE)
    page.get_by_label("Headline").fill("North Korean soldiers in Kursk")
    page.get_by_role("button", name="Propose rows").click()
    page.get_by_text("Candidate 1 of").wait_for(timeout=30_000)
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("1 accepted rows").wait_for(timeout=30_000)
    wait_until_idle(page)


def test_a_reader_reviews_and_downloads_and_nothing_is_written(browser_context: Any,
                                                               shared_app: tuple[str, Path]) -> None:
    url, user_dir = shared_app
    shipped = _files(ROOT / "data")
    page = browser_context.new_page()
    requested: list[str] = []
    record_requests(page, requested)
    try:
        open_page(page, url + "/add")
        page.get_by_text("only editors publish").wait_for()
        _review_one_row(page)
        assert page.get_by_role("button", name="Save the article").count() == 0
        with page.expect_download(timeout=30_000) as download_info:
            page.get_by_role("button", name="Download as a data package (zip)").click()
        archive = zipfile.ZipFile(io.BytesIO(Path(download_info.value.path()).read_bytes()))
        assert f"{SAVED}/flows.csv" in archive.namelist()
        flows = archive.read(f"{SAVED}/flows.csv").decode("utf-8")
        assert f"{SAVED}:F01" in flows
        page.get_by_role("button", name="Discard this review").click()
        wait_until_idle(page)
        assert_only_local(requested, url)
    finally:
        page.close()
    assert _files(user_dir) == {}, "a reader wrote to the server"
    assert _files(ROOT / "data") == shipped


def test_an_editor_signs_in_publishes_and_withdraws(browser_context: Any, shared_app: tuple[str, Path]) -> None:
    url, user_dir = shared_app
    page = browser_context.new_page()
    try:
        open_page(page, url + "/add")
        page.get_by_text("Editors: sign in with the server's editor credential").click()
        page.get_by_label("Editor name").fill("alice")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Signed in as editor").wait_for(timeout=30_000)
        _review_one_row(page)
        page.get_by_role("button", name="Save the article").click()
        page.get_by_text("Its flows are now on the map").wait_for(timeout=30_000)
        record = json.loads((user_dir / SAVED / "publication.json").read_text(encoding="utf-8"))
        assert record["published_by"] == "alice"

        wait_until_idle(page)
        page.get_by_text("Editors: publish a reader's zip, or withdraw an article").click()
        # NOTE: the table of published articles is drawn after the panel opens and pushes the button down.
        page.locator('[data-testid="stDataFrame"] canvas').first.wait_for()
        wait_until_idle(page)
        page.get_by_role("button", name="Withdraw it from the map").click()
        page.get_by_text("was withdrawn").wait_for(timeout=30_000)
    finally:
        page.close()
    assert (user_dir / SAVED / "withdrawn.json").is_file() and (user_dir / SAVED / "flows.csv").is_file()
    log = [json.loads(line) for line in (user_dir / ".publications.log").read_text(encoding="utf-8").splitlines()]
    assert [(e["action"], e["by"], e["article"]) for e in log] == [("publish", "alice", SAVED),
                                                                   ("withdraw", "alice", SAVED)]
