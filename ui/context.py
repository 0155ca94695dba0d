"""What the frame hands to the page it runs: the dataset and the reader's filter for this run."""

from __future__ import annotations

import streamlit as st

from tracker.dataset import Dataset
from tracker.filters import FlowFilter

_DATASET, _FILTER = "_run_dataset", "_run_filter"


def set_context(dataset: Dataset, flow_filter: FlowFilter) -> None:
    """Called by the frame before it runs the page."""
    st.session_state[_DATASET] = dataset
    st.session_state[_FILTER] = flow_filter


def get_context() -> tuple[Dataset, FlowFilter]:
    """Called by a page: the dataset and the filter the frame prepared for this run."""
    return st.session_state[_DATASET], st.session_state[_FILTER]
