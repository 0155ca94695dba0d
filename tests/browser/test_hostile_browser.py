"""Hostile text in a real browser: the app on a hostile copy of the data shows every string, runs none.

The catalogue and the copy come from tests/test_hostile.py. On every page (and in the map's hover
label) no element from the data may exist in the DOM, no dialog may open, and the text must be
visible literally where the app shows it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.browser.harness import (
    MAP,
    assert_only_local,
    exception_texts,
    flow_point,
    move_mouse_away,
    open_page,
    record_requests,
    serve_app,
    wait_for_hover_text,
    wait_for_map,
)
from tests.test_hostile import write_hostile_copy
from tracker.constants import CATEGORY_LABELS

pytestmark = pytest.mark.timeout(240)

PAGES = ["/", "/timeline", "/evidence", "/data", "/add", "/about"]
DOWNLOAD_FLOWS = re.compile(r"Download these \d+ flows")
SPREADSHEET_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Elements or markup that exist only if text from the data was run as HTML or Markdown.
INJECTED = """() => {
  const found = [];
  const add = (what, nodes) => { for (const n of nodes) found.push(what + ': ' + n.outerHTML.slice(0, 120)); };
  add('img src=x', document.querySelectorAll('img[src="x"]'));
  add('javascript: link', document.querySelectorAll('a[href^="javascript" i], iframe[src^="javascript" i]'));
  add('iframe', document.querySelectorAll('iframe'));
  add('inline handler', document.querySelectorAll('[onerror], [onload], svg[onload]'));
  add('script from data', Array.from(document.querySelectorAll('script')).filter(s => s.textContent.includes('alert(')));
  add('style from data', Array.from(document.querySelectorAll('style')).filter(s => s.textContent.includes('*{display:none}')));
  add('bold from data', Array.from(document.querySelectorAll('b, strong')).filter(e => e.textContent.trim() === 'bold'));
  add('heading from data', Array.from(document.querySelectorAll('h1, h2')).filter(e => e.textContent.trim() === 'heading'));
  add('maths from data', document.querySelectorAll('.katex'));
  add('struck from data', Array.from(document.querySelectorAll('del, s')).filter(e => e.textContent.includes('strike')));
  add('textarea from data', Array.from(document.querySelectorAll('textarea')).filter(e => e.value.includes('svg')));
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_url(chromium_executable: str, hostile_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served on the hostile copy."""
    scratch = tmp_path_factory.mktemp("hostile-server")
    with serve_app(scratch / "server.log", data_dir=hostile_dir, user_dir=scratch / "user-articles") as url:
        yield url


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every alert, confirm or prompt the page opened."""
    return []


@pytest.fixture
def hostile_page(browser_context: Any, requested_urls: list[str], dialogs: list[str]) -> Iterator[Any]:
    tab = browser_context.new_page()
    record_requests(tab, requested_urls)

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    try:
        yield tab
    finally:
        tab.close()


def read_table(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def normalise(text: str) -> str:
    return " ".join(text.split())


def assert_nothing_injected(page: Any, where: str) -> None:
    found = page.evaluate(INJECTED)
    assert found == [], f"{where}: markup from the data reached the DOM: {found}"


def shown_text(page: Any) -> str:
    """The page's visible text, white space collapsed."""
    return normalise(page.locator("body").inner_text())


def test_every_page_shows_hostile_text_and_runs_none(hostile_page: Any, hostile_url: str, hostile_dir: Path,
                                                     requested_urls: list[str], dialogs: list[str]) -> None:
    for path in PAGES:
        open_page(hostile_page, hostile_url + path)
        hostile_page.wait_for_timeout(500)  # let late elements (charts, tooltips) mount
        assert exception_texts(hostile_page) == [], path
        assert_nothing_injected(hostile_page, path)
        outlet = read_table(hostile_dir, "sources")["outlet"].iloc[0]
        assert normalise(outlet) in shown_text(hostile_page), f"{path}: the footer's outlet is not shown literally"

    assert dialogs == []
    assert not any(url.rstrip("/").endswith("/x") for url in requested_urls), "an image from the data was fetched"
    assert_only_local(requested_urls, hostile_url)


def wait_for_texts(page: Any, test_id: str, expected: list[str], timeout_ms: int = 15_000) -> list[str]:
    """Wait until every expected text is shown in some element of ``test_id`` (white space collapsed).

    NOTE: polled, because a rerun right after the first load replaces the elements for a moment.
    """
    js = """([testId, expected]) => {
              const norm = (t) => t.split(/\\s+/).filter(Boolean).join(' ');
              const shown = Array.from(document.querySelectorAll(`[data-testid="${testId}"]`)).map(e => norm(e.innerText));
              return expected.every(x => shown.some(s => s.includes(x)));
            }"""
    try:
        page.wait_for_function(js, arg=[test_id, expected], timeout=timeout_ms)
    except Exception:  # playwright's TimeoutError: the assertion below says what is missing
        pass
    return [normalise(t) for t in page.get_by_test_id(test_id).all_inner_texts()]


def test_overview_metrics_show_hostile_text_literally(hostile_page: Any, hostile_url: str, hostile_dir: Path,
                                                      dialogs: list[str]) -> None:
    figures = read_table(hostile_dir, "figures").to_dict("records")
    # NOTE: one panel per claim, labelled with the claim's title; each figure's measure is in its caption.
    flows, claims = read_table(hostile_dir, "flows"), read_table(hostile_dir, "claims")
    claim_of = dict(zip(flows["flow_id"], flows["claim_id"], strict=True))
    titles = dict(zip(claims["claim_id"], claims["title"], strict=True))
    expected = [titles[claim_of[f["flow_id"]]] if f["flow_id"] else f["measure"] for f in figures]
    open_page(hostile_page, hostile_url + "/")
    labels = wait_for_texts(hostile_page, "stMetricLabel", [normalise(label) for label in expected])
    captions = " ".join(wait_for_texts(hostile_page, "stCaptionContainer",
                                       [normalise(f[c]) for f in figures for c in ("measure", "attributed_to", "unit")]))

    for figure, label in zip(figures, expected, strict=True):
        assert normalise(label) in labels, (label, labels)
        assert normalise(figure["measure"]) in captions, figure["measure"]
        assert normalise(figure["attributed_to"]) in captions, figure["attributed_to"]
        assert normalise(figure["unit"]) in captions, figure["unit"]
    assert_nothing_injected(hostile_page, "overview")
    assert dialogs == []


def test_hovering_a_hostile_flow_shows_its_text_literally(hostile_page: Any, hostile_url: str, hostile_dir: Path,
                                                          dialogs: list[str]) -> None:
    # NOTE: one line per assertion, so every hostile flow has a line (and label) of its own.
    open_page(hostile_page, hostile_url + "/?lines=assertions")
    hostile_page.locator(MAP).scroll_into_view_if_needed()
    wait_for_map(hostile_page)
    flows = read_table(hostile_dir, "flows")
    wanted = {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
              "%{customdata[0]}", "</textarea><svg onload=alert(1)>", "&amp; &lt;"}
    hovered = set()
    for flow in flows[flows["item"].isin(wanted)].to_dict("records"):
        point = flow_point(hostile_page, flow["flow_id"], 1 / 3)
        move_mouse_away(hostile_page)
        hostile_page.mouse.move(point["x"], point["y"])
        label = wait_for_hover_text(hostile_page, f"{CATEGORY_LABELS[flow['category']]}: {flow['item']}")
        assert flow["flow_id"] in label
        assert_nothing_injected(hostile_page, f"hover on {flow['flow_id']}")
        hovered.add(flow["item"])
    assert hovered == wanted
    assert dialogs == []


def test_timeline_axis_shows_hostile_titles_literally(hostile_page: Any, hostile_url: str, hostile_dir: Path,
                                                      dialogs: list[str]) -> None:
    open_page(hostile_page, hostile_url + "/timeline")
    hostile_page.locator(".js-plotly-plot .ytick text").first.wait_for(timeout=30_000)
    ticks = hostile_page.locator(".js-plotly-plot .ytick text").all_text_contents()

    events = read_table(hostile_dir, "events")
    for event in events.to_dict("records"):
        title = event["title"]
        expected = f"{event['event_id']} · {title[:44]}{'…' if len(title) > 44 else ''}"
        # NOTE: SVG text keeps no line break: Plotly drops the newline of a label.
        assert any(normalise(expected) == normalise(t) or expected.replace("\n", "") == t for t in ticks), \
            (expected, ticks)
    assert_nothing_injected(hostile_page, "timeline")
    assert dialogs == []


def test_downloaded_csv_of_hostile_flows_is_safe_and_whole(hostile_page: Any, hostile_url: str,
                                                           hostile_dir: Path) -> None:
    open_page(hostile_page, hostile_url + "/data")
    with hostile_page.expect_download(timeout=15_000) as info:
        hostile_page.get_by_role("button", name=DOWNLOAD_FLOWS).click()
    data = Path(info.value.path()).read_bytes()

    shown = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    flows = read_table(hostile_dir, "flows")
    assert len(shown) == len(flows)
    for column in ("item", "attributed_to", "notes"):
        expected = [("'" + v if v.startswith(SPREADSHEET_FORMULA_STARTS) else v) for v in flows[column]]
        assert shown[column].tolist() == expected, column
    assert shown["quote_start"].tolist() == flows["quote_start"].tolist()
