"""The small figure helpers on their own: country roles and hovers, view layouts, claim labels, merged routes."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker.constants import DEFAULT_VIEW, MAP_VIEWS
from tracker.figures import claim_handle_text, country_hover_text, country_roles, merge_flows, view_geo

FLOWS = pd.DataFrame({
    "flow_id": ["F1", "F2", "F3", "F4"],
    "origin_iso3": ["PRK", "RUS", "PRK", "USA"],
    "destination_iso3": ["RUS", "PRK", "RUS", "UKR"],
    "origin_place_id": ["PRK", "RUS", "PRK", "USA"],
    "destination_place_id": ["RUS", "PRK", "RUS_KURSK", "UKR"],
    "category": ["troops", "weapons", "troops", "weapons"],
    "status": ["reported", "stated", "stated", "claimed"],
    "item": ["Soldiers", "Missiles", "Troops", "ATACMS"],
    "quantity_low": pd.array([10_000.0, None, 11_000.0, None], dtype="Float64"),
    "unit": ["troops", "", "troops", ""],
})


def test_country_roles_from_the_flows_shown_and_none_for_the_named_rest() -> None:
    roles = country_roles(FLOWS, named=["CHN", "PRK"])
    assert roles == {"CHN": "none", "PRK": "both", "RUS": "both", "USA": "sender", "UKR": "receiver"}


def test_country_hover_counts_by_category_and_names_the_rows() -> None:
    text = country_hover_text("PRK", "North <Korea>", FLOWS)
    assert text == "<b>North &lt;Korea&gt;</b><br>Sends 2 flows: Troops 2<br>Receives 1 flow: Weapons 1"
    assert country_hover_text("CHN", "China", FLOWS, noun="claim") == "<b>China</b><br>No claim in the current view"


@pytest.mark.parametrize("view", list(MAP_VIEWS))
def test_view_geo_fits_the_views_ranges(view: str) -> None:
    lon_min, lon_max, lat_min, lat_max = MAP_VIEWS[view]
    geo = view_geo(view)
    assert geo["lonaxis"]["range"] == [lon_min, lon_max] and geo["lataxis"]["range"] == [lat_min, lat_max]
    assert geo["projection"]["type"] in {"natural earth", "mercator"}


def test_an_unknown_view_falls_back_to_the_default() -> None:
    assert view_geo("Atlantis") == view_geo(DEFAULT_VIEW)


def test_claim_handle_text_gives_route_counts_and_strongest_evidence() -> None:
    row = {"origin_place_id": "PRK", "destination_place_id": "RUS_KURSK", "category": "troops", "item": "Soldiers",
           "assertions": 3, "independent_sources": 2, "articles": 1, "status": "assessed", "claim_id": "C03"}
    text = claim_handle_text(row, {"PRK": "North Korea", "RUS_KURSK": "Kursk region"})
    lines = text.split("<br>")
    assert lines[0] == "<b>North Korea → Kursk region</b>"
    assert lines[2].startswith("3 assertions · 2 independent sources · 1 article · strongest: ")
    assert lines[3] == "C03 · click for every assertion"


def test_merge_flows_keeps_the_strongest_status_and_largest_lower_bound_per_route() -> None:
    merged = merge_flows(FLOWS).set_index(["origin_place_id", "destination_place_id", "category"])
    assert len(merged) == 4
    kursk = merged.loc[("PRK", "RUS_KURSK", "troops")]
    assert (kursk["n"], kursk["status"], kursk["quantity_low"]) == (1, "stated", 11_000.0)
    both = merge_flows(FLOWS.assign(destination_place_id="RUS").iloc[[0, 2]])
    assert len(both) == 1
    row = both.iloc[0]
    assert (row["n"], row["status"], row["flow_id"], row["quantity_low"]) == (2, "stated", "F3", 11_000.0)
    assert row["items"] == ["Troops", "Soldiers"]
    assert row["by_status"]["stated"] == 1 and row["by_status"]["reported"] == 1
