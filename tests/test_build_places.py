"""scripts/build_places.py: coordinates refreshed from GeoNames, every hand-chosen column kept."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_places", ROOT / "scripts" / "build_places.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_places(data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / "places.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_shipped_table_is_what_the_script_writes(data_dir: Path) -> None:
    rows = read_places(data_dir)

    assert load_script().refresh_coordinates(rows) == rows


def test_only_the_looked_up_columns_change(data_dir: Path) -> None:
    moscow = next(r for r in read_places(data_dir) if r["place_id"] == "moscow")
    typed = {**moscow, "lat": "0.0", "lon": "0.0", "coord_source": "typed by hand"}

    (refreshed,) = load_script().refresh_coordinates([typed])

    assert refreshed == moscow


@pytest.mark.parametrize(("column", "value", "says"), [
    ("iso3", "XXX", "column iso3: 'XXX' is not an ISO 3166-1 alpha-3 code"),
    ("geonameid", "1", "column geonameid: 1 is not a city"),
])
def test_a_bad_value_is_named_by_row_and_column(data_dir: Path, column: str, value: str, says: str) -> None:
    rows = read_places(data_dir)
    rows[2] = {**rows[2], column: value}

    with pytest.raises(ValueError, match="places.csv, row 4, " + says):
        load_script().refresh_coordinates(rows)
