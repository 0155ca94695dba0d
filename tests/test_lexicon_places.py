"""The extractor's gazetteer: the place that stands for a state on the map."""

from __future__ import annotations

from tracker.dataset import Dataset
from tracker.extract.lexicon import build_lexicon


def test_country_place_is_the_gazetteers_point_for_the_state_else_its_code(dataset: Dataset) -> None:
    lexicon = build_lexicon(dataset.places)
    countries = dataset.places[dataset.places["kind"] == "country"]
    assert not countries.empty
    for row in countries.to_dict("records"):
        assert lexicon.country_place(row["iso3"]) == row["place_id"]
    assert lexicon.country_place("ATA") == "ATA"
