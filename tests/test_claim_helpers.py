"""The small claim helpers the review and the map use: ordering, sources, counts in words, choices, hover."""

from __future__ import annotations

import pandas as pd

from tests.test_claims import CLAIMS, assertion, frame
from tracker.claims import (
    NEW_CLAIM,
    claim_choices,
    claim_hover_text,
    compatible_claims,
    corroborate_claims,
    describe_corroboration,
    order_assertions,
    primary_sources,
)


def test_order_assertions_strongest_status_then_numbers_then_id() -> None:
    flows = frame(assertion("F3", status="claimed"), assertion("F2", status="stated"),
                  assertion("F1", status="stated", quantity_low=10_000.0), assertion("F0", status="reported"))
    assert order_assertions(flows)["flow_id"].tolist() == ["F1", "F2", "F0", "F3"]


def test_primary_sources_are_distinct_and_strongest_first() -> None:
    flows = frame(assertion("F1", status="claimed", primary_source="Kyiv"),
                  assertion("F2", status="stated", primary_source="Seoul"),
                  assertion("F3", status="reported", primary_source="Kyiv"))
    assert primary_sources(flows) == ["Seoul", "Kyiv"]


def test_describe_corroboration_counts_in_words() -> None:
    assert describe_corroboration(7, 6, 1) == "7 assertions · 6 independent sources · 1 article"
    assert describe_corroboration(1, 1, 2) == "1 assertion · 1 independent source · 2 articles"


def test_compatible_claims_need_direction_and_category() -> None:
    claims = pd.concat([CLAIMS, pd.DataFrame([{"claim_id": "C2", "origin_iso3": "RUS", "destination_iso3": "PRK",
                                               "category": "troops", "title": "Reverse", "notes": ""}])])
    row = {"origin_iso3": "PRK", "destination_iso3": "RUS", "category": "troops"}
    assert compatible_claims(row, claims)["claim_id"].tolist() == ["C1"]
    assert compatible_claims({**row, "category": "weapons"}, claims).empty


def test_claim_choices_offer_compatible_claims_the_current_one_and_a_new_claim() -> None:
    flows = frame(assertion("F1"), assertion("F2", primary_source="Other"))
    row = {"origin_iso3": "PRK", "destination_iso3": "RUS", "category": "troops", "claim_id": "C7"}
    choices = claim_choices(row, flows, CLAIMS)
    assert list(choices) == ["C1", "C7", NEW_CLAIM]
    assert choices["C1"] == "C1 · Troops to Russia (2 assertions · 2 independent sources · 1 article)"
    assert "does not have this row's direction and category" in choices["C7"]


def test_claim_hover_text_says_counts_sources_and_quote_escaped() -> None:
    flows = frame(assertion("F1", status="stated", quote="They sent <b>troops</b>.", hedge="reportedly",
                            attributed_to="Seoul", primary_source="Seoul"))
    claim = corroborate_claims(flows, CLAIMS).iloc[0].to_dict()
    text = claim_hover_text(claim, flows.iloc[0].to_dict(), {"PRK": "North Korea", "RUS": "Russia"})
    assert text.startswith("<b>North Korea → Russia</b>")
    assert "1 assertion · 1 independent source · 1 article" in text
    assert "&lt;b&gt;troops&lt;/b&gt;" in text and "<b>troops</b>" not in text
    assert "(“reportedly”)" in text
    assert "C1 · click for every assertion" in text
