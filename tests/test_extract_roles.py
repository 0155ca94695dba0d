"""Roles beyond the word lists: purpose clauses, theatres, victims, qualified names, clause breaks, new items."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import candidate_rows as rows
from tracker.extract import build_lexicon, extract_candidates, find_mentions

PUBLISHED = "2024-11-22"




def directions(found: pd.DataFrame, category: str) -> list[tuple[str, str]]:
    """The (origin, destination) of the candidates of one category, in order."""
    chosen = found[found["category"] == category]
    return list(zip(chosen["origin_iso3"], chosen["destination_iso3"], strict=True))


@pytest.mark.parametrize("text", [
    "North Korea is believed to have sent more than 10,000 troops to fight alongside Russia in the Kursk region.",
    "North Korea sent more than 10,000 soldiers to help Russia fight Ukraine.",
    "North Korea has sent troops to support Russia's war against Ukraine.",
    "North Korea has sent more than 10,000 troops to Russia to support its war against Ukraine.",
    "Weapons and troops from North Korea were sent to assist Russia in its ongoing war in Ukraine.",
])
def test_a_purpose_clause_names_the_receiver_and_the_war_is_no_receiver(places: pd.DataFrame, text: str) -> None:
    found = rows(text, places)
    assert ("PRK", "RUS", "troops") in found
    assert not any(destination == "UKR" for _, destination, _ in found), "the theatre of the war became a receiver"


def test_the_victim_of_a_strike_is_not_its_attacker(places: pd.DataFrame) -> None:
    text = ("The Wall Street Journal reported Thursday that a senior North Korean general was wounded in a Ukrainian "
            "strike in the Kursk region.")
    # the general is no attacker; the rules place him, with his state, where the strike hit
    assert rows(text, places) == {("UKR", "RUS", "strike"), ("PRK", "RUS", "command_personnel")}


@pytest.mark.parametrize("text", [
    "Dozens of North Korean troops were killed in Ukraine's Kursk offensive, Seoul said.",
    "Several Russian soldiers were killed in a Ukrainian strike in Belgorod.",
])
def test_the_victims_are_placed_only_in_a_place_not_in_the_attackers_state(places: pd.DataFrame, text: str) -> None:
    found = rows(text, places)
    assert not any(d == "UKR" for _, d, _ in found), "the attacker's state became where the victims were sent"
    assert not any(o in ("PRK", "RUS") and c == "strike" for o, _, c in found), "a victim became the attacker"


def test_a_qualified_north_is_north_korea(places: pd.DataFrame) -> None:
    text = ("North Korea tested a missile. "
            "Washington has accused the nuclear-armed North of sending more than 10,000 soldiers to Russia.")
    mentions = find_mentions(text, build_lexicon(places))
    assert [m.iso3 for m in mentions] == ["PRK", "USA", "PRK", "RUS"]
    assert find_mentions(text.replace("North Korea", "Pyongyang"), build_lexicon(places), korea=False)[1].iso3 == "USA"
    assert ("PRK", "RUS", "troops") in rows(text, places)


def test_a_new_clause_ends_the_items_of_a_flow_word(places: pd.DataFrame) -> None:
    text = ("Seoul has accused North Korea of sending soldiers to help Russia, with experts saying Kim Jong Un was "
            "eager to gain advanced technology in return.")
    found = rows(text, places)
    assert ("PRK", "RUS", "troops") in found
    assert ("PRK", "RUS", "military_technology") not in found


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea recently claimed that a South Korean drone dropped leaflets over Pyongyang.",
     {("KOR", "PRK", "drones")}),
    ("A senior official confirmed that North Korea has received Russian air defense radar, strike systems, and fire "
     "control systems.", {("RUS", "PRK", "weapons")}),
    ("Russia may provide North Korea with technological assistance in missile and satellite programs.",
     {("RUS", "PRK", "military_technology")}),
    ("The US confirmed that troops were sent to Russia’s Kursk region, where Ukraine launched a surprise incursion "
     "in early August.", {("UKR", "RUS", "strike")}),
    ("On Thursday, Ukraine claimed that Russia had launched an ICBM missile targeting Dnipro.",
     {("RUS", "UKR", "strike")}),
])
def test_items_and_flow_words_outside_the_first_lists(places: pd.DataFrame, text: str,
                                                      expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


def test_a_delegation_sent_is_a_diplomatic_move(places: pd.DataFrame) -> None:
    text = "In July, North Korea sent a delegation of its elite military officers to Moscow for the first time."
    assert rows(text, places) == {("PRK", "RUS", "diplomatic")}


@pytest.mark.parametrize("text", [
    "In July, North Korea sent a delegation of military officers to Moscow, marking a deepening of military "
    "cooperation between the two countries.",
    "Since North Korea failed to launch a satellite on May 27, Russia has said little.",
    "Shin said North Korea has been working on satellite-related technology with Russia.",
])
def test_words_that_move_nothing_between_states(places: pd.DataFrame, text: str) -> None:
    found = rows(text, places)
    assert not any(category in ("agreement", "strike", "military_technology", "command_personnel")
                   for _, _, category in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia had given North Korea economic and military technology support.",
     {("RUS", "PRK", "economic_aid"), ("RUS", "PRK", "military_technology")}),
    ("Russia has provided North Korea with financial and military aid.",
     {("RUS", "PRK", "economic_aid"), ("RUS", "PRK", "weapons")}),
])
def test_a_shared_head_makes_two_flows(places: pd.DataFrame, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


def test_a_flow_with_no_state_takes_the_previous_sentences_states(places: pd.DataFrame) -> None:
    text = ("Russia sent missiles to North Korea. “We believe that there has also been economic aid in various forms,” "
            "Shin said.")
    found = extract_candidates(text, PUBLISHED, places)
    aid = found[found["category"] == "economic_aid"].iloc[0]
    assert (aid["origin_iso3"], aid["destination_iso3"]) == ("RUS", "PRK")
    assert aid["status"] == "assessed" and aid["hedge"] == "We believe" and aid["attributed_to"] == "Shin"
    assert "previous sentence" in aid["reason"] and "check" in aid["reason"], "the reason says the rule guessed"


def test_only_the_sentence_just_before_lends_its_states(places: pd.DataFrame) -> None:
    text = "Russia sent missiles to North Korea. The weather was fine. There has also been economic aid."
    assert rows(text, places) == {("RUS", "PRK", "weapons")}


def test_a_provision_is_a_flow_noun(places: pd.DataFrame) -> None:
    text = "Seoul is concerned about Russia's possible provision of missile technology to North Korea."
    found = extract_candidates(text, PUBLISHED, places)
    assert rows(text, places) == {("RUS", "PRK", "military_technology")}
    assert found.iloc[0]["status"] == "possible" and "possible" in found.iloc[0]["hedge"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials think Russia could supply fuel in a barter deal for North Korean weapons.",
     {("RUS", "PRK", "oil"), ("PRK", "RUS", "weapons")}),
    ("The US has condemned North Korea’s supply of arms to Russia.", {("PRK", "RUS", "weapons")}),
    ("North Korea dispatched rocket launcher specialists to Russia to teach soldiers how to use the weapons.",
     {("PRK", "RUS", "troops")}),
    ("North Korea has delivered 1 million artillery shells to Russia to aid its war against Ukraine.",
     {("PRK", "RUS", "weapons")}),
    ("North Korea sent shells to Russia to help fuel Putin's war on Ukraine.", {("PRK", "RUS", "weapons")}),
    ("It seems North Korea received technical help from Russia.", {("RUS", "PRK", "military_technology")}),
    ("North Korea sent shells to Russia. More shells were transported by sea to the Russian ports of Dunai.",
     {("PRK", "RUS", "weapons")}),
])
def test_wording_met_on_reports_the_rules_had_not_seen(places: pd.DataFrame, text: str,
                                                        expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


def test_the_transport_sentence_takes_its_sender_from_the_sentence_before(places: pd.DataFrame) -> None:
    text = "North Korea sent shells to Russia. More shells were transported by sea to the Russian ports of Dunai."
    found = extract_candidates(text, PUBLISHED, places)
    assert len(found) == 2 and found.iloc[1]["quote"].startswith("More shells")


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea will send thousands of sappers to Russia's Kursk region, the latest sign of expanding cooperation "
     "between the two nations.", {("PRK", "RUS", "troops")}),
    ("The first North Korean units had been deployed in the Kursk region, a Russian border area where Ukrainian "
     "forces staged a major incursion in August.", {("PRK", "RUS", "troops"), ("UKR", "RUS", "strike")}),
    ("NATO confirmed that Russia has engaged troops from North Korea in the war against Ukraine.",
     {("PRK", "RUS", "troops")}),
    ("Some North Korean units are likely heading to the border region of Kursk.", {("PRK", "RUS", "troops")}),
    ("Putin thanked North Korea for its participation in the war.", {("RUS", "PRK", "diplomatic")}),
    ("The Kremlin has previously dismissed reports about the North's troop deployment to Russia.", set()),
])
def test_wording_of_the_third_batch_of_unseen_reports(places: pd.DataFrame, text: str,
                                                       expected: set[tuple[str, str, str]]) -> None:
    assert rows("North Korea is in Korea. " + text, places) == expected


def test_in_return_without_for_sends_back_along_the_previous_flow(places: pd.DataFrame) -> None:
    text = ("North Korea has already sent thousands of troops to support Russia’s war against Ukraine. "
            "Washington and Seoul have expressed concern that, in return, Kim may seek Russian technology transfers.")
    found = extract_candidates(text, PUBLISHED, places)
    second = found[found["quote_start"] > 0]
    assert set(zip(second["origin_iso3"], second["destination_iso3"], second["category"], strict=True)) == {
        ("RUS", "PRK", "military_technology")}


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea will dispatch 6,000 personnel to Russia, reports said Tuesday.", {("PRK", "RUS", "troops")}),
    ("North Korean leader Kim Jong Un has ordered the dispatch of 6,000 specialists to Russia’s Kursk region, "
     "a Russian official said after a meeting with Kim on Tuesday.", {("PRK", "RUS", "troops")}),
])
def test_wording_of_the_fourth_batch_of_unseen_reports(places: pd.DataFrame, text: str,
                                                        expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


def test_a_flow_named_again_takes_the_previous_sentences_states(places: pd.DataFrame) -> None:
    text = ("Kim Jong Un has ordered the dispatch of 6,000 specialists to Russia. "
            "The deployment will include 5,000 construction workers, according to Shoigu.")
    found = extract_candidates(text, PUBLISHED, places)
    second = found[found["quote_start"] > 0]
    assert list(zip(second["origin_iso3"], second["destination_iso3"], second["category"], strict=True)) == [
        ("PRK", "RUS", "troops")]
    assert "previous sentence" in second.iloc[0]["reason"]


def test_the_user_of_weapons_receives_them_from_each_maker(places: pd.DataFrame) -> None:
    text = "Putin said the missile was fired in response to Ukraine's use of US and British-French long-range weapons."
    assert rows(text, places) == {("USA", "UKR", "weapons"), ("GBR", "UKR", "weapons"), ("FRA", "UKR", "weapons")}


def test_a_use_of_something_that_is_no_item_is_no_flow(places: pd.DataFrame) -> None:
    assert rows("Russia denounced the first use of Atacms inside its borders.", places) == set()


# --- people of a state, meetings and visits ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "iso3"), [
    ("Shoigu", "RUS"), ("Sergei Lavrov", "RUS"), ("Lavrov", "RUS"), ("Kim Yo Jong", "PRK"), ("Mr. Putin", "RUS"),
    ("Zelenskiy", "UKR"), ("Zelenskyy", "UKR"), ("Choe Son Hui", "PRK"), ("Mr. Kim", "PRK"),
])
def test_officials_named_by_title_or_surname_stand_for_their_state(places: pd.DataFrame, name: str,
                                                                    iso3: str) -> None:
    text = f"North Korea's envoy left. {name} traveled to Belarus on Tuesday."
    assert (iso3, "BLR", "diplomatic") in rows(text, places)


def test_a_surname_shared_across_states_stands_for_none_outside_a_text_about_korea(places: pd.DataFrame) -> None:
    assert rows("Mr. Kim traveled to Belarus on Tuesday.", places) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The North Korean leader was pleased. Mr. Kim met with Mr. Putin on Sept. 13 at the cosmodrome.", ("PRK", "RUS")),
    ("Putin met with Kim Jong Un in Pyongyang.", ("RUS", "PRK")),
])
def test_a_meeting_reads_the_subject_first_and_says_the_direction_needs_checking(places: pd.DataFrame, text: str,
                                                                                 expected: tuple[str, str]) -> None:
    found = extract_candidates(text, "2023-11-01", places)
    row = found[(found["origin_iso3"] == expected[0]) & (found["destination_iso3"] == expected[1])].iloc[0]
    assert row["category"] == "diplomatic" and "check who visited" in row["reason"]
    assert not ((found["origin_iso3"] == expected[1]) & (found["destination_iso3"] == expected[0])).any()


@pytest.mark.parametrize("text", [
    "During a visit to Pyongyang earlier this month, Shoigu and Kim Jong Un discussed the Kursk region.",
    "Wrapping up a one-day visit to Pyongyang, Russian Security Council Secretary Sergei Shoigu said Kim decided.",
    "After a two-day visit to North Korea, Lavrov praised the ties.",
])
def test_the_visitor_of_an_opening_visit_is_the_main_clauses_subject(places: pd.DataFrame, text: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert directions(found, "diplomatic") == [("RUS", "PRK")]
    assert "visitor" in found[found["category"] == "diplomatic"].iloc[0]["reason"]


def test_a_visit_with_no_visitor_named_proposes_nothing(places: pd.DataFrame) -> None:
    assert rows("During a visit to Pyongyang, the weather was cold.", places) == set()


def test_a_flow_whose_only_state_is_its_source_takes_the_previous_sentences_states(places: pd.DataFrame) -> None:
    text = ("Kim Jong Un has ordered the dispatch of 6,000 specialists to Russia, Shoigu said. "
            "The deployment will include 5,000 construction workers, according to Shoigu.")
    found = extract_candidates(text, PUBLISHED, places)
    second = found[found["quote"].str.startswith("The deployment")]
    assert list(zip(second["origin_iso3"], second["destination_iso3"], strict=True)) == [("PRK", "RUS")]
    assert "previous sentence" in second.iloc[0]["reason"]


# --- "its" and "their", presence without a flow word -------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Ukraine said its troops struck Russia.", ("UKR", "RUS", "strike")),
    ("Ukraine said Monday that its drones hit Russia.", ("UKR", "RUS", "drones")),
    ("Russia said its forces were sent to Belarus.", ("RUS", "BLR", "troops")),
    ("Minsk said its soldiers were sent to Russia.", ("BLR", "RUS", "troops")),
])
def test_its_before_what_flows_is_the_nearest_subject(places: pd.DataFrame, text: str,
                                                      expected: tuple[str, str, str]) -> None:
    assert expected in rows(text, places)


def test_their_with_two_owners_is_left_undecided(places: pd.DataFrame) -> None:
    found = extract_candidates("Pyongyang and Moscow said their soldiers were sent to Belarus.", PUBLISHED, places)
    assert not ((found["origin_iso3"].isin(["PRK", "RUS"])) & (found["category"] == "troops")).any()


def test_its_before_no_flow_word_names_no_state(places: pd.DataFrame) -> None:
    text = "North Korea has sent more than 10,000 troops to Russia to support its war against Ukraine."
    assert rows(text, places) == {("PRK", "RUS", "troops")}


@pytest.mark.parametrize("text", [
    "North Korean troops in Russia are training near the border.",
    "Army units from the DPRK suffered losses near the villages of Plekhovo, Martynovka in the Kursk region.",
    "Ukraine said its troops killed 30 North Korean soldiers who Russia had deployed to its western Kursk region.",
    "Some 3,000 North Korean soldiers are believed to be in Russia's Kursk region.",
])
def test_troops_of_one_state_placed_in_another_are_a_troops_flow(places: pd.DataFrame, text: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert directions(found, "troops") == [("PRK", "RUS")]
    assert "presence" in found[found["category"] == "troops"].iloc[0]["reason"]
    assert not ((found["origin_iso3"] == "UKR") & (found["category"] == "troops")).any(), "the attacker moved"


@pytest.mark.parametrize("text", [
    "The soldiers were wounded while fighting Ukrainian troops in Russia's Kursk region.",
    "North Korean soldiers fought against Ukrainian troops in the Kursk region.",
])
def test_troops_fought_against_are_no_presence(places: pd.DataFrame, text: str) -> None:
    assert not any(origin == "UKR" for origin, _, _ in rows(text, places))


def test_a_presence_keeps_its_hedge_and_a_negated_one_is_no_flow(places: pd.DataFrame) -> None:
    hedged = extract_candidates("Some 3,000 North Korean soldiers are believed to be in Russia's Kursk region.",
                                PUBLISHED, places)
    assert list(hedged["status"]) == ["assessed"] and "believed" in hedged.iloc[0]["hedge"]
    assert rows("Seoul said there is no evidence that North Korean troops are in Russia.", places) == set()


def test_troops_a_flow_word_carries_are_not_proposed_again_as_a_presence(places: pd.DataFrame) -> None:
    text = "Russia received the deployment of more than 10,000 North Korean troops to Ukraine."
    found = extract_candidates(text, PUBLISHED, places)
    assert "presence" not in " ".join(found["reason"])


@pytest.mark.parametrize("deal", [
    "He also added that the deal reportedly included economic aid and access to Russian military technology.",
    "The agreement also covers economic aid and military technology, officials said.",
])
def test_what_a_deal_named_before_included_goes_the_previous_sentences_way(places: pd.DataFrame, deal: str) -> None:
    text = f"North Korea appears to have received anti-aircraft missiles from Russia. {deal}"
    found = extract_candidates(text, PUBLISHED, places)
    second = found[found["quote"] == deal]
    assert set(zip(second["origin_iso3"], second["destination_iso3"], second["category"], strict=True)) == {
        ("RUS", "PRK", "economic_aid"), ("RUS", "PRK", "military_technology")}
    assert all("inferred" in reason for reason in second["reason"])


def test_a_deal_naming_a_third_state_is_not_read_as_the_previous_one(places: pd.DataFrame) -> None:
    text = ("North Korea appears to have received anti-aircraft missiles from Russia. "
            "The deal with Iran included military technology.")
    found = extract_candidates(text, PUBLISHED, places)
    assert not found["quote"].str.startswith("The deal").any()


@pytest.mark.parametrize(("first", "expected"), [
    ("Russia has supplied North Korea with oil since March.", ("RUS", "PRK")),
    ("North Korea received oil from Russia in March.", ("RUS", "PRK")),
    ("Oil was shipped by Iran to Syria last year.", ("IRN", "SYR")),
])
def test_a_flow_noun_naming_no_state_is_the_latest_flow_of_its_kind(places: pd.DataFrame, first: str,
                                                                    expected: tuple[str, str]) -> None:
    second = "The first documented oil transfer occurred on March 7, 2024."
    found = extract_candidates(f"{first} {second}", PUBLISHED, places)
    later = found[found["quote"] == second]
    assert list(zip(later["origin_iso3"], later["destination_iso3"], strict=True)) == [expected]
    assert "inferred" in later.iloc[0]["reason"] and later.iloc[0]["date_start"] == "2024-03-07"


def test_a_flow_noun_with_no_earlier_flow_proposes_nothing(places: pd.DataFrame) -> None:
    text = "Officials in Seoul met on Monday. The first documented oil transfer occurred in March."
    found = extract_candidates(text, PUBLISHED, places)
    assert not found["quote"].str.startswith("The first").any()


def test_a_place_named_before_a_long_where_clause_is_struck(places: pd.DataFrame) -> None:
    text = ("Some North Korean units are likely heading to the border region of Kursk, where Russia is trying to "
            "repel the Ukrainian offensive.")
    assert ("UKR", "RUS", "strike") in rows(text, places)


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia is using ballistic missiles supplied by North Korea against Ukraine.", {("PRK", "RUS", "weapons")}),
    ("Russia fired missiles made and shipped by North Korea.", {("PRK", "RUS", "weapons")}),
    ("The shipments include weapons and troops from North Korea sent to assist Russia.",
     {("PRK", "RUS", "weapons"), ("PRK", "RUS", "troops")}),
    ("Belarus received drones delivered by Iran.", {("IRN", "BLR", "drones")}),
])
def test_a_participle_right_after_what_it_moves_is_passive(places: pd.DataFrame, text: str,
                                                           expected: set[tuple[str, str, str]]) -> None:
    found = rows(text, places)
    assert expected <= found
    assert not any((d, o, c) in found for o, d, c in expected), "the subject before was read as the sender"


def test_an_active_participle_keeps_its_subject_as_sender(places: pd.DataFrame) -> None:
    assert rows("North Korea has shipped missiles to Russia.", places) == {("PRK", "RUS", "weapons")}
    assert rows("The missiles Russia shipped reached Belarus.", places) != {("BLR", "RUS", "weapons")}


@pytest.mark.parametrize("cue", ["in return for", "in exchange for"])
def test_a_deployment_given_in_return_is_troops_the_other_way(places: pd.DataFrame, cue: str) -> None:
    text = f"Russia provided North Korea with air-defence systems {cue} the deployment, Shin said."
    found = rows(text, places)
    assert {("RUS", "PRK", "weapons"), ("PRK", "RUS", "troops")} <= found
    assert ("RUS", "PRK", "troops") not in found


@pytest.mark.parametrize(("text", "status"), [
    ("US officials estimate that about 12,000 North Korean soldiers are fighting for Russia.", "assessed"),
    ("About 12,000 North Korean soldiers are fighting for Russia.", "reported"),
])
def test_troops_fighting_for_a_state_go_to_it(places: pd.DataFrame, text: str, status: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert list(zip(found["origin_iso3"], found["destination_iso3"], found["category"], found["status"],
                    strict=True)) == [("PRK", "RUS", "troops", status)]


@pytest.mark.parametrize("text", [
    "North Korea has supplied Russia with artillery shells, and in return, it has received oil and technology.",
    "Russia has received artillery shells from North Korea; in return, Pyongyang has received oil and technology.",
])
def test_a_bare_in_return_reverses_the_flow_before_it_in_the_same_sentence(places: pd.DataFrame, text: str) -> None:
    found = rows(text, places)
    assert {("PRK", "RUS", "weapons"), ("RUS", "PRK", "oil"), ("RUS", "PRK", "military_technology")} <= found
    assert ("PRK", "RUS", "oil") not in found


# --- rules from the fifth batch's constructions -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The resolution prohibits the export of all weapons from North Korea to Russia.",
    "The move is aimed at deterring Pyongyang from sending more troops to Russia.",
    "Sanctions are meant to prevent North Korea from shipping shells to Russia.",
    "The treaty pledged Russia and North Korea to provide aid to one another.",
])
def test_what_is_forbidden_prevented_or_mutually_pledged_is_no_flow(places: pd.DataFrame, text: str) -> None:
    assert not any(category in ("weapons", "troops", "economic_aid") for _, _, category in rows(text, places))


def test_a_strikes_object_noun_is_no_second_strike(places: pd.DataFrame) -> None:
    found = rows("Ukraine may use the missiles to hit targets inside Russia.", places)
    assert ("UKR", "RUS", "strike") in found and len({c for _, _, c in found if c == "strike"}) == 1


@pytest.mark.parametrize(("text", "attacker"), [
    ("Russia has been using North Korean-produced missiles to attack Ukraine.", "RUS"),
    ("Iranian-made drones are killing civilians in Ukraine.", "IRN"),  # no user named: the maker's
])
def test_the_user_of_a_weapon_made_elsewhere_attacks_with_it(places: pd.DataFrame, text: str, attacker: str) -> None:
    strikes = {(o, d) for o, d, c in rows(text, places) if c in ("strike", "drones")}
    assert strikes == {(attacker, "UKR")}


def test_troops_training_alongside_anothers_soldiers_are_sent_to_it(places: pd.DataFrame) -> None:
    assert ("PRK", "RUS", "troops") in rows("North Koreans were training alongside Russian soldiers.", places)
    assert ("RUS", "PRK", "troops") not in rows("North Koreans were training alongside Russian soldiers.", places)


def test_what_an_authorisation_responds_to_is_a_flow_of_its_own(places: pd.DataFrame) -> None:
    text = ("Biden has authorized Ukraine to use American missiles inside Russia in response to North Korea's "
            "deployment of thousands of troops to aid Moscow's war effort.")
    assert {("USA", "UKR", "agreement"), ("PRK", "RUS", "troops")} <= rows(text, places)


def test_the_subject_of_a_passive_is_its_own(places: pd.DataFrame) -> None:
    text = ("The decision to let Kyiv hit targets inside Russia comes as some 10,000 elite North Korean troops have "
            "been sent to Kursk to help Moscow's forces.")
    found = rows(text, places)
    assert ("PRK", "RUS", "troops") in found
    assert ("PRK", "RUS", "strike") not in found, "a strike's attacker was taken from a troops flow"


@pytest.mark.parametrize(("second", "expected"), [
    ("The delivery of oil came a day later.", set()),  # "the delivery of X": no earlier flow referred to
    ("The first documented oil delivery came a day later.", {("RUS", "PRK", "oil")}),
])
def test_only_a_definite_flow_noun_refers_to_the_latest_flow(places: pd.DataFrame, second: str,
                                                             expected: set[tuple[str, str, str]]) -> None:
    text = f"Russia sent oil to North Korea in March. Officials in Seoul met. {second}"
    found = extract_candidates(text, PUBLISHED, places)
    later = found[found["quote"] == second]
    assert set(zip(later["origin_iso3"], later["destination_iso3"], later["category"], strict=True)) == expected


@pytest.mark.parametrize("text", [
    "Sergei Shoigu arrived in Pyongyang on Tuesday.",
    "On June 4, Shoigu also held a meeting with Kim Jong Un in Pyongyang.",
    "On March 21, Shoigu conveyed during a meeting with Kim Jong Un that Putin was paying attention.",
])
def test_an_official_arriving_or_meeting_is_a_visit_to_be_checked(places: pd.DataFrame, text: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert list(zip(found["origin_iso3"], found["destination_iso3"], found["category"], strict=True)) == [
        ("RUS", "PRK", "diplomatic")]


def test_troops_arriving_are_troops_not_a_visit(places: pd.DataFrame) -> None:
    assert rows("North Korean troops arrived in Russia on Tuesday.", places) == {("PRK", "RUS", "troops")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The talks will cover the comprehensive strategic partnership between Russia and North Korea.",
     {("RUS", "PRK", "agreement"), ("PRK", "RUS", "agreement")}),
    ("They discussed strengthening the strategic partnership between Russia and North Korea.", set()),
])
def test_the_comprehensive_strategic_partnership_is_the_treaty(places: pd.DataFrame, text: str,
                                                               expected: set[tuple[str, str, str]]) -> None:
    assert {r for r in rows(text, places) if r[2] == "agreement"} == expected


def test_a_passive_naming_no_party_is_the_previous_sentences_flow(places: pd.DataFrame) -> None:
    first = "North Korea has transferred several million artillery rounds to Russia."
    second = "“You can say that at least several million shells have been sent,” the minister said."
    found = extract_candidates(f"{first} {second}", PUBLISHED, places)
    later = found[found["quote"] == second]
    assert list(zip(later["origin_iso3"], later["destination_iso3"], later["category"], strict=True)) == [
        ("PRK", "RUS", "weapons")]
    assert "inferred" in later.iloc[0]["reason"]


def test_a_passive_naming_its_receiver_is_not_the_previous_flow(places: pd.DataFrame) -> None:
    first = "North Korea has transferred several million artillery rounds to Russia."
    second = "More shells have been sent to Belarus, officials said."
    found = extract_candidates(f"{first} {second}", PUBLISHED, places)
    later = found[found["quote"] == second]
    assert "inferred" not in " ".join(later["reason"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Commanders said they repelled the invasion of the Russian Federation by the Ukrainian authorities.",
     {("UKR", "RUS", "strike")}),
    ("North Korea sent shells to support Russia's invasion of Ukraine.", {("PRK", "RUS", "weapons")}),
])
def test_an_invasion_is_a_strike_only_with_its_agent_named(places: pd.DataFrame, text: str,
                                                           expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


def test_what_a_state_is_thanked_for_is_no_new_flow(places: pd.DataFrame) -> None:
    text = "North Korea sent troops to Russia. Putin thanked North Korea for its participation in the war."
    found = extract_candidates(text, PUBLISHED, places)
    later = found[found["quote"].str.startswith("Putin")]
    assert set(later["category"]) <= {"diplomatic"}


def test_a_states_participation_is_its_troops(places: pd.DataFrame) -> None:
    text = ("North Korea deployed troops to Russia. Moscow has confirmed the North's participation, while Putin "
            "heralded the feat of Pyongyang's troops.")
    found = extract_candidates(text, PUBLISHED, places)
    later = found[found["quote"].str.startswith("Moscow")]
    assert list(zip(later["origin_iso3"], later["destination_iso3"], later["category"], strict=True)) == [
        ("PRK", "RUS", "troops")]


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korean soldiers are fighting in Russia's Kursk region, Seoul and Washington say.", {("PRK", "RUS")}),
    ("Ukraine has said North Korean troops were involved in fighting in Kursk.", {("PRK", "RUS")}),
    ("North Korean troops are fighting in Ukraine, officials say.", set()),  # the war's theatre
])
def test_troops_fighting_in_a_region_are_there(places: pd.DataFrame, text: str, expected: set[tuple[str, str]]) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert set(directions(found, "troops")) == expected
    assert set(found[found["category"] == "troops"]["status"]) <= {"stated"}


def test_what_help_is_meant_to_upgrade_does_not_flow(places: pd.DataFrame) -> None:
    assert not any(c == "weapons" for _, _, c in rows("North Korea could receive help from Russia to upgrade its "
                                                      "missiles.", places))
    assert ("RUS", "PRK", "weapons") in rows("North Korea could receive missiles from Russia.", places)


def test_an_envoys_agreements_are_no_cargo(places: pd.DataFrame) -> None:
    """The arrival is a visit, not a delivery of agreements; the agreements reached bind both states (one row
    each way, linked), never one way as cargo."""
    text = ("Sergei Shoigu arrived in Pyongyang to hold talks as part of the implementation of agreements reached "
            "earlier.")
    found = extract_candidates(text, PUBLISHED, places)
    assert rows(text, places) == {("RUS", "PRK", "diplomatic"), ("RUS", "PRK", "agreement"), ("PRK", "RUS", "agreement")}
    agreements = found[found["category"] == "agreement"]
    assert agreements["exchange_id"].nunique() == 1 and agreements["exchange_id"].iloc[0] != ""
    assert not any(found[found["category"] == "diplomatic"]["reason"].str.contains("agreement"))


@pytest.mark.parametrize("cue", ["In return", "In exchange"])
def test_who_would_consider_a_transfer_given_in_return_makes_it(places: pd.DataFrame, cue: str) -> None:
    text = (f"Analysts said North Korea may agree to supply Russia with ammunition. {cue}, Moscow might consider "
            "technology transfers involving spy satellites.")
    found = extract_candidates(text, PUBLISHED, places)
    later = found[found["quote"].str.startswith(cue)]
    assert list(zip(later["origin_iso3"], later["destination_iso3"], later["category"], later["status"],
                    strict=True)) == [("RUS", "PRK", "military_technology", "possible")]


def test_provisions_of_a_treaty_are_no_supplies(places: pd.DataFrame) -> None:
    text = ("The talks will cover certain provisions of the comprehensive strategic partnership between Russia and "
            "North Korea.")
    assert rows(text, places) == {("RUS", "PRK", "agreement"), ("PRK", "RUS", "agreement")}
    assert ("RUS", "PRK", "weapons") in rows("The provision of missiles by Russia to North Korea worries Seoul.", places)


def test_a_mutual_treaty_naming_one_state_binds_the_two_named_last(places: pd.DataFrame) -> None:
    text = ("North Korea has deployed troops to Russia. "
            "Kim Jong Un's decision, it said, was in accordance with a mutual defence treaty.")
    found = extract_candidates(text, PUBLISHED, places)
    later = found[found["quote"].str.startswith("Kim")]
    assert set(zip(later["origin_iso3"], later["destination_iso3"], later["category"], strict=True)) == {
        ("PRK", "RUS", "agreement"), ("RUS", "PRK", "agreement")}
    assert all("inferred" in reason for reason in later["reason"])
    assert later["exchange_id"].nunique() == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul has said it may consider supplying weapons to Ukraine.", ("KOR", "UKR", "weapons", "possible")),
    ("Minsk said it would send troops to Russia.", ("BLR", "RUS", "troops", "possible")),
])
def test_it_after_a_speaker_with_no_other_subject_is_the_speaker(places: pd.DataFrame, text: str,
                                                                  expected: tuple[str, str, str, str]) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert list(zip(found["origin_iso3"], found["destination_iso3"], found["category"], found["status"],
                    strict=True)) == [expected]
    assert "the speaker" in found.iloc[0]["reason"]


def test_it_after_a_named_subject_is_that_subject_not_the_first_state(places: pd.DataFrame) -> None:
    text = ("Since North Korea failed to launch a satellite, Russia had announced that it would provide "
            "satellite-related technology, Shin said.")
    assert ("PRK", "RUS", "military_technology") not in rows(text, places)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Pentagon reported the deployment of approximately 10,000 North Korean to Russia for training.",
     [("PRK", "RUS")]),
    ("About 3,000 North Koreans were sent to Russia.", [("PRK", "RUS")]),
    ("Russians had deployed North Korean missiles.", []),  # no number: people are not counted
])
def test_a_counted_demonym_stands_for_troops(places: pd.DataFrame, text: str, expected: list[tuple[str, str]]) -> None:
    assert directions(extract_candidates(text, PUBLISHED, places), "troops") == expected


def test_arms_intended_for_a_state_go_to_it(places: pd.DataFrame) -> None:
    assert ("PRK", "RUS", "weapons") in rows("North Korea transported arms intended for Russia.", places)


def test_a_transportation_naming_no_direction_is_the_latest_flow_of_its_kind(places: pd.DataFrame) -> None:
    text = ("North Korea sent more than 1,000 containers to Russia. "
            "An official confirmed the reports of container transportation between North Korea and Russia.")
    found = extract_candidates(text, PUBLISHED, places)
    later = found[found["quote"].str.startswith("An official")]
    assert directions(later, "weapons") == [("PRK", "RUS")]
    assert "inferred" in later.iloc[0]["reason"]


def test_they_transport_arms_intended_for_a_state(places: pd.DataFrame) -> None:
    text = ("North Korea sent containers to Russia. "
            "They could have been used to transport arms intended for Russia, according to the agency.")
    found = extract_candidates(text, PUBLISHED, places)
    later = found[found["quote"].str.startswith("They")]
    assert directions(later, "weapons") == [("PRK", "RUS")]
    assert list(later["status"]) == ["possible"]


@pytest.mark.parametrize("cue", ["in return", "in exchange"])
def test_what_a_state_would_gain_in_return_reverses_the_flow_before_it(places: pd.DataFrame, cue: str) -> None:
    text = ("Washington has accused North Korea of sending soldiers to help Russia, with experts saying Kim Jong Un "
            f"was eager to gain advanced technology, and battle experience for his troops, {cue}.")
    found = rows(text, places)
    assert {("PRK", "RUS", "troops"), ("RUS", "PRK", "military_technology")} <= found
    assert ("RUS", "PRK", "troops") not in found, "what a state gains is never troops"


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul is closely monitoring the possibility of Russia transferring military technology to North Korea.",
     ("RUS", "PRK", "military_technology", "possible")),
    # NOTE: believed to be sought, so only possible: both hedges are kept, the weaker status wins.
    ("Pyongyang is also believed to be seeking Russian technology for its spy satellites.",
     ("RUS", "PRK", "military_technology", "possible")),
])
def test_a_gerunds_own_subject_and_a_sought_item(places: pd.DataFrame, text: str,
                                                 expected: tuple[str, str, str, str]) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert list(zip(found["origin_iso3"], found["destination_iso3"], found["category"], found["status"],
                    strict=True)) == [expected]


def test_a_state_before_that_is_no_subject_of_the_clause_after_it(places: pd.DataFrame) -> None:
    text = "Washington and Seoul have expressed concern that, in return, Kim may seek Russian technology transfers."
    assert not any(destination in ("KOR", "USA") for _, destination, _ in rows(text, places))


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia's military support to North Korea could pose a threat, he warned.", {("RUS", "PRK", "weapons")}),
    ("North Korean shells for Russia were spotted at the port.", {("PRK", "RUS", "weapons")}),
    ("Russia's oil exports to China rose.", {("RUS", "CHN", "oil")}),  # a flow word carries it: one row
    ("Russia's military support was discussed in Seoul.", set()),  # no receiver named
])
def test_a_states_item_for_another_state_is_a_flow_between_them(places: pd.DataFrame, text: str,
                                                                 expected: set[tuple[str, str, str]]) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert set(zip(found["origin_iso3"], found["destination_iso3"], found["category"], strict=True)) == expected
    assert len(found) == len(expected)


def test_a_passive_accusation_turns_no_accuser_into_a_sender(places: pd.DataFrame) -> None:
    assert rows("Russia has been accused by Ukraine of using North Korean missiles.", places) == set()
    assert ("PRK", "RUS", "troops") in rows("Ukraine accused North Korea of sending troops to Russia.", places)


def test_a_strike_on_troops_placed_in_a_state_lands_in_it(places: pd.DataFrame) -> None:
    text = ("Ukraine said Monday that its troops killed or wounded at least 30 North Korean soldiers who Russia had "
            "deployed to its western Kursk region.")
    found = extract_candidates(text, "2024-12-16", places)
    assert {("UKR", "RUS", "strike"), ("PRK", "RUS", "troops")} <= set(
        zip(found["origin_iso3"], found["destination_iso3"], found["category"], strict=True))
    strike = found[found["category"] == "strike"].iloc[0]
    assert "check" in strike["reason"] and strike["date_start"] == "", "Monday is when it was said"


@pytest.mark.parametrize(("text", "expected"), [
    ("On Thursday, Ukraine said Russia fired an intercontinental ballistic missile at Dnipro.",
     {("RUS", "UKR", "strike")}),
    ("Washington was opposed to Ukraine firing ATACMS into Russian territory.", set()),
    ("The army fired its chief of staff on Monday.", set()),
])
def test_firing_at_a_place_is_a_strike_unless_it_is_opposed(places: pd.DataFrame, text: str,
                                                            expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


def test_a_hyphenated_word_between_launch_and_its_incursion_keeps_them_one_strike(places: pd.DataFrame) -> None:
    text = "Some troops were deployed to the Kursk region, where Ukraine launched a cross-border incursion in August."
    found = extract_candidates(text, PUBLISHED, places)
    strikes = found[found["category"] == "strike"]
    assert directions(strikes, "strike") == [("UKR", "RUS")]
    assert list(strikes["item"].str.startswith("launched")) == [True] and list(strikes["date_start"]) == ["2024-08"]


@pytest.mark.parametrize(("text", "status"), [
    ("Putin said Russia was willing to help the North build satellites.", "promised"),
    ("Russia is ready to help North Korea develop its space program.", "promised"),
    ("Russia may help North Korea build nuclear submarines.", "possible"),
])
def test_helping_another_state_build_its_programme_is_technology(places: pd.DataFrame, text: str, status: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert list(zip(found["origin_iso3"], found["destination_iso3"], found["category"], found["status"],
                    strict=True)) == [("RUS", "PRK", "military_technology", status)]


def test_help_to_fight_is_no_technology(places: pd.DataFrame) -> None:
    assert rows("North Korea sent troops to help Russia launch an offensive.", places) == {("PRK", "RUS", "troops")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Pyongyang is getting oil from Moscow.", {("RUS", "PRK", "oil")}),
    ("Moscow has been getting shells from Pyongyang.", {("PRK", "RUS", "weapons")}),
    ("Russia is repaying North Korea with oil.", {("RUS", "PRK", "oil")}),
    ("Russia rewarded North Korea with air defence missiles.", {("RUS", "PRK", "weapons")}),
    ("Russia relies on North Korean shells.", {("PRK", "RUS", "weapons")}),
    # the missiles were deployed, not troops: a passive deployment with no item of its own moves nothing
    ("The missiles North Korea received from Russia were deployed around Pyongyang.", {("RUS", "PRK", "weapons")}),
    ("North Korea got the job done for Russia.", set()),
])
def test_getting_relying_on_and_rewarding(places: pd.DataFrame, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert rows(text, places) == expected


@pytest.mark.parametrize(("text", "attacker"), [
    ("North Korean troops suffered heavy losses in Ukrainian drone attacks in Kursk.", "UKR"),
    ("Kyiv was hit by North Korean missiles fired by Russia.", "RUS"),
    ("Russia fired North Korean missiles at Kyiv.", "RUS"),
    ("North Korean missiles hit Kyiv.", "PRK"),
])
def test_a_weapons_maker_or_a_victim_before_a_strike_noun_is_no_attacker(places: pd.DataFrame, text: str,
                                                                         attacker: str) -> None:
    assert {o for o, _, c in rows(text, places) if c == "strike"} == {attacker}
