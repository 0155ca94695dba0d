"""The map in a real browser: it draws, hover along a line shows its evidence, a click opens the detail."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.harness import (
    MAP,
    assert_only_local,
    claim_lead,
    exception_texts,
    flow_point,
    listen_to_map_events,
    map_counts,
    map_events,
    move_mouse_away,
    open_page,
    wait_for_hover_text,
    wait_for_map,
)

pytestmark = pytest.mark.timeout(90)

TROOPS_FLOW = "F09"  # North Korea -> Russia (Kursk region), "more than 10,000" troops, per the WSJ
TROOPS_FIGURE = "10,000"
TROOPS_CLAIM = "C03"  # North Korean troops go to Russia: seven assertions, six independent sources
TROOPS_COUNTS = "7 assertions · 6 independent sources"
PER_ASSERTION = "?lines=assertions"  # the toggle "One line per assertion", as a link


def _open_map(page: Any, url: str) -> None:
    open_page(page, url)
    page.locator(MAP).scroll_into_view_if_needed()
    wait_for_map(page)


def test_map_draws_countries_and_one_line_per_claim_offline(page: Any, app_url: str, requested_urls: list[str],
                                                           claim_rows: list[dict[str, str]]) -> None:
    _open_map(page, app_url + "/")

    counts = map_counts(page)
    assert counts["countries"] > 100, counts
    assert counts["flow_traces"] == len(claim_rows), counts
    assert counts["arcs"] >= len(claim_rows), counts
    claims = page.evaluate("(map) => document.querySelector(map)._fullData.filter(t => t.meta && t.meta.claim_id)"
                           ".map(t => t.meta.claim_id)", MAP)
    assert sorted(claims) == sorted(r["claim_id"] for r in claim_rows)
    assert exception_texts(page) == []
    assert any(u.endswith("/app/static/geo/countries_110m.json") for u in requested_urls), \
        "the country shapes should come from the app's own static folder"
    assert_only_local(requested_urls, app_url)


def test_map_draws_countries_and_every_arc_offline(page: Any, app_url: str, requested_urls: list[str],
                                                  flow_rows: list[dict[str, str]]) -> None:
    _open_map(page, app_url + "/" + PER_ASSERTION)

    counts = map_counts(page)
    assert counts["countries"] > 100, counts
    assert counts["flow_traces"] == len(flow_rows), counts
    assert counts["arcs"] >= len(flow_rows), counts
    assert exception_texts(page) == []
    assert any(u.endswith("/app/static/geo/countries_110m.json") for u in requested_urls), \
        "the country shapes should come from the app's own static folder"
    assert_only_local(requested_urls, app_url)


def test_clicking_the_toggle_brings_back_one_line_per_assertion(page: Any, app_url: str,
                                                                 claim_rows: list[dict[str, str]],
                                                                 flow_rows: list[dict[str, str]]) -> None:
    _open_map(page, app_url + "/")
    assert map_counts(page)["flow_traces"] == len(claim_rows)
    page.get_by_text("One line per assertion").click()
    page.wait_for_function(
        "([map, n]) => { const gd = document.querySelector(map);"
        " return gd && gd._fullData && gd._fullData.filter(t => t.meta && t.meta.flow_id).length === n; }",
        arg=[MAP, len(flow_rows)], timeout=30_000)
    assert map_counts(page)["flow_traces"] == len(flow_rows)
    assert exception_texts(page) == []


@pytest.mark.parametrize("fraction", [0.5, 1 / 3], ids=["middle", "one-third"])
def test_hovering_along_the_troops_claim_shows_its_counts(page: Any, app_url: str, fraction: float) -> None:
    _open_map(page, app_url + "/")
    listen_to_map_events(page)
    point = flow_point(page, claim_lead(page, TROOPS_CLAIM), fraction)

    move_mouse_away(page)
    page.mouse.move(point["x"], point["y"])
    label = wait_for_hover_text(page, TROOPS_COUNTS)

    assert TROOPS_FIGURE in label and TROOPS_CLAIM in label, label
    hovered = [e for e in map_events(page) if e["kind"] == "hover"][-1]["points"][0]
    if fraction != 0.5:  # the middle is shared with the handle; elsewhere only the line itself is there
        assert (hovered["curve"], hovered["point"]) == (point["curve"], point["index"]), hovered
        assert "Wall Street" in label, label  # the line's own label quotes the strongest assertion


def test_clicking_a_claims_middle_dot_opens_every_assertion(page: Any, app_url: str,
                                                            flow_rows: list[dict[str, str]]) -> None:
    _open_map(page, app_url + "/")
    listen_to_map_events(page)
    lead = claim_lead(page, TROOPS_CLAIM)
    dot = flow_point(page, lead, handle=True)

    page.mouse.move(dot["x"], dot["y"])
    wait_for_hover_text(page, TROOPS_COUNTS)
    page.mouse.click(dot["x"], dot["y"])

    page.wait_for_function("() => window.__mapEvents.some(e => e.kind === 'selected')", timeout=5_000)
    selected = [e for e in map_events(page) if e["kind"] == "selected"][-1]["points"]
    assert [p["flow"] for p in selected] == [lead], selected
    panel = page.locator('[data-testid="stMarkdownContainer"]')
    panel.filter(has_text=TROOPS_COUNTS).first.wait_for(timeout=10_000)
    page.get_by_text("Why these rows are one claim").first.wait_for(timeout=5_000)
    # every assertion of the claim, one row each, in the claim's table
    rows = sum(r["claim_id"] == TROOPS_CLAIM for r in flow_rows)
    # NOTE: the table nearest the claim's note, i.e. in the claim's own box (the page has other tables,
    # the exchange ledger among them): from the note up to the first ancestor holding a table.
    count = page.wait_for_function(
        """() => {
             const note = Array.from(document.querySelectorAll('[data-testid="stCaptionContainer"], p'))
               .find(e => e.textContent.includes('Why these rows are one claim'));
             for (let e = note; e; e = e.parentElement) {
               const frame = e.querySelector('[data-testid="stDataFrame"]');
               if (!frame) continue;
               const grid = frame.querySelector('[aria-rowcount]');
               return grid ? Number(grid.getAttribute('aria-rowcount')) : 0;
             }
             return 0;
           }""", timeout=10_000).json_value()
    assert count == rows + 1, count  # with its header
    assert exception_texts(page) == []


@pytest.mark.parametrize("fraction", [0.5, 1 / 3], ids=["middle", "one-third"])
def test_hovering_along_the_troops_line_shows_its_figure(page: Any, app_url: str, fraction: float) -> None:
    _open_map(page, app_url + "/" + PER_ASSERTION)
    listen_to_map_events(page)
    point = flow_point(page, TROOPS_FLOW, fraction)

    move_mouse_away(page)
    page.mouse.move(point["x"], point["y"])
    label = wait_for_hover_text(page, TROOPS_FIGURE)

    assert "Wall Street" in label and "Kursk" in label, label
    hovered = [e for e in map_events(page) if e["kind"] == "hover"][-1]["points"][0]
    if fraction != 0.5:  # the middle is shared with the handle; elsewhere only the line itself is there
        assert (hovered["curve"], hovered["point"]) == (point["curve"], point["index"]), hovered


def test_clicking_the_middle_dot_opens_the_flow_detail(page: Any, app_url: str) -> None:
    _open_map(page, app_url + "/" + PER_ASSERTION)
    listen_to_map_events(page)
    dot = flow_point(page, TROOPS_FLOW, handle=True)

    page.mouse.move(dot["x"], dot["y"])
    wait_for_hover_text(page, TROOPS_FIGURE)
    page.mouse.click(dot["x"], dot["y"])

    page.wait_for_function("() => window.__mapEvents.some(e => e.kind === 'selected')", timeout=5_000)
    selected = [e for e in map_events(page) if e["kind"] == "selected"][-1]["points"]
    assert [p["flow"] for p in selected] == [TROOPS_FLOW], \
        f"clicking {TROOPS_FLOW}'s dot {dot} selected {selected}; map events: {map_events(page)}"
    panel = page.locator('[data-testid="stMarkdownContainer"]')
    panel.filter(has_text="The sentence, in its paragraph").first.wait_for(timeout=10_000)
    panel.filter(has_text="Wall Street Journal reported").first.wait_for(timeout=5_000)
    # NOTE: F08 (the general) quotes the same sentence; the item says the panel is F09's.
    panel.filter(has_text="Men fortifying Russian lines").first.wait_for(timeout=5_000)
    assert exception_texts(page) == []


def test_category_in_the_url_filters_the_map(page: Any, app_url: str, requested_urls: list[str],
                                             flow_rows: list[dict[str, str]]) -> None:
    troops = [r["flow_id"] for r in flow_rows if r["category"] == "troops"]
    troop_claims = {r["claim_id"] for r in flow_rows if r["category"] == "troops"}
    _open_map(page, app_url + "/?category=troops")

    counts = map_counts(page)
    assert "category=troops" in page.url
    assert counts["flow_traces"] == len(troop_claims), counts  # the claims made from the troop flows
    assert page.get_by_text(f"{len(troops)} of {len(flow_rows)} flows shown").count() == 1

    _open_map(page, app_url + "/?category=troops&lines=assertions")
    counts = map_counts(page)
    assert counts["flow_traces"] == len(troops), counts
    assert len(troops) <= counts["arcs"] < len(flow_rows), counts
    assert page.get_by_text(f"{len(troops)} of {len(flow_rows)} flows shown").count() == 1
    assert exception_texts(page) == []
    assert_only_local(requested_urls, app_url)
