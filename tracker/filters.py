"""The shared filter: what it keeps, and how it reads from and writes to a URL's query string."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracker.constants import CATEGORY_CODES, DEFAULT_VIEW, MAP_VIEWS, STATUS_CODES
from tracker.dates import date_span, parse_partial_date


@dataclass(frozen=True)
class FlowFilter:
    """What the reader chose to see; an empty selection means everything."""

    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    date_from: str = ""  # partial ISO date, inclusive
    date_to: str = ""
    include_undated: bool = True
    view: str = DEFAULT_VIEW
    sources: tuple[str, ...] = ()

    def is_default(self) -> bool:
        """True when nothing is filtered out."""
        return self == FlowFilter(view=self.view)


def filter_rows(rows: pd.DataFrame, flow_filter: FlowFilter) -> pd.DataFrame:
    """Keep the flows (or events) that pass the filter, in their original order."""
    keep = pd.Series(True, index=rows.index)
    if flow_filter.sources:
        keep &= rows["source_id"].isin(flow_filter.sources)
    if flow_filter.categories and "category" in rows:
        keep &= rows["category"].isin(flow_filter.categories)
    if flow_filter.statuses:
        keep &= rows["status"].isin(flow_filter.statuses)
    if flow_filter.countries:
        wanted = set(flow_filter.countries)
        if "origin_iso3" in rows:
            keep &= rows["origin_iso3"].isin(wanted) | rows["destination_iso3"].isin(wanted)
        else:
            keep &= rows["actors"].map(lambda actors: bool(wanted & set(actors.split(";"))))
    if flow_filter.date_from or flow_filter.date_to or not flow_filter.include_undated:
        # NOTE: a Series, not a list: pandas 3 refuses logical operators between a Series and a plain list.
        keep &= pd.Series([_in_window(s, e, flow_filter) for s, e in zip(rows["date_start"], rows["date_end"],
                                                                          strict=True)], index=rows.index, dtype=bool)
    return rows[keep]


def _in_window(start: str, end: str, flow_filter: FlowFilter) -> bool:
    if not start and not end:
        return flow_filter.include_undated
    first, last = date_span(start, end)
    window_first = parse_partial_date(flow_filter.date_from)[0] if flow_filter.date_from else date.min
    window_last = parse_partial_date(flow_filter.date_to)[1] if flow_filter.date_to else date.max
    return first <= window_last and last >= window_first


def to_query_params(flow_filter: FlowFilter) -> dict[str, str]:
    """The filter as query parameters; defaults are left out so a plain link stays plain."""
    params: dict[str, str] = {}
    if flow_filter.categories:
        params["category"] = ",".join(flow_filter.categories)
    if flow_filter.statuses:
        params["status"] = ",".join(flow_filter.statuses)
    if flow_filter.countries:
        params["country"] = ",".join(flow_filter.countries)
    if flow_filter.date_from:
        params["from"] = flow_filter.date_from
    if flow_filter.date_to:
        params["to"] = flow_filter.date_to
    if not flow_filter.include_undated:
        params["undated"] = "hide"
    if flow_filter.view != DEFAULT_VIEW:
        params["view"] = flow_filter.view
    if flow_filter.sources:
        params["source"] = ",".join(flow_filter.sources)
    return params


def from_query_params(params: Mapping[str, str], countries: tuple[str, ...], sources: tuple[str, ...] = ()) -> FlowFilter:
    """Read a filter from query parameters, dropping any value that is not known."""

    def listed(key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = [v for v in params.get(key, "").split(",") if v in allowed]
        return tuple(dict.fromkeys(values))

    def partial_date(key: str) -> str:
        value = params.get(key, "")
        try:
            parse_partial_date(value)
        except ValueError:
            return ""
        return value

    view = params.get("view", DEFAULT_VIEW)
    return FlowFilter(
        categories=listed("category", CATEGORY_CODES),
        statuses=listed("status", STATUS_CODES),
        countries=listed("country", countries),
        date_from=partial_date("from"),
        date_to=partial_date("to"),
        include_undated=params.get("undated", "") != "hide",
        view=view if view in MAP_VIEWS else DEFAULT_VIEW,
        sources=listed("source", sources),
    )


def country_options(flows: pd.DataFrame, place_names: Mapping[str, str]) -> dict[str, str]:
    """ISO3 -> name of every country that sends or receives one of the flows, in the order of their names."""
    codes = set(flows["origin_iso3"]) | set(flows["destination_iso3"])
    return {code: place_names.get(code, code) for code in sorted(codes, key=lambda c: place_names.get(c, c))}


def source_options(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> how a reader picks the article: its date, then its headline (or outlet, or id).

    Labels are unique: two articles of the same day and headline also say their ids, since a Streamlit
    selectbox tells its options apart by their labels and would only ever return one of the two.
    """
    labels = {row.source_id: f"{row.published} · {row.headline or row.outlet or row.source_id}"
              for row in sources.itertuples(index=False)}
    counts = Counter(labels.values())
    return {source_id: label if counts[label] == 1 else f"{label} ({source_id})" for source_id, label in labels.items()}


def window_of_months(first: str, last: str, months: list[str]) -> tuple[str, str]:
    """The filter's (date_from, date_to) for the months picked on a slider over ``months``: an end left at
    the slider's end filters nothing ("")."""
    return ("" if first == months[0] else first), ("" if last == months[-1] else last)


def months_of_window(flow_filter: FlowFilter, months: list[str]) -> tuple[str, str]:
    """The slider's (first, last) months for a filter's window: the inverse of ``window_of_months``.

    An end outside ``months`` (or unset) is the slider's end.
    """
    first, last = flow_filter.date_from[:7], flow_filter.date_to[:7]
    return (first if first in months else months[0]), (last if last in months else months[-1])


def claims_of(flows: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The claims that the kept flows assert, in the claims table's order."""
    return claims[claims["claim_id"].isin(flows["claim_id"])]
