"""Words for quantities and bounds, and escaping for Plotly labels and Streamlit Markdown."""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tracker.dataset import Dataset, load_dataset
from tracker.formatting import (
    article_dates,
    describe_bound,
    describe_flow,
    describe_quantity,
    escape_markdown,
    escape_plotly,
    flow_handle_text,
    flow_hover_text,
    format_number,
    wrap,
)

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dataset(data_dir: Path) -> Dataset:
    return load_dataset(data_dir)


@pytest.fixture(scope="module")
def place_names(dataset: Dataset) -> dict[str, str]:
    return dict(zip(dataset.places["place_id"], dataset.places["name"], strict=True))


def flow(dataset: Dataset, flow_id: str) -> dict:
    return dataset.flows.loc[dataset.flows["flow_id"] == flow_id].iloc[0].to_dict()


def hover_as_text(hover: str) -> str:
    """What a reader sees: the lines of a Plotly label joined by spaces, tags removed, entities decoded."""
    lines = [re.sub(r"</?(?:b|i|span)(?:\s[^>]*)?>", "", line) for line in hover.split("<br>")]
    return html.unescape(" ".join(lines))


# --- describe_quantity ------------------------------------------------------------------


@pytest.mark.parametrize(("low", "high", "unit", "expected"), [
    (10000, None, "troops", "more than 10,000 troops"),  # F09: "more than 10,000 men"
    (None, 100000, "troops", "up to 100,000 troops"),  # F10: "up to 100,000 North Korean troops"
    (13000.0, pd.NA, "containers", "more than 13,000 containers"),  # F34
    (1, 1, "general", "1 general"),  # F08: one of the top generals
    (2000, 3000, "troops", "2,000 to 3,000 troops"),
    (1234567, 1234567, "", "1,234,567"),
    (2.5, None, "tonnes", "more than 2.5 tonnes"),
    (None, None, "troops", "quantity not stated"),
    (pd.NA, pd.NA, "troops", "quantity not stated"),
    (np.nan, math.nan, "", "quantity not stated"),
    ("", "", "troops", "quantity not stated"),
    (pd.NA, 500.0, "drones", "up to 500 drones"),
    (np.float64(10000.0), np.nan, "troops", "more than 10,000 troops"),
])
def test_describe_quantity(low: object, high: object, unit: str, expected: str) -> None:
    assert describe_quantity(low, high, unit) == expected


def test_describe_quantity_reads_typed_dataset_cells(dataset: Dataset) -> None:
    """The loaded table's Float64 cells (pd.NA where empty) give the article's words."""
    f09, f10, f01 = flow(dataset, "F09"), flow(dataset, "F10"), flow(dataset, "F01")
    assert describe_quantity(f09["quantity_low"], f09["quantity_high"], f09["unit"]) == "more than 10,000 troops"
    assert describe_quantity(f10["quantity_low"], f10["quantity_high"], f10["unit"]) == "up to 100,000 troops"
    assert describe_quantity(f01["quantity_low"], f01["quantity_high"], f01["unit"]) == "quantity not stated"


# --- describe_bound ----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "bound", "unit", "expected"), [
    (10000, "more_than", "troops", ("10,000+", "more than 10,000 troops")),
    (100000, "up_to", "troops", ("≤100,000", "up to 100,000 troops")),
    (13000, "more_than", "containers", ("13,000+", "more than 13,000 containers")),
    (2, "exactly", "launch attempts", ("2", "2 launch attempts")),
    (500, "about", "drones", ("~500", "about 500 drones")),
])
def test_describe_bound(value: float, bound: str, unit: str, expected: tuple[str, str]) -> None:
    assert describe_bound(value, bound, unit) == expected


def test_describe_bound_rejects_an_unknown_bound() -> None:
    with pytest.raises(KeyError):
        describe_bound(1, "roughly", "troops")


# --- escape_plotly -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("a < b > c & d", "a &lt; b &gt; c &amp; d"),
    ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
    (HOSTILE, "&lt;img src=x onerror=alert(1)&gt;"),
    ("&lt;", "&amp;lt;"),  # an entity in the data shows as typed, not decoded
    ("North Korea’s “payment” 'x' \"y\" 10,000+ ≤100,000 $5 [a](b) *c*", None),
    ("", ""),
])
def test_escape_plotly(text: str, expected: str | None) -> None:
    assert escape_plotly(text) == (text if expected is None else expected)


def test_escape_plotly_leaves_no_raw_angle_bracket_and_round_trips() -> None:
    text = "<br><a href='javascript:x'>&amp;</a> plain"
    escaped = escape_plotly(text)
    assert "<" not in escaped and ">" not in escaped
    assert html.unescape(escaped) == text


# --- escape_markdown ---------------------------------------------------------------------

# Characters that Streamlit Markdown (CommonMark, GitHub extensions, KaTeX, directives) can act on.
MARKDOWN_ACTIVE = set("\\`*_{}[]()#+-.!|<>~$:")


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def unescaped_active_characters(text: str) -> list[str]:
    """Active characters not preceded by an escaping backslash."""
    found, escaped = [], False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in MARKDOWN_ACTIVE:
            found.append(char)
    return found


@pytest.mark.parametrize(("text", "expected"), [
    ("$x$", r"\$x\$"),
    ("[a](javascript:x)", r"\[a\]\(javascript\:x\)"),
    ("**b**", r"\*\*b\*\*"),
    ("<b>", r"\<b\>"),
    ("_i_ `code` # h ~s~ |t| 1. +2 -3 !4 {5}", r"\_i\_ \`code\` \# h \~s\~ \|t\| 1\. \+2 \-3 \!4 \{5\}"),
    ("back\\slash", r"back\\slash"),
    ("plain words, 10,000 troops", "plain words, 10,000 troops"),
])
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


@pytest.mark.parametrize("text", ["$x$", "[a](javascript:x)", "**b**", "<b>", HOSTILE, r"\$ already \\ escaped",
                                  ":red-background[x]", "$$\\frac{1}{2}$$ `rm -rf` ~~gone~~"])
def test_escape_markdown_escapes_every_active_character(text: str) -> None:
    escaped = escape_markdown(text)
    assert unescaped_active_characters(escaped) == []
    assert unescape_markdown(escaped) == text
    # one backslash added per active character, nothing else changed
    assert len(escaped) == len(text) + sum(text.count(c) for c in MARKDOWN_ACTIVE)


# --- flow_hover_text -----------------------------------------------------------------------


def test_hover_of_the_kursk_troops_flow(dataset: Dataset, place_names: dict[str, str]) -> None:
    f09 = flow(dataset, "F09")
    hover = flow_hover_text(f09, place_names)
    assert "more than 10,000 troops" in hover
    assert "The Wall Street Journal" in hover
    assert f09["attributed_to"] == "The Wall Street Journal"
    shown = hover_as_text(hover)
    assert f09["quote"] in shown
    assert "the Wall Street Journal reported" in shown  # the article's own words
    assert "Kursk region" in shown and "North Korea" in shown


def test_hover_lines_are_wrapped(dataset: Dataset, place_names: dict[str, str]) -> None:
    hover = flow_hover_text(flow(dataset, "F09"), place_names)
    quote_lines = [line for line in hover.split("<br>") if line.startswith("<i>")]
    assert len(quote_lines) >= 2
    assert all(len(re.sub(r"</?i>", "", line)) <= 80 for line in quote_lines)


@pytest.mark.parametrize("column", ["item", "attributed_to", "quote", "hedge", "unit"])
def test_hostile_text_appears_only_escaped(dataset: Dataset, place_names: dict[str, str], column: str) -> None:
    row = flow(dataset, "F09") | {column: HOSTILE}
    hover = flow_hover_text(row, place_names)
    assert "<img" not in hover
    assert "&lt;img src=x onerror=alert(1)&gt;" in hover
    assert HOSTILE in hover_as_text(hover)


def test_hostile_place_name_appears_only_escaped(dataset: Dataset, place_names: dict[str, str]) -> None:
    names = place_names | {"kursk-region": "<script>alert(1)</script>"}
    hover = flow_hover_text(flow(dataset, "F09"), names)
    assert "<script>" not in hover
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hover


def test_format_number_drops_needless_decimals_only() -> None:
    assert format_number(10000) == "10,000"
    assert format_number(13000.0) == "13,000"
    assert format_number(1.5) == "1.5"


def test_wrap_breaks_long_words_and_never_returns_nothing() -> None:
    assert wrap("one two three", width=7) == ["one two", "three"]
    assert wrap("x" * 10, width=4) == ["xxxx", "xxxx", "xx"]
    assert wrap("", width=4) == [""]


FLOW = {"flow_id": "F01", "origin_iso3": "PRK", "destination_iso3": "RUS", "origin_place_id": "PRK",
        "destination_place_id": "RUS_KURSK", "category": "troops", "item": "Soldiers", "quantity_low": 10000.0,
        "quantity_high": None, "unit": "troops", "date_start": "2024-10", "date_end": "2024-11",
        "date_start_inferred": False, "date_end_inferred": False, "status": "assessed", "hedge": "experts believe",
        "attributed_to": "Seoul", "quote": "Troops went.", "exchange_id": "EX1"}
NAMES = {"PRK": "North Korea", "RUS": "Russia", "RUS_KURSK": "Kursk region"}


def test_describe_flow_names_the_place_the_bound_and_the_hedge() -> None:
    parts = describe_flow(FLOW, NAMES)
    assert parts["route"] == "North Korea → Russia (Kursk region)"
    assert parts["amount"] == "more than 10,000 troops"
    assert parts["status"].endswith("(“experts believe”)")
    assert parts["id"] == "F01 · exchange EX1"
    assert (parts["who"], parts["quote"]) == ("Seoul", "Troops went.")


def test_flow_handle_text_is_short_and_escaped() -> None:
    text = flow_handle_text({**FLOW, "item": "<script>x</script>"}, NAMES)
    assert text.count("<br>") == 3
    assert "<script>" not in text and "click for the sentence" in text


def test_article_dates_say_how_many_articles_and_when() -> None:
    one = pd.DataFrame({"published": ["2024-11-22"], "published_basis": ["inferred"]})
    assert article_dates(one) == "one article of 22 November 2024 (date inferred)"
    two = pd.DataFrame({"published": ["2024-11-25", "2024-11-22"], "published_basis": ["stated", "stated"]})
    assert article_dates(two) == "2 articles of 22–25 November 2024"
    assert article_dates(one.iloc[0:0]) == "no article"
