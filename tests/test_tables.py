"""The readable tables: the text alternatives to the map, the claims' corroboration, the vocabularies' words."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import read_records
from tracker.constants import CATEGORIES, STATUS_LABELS, STATUSES
from tracker.dataset import Dataset
from tracker.tables import (
    CORROBORATION_HEADERS,
    claim_table,
    column_help,
    corroboration_table,
    evidence_link,
    flow_table,
    table_description,
    vocabulary_table,
)


def test_a_rows_link_opens_its_sentence_in_the_evidence_reader() -> None:
    assert evidence_link("F09") == "evidence?row=F09"
    assert evidence_link("X1") == "evidence?row=X1"


def test_the_flow_table_has_one_linked_row_per_flow_in_words(dataset: Dataset, data_dir: Path) -> None:
    records = {r["flow_id"]: r for r in read_records(data_dir, "flows")}
    names = {r["place_id"]: r["name"] for r in read_records(data_dir, "places")}
    flows = dataset.flows[dataset.flows["flow_id"].isin(["F09", "F01"])]
    table = flow_table(flows, dataset.place_names())
    assert list(table.columns) == ["Flow", "Claim", "Route", "What", "Amount", "When", "Evidence", "Says who", "Quote"]
    assert table["Flow"].tolist() == [evidence_link(f) for f in flows["flow_id"]]
    f09 = table.set_index("Flow").loc["evidence?row=F09"]
    assert f09["Claim"] == records["F09"]["claim_id"]
    assert f09["Route"].startswith(names[records["F09"]["origin_place_id"]])
    assert f09["Quote"] == records["F09"]["quote"]
    assert f09["Evidence"] == next(t.label for t in STATUSES if t.code == records["F09"]["status"])
    assert flow_table(flows.iloc[:0], dataset.place_names()).empty


def test_the_claim_table_has_one_row_per_claim_asserted(dataset: Dataset, data_dir: Path) -> None:
    flows = dataset.flows[dataset.flows["claim_id"].isin(["C03", "C07"])]
    table = claim_table(flows, dataset.claims)
    assert list(table.columns) == list(CORROBORATION_HEADERS.values())
    assert table["Claim"].tolist() == ["C03", "C07"]
    c03 = table.set_index("Claim").loc["C03"]
    assert c03["Assertions"] == sum(r["claim_id"] == "C03" for r in read_records(data_dir, "flows")) == 7
    assert c03["Strongest evidence"] in {t.label for t in STATUSES}


@pytest.mark.parametrize(("terms", "heading"), [(STATUSES, "Level"), (CATEGORIES, "Category")])
def test_a_vocabulary_reads_in_its_own_order(terms: tuple, heading: str) -> None:
    table = vocabulary_table(terms, heading)
    assert table.index.name == heading and table.index.tolist() == [t.label for t in terms]
    assert table["Code"].tolist() == [t.code for t in terms]
    assert table["Meaning"].tolist() == [t.definition for t in terms]
    assert table["Example from the article"].tolist() == [t.example for t in terms]


def test_a_columns_help_is_its_description_and_unit(data_dir: Path) -> None:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    places = next(r for r in package["resources"] if r["name"] == "places")["schema"]["fields"]
    lat = next(f for f in places if f["name"] == "lat")
    assert column_help(lat) == f"{lat['description']} Unit: degree."
    assert column_help({"name": "x", "description": "Said."}) == "Said."
    assert column_help({"name": "x"}) == ""


def test_a_tables_description_is_the_packages(data_dir: Path) -> None:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert table_description(package, resource["name"]) == resource["description"]
    with pytest.raises(KeyError, match="no table 'no-such-table'"):
        table_description(package, "no-such-table")


def test_the_corroboration_table_reads_statuses_in_words_under_readable_headers() -> None:
    summary = pd.DataFrame([{"claim_id": "C1", "title": "Troops", "strongest_status": "assessed", "assertions": 2,
                             "independent_sources": 1, "articles": 1, "quantity_range": "", "sources": "Seoul",
                             "flow_ids": "F1, F2", "extra": "dropped"}])
    table = corroboration_table(summary)
    assert list(table.columns) == list(CORROBORATION_HEADERS.values())
    assert table.loc[0, "Strongest evidence"] == STATUS_LABELS["assessed"] != "assessed"
