"""Headline figures, counts by status, and the exchange ledger, computed from the dataset."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.constants import CATEGORY_LABELS, STATUS_CODES, STATUS_LABELS
from tracker.formatting import describe_bound, describe_quantity


@dataclass(frozen=True)
class Metric:
    """One headline figure as a panel shows it."""

    figure_id: str
    label: str
    value: str  # short form with its bound: "10,000+", "≤100,000"
    words: str  # "more than 10,000 troops"
    unit: str
    status: str
    attributed_to: str
    hedge: str
    quote: str


def headline_metrics(figures: pd.DataFrame, flows: pd.DataFrame) -> list[Metric]:
    """Metric panels for the figures whose flow is among ``flows`` (figures tied to no flow always show)."""
    kept = figures[(figures["flow_id"] == "") | figures["flow_id"].isin(flows["flow_id"])]
    metrics = []
    for row in kept.to_dict("records"):
        short, words = describe_bound(float(row["value"]), row["bound"], row["unit"])
        metrics.append(Metric(row["figure_id"], row["measure"], short, words, row["unit"],
                              STATUS_LABELS[row["status"]], row["attributed_to"], row["hedge"], row["quote"]))
    return metrics


def status_counts(flows: pd.DataFrame) -> pd.Series:
    """Number of flows per status, strongest first, zeros included."""
    return flows["status"].value_counts().reindex(list(STATUS_CODES), fill_value=0).astype(int)


LEDGER_COLUMNS = ["flow_id", "status", "what", "item", "amount", "exchange_id", "hedge", "who"]


def exchange_ledger(flows: pd.DataFrame, giver: str, taker: str) -> pd.DataFrame:
    """What ``giver`` is reported to give ``taker``: one line per flow, strongest evidence first."""
    mine = flows[(flows["origin_iso3"] == giver) & (flows["destination_iso3"] == taker)].copy()
    mine["_rank"] = mine["status"].map({code: i for i, code in enumerate(STATUS_CODES)})
    mine = mine.sort_values(["_rank", "category", "flow_id"], kind="stable")
    return pd.DataFrame({
        "flow_id": mine["flow_id"],
        "what": mine["category"].map(CATEGORY_LABELS),
        "item": mine["item"],
        "amount": [describe_quantity(lo, hi, unit) for lo, hi, unit in
                   zip(mine["quantity_low"], mine["quantity_high"], mine["unit"], strict=True)],
        "status": mine["status"].map(STATUS_LABELS),
        "hedge": mine["hedge"],
        "who": mine["attributed_to"],
        "exchange_id": mine["exchange_id"],
    }, columns=LEDGER_COLUMNS).reset_index(drop=True)


def reciprocal_flows(flows: pd.DataFrame, flow_id: str) -> pd.DataFrame:
    """The other flows of the same exchange as ``flow_id`` (empty if it is in none)."""
    row = flows.loc[flows["flow_id"] == flow_id]
    if row.empty or not row.iloc[0]["exchange_id"]:
        return flows.iloc[0:0]
    exchange = row.iloc[0]["exchange_id"]
    return flows[(flows["exchange_id"] == exchange) & (flows["flow_id"] != flow_id)]
