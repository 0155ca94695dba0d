"""What the frame hands to the page it runs: the dataset and the reader's filter for this run."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from tracker.dataset import Dataset
from tracker.filters import FlowFilter

_DATASET, _FILTER = "_run_dataset", "_run_filter"


def set_context(dataset: Dataset, flow_filter: FlowFilter) -> None:
    """Called by the frame before it runs the page."""
    st.session_state[_DATASET] = dataset
    st.session_state[_FILTER] = flow_filter


def get_context() -> tuple[Dataset, FlowFilter]:
    """Called by a page: the dataset and the filter the frame prepared for this run."""
    if _DATASET not in st.session_state:
        _run_the_frame_instead()
    return st.session_state[_DATASET], st.session_state[_FILTER]


def _run_the_frame_instead() -> NoReturn:
    """A page is running without the frame: leave Streamlit's legacy ``pages/`` mode and rerun through it.

    NOTE: a server starts in the legacy mode of apps with a ``pages/`` folder and leaves it at the
    first ``st.navigation`` call. If its very first request names a page (a shared link to
    ``/evidence?row=F09``), that page's script is run on its own, without the frame. Clearing the
    flag sends this rerun, and every later one, through dashboard.py, which runs the same page.
    Streamlit (1.67) offers no public way out: the mode is chosen by the folder's existence alone;
    ``client.showSidebarNavigation`` only hides the legacy menu; ``st.navigation``, which leaves the
    mode, belongs in the entry script, which that first run never reaches; and pages given to
    ``st.Page`` as functions would leave the files in ``pages/`` to run alone all the same.
    tests/test_page_context.py fails if Streamlit changes the flag or what it does.
    """
    PagesManager.uses_pages_directory = False
    st.rerun()
