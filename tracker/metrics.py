"""Headline figures, counts by status, and the exchange ledger, computed from the dataset."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.claims import corroborate_claims, describe_corroboration
from tracker.constants import CATEGORY_LABELS, STATUS_CODES, STATUS_LABELS, STATUS_RANK
from tracker.formatting import describe_bound, describe_quantity


@dataclass(frozen=True)
class ClaimMetric:
    """One headline figure per claim: every number its assertions give, with who gives each."""

    claim_id: str  # "" for a figure tied to no flow
    label: str
    value: str  # "10,000+"; "10,000+ to ~10,900" when the assertions differ
    range: str  # "more than 10,000 troops (Shin Won-sik (SBS), The Wall Street Journal)"
    unit: str
    status: str  # label of the strongest status among the figures
    corroboration: str  # "7 assertions · 6 independent sources · 1 article"
    hedge: str
    quote: str  # the strongest figure's sentence
    figure_ids: tuple[str, ...]
    figures: tuple[str, ...]  # each figure as the article gives it: "measure: words, who says so"
    quotes: tuple[str, ...]  # each figure's sentence, in the same order


def claim_metrics(figures: pd.DataFrame, flows: pd.DataFrame, claims: pd.DataFrame) -> list[ClaimMetric]:
    """Headline figures per claim, in the order of their first figure; figures tied to no flow stand alone.

    A claim stated with the same number by two sources shows it once, naming both; a claim whose
    figures differ shows their range. Only figures of the flows shown count.
    """
    claim_of = dict(zip(flows["flow_id"], flows["claim_id"], strict=True))
    source_of = dict(zip(flows["flow_id"], flows["primary_source"], strict=True))
    titles = dict(zip(claims["claim_id"], claims["title"], strict=True))
    counts = {row["claim_id"]: row for row in corroborate_claims(flows, claims).to_dict("records")}
    # NOTE: plain dicts: a handful of figures, where pandas' per-call overhead would dominate.
    groups: dict[str, list[dict]] = {}
    for row in figures.to_dict("records"):
        if row["flow_id"] == "" or row["flow_id"] in claim_of:
            groups.setdefault(claim_of.get(row["flow_id"], "") or row["figure_id"], []).append(row)
    metrics = []
    for key, group in groups.items():
        group.sort(key=lambda row: (STATUS_RANK[row["status"]], row["figure_id"]))
        lead = group[0]
        claim_id = key if key in counts else ""
        forms: dict[tuple[float, str, str], list[str]] = {}
        for row in group:
            who = source_of.get(row["flow_id"]) or row["attributed_to"]
            forms.setdefault((float(row["value"]), row["bound"], row["unit"]), []).append(who)
        ordered = sorted(forms)
        shorts = list(dict.fromkeys(describe_bound(v, b, u)[0] for v, b, u in ordered))
        ranges = [f"{describe_bound(v, b, u)[1]} ({', '.join(dict.fromkeys(forms[(v, b, u)]))})"
                  for v, b, u in ordered]
        if claim_id:
            c = counts[claim_id]
            corroboration = describe_corroboration(c["assertions"], c["independent_sources"], c["articles"])
        else:
            corroboration = "tied to no flow"
        metrics.append(ClaimMetric(
            claim_id, titles.get(claim_id, lead["measure"]) if claim_id else lead["measure"],
            shorts[0] if len(shorts) == 1 else f"{shorts[0]} to {shorts[-1]}", "; ".join(ranges), lead["unit"],
            STATUS_LABELS[lead["status"]], corroboration, lead["hedge"], lead["quote"],
            tuple(row["figure_id"] for row in group),
            tuple(f"{row['measure']}: {describe_bound(float(row['value']), row['bound'], row['unit'])[1]}, "
                  f"{row['attributed_to']}" for row in group),
            tuple(row["quote"] for row in group)))
    return metrics


def status_counts(flows: pd.DataFrame) -> pd.Series:
    """Number of flows per status, strongest first, zeros included."""
    return flows["status"].value_counts().reindex(list(STATUS_CODES), fill_value=0).astype(int)


LEDGER_COLUMNS = ["flow_id", "status", "what", "item", "amount", "exchange_id", "hedge", "who"]


def exchange_ledger(flows: pd.DataFrame, giver: str, taker: str) -> pd.DataFrame:
    """What ``giver`` is reported to give ``taker``: one line per flow, strongest evidence first."""
    mine = flows[(flows["origin_iso3"] == giver) & (flows["destination_iso3"] == taker)].copy()
    mine["_rank"] = mine["status"].map(STATUS_RANK)
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
