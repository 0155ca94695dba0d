"""Cached reads at the I/O boundary, keyed on paths (strings); nothing else is cached."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from tracker.boundaries import read_country_names
from tracker.dataset import Dataset, load_dataset, read_package
from tracker.exports import package_zip
from tracker.figures import prepare_arcs


@st.cache_data(show_spinner=False, max_entries=4)
def load_dataset_cached(data_dir: str, extra_dirs: tuple[str, ...] = ()) -> Dataset:
    """Load and validate the data package (and saved articles) once per set of folders, with the flows' arcs.

    Raises DatasetError, which is not cached, so a fixed file is picked up on the next run.
    """
    dataset = load_dataset(data_dir, extra_dirs)
    # NOTE: the arcs depend on the dataset alone, so they are made here, once, not on every rerun.
    dataset.arcs = prepare_arcs(dataset.flows, dataset.places)
    return dataset


@st.cache_data(show_spinner=False, max_entries=4)
def load_country_names(path: str) -> dict[str, str]:
    """ISO3 code -> name of every country in the boundary file (raises BoundariesError)."""
    return read_country_names(path)


@st.cache_data(show_spinner=False, max_entries=4)
def load_package_zip(data_dir: str, extra_dirs: tuple[str, ...] = ()) -> bytes:
    """The whole data package (and the saved articles) as zip bytes, built once per set of folders."""
    return package_zip(data_dir, read_package(Path(data_dir)), extra_dirs)


@st.cache_data(show_spinner=False, max_entries=4)
def load_text(path: str) -> str:
    """A project text file (README), read once."""
    return Path(path).read_text(encoding="utf-8")
