"""Data and downloads: the tables as they are, and CSVs of exactly what the filters show."""

import streamlit as st

from tracker.dataset import resource_fields
from tracker.exports import filtered_file_name, to_csv_bytes
from tracker.filters import filter_rows
from ui.chrome import data_dir, user_dirs
from ui.context import get_context
from ui.loaders import load_package_zip
from ui.panels import column_config

# 0/ inputs
dataset, flow_filter = get_context()
published = dataset.sources["published"].iloc[0]

# 1/ data
flows = filter_rows(dataset.flows, flow_filter)
events = filter_rows(dataset.events, flow_filter)
fields = resource_fields(dataset.package, "flows")

# 2/ render
st.title("Data and downloads")
st.caption("Every table of the data package. The flows and events follow the filters in the sidebar; "
           "the CSV holds exactly the flows shown here.")
left, right = st.columns(2)
left.download_button(
    f"Download these {len(flows)} flows (CSV)", to_csv_bytes(flows, fields),
    file_name=filtered_file_name("flows", published, not flow_filter.is_default()), mime="text/csv",
    on_click="ignore", icon=":material/download:", help="UTF-8, header row, the schema's column order; cells a spreadsheet "
    "would run as a formula start with an apostrophe.",
)
right.download_button(
    "Download the whole data package (zip)", load_package_zip(data_dir(), user_dirs()),
    file_name=f"{dataset.package['name']}_{published}.zip", mime="application/zip", on_click="ignore",
    icon=":material/folder_zip:", help="All CSVs, datapackage.json, the README with how to cite, and the article's text.",
)
shown = {"flows": flows, "events": events}
order = ["flows", "events", "figures", "exchanges", "places", "sources"]
for tab, name in zip(st.tabs([t.capitalize() for t in order]), order, strict=True):
    with tab:
        table = shown.get(name, dataset.table(name))
        st.caption(next(r["description"] for r in dataset.package["resources"] if r["name"] == name))
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config=column_config(resource_fields(dataset.package, name)))
