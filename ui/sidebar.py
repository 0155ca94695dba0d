"""The shared sidebar: filters that every page applies, kept in the URL so a view can be shared."""

from __future__ import annotations

import streamlit as st

from tracker.constants import CATEGORY_CODES, CATEGORY_LABELS, DEFAULT_VIEW, STATUS_CODES, STATUS_LABELS
from tracker.dataset import Dataset
from tracker.filters import FlowFilter, from_query_params, to_query_params
from tracker.timeline import month_range

FILTER_PARAMS = ("category", "status", "country", "from", "to", "undated", "view", "source")
_KEYS = {"categories": "f_category", "statuses": "f_status", "countries": "f_country",
         "months": "f_months", "undated": "f_undated", "view": "f_view", "sources": "f_source"}


def _country_options(dataset: Dataset) -> dict[str, str]:
    codes = set(dataset.flows["origin_iso3"]) | set(dataset.flows["destination_iso3"])
    names = dataset.place_names()
    return {code: names.get(code, code) for code in sorted(codes, key=lambda c: names.get(c, c))}


def _source_options(dataset: Dataset) -> dict[str, str]:
    return {row.source_id: f"{row.published} · {row.headline or row.outlet or row.source_id}"
            for row in dataset.sources.itertuples(index=False)}


def _seed_from_url(dataset: Dataset, months: list[str]) -> None:
    """On a session's first run, set the widgets from the link it was opened with."""
    if st.session_state.get("_filters_seeded"):
        return
    params = {key: st.query_params.get(key, "") for key in FILTER_PARAMS}
    seeded = from_query_params(params, tuple(_country_options(dataset)), tuple(dataset.sources["source_id"]))
    st.session_state[_KEYS["sources"]] = list(seeded.sources)
    st.session_state[_KEYS["categories"]] = list(seeded.categories)
    st.session_state[_KEYS["statuses"]] = list(seeded.statuses)
    st.session_state[_KEYS["countries"]] = list(seeded.countries)
    first = seeded.date_from[:7] if seeded.date_from[:7] in months else months[0]
    last = seeded.date_to[:7] if seeded.date_to[:7] in months else months[-1]
    # NOTE: the full range is the slider's own value=; seeding it too would log a duplicate-default warning.
    if first <= last and (first, last) != (months[0], months[-1]):
        st.session_state[_KEYS["months"]] = (first, last)
    st.session_state[_KEYS["undated"]] = seeded.include_undated
    st.session_state[_KEYS["view"]] = seeded.view
    st.session_state["_filters_seeded"] = True


def render_filters(dataset: Dataset) -> FlowFilter:
    """Draw the filters in the sidebar, write them to the URL, and return the filter."""
    months = month_range(dataset.flows, dataset.events)
    _seed_from_url(dataset, months)
    # NOTE: the map's views are buttons in the figure, switched in the browser; the view kept here is the one
    # the session's link named, which the map opens on and the address bar keeps.
    st.session_state[_KEYS["view"]] = st.session_state.get(_KEYS["view"], DEFAULT_VIEW)
    countries = _country_options(dataset)
    with st.sidebar:
        st.header("Filters")
        st.caption("Apply to every page. Empty means all. The address bar keeps them: copy it to share this view.")
        sources = _source_options(dataset)
        if len(sources) > 1:
            st.multiselect("Article", list(sources), format_func=sources.get, key=_KEYS["sources"],
                           placeholder="All articles")
        st.multiselect("What flows", CATEGORY_CODES, format_func=CATEGORY_LABELS.get, key=_KEYS["categories"],
                       placeholder="All categories")
        st.multiselect("Evidence", STATUS_CODES, format_func=STATUS_LABELS.get, key=_KEYS["statuses"],
                       placeholder="All levels of evidence",
                       help="How strongly the article supports a flow, strongest first (see About).")
        st.multiselect("Country (sends or receives)", list(countries), format_func=countries.get,
                       key=_KEYS["countries"], placeholder="All countries")
        # NOTE: value= makes it a range slider on every rerun; session state alone makes it range only
        # on the first run, after which the widget's returned value collapses to a single month.
        first, last = st.select_slider("Dated between", options=months, value=(months[0], months[-1]),
                                       key=_KEYS["months"], format_func=_month_label)
        include_undated = st.toggle("Include undated flows", key=_KEYS["undated"],
                                    help="Many flows have no date in the text; they are kept unless you hide them.")
    flow_filter = FlowFilter(
        categories=tuple(st.session_state[_KEYS["categories"]]),
        statuses=tuple(st.session_state[_KEYS["statuses"]]),
        countries=tuple(st.session_state[_KEYS["countries"]]),
        date_from="" if first == months[0] else first,
        date_to="" if last == months[-1] else last,
        include_undated=include_undated,
        view=st.session_state[_KEYS["view"]],
        sources=tuple(st.session_state.get(_KEYS["sources"], [])),
    )
    _write_url(flow_filter)
    return flow_filter


def _write_url(flow_filter: FlowFilter) -> None:
    wanted = to_query_params(flow_filter)
    for key in FILTER_PARAMS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][int(number) - 1]} {year}"
