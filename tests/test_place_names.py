"""The one place-name lookup: every page, panel and figure names a place the way places.csv does."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.conftest import read_records
from tracker.dataset import Dataset, names_by_place_id


def test_every_place_is_named_as_places_csv_names_it(dataset: Dataset, data_dir: Path) -> None:
    expected = {r["place_id"]: r["name"] for r in read_records(data_dir, "places")}
    assert dataset.place_names() == expected


def test_the_countries_are_the_places_of_kind_country(dataset: Dataset, data_dir: Path) -> None:
    records = read_records(data_dir, "places")
    countries = dataset.place_names(kind="country")
    assert countries == {r["place_id"]: r["name"] for r in records if r["kind"] == "country"}
    assert countries["PRK"] == "North Korea"
    # A capital or a region is a place but not a country, whatever its id looks like.
    assert "kursk-region" in dataset.place_names() and "kursk-region" not in countries


def test_the_kind_decides_not_the_look_of_the_id() -> None:
    places = pd.DataFrame({"place_id": ["ABC", "xyz", "DEF"], "name": ["Upper city", "A country", "Deffland"],
                           "kind": ["city", "country", "country"]})
    assert names_by_place_id(places, "country") == {"xyz": "A country", "DEF": "Deffland"}
    assert names_by_place_id(places) == {"ABC": "Upper city", "xyz": "A country", "DEF": "Deffland"}
    assert names_by_place_id(places.iloc[:0]) == {}
