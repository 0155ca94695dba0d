"""Each section of tracker/extract/ on its own: the lexicon, the flow vocabulary, quantities, relative dates,
attributions and the frames of an exchange."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tracker.extract.attribution import DATELINE, find_attributions
from tracker.extract.inputs import ExtractionError, parse_published
from tracker.extract.lexicon import build_lexicon, find_mentions
from tracker.extract.quantities import find_quantities
from tracker.extract.relative_dates import find_dates
from tracker.extract.roles import _build_frames
from tracker.extract.vocabulary import find_items, find_triggers

AUGUST_28 = date(2024, 8, 28)



# --- lexicon -------------------------------------------------------------------------------------

def test_the_lexicon_names_states_by_demonym_possessive_and_qualified_north(places: pd.DataFrame) -> None:
    lexicon = build_lexicon(places)
    mentions = find_mentions("The reclusive North's envoy met Ukrainian and British-French officials in Seoul.",
                             lexicon)
    assert [(m.iso3, m.possessive) for m in mentions] == [("PRK", True), ("UKR", False), ("GBR", False),
                                                          ("FRA", False), ("KOR", False)]


def test_a_gazetteer_without_its_columns_is_refused() -> None:
    with pytest.raises(ExtractionError):
        build_lexicon(pd.DataFrame({"name": ["x"]}))


# --- vocabulary ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "categories"), [
    ("economic and military technology support", ["economic_aid", "military_technology"]),
    ("air defense radar, strike systems and missiles", ["weapons", "weapons", "weapons"]),
    ("technological assistance in missile and satellite programs", ["military_technology"]),
    ("a delegation of its elite military officers", ["diplomatic"]),
    ("propaganda leaflets", ["drones"]),
    ("the delegation headed by Army General Sergei Shoigu", ["diplomatic"]),
    ("General Valery Gerasimov met Commander Kim Yong Bok", []),
    ("Colonel General O. Syrskyi arrived", []),
    ("Russia sent two generals and several officers", ["command_personnel", "command_personnel"]),
    ("Generals were sent to Kursk.", ["command_personnel"]),
])
def test_items_and_their_categories(sentence: str, categories: list[str]) -> None:
    assert [i.category for i in find_items(sentence)] == categories


@pytest.mark.parametrize(("sentence", "kinds"), [
    ("Russia launched a missile targeting Dnipro", ["strike"]),
    ("North Korea failed to launch a satellite on May 27", []),
    ("Ukraine launched a surprise incursion", ["strike", "strike"]),  # the verb and its noun: one frame
    ("Russia's possible provision of technology", ["give"]),
])
def test_flow_words(sentence: str, kinds: list[str]) -> None:
    assert [t.kind for t in find_triggers(sentence)] == kinds


# --- quantities ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "low", "high"), [
    ("more than 6 million 152 mm artillery shells", 6_000_000, None),
    ("nearly 11,000 North Korean soldiers", 11_000, 11_000),
    ("up to 100,000 troops", None, 100_000),
    ("in 2024 troops", None, None),
])
def test_quantities_and_their_bounds(sentence: str, low: float | None, high: float | None) -> None:
    quantities = find_quantities(sentence, find_items(sentence))
    if low is None and high is None:
        assert quantities == []
    else:
        assert (quantities[0].low, quantities[0].high) == (low, high)


@pytest.mark.parametrize(("sentence", "unit", "text"), [
    ("more than 165,000 barrels of petroleum products", "barrels", "more than 165,000 barrels of petroleum"),
    ("1 million barrels of oil", "barrels", "1 million barrels of oil"),
    ("at least five tanker shipments", "tanker shipments", "at least five"),
    ("more than 13,000 containers", "containers", "more than 13,000"),
    ("nearly 11,000 North Korean soldiers", "soldiers", "nearly 11,000"),
])
def test_a_quantity_says_what_it_counts(sentence: str, unit: str, text: str) -> None:
    quantity = find_quantities(sentence, find_items(sentence))[0]
    assert (quantity.unit, quantity.text) == (unit, text)


# --- relative dates ------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "start", "end", "role"), [
    ("Since mid-2022, North Korea has shipped containers.", "2022", "", "since"),
    ("They met in early 2024.", "2024", "2024", "point"),
    ("It happened in late October.", "2023-10", "2023-10", "point"),  # the latest October before August 2024
    ("The first transfer occurred on March 7, 2024.", "2024-03-07", "2024-03-07", "point"),
    # Wire style: abbreviated months, with or without "on", a day in brackets after its weekday.
    ("Mr. Kim met with Mr. Putin on Sept. 13 at the cosmodrome.", "2023-09-13", "2023-09-13", "point"),
    ("The shipment left Nov. 21, officials said.", "2023-11-21", "2023-11-21", "point"),
    ("The drones struck on Thursday (Aug 22) at dawn.", "2024-08-22", "2024-08-22", "point"),
    ("The ship docked on August 2 in Vladivostok.", "2024-08-02", "2024-08-02", "point"),
    ("Troops arrived since Aug. 3.", "2024-08-03", "", "since"),
])
def test_dates_at_the_precision_the_text_gives(sentence: str, start: str, end: str, role: str) -> None:
    (found,) = find_dates(sentence, AUGUST_28)
    assert (found.date_start, found.date_end, found.role) == (start, end, role)


@pytest.mark.parametrize("sentence", [
    "Russia sent March 10,000 troops.",  # a number, not a day
    "North Korea may 5 times have sent shells.",  # the modal, not the month
    "The Feb. 30 shipment was reported.",  # no such day
])
def test_what_is_no_day_of_a_month_is_not_read_as_one(sentence: str) -> None:
    assert [d for d in find_dates(sentence, AUGUST_28) if d.date_start.count("-") == 2] == []


def test_a_publication_date_must_name_a_day() -> None:
    assert parse_published("2024-11-22") == date(2024, 11, 22)
    with pytest.raises(ExtractionError):
        parse_published("2024-11")


# --- attribution ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "speaker", "verb"), [
    ("Russia gave missiles to North Korea, Seoul's top security adviser said Friday.",
     "Seoul's top security adviser", "said"),
    ("The U.S., South Korea and Ukraine say North Korea sent troops.", "The U.S., South Korea and Ukraine", "say"),
    ("The Wall Street Journal reported Thursday that a general was wounded.", "The Wall Street Journal", "reported"),
    ("Shin told SBS TV on Friday that Russia provided missiles.", "Shin", "told"),
])
def test_who_says_it(sentence: str, speaker: str, verb: str) -> None:
    (attribution,) = find_attributions(sentence)
    assert (attribution.speaker, attribution.verb) == (speaker, verb)


def test_a_trailing_clause_that_holds_the_claim_is_no_attribution() -> None:
    assert find_attributions("Russia sent missiles, officials said troops were sent to Belarus.") == []


def test_datelines() -> None:
    assert DATELINE.match("SEOUL (Reuters) – Russia").group() == "SEOUL (Reuters) – "
    assert DATELINE.match("SEOUL, South Korea (AP) — Russia").group() == "SEOUL, South Korea (AP) — "
    assert DATELINE.match("Russia (the largest state) - sent") is None


# --- the frames of an exchange -------------------------------------------------------------------

def test_every_flow_word_of_the_return_clause_is_the_return_side() -> None:
    sentence = "Russia gave North Korea missiles in exchange for thousands of troops it has sent, officials said."
    frames = _build_frames(sentence, find_triggers(sentence), find_items(sentence))
    sides = [(f.verb, f.side, [i.category for i in f.items]) for f in frames]
    assert sides == [("gave", "given", ["weapons"]), ("sent", "in return", ["troops"])]


@pytest.mark.parametrize(("sentence", "noun"), [
    ("Russia supplies refined oil to North Korea.", False),
    ("Pyongyang ships shells to Russia.", False),
    ("Ukraine strikes Russian refineries.", False),
    ("US strikes on Syria continued.", True),
    ("Russia's supplies of oil grew.", True),
    ("The Russian supplies arrived.", True),
])
def test_a_word_that_is_noun_or_verb_is_a_verb_between_a_bare_name_and_its_object(sentence: str, noun: bool) -> None:
    (first, *_) = find_triggers(sentence)
    assert first.noun is noun


@pytest.mark.parametrize("sentence", [
    "He said the North Korean troops would be deployed.",
    "The North Korean troops have not yet entered the fight.",
])
def test_a_form_refused_inside_a_longer_name_leaves_the_longer_name_to_be_read(places: pd.DataFrame,
                                                                               sentence: str) -> None:
    mentions = find_mentions(sentence, build_lexicon(places))
    assert [(m.text, m.iso3) for m in mentions] == [("North Korean", "PRK")]
