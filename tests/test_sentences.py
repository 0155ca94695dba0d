"""One sentence splitter: the extractor, the evidence reader and the review page's sentence picker agree."""

from __future__ import annotations

import pytest

from tracker import evidence, sentences
from tracker.extract import candidates as extractor
from tracker.extract import split_into_sentences
from tracker.review import sentence_choices

TRICKY = [
    "Mr. Putin met the U.S. envoy. Then Russia sent fuel to Belarus.",
    "Gen. Kim said “the troops left.” The U.S. Army agreed. Dr. Lee disagreed!",
    "Troops arrived in the U.S. The army said so.\nA new paragraph. Does it split?",
]


@pytest.mark.parametrize("text", TRICKY)
def test_every_reader_splits_alike(text: str) -> None:
    spans = [(s.start, s.end) for s in sentences.split_sentences(text)]
    assert [(s.start, s.end) for s in evidence.split_sentences(text)] == spans
    assert [(s.start, s.end) for s in split_into_sentences(text)] == spans
    assert list(sentence_choices(text)) == [start for start, _ in spans]


def test_mr_and_us_do_not_end_a_sentence() -> None:
    text = "Mr. Putin met the U.S. envoy. Then Russia sent fuel to Belarus."
    assert [s.text for s in sentences.split_sentences(text)] == [
        "Mr. Putin met the U.S. envoy.", "Then Russia sent fuel to Belarus."]


def test_there_is_one_splitter() -> None:
    assert evidence.split_sentences is sentences.split_sentences
    assert split_into_sentences is sentences.split_sentences
    assert extractor.split_sentences is sentences.split_sentences
