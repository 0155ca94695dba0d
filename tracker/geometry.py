"""Geodesic geometry for drawing flows as arcs on a map.

Every coordinate is lon/lat in degrees on the WGS 84 ellipsoid (EPSG:4326), always in
lon/lat order, in arguments and in results. Nothing is rounded here; callers round.
"""

from __future__ import annotations

import math

import numpy as np
from pyproj import Geod

from tracker.constants import ELLIPSOID

_GEOD = Geod(ellps=ELLIPSOID)

# NOTE: Plotly hovers on the points of a line, not on the segments between them, so an
# arc needs points all along it; one every ~150 km puts one within reach of the cursor
# at the zoom levels of the map views, and the bounds keep short arcs smooth and long
# ones light.
KM_PER_ARC_POINT = 150.0
MIN_ARC_POINTS = 24
MAX_ARC_POINTS = 120


def arc_length_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Length in km of the geodesic from (lon1, lat1) to (lon2, lat2) on WGS 84."""
    _, _, dist_m = _GEOD.inv(lon1, lat1, lon2, lat2)
    return float(dist_m) / 1000.0


def count_arc_points(length_km: float) -> int:
    """Number of points for an arc of this length: one per ~150 km, within 24..120."""
    wanted = math.ceil(length_km / KM_PER_ARC_POINT) + 1
    return int(min(max(wanted, MIN_ARC_POINTS), MAX_ARC_POINTS))


def unwrap_lons(lons: np.ndarray) -> np.ndarray:
    """Shift longitudes by multiples of 360 so that consecutive points never jump by more than 180."""
    # NOTE: a planar renderer would draw a jump from 179 to -179 as a line across the
    # whole map; 179 -> 181 is the same place and draws as the short hop it is.
    return np.unwrap(np.asarray(lons, dtype=float), period=360.0)


def great_circle(lon1: float, lat1: float, lon2: float, lat2: float, n_points: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (lons, lats) of n_points evenly spaced along the geodesic, both ends included.

    The first point is exactly (lon1, lat1) and the last (lon2, lat2), except that
    longitudes are unwrapped to stay continuous, so an arc that crosses the antimeridian
    ends at lon2 plus or minus 360.
    """
    if n_points < 2:
        raise ValueError(f"n_points must be at least 2, got {n_points}")
    inner = _GEOD.npts(lon1, lat1, lon2, lat2, n_points - 2) if n_points > 2 else []
    # NOTE: the ends are the inputs themselves, not pyproj's recomputed ends, which can
    # differ in the last bits.
    lons = np.array([lon1, *(lon for lon, _ in inner), lon2], dtype=float)
    lats = np.array([lat1, *(lat for _, lat in inner), lat2], dtype=float)
    return unwrap_lons(lons), lats


def curved_arc(
    lon1: float,
    lat1: float,
    lon2: float,
    lat2: float,
    bend: float,
    n_points: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return (lons, lats) of the geodesic bent sideways to the left of travel by ``bend``.

    At fraction t of the way, a point is moved ``bend * length * sin(pi * t)`` metres to
    the left of the direction of travel (to the right when ``bend`` is negative), so the
    ends stay put and the bulge is largest half-way. Because left depends on direction,
    A->B and B->A with the same positive bend bulge to opposite sides and never overlap.
    ``bend`` 0 gives the plain geodesic. ``n_points`` defaults to ``count_arc_points``.

    When origin and destination are the same point there is no direction to bend
    towards: the result is that point repeated ``n_points`` times (a zero-length line
    that still carries hover points), never an error.
    """
    length_m = arc_length_km(lon1, lat1, lon2, lat2) * 1000.0
    if n_points is None:
        n_points = count_arc_points(length_m / 1000.0)
    if n_points < 2:
        raise ValueError(f"n_points must be at least 2, got {n_points}")
    if length_m == 0.0:
        return np.full(n_points, float(lon1)), np.full(n_points, float(lat1))

    lons, lats = great_circle(lon1, lat1, lon2, lat2, n_points)
    if bend == 0.0:
        return lons, lats

    # The local forward azimuth at each point is that of the rest of the same geodesic;
    # the last point has no rest, so it gets the arrival azimuth (back azimuth + 180).
    heading = np.empty(n_points)
    heading[:-1], _, _ = _GEOD.inv(lons[:-1], lats[:-1], np.full(n_points - 1, lon2), np.full(n_points - 1, lat2))
    _, back_azimuth, _ = _GEOD.inv(lon1, lat1, lon2, lat2)
    heading[-1] = back_azimuth + 180.0

    t = np.linspace(0.0, 1.0, n_points)
    offset_m = bend * length_m * np.sin(np.pi * t)
    bent_lons, bent_lats, _ = _GEOD.fwd(lons, lats, heading - 90.0, offset_m)
    bent_lons = np.asarray(bent_lons, dtype=float)
    bent_lats = np.asarray(bent_lats, dtype=float)
    # sin(pi) is 1e-16, not 0: pin the ends so the arc meets its markers exactly.
    bent_lons[0], bent_lats[0] = lon1, lat1
    bent_lons[-1], bent_lats[-1] = lon2, lat2
    return unwrap_lons(bent_lons), bent_lats


def fan_bends(n: int, base: float = 0.12, step: float = 0.07) -> list[float]:
    """Bends for n flows on the same origin->destination pair: base, base + step, base + 2*step, ...

    With a positive base all bends are on the left of travel, so the fan for A->B never
    touches the fan for B->A, and distinct values keep any two arcs from being stacked.
    """
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    return [base + i * step for i in range(n)]


def arrow_angle(lons: np.ndarray, lats: np.ndarray) -> float:
    """Compass bearing in degrees (0 = north, 90 = east) of travel at the last point of an arc.

    It is the arrival azimuth of the geodesic from the second-to-last point to the last
    one, suitable for a Plotly marker with ``angleref="north"``. Repeated end points are
    skipped; an arc of a single repeated point has no direction and gets 0.0.
    """
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    if len(lons) != len(lats) or len(lons) < 2:
        raise ValueError("arrow_angle needs lons and lats of equal length, at least 2")
    end_lon, end_lat = lons[-1], lats[-1]
    for lon, lat in zip(lons[-2::-1], lats[-2::-1], strict=True):
        _, back_azimuth, dist_m = _GEOD.inv(lon, lat, end_lon, end_lat)
        if dist_m > 0.0:
            return float((back_azimuth + 180.0) % 360.0)
    return 0.0
