"""Reduced relatives and passive subjects, on the vocabulary step alone: who a giving participle belongs to."""

from __future__ import annotations

import pytest

from tracker.extract.vocabulary import find_items, find_triggers, mark_reduced_relatives


def _giving(sentence: str) -> tuple[bool, str]:
    """The first giving word after marking: whether it reads as passive, and the words it takes as its own."""
    marked = mark_reduced_relatives(sentence, find_triggers(sentence), find_items(sentence))
    trigger = next(t for t in marked if t.kind == "give")
    return trigger.passive, sentence[trigger.head:trigger.start].strip() if trigger.head >= 0 else ""


@pytest.mark.parametrize(("sentence", "taken"), [
    ("Russia used missiles supplied by North Korea.", "missiles"),
    ("Russia is using missiles supplied by North Korea.", "missiles"),
    ("Russia received weapons and troops from North Korea sent to assist Russia.",
     "weapons and troops from North Korea"),
    ("10,000 North Korean troops have been sent to Kursk.", "troops have been"),
])
def test_a_participle_after_what_it_moves_is_passive_and_takes_it(sentence: str, taken: str) -> None:
    assert _giving(sentence) == (True, taken)


@pytest.mark.parametrize("sentence", [
    "North Korea sent missiles to Russia.",
    "North Korea supplied missiles to Russia.",
    "North Korea has supplied Russia with shells.",
])
def test_an_active_verb_before_what_it_moves_is_left_active(sentence: str) -> None:
    assert _giving(sentence) == (False, "")
