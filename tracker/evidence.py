"""Sentences of a source text and the dataset rows each one supports (for the evidence reader)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import pandas as pd

from tracker.constants import STATUS_LABELS
from tracker.formatting import escape_markdown

# NOTE: re-exported: the evidence reader, the extractor and the review page share one splitter.
from tracker.sentences import Sentence, split_sentences

# Characters of the article drawn in one view of the evidence reader (the story's article has ~6,000).
PART_CHARS = 20_000


def find_sentence(text: str, position: int) -> Sentence | None:
    """Return the sentence that contains a character position, if any."""
    for sentence in split_sentences(text):
        if sentence.start <= position < sentence.end:
            return sentence
    return None


@dataclass
class Highlight:
    """A span of the text and the rows (table, id, status) whose quotes fall in it."""

    start: int
    end: int
    rows: list[tuple[str, str, str]] = field(default_factory=list)


def build_highlights(text: str, rows: pd.DataFrame, sentences: list[Sentence] | None = None) -> list[Highlight]:
    """Group rows (columns table, row_id, status, quote_start, quote_end) by the sentences they quote.

    Quotes that cover several sentences highlight each of them. Each quote finds its first sentence by
    bisection and walks only the sentences it covers, so a page view costs the rows it shows, not the
    length of the text (a saved article may have 250,000 sentences), and never one pandas filter per
    sentence.
    """
    sentences = split_sentences(text) if sentences is None else sentences
    quotes = sorted(zip(rows["quote_start"].astype(int), rows["quote_end"].astype(int), rows["table"],
                        rows["row_id"], rows["status"], strict=True), key=lambda q: q[0])
    by_sentence: dict[int, list[tuple[str, str, str]]] = {}
    for start, end, *row in quotes:
        index = max(bisect.bisect_right(sentences, start, key=_sentence_start) - 1, 0)
        while index < len(sentences) and sentences[index].start < end:
            if sentences[index].end > start:
                by_sentence.setdefault(index, []).append(tuple(row))
            index += 1
    return [Highlight(sentences[i].start, sentences[i].end, by_sentence[i]) for i in sorted(by_sentence)]


def _sentence_start(sentence: Sentence) -> int:
    return sentence.start


def split_parts(sentences: list[Sentence], part_chars: int = PART_CHARS) -> list[tuple[int, int]]:
    """Cut the sentences into parts of about ``part_chars`` characters, as (first, last + 1) indexes.

    A part ends at a paragraph's end once it is long enough, or mid-paragraph at twice the length,
    so what one page view draws is bounded whatever the length of the article.
    """
    parts: list[tuple[int, int]] = []
    first, size = 0, 0
    for index, sentence in enumerate(sentences):
        size += len(sentence.text) + 1
        at_paragraph_end = index + 1 == len(sentences) or sentences[index + 1].paragraph != sentence.paragraph
        if (size >= part_chars and at_paragraph_end) or size >= 2 * part_chars:
            parts.append((first, index + 1))
            first, size = index + 1, 0
    if first < len(sentences):
        parts.append((first, len(sentences)))
    return parts


def part_at(parts: list[tuple[int, int]], sentences: list[Sentence], position: int) -> int:
    """The index of the part holding the character ``position`` (the first part if none does)."""
    for number, (first, last) in enumerate(parts):
        if sentences[first].start <= position < sentences[last - 1].end + 1:
            return number
    return 0


def evidence_rows(flows: pd.DataFrame, events: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Every row that quotes the text, as (table, row_id, status, label, source_id, quote_start, quote_end)."""
    parts = [
        pd.DataFrame({"table": "flow", "row_id": flows["flow_id"], "status": flows["status"],
                      "label": flows["item"], "source_id": flows["source_id"],
                      "quote_start": flows["quote_start"], "quote_end": flows["quote_end"]}),
        pd.DataFrame({"table": "event", "row_id": events["event_id"], "status": events["status"],
                      "label": events["title"], "source_id": events["source_id"],
                      "quote_start": events["quote_start"], "quote_end": events["quote_end"]}),
        pd.DataFrame({"table": "figure", "row_id": figures["figure_id"], "status": figures["status"],
                      "label": figures["measure"], "source_id": figures["source_id"],
                      "quote_start": figures["quote_start"], "quote_end": figures["quote_end"]}),
    ]
    return pd.concat(parts, ignore_index=True)


def shown_figures(figures: pd.DataFrame, flows: pd.DataFrame) -> pd.DataFrame:
    """The figures a view shows: those tied to no flow, and those tied to one of the flows it keeps."""
    return figures[(figures["flow_id"] == "") | figures["flow_id"].isin(flows["flow_id"])]


def find_row(rows: pd.DataFrame, row_id: str) -> dict | None:
    """The evidence row (``evidence_rows``) with this id, or None if no row has it."""
    match = rows[rows["row_id"] == row_id]
    return match.iloc[0].to_dict() if len(match) else None


def rows_of_source(rows: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The evidence rows that quote one source text."""
    return rows[rows["source_id"] == source_id]


def row_choices(rows: pd.DataFrame) -> dict[str, str]:
    """row_id -> label for the reader's choice of a row, after a first, empty choice."""
    return {"": "Choose a flow, event or figure"} | {
        row_id: f"{row_id} · {label}" for row_id, label in zip(rows["row_id"], rows["label"], strict=True)}


def reader_paragraphs(sentences: list[Sentence], highlights: list[Highlight],
                      target_span: tuple[int, int] | None = None) -> list[tuple[str, list[str]]]:
    """The reader's paragraphs as Markdown, each with the notes that name the rows its highlighted sentences support.

    A highlighted sentence is drawn on orange, the one the target span falls in on red; the text is escaped,
    so markup in an article is shown, never run.
    """
    by_start = {h.start: h for h in highlights}
    paragraphs: list[tuple[str, list[str]]] = []
    parts: list[str] = []
    notes: list[str] = []
    for index, sentence in enumerate(sentences):
        highlight = by_start.get(sentence.start)
        escaped = escape_markdown(sentence.text)
        if highlight is None:
            parts.append(escaped)
        else:
            is_target = target_span is not None and target_span[0] < sentence.end and target_span[1] > sentence.start
            parts.append(f":{'red' if is_target else 'orange'}-background[{escaped}]")
            notes.append("↳ " + " · ".join(f"{row_id} ({table}, {STATUS_LABELS[status].lower()})"
                                           for table, row_id, status in highlight.rows))
        if index + 1 == len(sentences) or sentences[index + 1].paragraph != sentence.paragraph:
            paragraphs.append((" ".join(parts), notes))
            parts, notes = [], []
    return paragraphs
