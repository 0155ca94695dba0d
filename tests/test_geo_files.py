"""Tests of the shipped boundary files in static/ and of their README (geo/README.md)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import pycountry
import pytest
import shapely
from shapely.geometry import Point, shape

from tracker.constants import (
    COUNTRIES_GEOJSON_PATH,
    COUNTRIES_GEOJSON_URL,
    CRS,
    GEO_DIR,
    STATIC_DIR,
    TOPOJSON_DIR,
    TOPOJSON_URL,
)

TOPOJSON_PATH = TOPOJSON_DIR / "world_110m.json"
README_PATH = GEO_DIR / "README.md"
NEEDED_CODES = ("RUS", "PRK", "UKR", "KOR", "CHN", "IRN", "JPN", "USA", "GBR")


@pytest.fixture(scope="session")
def countries() -> dict:
    """The countries FeatureCollection, parsed as plain JSON."""
    return json.loads(COUNTRIES_GEOJSON_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def countries_gdf() -> gpd.GeoDataFrame:
    """The countries read by GeoPandas, indexed by iso3."""
    return gpd.read_file(COUNTRIES_GEOJSON_PATH).set_index("iso3")


@pytest.fixture(scope="session")
def readme() -> str:
    """The text of geo/README.md."""
    return README_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def build_geo():
    """The geo/build_geo.py script, imported as a module (its main() is not run)."""
    spec = importlib.util.spec_from_file_location("build_geo", GEO_DIR / "build_geo.py")
    module = importlib.util.module_from_spec(spec)
    # NOTE: dataclasses look their module up in sys.modules while the class is built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_static_holds_only_the_two_geometry_files():
    # Streamlit serves everything under static/ to anyone who can reach the app.
    files = sorted(p.relative_to(STATIC_DIR).as_posix() for p in STATIC_DIR.rglob("*") if p.is_file())
    assert files == ["geo/countries_110m.json", "topojson/world_110m.json"]


def test_urls_point_at_the_served_files():
    served = COUNTRIES_GEOJSON_PATH.relative_to(STATIC_DIR).as_posix()
    assert COUNTRIES_GEOJSON_URL == f"app/static/{served}"
    assert TOPOJSON_URL == f"app/static/{TOPOJSON_DIR.relative_to(STATIC_DIR).as_posix()}/"
    assert TOPOJSON_PATH.is_file()


def test_countries_is_a_feature_collection_of_iso3_and_name(countries):
    assert countries["type"] == "FeatureCollection"
    assert set(countries) == {"type", "features"}
    features = countries["features"]
    assert len(features) > 150
    for feature in features:
        props = feature["properties"]
        assert set(props) == {"iso3", "name"}
        assert re.fullmatch(r"[A-Z]{3}", props["iso3"]), props
        assert feature["id"] == props["iso3"]
        assert isinstance(props["name"], str) and props["name"].strip()
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


@pytest.mark.parametrize("code", NEEDED_CODES)
def test_countries_in_the_story_are_present(countries_gdf, code):
    assert code in countries_gdf.index
    assert not countries_gdf.loc[code, "geometry"].is_empty


def test_geopandas_reads_it_as_lon_lat(countries_gdf):
    assert countries_gdf.crs == CRS
    minx, miny, maxx, maxy = countries_gdf.total_bounds
    assert -180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90


def test_coordinates_have_at_most_three_decimals():
    text = COUNTRIES_GEOJSON_PATH.read_text(encoding="utf-8")
    assert re.search(r"\d\.\d{4,}", text) is None
    assert "-0.0," not in text and "-0.0]" not in text
    # Compact: exactly what json.dumps writes without spaces.
    assert text == json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False) + "\n"


def test_exterior_rings_are_clockwise_and_holes_counter_clockwise(countries):
    # plotly.js (d3-geo) fills the rest of the globe around a counter-clockwise exterior.
    polygons = shapely.get_parts([shape(f["geometry"]) for f in countries["features"]])
    assert len(polygons) > 200
    exteriors = shapely.get_exterior_ring(polygons)
    assert not shapely.is_ccw(exteriors).any()
    holes = [ring for polygon in polygons for ring in polygon.interiors]
    assert all(shapely.is_ccw(ring) for ring in holes)


def test_crimea_is_drawn_as_part_of_ukraine(countries_gdf):
    simferopol = Point(34.10, 44.95)  # lon, lat
    assert countries_gdf.loc["UKR", "geometry"].contains(simferopol)
    assert not countries_gdf.loc["RUS", "geometry"].contains(simferopol)


def test_kursk_is_drawn_as_part_of_russia(countries_gdf):
    kursk = Point(36.18, 51.73)  # lon, lat
    assert countries_gdf.loc["RUS", "geometry"].contains(kursk)
    assert not countries_gdf.loc["UKR", "geometry"].contains(kursk)


def test_capitals_fall_in_their_own_countries(countries_gdf):
    capitals = {"PRK": (125.754, 39.034), "KOR": (126.978, 37.566), "RUS": (37.618, 55.752), "UKR": (30.523, 50.450)}
    for code, (lon, lat) in capitals.items():
        holders = countries_gdf.index[countries_gdf.contains(Point(lon, lat))].tolist()
        assert holders == [code]


def test_codes_are_iso_or_documented(countries_gdf, readme, build_geo):
    non_iso = sorted(code for code in countries_gdf.index if pycountry.countries.get(alpha_3=code) is None)
    assert non_iso == sorted(build_geo.NON_ISO_CODES)
    for code in non_iso:
        assert re.search(rf"^\| `{code}` \|", readme, flags=re.MULTILINE), f"{code} is not in geo/README.md"


def test_readme_states_the_current_sizes(readme):
    for path in (COUNTRIES_GEOJSON_PATH, TOPOJSON_PATH):
        assert f"{path.stat().st_size:,} bytes" in readme, f"update the size of {path.name} in geo/README.md"


def test_topojson_is_plotlys_base_layer_topology():
    topology = json.loads(TOPOJSON_PATH.read_text(encoding="utf-8"))
    assert topology["type"] == "Topology"
    assert {"countries", "land", "coastlines", "ocean", "lakes"} <= set(topology["objects"])
    assert topology["arcs"]
    assert len(topology["objects"]["countries"]["geometries"]) > 150


def test_no_file_refers_to_a_remote_host():
    for path in (COUNTRIES_GEOJSON_PATH, TOPOJSON_PATH):
        assert "http" not in Path(path).read_text(encoding="utf-8")
