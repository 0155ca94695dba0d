"""Reusable page parts: metric panels, the flow detail panel, and the table alternative to a chart.

Text from the data reaches the page only through ``escape_markdown``, ``st.text``,
``st.code`` or dataframes, so markup in the data is shown, never run.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.claims import claim_assertions, corroborate_claims, describe_corroboration
from tracker.constants import STATUS_LABELS
from tracker.dataset import Dataset
from tracker.evidence import find_sentence
from tracker.formatting import describe_flow, escape_markdown
from tracker.metrics import reciprocal_flows
from tracker.sentences import paragraph_around
from tracker.tables import column_help, flow_table


def render_flow_detail(dataset: Dataset, flow_id: str) -> None:
    """The evidence of one flow: its sentence in its paragraph, who says so, and its reciprocal flows."""
    match = dataset.flows[dataset.flows["flow_id"] == flow_id]
    if match.empty:
        st.warning(escape_markdown(f"No flow {flow_id} in the dataset."))
        return
    flow = match.iloc[0].to_dict()
    parts = describe_flow(flow, dataset.place_names())
    with st.container(border=True):
        st.subheader(escape_markdown(f"{parts['route']}"))
        st.markdown(escape_markdown(parts["what"]))
        left, right = st.columns(2)
        left.markdown(f"**Amount:** {escape_markdown(parts['amount'])}  \n**When:** {escape_markdown(parts['when'])}")
        right.markdown(f"**Evidence:** {escape_markdown(parts['status'])}  \n"
                       f"**Says who:** {escape_markdown(parts['who'])}")
        text = dataset.texts[flow["source_id"]]
        sentence = find_sentence(text, int(flow["quote_start"]))
        before, quote, after = paragraph_around(text, int(flow["quote_start"]), int(flow["quote_end"]))
        st.markdown("**The sentence, in its paragraph:**")
        st.markdown("> " + escape_markdown(before) + "**" + escape_markdown(quote) + "**" + escape_markdown(after))
        if flow.get("notes"):
            st.caption(escape_markdown(f"Note: {flow['notes']}"))
        st.page_link("pages/evidence.py", label="Read it in the article", icon=":material/format_quote:",
                     query_params={"row": flow_id})
        others = reciprocal_flows(dataset.flows, flow_id)
        if len(others):
            exchange = dataset.exchanges.set_index("exchange_id").loc[flow["exchange_id"]]
            st.markdown(f"**Given in return ({escape_markdown(exchange['title'])}):**")
            st.dataframe(flow_table(others, dataset.place_names()), hide_index=True, width="stretch",
                         column_config={"Flow": LINK_COLUMN})
        if sentence is None:
            st.caption("The quote does not start a sentence of the text.")


def render_claim_detail(dataset: Dataset, flows: pd.DataFrame, claim_id: str) -> None:
    """One claim: what moves, its corroboration and quantities with their sources, and every assertion with its sentence.

    ``flows`` are the assertions shown (the filters apply); each row links to its sentence in the evidence reader.
    """
    summary = corroborate_claims(flows[flows["claim_id"] == claim_id], dataset.claims)
    if summary.empty:
        st.warning(escape_markdown(f"No assertion of claim {claim_id} is shown."))
        return
    claim = summary.iloc[0].to_dict()
    assertions = claim_assertions(flows, claim_id)
    route = describe_flow(assertions.iloc[0].to_dict(), dataset.place_names())["route"]
    with st.container(border=True):
        st.subheader(escape_markdown(f"{route}: {claim['title']}"))
        st.markdown(escape_markdown(describe_corroboration(claim["assertions"], claim["independent_sources"],
                                                           claim["articles"]))
                    + f"  \n**Strongest evidence:** {escape_markdown(STATUS_LABELS[claim['strongest_status']])}"
                    + f"  \n**Quantities:** {escape_markdown(claim['quantity_range'] or 'not stated')}"
                    + f"  \n**Independent sources:** {escape_markdown(claim['sources'])}")
        notes = dataset.claims.loc[dataset.claims["claim_id"] == claim_id, "notes"]
        if len(notes) and notes.iloc[0]:
            st.caption(escape_markdown(f"Why these rows are one claim: {notes.iloc[0]}"))
        st.dataframe(flow_table(assertions, dataset.place_names()), hide_index=True, width="stretch",
                     column_config={"Flow": LINK_COLUMN})


# The id of the row is the link's text; the link opens its sentence in the evidence reader.
LINK_COLUMN = st.column_config.LinkColumn(display_text=r"row=(.*)$", help="Open its sentence in the evidence reader")


def column_config(fields: list[dict]) -> dict:
    """Column settings taken from the schema: each column's description (and unit) as its help."""
    config = {}
    for spec in fields:
        help_text = column_help(spec)
        if spec["type"] in ("number", "integer"):
            config[spec["name"]] = st.column_config.NumberColumn(spec["name"], help=help_text, format="localized")
        elif spec["type"] == "boolean":
            config[spec["name"]] = st.column_config.CheckboxColumn(spec["name"], help=help_text)
        else:
            config[spec["name"]] = st.column_config.TextColumn(spec["name"], help=help_text)
    return config
