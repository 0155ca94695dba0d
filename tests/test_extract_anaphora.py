"""Pronouns, "the country" and subordinate clauses: a direction is read from a clear subject or not at all."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import candidate_rows as rows
from tracker.extract import build_lexicon, extract_candidates, find_mentions
from tracker.extract.anaphora import pronoun_referent, pronoun_subject, sole_subject

PUBLISHED = "2024-11-22"




@pytest.mark.parametrize(("text", "expected"), [
    # a possessive in an opening adverbial is no subject
    ("Following North Korea's failed launch, Russia declared its support, and it reportedly supplied air defence "
     "missiles to Belarus.", "RUS"),
    # the object of the first clause is no subject
    ("Russia thanked North Korea, and it sent troops to Syria.", "RUS"),
    ("Russia received shells from North Korea, and it sent troops to Syria.", "RUS"),
    # a subordinate clause closed by a comma gives way to the main clause's subject
    ("After North Korea launched a satellite, Russia condemned the sanctions, and it sent oil to Syria.", "RUS"),
    # a passive subject is still the clause's subject
    ("North Korea was praised by Russia, and it sent troops to Syria.", "PRK"),
])
def test_it_is_the_nearest_state_in_subject_position(places: pd.DataFrame, text: str, expected: str) -> None:
    assert {(o, d) for o, d, c in rows(text, places) if d == "SYR" or c == "weapons" and d == "BLR"} == \
        {(expected, "SYR" if "Syria" in text else "BLR")}


@pytest.mark.parametrize("text", [
    "Russia and North Korea signed a treaty, and it sent troops to Syria.",
    "After talks with North Korea, it sent troops to Syria.",
    "Russia thanked North Korea, and they sent troops to Syria.",
])
def test_a_pronoun_with_no_clear_subject_sends_nothing(places: pd.DataFrame, text: str) -> None:
    assert not any(d == "SYR" for _, d, _ in rows(text, places)), "a sender was guessed for an unclear pronoun"


def test_it_in_the_next_sentence_is_the_previous_sole_subject(places: pd.DataFrame) -> None:
    assert ("RUS", "SYR", "troops") in rows("Russia received shells from North Korea. Then it sent troops to Syria.",
                                            places)
    # two states in subject position before: "it" is not decided
    found = rows("Seoul said Russia supplied missiles to North Korea. Then it sent troops to Syria.", places)
    assert not any(d == "SYR" for _, d, _ in found)


def test_its_before_an_item_is_the_subject_not_a_possessive_state(places: pd.DataFrame) -> None:
    text = "After North Korea's test, Russia said its troops had been sent to Syria."
    found = rows(text, places)
    assert ("RUS", "SYR", "troops") in found
    assert ("PRK", "SYR", "troops") not in found


def test_the_country_is_the_subject_not_the_last_state_named(places: pd.DataFrame) -> None:
    found = rows("Russia sent oil to North Korea, and the country also sent troops to Syria.", places)
    assert ("RUS", "SYR", "troops") in found
    assert ("PRK", "SYR", "troops") not in found


def test_the_resolver_on_its_own(places: pd.DataFrame) -> None:
    lexicon = build_lexicon(places)
    text = "Following North Korea's failed launch, Russia declared support, and it supplied missiles."
    mentions = find_mentions(text, lexicon)
    assert pronoun_referent(text, text.index(" it ") + 1, mentions).iso3 == "RUS"  # type: ignore[union-attr]
    text = "Pyongyang and Moscow said their soldiers fought."
    assert pronoun_referent(text, text.index("their"), find_mentions(text, lexicon)) is None
    text = "Russia received shells from North Korea."
    assert sole_subject(text, find_mentions(text, lexicon)).iso3 == "RUS"  # type: ignore[union-attr]
    text = "Seoul said Russia supplied missiles."
    assert sole_subject(text, find_mentions(text, lexicon)) is None


@pytest.mark.parametrize("text", [
    "A South Korean adviser made the remark as North Korea is believed to have sent more than 10,000 troops to "
    "fight alongside Russia.",
    "The South Korean minister spoke while North Korea sent more than 10,000 troops to Russia.",
    "Seoul has expressed concern that North Korea sent more than 10,000 troops to Russia.",
])
def test_the_subject_of_a_subordinate_clause_sends_not_the_speaker(places: pd.DataFrame, text: str) -> None:
    found = rows(text, places)
    assert ("PRK", "RUS", "troops") in found
    assert not any(o == "KOR" for o, _, _ in found), "the speaker became the sender"


def test_pronoun_subject_falls_back_only_when_no_state_precedes(places: pd.DataFrame) -> None:
    import re

    lexicon = build_lexicon(places)
    earlier = find_mentions("Russia sent oil.", lexicon)[0]
    text = "Then it sent troops to Syria."
    pronoun = re.search(r"\bit\b", text)
    assert pronoun is not None
    assert pronoun_subject(text, pronoun, find_mentions(text, lexicon), earlier) == (earlier, "subject(earlier sentence)")
    text = "After talks with North Korea, it sent troops to Syria."
    pronoun = re.search(r"\bit\b", text)
    assert pronoun is not None
    assert pronoun_subject(text, pronoun, find_mentions(text, lexicon), earlier) == (None, "")
    text = "Russia thanked North Korea, and they sent troops."
    pronoun = re.search(r"\bthey\b", text)
    assert pronoun is not None
    assert pronoun_subject(text, pronoun, find_mentions(text, lexicon), earlier) == (None, "")


@pytest.mark.parametrize("third", ["We believe there has also been economic aid.",
                                   "Several million shells have been sent."])
def test_a_sentence_naming_no_state_inherits_only_a_direction_read_from_roles(places: pd.DataFrame,
                                                                               third: str) -> None:
    explicit = "Russia received shells from North Korea. " + third
    assert len(extract_candidates(explicit, PUBLISHED, places)) == 2, "an explicit direction is inherited"
    # the second sentence's sender is a pronoun's referent: the third sentence does not build on it
    text = "Russia received shells from North Korea. Then it sent oil to Belarus. " + third
    found = extract_candidates(text, PUBLISHED, places)
    assert list(found["quote"]).count(third) == 0


@pytest.mark.parametrize("text", ["Ukraine said it had killed North Korean troops in Kursk.",
                                  "Ukrainian forces killed 30 North Korean soldiers in Kursk."])
def test_the_people_a_strike_hits_are_no_attacker(places: pd.DataFrame, text: str) -> None:
    strikes = {(o, d) for o, d, c in rows(text, places) if c == "strike"}
    assert strikes == {("UKR", "RUS")}


def test_it_after_its_own_speaker_is_the_speaker_and_is_remembered(places: pd.DataFrame) -> None:
    text = ("North Korea confirmed on Monday it deployed troops to Russia. "
            "The deployment will include 5,000 construction workers.")
    found = extract_candidates(text, PUBLISHED, places)
    assert list(zip(found["origin_iso3"], found["destination_iso3"], strict=True)) == [("PRK", "RUS")] * 2


@pytest.mark.parametrize("text", [
    "North Korean army units arrived in Russia's Kursk region. They participated in battles against Ukrainian forces.",
    "North Korean units were sent to Russia. The units have participated in battles in Kursk.",
])
def test_troops_named_again_fighting_are_the_previous_troops_flow(places: pd.DataFrame, text: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    second = found[found["quote_start"] > 0]
    assert list(zip(second["origin_iso3"], second["destination_iso3"], second["category"], strict=True)) == \
        [("PRK", "RUS", "troops")]
    assert "inferred" in second.iloc[0]["reason"]


@pytest.mark.parametrize("text", ["Russia sent oil to North Korea. They fought hard.",
                                  "North Korea sent troops to Russia. They fought in Ukraine."])
def test_fighting_after_no_troops_flow_or_in_another_state_is_not_inherited(places: pd.DataFrame, text: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert (found["quote_start"] > 0).sum() == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("Following North Korea's launch, Russia declared support. It has also supplied oil to Belarus.",
     {("RUS", "BLR", "oil")}),
    ("Russia received shells from North Korea. It also sent oil to Belarus.",
     {("PRK", "RUS", "weapons"), ("RUS", "BLR", "oil")}),
    # two states in subject position before, or a sentence between that names none: "It" is not decided
    ("Seoul said Russia supplied missiles to North Korea. It also sent oil to Belarus.", {("RUS", "PRK", "weapons")}),
    ("Russia sent oil to Belarus. The weather was cold. It also sent troops to Syria.", {("RUS", "BLR", "oil")}),
])
def test_it_opening_a_sentence_is_the_previous_sole_subject(places: pd.DataFrame, text: str,
                                                            expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


@pytest.mark.parametrize(("text", "subject"), [
    ("Russia sent fuel to Rajin, North Korea, in March.", "RUS"),
    ("Putin is due to depart North Korea on Wednesday.", "RUS"),
    ("Russia shipped oil from Vostochnyy, Russia to North Korea.", "RUS"),
])
def test_a_state_after_a_town_or_a_departure_is_no_subject(places: pd.DataFrame, text: str, subject: str) -> None:
    found = sole_subject(text, find_mentions(text, build_lexicon(places)))
    assert found is not None and found.iso3 == subject
