"""The shared sidebar: filters that every page applies, kept in the URL so a view can be shared."""

from __future__ import annotations

import streamlit as st

from tracker.constants import CATEGORY_CODES, CATEGORY_LABELS, DEFAULT_VIEW, STATUS_CODES, STATUS_LABELS
from tracker.dataset import Dataset
from tracker.dates import month_label
from tracker.filters import (
    FlowFilter,
    country_options,
    from_query_params,
    months_of_window,
    source_options,
    to_query_params,
    window_of_months,
)
from tracker.timeline import month_range

FILTER_PARAMS = ("category", "status", "country", "from", "to", "undated", "view", "source")
_KEYS = {"categories": "f_category", "statuses": "f_status", "countries": "f_country",
         "months": "f_months", "undated": "f_undated", "view": "f_view", "sources": "f_source"}


def _seed_from_url(dataset: Dataset, months: list[str]) -> None:
    """On a session's first run, set the widgets from the link it was opened with."""
    if st.session_state.get("_filters_seeded"):
        return
    params = {key: st.query_params.get(key, "") for key in FILTER_PARAMS}
    seeded = from_query_params(params, tuple(country_options(dataset.flows, dataset.place_names())),
                               tuple(dataset.sources["source_id"]))
    st.session_state[_KEYS["sources"]] = list(seeded.sources)
    st.session_state[_KEYS["categories"]] = list(seeded.categories)
    st.session_state[_KEYS["statuses"]] = list(seeded.statuses)
    st.session_state[_KEYS["countries"]] = list(seeded.countries)
    first, last = months_of_window(seeded, months)
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
    countries = country_options(dataset.flows, dataset.place_names())
    with st.sidebar:
        st.header("Filters")
        st.caption("Apply to every page. Empty means all. The address bar keeps them: copy it to share this view.")
        sources = source_options(dataset.sources)
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
                                       key=_KEYS["months"], format_func=month_label)
        include_undated = st.toggle("Include undated flows", key=_KEYS["undated"],
                                    help="Many flows have no date in the text; they are kept unless you hide them.")
    date_from, date_to = window_of_months(first, last, months)
    flow_filter = FlowFilter(
        categories=tuple(st.session_state[_KEYS["categories"]]),
        statuses=tuple(st.session_state[_KEYS["statuses"]]),
        countries=tuple(st.session_state[_KEYS["countries"]]),
        date_from=date_from,
        date_to=date_to,
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
