"""Exchanges: the side given in return flows back to the giver, whatever its clause names, never reversed."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker.extract import extract_candidates

PUBLISHED = "2024-11-22"



def directions(text: str, places: pd.DataFrame) -> pd.DataFrame:
    return extract_candidates(text, PUBLISHED, places)


EXCHANGES = [
    # active, passive and receiving main clauses
    "Russia has supplied anti-air missiles to North Korea in exchange for it sending troops.",
    "Russia has supplied anti-air missiles to North Korea in return for sending troops.",
    "North Korea has been given anti-air missiles by Russia in exchange for sending troops.",
    "Anti-air missiles were delivered to North Korea by Russia in return for Pyongyang's troop deployment.",
    "North Korea received anti-air missiles from Russia in return for its troops.",
    # pronoun, name, "its", a noun: the return clause's own words
    "Russia provided North Korea with missiles in return for the troop dispatch.",
    "Russia gave North Korea missiles in exchange for its troop deployment.",
    "Russia gave North Korea missiles in exchange for North Korea sending troops to Ukraine.",
    "Russia gave North Korea anti-air missiles in exchange for deploying troops to support Moscow's war in Ukraine, "
    "Seoul's top security adviser said Friday.",
    # the exchange named first
    "In exchange for North Korean troops, Russia gave Pyongyang anti-air missiles.",
    "In return for its troops, North Korea received anti-air missiles from Russia.",
]


@pytest.mark.parametrize("text", EXCHANGES)
def test_troops_given_in_return_flow_to_the_giver_of_the_missiles(places: pd.DataFrame, text: str) -> None:
    found = directions(text, places)
    rows = set(zip(found["origin_iso3"], found["destination_iso3"], found["category"], strict=True))
    assert ("RUS", "PRK", "weapons") in rows, rows
    assert ("PRK", "RUS", "troops") in rows, rows
    assert ("RUS", "PRK", "troops") not in rows, "the troops flow was turned round"
    assert not any(category == "troops" and destination != "RUS" for _, destination, category in rows)
    assert found["exchange_id"].nunique() == 1 and found["exchange_id"].iloc[0].startswith("EXC")


def test_the_giver_is_taken_from_the_return_clause_when_the_main_clause_names_no_state(places: pd.DataFrame) -> None:
    text = "The oil is believed to be exchanged for weapons sent by Pyongyang to Russia, experts say."
    rows = set(zip(*(directions(text, places)[c] for c in ("origin_iso3", "destination_iso3", "category")),
                   strict=True))
    assert {("RUS", "PRK", "oil"), ("PRK", "RUS", "weapons")} <= rows
    assert ("PRK", "RUS", "oil") not in rows


def test_such_supplies_in_return_are_the_latest_flow_that_way(places: pd.DataFrame) -> None:
    text = ("Pyongyang had previously transferred 6,700 containers of weapons to Moscow. "
            "In exchange for such supplies, Russia may provide North Korea with technology.")
    found = directions(text, places)
    second = found[found["quote_start"] > 0]
    rows = set(zip(second["origin_iso3"], second["destination_iso3"], second["category"], strict=True))
    assert rows == {("RUS", "PRK", "military_technology"), ("PRK", "RUS", "weapons")}


@pytest.mark.parametrize("text", [
    "Moscow has compensated Pyongyang for the troops with oil.",
    "In exchange for its soldiers, Pyongyang is getting oil from Moscow.",
])
def test_what_pays_for_the_troops_goes_the_other_way(text: str, places: pd.DataFrame) -> None:
    found = extract_candidates(text, "2024-11-22", places)
    assert set(zip(found["origin_iso3"], found["destination_iso3"], found["category"], strict=True)) == \
        {("RUS", "PRK", "oil"), ("PRK", "RUS", "troops")}


def test_an_item_after_a_cut_return_list_is_not_taken_as_given(places: pd.DataFrame) -> None:
    text = ("South Korean officials think Russia could supply food, fuel and technologies in a barter deal for "
            "North Korean weapons, munitions and possibly labor.")
    found = extract_candidates(text, "2024-11-22", places)
    assert not ((found["origin_iso3"] == "RUS") & (found["category"] == "weapons")).any()
