"""Fixtures for the browser tests: the app on a free local port, one Chromium, pages that record requests.

Without Chromium (or the playwright package) the tests are skipped, unless REQUIRE_BROWSER=1,
as on CI, where a missing browser is a failure.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools.appserver import tail
from devtools.chromium import chromium_path
from tests.browser.harness import ROOT, launch_browser, record_requests, serve_app

SERVER_LOG = pytest.StashKey[Path]()


def _no_browser(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of Debian's Chromium; skips (or fails under REQUIRE_BROWSER=1) when it is missing."""
    path = chromium_path()
    if path is None:
        _no_browser("no `chromium` on PATH: install Debian's chromium package to run the browser tests")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _no_browser("the playwright Python package is not installed")
    return path


@pytest.fixture(scope="session")
def app_url(chromium_executable: str, tmp_path_factory: pytest.TempPathFactory,
            pytestconfig: pytest.Config) -> Iterator[str]:
    """Base URL of the dashboard, served by `streamlit run` on a free port of 127.0.0.1 for the session."""
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    pytestconfig.stash[SERVER_LOG] = log_path
    with serve_app(log_path) as url:
        yield url


@pytest.fixture(scope="session")
def browser_context(chromium_executable: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the session, with a fresh profile, viewport 1400 x 1600, downloads on."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = launch_browser(playwright, tmp_path_factory.mktemp("chromium-profile"), chromium_executable)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def requested_urls() -> list[str]:
    """Every URL the test's page requests (HTTP and WebSocket), filled in as it browses."""
    return []


@pytest.fixture
def page(browser_context: Any, app_url: str, requested_urls: list[str]) -> Iterator[Any]:
    """A new tab (so a new Streamlit session) whose requests are recorded in ``requested_urls``."""
    tab = browser_context.new_page()
    record_requests(tab, requested_urls)
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture(scope="session")
def flow_rows() -> list[dict[str, str]]:
    """data/flows.csv as read by the csv module: the rows the app should show."""
    with open(ROOT / "data" / "flows.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def claim_rows() -> list[dict[str, str]]:
    """data/claims.csv as read by the csv module: the claims the default map draws, one line each."""
    with open(ROOT / "data" / "claims.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def flow_fields() -> list[str]:
    """The flows resource's column names, in the order data/datapackage.json gives them."""
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "flows")
    return [field["name"] for field in resource["schema"]["fields"]]



@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """A failing browser test's report ends with the app server's log: a page's traceback is there only."""
    report = yield
    log_path = item.config.stash.get(SERVER_LOG, None)
    if report.failed and log_path is not None and log_path.exists():
        report.sections.append(("streamlit server log (last lines)", tail(log_path)))
    return report
