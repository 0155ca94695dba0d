"""Wire sourcing, hedges and negations: who says it, how sure, and that the day it was said is not the flow's."""

from __future__ import annotations

import pandas as pd
import pytest

from tracker.extract import ARTICLE_VOICE, extract_candidates, find_attributions

PUBLISHED = "2024-11-22"  # a Friday



def only(text: str, places: pd.DataFrame) -> pd.Series:
    found = extract_candidates(text, PUBLISHED, places)
    assert len(found) == 1, found[["origin_iso3", "destination_iso3", "category", "reason"]]
    return found.iloc[0]


@pytest.mark.parametrize(("text", "speaker"), [
    ("SEOUL (Reuters) – Russia has provided North Korea with anti-air missiles, South Korea's top security adviser "
     "said Friday.", "South Korea's top security adviser"),
    ("SEOUL, South Korea (AP) — Russia has supplied air defense missiles to North Korea, a top South Korean official "
     "said Friday.", "a top South Korean official"),
    ("Russia has sent missiles to North Korea, the adviser told a TV programme on Friday.", "the adviser"),
    ("Shin told SBS TV on Friday that Russia provided anti-air missiles to North Korea.", "Shin"),
    ("On Friday, Shin said on an SBS television programme that Russia had provided missiles to North Korea.", "Shin"),
])
def test_the_speaker_is_recognised_and_the_day_it_was_said_is_not_the_flows(places: pd.DataFrame, text: str,
                                                                            speaker: str) -> None:
    row = only(text, places)
    assert (row["origin_iso3"], row["destination_iso3"], row["category"]) == ("RUS", "PRK", "weapons")
    assert row["attributed_to"] == speaker
    assert row["status"] == "stated"
    assert row["date_start"] == "" and row["date_end"] == "", "the day of the statement became the flow's date"


def test_a_dateline_is_not_a_source_nor_a_state() -> None:
    text = "SEOUL (Reuters) – Russia has provided North Korea with anti-air missiles, officials said."
    speakers = [a.speaker for a in find_attributions(text)]
    assert speakers == ["officials"]


@pytest.mark.parametrize(("text", "speaker", "status"), [
    ("The U.S., South Korea and Ukraine say North Korea sent more than 10,000 troops to Russia.",
     "The U.S., South Korea and Ukraine", "stated"),
    ("The Wall Street Journal reported Thursday that North Korea sent a general to Russia.",
     "The Wall Street Journal", "reported"),
    ("According to two South Korean lawmakers, citing a briefing from Seoul's intelligence agency, nearly 11,000 "
     "North Korean soldiers have been sent to Russia.", "two South Korean lawmakers", "stated"),
])
def test_leading_sources_of_wire_copy(places: pd.DataFrame, text: str, speaker: str, status: str) -> None:
    row = only(text, places)
    assert row["origin_iso3"] == "PRK" and row["destination_iso3"] == "RUS"
    assert row["attributed_to"] == speaker and row["status"] == status
    assert row["date_start"] == "", "Thursday is when it was reported"


@pytest.mark.parametrize(("text", "hedge"), [
    ("It is understood that North Korea has been provided with anti-aircraft missiles by Russia, Shin said.",
     "It is understood"),
    ("Belarus is believed to have sent troops to Russia.", "is believed to"),
    ("Pyongyang also appears to have been given military technology by Russia, he said.", "appears"),
    ("“We understand that Russia provided antiaircraft missiles to North Korea,” said Shin.", "We understand"),
])
def test_hedges_are_kept(places: pd.DataFrame, text: str, hedge: str) -> None:
    row = only(text, places)
    assert row["status"] == "assessed"
    assert hedge in row["hedge"]


@pytest.mark.parametrize(("text", "speaker", "status"), [
    ("Russia has sent air defence missiles to North Korea, Shin was quoted as saying.", "Shin", "stated"),
    ("“Russia has sent missiles to North Korea,” the adviser was quoted as saying on Friday.", "the adviser",
     "stated"),
    ("MTI writes that Russia fired North Korean missiles at the city of Kharkiv.", "MTI", "reported"),
])
def test_quoted_as_saying_and_writes_name_the_source(places: pd.DataFrame, text: str, speaker: str,
                                                     status: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert len(found) >= 1
    assert set(found["attributed_to"]) == {speaker} and set(found["status"]) == {status}


@pytest.mark.parametrize(("text", "hedge"), [
    ("We assess that Pyongyang is seeking fighter aircraft from Russia, Kirby said.", "seeking"),
    ("North Korea sought Russian missile technology.", "sought"),
    ("Zelenskyy said North Korea is preparing to send 10,000 troops to Russia.", "is preparing to"),
    ("The agency forecast North Korea to deploy more troops to Russia as early as July.", "forecast"),
])
def test_what_is_sought_prepared_or_foreseen_is_only_possible(places: pd.DataFrame, text: str, hedge: str) -> None:
    row = only(text, places)
    assert row["status"] == "possible"
    assert hedge in row["hedge"]


@pytest.mark.parametrize("text", [
    "Shin also downplayed the prospect of an additional troop deployment by North Korea to Russia.",
    "South Korea has ruled out sending weapons to Ukraine.",
    "South Korea's military has refused to confirm whether it sent drones to North Korea.",
    "It was unclear whether Russia would give North Korea fighter jets.",
    "It has been unclear what Russia would give North Korea in return.",
])
def test_negated_statements_are_no_plain_flows(places: pd.DataFrame, text: str) -> None:
    found = extract_candidates(text, PUBLISHED, places)
    assert found.empty or set(found["status"]) <= {"possible"}, found[["origin_iso3", "destination_iso3", "status"]]


def test_a_hedge_in_the_question_does_not_qualify_the_answer(places: pd.DataFrame) -> None:
    text = ("Asked what Seoul believes Pyongyang has received, Shin said Russia delivered anti-aircraft missiles "
            "to North Korea.")
    row = only(text, places)
    assert (row["status"], row["hedge"], row["attributed_to"]) == ("stated", "", "Shin")


def test_without_a_source_the_article_speaks(places: pd.DataFrame) -> None:
    row = only("Russia sent missiles to North Korea in June.", places)
    assert row["attributed_to"] == ARTICLE_VOICE and row["status"] == "reported" and row["date_start"] == "2024-06"


def test_a_day_after_a_saying_verb_is_when_it_was_said_even_mid_sentence(places: pd.DataFrame) -> None:
    text = ("North Korea will send thousands of sappers to Russia, a top Russian official said on Tuesday, the latest "
            "sign of expanding cooperation between the two nations.")
    row = only(text, places)
    assert (row["origin_iso3"], row["destination_iso3"]) == ("PRK", "RUS")
    assert row["date_start"] == "" and row["date_end"] == ""


def test_a_date_in_another_clause_belongs_to_that_clause(places: pd.DataFrame) -> None:
    text = ("Officials said the first North Korean units had been deployed in the Kursk region, a Russian border area "
            "where Ukrainian forces staged a major incursion in August.")
    found = extract_candidates(text, PUBLISHED, places)
    dates = {(r.origin_iso3, r.category): r.date_start for r in found.itertuples()}
    assert dates == {("PRK", "troops"): "", ("UKR", "strike"): "2024-08"}


def test_a_speaker_at_the_end_is_not_read_again_from_the_start() -> None:
    sentence = "North Korean soldiers are fighting in Russia's Kursk region, Seoul and Washington say."
    assert [a.speaker for a in find_attributions(sentence)] == ["Seoul and Washington"]


def test_a_trailing_speaker_with_a_wire_style_date_keeps_the_date_off_the_flow(places: pd.DataFrame) -> None:
    text = "North Korean troops in Russia have begun fighting, Seoul said on Sept. 13."
    assert [a.speaker for a in find_attributions(text)] == ["Seoul"]
    found = extract_candidates(text, PUBLISHED, places)
    assert list(zip(found["origin_iso3"], found["destination_iso3"], found["date_start"], strict=True)) == [
        ("PRK", "RUS", "")]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("North Korea has sent troops to Russia, according to U.S. and South Korean officials.",
     "U.S. and South Korean officials"),
    ("Missiles were shipped, citing U.S. intelligence.", "U.S. intelligence"),
])
def test_a_source_named_with_initials_keeps_its_full_stops(sentence: str, speaker: str) -> None:
    assert [a.speaker for a in find_attributions(sentence)] == [speaker]


def test_a_hedge_of_a_later_clause_does_not_reach_back(places: pd.DataFrame) -> None:
    text = ("Shin also said North Korea appears to have received economic assistance from Russia, and that Russia "
            "may help North Korea with its satellite program.")
    found = extract_candidates(text, PUBLISHED, places)
    assert list(zip(found["category"], found["status"], found["hedge"], strict=True)) == [
        ("economic_aid", "assessed", "appears")]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Troops were sent to Russia, according to South Korea, Ukraine and the United States, and some fought.",
     "South Korea, Ukraine and the United States"),
    ("According to Seoul, North Korea and Russia signed a pact.", "Seoul"),  # the states of the claim are no list
])
def test_according_to_a_list_of_names_is_one_source(sentence: str, speaker: str) -> None:
    assert [a.speaker for a in find_attributions(sentence)] == [speaker]


@pytest.mark.parametrize("text", [
    "A South Korean adviser made the remark as North Korea is believed to have sent more than 10,000 troops to "
    "fight alongside Russia.",
    "The comments from Seoul came as Pyongyang shipped more shells to Moscow.",
    "The South Korean adviser spoke after North Korea sent troops to Russia.",
    "Criticism from Seoul grew while North Korea shipped shells to Russia.",
    "South Korea's intelligence agency said Thursday North Korea sent troops to Russia.",
])
def test_a_speaker_is_no_party_to_the_flow_of_a_subordinate_clause(places: pd.DataFrame, text: str) -> None:
    row = only(text, places)
    assert (row["origin_iso3"], row["destination_iso3"]) == ("PRK", "RUS")


@pytest.mark.parametrize("text", ["Seoul said it has sent no weapons to Ukraine.",
                                  "North Korea has sent no troops to Russia, Pyongyang said."])
def test_no_before_what_flows_negates_it(places: pd.DataFrame, text: str) -> None:
    assert extract_candidates(text, PUBLISHED, places).empty


def test_no_elsewhere_negates_nothing(places: pd.DataFrame) -> None:
    row = only("North Korea sent troops to Russia with no hesitation.", places)
    assert (row["origin_iso3"], row["destination_iso3"]) == ("PRK", "RUS")
