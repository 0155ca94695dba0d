"""Cached reads at the I/O boundary, keyed on paths (strings); nothing else is cached."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from tracker.boundaries import read_country_names
from tracker.dataset import Dataset, SetAside, load_with_saved, read_package
from tracker.evidence import Sentence, split_parts, split_sentences
from tracker.exports import package_zip
from tracker.figures import prepare_map_geometry
from tracker.userdata import clean_scratch


@st.cache_data(show_spinner=False, max_entries=4)
def load_with_saved_cached(data_dir: str, saved_dirs: tuple[str, ...] = ()) -> tuple[Dataset, list[SetAside]]:
    """The shipped package with the saved articles that validate beside it, and those set aside; with the arcs.

    Raises DatasetError (not cached) when the shipped package itself is broken.
    """
    dataset, set_aside = load_with_saved(data_dir, saved_dirs)
    # NOTE: the maps' arcs and claim rows depend on the dataset alone, so they are made here, once, not on
    # every rerun (grouping 10,000 flows into claims takes seconds).
    prepare_map_geometry(dataset)
    return dataset, set_aside


@st.cache_resource(show_spinner=False)
def clean_scratch_once(user_dir: str) -> list[str]:
    """Remove the scratch folders of saves killed midway, once per server process (at start-up)."""
    return clean_scratch(user_dir)


@st.cache_resource(show_spinner=False, max_entries=8)
def sentences_of(text: str) -> list[Sentence]:
    """The sentences of a source text, split once per text and shared (read-only) by every session."""
    return split_sentences(text)


@st.cache_resource(show_spinner=False, max_entries=8)
def parts_of(text: str) -> list[tuple[int, int]]:
    """The parts a long text is drawn in (``split_parts`` of its sentences), cut once per text and shared."""
    return split_parts(sentences_of(text))


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
