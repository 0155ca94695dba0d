"""Who sends and who receives in wire copy: occupiers and parts of states, purposes, a war that is supported,
the other side's forces, officials named with their titles, meetings, landings, and strikes fired into a state."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import flow_triples
from tests.test_extract import extract, one
from tests.test_extract_wire import one_way


@pytest.mark.parametrize(("text", "origin", "category"), [
    ("North Korea has sent troops to Ukrainian territory temporarily occupied by Russia.", "PRK", "troops"),
    ("Pyongyang sent troops to areas of Ukraine controlled by Russia.", "PRK", "troops"),
    ("Iran shipped drones to Georgian land held by Russia.", "IRN", "drones"),
])
def test_a_place_held_by_another_state_is_that_states(places: pd.DataFrame, text: str, origin: str,
                                                      category: str) -> None:
    candidates = extract(text, places)
    row = one_way(candidates, origin, "RUS", category)
    assert "occupied by" in row["reason"]
    assert not any(d == "UKR" for _, d, _ in flow_triples(candidates))


@pytest.mark.parametrize(("text", "origin", "destination", "category"), [
    ("The spy agency spotted North Korea transporting its special forces to parts of Russia.", "PRK", "RUS", "troops"),
    ("Russia sent fuel to the eastern regions of North Korea.", "RUS", "PRK", "oil"),
    ("Russia fired missiles into the south of Ukraine.", "RUS", "UKR", "strike"),
    ("Debris from the Russian attack on the city of Kharkiv was analysed.", "RUS", "UKR", "strike"),
    ("Russia fired missiles at the port of Odesa.", "RUS", "UKR", "strike"),
])
def test_a_part_of_a_state_receives_for_it(places: pd.DataFrame, text: str, origin: str, destination: str,
                                           category: str) -> None:
    one_way(extract(text, places), origin, destination, category)


@pytest.mark.parametrize("text", [
    "North Korea began sending troops in support of Russia’s war effort against Ukraine.",
    "North Korea began sending troops in support of Russia.",
    "Pyongyang is dispatching soldiers on behalf of Moscow.",
    "North Korea sent troops on the side of Russia in its war against Ukraine.",
])
def test_a_flow_in_support_of_a_state_goes_to_it(places: pd.DataFrame, text: str) -> None:
    candidates = extract(text, places)
    row = one_way(candidates, "PRK", "RUS", "troops")
    assert "purpose" in row["reason"]
    assert not any(o == "RUS" and d == "UKR" for o, d, _ in flow_triples(candidates))


@pytest.mark.parametrize("text", [
    "The agency expects North Korea to deploy more troops to Russia in support of Moscow's military offensive in Ukraine.",
    "Pyongyang sends shells to Russia, backing Russia's invasion of Ukraine.",
])
def test_a_war_named_as_what_is_supported_is_no_new_strike(places: pd.DataFrame, text: str) -> None:
    candidates = extract(text, places)
    assert ("RUS", "UKR", "strike") not in flow_triples(candidates)
    assert any(o == "PRK" and d == "RUS" for o, d, _ in flow_triples(candidates))


def test_a_strike_an_offensive_is_still_a_strike(places: pd.DataFrame) -> None:
    one_way(extract("Ukraine launched an offensive into Russia's Kursk region.", places), "UKR", "RUS", "strike")


@pytest.mark.parametrize("text", [
    "Zelensky said North Korea had sent 11,000 troops to Russia and some of them suffered casualties in combat with "
    "Kyiv’s forces.",
    "North Korea sent 11,000 troops into Russia, where they clashed with Ukraine's soldiers.",
])
def test_the_other_sides_forces_after_the_receiver_do_not_send(places: pd.DataFrame, text: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, "PRK", "RUS", "troops")
    assert not any(o == "UKR" for o, _, _ in flow_triples(candidates))


def test_a_possessive_before_the_receiver_still_sends(places: pd.DataFrame) -> None:
    one_way(extract("The envoy said Pyongyang's troops were sent to Russia.", places), "PRK", "RUS", "troops")


@pytest.mark.parametrize(("text", "visitors", "host"), [
    ("U.S. President Donald Trump and Ukrainian President Volodymyr Zelenskyy met in Vatican City on Saturday.",
     {"USA", "UKR"}, "VAT"),
    ("Russian Foreign Minister Sergei Lavrov and Chinese Foreign Minister Wang Yi met in Pyongyang.",
     {"RUS", "CHN"}, "PRK"),
])
def test_two_officials_named_with_their_titles_who_meet_abroad_both_visit(places: pd.DataFrame, text: str,
                                                                          visitors: set[str], host: str) -> None:
    candidates = extract(text, places)
    assert {o for o, d, c in flow_triples(candidates) if d == host and c == "diplomatic"} == visitors


@pytest.mark.parametrize("text", [
    "After meeting with North Korean leader Kim Jong-un in Pyongyang last week, Shoigu announced new plans.",
    "After talks with Kim Jong Un in Pyongyang, Russian Defence Minister Andrei Belousov said the allies were close.",
])
def test_an_opening_meeting_abroad_is_a_visit_by_the_main_subject(places: pd.DataFrame, text: str) -> None:
    row = one_way(extract(text, places), "RUS", "PRK", "diplomatic")
    assert "check" in row["reason"]


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("The Kremlin said that Putin landed in Pyongyang shortly after 2 a.m. on Wednesday.", "RUS", "PRK"),
    ("Russian media said the plane carrying Putin touched down at Sunan Airport in Pyongyang.", "RUS", "PRK"),
    ("Chinese Foreign Minister Wang Yi landed in Moscow on Monday.", "CHN", "RUS"),
])
def test_an_official_landing_abroad_is_a_visit(places: pd.DataFrame, text: str, origin: str, destination: str) -> None:
    one_way(extract(text, places), origin, destination, "diplomatic")


@pytest.mark.parametrize("text", [
    "A North Korean missile landed in an open field in Ukraine.",
    "Debris from Russian drones landed in Romania.",
])
def test_a_weapon_that_lands_is_no_flow(places: pd.DataFrame, text: str) -> None:
    assert extract(text, places).empty


@pytest.mark.parametrize(("text", "category"), [
    ("Russian forces have for the first time fired North Korean-made ballistic missiles into Ukraine.", "strike"),
    ("Moscow appeared to have twice test-fired the missiles into Ukrainian territory.", "strike"),
    ("Russia launched Iranian-designed drones at Ukraine overnight.", "drones"),
])
def test_weapons_fired_into_a_state_are_a_strike_by_the_shooter(places: pd.DataFrame, text: str, category: str) -> None:
    candidates = extract(text, places)
    one_way(candidates, "RUS", "UKR", category)
    assert ("RUS", "UKR", "troops") not in flow_triples(candidates)


@pytest.mark.parametrize("text", [
    "Moscow and Pyongyang have been on the receiving end of heavy-hitting U.S. sanctions.",
    "Ukraine faced hard-hitting criticism from Russia.",
])
def test_a_hyphenated_adjective_is_no_strike(places: pd.DataFrame, text: str) -> None:
    assert "strike" not in set(extract(text, places)["category"])


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("Russia invaded Ukraine in February 2022.", "RUS", "UKR"),
    ("Russian forces are fighting Ukrainian troops who thrust across the border into the western Russia region.",
     "UKR", "RUS"),
    ("Ukrainian troops crossed the border into Russia's Kursk region in August.", "UKR", "RUS"),
    ("Russian troops advanced into the Donetsk region.", "RUS", "UKR"),
])
def test_an_invasion_or_a_push_into_a_state_is_a_strike_on_it(places: pd.DataFrame, text: str, origin: str,
                                                              destination: str) -> None:
    one_way(extract(text, places), origin, destination, "strike")


@pytest.mark.parametrize("text", [
    "North Korea backed Moscow after it invaded Ukraine last year.",  # "it" is Moscow, not the subject
    "Iran pushed into new markets with Russian help.",
    "Russian troops crossed the river near the village.",
])
def test_no_strike_without_a_named_invader_and_a_state_pushed_into(places: pd.DataFrame, text: str) -> None:
    assert "strike" not in set(extract(text, places)["category"])


@pytest.mark.parametrize(("text", "destination"), [
    ("Russia shipped oil to eastern North Korea.", "PRK"),
    ("Ukraine fired drones into the western Russia region.", "RUS"),
    ("Pyongyang sent troops to the far-eastern Russia port.", "RUS"),
])
def test_a_compass_word_before_a_state_keeps_its_preposition(places: pd.DataFrame, text: str,
                                                             destination: str) -> None:
    candidates = extract(text, places)
    assert destination in set(candidates["destination_iso3"])


@pytest.mark.parametrize(("text", "origin", "destination", "category"), [
    ("In March, Russia dispatched tanker shipments of petroleum products to North Korean seaports.", "RUS", "PRK",
     "oil"),
    ("Iran sent drone deliveries to Russia last year.", "IRN", "RUS", "drones"),
])
def test_a_flow_noun_as_the_object_of_a_giving_verb_is_one_flow(places: pd.DataFrame, text: str, origin: str,
                                                                destination: str, category: str) -> None:
    row = one_way(extract(text, places), origin, destination, category)
    assert row["reason"].startswith(("verb:dispatched", "verb:sent"))


def test_the_other_sides_forces_after_a_place_received_do_not_send(places: pd.DataFrame) -> None:
    text = ("Pyongyang sent thousands of troops to Russia’s Kursk region to oust Kyiv’s forces and provided the "
            "Russian army with artillery shells and missiles.")
    candidates = extract(text, places)
    one_way(candidates, "PRK", "RUS", "troops")
    one_way(candidates, "PRK", "RUS", "weapons")
    assert not any(o == "UKR" for o, _, _ in flow_triples(candidates))


@pytest.mark.parametrize("text", [
    "North Korea would send military engineers and construction troops to help rebuild the Kursk region.",
    "Pyongyang sent soldiers to help retake Russia's Kursk region.",
])
def test_helping_to_rebuild_or_retake_a_place_sends_to_its_state(places: pd.DataFrame, text: str) -> None:
    one_way(extract(text, places), "PRK", "RUS", "troops")


def test_a_visit_in_the_setting_of_a_saying_is_the_speakers(places: pd.DataFrame) -> None:
    text = "Shoigu said during a visit to Pyongyang that North Korea would send construction troops to Russia."
    candidates = extract(text, places)
    visit = one_way(candidates, "RUS", "PRK", "diplomatic")
    assert "check" in visit["reason"]
    troops = one_way(candidates, "PRK", "RUS", "troops")
    assert troops["attributed_to"] == "Shoigu", "the saying verb is found without its setting"
    assert text[int(troops["quote_start"]):int(troops["quote_end"])] == troops["quote"]


def test_missiles_and_drones_fired_together_are_a_strike_and_a_drone_strike(places: pd.DataFrame) -> None:
    candidates = extract("Russia fired cruise missiles and Iranian Shahed-type drones at six regions across Ukraine.",
                         places)
    one_way(candidates, "RUS", "UKR", "strike")
    one_way(candidates, "RUS", "UKR", "drones")
    assert ("IRN", "UKR", "drones") not in flow_triples(candidates), "the maker of the drones fired none"


def test_a_state_named_before_which_is_the_subject_of_its_clause(places: pd.DataFrame) -> None:
    text = ("Experts say Russia will use the talks to seek artillery shells from North Korea, which wants advanced "
            "satellite technology in return.")
    candidates = extract(text, places)
    assert ("PRK", "RUS", "military_technology") not in flow_triples(candidates), "reversed"
    assert one(candidates, "RUS", "PRK", "military_technology")["status"] == "possible"
    assert one(candidates, "PRK", "RUS", "weapons")["status"] == "possible"


def test_travelling_overland_to_a_state_is_a_visit(places: pd.DataFrame) -> None:
    text = "North Korean leader Kim Jong Un, who travelled overland to Russia in his bullet-proof train, met Putin."
    one_way(extract(text, places), "PRK", "RUS", "diplomatic")


def test_an_agreement_between_two_states_binds_both(places: pd.DataFrame) -> None:
    text = "The treaty is titled the Comprehensive Partnership Agreement between the Russian Federation and the DPRK."
    assert {("RUS", "PRK", "agreement"), ("PRK", "RUS", "agreement")} <= flow_triples(extract(text, places))


def test_weapons_supplied_to_the_accused_go_to_the_accused(places: pd.DataFrame) -> None:
    text = ("The United States, Ukraine and six allies accused Russia of using North Korean ballistic missiles and "
            "launchers supplied by Pyongyang in attacks against Ukraine.")
    candidates = extract(text, places)
    assert one_way(candidates, "PRK", "RUS", "weapons")["status"] == "claimed"
    assert ("PRK", "UKR", "weapons") not in flow_triples(candidates)


def test_a_counterpart_after_his_is_met_with(places: pd.DataFrame) -> None:
    text = "Earlier on Saturday, Lavrov met with his North Korean counterpart Choe Son Hui in Wonsan."
    one_way(extract(text, places), "RUS", "PRK", "diplomatic")


@pytest.mark.parametrize("text", [
    "Putin praised North Korean soldiers who fought alongside Moscow’s troops in the Kursk region.",
    "Kim decorated North Korean soldiers, who had fought alongside Russian troops.",
])
def test_the_head_of_a_relative_clause_is_who_its_verb_moves(places: pd.DataFrame, text: str) -> None:
    one_way(extract(text, places), "PRK", "RUS", "troops")


@pytest.mark.parametrize("text", [
    "At least five tanker shipments from Vostochnyy, Russia to North Korea have been detected.",
    "Russia sent fuel to Rajin, North Korea, in March.",
])
def test_a_town_then_its_state_keeps_the_towns_preposition(places: pd.DataFrame, text: str) -> None:
    one_way(extract(text, places), "RUS", "PRK", "oil")


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("In July, North Korea sent a delegation of its elite military officers to Moscow.", "PRK", "RUS"),
    ("After a two-day visit to North Korea, Lavrov praised the ties.", "RUS", "PRK"),
])
def test_a_date_or_a_visit_before_a_comma_is_no_town(places: pd.DataFrame, text: str, origin: str,
                                                     destination: str) -> None:
    one_way(extract(text, places), origin, destination, "diplomatic")


def test_the_state_a_visitor_leaves_is_not_the_visitor(places: pd.DataFrame) -> None:
    text = "Putin is due to depart North Korea on Wednesday for a two-day visit to Vietnam, the Kremlin said."
    candidates = extract(text, places)
    assert ("PRK", "VNM", "diplomatic") not in flow_triples(candidates)


@pytest.mark.parametrize("text", [
    "Both countries deepen military and political ties over Russia’s offensive in Ukraine.",
    "Lavrov said North Korean officials had reaffirmed their full support for the objectives of the offensive in "
    "Ukraine.",
])
def test_the_war_named_where_it_is_fought_is_its_background(places: pd.DataFrame, text: str) -> None:
    assert "strike" not in set(extract(text, places)["category"])


@pytest.mark.parametrize("text", [
    "Ukraine launched an offensive in Russia's Kursk region in August.",
    "Russia is trying to repel the Ukrainian offensive into the Kursk region of Russia.",
])
def test_an_offensive_launched_or_into_a_state_stays_a_strike(places: pd.DataFrame, text: str) -> None:
    one_way(extract(text, places), "UKR", "RUS", "strike")


def test_a_state_before_a_gerund_is_its_subject_even_after_to(places: pd.DataFrame) -> None:
    text = "South Korea could supply weapons to Ukraine in response to North Korea allegedly dispatching troops to Russia."
    candidates = extract(text, places)
    one_way(candidates, "KOR", "UKR", "weapons")
    assert one_way(candidates, "PRK", "RUS", "troops")["status"] == "claimed"
    assert not any(o == "KOR" and d == "RUS" for o, d, _ in flow_triples(candidates))


@pytest.mark.parametrize("text", [
    "Officials condemned North Korea's dispatch of troops to Russia as “a grave security threat” to South Korea.",
    "Seoul sees the transfer of Russian technology to North Korea as a direct threat to South Korea.",
])
def test_who_is_threatened_receives_nothing(places: pd.DataFrame, text: str) -> None:
    assert "KOR" not in set(extract(text, places)["destination_iso3"])


@pytest.mark.parametrize(("text", "speaker"), [
    ("North Korea has ratified a mutual defence treaty with Russia, reported state radio Voice of Korea.",
     "state radio Voice of Korea"),
    ("Pyongyang “recently provided Russia with ballistic missiles,” said John Kirby, the spokesman for the White "
     "House’s National Security Council.", "John Kirby"),
])
def test_a_saying_verb_before_its_speaker_at_the_end_names_the_source(places: pd.DataFrame, text: str,
                                                                       speaker: str) -> None:
    candidates = extract(text, places)
    assert len(candidates) >= 1
    assert set(candidates["attributed_to"]) == {speaker}


def test_missiles_fired_at_a_state_by_another_are_that_others_strike(places: pd.DataFrame) -> None:
    text = "Around half of the North Korean missiles fired at Ukraine by Russia have malfunctioned, Reuters reported."
    candidates = extract(text, places)
    one_way(candidates, "RUS", "UKR", "strike")
    assert ("PRK", "UKR", "strike") not in flow_triples(candidates)


def test_the_maker_of_weapons_fired_after_the_verb_did_not_fire_them(places: pd.DataFrame) -> None:
    text = "The second attack on Tuesday “launched multiple North Korean ballistic missiles into Ukraine.”"
    assert ("PRK", "UKR", "strike") not in flow_triples(extract(text, places))


def test_a_weapon_made_by_a_state_is_not_sent_to_it(places: pd.DataFrame) -> None:
    text = "North Korea has deployed the Russian-made Pantsir mobile air defense system in Pyongyang."
    assert not any(d == "RUS" for _, d, _ in flow_triples(extract(text, places)))


def test_not_only_but_also_is_no_negation(places: pd.DataFrame) -> None:
    text = "North Korea is receiving not only arms but also substantial military technology support from Russia."
    candidates = extract(text, places)
    one_way(candidates, "RUS", "PRK", "weapons")
    one_way(candidates, "RUS", "PRK", "military_technology")


@pytest.mark.parametrize(("text", "origin", "destination"), [
    ("Russian artillery killed at least five people in Ukraine’s war-battered east.", "RUS", "UKR"),
    ("Ukrainian forces seized Russian territory in a surprise attack over the summer.", "UKR", "RUS"),
    ("The two countries drew closer after Russia's invasion of Ukraine in 2022 isolated Putin.", "RUS", "UKR"),
    ("Russia had fired around 50 to attack six Ukrainian oblasts.", "RUS", "UKR"),
])
def test_more_wordings_of_a_strike(places: pd.DataFrame, text: str, origin: str, destination: str) -> None:
    one_way(extract(text, places), origin, destination, "strike")


def test_a_compass_word_in_a_name_is_no_place(places: pd.DataFrame) -> None:
    text = ("Ukraine said it had endured the most widespread Russian artillery attacks of the year, as South Korea’s "
            "intelligence service reportedly said North Korea had delivered shells to Moscow.")
    candidates = extract(text, places)
    assert ("RUS", "KOR", "strike") not in flow_triples(candidates), "“North” in “North Korea” is no place noun"
    one_way(candidates, "PRK", "RUS", "weapons")


def test_offensive_before_weapons_is_an_adjective(places: pd.DataFrame) -> None:
    text = "South Korea could consider sending both defensive and offensive weapons to Ukraine, an official said."
    candidates = extract(text, places)
    assert one_way(candidates, "KOR", "UKR", "weapons")["status"] == "possible"
    assert "strike" not in set(candidates["category"])


def test_hyphenated_words_before_what_is_gained(places: pd.DataFrame) -> None:
    text = "The official said North Korea could attempt to get high-tech Russian technologies to perfect its missiles."
    candidates = extract(text, places)
    one_way(candidates, "RUS", "PRK", "military_technology")
    assert ("RUS", "PRK", "weapons") not in flow_triples(candidates), "what it perfects is its own"


@pytest.mark.parametrize(("text", "status"), [
    ("Shoigu had made a similar deployment deal during a visit to Pyongyang last October.", "reported"),
    ("Zelensky is set to meet Donald Trump in Washington on Friday to finalize a deal on US access to Ukraine’s "
     "mineral wealth.", "possible"),
])
def test_a_deal_made_or_to_be_made_binds_both(places: pd.DataFrame, text: str, status: str) -> None:
    candidates = extract(text, places)
    agreements = candidates[candidates["category"] == "agreement"]
    assert len(agreements) == 2 and set(agreements["status"]) == {status}
    assert set(zip(agreements["origin_iso3"], agreements["destination_iso3"], strict=True)) in (
        {("RUS", "PRK"), ("PRK", "RUS")}, {("UKR", "USA"), ("USA", "UKR")})


@pytest.mark.parametrize(("text", "origin", "category", "word"), [
    ("North Korea has become Russia's main arms supplier.", "PRK", "weapons", "supplier"),
    ("Iran is a key supplier of drones to Russia.", "IRN", "drones", "supplier"),
    ("Pyongyang remains Moscow's biggest provider of artillery shells.", "PRK", "weapons", "provider"),
])
def test_a_supplier_supplies_whose_supplier_it_is(places: pd.DataFrame, text: str, origin: str, category: str,
                                                 word: str) -> None:
    assert one_way(extract(text, places), origin, "RUS", category)["reason"].startswith(f"verb:{word};")


def test_a_supplier_named_with_no_state_is_no_flow(places: pd.DataFrame) -> None:
    assert extract("The supplier of the drones was not named.", places).empty


def test_agreements_reached_bind_both(places: pd.DataFrame) -> None:
    text = "The agreements reached by Russia and North Korea last year are being implemented."
    assert {("RUS", "PRK", "agreement"), ("PRK", "RUS", "agreement")} <= flow_triples(extract(text, places))


def test_the_occupiers_are_russia_in_a_text_about_ukraine(places: pd.DataFrame) -> None:
    text = ("Ukrainian officials said North Korean missiles arrived in January. The occupiers are already using them to "
            "strike Ukrainian territory.")
    row = one_way(extract(text, places), "RUS", "UKR", "strike")
    assert row["status"] == "reported", "“to strike” is a strike, not a deal still to be struck"


def test_occupiers_outside_a_text_about_ukraine_are_nobody(places: pd.DataFrame) -> None:
    assert extract("The occupiers are shelling the coast of Georgia.", places).empty


def test_a_clause_after_while_has_its_own_subject(places: pd.DataFrame) -> None:
    text = ("Between March and October last year, Russia supplied North Korea with over 1 million barrels of fuel while "
            "about 8,000 North Korean workers are employed in Russia, it said.")
    candidates = extract(text, places)
    assert one_way(candidates, "RUS", "PRK", "oil")["unit"] == "barrels"
    assert not any(o == "PRK" for o, _, _ in flow_triples(candidates))


def test_air_defence_systems_and_combat_vehicles_are_weapons(places: pd.DataFrame) -> None:
    text = "Moscow transferred at least one Pantsir air defense system and a combat vehicle to North Korea."
    one_way(extract(text, places), "RUS", "PRK", "weapons")


@pytest.mark.parametrize("text", [
    "The missiles are believed to have the range to strike targets anywhere in the United States.",
    "Beijing and Moscow sought to distance themselves from North Korea's nuclear weapons.",
    "Experts exchanged information about North Korean soldiers deployed in the Ukraine war.",
])
def test_capabilities_wishes_and_theatres_are_no_flows(places: pd.DataFrame, text: str) -> None:
    candidates = extract(text, places)
    assert not any(c in ("strike", "weapons") for c in candidates["category"])
    assert not any(d in ("USA", "UKR", "KOR") for d in candidates["destination_iso3"])


def test_soldiers_killed_in_action_are_no_attackers(places: pd.DataFrame) -> None:
    text = "A notebook belonged to one of the North Korean soldiers killed in action in the Kursk region."
    assert "strike" not in set(extract(text, places)["category"])


def test_troops_that_killed_are_still_attackers(places: pd.DataFrame) -> None:
    text = "Ukraine said its troops killed 30 North Korean soldiers in the Kursk region."
    one_way(extract(text, places), "UKR", "RUS", "strike")


def test_two_states_that_agree_are_bound_both_ways(places: pd.DataFrame) -> None:
    text = "TASS reported that North Korea and Russia agreed to increase the number of charter flights."
    assert {("RUS", "PRK", "agreement"), ("PRK", "RUS", "agreement")} <= flow_triples(extract(text, places))


def test_accused_of_preparing_to_send(places: pd.DataFrame) -> None:
    text = "Zelenskiy has accused Pyongyang of preparing to send 10,000 soldiers to Russia."
    candidates = extract(text, places)
    assert one_way(candidates, "PRK", "RUS", "troops")["status"] == "claimed"
    assert not any(o == "UKR" for o, _, _ in flow_triples(candidates))


def test_a_delegation_present_in_another_state_visits_it(places: pd.DataFrame) -> None:
    row = one_way(extract("A Russian military delegation is in North Korea this week.", places), "RUS", "PRK",
                  "diplomatic")
    assert "delegation" in row["reason"]


def test_weapons_sent_to_strengthen_a_states_defences_go_to_it(places: pd.DataFrame) -> None:
    text = "Russia is believed to have provided anti-air missiles to strengthen Pyongyang's air defense system."
    candidates = extract(text, places)
    one_way(candidates, "RUS", "PRK", "weapons")


@pytest.mark.parametrize("text", [
    "A delegation from South Korea briefed NATO on North Korea’s growing involvement in Russia’s war in Ukraine.",
    "North Korea sent 3,000 more troops to Russia, trained in drone countermeasures and infantry tactics.",
])
def test_a_delegation_on_a_war_and_counter_drone_training_are_no_flows(places: pd.DataFrame, text: str) -> None:
    candidates = extract(text, places)
    assert not any(c in ("diplomatic", "drones") for c in candidates["category"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Putin arrived in Pyongyang on Tuesday. He also sent troops to Belarus.", ("RUS", "BLR", "troops")),
    ("Putin arrived in Pyongyang on Tuesday. He is due to depart North Korea on Wednesday for a visit to Vietnam.",
     ("RUS", "VNM", "diplomatic")),
])
def test_he_opening_a_sentence_is_the_official_of_the_sentence_before(places: pd.DataFrame, text: str,
                                                                       expected: tuple[str, str, str]) -> None:
    assert expected in flow_triples(extract(text, places))


def test_he_after_a_state_is_nobody(places: pd.DataFrame) -> None:
    assert ("RUS", "CUB", "oil") not in flow_triples(extract("Russia sent troops to Belarus. He also sent oil to Cuba.",
                                                             places))


@pytest.mark.parametrize(("text", "visitor", "host"), [
    ("In September last year, Putin met Kim Jong Un at the Vostochny Cosmodrome in the Russian Far East.", "PRK",
     "RUS"),
    ("Kim Jong Un met Putin in Pyongyang.", "RUS", "PRK"),
    ("Putin met Kim Jong Un in Pyongyang.", "RUS", "PRK"),
])
def test_where_two_leaders_meet_says_who_hosts(places: pd.DataFrame, text: str, visitor: str, host: str) -> None:
    one_way(extract(text, places), visitor, host, "diplomatic")


def test_who_is_met_by_a_host_is_the_visitor(places: pd.DataFrame) -> None:
    text = "Kim Jong Un arrived in Vladivostok on Saturday where he was met by Russian defence minister Sergei Shoigu."
    candidates = extract(text, places)
    one_way(candidates, "PRK", "RUS", "diplomatic")


def test_the_country_named_by_the_place_may_be_either_so_it_hosts_nobody(places: pd.DataFrame) -> None:
    text = "Lavrov met with his North Korean counterpart Choe Son Hui in Wonsan, a city on the country’s east coast."
    one_way(extract(text, places), "RUS", "PRK", "diplomatic")


def test_a_possessive_before_a_verb_qualifies_no_item(places: pd.DataFrame) -> None:
    text = "Ukraine’s army fired artillery at North Korean soldiers in Russia."
    candidates = extract(text, places)
    one_way(candidates, "UKR", "RUS", "strike")
    assert ("PRK", "RUS", "strike") not in flow_triples(candidates), "the soldiers fired at fired nothing"


def test_troops_of_a_clause_before_while_are_not_the_next_clauses(places: pd.DataFrame) -> None:
    text = ("Ukrainian officials said Ukraine and North Korean troops engaged in fighting while Ukraine’s army fired "
            "artillery at North Korean soldiers in Russia’s Kursk border region.")
    candidates = extract(text, places)
    one_way(candidates, "UKR", "RUS", "strike")
    assert ("PRK", "RUS", "strike") not in flow_triples(candidates)


@pytest.mark.parametrize(("text", "expected"), [
    ("A Russian train was providing oil to a North Korean oil tanker.", ("RUS", "PRK", "oil")),
    ("Russia sent weapons to North Korean troops.", ("RUS", "PRK", "weapons")),
])
def test_to_a_demonym_names_the_receiver_and_not_the_cargo(places: pd.DataFrame, text: str,
                                                           expected: tuple[str, str, str]) -> None:
    found = flow_triples(extract(text, places))
    assert found == {expected}, "the receiving troops or tanker are not cargo"


@pytest.mark.parametrize(("text", "expected"), [
    ("Kim Jong Un's extended tour of Russia's far eastern region began Tuesday.", ("PRK", "RUS", "diplomatic")),
    ("The Russian foreign minister arrived in North Korea from the Malaysian capital of Kuala Lumpur, where he "
     "participated in the ministerial meetings.", ("RUS", "MYS", "diplomatic")),
    ("Governor Oleg Kozhemyako of Russia reached agreements on group travel with the North Korean prime minister.",
     ("RUS", "PRK", "agreement")),
])
def test_tours_ministerial_participation_and_agreements_reached(places: pd.DataFrame, text: str,
                                                                expected: tuple[str, str, str]) -> None:
    found = flow_triples(extract(text, places))
    assert expected in found
    assert not any(c == "troops" for _, _, c in found)


def test_where_an_arriving_official_came_from_sends_nothing(places: pd.DataFrame) -> None:
    text = "The Russian foreign minister arrived in North Korea from Kuala Lumpur, Malaysia, on Friday."
    assert flow_triples(extract(text, places)) == {("RUS", "PRK", "diplomatic")}


def test_any_transfer_is_hypothetical(places: pd.DataFrame) -> None:
    text = "Seoul and Washington said any arms transfers between the North and Russia would violate UN resolutions."
    assert extract(text, places).empty


def test_n_korea_is_north_korea(places: pd.DataFrame) -> None:
    one_way(extract("Russia shipped oil to N. Korea last year.", places), "RUS", "PRK", "oil")


def test_accused_of_previously_providing_is_the_accused(places: pd.DataFrame) -> None:
    text = "The US has accused North Korea of previously providing ammunition, artillery shells and rockets to Russia."
    candidates = extract(text, places)
    one_way(candidates, "PRK", "RUS", "weapons")
    assert not any(o == "USA" for o, _, _ in flow_triples(candidates))


@pytest.mark.parametrize("text", [
    "Russia has fired North Korean-supplied missiles into Ukraine twice in the past week.",
    "The North Korean-made missiles were fired at Ukraine on December 30.",
])
def test_a_maker_in_a_compound_adjective_neither_fires_nor_sends_to_the_target(places: pd.DataFrame, text: str) -> None:
    assert not any(o == "PRK" and d == "UKR" for o, d, _ in flow_triples(extract(text, places)))


@pytest.mark.parametrize("text", [
    "Due in part to our sanctions and export controls, Russia has become increasingly isolated.",
    "Images showed Russian tourists arriving at Pyongyang airport with winter sports equipment.",
    "Mr Putin’s first meeting with Mr Kim Jong Un was held in 2019.",
])
def test_policies_civil_equipment_and_a_meeting_of_no_direction_are_no_flows(places: pd.DataFrame, text: str) -> None:
    assert extract(text, places).empty


def test_who_is_blamed_for_supplying_supplied(places: pd.DataFrame) -> None:
    text = ("New Zealand has added its voice to international condemnation of North Korea for supplying Russia with "
            "missiles.")
    candidates = extract(text, places)
    one_way(candidates, "PRK", "RUS", "weapons")
    assert not any(o == "NZL" for o, _, _ in flow_triples(candidates)), "a reason for blame is no payment"


def test_a_kind_of_what_follows_is_no_item_of_its_own(places: pd.DataFrame) -> None:
    text = "Moscow could give Kim Jong Un access to some of Russia’s sensitive missile and other technology."
    assert flow_triples(extract(text, places)) == {("RUS", "PRK", "military_technology")}


def test_a_treaty_between_two_states_binds_those_two_not_its_critics(places: pd.DataFrame) -> None:
    text = ("South Korea’s Foreign Minister Cho Tae-yul and US Secretary of State Antony Blinken condemned the new "
            "treaty between Russia and North Korea as a serious threat to regional peace.")
    assert {t for t in flow_triples(extract(text, places)) if t[2] == "agreement"} == {
        ("RUS", "PRK", "agreement"), ("PRK", "RUS", "agreement")}


def test_the_pact_named_again_is_the_earlier_one(places: pd.DataFrame) -> None:
    text = ("Putin and Kim Jong Un signed a treaty on Wednesday. Seoul will review the possibility of supplying weapons "
            "to Ukraine in response to the landmark pact.")
    candidates = extract(text, places)
    later = candidates[candidates["quote"].str.startswith("Seoul")]
    assert {t for t in flow_triples(later) if t[2] == "agreement"} == {("RUS", "PRK", "agreement"),
                                                                       ("PRK", "RUS", "agreement")}
    assert "named before" in later[later["category"] == "agreement"]["reason"].iloc[0]
    assert extract("Seoul will review supplying weapons to Ukraine in response to the landmark pact.", places)[
        "category"].tolist() == ["weapons"], "with no earlier agreement, the pact binds nobody named here"


def test_each_possessor_of_a_list_has_its_own_flow(places: pd.DataFrame) -> None:
    text = ("Bailey detailed evidence of North Korea's arms transfers to Russia, Russia's transfer of military "
            "technology to North Korea, and Russia's training of North Korean troops in Russia.")
    found = flow_triples(extract(text, places))
    assert {("PRK", "RUS", "weapons"), ("RUS", "PRK", "military_technology")} <= found
    assert ("RUS", "PRK", "troops") not in found


def test_a_leader_crossing_into_a_state_travels(places: pd.DataFrame) -> None:
    assert flow_triples(extract("Kim Jong Un arrived aboard his train, a day after crossing into Russia.", places)) == \
        {("PRK", "RUS", "diplomatic")}


def test_inviting_a_situation_is_no_invitation(places: pd.DataFrame) -> None:
    text = "Military cooperation between Russia and the DPRK invites the further deterioration of the situation in Ukraine."
    assert "diplomatic" not in set(extract(text, places)["category"])
