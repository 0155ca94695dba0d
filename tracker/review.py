"""What the review of an article needs besides the proposed rows: the sentences to pick from, and the
sentences that name two states but got no proposed row, each ready to become a row in one click."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from tracker.evidence import find_sentence, split_parts
from tracker.extract import MAX_SENTENCE_CHARS, build_lexicon, find_mentions
from tracker.sentences import split_sentences
from tracker.userdata import blank_candidate


@dataclass(frozen=True)
class UnproposedSentence:
    """A sentence naming at least two states that no proposed row quotes, with its first two states in reading order."""

    start: int
    end: int
    text: str
    first: str  # ISO3 of the first state named
    second: str  # ISO3 of the next, different state named
    first_place: str
    second_place: str


def sentence_choices(text: str, part: int | None = None) -> dict[int, str]:
    """Sentence start offset -> a short label, for adding a row by picking a sentence (of one part of a long text)."""
    sentences = split_sentences(text)
    if part is not None:
        first, last = split_parts(sentences)[part]
        sentences = sentences[first:last]
    return {s.start: (s.text[:90] + ("…" if len(s.text) > 90 else "")) for s in sentences}


def sentence_span(text: str, start: int) -> tuple[int, int]:
    """The span of the sentence that starts at ``start``."""
    sentence = find_sentence(text, start)
    if sentence is None:
        raise ValueError(f"no sentence at offset {start}")
    return sentence.start, sentence.end


def find_unproposed_sentences(text: str, candidates: pd.DataFrame, places: pd.DataFrame) -> list[UnproposedSentence]:
    """Sentences that name two different states and that no row (proposed or added) quotes yet, in text order."""
    lexicon = build_lexicon(places)
    korea = "Korea" in text
    quoted = [(int(s), int(e)) for s, e in zip(candidates.get("quote_start", []), candidates.get("quote_end", []),
                                               strict=True)]
    found = []
    for sentence in split_sentences(text):
        if len(sentence.text) > MAX_SENTENCE_CHARS or any(s < sentence.end and sentence.start < e for s, e in quoted):
            continue
        states: list[tuple[str, str]] = []
        for mention in find_mentions(sentence.text, lexicon, korea):
            if mention.iso3 not in (iso3 for iso3, _ in states):
                place = mention.place_id if mention.kind in ("city", "region") else lexicon.country_place(mention.iso3)
                states.append((mention.iso3, place))
        if len(states) >= 2:
            (first, first_place), (second, second_place) = states[:2]
            found.append(UnproposedSentence(sentence.start, sentence.end, sentence.text, first, second, first_place,
                                            second_place))
    return found


def row_from_sentence(columns: list[str], sentence: UnproposedSentence, text: str) -> dict[str, Any]:
    """A new candidate row for an unproposed sentence, from its first state to its second, for the reader to edit."""
    row = blank_candidate(columns, sentence.start, sentence.end, text)
    row.update(origin_iso3=sentence.first, destination_iso3=sentence.second, origin_place_id=sentence.first_place,
               destination_place_id=sentence.second_place,
               reason=f"added by the reviewer from a sentence with no proposed row; states in reading order: "
                      f"{sentence.first} then {sentence.second}; check the direction and the category")
    return row
