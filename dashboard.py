"""The frame: page config, navigation, the shared sidebar of filters and the footer."""

import streamlit as st

from ui.chrome import load_or_explain, render_footer
from ui.context import set_context
from ui.sidebar import render_filters

st.set_page_config(page_title="Who sends what to whom: Russia, North Korea, Ukraine", page_icon="assets/favicon.png",
                   layout="wide")

navigation = st.navigation([
    st.Page("pages/overview.py", title="Map and overview", icon=":material/map:", default=True),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/evidence.py", title="Evidence reader", icon=":material/format_quote:", url_path="evidence"),
    st.Page("pages/data.py", title="Data and downloads", icon=":material/download:"),
    st.Page("pages/add.py", title="Add an article", icon=":material/note_add:"),
    st.Page("pages/about.py", title="About the data", icon=":material/info:", url_path="about"),
])
dataset = load_or_explain()
set_context(dataset, render_filters(dataset))
navigation.run()
render_footer(dataset)
