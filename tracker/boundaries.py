"""The shipped country boundaries (see geo/README.md)."""

from __future__ import annotations

import json
from pathlib import Path


class BoundariesError(Exception):
    """The boundary file is missing or unreadable."""


def read_country_names(path: Path | str) -> dict[str, str]:
    """Return ISO3 code -> name for every country in the boundary GeoJSON."""
    path = Path(path)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        return {f["properties"]["iso3"]: f["properties"]["name"] for f in collection["features"]}
    except FileNotFoundError:
        raise BoundariesError(f"{path.name}: the boundary file is missing; run geo/build_geo.py") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise BoundariesError(f"{path.name}: the boundary file cannot be read ({error})") from None
