"""The evidence reader's parts without Streamlit: which rows a view shows, the row chosen, and its paragraphs."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker.constants import STATUS_LABELS
from tracker.dataset import Dataset
from tracker.evidence import (
    Highlight,
    build_highlights,
    evidence_rows,
    find_row,
    reader_paragraphs,
    row_choices,
    rows_of_source,
    shown_figures,
)
from tracker.formatting import escape_markdown
from tracker.sentences import split_sentences


def test_a_view_shows_the_figures_of_its_flows_and_those_of_none(dataset: Dataset) -> None:
    kept = dataset.flows[dataset.flows["flow_id"] == "F09"]
    figures = shown_figures(dataset.figures, kept)
    tied = dict(zip(dataset.figures["figure_id"], dataset.figures["flow_id"], strict=True))
    assert set(figures["figure_id"]) == {f for f, flow in tied.items() if flow in ("", "F09")}
    assert "G01" in set(figures["figure_id"]) and "G02" not in set(figures["figure_id"])
    assert set(shown_figures(dataset.figures, dataset.flows)["figure_id"]) == set(tied)


def test_a_row_is_found_by_its_id_or_not_at_all(dataset: Dataset) -> None:
    rows = evidence_rows(dataset.flows, dataset.events, dataset.figures)
    f09 = find_row(rows, "F09")
    flow = dataset.flows.set_index("flow_id").loc["F09"]
    assert f09 is not None and f09["table"] == "flow" and f09["quote_start"] == flow["quote_start"]
    assert find_row(rows, "no-such-row") is None and find_row(rows, "") is None


def test_the_rows_of_a_source_are_those_that_quote_it(dataset: Dataset) -> None:
    rows = evidence_rows(dataset.flows, dataset.events, dataset.figures)
    source_id = dataset.sources["source_id"].iloc[0]
    assert len(rows_of_source(rows, source_id)) == len(rows)
    assert rows_of_source(rows, "another-article").empty


def test_the_row_choices_start_empty_and_name_each_row() -> None:
    rows = pd.DataFrame({"row_id": ["F01", "E02"], "label": ["troops", "a meeting"]})
    assert row_choices(rows) == {"": "Choose a flow, event or figure", "F01": "F01 · troops", "E02": "E02 · a meeting"}
    assert list(row_choices(rows.iloc[:0])) == [""]


TEXT = "Russia sent oil. Nobody said more.\nNorth Korea sent *shells*. Then it rained."


@pytest.fixture
def paragraphs() -> list[tuple[str, list[str]]]:
    sentences = split_sentences(TEXT)
    oil, shells = TEXT.index("Russia sent oil."), TEXT.index("North Korea sent")
    highlights = [Highlight(oil, oil + 16, [("flow", "F01", "stated")]),
                  Highlight(shells, shells + 26, [("flow", "F02", "assessed"), ("figure", "G01", "stated")])]
    return reader_paragraphs(sentences, highlights, target_span=(shells + 5, shells + 10))


def test_the_reader_draws_one_block_per_paragraph(paragraphs: list[tuple[str, list[str]]]) -> None:
    assert len(paragraphs) == 2
    assert paragraphs[0][0] == (f":orange-background[{escape_markdown('Russia sent oil.')}] "
                                f"{escape_markdown('Nobody said more.')}")
    assert paragraphs[1][0] == (f":red-background[{escape_markdown('North Korea sent *shells*.')}] "
                                f"{escape_markdown('Then it rained.')}")
    assert "\\*shells\\*" in paragraphs[1][0]  # the article's markup is shown, not run


def test_each_paragraph_names_the_rows_its_sentences_support(paragraphs: list[tuple[str, list[str]]]) -> None:
    stated, assessed = STATUS_LABELS["stated"].lower(), STATUS_LABELS["assessed"].lower()
    assert paragraphs[0][1] == [f"↳ F01 (flow, {stated})"]
    assert paragraphs[1][1] == [f"↳ F02 (flow, {assessed}) · G01 (figure, {stated})"]


def test_the_real_article_reads_in_full(dataset: Dataset) -> None:
    source_id = dataset.sources["source_id"].iloc[0]
    text = dataset.texts[source_id]
    sentences = split_sentences(text)
    rows = rows_of_source(evidence_rows(dataset.flows, dataset.events, dataset.figures), source_id)
    paragraphs = reader_paragraphs(sentences, build_highlights(text, rows, sentences))
    assert len(paragraphs) == len({s.paragraph for s in sentences})
    assert sum(len(notes) for _, notes in paragraphs) == len(build_highlights(text, rows, sentences))
    assert ":red-background[" not in "".join(p for p, _ in paragraphs)
    assert reader_paragraphs([], []) == []
