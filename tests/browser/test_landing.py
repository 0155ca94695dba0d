"""The landing page as a reader first sees it: the map in the first screen, every line hoverable, views in the browser."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.harness import (
    MAP,
    exception_texts,
    map_view,
    move_mouse_away,
    open_page,
    plot_area,
    visible_flow_middles,
    wait_for_map,
)

pytestmark = pytest.mark.timeout(120)

SCREENS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
MIN_VISIBLE_SHARE = 0.4


@pytest.fixture
def screens(page: Any) -> Callable[[str], Any]:
    """The test's tab, resized to a screen of ``SCREENS`` before it opens anything."""
    def resize(screen: str) -> Any:
        page.set_viewport_size(SCREENS[screen])
        return page
    return resize


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_map_is_in_the_first_screen(screens: Callable[[str], Any], app_url: str, screen: str) -> None:
    page = screens(screen)
    open_page(page, app_url + "/")
    wait_for_map(page)
    assert page.evaluate("() => window.scrollY") == 0
    area = plot_area(page)
    height = SCREENS[screen]["height"]
    visible = max(0.0, min(area["bottom"], height) - max(area["top"], 0.0))
    share = visible / (area["bottom"] - area["top"])
    assert area["top"] < height, f"the map's plot area starts below the first screen: {area}"
    assert share >= MIN_VISIBLE_SHARE, f"only {share:.0%} of the map's plot area is in the first screen: {area}"
    assert exception_texts(page) == []


def _record_hovers(page: Any) -> None:
    page.evaluate(
        """(map) => {
             const gd = document.querySelector(map);
             window.__hovered = [];
             gd.on('plotly_hover', (e) => window.__hovered.push(e.points.map(p =>
               (p.data.meta && p.data.meta.flow_id) || (typeof p.customdata === 'string' ? p.customdata : null))));
           }""",
        MAP,
    )


def _hover_each_middle(page: Any, middles: list[dict[str, Any]], key: str) -> dict[str, tuple[Any, str]]:
    """Hover the middle of each line's visible part; return the lines whose label is another line's, by ``key``."""
    wrong = {}
    for middle in middles:
        move_mouse_away(page)
        page.evaluate("() => { window.__hovered = []; }")
        page.mouse.move(middle["x"], middle["y"])
        page.wait_for_function("() => window.__hovered.length > 0", timeout=3_000)
        label = page.locator(f"{MAP} .hoverlayer .hovertext").first.text_content() or ""
        hovered = page.evaluate("() => window.__hovered.at(-1)")
        if hovered != [middle["flow"]] or middle[key] not in label:
            wrong[middle[key]] = (hovered, label[:80])
    return wrong


def _hover_every_line(page: Any, url: str, key: str, expected: list[str]) -> list[dict[str, Any]]:
    """Open the map at ``url`` and hover the middle of every line's visible part: each shows its own label.

    ``key`` is "claim" or "flow", what a line stands for; ``expected`` the ids the map must draw.
    """
    open_page(page, url)
    wait_for_map(page)
    _record_hovers(page)
    middles = visible_flow_middles(page)
    assert sorted(m[key] for m in middles) == sorted(expected)
    unseen = [m[key] for m in middles if m["index"] < 0]
    assert not unseen, f"{key}s with no visible point in the default view: {unseen}"
    wrong = _hover_each_middle(page, middles, key)
    assert not wrong, f"at the middle of their visible part, these {key}s show another label: {wrong}"
    return middles


def test_every_claim_has_its_own_hover_label_where_it_is_seen(screens: Callable[[str], Any], app_url: str,
                                                               claim_rows: list[dict[str, str]]) -> None:
    """The default map: one line per claim, each hoverable at the middle of its visible part, with its counts."""
    page = screens("laptop")
    middles = _hover_every_line(page, app_url + "/", "claim", [r["claim_id"] for r in claim_rows])
    # each label says how many assertions and independent sources back the claim
    counted = {}
    for middle in middles:
        move_mouse_away(page)
        page.mouse.move(middle["x"], middle["y"])
        page.wait_for_function(
            "([map, claim]) => { const l = document.querySelector(map + ' .hoverlayer .hovertext');"
            " return l !== null && l.textContent.includes(claim); }", arg=[MAP, middle["claim"]], timeout=3_000)
        label = page.locator(f"{MAP} .hoverlayer .hovertext").first.text_content() or ""
        counted[middle["claim"]] = "assertion" in label and "independent source" in label
    assert all(counted.values()), [c for c, ok in counted.items() if not ok]


def test_every_flow_has_its_own_hover_label_where_it_is_seen(screens: Callable[[str], Any], app_url: str,
                                                              flow_rows: list[dict[str, str]]) -> None:
    """The toggle's map: one line per assertion, each still hoverable on its own."""
    _hover_every_line(screens("laptop"), app_url + "/?lines=assertions", "flow", [r["flow_id"] for r in flow_rows])


def test_a_map_view_changes_in_the_browser_without_a_rerun(screens: Callable[[str], Any], app_url: str) -> None:
    page = screens("laptop")
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    open_page(page, app_url + "/")
    wait_for_map(page)
    page.wait_for_timeout(500)  # the page's own start-up messages
    before, sent_before = map_view(page), len(sent)

    page.locator(f"{MAP} .updatemenu-button").filter(has_text="Korea").click()
    page.wait_for_function(
        "([map, lon]) => document.querySelector(map)._fullLayout.geo.lonaxis.range[0] === lon",
        arg=[MAP, 118.0], timeout=5_000,
    )
    page.wait_for_timeout(1_000)  # a rerun, had one been asked for, would have gone by now

    after = map_view(page)
    assert before["lonaxis"] != after["lonaxis"] and after["projection"] == "mercator", (before, after)
    assert len(sent) == sent_before, f"the view change sent {len(sent) - sent_before} message(s) to the server"
    marks = page.evaluate(
        "(map) => document.querySelector(map)._fullData.filter(t => (t.name || '').startsWith('Off this view'))"
        ".map(t => [t.name, t.visible])", MAP)
    assert [name for name, visible in marks if visible is True] == ["Off this view: Korean Peninsula"], marks


def test_a_shared_link_opens_on_its_view(screens: Callable[[str], Any], app_url: str) -> None:
    page = screens("laptop")
    open_page(page, app_url + "/?view=World")
    wait_for_map(page)
    assert map_view(page)["lonaxis"] == [-180, 180]
    active = page.evaluate("(map) => document.querySelector(map)._fullLayout.updatemenus[0].active", MAP)
    labels = page.locator(f"{MAP} .updatemenu-button").evaluate_all("(buttons) => buttons.map(b => b.textContent)")
    assert labels[active] == "World", (active, labels)
    assert "view=World" in page.url, page.url


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_maps_legends_stay_inside_the_map(screens: Callable[[str], Any], app_url: str, screen: str) -> None:
    """Both keys wrap to the map's width: on a phone the evidence key once ran past the right edge."""
    page = screens(screen)
    open_page(page, app_url + "/")
    wait_for_map(page)
    boxes = page.evaluate(
        """(map) => {
             const gd = document.querySelector(map), plot = gd.getBoundingClientRect();
             return [...gd.querySelectorAll('g.legend g.traces, g.legend2 g.traces')].map(item => {
               const r = item.getBoundingClientRect();
               return {text: item.textContent, right: r.right, limit: plot.right};
             });
           }""",
        MAP,
    )
    assert {b["text"] for b in boxes} >= {"Stated", "Possible"}, boxes
    outside = [b["text"] for b in boxes if b["right"] > b["limit"] + 1]
    assert not outside, f"legend entries past the map's right edge on a {screen}: {outside}"
