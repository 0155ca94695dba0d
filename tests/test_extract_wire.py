"""Wording of wire copy: flow nouns after a resuming verb, sales, and the reversed or negated variants."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import flow_triples
from tests.test_extract import extract, one


def one_way(candidates: pd.DataFrame, origin: str, destination: str, category: str) -> pd.Series:
    """The single candidate origin→destination of a category; none may run the other way."""
    assert (destination, origin, category) not in flow_triples(candidates), "proposed in reverse"
    return one(candidates, origin, destination, category)


@pytest.mark.parametrize(("text", "origin", "destination", "category"), [
    ("Russia resumed oil exports to North Korea in December.", "RUS", "PRK", "oil"),
    ("China resumed fuel deliveries to Myanmar in May.", "CHN", "MMR", "oil"),
    ("Iran has stepped up its drone shipments to Russia.", "IRN", "RUS", "drones"),
    ("Pyongyang increased artillery deliveries to Moscow last year.", "PRK", "RUS", "weapons"),
    ("Moscow continued fuel exports to Pyongyang despite sanctions.", "RUS", "PRK", "oil"),
])
def test_a_flow_noun_after_a_resuming_verb_is_sent_by_its_subject(places: pd.DataFrame, text: str, origin: str,
                                                                   destination: str, category: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, origin, destination, category)


@pytest.mark.parametrize(("text", "origin", "destination", "category"), [
    ("The oil sales to North Korea by Russia began in 2023.", "RUS", "PRK", "oil"),
    ("Iran's drone sales to Russia grew in 2023.", "IRN", "RUS", "drones"),
    ("North Korea's arms sales to Moscow worry Seoul.", "PRK", "RUS", "weapons"),
])
def test_sales_are_a_flow_noun(places: pd.DataFrame, text: str, origin: str, destination: str, category: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, origin, destination, category)


@pytest.mark.parametrize("text", [
    "Russia did not resume oil exports to North Korea.",
    "The sale of shares in a Russian bank to Chinese investors was approved.",
])
def test_negated_or_unrelated_sales_and_exports_propose_no_flow(places: pd.DataFrame, text: str) -> None:
    assert extract(text, places).empty


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("Russia's Defence Minister arrived in Pyongyang Tuesday.", "RUS", "PRK"),
    ("Russia’s Defense Minister arrived in Pyongyang on Tuesday.", "RUS", "PRK"),
    ("The Chinese foreign minister arrived in Moscow on Monday.", "CHN", "RUS"),
    ("Iran's top security official arrived in Beijing.", "IRN", "CHN"),
    ("North Korea's Foreign Minister arrived in Moscow March 3.", "PRK", "RUS"),
])
def test_an_official_of_a_state_arriving_is_a_visit(places: pd.DataFrame, text: str, origin: str,
                                                    destination: str) -> None:
    candidates = extract(text, places)
    row = one_way(candidates, origin, destination, "diplomatic")
    assert "official of this state" in row["reason"]


def test_troops_arriving_stay_troops(places: pd.DataFrame) -> None:
    one(extract("Russian troops arrived in Belarus.", places), "RUS", "BLR", "troops")


@pytest.mark.parametrize(("text", "origin", "destination", "category", "speaker"), [
    ("The United States assess that some North Korean soldiers are in Russia's Kursk region.", "PRK", "RUS", "troops",
     "United States"),
    ("The Pentagon assessed that Iranian drones were shipped to Russia.", "IRN", "RUS", "drones", "Pentagon"),
    ("Seoul assesses that North Korean troops are in Russia’s Kursk region.", "PRK", "RUS", "troops", "Seoul"),
])
def test_an_assessing_verb_keeps_its_hedge_whoever_assesses(places: pd.DataFrame, text: str, origin: str,
                                                            destination: str, category: str, speaker: str) -> None:
    row = one(extract(text, places), origin, destination, category)
    assert row["status"] == "assessed" and "assess" in row["hedge"].lower()
    assert speaker in row["attributed_to"]


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("Around 600 North Korean soldiers have been killed fighting for Russia, South Korean lawmakers said.",
     "PRK", "RUS"),
    ("Around 600 North Korean soldiers have been killed and thousands more wounded fighting for Russia.",
     "PRK", "RUS"),
    ("Dozens of Iranian soldiers were killed while fighting alongside Syrian forces.", "IRN", "SYR"),
    ("Cuban mercenaries were wounded serving for Russia.", "CUB", "RUS"),
])
def test_the_dead_fighting_for_a_state_are_its_troops_and_not_their_count(places: pd.DataFrame, text: str,
                                                                          origin: str, destination: str) -> None:
    candidates = extract(text, places)
    row = one_way(candidates, origin, destination, "troops")
    assert row["quantity_low"] == row["quantity_high"] == ""  # the dead are not the number sent
    assert "strike" not in set(candidates["category"])


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Putin and Kim met in Pyongyang on Wednesday. The two signed a comprehensive strategic partnership treaty.",
     "RUS", "PRK"),
    ("Lukashenko and Putin met in Minsk. The two also signed a security pact.", "BLR", "RUS"),
    ("Xi Jinping and Putin met in Moscow. The two have signed an agreement on energy.", "CHN", "RUS"),
])
def test_the_two_of_the_previous_sentence_sign_in_both_directions(places: pd.DataFrame, text: str, first: str,
                                                                  second: str) -> None:
    candidates = extract(text, places)
    signed = candidates[candidates["category"] == "agreement"]
    assert set(zip(signed["origin_iso3"], signed["destination_iso3"], strict=True)) == {(first, second),
                                                                                          (second, first)}


def test_the_two_before_a_noun_is_no_pronoun(places: pd.DataFrame) -> None:
    text = "Putin and Kim met in Pyongyang. The two missiles hit Kyiv."
    assert "agreement" not in set(extract(text, places)["category"])


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("Russia launched missiles against Kharkiv.", "RUS", "UKR"),
    ("Israel struck Homs overnight.", "ISR", "SYR"),
    ("Ukraine launched drones at Krasnodar.", "UKR", "RUS"),
])
def test_a_large_city_names_its_state_as_the_target(places: pd.DataFrame, text: str, origin: str,
                                                    destination: str) -> None:
    candidates = extract(text, places)
    row = one(candidates, origin, destination, None)
    assert row["destination_place_id"] == destination  # no gazetteer point: the state's own
    assert (destination, origin) not in set(zip(candidates["origin_iso3"], candidates["destination_iso3"], strict=True))


@pytest.mark.parametrize(("text", "maker", "user"), [
    ("The missiles that Russia launched against Kharkiv were North Korean-made, Ukraine said.", "PRK", "RUS"),
    ("Russia fired North Korean missiles at Kyiv on January 2.", "PRK", "RUS"),
    ("Russia launched North Korean-made missiles against Kharkiv.", "PRK", "RUS"),
    ("Iranian-made drones fired by Russia hit Odesa.", "IRN", "RUS"),
    ("The rockets that Syria fired at Israel were Iranian-made.", "IRN", "SYR"),
])
def test_weapons_a_state_fires_came_from_their_maker(places: pd.DataFrame, text: str, maker: str, user: str) -> None:
    candidates = extract(text, places)
    row = one(candidates, maker, user, None)
    assert row["category"] in ("weapons", "drones") and "maker of the weapons used" in row["reason"]
    assert row["date_start"] == ""  # the day of the firing is not the day of the delivery
    assert (user, maker) not in set(zip(candidates["origin_iso3"], candidates["destination_iso3"], strict=True))


@pytest.mark.parametrize("text", [
    "Russia did not fire North Korean missiles at Kyiv.",
    "Russia has been using North Korean-produced missiles, Kyiv says.",
    "North Korea launched its own missiles into the sea.",
])
def test_no_maker_to_user_flow_without_a_reported_firing_by_another_state(places: pd.DataFrame, text: str) -> None:
    candidates = extract(text, places)
    assert not any("maker of the weapons used" in reason for reason in candidates["reason"])


@pytest.mark.parametrize(("text", "origin", "destination", "category"), [
    ("The West believes Russia has been procuring and using North Korean weaponry in Ukraine.", "PRK", "RUS",
     "weapons"),
    ("Russia procured drones from Iran.", "IRN", "RUS", "drones"),
    ("Syria procures fuel from Iran.", "IRN", "SYR", "oil"),
])
def test_procuring_is_receiving(places: pd.DataFrame, text: str, origin: str, destination: str, category: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, origin, destination, category)


@pytest.mark.parametrize(("text", "visitor", "host"), [
    ("The Russian minister was welcomed at the airport by his North Korean counterpart Kang Sun Nam, it added.",
     "RUS", "PRK"),
    ("Iran's foreign minister was greeted at the airport by his Syrian counterpart.", "IRN", "SYR"),
    ("Kim Jong Un greeted Putin at the airport.", "RUS", "PRK"),
    ("Putin warmly welcomed Xi Jinping in Moscow.", "CHN", "RUS"),
    ("North Korea's leader welcomed the Russian delegation.", "RUS", "PRK"),
])
def test_whoever_is_welcomed_visits_whoever_welcomes(places: pd.DataFrame, text: str, visitor: str,
                                                     host: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, visitor, host, "diplomatic")


@pytest.mark.parametrize("text", [
    "The news was welcomed by Russia.",
    "Russia's proposal was received by North Korea with interest.",
    "Putin was not welcomed by his Chinese counterpart.",
])
def test_a_welcome_of_no_person_or_denied_is_no_visit(places: pd.DataFrame, text: str) -> None:
    assert extract(text, places).empty


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("Wednesday's visit is Shoigu's second to Pyongyang in two weeks.", "RUS", "PRK"),
    ("It was Putin's first trip to North Korea in 24 years.", "RUS", "PRK"),
    ("The visit was Lavrov’s third to Pyongyang this year.", "RUS", "PRK"),
    ("Kim Jong Un's trip to Beijing surprised Seoul.", "PRK", "CHN"),
])
def test_a_trip_or_an_ordinal_visit_goes_from_the_visitor(places: pd.DataFrame, text: str, origin: str,
                                                          destination: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, origin, destination, "diplomatic")


def test_an_ordinal_without_a_visit_is_no_visit(places: pd.DataFrame) -> None:
    assert extract("Russia's second to Ukraine in the rankings was Poland.", places).empty


@pytest.mark.parametrize("text", [
    "North Korean leader Kim Jong Un and Russian President Vladimir Putin met for a rare summit on Wednesday at "
    "which they discussed military matters, the war in Ukraine and possible Russian help.",
    "Putin met Lukashenko at a summit in which they discussed the war in Ukraine.",
    "Xi Jinping met Putin during a dinner during which they spoke about the fighting in Ukraine.",
])
def test_a_relative_clause_after_a_meeting_names_no_place_of_the_meeting(places: pd.DataFrame, text: str) -> None:
    candidates = extract(text, places)
    assert "UKR" not in set(candidates["destination_iso3"]) | set(candidates["origin_iso3"])


@pytest.mark.parametrize("text", [
    "Zelenskyy said North Korean soldiers expected to reinforce Russian troops on the front line in Ukraine are "
    "pushing the war on.",
    "Russian troops are on the frontline in Ukraine.",
    "Iranian advisers were spotted near the front lines in Ukraine.",
])
def test_the_front_line_of_a_war_is_its_theatre_not_where_troops_were_sent(places: pd.DataFrame, text: str) -> None:
    candidates = extract(text, places)
    assert "UKR" not in set(candidates["destination_iso3"])


def test_troops_placed_in_a_state_outside_a_front_are_still_present(places: pd.DataFrame) -> None:
    one(extract("North Korean troops are in Russia's Kursk region.", places), "PRK", "RUS", "troops")


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("Kim Jong Un met officials. The visit came amid speculation that Kim may visit Russia for a summit.",
     "PRK", "RUS"),
    ("Sergei Shoigu met officials in Moscow. Shoigu then travelled to Beijing.", "RUS", "CHN"),
    ("Lee Jae-myung spoke on Monday. Lee later travelled to Tokyo.", "KOR", "JPN"),
])
def test_a_leader_named_in_full_is_named_later_by_one_word(places: pd.DataFrame, text: str, origin: str,
                                                           destination: str) -> None:
    one(extract(text, places), origin, destination, "diplomatic")


def test_a_word_two_named_people_of_different_states_share_names_neither(places: pd.DataFrame) -> None:
    text = "Kim Jong Un spoke. South Korean minister Kim Yong-hyun spoke. Kim may visit Russia."
    candidates = extract(text, places)
    assert not any(candidates["quote"].str.startswith("Kim may"))


@pytest.mark.parametrize(("text", "inviter", "invited"), [
    ("Putin also invited Kim Jong Un to visit Moscow.", "RUS", "PRK"),
    ("Xi Jinping invited Putin to visit Beijing next year.", "CHN", "RUS"),
    ("Kim Jong Un was invited by Putin to visit Russia.", "RUS", "PRK"),
])
def test_an_invitation_to_visit_is_the_inviters_move_not_a_visit(places: pd.DataFrame, text: str, inviter: str,
                                                                 invited: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, inviter, invited, "diplomatic")


@pytest.mark.parametrize(("text", "origin", "destination", "category"), [
    ("Russia launched missiles against the city of Kharkiv.", "RUS", "UKR", "strike"),
    ("Russia fired drones against the port of Odesa.", "RUS", "UKR", "drones"),
    ("Iran sent drones to the city of Krasnodar.", "IRN", "RUS", "drones"),
])
def test_a_large_city_after_a_place_noun_takes_the_place_nouns_preposition(places: pd.DataFrame, text: str,
                                                                          origin: str, destination: str,
                                                                          category: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, origin, destination, category)


@pytest.mark.parametrize(("text", "visitor", "host"), [
    ("Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a treaty following their talks in "
     "Pyongyang on Wednesday, Russian state media reported.", "RUS", "PRK"),
    ("Xi Jinping and Putin held talks in Moscow.", "CHN", "RUS"),
    ("Putin and Lukashenko met for a summit in Minsk.", "RUS", "BLR"),
])
def test_leaders_meeting_in_one_leaders_state_is_the_others_visit(places: pd.DataFrame, text: str, visitor: str,
                                                                  host: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, visitor, host, "diplomatic")


def test_talks_in_a_third_state_name_no_visitor(places: pd.DataFrame) -> None:
    candidates = extract("Xi Jinping and Putin held talks in Minsk.", places)
    assert not any("leader meeting in the other state" in reason for reason in candidates["reason"])


@pytest.mark.parametrize(("text", "attacker", "target"), [
    ("North Korea has supplied Russia with ballistic missiles and launchers, which the Russian military has already "
     "deployed against Ukraine.", "RUS", "UKR"),
    ("Russia deployed North Korean missiles against Ukraine.", "RUS", "UKR"),
    ("Israel deployed drones against Syria.", "ISR", "SYR"),
])
def test_what_is_deployed_against_a_state_strikes_it(places: pd.DataFrame, text: str, attacker: str,
                                                     target: str) -> None:
    candidates = extract(text, places)
    one(candidates, attacker, target, None)
    assert set(candidates[candidates["destination_iso3"] == target]["category"]) <= {"strike", "drones"}


def test_troops_deployed_to_a_state_stay_troops(places: pd.DataFrame) -> None:
    one(extract("North Korea deployed troops to Russia.", places), "PRK", "RUS", "troops")
