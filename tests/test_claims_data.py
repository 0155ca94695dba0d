"""The hand-made grouping of the shipped flows into claims says what the article says."""

from __future__ import annotations

from tracker.dataset import Dataset


def members(dataset: Dataset, claim_id: str) -> list[str]:
    return sorted(dataset.flows.loc[dataset.flows["claim_id"] == claim_id, "flow_id"])


def claim_of(dataset: Dataset, flow_id: str) -> str:
    (claim_id,) = dataset.flows.loc[dataset.flows["flow_id"] == flow_id, "claim_id"]
    return claim_id


def test_the_seven_troop_assertions_are_one_claim(dataset: Dataset) -> None:
    assert members(dataset, claim_of(dataset, "F03")) == ["F03", "F04", "F09", "F12", "F16", "F18", "F35"]


def test_zelenskyys_up_to_100000_is_a_claim_of_its_own(dataset: Dataset) -> None:
    assert members(dataset, claim_of(dataset, "F10")) == ["F10"]
    assert claim_of(dataset, "F10") != claim_of(dataset, "F09")


def test_promised_possible_and_feared_technology_are_not_corroboration_of_a_delivery(dataset: Dataset) -> None:
    delivered = claim_of(dataset, "F02")
    assert members(dataset, delivered) == ["F02", "F07", "F19"]
    for other in ("F20", "F24", "F30", "F33"):
        assert claim_of(dataset, other) != delivered, other


def test_each_direction_of_an_agreement_is_its_own_claim(dataset: Dataset) -> None:
    assert claim_of(dataset, "F25") != claim_of(dataset, "F26")
    assert claim_of(dataset, "F27") != claim_of(dataset, "F28")


def test_claims_are_numbered_in_the_order_of_their_first_assertion(dataset: Dataset) -> None:
    first_seen = list(dict.fromkeys(dataset.flows["claim_id"]))
    assert first_seen == list(dataset.claims["claim_id"])
    assert first_seen == [f"C{n:02d}" for n in range(1, len(first_seen) + 1)]


def test_every_claim_has_a_note_and_every_flow_a_primary_source(dataset: Dataset) -> None:
    assert (dataset.claims["notes"].str.strip() != "").all()
    assert (dataset.flows["primary_source"].str.strip() != "").all()


def test_one_speaker_relayed_by_an_outlet_is_the_speaker(dataset: Dataset) -> None:
    zaluzhnyy = dataset.flows.loc[dataset.flows["flow_id"] == "F16"].iloc[0]
    assert "Ukrainska Pravda" in zaluzhnyy["attributed_to"]
    assert zaluzhnyy["primary_source"] == "Valerii Zaluzhnyy"
