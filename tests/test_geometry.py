"""Tests of tracker.geometry: geodesics, bent arcs, fans and arrowheads (lon/lat order throughout)."""

from __future__ import annotations

import ast
import inspect

import numpy as np
import pytest
from pyproj import Geod

from tracker import geometry
from tracker.geometry import (
    MAX_ARC_POINTS,
    MIN_ARC_POINTS,
    arc_length_km,
    arrow_angle,
    curved_arc,
    fan_bends,
    great_circle,
)

GEOD = Geod(ellps="WGS84")

PYONGYANG = (125.75432, 39.03385)
MOSCOW = (37.61781, 55.75204)
SEOUL = (126.9784, 37.5665)
TOKYO = (139.6917, 35.6895)
WASHINGTON = (-77.0369, 38.9072)
LONDON = (-0.1276, 51.5072)
SYDNEY = (151.2093, -33.8688)


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance computed independently of the module under test."""
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def side_of_travel(start: tuple[float, float], end: tuple[float, float], point: tuple[float, float]) -> float:
    """Positive when point is left of the geodesic start->end seen from its midpoint, negative when right."""
    mid_lon, mid_lat = GEOD.npts(*start, *end, 1)[0]
    heading, _, _ = GEOD.inv(mid_lon, mid_lat, *end)
    towards, _, _ = GEOD.inv(mid_lon, mid_lat, *point)
    return -np.sin(np.radians(towards - heading))


def midpoint(lons: np.ndarray, lats: np.ndarray) -> tuple[float, float]:
    """The middle point of an arc with an odd number of points."""
    assert len(lons) % 2 == 1
    return float(lons[len(lons) // 2]), float(lats[len(lats) // 2])


def test_great_circle_includes_both_ends_exactly():
    lons, lats = great_circle(*PYONGYANG, *MOSCOW, 10)
    assert len(lons) == len(lats) == 10
    assert (lons[0], lats[0]) == PYONGYANG
    assert (lons[-1], lats[-1]) == MOSCOW


def test_great_circle_points_are_evenly_spaced():
    lons, lats = great_circle(*PYONGYANG, *MOSCOW, 21)
    steps = [distance_km(lons[i], lats[i], lons[i + 1], lats[i + 1]) for i in range(20)]
    assert np.allclose(steps, distance_km(*PYONGYANG, *MOSCOW) / 20, rtol=1e-6)


def test_great_circle_bulges_north_of_the_straight_lon_lat_line():
    # On a northern-hemisphere east-west route the geodesic runs poleward of the
    # straight line drawn on a lon/lat grid; that is what makes it a great circle.
    lons, lats = great_circle(*PYONGYANG, *MOSCOW, 101)
    mid_lon, mid_lat = midpoint(lons, lats)
    fraction = (mid_lon - PYONGYANG[0]) / (MOSCOW[0] - PYONGYANG[0])
    straight_lat = PYONGYANG[1] + fraction * (MOSCOW[1] - PYONGYANG[1])
    assert mid_lat > straight_lat + 5.0


def test_great_circle_needs_two_points():
    with pytest.raises(ValueError):
        great_circle(*PYONGYANG, *MOSCOW, 1)


def test_arc_length_matches_pyproj():
    assert arc_length_km(*PYONGYANG, *MOSCOW) == pytest.approx(distance_km(*PYONGYANG, *MOSCOW))
    assert 6_300 < arc_length_km(*PYONGYANG, *MOSCOW) < 6_550


def test_curved_arc_keeps_its_ends():
    lons, lats = curved_arc(*PYONGYANG, *MOSCOW, 0.3)
    assert (lons[0], lats[0]) == PYONGYANG
    assert (lons[-1], lats[-1]) == MOSCOW


def test_curved_arc_without_bend_is_the_great_circle():
    arc = curved_arc(*PYONGYANG, *MOSCOW, 0.0, 31)
    line = great_circle(*PYONGYANG, *MOSCOW, 31)
    np.testing.assert_allclose(arc, line)


def test_curved_arc_bulge_is_bend_times_length_to_the_left():
    bend = 0.12
    lons, lats = curved_arc(*PYONGYANG, *MOSCOW, bend, 41)
    gc_mid = GEOD.npts(*PYONGYANG, *MOSCOW, 1)[0]
    bulge_km = distance_km(*gc_mid, *midpoint(lons, lats))
    assert bulge_km == pytest.approx(bend * distance_km(*PYONGYANG, *MOSCOW), rel=0.01)
    assert side_of_travel(PYONGYANG, MOSCOW, midpoint(lons, lats)) > 0.99


def test_opposite_directions_curve_to_opposite_sides():
    there = midpoint(*curved_arc(*PYONGYANG, *MOSCOW, 0.12, 41))
    back = midpoint(*curved_arc(*MOSCOW, *PYONGYANG, 0.12, 41))
    assert side_of_travel(PYONGYANG, MOSCOW, there) > 0
    assert side_of_travel(PYONGYANG, MOSCOW, back) < 0
    assert distance_km(*there, *back) > 1_000


def test_negative_bend_mirrors_the_reverse_direction():
    # Right of A->B is left of B->A, and both put the bulge at the same midpoint.
    right_of_there = midpoint(*curved_arc(*PYONGYANG, *MOSCOW, -0.12, 41))
    left_of_back = midpoint(*curved_arc(*MOSCOW, *PYONGYANG, 0.12, 41))
    assert distance_km(*right_of_there, *left_of_back) < 1.0


def test_fan_bends_are_distinct_and_positive():
    bends = fan_bends(5)
    assert len(bends) == 5
    assert len(set(bends)) == 5
    assert all(b > 0 for b in bends)
    assert bends == sorted(bends)
    assert fan_bends(1) == [0.12]
    assert fan_bends(0) == []


def test_fanned_arcs_are_not_stacked():
    mids = [midpoint(*curved_arc(*PYONGYANG, *MOSCOW, bend, 41)) for bend in fan_bends(4)]
    gaps = [distance_km(*mids[i], *mids[i + 1]) for i in range(3)]
    assert min(gaps) > 200


@pytest.mark.parametrize(
    ("start", "end"),
    [(PYONGYANG, SEOUL), (PYONGYANG, MOSCOW), (TOKYO, WASHINGTON), (LONDON, SYDNEY)],
)
def test_default_point_count_is_within_bounds(start, end):
    lons, lats = curved_arc(*start, *end, 0.12)
    assert MIN_ARC_POINTS <= len(lons) == len(lats) <= MAX_ARC_POINTS


def test_point_count_grows_with_distance():
    routes = [(PYONGYANG, SEOUL), (PYONGYANG, MOSCOW), (TOKYO, WASHINGTON), (LONDON, SYDNEY)]
    counts = [len(curved_arc(*start, *end, 0.12)[0]) for start, end in routes]
    assert counts[0] == MIN_ARC_POINTS  # ~200 km
    assert counts[0] < counts[1] < counts[2] < counts[3]
    # A point at least every ~150 km until the cap.
    assert counts[1] >= distance_km(*PYONGYANG, *MOSCOW) / 150
    assert len(curved_arc(0.0, 0.0, 179.0, 0.0, 0.12)[0]) == MAX_ARC_POINTS


def test_antimeridian_crossing_has_no_360_degree_jump():
    lons, lats = curved_arc(*TOKYO, *WASHINGTON, 0.12)
    # The route goes east across the Pacific, so it must pass 180 degrees...
    assert lons.max() > 180.0
    # ...and must do so without a jump from +180 to -180.
    assert np.abs(np.diff(lons)).max() < 180.0
    assert lons[-1] - 360.0 == pytest.approx(WASHINGTON[0])
    assert lats[-1] == WASHINGTON[1]
    glons, _ = great_circle(*TOKYO, *WASHINGTON, 50)
    assert np.abs(np.diff(glons)).max() < 180.0


def test_same_origin_and_destination_gives_a_repeated_point():
    lons, lats = curved_arc(*MOSCOW, *MOSCOW, 0.2)
    assert len(lons) == MIN_ARC_POINTS
    assert np.all(lons == MOSCOW[0])
    assert np.all(lats == MOSCOW[1])
    lons, lats = curved_arc(*MOSCOW, *MOSCOW, 0.2, 3)
    assert lons.tolist() == [MOSCOW[0]] * 3


@pytest.mark.parametrize(
    ("end", "bearing"),
    [((10.5, 0.0), 90.0), ((10.0, 0.5), 0.0), ((9.5, 0.0), 270.0), ((10.0, -0.5), 180.0)],
)
def test_arrow_angle_of_short_arcs_follows_the_compass(end, bearing):
    lons, lats = great_circle(10.0, 0.0, *end, 5)
    angle = arrow_angle(lons, lats)
    assert 0.0 <= angle < 360.0
    assert min(abs(angle - bearing), 360.0 - abs(angle - bearing)) < 0.01


def test_arrow_angle_is_the_arrival_bearing():
    lons, lats = great_circle(*PYONGYANG, *MOSCOW, 60)
    _, back_azimuth, _ = GEOD.inv(*PYONGYANG, *MOSCOW)
    assert arrow_angle(lons, lats) == pytest.approx((back_azimuth + 180.0) % 360.0, abs=1e-6)


def test_arrow_angle_skips_repeated_end_points():
    assert arrow_angle([10.0, 10.5, 10.5], [0.0, 0.0, 0.0]) == pytest.approx(90.0, abs=0.01)
    assert arrow_angle([10.0, 10.0], [0.0, 0.0]) == 0.0


def test_geometry_never_imports_streamlit():
    tree = ast.parse(inspect.getsource(geometry))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.split(".")[0] == "streamlit" for name in imported)


@pytest.mark.parametrize(("length_km", "expected"), [
    (0.0, geometry.MIN_ARC_POINTS),
    (150.0 * 30, 31),
    (150.0 * 30 + 1, 32),
    (40_000.0, geometry.MAX_ARC_POINTS),
])
def test_count_arc_points_is_one_per_150_km_within_bounds(length_km: float, expected: int) -> None:
    assert geometry.count_arc_points(length_km) == expected


def test_unwrap_lons_keeps_each_step_under_180_degrees() -> None:
    lons = geometry.unwrap_lons(np.array([170.0, 179.0, -179.0, -170.0]))
    assert lons.tolist() == [170.0, 179.0, 181.0, 190.0]
    assert geometry.unwrap_lons(np.array([10.0, 20.0])).tolist() == [10.0, 20.0]
