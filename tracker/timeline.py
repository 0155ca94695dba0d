"""Timeline rows: every dated flow and event as a span at the precision the text gives."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from tracker.constants import CATEGORY_LABELS, STATUS_LABELS
from tracker.dates import date_span, describe_dates

TIMELINE_COLUMNS = ["row_id", "kind", "title", "lane", "colour_key", "start", "end", "when", "status",
                    "attributed_to", "quote"]


def month_range(*tables: pd.DataFrame) -> list[str]:
    """Every month (YYYY-MM) from the earliest to the latest date in the tables."""
    days = []
    for table in tables:
        for start, end in zip(table["date_start"], table["date_end"], strict=True):
            if start or end:
                days += [d for d in date_span(start, end) if d is not None]
    if not days:
        return ["2024-01"]
    return [p.strftime("%Y-%m") for p in pd.period_range(min(days), max(days), freq="M")]


def count_undated(flows: pd.DataFrame) -> int:
    """How many flows give no date at all (neither start nor end): the rows a timeline cannot draw."""
    return int((flows["date_start"].eq("") & flows["date_end"].eq("")).sum())


def build_timeline_rows(flows: pd.DataFrame, events: pd.DataFrame, place_names: dict[str, str]) -> pd.DataFrame:
    """One row per dated flow or event, with first and last day; the end is exclusive for drawing.

    A month is drawn as the whole month and a week as its days, never as a made-up day.
    """
    rows = []
    for flow in flows.to_dict("records"):
        if not flow["date_start"] and not flow["date_end"]:
            continue
        first, last = date_span(flow["date_start"], flow["date_end"])
        route = f"{place_names.get(flow['origin_iso3'], flow['origin_iso3'])} → " \
                f"{place_names.get(flow['destination_iso3'], flow['destination_iso3'])}"
        rows.append({
            "row_id": flow["flow_id"], "kind": "flow", "title": f"{route}: {flow['item']}",
            "lane": CATEGORY_LABELS[flow["category"]], "colour_key": CATEGORY_LABELS[flow["category"]],
            "start": first, "end": last + timedelta(days=1),
            "when": describe_dates(flow["date_start"], flow["date_end"], flow["date_start_inferred"],
                                   flow["date_end_inferred"]),
            "status": STATUS_LABELS[flow["status"]], "attributed_to": flow["attributed_to"], "quote": flow["quote"],
        })
    for event in events.to_dict("records"):
        first, last = date_span(event["date_start"], event["date_end"])
        if first is None:
            continue
        rows.append({
            "row_id": event["event_id"], "kind": "event", "title": event["title"], "lane": "Events",
            "colour_key": "Event", "start": first, "end": last + timedelta(days=1),
            "when": describe_dates(event["date_start"], event["date_end"], event["date_start_inferred"],
                                   event["date_end_inferred"]),
            "status": STATUS_LABELS[event["status"]], "attributed_to": event["attributed_to"],
            "quote": event["quote"],
        })
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    return frame.sort_values(["start", "row_id"], kind="stable").reset_index(drop=True)


def timeline_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The timeline as a readable table (its text alternative), last day inclusive."""
    return pd.DataFrame({
        "Id": rows["row_id"], "Kind": rows["kind"], "Title": rows["title"], "When": rows["when"],
        "First day": rows["start"].dt.date, "Last day": (rows["end"] - timedelta(days=1)).dt.date,
        "Evidence": rows["status"], "Says who": rows["attributed_to"], "Quote": rows["quote"],
    })


TIMELINE_ROW_LIMIT = 250  # rows drawn at most; a taller chart is unreadable, the table holds the rest


def limit_rows(rows: pd.DataFrame, limit: int = TIMELINE_ROW_LIMIT) -> tuple[pd.DataFrame, int]:
    """The latest ``limit`` rows in date order, and how many earlier ones were left out."""
    if len(rows) <= limit:
        return rows, 0
    return rows.iloc[len(rows) - limit:].reset_index(drop=True), len(rows) - limit
