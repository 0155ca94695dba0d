"""One sentence splitter: the extractor, the evidence reader and the review page's sentence picker agree."""

from __future__ import annotations

import pytest

from tracker import claims, evidence, sentences
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


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("One. Two three.\nFour five. Six.\nSeven.", 21, 31, ("Four ", "five. Six.", "")),
    ("One. Two three.\nFour five. Six.\nSeven.", 16, 21, ("", "Four ", "five. Six.")),
    ("Only one paragraph, no line break.", 5, 8, ("Only ", "one", " paragraph, no line break.")),
    ("First line.\nSecond line.", 6, 18, ("First ", "line.\nSecond", " line.")),
    ("Ends here.\n", 0, 4, ("", "Ends", " here.")),
])
def test_the_paragraph_around_a_span_is_its_line_cut_around_it(text: str, start: int, end: int,
                                                               expected: tuple[str, str, str]) -> None:
    assert sentences.paragraph_around(text, start, end) == expected


def test_the_paragraph_of_a_position_is_the_paragraph_around_it() -> None:
    text = "SEOUL (Reuters) - North Korea sent shells.\nRussia sent oil."
    assert claims.paragraph_at(text, text.index("oil")) == "Russia sent oil."
    assert claims.paragraph_at(text, 3) == "SEOUL (Reuters) - North Korea sent shells."
    assert claims.paragraph_at(text, "") == "" and claims.paragraph_at(text, len(text)) == ""
