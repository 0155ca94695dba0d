"""Every page in a real browser: it renders without an exception, offline; the CSV download is exact."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import pytest

from tests.browser.harness import assert_only_local, exception_texts, open_page

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
