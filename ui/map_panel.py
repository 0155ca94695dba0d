"""The flow map and what the landing page shows around it: the figure strip, the counts, the exchange, the Sankey.

The map and its detail panel run in a fragment: a click on a line reruns them alone, not the page.
Text from the data reaches the page only through ``escape_markdown`` or dataframes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker import constants
from tracker.boundaries import BoundariesError
from tracker.constants import STATUS_DEFINITIONS, STATUS_LABELS, TOPOJSON_URL
from tracker.dataset import Dataset
from tracker.figures import (
    build_flow_map,
    build_sankey,
    claim_rows_of,
    describe_map_lines,
    flow_id_of_trace,
    highlight_flow,
    selected_flow_ids,
)
from tracker.formatting import escape_markdown
from tracker.metrics import ClaimMetric, exchange_ledger
from tracker.tables import claim_table, evidence_link, flow_table
from ui.loaders import load_country_names
from ui.panels import LINK_COLUMN, render_claim_detail, render_flow_detail

MAP_KEY = "flow_map"
_SELECTED, _SELECTED_CLAIM, _SEEN = "selected_flow", "selected_claim", "_flow_map_points_seen"
_PER_ASSERTION = "map_per_assertion"
PER_ASSERTION_LABEL = "One line per assertion"
LINES_PARAM, PER_ASSERTION_VALUE = "lines", "assertions"
MAP_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False, "scrollZoom": True,
              "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@st.fragment
def render_flow_map(dataset: Dataset, flows: pd.DataFrame, view: str) -> None:
    """The map (views switched by its own buttons, in the browser), and the detail of the line clicked.

    By default one line per claim (the assertions that state one flow, made from the filtered flows), whose
    click opens every assertion with its sentence; the toggle draws one line per assertion instead.
    """
    # NOTE: the path is read at call time, not import time, so an operator's (or a test's) setting applies.
    try:
        countries = load_country_names(str(constants.COUNTRIES_GEOJSON_PATH))
    except BoundariesError as error:
        st.error(f"The map cannot be drawn: {error}. The tables below and the other pages still work.")
        return
    # NOTE: ?lines=assertions opens on the per-assertion map, so a link (or a test) can ask for it.
    per_assertion = st.toggle(PER_ASSERTION_LABEL, key=_PER_ASSERTION,
                              value=st.query_params.get(LINES_PARAM) == PER_ASSERTION_VALUE,
                              help="Off: one line per claim (every report of one flow together). "
                                   "On: one line per assertion, as the text states it.")
    if per_assertion:
        figure = build_flow_map(flows, dataset.places, countries, view=view, arcs=dataset.arcs)
        lead_to_claim: dict[str, str] = {}
    else:
        rows = claim_rows_of(dataset, flows)
        figure = build_flow_map(rows, dataset.places, countries, view=view, arcs=dataset.claim_arcs, per_claim=True)
        lead_to_claim = dict(zip(rows["flow_id"], rows["claim_id"], strict=True))
    # NOTE: the click is read before the chart is drawn, so the chosen line is highlighted in the same run.
    # Only a new selection counts: one left over from before a filter change (or the toggle) names curves of
    # another figure.
    event = st.session_state.get(MAP_KEY)
    points = list(event["selection"]["points"]) if event and event.get("selection") else []
    if points and points != st.session_state.get(_SEEN):
        st.session_state[_SEEN] = points
        picked = selected_flow_ids(points, flow_id_of_trace(figure))
        if picked:
            st.session_state[_SELECTED] = picked[0]
            st.session_state[_SELECTED_CLAIM] = lead_to_claim.get(picked[0])
    selected = st.session_state.get(_SELECTED)
    claim = None if per_assertion else st.session_state.get(_SELECTED_CLAIM)
    if per_assertion:
        if selected in set(flows["flow_id"]):
            highlight_flow(figure, selected)
    elif claim in set(lead_to_claim.values()):
        highlight_flow(figure, next(lead for lead, c in lead_to_claim.items() if c == claim))
    st.plotly_chart(figure, key=MAP_KEY, on_select="rerun", selection_mode="points", config=MAP_CONFIG)
    st.caption(describe_map_lines(per_claim=not per_assertion) + " ◇ marks a partner off this view. Borders: Natural Earth, "
               "Crimea in Ukraine (UN General Assembly view); not front lines.")
    if per_assertion and selected:
        render_flow_detail(dataset, selected)
    elif claim:
        render_claim_detail(dataset, flows, claim)
    if (per_assertion and selected) or claim:
        if st.button("Close the details"):
            st.session_state[_SELECTED] = st.session_state[_SELECTED_CLAIM] = None
            st.rerun(scope="fragment")
    # NOTE: a toggle, not an expander: an expander's content is sent even while closed (5 MB at 10,000 flows).
    if not per_assertion and st.toggle(f"Show the {len(lead_to_claim)} claims on the map as a table",
                                       help="The text alternative to the map of claims."):
        st.dataframe(claim_table(flows, dataset.claims), hide_index=True, width="stretch")
    if st.toggle(f"Show all {len(flows)} flows on the map as a table", help="The text alternative to the map."):
        st.dataframe(flow_table(flows, dataset.place_names()), hide_index=True, width="stretch",
                     column_config={"Flow": LINK_COLUMN})


def render_metric_strip(metrics: list[ClaimMetric]) -> None:
    """The headline figures, one per claim, one under another: the value with its bounds, who gives each
    figure, how many independent sources back the claim, and links to the sentences."""
    # NOTE: bold text, not a heading: an h3 straight after the page's h1 breaks the heading order screen readers follow.
    st.markdown("**Headline figures**")
    for metric in metrics:
        with st.container(border=True):
            # NOTE: each paragraph escaped apart, so the blank lines between figures stay Markdown.
            st.metric(escape_markdown(metric.label), metric.value, help="\n\n".join(
                escape_markdown(f"{figure}: “{quote}”") for figure, quote in zip(metric.figures, metric.quotes,
                                                                                 strict=True)))
            hedge = f" (“{metric.hedge}”)" if metric.hedge else ""
            st.caption(escape_markdown(f"{metric.range} · {metric.status}{hedge} · {metric.corroboration}"))
            st.caption("Figures: " + " · ".join(
                f"{escape_markdown(figure)} ([the sentence]({evidence_link(figure_id)}))"
                for figure, figure_id in zip(metric.figures, metric.figure_ids, strict=True)))


def render_status_counts(counts: pd.Series, shown: int, total: int) -> None:
    """How many of the flows shown stand at each level of evidence."""
    st.markdown(f"**{shown} of {total} flows shown, by strength of evidence** (strongest first)")
    for column, (code, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(code.capitalize(), count, help=f"{STATUS_LABELS[code]}: {STATUS_DEFINITIONS[code]}")


def render_exchange(dataset: Dataset, flows: pd.DataFrame) -> None:
    """The give-and-take between North Korea and Russia, each side's flows strongest first."""
    names = dataset.place_names()
    st.header("The exchange: what each side gives")
    st.caption("Every flow between North Korea and Russia, strongest evidence first. The exchange column links "
               "the flows the article presents as given in return for each other.")
    for column, (giver, taker) in zip(st.columns(2), (("PRK", "RUS"), ("RUS", "PRK")), strict=True):
        with column:
            st.subheader(escape_markdown(f"{names[giver]} → {names[taker]}"))
            ledger = exchange_ledger(flows, giver, taker)
            st.dataframe(ledger.assign(flow_id=ledger["flow_id"].map(evidence_link)), hide_index=True,
                         width="stretch", column_config={"flow_id": LINK_COLUMN, "status": "Evidence",
                                                         "exchange_id": "Exchange", "who": "Says who"})


def render_sankey(flows: pd.DataFrame, dataset: Dataset) -> None:
    """All flows country to country, on request: it is not needed to read the map and costs a chart."""
    if len(flows) and st.toggle("Show the Sankey diagram: every flow, country to country"):
        st.plotly_chart(build_sankey(flows, dataset.place_names()), key="sankey", config={"displaylogo": False})
