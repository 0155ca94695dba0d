"""Headline figures, counts by evidence level, the exchange ledger and reciprocal flows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import read_records
from tracker.constants import STATUS_CODES, STATUS_LABELS
from tracker.dataset import Dataset
from tracker.metrics import claim_metrics, exchange_ledger, reciprocal_flows, status_counts


@pytest.fixture(scope="module")
def figure_records(data_dir: Path) -> list[dict[str, str]]:
    return read_records(data_dir, "figures")


# --- claim_metrics: every figure, its bound and its provenance ---------------------------------


def test_metric_values_carry_their_bounds(dataset: Dataset) -> None:
    """The article: "more than 10,000 men", "up to 100,000 North Korean troops", "more than 13,000 containers"."""
    values = [m.value for m in claim_metrics(dataset.figures, dataset.flows, dataset.claims)]
    assert "10,000+" in values
    assert "≤100,000" in values
    assert "13,000+" in values
    assert not any(v in ("10,000", "100,000", "13,000") for v in values), "a bound was dropped"


def test_metric_words_and_provenance(dataset: Dataset, figure_records: list[dict[str, str]]) -> None:
    by_id = {r["figure_id"]: r for r in figure_records}
    metrics = claim_metrics(dataset.figures, dataset.flows, dataset.claims)
    for metric in metrics:
        lead = by_id[metric.figure_ids[0]]
        assert metric.unit == lead["unit"]
        assert metric.status == STATUS_LABELS[lead["status"]]
        assert metric.hedge == lead["hedge"]
        assert metric.quote == lead["quote"]
        for figure_id, said, quote in zip(metric.figure_ids, metric.figures, metric.quotes, strict=True):
            record = by_id[figure_id]
            assert said.startswith(f"{record['measure']}: ")
            assert said.endswith(f"{record['unit']}, {record['attributed_to']}")
            assert quote == record["quote"]
            if record["bound"] == "more_than":
                assert ": more than " in said
            elif record["bound"] == "up_to":
                assert ": up to " in said
    assert sorted(f for m in metrics for f in m.figure_ids) == sorted(by_id)


def test_metrics_follow_the_flows_shown(dataset: Dataset, figure_records: list[dict[str, str]],
                                        flow_records: list[dict[str, str]]) -> None:
    troops = dataset.flows[dataset.flows["category"] == "troops"]
    troop_ids = {r["flow_id"] for r in flow_records if r["category"] == "troops"}
    expected = [r["figure_id"] for r in figure_records if not r["flow_id"] or r["flow_id"] in troop_ids]
    metrics = claim_metrics(dataset.figures, troops, dataset.claims)
    kept = [f for m in metrics for f in m.figure_ids]
    assert sorted(kept) == sorted(expected)
    assert len(kept) < len(figure_records), "the containers figure belongs to a weapons flow"
    assert "13,000+" not in [m.value for m in metrics]


def test_figures_tied_to_no_flow_always_show(dataset: Dataset, figure_records: list[dict[str, str]]) -> None:
    untied = [r["figure_id"] for r in figure_records if not r["flow_id"]]
    assert untied, "the spy-satellite attempts figure is tied to no flow"
    metrics = claim_metrics(dataset.figures, dataset.flows.iloc[0:0], dataset.claims)
    assert [f for m in metrics for f in m.figure_ids] == untied
    assert all(m.claim_id == "" and m.corroboration == "tied to no flow" for m in metrics)


# --- status_counts ----------------------------------------------------------------------


def test_status_counts_in_vocabulary_order(dataset: Dataset, flow_records: list[dict[str, str]]) -> None:
    counts = status_counts(dataset.flows)
    assert list(counts.index) == list(STATUS_CODES)
    assert counts.tolist() == [sum(r["status"] == code for r in flow_records) for code in STATUS_CODES]
    assert int(counts.sum()) == len(flow_records)


def test_status_counts_keep_zeros(dataset: Dataset) -> None:
    stated = dataset.flows[dataset.flows["status"] == "stated"]
    counts = status_counts(stated)
    assert list(counts.index) == list(STATUS_CODES)
    assert counts["stated"] == len(stated) > 0
    assert counts.drop("stated").eq(0).all()


# --- exchange_ledger --------------------------------------------------------------------


@pytest.mark.parametrize(("giver", "taker"), [("PRK", "RUS"), ("RUS", "PRK")])
def test_ledger_holds_only_that_direction(dataset: Dataset, flow_records: list[dict[str, str]],
                                          giver: str, taker: str) -> None:
    ledger = exchange_ledger(dataset.flows, giver, taker)
    expected = {r["flow_id"] for r in flow_records if r["origin_iso3"] == giver and r["destination_iso3"] == taker}
    assert expected
    assert sorted(ledger["flow_id"]) == sorted(expected)


@pytest.mark.parametrize(("giver", "taker"), [("PRK", "RUS"), ("RUS", "PRK")])
def test_ledger_is_strongest_evidence_first(dataset: Dataset, flow_records: list[dict[str, str]],
                                            giver: str, taker: str) -> None:
    ledger = exchange_ledger(dataset.flows, giver, taker)
    status_of = {r["flow_id"]: r["status"] for r in flow_records}
    ranks = [STATUS_CODES.index(status_of[f]) for f in ledger["flow_id"]]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) > 1, "the ledger mixes evidence levels, so the order is tested"
    assert ledger["status"].tolist() == [STATUS_LABELS[status_of[f]] for f in ledger["flow_id"]]


def test_ledger_says_the_amounts(dataset: Dataset) -> None:
    ledger = exchange_ledger(dataset.flows, "PRK", "RUS").set_index("flow_id")
    assert ledger.loc["F09", "amount"] == "more than 10,000 troops"
    assert ledger.loc["F10", "amount"] == "up to 100,000 troops"
    assert ledger.loc["F34", "amount"] == "more than 13,000 containers"


def test_ledger_of_a_pair_with_no_flows_is_empty(dataset: Dataset) -> None:
    ledger = exchange_ledger(dataset.flows, "JPN", "GBR")
    assert ledger.empty
    assert "flow_id" in ledger.columns


# --- reciprocal_flows -------------------------------------------------------------------


def test_reciprocal_flows_are_the_rest_of_the_exchange(dataset: Dataset, flow_records: list[dict[str, str]]) -> None:
    exchange = next(r["exchange_id"] for r in flow_records if r["flow_id"] == "F01")
    assert exchange == "EX01"
    expected = [r["flow_id"] for r in flow_records if r["exchange_id"] == exchange and r["flow_id"] != "F01"]
    assert expected
    assert reciprocal_flows(dataset.flows, "F01")["flow_id"].tolist() == expected


def test_reciprocal_flows_include_the_other_direction(dataset: Dataset) -> None:
    """Air defence (Russia to North Korea) is given in return for troops (North Korea to Russia)."""
    others = reciprocal_flows(dataset.flows, "F01")
    assert ("PRK", "RUS") in set(zip(others["origin_iso3"], others["destination_iso3"], strict=True))


@pytest.mark.parametrize("flow_id", ["F09", "F99"])
def test_a_flow_in_no_exchange_has_no_reciprocal_flows(dataset: Dataset, flow_id: str) -> None:
    assert reciprocal_flows(dataset.flows, flow_id).empty


# --- claim_metrics ------------------------------------------------------------------------


def test_one_headline_per_claim_naming_every_source_of_its_number(dataset: Dataset) -> None:
    metrics = claim_metrics(dataset.figures, dataset.flows, dataset.claims)
    values = [m.value for m in metrics]
    assert values.count("10,000+") == 1, "two sources of one number are one headline"
    troops = next(m for m in metrics if m.value == "10,000+")
    assert troops.range == "more than 10,000 troops (Shin Won-sik (SBS), The Wall Street Journal)"
    assert troops.corroboration == "7 assertions · 6 independent sources · 1 article"
    assert set(troops.figure_ids) == {"G01", "G03"}
    assert "≤100,000" in values and "13,000+" in values, "Zelenskyy's upper bound is its own claim"
    shown = sorted(f for m in metrics for f in m.figure_ids)
    assert shown == sorted(dataset.figures["figure_id"]), "every figure is in exactly one headline"


def test_claim_headline_shows_a_range_when_its_numbers_differ(dataset: Dataset) -> None:
    figures = dataset.figures.copy()
    figures.loc[figures["figure_id"] == "G01", ["value", "bound"]] = [10900.0, "about"]
    troops = next(m for m in claim_metrics(figures, dataset.flows, dataset.claims) if "G01" in m.figure_ids)
    assert troops.value == "10,000+ to ~10,900"
    assert troops.range == ("more than 10,000 troops (Shin Won-sik (SBS)); "
                            "about 10,900 troops (The Wall Street Journal)")


def test_claim_headlines_follow_the_flows_shown(dataset: Dataset) -> None:
    reported = dataset.flows[dataset.flows["status"] == "reported"]
    troops = next(m for m in claim_metrics(dataset.figures, reported, dataset.claims) if m.value == "10,000+")
    assert troops.figure_ids == ("G01",) and "Shin" not in troops.range
    assert troops.corroboration.startswith("2 assertions · 2 independent sources")
