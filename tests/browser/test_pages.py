"""Every page in a real browser: it renders without an exception, offline; the CSV download is exact."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import pytest

from tests.browser.harness import assert_only_local, exception_texts, open_page, serve_app

pytestmark = pytest.mark.timeout(90)

PAGES = [
    ("/", "Who sends what to whom"),
    ("/timeline", "Timeline"),
    ("/evidence", "Evidence reader"),
    ("/data", "Data and downloads"),
    ("/add", "Add an article"),
    ("/about", "About the data"),
]
DOWNLOAD_FLOWS = re.compile(r"Download these \d+ flows")


@pytest.mark.parametrize(("path", "title"), PAGES, ids=[p.strip("/") or "overview" for p, _ in PAGES])
def test_page_renders_offline(page: Any, app_url: str, requested_urls: list[str], path: str, title: str) -> None:
    open_page(page, app_url + path)

    assert page.locator("h1").first.inner_text().strip() == title
    assert exception_texts(page) == []
    assert_only_local(requested_urls, app_url)


def test_every_page_in_the_navigation_is_tested(page: Any, app_url: str) -> None:
    open_page(page, app_url + "/")
    links = page.locator('[data-testid="stSidebarNav"] a')
    links.first.wait_for()
    paths = {urlsplit(href).path or "/" for href in (links.nth(i).get_attribute("href") or ""
                                                     for i in range(links.count()))}

    assert paths == {path for path, _ in PAGES}


def test_a_shared_link_is_a_fresh_servers_first_request(browser_context: Any, chromium_executable: str,
                                                        tmp_path: Path, flow_rows: list[dict[str, str]]) -> None:
    """A server of its own, so that the link to a row is its very first request (ui/context.py)."""
    f09 = next(r for r in flow_rows if r["flow_id"] == "F09")
    page = browser_context.new_page()
    try:
        with serve_app(tmp_path / "server.log") as url:
            open_page(page, url + "/evidence?row=F09")  # fails unless the frame's footer is drawn

            assert page.locator("h1").first.inner_text().strip() == "Evidence reader"
            page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.wait_for()  # the filters
            assert urlsplit(page.url).path == "/evidence" and "row=F09" in urlsplit(page.url).query, page.url
            page.get_by_text(f09["quote"][:60], exact=False).first.wait_for()
    finally:
        page.close()


def _download_flows(page: Any) -> tuple[str, pd.DataFrame]:
    with page.expect_download(timeout=15_000) as info:
        page.get_by_role("button", name=DOWNLOAD_FLOWS).click()
    download = info.value
    frame = pd.read_csv(download.path(), dtype=str, keep_default_na=False, encoding="utf-8")
    return download.suggested_filename, frame


def test_csv_download_is_the_shown_flows_in_schema_order(page: Any, app_url: str, requested_urls: list[str],
                                                         flow_rows: list[dict[str, str]],
                                                         flow_fields: list[str]) -> None:
    open_page(page, app_url + "/data")
    name, frame = _download_flows(page)

    assert list(frame.columns) == flow_fields
    assert frame["flow_id"].tolist() == [r["flow_id"] for r in flow_rows]
    assert "_all_" in name and name.endswith(".csv"), name

    troops = [r["flow_id"] for r in flow_rows if r["category"] == "troops"]
    open_page(page, app_url + "/data?category=troops")
    page.get_by_role("button", name=f"Download these {len(troops)} flows (CSV)").wait_for()
    name, frame = _download_flows(page)

    assert list(frame.columns) == flow_fields
    assert frame["flow_id"].tolist() == troops
    assert set(frame["category"]) == {"troops"}
    assert "filtered" in name, name
    assert exception_texts(page) == []
    assert_only_local(requested_urls, app_url)
