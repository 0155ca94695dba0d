"""The review helps with what the extractor missed: sentences that name two states and got no row."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.test_pages import app_environment, open_page  # noqa: F401  (the fixture runs from the repository)
from tracker.extract import candidate_columns, extract_candidates
from tracker.review import find_unproposed_sentences, row_from_sentence, sentence_span

ARTICLE = ("Russia sent missiles to North Korea. Seoul and Washington discussed the Kursk region on Friday. "
           "The weather was fine.")
MISSED = "Seoul and Washington discussed the Kursk region on Friday."



def test_a_sentence_naming_two_states_without_a_row_is_offered(places: pd.DataFrame) -> None:
    candidates = extract_candidates(ARTICLE, "2024-11-22", places)
    assert list(candidates["quote"]) == ["Russia sent missiles to North Korea."]
    missed = find_unproposed_sentences(ARTICLE, candidates, places)
    assert [(m.text, m.first, m.second) for m in missed] == [(MISSED, "KOR", "USA")]
    assert ARTICLE[missed[0].start:missed[0].end] == MISSED


def test_a_sentence_with_one_state_or_a_row_is_not_offered(places: pd.DataFrame) -> None:
    text = "Russia sent missiles to North Korea. Russia is large. The Kremlin and Moscow agreed."
    candidates = extract_candidates(text, "2024-11-22", places)
    assert find_unproposed_sentences(text, candidates, places) == []
    everything = find_unproposed_sentences(text, candidates.iloc[0:0], places)
    assert [m.text for m in everything] == ["Russia sent missiles to North Korea."]


def test_the_row_goes_from_the_first_state_to_the_second(places: pd.DataFrame) -> None:
    candidates = extract_candidates(ARTICLE, "2024-11-22", places)
    missed = find_unproposed_sentences(ARTICLE, candidates, places)[0]
    row = row_from_sentence(list(candidate_columns()), missed, ARTICLE)
    assert (row["origin_iso3"], row["destination_iso3"]) == ("KOR", "USA")
    assert row["quote"] == MISSED and ARTICLE[row["quote_start"]:row["quote_end"]] == MISSED
    assert row["category"] == "" and "reading order" in row["reason"]


def test_one_click_adds_the_row_on_the_add_page() -> None:
    at = open_page("pages/add.py")
    at.text_area[0].input(ARTICLE)
    next(b for b in at.button if b.label == "Propose rows").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert len(at.session_state["_review"].candidates) == 1
    add = [b for b in at.button if b.label == "Add a row from this sentence"]
    assert len(add) == 1
    add[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    review = at.session_state["_review"]
    assert len(review.candidates) == 2
    added = review.candidates.iloc[-1]
    assert (added["origin_iso3"], added["destination_iso3"], added["quote"]) == ("KOR", "USA", MISSED)
    assert added["decision"] == "pending" and review.position == 1
    assert not [b for b in at.button if b.label == "Add a row from this sentence"], "the sentence has a row now"


def test_sentence_span_is_the_sentence_starting_there_or_an_error() -> None:
    text = "Mr. Putin met the U.S. envoy. Russia sent missiles to North Korea."
    second = text.index("Russia")
    assert sentence_span(text, 0) == (0, second - 1)
    assert sentence_span(text, second) == (second, len(text))
    with pytest.raises(ValueError, match="no sentence at offset 500"):
        sentence_span(text, 500)
