"""Data and downloads: the tables as they are, and CSVs of exactly what the filters show."""

import streamlit as st

from tracker.dataset import resource_fields
from tracker.exports import filtered_file_name, to_csv_bytes
from tracker.filters import claims_of, filter_rows
from tracker.provenance import shipped_article
from tracker.tables import claim_table, table_description
from ui.chrome import data_dir, user_dirs
from ui.context import get_context
from ui.loaders import load_package_zip
from ui.panels import column_config

# 0/ inputs
dataset, flow_filter = get_context()
published = shipped_article(dataset.sources)["published"]

# 1/ data
flows = filter_rows(dataset.flows, flow_filter)
events = filter_rows(dataset.events, flow_filter)
claims = claims_of(flows, dataset.claims)
fields = resource_fields(dataset.package, "flows")

# 2/ render
st.title("Data and downloads")
st.caption("Every table of the data package. The flows, claims and events follow the filters in the sidebar; "
           "the CSVs hold exactly the rows shown here, one row per assertion with its claim_id.")
left, middle, right = st.columns(3)
left.download_button(
    f"Download these {len(flows)} flows (CSV)", to_csv_bytes(flows, fields),
    file_name=filtered_file_name("flows", published, not flow_filter.is_default()), mime="text/csv",
    on_click="ignore", icon=":material/download:", help="UTF-8, header row, the schema's column order; cells a spreadsheet "
    "would run as a formula start with an apostrophe.",
)
middle.download_button(
    f"Download their {len(claims)} claims (CSV)", to_csv_bytes(claims, resource_fields(dataset.package, "claims")),
    file_name=filtered_file_name("claims", published, not flow_filter.is_default()), mime="text/csv",
    on_click="ignore", icon=":material/download:", help="One row per real-world flow that the flows shown assert; "
    "join on claim_id. Same format as the flows CSV.",
)
right.download_button(
    "Download the whole data package (zip)", load_package_zip(data_dir(), user_dirs()),
    file_name=f"{dataset.package['name']}_{published}.zip", mime="application/zip", on_click="ignore",
    icon=":material/folder_zip:", help="All CSVs, datapackage.json, the README with how to cite, and the article's text.",
)
shown = {"flows": flows, "events": events, "claims": claims}
order = ["flows", "claims", "events", "figures", "exchanges", "places", "sources"]
for tab, name in zip(st.tabs([t.capitalize() for t in order]), order, strict=True):
    with tab:
        table = shown.get(name, dataset.table(name))
        st.caption(table_description(dataset.package, name))
        if name == "claims":
            st.markdown("**Corroboration of each claim** (computed from the flows shown)")
            st.dataframe(claim_table(flows, dataset.claims), hide_index=True,
                         width="stretch")
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config=column_config(resource_fields(dataset.package, name)))
