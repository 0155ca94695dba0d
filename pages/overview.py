"""Map and overview: every flow on the map first, the headline figures beside it, the give-and-take after."""

import streamlit as st

from tracker.filters import filter_rows
from tracker.formatting import article_dates
from tracker.metrics import claim_metrics, status_counts
from ui.context import get_context
from ui.map_panel import render_exchange, render_flow_map, render_metric_strip, render_sankey, render_status_counts

# 0/ inputs
dataset, flow_filter = get_context()
flows = filter_rows(dataset.flows, flow_filter)

# NOTE: the title is one line and the map comes next, so the map is in the first screen of a laptop and a phone.
st.title("Who sends what to whom")
st.caption(f"Russia, North Korea, Ukraine and their neighbours, from {article_dates(dataset.sources)}. "
           "Hover a line for its evidence; click it for the sentence.")

# 1/ the map, with the headline figures beside it (after it on a phone)
map_column, figures_column = st.columns([3, 1], gap="medium")
with map_column:
    render_flow_map(dataset, flows, flow_filter.view)
with figures_column:
    render_metric_strip(claim_metrics(dataset.figures, flows, dataset.claims))

# 2/ the rest, after the map
render_status_counts(status_counts(flows), len(flows), len(dataset.flows))
render_exchange(dataset, flows)
render_sankey(flows, dataset)
