"""What the review of an article needs besides the proposed rows: the sentences to pick from, and the
sentences that name two states but got no proposed row, each ready to become a row in one click."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from tracker.claims import NEW_CLAIM, compatible_claims, propose_claim
from tracker.evidence import find_sentence, split_parts
from tracker.extract import MAX_SENTENCE_CHARS, build_lexicon, find_mentions
from tracker.sentences import split_sentences
from tracker.userdata import ArticleMeta, blank_candidate

DECISIONS = ("pending", "accepted", "rejected")
# The columns a reviewer edits in the candidate's form.
EDITABLE = ("origin_iso3", "destination_iso3", "category", "item", "quantity_low", "quantity_high", "quantity_text",
            "unit", "date_start", "date_end", "status", "hedge", "attributed_to", "primary_source", "claim_id",
            "exchange_id", "notes")


@dataclass
class Review:
    """An article under review: its text, what the reader said of it, and the candidates with decisions."""

    text: str
    meta: ArticleMeta
    candidates: pd.DataFrame
    position: int = 0
    messages: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, meta: ArticleMeta, candidates: pd.DataFrame) -> Review:
        """A review of freshly proposed candidates, all pending, at the first."""
        return cls(text, meta, candidates.assign(decision="pending").reset_index(drop=True))

    def add_row(self, row: Mapping[str, Any]) -> None:
        """Add a row the reader made (pending) and move to it."""
        self.candidates = pd.concat([self.candidates, pd.DataFrame([{**row, "decision": "pending"}])],
                                    ignore_index=True)
        self.position = len(self.candidates) - 1

    def decide(self, values: Mapping[str, Any], decision: str, flows: pd.DataFrame, claims: pd.DataFrame) -> None:
        """Record the reader's edits and decision on the current candidate, and move to the next.

        ``flows`` and ``claims`` are the dataset the article joins: a claim that no longer fits the edited
        direction or category is replaced by the one proposed for the edited row.
        """
        if decision not in DECISIONS:
            raise ValueError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
        frame, at = self.candidates, self.position
        row = frame.iloc[at].to_dict()
        for column in EDITABLE:
            if column in values:
                frame.at[at, column] = values[column].strip() if isinstance(values[column], str) else values[column]
        edited = {**row, **values}
        claim = values.get("claim_id", NEW_CLAIM)
        if claim != NEW_CLAIM and claim not in set(compatible_claims(edited, claims)["claim_id"]):
            # NOTE: the direction or category was edited in the same form; the old claim no longer fits.
            frame.at[at, "claim_id"] = propose_claim(edited, flows, claims)
        frame.at[at, "decision"] = decision
        for end in ("origin", "destination"):
            frame.at[at, f"{end}_place_id"] = place_for(row, end, values.get(f"{end}_iso3", row[f"{end}_iso3"]))
        self.position = min(at + 1, len(frame) - 1)

    def decision_counts(self) -> str:
        """How many candidates stand at each decision, in words: "pending: 3 · accepted: 1 · rejected: 0"."""
        counts = self.candidates["decision"].value_counts()
        return " · ".join(f"{d}: {int(counts.get(d, 0))}" for d in DECISIONS)

    def accepted_rows(self) -> pd.DataFrame:
        """The accepted candidates, without the review's own columns (decision, reason)."""
        accepted = self.candidates[self.candidates["decision"] == "accepted"]
        return accepted.drop(columns=["decision", "reason"], errors="ignore")


def describe_joining(tables: Mapping[str, pd.DataFrame], claims: pd.DataFrame) -> str:
    """How an article's tables join the dataset's ``claims``: its flows that corroborate one, and its new claims."""
    added = int(tables["flows"]["claim_id"].isin(claims["claim_id"]).sum())
    return f"{added} corroborate existing claims; {len(tables['claims'])} new claims."


def place_for(row: Mapping[str, Any], end: str, iso3: str) -> str:
    """The place of a row's ``end`` (origin or destination) once its country is ``iso3``.

    The extractor's named place is kept if the country did not change; otherwise the country's own point.
    """
    return row[f"{end}_place_id"] if row[f"{end}_iso3"] == iso3 and row[f"{end}_place_id"] else iso3


def option_index(options: Sequence[Any], value: Any) -> int:
    """The position of ``value`` among a choice's options, or 0 (the first) where it is not one of them."""
    options = list(options)
    return options.index(value) if value in options else 0


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
