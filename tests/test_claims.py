"""Corroboration per claim: assertions, independent primary sources, articles, quantities and who gives them."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tracker.claims import (
    NEW_CLAIM,
    claim_assertions,
    claim_map_rows,
    corroborate_claims,
    is_near_identical,
    named_agency,
    propose_claim,
    propose_primary_source,
)
from tracker.dataset import Dataset
from tracker.figures import layout_arcs, line_widths


def assertion(flow_id: str, claim_id: str = "C1", **values: object) -> dict[str, object]:
    """A flow row with every column the corroboration reads; values override the defaults."""
    row: dict[str, object] = {
        "flow_id": flow_id, "claim_id": claim_id, "origin_iso3": "PRK", "destination_iso3": "RUS",
        "origin_place_id": "PRK", "destination_place_id": "RUS", "category": "troops", "item": "Troops",
        "quantity_low": None, "quantity_high": None, "unit": "", "status": "reported", "hedge": "",
        "attributed_to": "Someone", "primary_source": "Someone", "source_id": "a1", "quote": f"Sentence {flow_id}.",
    }
    row.update(values)
    return row


def frame(*rows: dict[str, object]) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    for column in ("quantity_low", "quantity_high"):
        out[column] = out[column].astype("Float64")
    return out


CLAIMS = pd.DataFrame([{"claim_id": "C1", "origin_iso3": "PRK", "destination_iso3": "RUS", "category": "troops",
                        "title": "Troops to Russia", "notes": ""}])


def test_one_speaker_quoted_by_three_outlets_counts_once() -> None:
    flows = frame(*(assertion(f"F{i}", primary_source="Shin Won-sik (SBS)", source_id=f"outlet-{i}",
                              attributed_to=f"Shin, as told to outlet {i}") for i in range(3)))
    (claim,) = corroborate_claims(flows, CLAIMS).to_dict("records")
    assert (claim["assertions"], claim["independent_sources"], claim["articles"]) == (3, 1, 3)


def test_distinct_speakers_in_one_article_are_independent_sources() -> None:
    flows = frame(assertion("F1", primary_source="A"), assertion("F2", primary_source="B"),
                  assertion("F3", primary_source="A"))
    (claim,) = corroborate_claims(flows, CLAIMS).to_dict("records")
    assert (claim["assertions"], claim["independent_sources"], claim["articles"]) == (3, 2, 1)


def test_strongest_status_and_largest_lower_bound() -> None:
    flows = frame(assertion("F1", status="possible", quantity_high=100000, unit="troops", hedge="could"),
                  assertion("F2", status="stated", quantity_low=10000, unit="troops"),
                  assertion("F3", status="reported", quantity_low=12000, unit="troops"))
    (claim,) = corroborate_claims(flows, CLAIMS).to_dict("records")
    assert claim["strongest_status"] == "stated"
    assert claim["quantity_low"] == 12000  # an "up to" bound never sizes a claim
    assert claim["lead_flow_id"] == "F2"


def test_range_names_who_gives_each_bound_smallest_first() -> None:
    flows = frame(assertion("F1", quantity_low=10900, quantity_high=10900, unit="troops",
                            primary_source="Lawmakers citing the intelligence service"),
                  assertion("F2", quantity_low=10000, unit="troops", primary_source="The Wall Street Journal"),
                  assertion("F3", quantity_low=10000, unit="troops", primary_source="Shin Won-sik (SBS)",
                            status="stated"),
                  assertion("F4", primary_source="US officials"))
    (claim,) = corroborate_claims(flows, CLAIMS).to_dict("records")
    assert claim["quantity_range"] == ("more than 10,000 troops (Shin Won-sik (SBS), The Wall Street Journal); "
                                       "10,900 troops (Lawmakers citing the intelligence service)")
    (claim,) = corroborate_claims(flows.iloc[3:], CLAIMS).to_dict("records")
    assert claim["quantity_range"] == ""


def test_only_the_claims_of_the_given_flows_are_counted() -> None:
    flows = frame(assertion("F1"), assertion("F2", claim_id="C2"))
    claims = pd.concat([CLAIMS, CLAIMS.assign(claim_id="C2", title="Other")], ignore_index=True)
    assert list(corroborate_claims(flows.iloc[:1], claims)["claim_id"]) == ["C1"]
    assert corroborate_claims(flows.iloc[0:0], claims).empty


def test_shipped_troops_claim_counts(dataset: Dataset) -> None:
    table = corroborate_claims(dataset.flows, dataset.claims).set_index("claim_id")
    troops = table.loc[dataset.flows.set_index("flow_id").at["F09", "claim_id"]]
    assert (troops["assertions"], troops["independent_sources"], troops["articles"]) == (7, 6, 1)
    assert troops["quantity_range"] == "more than 10,000 troops (Shin Won-sik (SBS), The Wall Street Journal)"
    assert len(table) == len(dataset.claims) < len(dataset.flows)
    assert table["assertions"].sum() == len(dataset.flows)


def test_map_rows_are_one_per_claim_with_escaped_hover(dataset: Dataset) -> None:
    names = dict(zip(dataset.places["place_id"], dataset.places["name"], strict=True))
    hostile = dataset.flows.assign(primary_source=dataset.flows["primary_source"] + " <b>&")
    rows = claim_map_rows(hostile, dataset.claims, names)
    assert len(rows) == len(dataset.claims)
    troops = rows.set_index("claim_id").loc["C03"]
    assert troops["status"] == "stated" and troops["quantity_low"] == 10000
    assert "7 assertions · 6 independent sources · 1 article" in troops["hover"]
    assert "&lt;b&gt;&amp;" in troops["hover"] and " <b>&" not in troops["hover"]
    assert "Shin" in troops["hover"] and "more than 10,000" in troops["hover"]


def test_map_rows_fit_the_flow_maps_layout(dataset: Dataset) -> None:
    names = dict(zip(dataset.places["place_id"], dataset.places["name"], strict=True))
    rows = claim_map_rows(dataset.flows, dataset.claims, names)
    arcs = layout_arcs(rows, dataset.places)
    assert len(arcs) == len(rows)
    assert line_widths(rows).loc[rows["claim_id"] == "C03"].iloc[0] > line_widths(rows).min()
    json.dumps(rows.drop(columns="quantity_low").to_dict("records"))  # plain values, ready for customdata


def test_claim_assertions_lists_every_sentence_strongest_first(dataset: Dataset) -> None:
    listed = claim_assertions(dataset.flows, "C03")
    assert len(listed) == 7 and listed.iloc[0]["status"] == "stated"
    assert listed["quote"].str.len().gt(0).all()


# --- proposals for a new article -------------------------------------------------------------


def test_near_identical_sentences_are_recognised_and_different_ones_not() -> None:
    wire = "About 11,000 North Korean soldiers are stationed in Russia's Kursk region, Reuters reported."
    assert is_near_identical(wire, wire.replace("Russia's Kursk region", "the Kursk region of Russia"))
    assert is_near_identical(wire, wire.upper())
    assert not is_near_identical(wire, "North Korea has sent more than 13,000 containers of arms to Russia.")
    assert not is_near_identical("", "")


@pytest.mark.parametrize(("text", "agency"), [
    ("SEOUL (Reuters) - North Korean troops", "Reuters"),
    ("the Associated Press reported", "Associated Press"),
    ("told AP on Monday", "Associated Press"),
    ("Yonhap news agency said", "Yonhap"),
    ("a CHAPTER about maps", None),  # "AP" only as a word of its own
    ("Shin told SBS", None),
])
def test_named_agency(text: str, agency: str | None) -> None:
    assert named_agency(text) == agency


def existing_flows() -> pd.DataFrame:
    return frame(
        assertion("F1", primary_source="Reuters", source_id="first",
                  quote="About 11,000 North Korean soldiers are stationed in Russia's Kursk region, Reuters reported."),
        assertion("F2", primary_source="Shin Won-sik (SBS)", source_id="first", attributed_to="Shin Won-sik"),
    )


@pytest.mark.parametrize(("row", "expected"), [
    ({"quote": "About 11,000 North Korean soldiers are stationed in the Kursk region of Russia.",
      "attributed_to": "The article's own reporting"}, "Reuters"),  # republished without its credit
    ({"quote": "Troops are in Kursk, Reuters reported.", "attributed_to": "Reuters"}, "Reuters"),
    ({"quote": "(AFP) Troops are in Kursk.", "attributed_to": "The article's own reporting"}, "Agence France-Presse"),
    ({"quote": "Troops are in Kursk, Shin told KBS.", "attributed_to": "Shin Won-sik, national security adviser"},
     "Shin Won-sik (SBS)"),
    ({"quote": "Troops are in Kursk.", "attributed_to": "The article's own reporting"}, "Example Daily's own reporting"),
    ({"quote": "Troops are in Kursk, Sybiha said.", "attributed_to": "Andrii Sybiha"}, "Andrii Sybiha"),
])
def test_propose_primary_source(row: dict[str, str], expected: str) -> None:
    assert propose_primary_source(row | {"source_id": "second"}, existing_flows(), "Example Daily") == expected


def test_a_sentence_in_the_same_article_is_not_taken_for_republished_copy() -> None:
    flows = existing_flows()
    row = {"quote": flows.iloc[0]["quote"], "attributed_to": "Someone Else", "source_id": "first"}
    assert propose_primary_source(row, flows, "Example Daily") == "Someone Else"


def test_propose_claim_matches_direction_category_and_modality(dataset: Dataset) -> None:
    troops = {"origin_iso3": "PRK", "destination_iso3": "RUS", "category": "troops", "status": "reported",
              "item": "North Korean troops deployed in the Kursk region", "quote": "Troops are fighting in Kursk."}
    assert propose_claim(troops, dataset.flows, dataset.claims) == "C03"
    could = troops | {"status": "possible", "item": "More troops could join the battlefield"}
    assert propose_claim(could, dataset.flows, dataset.claims) == "C07"
    reverse = troops | {"origin_iso3": "RUS", "destination_iso3": "PRK"}
    assert propose_claim(reverse, dataset.flows, dataset.claims) == NEW_CLAIM
    strike = troops | {"category": "strike"}
    assert propose_claim(strike, dataset.flows, dataset.claims) == NEW_CLAIM


def test_promised_technology_is_not_proposed_as_a_delivery(dataset: Dataset) -> None:
    promise = {"origin_iso3": "RUS", "destination_iso3": "PRK", "category": "military_technology",
               "status": "promised", "item": "Submarine technology promised", "quote": "Russia promised submarines."}
    assert propose_claim(promise, dataset.flows, dataset.claims) == "C13"


def test_different_sentences_of_similar_words_are_not_copy() -> None:
    first = "North Korea has sent more than 13,000 containers of artillery and missiles to Russia since August 2023."
    second = "Russia has sent air defence missiles and other military technology to North Korea in return for troops."
    assert not is_near_identical(first, second)
    assert not is_near_identical("Troops are in Kursk.", "Troops are in Kursk now, officials said.")
