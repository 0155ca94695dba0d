"""Timeline: every dated flow and event, each drawn over the period the text gives."""

import streamlit as st

from tracker.figures import build_timeline
from tracker.filters import filter_rows
from tracker.provenance import dated_span
from tracker.timeline import build_timeline_rows, count_undated, limit_rows, timeline_table
from ui.context import get_context

# 0/ inputs
dataset, flow_filter = get_context()

# 1/ data
rows = build_timeline_rows(filter_rows(dataset.flows, flow_filter), filter_rows(dataset.events, flow_filter),
                           dataset.place_names())

# 2/ render
st.title("Timeline")
st.caption(f"From {dated_span(dataset.flows, dataset.events)}. A month the text names is drawn as the whole month, "
           "a week as its days; dates resolved from “this week” or “in June” are marked inferred.")
undated = count_undated(dataset.flows)
st.metric("Dated flows and events shown", len(rows),
          help=f"{undated} flows have no date in the text and are not on the timeline.")
if rows.empty:
    st.info("Nothing dated passes the current filters.")
else:
    drawn, hidden = limit_rows(rows)
    if hidden:
        st.caption(f"The chart shows the latest {len(drawn)} rows; {hidden} earlier ones are in the table. "
                   "Narrow the filters to draw them.")
    st.plotly_chart(build_timeline(drawn), key="timeline", config={"displaylogo": False})
    with st.expander("The timeline as a table"):
        st.dataframe(timeline_table(rows), hide_index=True, width="stretch")
