"""The shared filter on the real flows and events, and its round trip through a URL's query string."""

from __future__ import annotations

import calendar
import csv
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tracker.constants import CATEGORY_CODES, DEFAULT_VIEW, MAP_VIEWS, STATUS_CODES
from tracker.dataset import Dataset
from tracker.filters import (
    FlowFilter,
    claims_of,
    country_options,
    filter_rows,
    from_query_params,
    months_of_window,
    source_options,
    to_query_params,
    window_of_months,
)


@pytest.fixture(scope="module")
def event_records(data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / "events.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def countries(flow_records: list[dict[str, str]]) -> tuple[str, ...]:
    return tuple(sorted({r["origin_iso3"] for r in flow_records} | {r["destination_iso3"] for r in flow_records}))


def ids(rows: pd.DataFrame) -> list[str]:
    return rows.iloc[:, 0].tolist()


def first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


def overlaps(record: dict[str, str], window_from: str, window_to: str, include_undated: bool = True) -> bool:
    """The rule, stated independently: a row is kept when the period it covers touches the window."""
    start, end = record["date_start"], record["date_end"]
    if not start and not end:
        return include_undated
    first = first_day(start or end)
    last = last_day(end or start)
    lo = first_day(window_from) if window_from else date.min
    hi = last_day(window_to) if window_to else date.max
    return first <= hi and last >= lo


# --- filter_rows ------------------------------------------------------------------------


def test_default_filter_keeps_every_flow_in_order(dataset: Dataset, flow_records: list[dict[str, str]]) -> None:
    assert ids(filter_rows(dataset.flows, FlowFilter())) == [r["flow_id"] for r in flow_records]


@pytest.mark.parametrize("categories", [("troops",), ("oil", "strike"), ("agreement", "diplomatic", "drones")])
def test_category_filter(dataset: Dataset, flow_records: list[dict[str, str]], categories: tuple[str, ...]) -> None:
    expected = [r["flow_id"] for r in flow_records if r["category"] in categories]
    assert expected, "every category used here has flows in the article"
    assert ids(filter_rows(dataset.flows, FlowFilter(categories=categories))) == expected


def test_the_troops_filter_finds_the_articles_troop_flows(dataset: Dataset) -> None:
    """The article's 10,000+ troops in Kursk (F09) and the 100,000 that could follow (F10) are troop flows."""
    kept = set(ids(filter_rows(dataset.flows, FlowFilter(categories=("troops",)))))
    assert {"F09", "F10"} <= kept
    assert "F34" not in kept  # the 13,000 containers are weapons


@pytest.mark.parametrize("statuses", [("stated",), ("assessed", "possible")])
def test_status_filter(dataset: Dataset, flow_records: list[dict[str, str]], statuses: tuple[str, ...]) -> None:
    expected = [r["flow_id"] for r in flow_records if r["status"] in statuses]
    assert ids(filter_rows(dataset.flows, FlowFilter(statuses=statuses))) == expected


@pytest.mark.parametrize("chosen", [("IRN",), ("CHN", "KOR")])
def test_country_filter_keeps_flows_sent_or_received(
        dataset: Dataset, flow_records: list[dict[str, str]], chosen: tuple[str, ...]) -> None:
    expected = [r["flow_id"] for r in flow_records if r["origin_iso3"] in chosen or r["destination_iso3"] in chosen]
    assert expected
    assert ids(filter_rows(dataset.flows, FlowFilter(countries=chosen))) == expected


def test_country_filter_on_events_reads_the_actors(dataset: Dataset, event_records: list[dict[str, str]]) -> None:
    expected = [r["event_id"] for r in event_records if "CHN" in r["actors"].split(";")]
    assert expected
    assert ids(filter_rows(dataset.events, FlowFilter(countries=("CHN",)))) == expected


def test_filters_combine_with_and(dataset: Dataset, flow_records: list[dict[str, str]]) -> None:
    expected = [r["flow_id"] for r in flow_records
                if r["category"] == "troops" and r["status"] == "stated" and "RUS" in (r["origin_iso3"],
                                                                                      r["destination_iso3"])]
    chosen = FlowFilter(categories=("troops",), statuses=("stated",), countries=("RUS",))
    assert ids(filter_rows(dataset.flows, chosen)) == expected


WINDOWS = [("2024-11", "2024-11"), ("2024-10-15", "2024-10-20"), ("2024-06", "2024-06"), ("2024", ""),
           ("", "2023-12"), ("2024-11-20", ""), ("2023-09", "2024-05")]


@pytest.mark.parametrize(("window_from", "window_to"), WINDOWS)
def test_date_window_keeps_rows_that_overlap_it(
        dataset: Dataset, flow_records: list[dict[str, str]], window_from: str, window_to: str) -> None:
    expected = [r["flow_id"] for r in flow_records if overlaps(r, window_from, window_to)]
    chosen = FlowFilter(date_from=window_from, date_to=window_to)
    assert ids(filter_rows(dataset.flows, chosen)) == expected


@pytest.mark.parametrize(("window_from", "window_to"), WINDOWS)
def test_date_window_without_undated_rows(
        dataset: Dataset, flow_records: list[dict[str, str]], window_from: str, window_to: str) -> None:
    expected = [r["flow_id"] for r in flow_records if overlaps(r, window_from, window_to, include_undated=False)]
    chosen = FlowFilter(date_from=window_from, date_to=window_to, include_undated=False)
    assert ids(filter_rows(dataset.flows, chosen)) == expected


@pytest.mark.parametrize(("window_from", "window_to"), WINDOWS)
def test_date_window_on_events(
        dataset: Dataset, event_records: list[dict[str, str]], window_from: str, window_to: str) -> None:
    expected = [r["event_id"] for r in event_records if overlaps(r, window_from, window_to)]
    assert ids(filter_rows(dataset.events, FlowFilter(date_from=window_from, date_to=window_to))) == expected


def test_partial_dates_overlap_as_the_periods_they_name(dataset: Dataset) -> None:
    """Stated from the data: F34 runs August 2023 to October 2024, F23 is "October", F35 ends in November 2024."""
    mid_october = set(ids(filter_rows(dataset.flows, FlowFilter(date_from="2024-10-15", date_to="2024-10-20",
                                                                include_undated=False))))
    assert {"F34", "F23"} <= mid_october
    assert "F09" not in mid_october  # November only
    september_2023 = set(ids(filter_rows(dataset.flows, FlowFilter(date_from="2023-09", date_to="2023-09",
                                                                   include_undated=False))))
    assert september_2023 == {"F34"}
    late_november = set(ids(filter_rows(dataset.flows, FlowFilter(date_from="2024-11-30", include_undated=False))))
    assert {"F09", "F35"} <= late_november  # month-precision rows reach the month's last day
    assert "F11" not in late_november  # 18-22 November


def test_undated_rows_are_kept_unless_hidden(dataset: Dataset, flow_records: list[dict[str, str]]) -> None:
    undated = [r["flow_id"] for r in flow_records if not r["date_start"] and not r["date_end"]]
    dated = [r["flow_id"] for r in flow_records if r["date_start"] or r["date_end"]]
    assert undated and dated
    kept = ids(filter_rows(dataset.flows, FlowFilter(date_from="2024-11")))
    assert set(undated) <= set(kept)
    assert ids(filter_rows(dataset.flows, FlowFilter(include_undated=False))) == dated


def test_filter_on_an_empty_frame_returns_an_empty_frame(dataset: Dataset) -> None:
    empty = dataset.flows.iloc[0:0]
    out = filter_rows(empty, FlowFilter(categories=("troops",), date_from="2024-01", include_undated=False))
    assert out.empty
    assert list(out.columns) == list(dataset.flows.columns)


def test_filter_does_not_change_its_input(dataset: Dataset) -> None:
    before = dataset.flows.copy()
    filter_rows(dataset.flows, FlowFilter(categories=("troops",), date_from="2024-11"))
    pd.testing.assert_frame_equal(dataset.flows, before)


# --- query parameters -----------------------------------------------------------------


def test_default_filter_gives_no_query_parameters() -> None:
    assert to_query_params(FlowFilter()) == {}
    assert FlowFilter().is_default()


def test_a_filter_that_keeps_everything_but_changes_the_view_is_still_default() -> None:
    assert FlowFilter(view="World").is_default()
    assert not FlowFilter(categories=("oil",)).is_default()


ROUND_TRIPS = [
    FlowFilter(categories=("troops",)),
    FlowFilter(categories=("troops", "weapons", "oil"), statuses=("stated", "possible")),
    FlowFilter(countries=("PRK", "RUS"), date_from="2024-06"),
    FlowFilter(date_from="2023-08", date_to="2024-10-31", include_undated=False),
    FlowFilter(statuses=("claimed",), view="Korean Peninsula"),
    FlowFilter(categories=CATEGORY_CODES, statuses=STATUS_CODES, countries=("UKR",), date_from="2024",
               date_to="2024-11-22", include_undated=False, view="World"),
]


@pytest.mark.parametrize("flow_filter", ROUND_TRIPS, ids=lambda f: ",".join(to_query_params(f)))
def test_query_parameters_round_trip(flow_filter: FlowFilter, countries: tuple[str, ...]) -> None:
    params = to_query_params(flow_filter)
    assert all(isinstance(v, str) for v in params.values())
    assert from_query_params(params, countries) == flow_filter


def test_query_parameters_use_readable_names() -> None:
    params = to_query_params(FlowFilter(categories=("troops", "oil"), date_from="2024-06", include_undated=False))
    assert params == {"category": "troops,oil", "from": "2024-06", "undated": "hide"}


def test_no_query_parameters_give_the_default_filter(countries: tuple[str, ...]) -> None:
    assert from_query_params({}, countries) == FlowFilter()


@pytest.mark.parametrize(("params", "expected"), [
    ({"category": "troops,bogus,<script>"}, FlowFilter(categories=("troops",))),
    ({"category": "Troops"}, FlowFilter()),  # codes are case-sensitive
    ({"status": "rumoured,stated"}, FlowFilter(statuses=("stated",))),
    ({"country": "XXX,PRK,rus"}, FlowFilter(countries=("PRK",))),
    ({"country": "GBR"}, FlowFilter()),  # named in the article, but in no flow
    ({"from": "2024-13", "to": "tomorrow"}, FlowFilter()),
    ({"from": "2024-02-30"}, FlowFilter()),
    ({"to": "2024-02-29"}, FlowFilter(date_to="2024-02-29")),
    ({"undated": "show"}, FlowFilter()),
    ({"view": "Mars"}, FlowFilter(view=DEFAULT_VIEW)),
    ({"category": "oil,oil,troops,oil"}, FlowFilter(categories=("oil", "troops"))),
    ({"unknown": "1", "category": ""}, FlowFilter()),
])
def test_unknown_query_values_are_dropped(params: dict[str, str], expected: FlowFilter,
                                          countries: tuple[str, ...]) -> None:
    assert from_query_params(params, countries) == expected


def test_every_map_view_survives_the_url(countries: tuple[str, ...]) -> None:
    for view in MAP_VIEWS:
        assert from_query_params(to_query_params(FlowFilter(view=view)), countries).view == view


def test_the_country_choices_are_the_flows_countries_by_name(dataset: Dataset,
                                                             flow_records: list[dict[str, str]]) -> None:
    options = country_options(dataset.flows, dataset.place_names())
    expected = {r["origin_iso3"] for r in flow_records} | {r["destination_iso3"] for r in flow_records}
    assert set(options) == expected
    assert options["PRK"] == "North Korea"
    assert list(options.values()) == sorted(options.values())
    # a country with no name in the places falls back to its code, and sorts by it
    assert country_options(dataset.flows, {}) == {code: code for code in sorted(expected)}


def test_an_article_is_chosen_by_its_date_and_headline_or_outlet_or_id() -> None:
    sources = pd.DataFrame({"source_id": ["a", "b", "c"], "published": ["2024-11-22", "2025-01", "2025"],
                            "headline": ["Troops in Kursk", "", ""], "outlet": ["Wire", "Daily", ""]})
    assert source_options(sources) == {"a": "2024-11-22 · Troops in Kursk", "b": "2025-01 · Daily", "c": "2025 · c"}


def test_two_articles_of_the_same_day_and_headline_are_told_apart_by_their_ids() -> None:
    sources = pd.DataFrame({"source_id": ["long-1", "long-2", "other"], "published": ["2024-11-25"] * 3,
                            "headline": ["Long", "Long", "Other"], "outlet": ["Outlet"] * 3})
    options = source_options(sources)
    assert options == {"long-1": "2024-11-25 · Long (long-1)", "long-2": "2024-11-25 · Long (long-2)",
                       "other": "2024-11-25 · Other"}
    assert len(set(options.values())) == len(options)


MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04"]


@pytest.mark.parametrize(("picked", "window"), [
    (("2024-01", "2024-04"), ("", "")),
    (("2024-02", "2024-04"), ("2024-02", "")),
    (("2024-01", "2024-03"), ("", "2024-03")),
    (("2024-02", "2024-02"), ("2024-02", "2024-02")),
])
def test_the_slider_and_the_filters_window_are_each_others_inverse(picked: tuple[str, str],
                                                                    window: tuple[str, str]) -> None:
    assert window_of_months(*picked, MONTHS) == window
    assert months_of_window(FlowFilter(date_from=window[0], date_to=window[1]), MONTHS) == picked


def test_a_window_outside_the_months_opens_the_slider_at_its_ends() -> None:
    assert months_of_window(FlowFilter(date_from="2023-05-02", date_to="2030"), MONTHS) == ("2024-01", "2024-04")
    assert months_of_window(FlowFilter(date_from="2024-03-15"), MONTHS) == ("2024-03", "2024-04")


def test_the_claims_shown_are_those_the_kept_flows_assert(dataset: Dataset) -> None:
    kept = filter_rows(dataset.flows, FlowFilter(categories=("troops",)))
    claims = claims_of(kept, dataset.claims)
    assert set(claims["claim_id"]) == set(kept["claim_id"]) and len(claims) < len(dataset.claims)
    assert list(claims["claim_id"]) == [c for c in dataset.claims["claim_id"] if c in set(kept["claim_id"])]
    assert claims_of(dataset.flows.iloc[:0], dataset.claims).empty
