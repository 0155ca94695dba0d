"""Accusations: the accused sends; the accuser is a target only of an intrusion."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import candidate_rows as rows
from tracker.extract import build_lexicon, find_items, find_mentions
from tracker.extract.accusation import accused_and_accuser, intruded_accuser

PUBLISHED = "2024-11-22"




@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul accused Pyongyang of dropping leaflets.", {("PRK", "KOR", "drones")}),
    ("North Korea accused South Korea of flying drones over Pyongyang.", {("KOR", "PRK", "drones")}),
    ("South Korea accused North Korea of sending troops to Russia.", {("PRK", "RUS", "troops")}),
    ("North Korea has been accused by the US of supplying Russia with shells.", {("PRK", "RUS", "weapons")}),
    ("The US accused Russia of supplying North Korea with oil.", {("RUS", "PRK", "oil")}),
])
def test_the_accused_sends_and_the_accuser_is_only_intruded_on(places: pd.DataFrame, text: str,
                                                               expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


@pytest.mark.parametrize("text", [
    "Ukraine accused Russia of using North Korean missiles.",
    "Kyiv accused Moscow of firing North Korean missiles.",
])
def test_what_the_accused_gave_or_used_is_no_flow_to_the_accuser(places: pd.DataFrame, text: str) -> None:
    found = rows(text, places)
    assert not any(d == "UKR" and c != "strike" for _, d, c in found), "the accuser became a receiver"
    assert not any(o == "UKR" for o, _, _ in found)


def test_the_accused_and_the_accuser_on_their_own(places: pd.DataFrame) -> None:
    lexicon = build_lexicon(places)
    text = "North Korea has been accused by the US of supplying Russia with shells."
    before = text[:text.index("supplying")]
    accused, accuser = accused_and_accuser(before, find_mentions(before, lexicon))  # type: ignore[misc]
    assert (accused.iso3, accuser.iso3) == ("PRK", "USA")  # type: ignore[union-attr]
    text = "Seoul accused Pyongyang of dropping leaflets."
    before = text[:text.index("dropping")]
    mentions = find_mentions(before, lexicon)
    assert intruded_accuser(before, mentions, "give", find_items(text)).iso3 == "KOR"  # type: ignore[union-attr]
    assert intruded_accuser(before, mentions, "give", find_items("shells")) is None
    assert accused_and_accuser("Russia sent ", find_mentions("Russia sent ", lexicon)) is None
