"""Where the dataset comes from, in the words the pages show: read from the data package, never typed into a page."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from tracker.dates import describe_dates
from tracker.timeline import month_range

NO_LICENCE = "licence not stated"


def licence_label(package: Mapping[str, Any]) -> str:
    """The dataset's licence as readers write it ("CC BY 4.0"): the SPDX id of the package's first ``licenses`` entry.

    A package that names no licence says so ("licence not stated") rather than borrowing the shipped one's.
    """
    licences = package.get("licenses")
    first = licences[0] if isinstance(licences, list) and licences else None
    name = first.get("name") if isinstance(first, Mapping) else None
    return name.replace("-", " ") if isinstance(name, str) and name.strip() else NO_LICENCE


def software_licence(licence_text: str) -> str:
    """The software's licence in words ("MIT licence"), from the first line of its LICENSE file."""
    first = next((line.strip() for line in licence_text.splitlines() if line.strip()), "")
    return re.sub(r"\s+License$", " licence", first) if first else NO_LICENCE


def shipped_article(sources: pd.DataFrame) -> dict[str, Any]:
    """The article the dataset was made from: the first source (articles saved by readers come after it)."""
    return sources.iloc[0].to_dict()


def dated_span(flows: pd.DataFrame, events: pd.DataFrame) -> str:
    """The months the dated flows and events cover, in words: "August 2023 to November 2024"."""
    months = month_range(flows, events)
    return describe_dates(months[0], months[-1])
