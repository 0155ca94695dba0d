"""Offline: a reader's whole visit (every page, a hover, a filter, a download) asks nothing of another host.

Requests are recorded on the browser context (every page, worker and download) and on the page
(its WebSockets); only the app's own origin and data:, blob: and about: URLs are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import (
    MAP,
    assert_only_local,
    exception_texts,
    flow_point,
    move_mouse_away,
    open_page,
    wait_for_hover_text,
    wait_for_map,
)
from tests.test_bad_data_app import fingerprint

pytestmark = pytest.mark.timeout(180)

PAGES = ["/", "/timeline", "/evidence", "/data", "/add", "/about"]
TROOPS_FLOW, TROOPS_FIGURE = "F09", "10,000"
DOWNLOAD_FLOWS = re.compile(r"Download these (\d+) flows")


@pytest.fixture
def context_urls(browser_context: Any) -> Iterator[list[str]]:
    """Every URL any page of the browser context requests while the test runs (downloads included)."""
    urls: list[str] = []

    def record(request: Any) -> None:
        urls.append(request.url)

    browser_context.on("request", record)
    try:
        yield urls
    finally:
        browser_context.remove_listener("request", record)


def pick_category(page: Any, label: str) -> None:
    """Choose one category in the sidebar's "What flows" filter, as a reader does."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="What flows")
    box.locator("input").click()
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"category="), timeout=15_000)


def test_a_whole_visit_stays_on_the_machine(page: Any, app_url: str, requested_urls: list[str],
                                            context_urls: list[str], data_dir: Path) -> None:
    before = fingerprint(data_dir)

    for path in PAGES:
        open_page(page, app_url + path)
        assert exception_texts(page) == [], path

    # Hover a flow on the map (one line per assertion, so the flow has a line of its own).
    open_page(page, app_url + "/?lines=assertions")
    page.locator(MAP).scroll_into_view_if_needed()
    wait_for_map(page)
    point = flow_point(page, TROOPS_FLOW, 1 / 3)
    move_mouse_away(page)
    page.mouse.move(point["x"], point["y"])
    wait_for_hover_text(page, TROOPS_FIGURE)

    # Change a filter, then download what it shows.
    pick_category(page, "Troops")
    page.get_by_role("link", name="Data and downloads").first.click()
    button = page.get_by_role("button", name=DOWNLOAD_FLOWS)
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=15_000) as info:
        button.click()
    assert Path(info.value.path()).read_bytes().startswith(b"flow_id,")
    assert "category=troops" in page.url

    urls = requested_urls + context_urls
    assert any(u.startswith(("ws://", "wss://")) and "/_stcore/stream" in u for u in requested_urls), \
        "the WebSocket was not recorded"
    assert any("/app/static/geo/" in u for u in context_urls), "the boundary file was not recorded"
    assert any("/media/" in u for u in context_urls), "the download was not recorded"
    assert_only_local(urls, app_url)
    assert fingerprint(data_dir) == before, "the visit changed data/"
