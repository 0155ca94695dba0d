"""Map and overview: the headline figures, every flow on the map, the give-and-take ledger."""

import streamlit as st

from tracker.boundaries import BoundariesError
from tracker.constants import COUNTRIES_GEOJSON_PATH, MAP_VIEWS, STATUS_DEFINITIONS, STATUS_LABELS, TOPOJSON_URL
from tracker.figures import build_flow_map, build_sankey
from tracker.filters import filter_rows
from tracker.formatting import escape_markdown
from tracker.metrics import claim_metrics, exchange_ledger, status_counts
from ui.context import get_context
from ui.loaders import load_country_names
from ui.panels import (
    LINK_COLUMN,
    evidence_link,
    flow_table,
    place_names,
    render_claim_metrics,
    render_flow_detail,
    selected_flow_ids,
)
from ui.sidebar import view_key

# 0/ inputs
dataset, flow_filter = get_context()
flows = filter_rows(dataset.flows, flow_filter)
names = place_names(dataset)

st.title("Who sends what to whom")
st.caption("Russia, North Korea, Ukraine and their neighbours, as one news article of 22 November 2024 "
           "(date inferred) reports them. Every figure and line leads back to its sentence.")

# 1/ headline figures
render_claim_metrics(claim_metrics(dataset.figures, flows, dataset.claims))
st.markdown(f"**{len(flows)} of {len(dataset.flows)} flows shown, by strength of evidence** (strongest first)")
for column, (code, count) in zip(st.columns(len(STATUS_LABELS)), status_counts(flows).items(), strict=True):
    column.metric(code.capitalize(), count, help=f"{STATUS_LABELS[code]}: {STATUS_DEFINITIONS[code]}")

# 2/ the map
st.segmented_control("Map view", list(MAP_VIEWS), key=view_key(), required=True)
try:
    countries = load_country_names(str(COUNTRIES_GEOJSON_PATH))
except BoundariesError as error:
    st.error(f"The map cannot be drawn: {error}. The tables below and the other pages still work.")
    countries = None
if countries is not None:
    # NOTE: the click is read before the figure is built, so the chosen flow is highlighted in the same run.
    picked = selected_flow_ids(st.session_state.get("flow_map"))
    if picked:
        st.session_state["selected_flow"] = picked[0]
    selected = st.session_state.get("selected_flow")
    figure = build_flow_map(flows, dataset.places, countries, view=flow_filter.view, selected_flow=selected)
    st.plotly_chart(figure, key="flow_map", on_select="rerun", selection_mode="points",
                    config={"topojsonURL": TOPOJSON_URL, "displaylogo": False, "scrollZoom": True})
    st.caption("Colour: what flows. Line style: how strong the evidence is (solid = stated by officials). "
               "Width: 1.5 px + 0.045 px × √(lower bound), so “more than 10,000” is 6 px; thin = no lower bound stated. "
               "Hover a line for its evidence; click it for the full sentence. "
               "Borders: Natural Earth, Crimea in Ukraine (UN General Assembly view); not front lines.")
    if selected:
        render_flow_detail(dataset, selected)
        if st.button("Close the details"):
            st.session_state["selected_flow"] = None
            st.rerun()

# NOTE: a toggle, not an expander: an expander's content is sent even while closed (5 MB at 10,000 flows).
if st.toggle(f"Show all {len(flows)} flows on the map as a table", help="The text alternative to the map."):
    st.dataframe(flow_table(flows, dataset), hide_index=True, width="stretch", column_config={"Flow": LINK_COLUMN})

# 3/ the give-and-take
st.header("The exchange: what each side gives")
st.caption("Every flow between North Korea and Russia, strongest evidence first. The exchange column links "
           "the flows the article presents as given in return for each other.")
left, right = st.columns(2)
for column, (giver, taker) in zip((left, right), (("PRK", "RUS"), ("RUS", "PRK")), strict=True):
    with column:
        st.subheader(escape_markdown(f"{names[giver]} → {names[taker]}"))
        ledger = exchange_ledger(flows, giver, taker)
        st.dataframe(ledger.assign(flow_id=ledger["flow_id"].map(evidence_link)), hide_index=True,
                     width="stretch", column_config={"flow_id": LINK_COLUMN, "status": "Evidence",
                                                     "exchange_id": "Exchange", "who": "Says who"})
if len(flows):
    st.subheader("All flows, country to country, by category")
    st.plotly_chart(build_sankey(flows, names), key="sankey", config={"displaylogo": False})
