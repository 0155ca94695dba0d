"""Provenance read from the package: the licence, the shipped article and the span of the dates, as the pages say them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import read_records
from tracker.constants import DATA_DIR, DATA_DIR_ENV, LICENSE_PATH
from tracker.dataset import Dataset
from tracker.provenance import NO_LICENCE, dated_span, licence_label, shipped_article, software_licence
from tracker.timeline import count_undated
from tracker.userdata import default_data_dir


def test_the_licence_is_the_packages_spdx_id_as_readers_write_it(data_dir: Path) -> None:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert licence_label(package) == "CC BY 4.0"
    assert licence_label({"licenses": [{"name": "ODbL-1.0"}, {"name": "CC0-1.0"}]}) == "ODbL 1.0"


@pytest.mark.parametrize("package", [{}, {"licenses": []}, {"licenses": "CC-BY-4.0"}, {"licenses": [{}]},
                                     {"licenses": [{"name": " "}]}, {"licenses": [["CC-BY-4.0"]]}])
def test_a_package_without_a_licence_says_so(package: dict) -> None:
    assert licence_label(package) == NO_LICENCE


def test_the_shipped_article_is_the_first_source(dataset: Dataset, data_dir: Path) -> None:
    first = read_records(data_dir, "sources")[0]
    article = shipped_article(dataset.sources)
    assert article["source_id"] == first["source_id"] and article["published"] == first["published"] == "2024-11-22"
    later = pd.concat([dataset.sources, dataset.sources.assign(source_id="saved", published="2025-01-02")])
    assert shipped_article(later)["source_id"] == first["source_id"]


def test_the_dated_span_runs_from_the_first_to_the_last_dated_month(dataset: Dataset) -> None:
    assert dated_span(dataset.flows, dataset.events) == "August 2023 to November 2024"
    one = dataset.flows[dataset.flows["date_start"].str.startswith("2024-06")].assign(date_end="")
    assert dated_span(one, dataset.events.iloc[:0]) == "June 2024"


def test_undated_flows_are_those_with_neither_date(dataset: Dataset, data_dir: Path) -> None:
    records = read_records(data_dir, "flows")
    expected = sum(not r["date_start"] and not r["date_end"] for r in records)
    assert 0 < expected < len(records)
    assert count_undated(dataset.flows) == expected
    half = pd.DataFrame({"date_start": ["", "2024", "", ""], "date_end": ["", "", "2024-05", ""]})
    assert count_undated(half) == 2


def test_the_data_package_is_the_embedded_one_unless_the_environment_names_another(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert default_data_dir() == DATA_DIR == data_dir
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.setenv(DATA_DIR_ENV, "")
    assert default_data_dir() == DATA_DIR


def test_the_software_licence_is_the_first_line_of_its_file() -> None:
    assert software_licence(LICENSE_PATH.read_text(encoding="utf-8")) == "MIT licence"
    assert software_licence("\n  Apache License\nVersion 2.0") == "Apache licence"
    assert software_licence("BSD 3-Clause") == "BSD 3-Clause"
    assert software_licence("") == "licence not stated"
