"""Sentences of the source text and the rows each one supports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tracker.dataset import Dataset, load_dataset
from tracker.evidence import (
    Sentence,
    build_highlights,
    evidence_rows,
    find_sentence,
    part_at,
    split_parts,
    split_sentences,
)

SOURCE_ID = "russia-north-korea-air-defence"


@pytest.fixture(scope="module")
def dataset(data_dir: Path) -> Dataset:
    return load_dataset(data_dir)


@pytest.fixture(scope="module")
def article(data_dir: Path) -> str:
    return (data_dir / "sources" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sentences(article: str) -> list[Sentence]:
    return split_sentences(article)


@pytest.fixture(scope="module")
def quoted_rows(dataset: Dataset) -> pd.DataFrame:
    """Every row with a quote, in the columns build_highlights reads."""
    parts = []
    for name, id_column in (("flows", "flow_id"), ("events", "event_id"), ("figures", "figure_id"),
                            ("exchanges", "exchange_id")):
        table = dataset.table(name)
        parts.append(pd.DataFrame({"table": name, "row_id": table[id_column], "status": table["status"],
                                   "quote_start": table["quote_start"], "quote_end": table["quote_end"]}))
    return pd.concat(parts, ignore_index=True)


def test_the_article_has_34_sentences(sentences: list[Sentence]) -> None:
    assert len(sentences) == 34


def test_each_sentence_is_its_span_of_the_text(article: str, sentences: list[Sentence]) -> None:
    for sentence in sentences:
        assert sentence.text == article[sentence.start:sentence.end]
        assert sentence.text == sentence.text.strip() and sentence.text


def test_sentences_are_in_order_and_do_not_overlap(sentences: list[Sentence]) -> None:
    assert all(a.end < b.start for a, b in zip(sentences, sentences[1:], strict=False))


def test_sentences_cover_every_word(article: str, sentences: list[Sentence]) -> None:
    covered = "".join(s.text for s in sentences)
    assert covered.replace(" ", "") == article.replace("\n", "").replace(" ", "")


def test_paragraphs_follow_line_breaks(article: str, sentences: list[Sentence]) -> None:
    paragraphs = [line for line in article.split("\n") if line.strip()]
    assert sorted({s.paragraph for s in sentences}) == list(range(len(paragraphs)))
    for sentence in sentences:
        assert sentence.text in article.split("\n")[sentence.paragraph]


def test_a_closing_curly_quote_stays_in_its_sentence(article: str, sentences: list[Sentence]) -> None:
    shaheds = next(s for s in sentences if s.text.startswith("Iranian-made Shaheds"))
    assert shaheds.text.endswith("in Ukraine.”")
    assert not any(s.text.startswith("”") for s in sentences)
    # A quoted clause ending in ,” does not end the sentence.
    world_war = next(s for s in sentences if s.text.startswith("“We can absolutely assume"))
    assert world_war.text.endswith("the Ukrainska Pravda newspaper reported.")


def test_split_sentences_on_a_small_text() -> None:
    text = "He said: “Go home.” Then he left!\nA new paragraph? Yes (really.) Done"
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [
        ("He said: “Go home.”", 0),
        ("Then he left!", 0),
        ("A new paragraph?", 1),
        ("Yes (really.)", 1),
        ("Done", 1),
    ]
    assert split_sentences("") == []


def test_every_quote_is_whole_sentences(article: str, sentences: list[Sentence], quoted_rows: pd.DataFrame) -> None:
    starts = {s.start for s in sentences}
    ends = {s.end for s in sentences}
    not_whole = quoted_rows[~quoted_rows["quote_start"].isin(starts) | ~quoted_rows["quote_end"].isin(ends)]
    assert not_whole.empty, not_whole["row_id"].tolist()


def test_find_sentence(article: str, sentences: list[Sentence]) -> None:
    assert find_sentence(article, 0) == sentences[0]
    assert find_sentence(article, sentences[5].start + 3) == sentences[5]
    assert find_sentence(article, sentences[0].end) is None  # the line break between paragraphs
    assert find_sentence(article, len(article) + 10) is None


def test_build_highlights_groups_rows_by_sentence(
        article: str, sentences: list[Sentence], quoted_rows: pd.DataFrame) -> None:
    highlights = build_highlights(article, quoted_rows)
    spans = {(s.start, s.end) for s in sentences}
    assert all((h.start, h.end) in spans for h in highlights)
    assert len(highlights) == quoted_rows[["quote_start", "quote_end"]].drop_duplicates().shape[0]
    by_start = {h.start: h for h in highlights}
    for row in quoted_rows.itertuples(index=False):
        assert (row.table, row.row_id, row.status) in by_start[row.quote_start].rows
    assert sum(len(h.rows) for h in highlights) == len(quoted_rows)
    first = by_start[0]
    assert {("flows", f, "stated") for f in ("F01", "F02", "F03")} <= set(first.rows)
    assert ("exchanges", "EX01", "stated") in first.rows


def test_a_quote_over_two_sentences_highlights_both() -> None:
    text = "One sentence. Two sentences. Three."
    rows = pd.DataFrame({"table": ["flows", "events"], "row_id": ["F1", "E1"], "status": ["stated", "claimed"],
                         "quote_start": [0, 29], "quote_end": [28, 35]})
    highlights = build_highlights(text, rows)
    assert [(h.start, h.end, h.rows) for h in highlights] == [
        (0, 13, [("flows", "F1", "stated")]),
        (14, 28, [("flows", "F1", "stated")]),
        (29, 35, [("events", "E1", "claimed")]),
    ]


def test_no_rows_no_highlights(article: str, quoted_rows: pd.DataFrame) -> None:
    assert build_highlights(article, quoted_rows.iloc[0:0]) == []


def test_part_at_finds_the_part_of_a_position_and_falls_back_to_the_first() -> None:
    text = "One. Two.\nThree. Four.\nFive."
    sentences = split_sentences(text)
    parts = split_parts(sentences, part_chars=8)
    assert len(parts) > 1
    for number, (first, last) in enumerate(parts):
        assert part_at(parts, sentences, sentences[first].start) == number
        assert part_at(parts, sentences, sentences[last - 1].end - 1) == number
    assert part_at(parts, sentences, len(text) + 100) == 0


def test_evidence_rows_gathers_flows_events_and_figures(dataset: Dataset) -> None:
    rows = evidence_rows(dataset.flows, dataset.events, dataset.figures)
    assert list(rows.columns) == ["table", "row_id", "status", "label", "source_id", "quote_start", "quote_end"]
    assert rows["table"].value_counts().to_dict() == {
        "flow": len(dataset.flows), "event": len(dataset.events), "figure": len(dataset.figures)}
    first = dataset.flows.iloc[0]
    flow = rows[rows["row_id"] == first["flow_id"]].iloc[0]
    assert (flow["label"], flow["quote_start"]) == (first["item"], first["quote_start"])
