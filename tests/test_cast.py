"""cast_to_schema: the one place a table's columns are typed from the schema (loader, saved articles, exports)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tracker.dataset import Dataset, cast_to_schema, resource_fields
from tracker.exports import to_csv_bytes

FIELDS = [
    {"name": "id", "type": "string"},
    {"name": "count", "type": "integer"},
    {"name": "share", "type": "number"},
    {"name": "flag", "type": "boolean"},
]


def test_csv_text_is_typed_in_schema_order() -> None:
    frame = pd.DataFrame({"flag": ["true", "false"], "extra": ["x", "y"], "share": ["0.5", ""],
                          "count": ["-3", ""], "id": ["a", ""]}, index=[7, 3])
    out = cast_to_schema(frame, FIELDS)
    assert list(out.columns) == ["id", "count", "share", "flag"]
    assert list(out.index) == [0, 1]
    assert out["id"].dtype == pd.Series(["a"]).astype(str).dtype  # pandas' own text dtype, as astype(str) gives
    assert [str(t) for t in out.dtypes[1:]] == ["Int64", "Float64", "bool"]
    assert out["id"].tolist() == ["a", ""]
    assert out["count"].tolist() == [-3, pd.NA]
    assert out["share"].tolist() == [0.5, pd.NA]
    assert out["flag"].tolist() == [True, False]


def test_typed_values_give_what_their_text_gives() -> None:
    text = pd.DataFrame({"id": ["a", "", "3.0"], "count": ["12", "", "0"], "share": ["2.5", "", "-1"],
                         "flag": ["true", "false", "false"]})
    typed = pd.DataFrame({
        "id": ["a", None, 3.0],
        "count": pd.array([12, None, 0], dtype="Int64"),
        "share": [np.float64(2.5), float("nan"), -1],
        "flag": [np.True_, pd.NA, False],
    })
    pd.testing.assert_frame_equal(cast_to_schema(typed, FIELDS), cast_to_schema(text, FIELDS))
    pd.testing.assert_frame_equal(cast_to_schema(cast_to_schema(text, FIELDS), FIELDS), cast_to_schema(text, FIELDS))


def test_a_column_the_frame_lacks_is_empty() -> None:
    out = cast_to_schema(pd.DataFrame({"id": ["a", "b"]}), FIELDS)
    assert out["count"].isna().all() and out["share"].isna().all()
    assert out["flag"].tolist() == [False, False]
    assert cast_to_schema(pd.DataFrame(), FIELDS).columns.tolist() == ["id", "count", "share", "flag"]


@pytest.mark.parametrize("cell", ["12 ", "1,000", "ten", "nan", "inf", "1e400", "9" * 40, 3.5, True,
                                  float("inf"), 1e16])
def test_a_cell_that_is_no_whole_number_is_missing(cell: object) -> None:
    """Validation reports such a cell with its file, line and column; typing must not fail or guess."""
    out = cast_to_schema(pd.DataFrame({"count": [cell, "7"]}), FIELDS)
    assert out["count"].tolist() == [pd.NA, 7]


@pytest.mark.parametrize("cell", ["1,5", "NaN", "-inf", "0x10", False, float("nan"), -1e16])
def test_a_cell_that_is_no_number_is_missing(cell: object) -> None:
    out = cast_to_schema(pd.DataFrame({"share": [cell, "7.25"]}), FIELDS)
    assert out["share"].tolist() == [pd.NA, 7.25]


def test_only_true_is_true() -> None:
    out = cast_to_schema(pd.DataFrame({"flag": ["true", "TRUE", True, "false", "yes", "1", 1, ""]}), FIELDS)
    assert out["flag"].tolist() == [True, True, True, False, False, False, False, False]


def read_text_table(data_dir: Path, name: str) -> pd.DataFrame:
    with (data_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)), dtype=object)


def test_every_loaded_column_has_its_schema_type(dataset: Dataset) -> None:
    text_dtype = str(pd.Series(["a"]).astype(str).dtype)  # pandas' own text dtype
    expected = {"integer": "Int64", "number": "Float64", "boolean": "bool", "string": text_dtype}
    for resource in dataset.package["resources"]:
        table = dataset.table(resource["name"])
        assert {f["name"]: str(table[f["name"]].dtype) for f in resource["schema"]["fields"]} == \
            {f["name"]: expected[f["type"]] for f in resource["schema"]["fields"]}, resource["name"]


def test_the_export_writes_text_cells_as_it_writes_typed_ones(dataset: Dataset, data_dir: Path) -> None:
    """The CSV export types its frame first, so numbers read as text come out as the loader's numbers do."""
    for name in ("flows", "figures", "places"):
        fields = resource_fields(dataset.package, name)
        assert to_csv_bytes(read_text_table(data_dir, name), fields) == to_csv_bytes(dataset.table(name), fields)
