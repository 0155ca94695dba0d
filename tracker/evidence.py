"""Sentences of a source text and the dataset rows each one supports (for the evidence reader)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# NOTE: re-exported: the evidence reader, the extractor and the review page share one splitter.
from tracker.sentences import Sentence, split_sentences


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


def build_highlights(text: str, rows: pd.DataFrame) -> list[Highlight]:
    """Group rows (columns table, row_id, status, quote_start, quote_end) by the sentences they quote.

    Quotes that cover several sentences highlight each of them.
    """
    highlights: list[Highlight] = []
    for sentence in split_sentences(text):
        overlapping = rows[(rows["quote_start"] < sentence.end) & (rows["quote_end"] > sentence.start)]
        if overlapping.empty:
            continue
        found = [(r.table, r.row_id, r.status) for r in overlapping.itertuples(index=False)]
        highlights.append(Highlight(sentence.start, sentence.end, found))
    return highlights


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
