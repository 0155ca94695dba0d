"""A review's decisions, without Streamlit: what accepting, rejecting, editing and adding a row do to the candidates."""

from __future__ import annotations

import pytest

from tracker.claims import NEW_CLAIM, propose_assignments
from tracker.dataset import Dataset
from tracker.extract import extract_candidates
from tracker.review import DECISIONS, Review, describe_joining, option_index, place_for
from tracker.userdata import ArticleMeta, blank_candidate, build_article_tables

ARTICLE = ("North Korea has sent troops to the Kursk region, officials said. "
           "Russia sent oil to North Korea last month.")


@pytest.fixture
def review(dataset: Dataset) -> Review:
    candidates = propose_assignments(extract_candidates(ARTICLE, "2024-11-22", dataset.places, "test-article"),
                                     dataset.flows, dataset.claims, "", ARTICLE)
    assert len(candidates) >= 2, "the article should give the extractor two flows"
    return Review.of(ARTICLE, ArticleMeta("test-article", "", "", "2024-11-22"), candidates)


def test_a_new_review_is_all_pending_at_the_first(review: Review) -> None:
    assert review.position == 0 and set(review.candidates["decision"]) == {"pending"}
    assert review.decision_counts() == f"pending: {len(review.candidates)} · accepted: 0 · rejected: 0"
    assert review.accepted_rows().empty


def test_accepting_records_the_edits_and_moves_on(review: Review, dataset: Dataset) -> None:
    first = review.candidates.iloc[0].to_dict()
    review.decide({"item": "  soldiers  ", "claim_id": first["claim_id"], "origin_iso3": first["origin_iso3"],
                   "destination_iso3": first["destination_iso3"]}, "accepted", dataset.flows, dataset.claims)
    assert review.position == 1
    accepted = review.accepted_rows()
    assert len(accepted) == 1 and accepted.iloc[0]["item"] == "soldiers"
    assert "decision" not in accepted and "reason" not in accepted
    # the country did not change: the extractor's named place (the Kursk region) is kept
    assert accepted.iloc[0]["destination_place_id"] == first["destination_place_id"] == "kursk-region"
    assert review.decision_counts().startswith(f"pending: {len(review.candidates) - 1} · accepted: 1")


def test_a_changed_country_takes_its_own_point_and_a_claim_that_fits(review: Review, dataset: Dataset) -> None:
    first = review.candidates.iloc[0].to_dict()
    fitting = first["claim_id"]
    assert fitting != NEW_CLAIM, "the troops sentence should join the troops claim"
    review.decide({"claim_id": fitting, "origin_iso3": "BLR", "destination_iso3": first["destination_iso3"]},
                  "rejected", dataset.flows, dataset.claims)
    row = review.candidates.iloc[0]
    assert row["origin_iso3"] == "BLR" and row["origin_place_id"] == "BLR" and row["decision"] == "rejected"
    # the troops claim runs from North Korea; from Belarus the row needs another claim
    assert row["claim_id"] != fitting


def test_the_last_decision_stays_on_the_last_row(review: Review, dataset: Dataset) -> None:
    review.position = len(review.candidates) - 1
    review.decide({}, "rejected", dataset.flows, dataset.claims)
    assert review.position == len(review.candidates) - 1


def test_an_unknown_decision_is_refused(review: Review, dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="decision must be one of pending, accepted, rejected"):
        review.decide({}, "maybe", dataset.flows, dataset.claims)
    assert DECISIONS == ("pending", "accepted", "rejected")


def test_an_added_row_is_pending_and_opened(review: Review) -> None:
    before = len(review.candidates)
    start = ARTICLE.index("Russia")
    review.add_row(blank_candidate(list(review.candidates.columns), start, len(ARTICLE), ARTICLE))
    assert len(review.candidates) == before + 1 and review.position == before
    assert review.candidates.iloc[-1]["decision"] == "pending"
    assert review.candidates.iloc[-1]["quote"] == ARTICLE[start:]


def test_joining_counts_the_rows_that_corroborate_a_claim_and_the_new_claims(review: Review,
                                                                             dataset: Dataset) -> None:
    for _ in range(len(review.candidates)):
        row = review.candidates.iloc[review.position].to_dict()
        review.decide({"claim_id": row["claim_id"]}, "accepted", dataset.flows, dataset.claims)
    tables = build_article_tables(review.accepted_rows(), review.meta, review.text, dataset)
    existing = int(tables["flows"]["claim_id"].isin(dataset.claims["claim_id"]).sum())
    assert describe_joining(tables, dataset.claims) == \
        f"{existing} corroborate existing claims; {len(tables['claims'])} new claims."
    assert existing + len(tables["claims"]) >= 1


def test_place_for_keeps_a_named_place_only_in_its_country() -> None:
    row = {"origin_iso3": "RUS", "origin_place_id": "kursk-region"}
    assert place_for(row, "origin", "RUS") == "kursk-region"
    assert place_for(row, "origin", "UKR") == "UKR"
    assert place_for({"origin_iso3": "RUS", "origin_place_id": ""}, "origin", "RUS") == "RUS"


def test_an_option_not_offered_falls_back_to_the_first() -> None:
    assert option_index(["a", "b", "c"], "c") == 2
    assert option_index({"x": 1, "y": 2}, "y") == 1
    assert option_index(["a", "b"], "z") == 0
