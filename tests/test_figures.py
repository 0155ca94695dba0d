"""The figure builders, tested on their Plotly JSON: traces, colours, line styles, arcs, hover and offline maps."""

from __future__ import annotations

import calendar
import csv
import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from tracker import figures
from tracker.boundaries import read_country_names
from tracker.claims import claim_map_rows
from tracker.constants import (
    CATEGORY_COLOURS,
    COUNTRIES_GEOJSON_PATH,
    COUNTRIES_GEOJSON_URL,
    DEFAULT_VIEW,
    MAP_VIEW_LABELS,
    MAP_VIEWS,
    STATUS_CODES,
    STATUS_DASHES,
)
from tracker.dataset import Dataset, load_dataset
from tracker.figures import (
    CLAIM_HANDLES_NAME,
    INDIVIDUAL_FLOW_LIMIT,
    MERGED_ARC_POINTS,
    ROLES,
    THIN_WIDTH,
    build_flow_map,
    build_sankey,
    build_timeline,
    claim_id_of_trace,
    claim_rows_of,
    describe_map_lines,
    edge_marks,
    flow_id_of_trace,
    highlight_flow,
    layout_arcs,
    line_widths,
    prepare_arcs,
    prepare_map_geometry,
    selected_flow_ids,
)
from tracker.timeline import build_timeline_rows

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def place_coords(data_dir: Path) -> dict[str, tuple[float, float]]:
    """place_id -> (lon, lat), read from places.csv."""
    with (data_dir / "places.csv").open(encoding="utf-8", newline="") as handle:
        return {r["place_id"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def countries() -> dict[str, str]:
    return read_country_names(COUNTRIES_GEOJSON_PATH)


@pytest.fixture(scope="module")
def place_names(dataset: Dataset) -> dict[str, str]:
    return dict(zip(dataset.places["place_id"], dataset.places["name"], strict=True))


@pytest.fixture(scope="module")
def flow_map(dataset: Dataset, countries: dict[str, str]) -> go.Figure:
    return build_flow_map(dataset.flows, dataset.places, countries)


def flow_traces(fig: go.Figure) -> dict[str, go.Scattergeo]:
    """The line trace of each flow, by flow id (from the trace's meta)."""
    traces = {}
    for trace in fig.data:
        if isinstance(trace.meta, dict) and "flow_id" in trace.meta:
            assert trace.meta["flow_id"] not in traces, "two line traces for one flow"
            traces[trace.meta["flow_id"]] = trace
    return traces


def handles_trace(fig: go.Figure) -> go.Scattergeo:
    handles = [t for t in fig.data if t.type == "scattergeo" and t.customdata is not None
               and not (isinstance(t.meta, dict) and "flow_id" in t.meta)]
    assert len(handles) == 1
    return handles[0]


def arc(trace: go.Scattergeo) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(trace.lon, dtype=float), np.asarray(trace.lat, dtype=float)


def figure_text(fig: go.Figure) -> str:
    """The figure's JSON with Plotly's \\u003c-style escapes decoded, as the browser receives the strings."""
    return json.dumps(json.loads(fig.to_json()), ensure_ascii=False)


def same_point(lon_lat: tuple[float, float], lon: float, lat: float, tolerance: float = 0.01) -> bool:
    dlon = (lon - lon_lat[0] + 180.0) % 360.0 - 180.0  # an arc may be unwrapped past the antimeridian
    return abs(dlon) <= tolerance and abs(lat - lon_lat[1]) <= tolerance


# --- the flow map ---------------------------------------------------------------------------


def test_one_line_trace_per_flow(flow_map: go.Figure, flow_records: list[dict[str, str]]) -> None:
    traces = flow_traces(flow_map)
    assert sorted(traces) == sorted(r["flow_id"] for r in flow_records)
    assert all(t.type == "scattergeo" and t.mode.startswith("lines") for t in traces.values())
    # each line answers a click with its flow id: a click on any of its points (under an invisible marker)
    # names the trace's curve number, which the figure's meta resolves to the flow; no id rides on every vertex
    trace_flows = flow_id_of_trace(flow_map)
    for flow_id, trace in traces.items():
        assert trace.marker.size == 0 and trace.customdata is None, flow_id
        curve = trace_flows.index(flow_id)
        clicks = [{"curve_number": curve, "point_index": i} for i in (0, len(trace.lon) // 3, len(trace.lon) - 1)]
        assert selected_flow_ids(clicks, trace_flows) == [flow_id] * 3


def test_colour_is_the_category_and_dash_is_the_status(flow_map: go.Figure,
                                                       flow_records: list[dict[str, str]]) -> None:
    traces = flow_traces(flow_map)
    for record in flow_records:
        line = traces[record["flow_id"]].line
        assert line.color == CATEGORY_COLOURS[record["category"]], record["flow_id"]
        assert line.dash == STATUS_DASHES[record["status"]], record["flow_id"]


def test_category_legend_has_one_entry_per_category_shown(flow_map: go.Figure,
                                                          flow_records: list[dict[str, str]]) -> None:
    entries = [t for t in flow_traces(flow_map).values() if t.showlegend]
    assert sorted(t.legendgroup for t in entries) == sorted({r["category"] for r in flow_records})


def test_line_width_grows_with_the_lower_bound(flow_map: go.Figure, flow_records: list[dict[str, str]]) -> None:
    traces = flow_traces(flow_map)
    with_low = [(float(r["quantity_low"]), traces[r["flow_id"]].line.width) for r in flow_records if r["quantity_low"]]
    assert len({low for low, _ in with_low}) >= 3, "the article gives several distinct lower bounds"
    for (low_a, width_a), (low_b, width_b) in itertools.permutations(with_low, 2):
        if low_a < low_b:
            assert width_a < width_b
        elif low_a == low_b:
            assert width_a == width_b
    assert all(width > THIN_WIDTH for _, width in with_low)


def test_flows_without_a_lower_bound_are_thin(flow_map: go.Figure, flow_records: list[dict[str, str]]) -> None:
    traces = flow_traces(flow_map)
    without = [r["flow_id"] for r in flow_records if not r["quantity_low"]]
    assert "F10" in without  # "up to 100,000": an upper bound does not widen the line
    assert {traces[f].line.width for f in without} == {THIN_WIDTH}


def test_troops_in_kursk_are_wider_than_the_one_general(flow_map: go.Figure) -> None:
    traces = flow_traces(flow_map)
    assert traces["F09"].line.width > traces["F08"].line.width > THIN_WIDTH


def test_country_layer_is_the_local_geojson(flow_map: go.Figure, countries: dict[str, str]) -> None:
    choropleths = [t for t in flow_map.data if t.type == "choropleth"]
    assert len(choropleths) == 1
    layer = choropleths[0]
    assert layer.geojson == COUNTRIES_GEOJSON_URL
    assert layer.featureidkey == "properties.iso3"
    assert set(layer.locations) == set(countries)


def test_no_trace_needs_plotlys_base_map(flow_map: go.Figure) -> None:
    assert not COUNTRIES_GEOJSON_URL.startswith(("http", "/", "//"))
    for trace in flow_map.data:
        mode = getattr(trace, "locationmode", None)
        # NOTE: with geojson set, plotly.js defaults locationmode to "geojson-id".
        assert mode in (None, "geojson-id"), f"{trace.name} uses locationmode {mode}"
        if getattr(trace, "locations", None) is not None:
            assert trace.geojson == COUNTRIES_GEOJSON_URL, trace.name
    assert "http" not in figure_text(flow_map)


def test_base_map_borders_are_off(flow_map: go.Figure) -> None:
    geo = flow_map.layout.geo
    assert geo.showcountries is False
    assert geo.showcoastlines is False
    assert geo.showland is False


def test_countries_are_coloured_by_their_role(flow_map: go.Figure, flow_records: list[dict[str, str]]) -> None:
    layer = next(t for t in flow_map.data if t.type == "choropleth")
    z = dict(zip(layer.locations, layer.z, strict=True))
    senders = {r["origin_iso3"] for r in flow_records}
    receivers = {r["destination_iso3"] for r in flow_records}
    for code in senders | receivers:
        role = "both" if code in senders and code in receivers else "sender" if code in senders else "receiver"
        assert z[code] == ROLES.index(role) + 1, code
    assert z["GBR"] == ROLES.index("none") + 1  # named in the article (“ambassador to the UK”), in no flow
    assert z["FRA"] == 0  # not in the article


def test_a_countrys_hover_counts_what_the_map_draws(flow_map: go.Figure, claim_map: go.Figure,
                                                   claim_rows: pd.DataFrame, flow_records: list[dict[str, str]]) -> None:
    def hover(fig: go.Figure, code: str) -> str:
        layer = next(t for t in fig.data if t.type == "choropleth")
        return dict(zip(layer.locations, layer.hovertext, strict=True))[code]

    sent_flows = sum(r["origin_iso3"] == "PRK" for r in flow_records)
    sent_claims = int((claim_rows["origin_iso3"] == "PRK").sum())
    assert sent_claims < sent_flows
    assert f"Sends {sent_flows} flows:" in hover(flow_map, "PRK") and "claim" not in hover(flow_map, "PRK")
    assert f"Sends {sent_claims} claims:" in hover(claim_map, "PRK") and "flow" not in hover(claim_map, "PRK")
    assert hover(claim_map, "GBR").endswith("No claim in the current view")


def test_arcs_have_enough_points_to_hover(flow_map: go.Figure) -> None:
    for flow_id, trace in flow_traces(flow_map).items():
        lon, lat = arc(trace)
        assert len(lon) == len(lat) >= 24, flow_id


def test_arcs_start_and_end_at_their_places(flow_map: go.Figure, flow_records: list[dict[str, str]],
                                            place_coords: dict[str, tuple[float, float]]) -> None:
    traces = flow_traces(flow_map)
    for record in flow_records:
        lon, lat = arc(traces[record["flow_id"]])
        assert same_point(place_coords[record["origin_place_id"]], lon[0], lat[0]), record["flow_id"]
        assert same_point(place_coords[record["destination_place_id"]], lon[-1], lat[-1]), record["flow_id"]


def test_flows_on_the_same_route_are_distinct_arcs(flow_map: go.Figure, flow_records: list[dict[str, str]],
                                                   place_coords: dict[str, tuple[float, float]]) -> None:
    traces = flow_traces(flow_map)
    routes: dict[tuple, list[str]] = {}
    for record in flow_records:
        key = (place_coords[record["origin_place_id"]], place_coords[record["destination_place_id"]])
        routes.setdefault(key, []).append(record["flow_id"])
    shared = [ids for ids in routes.values() if len(ids) > 1]
    assert shared, "the article has several flows from North Korea to Russia"
    for ids in shared:
        middles = {tuple(np.round([arc(traces[f])[0][len(arc(traces[f])[0]) // 2],
                                   arc(traces[f])[1][len(arc(traces[f])[1]) // 2]], 3)) for f in ids}
        assert len(middles) == len(ids), f"stacked arcs among {ids}"


def test_opposite_directions_bulge_apart(flow_map: go.Figure) -> None:
    traces = flow_traces(flow_map)
    prk_to_rus, rus_to_prk = arc(traces["F03"]), arc(traces["F01"])  # troops one way, weapons the other
    mid_a = np.array([prk_to_rus[0][len(prk_to_rus[0]) // 2], prk_to_rus[1][len(prk_to_rus[1]) // 2]])
    mid_b = np.array([rus_to_prk[0][len(rus_to_prk[0]) // 2], rus_to_prk[1][len(rus_to_prk[1]) // 2]])
    assert np.linalg.norm(mid_a - mid_b) > 1.0  # degrees: hundreds of km apart


def test_handles_carry_the_flow_ids(flow_map: go.Figure, flow_records: list[dict[str, str]]) -> None:
    handles = handles_trace(flow_map)
    assert list(handles.customdata) == [r["flow_id"] for r in flow_records]
    assert handles.mode == "markers"
    assert len(handles.lon) == len(flow_records)


def test_handles_sit_on_their_arcs(flow_map: go.Figure) -> None:
    handles = handles_trace(flow_map)
    traces = flow_traces(flow_map)
    for flow_id, lon, lat in zip(handles.customdata, handles.lon, handles.lat, strict=True):
        arc_lon, arc_lat = arc(traces[flow_id])
        assert np.min(np.hypot(arc_lon - lon, arc_lat - lat)) < 1e-6, flow_id


def test_hover_of_the_troops_flow(flow_map: go.Figure) -> None:
    hover = flow_traces(flow_map)["F09"].hovertext
    assert "10,000" in hover
    assert "Wall Street Journal" in hover
    handles = handles_trace(flow_map)
    assert "10,000" in handles.hovertext[list(handles.customdata).index("F09")]


def test_status_legend_has_one_entry_per_status(flow_map: go.Figure) -> None:
    entries = [t for t in flow_map.data if getattr(t, "legend", None) == "legend2"]
    assert len(entries) == len(STATUS_CODES)
    assert [t.line.dash for t in entries] == [STATUS_DASHES[code] for code in STATUS_CODES]
    assert [t.name.lower() for t in entries] == list(STATUS_CODES)
    assert all(t.showlegend is not False for t in entries)


def test_default_view_fits_eurasia(flow_map: go.Figure) -> None:
    lon_min, lon_max, lat_min, lat_max = MAP_VIEWS[DEFAULT_VIEW]
    assert tuple(flow_map.layout.geo.lonaxis.range) == (lon_min, lon_max)
    assert tuple(flow_map.layout.geo.lataxis.range) == (lat_min, lat_max)


@pytest.mark.parametrize("view", [v for v in MAP_VIEWS if v != DEFAULT_VIEW])
def test_view_preset_changes_the_extent(dataset: Dataset, countries: dict[str, str], flow_map: go.Figure,
                                        view: str) -> None:
    fig = build_flow_map(dataset.flows, dataset.places, countries, view=view)
    assert tuple(fig.layout.geo.lonaxis.range) == MAP_VIEWS[view][:2]
    assert tuple(fig.layout.geo.lataxis.range) == MAP_VIEWS[view][2:]
    assert fig.layout.geo.lonaxis.range != flow_map.layout.geo.lonaxis.range


def test_selected_flow_stands_out(dataset: Dataset, countries: dict[str, str], flow_map: go.Figure) -> None:
    fig = build_flow_map(dataset.flows, dataset.places, countries, selected_flow="F09")
    chosen, plain = flow_traces(fig), flow_traces(flow_map)
    assert chosen["F09"].line.width > plain["F09"].line.width
    assert chosen["F09"].opacity == 1.0
    assert chosen["F01"].opacity < 1.0


def test_an_empty_flows_frame_still_builds(dataset: Dataset, countries: dict[str, str]) -> None:
    fig = build_flow_map(dataset.flows.iloc[0:0], dataset.places, countries)
    assert flow_traces(fig) == {}
    assert any(t.type == "choropleth" for t in fig.data)
    assert len([t for t in fig.data if getattr(t, "legend", None) == "legend2"]) == len(STATUS_CODES)
    json.loads(fig.to_json())


def test_a_filtered_map_draws_only_the_kept_flows(dataset: Dataset, countries: dict[str, str]) -> None:
    troops = dataset.flows[dataset.flows["category"] == "troops"]
    fig = build_flow_map(troops, dataset.places, countries)
    assert sorted(flow_traces(fig)) == sorted(troops["flow_id"])
    assert list(handles_trace(fig).customdata) == troops["flow_id"].tolist()


def test_hostile_text_in_the_data_is_escaped_on_the_map(dataset: Dataset, countries: dict[str, str]) -> None:
    flows = dataset.flows.copy()
    flows.loc[flows["flow_id"] == "F09", "item"] = HOSTILE
    places = dataset.places.copy()
    places.loc[places["place_id"] == "dnipro", "name"] = "<b>Dnipro</b>"
    payload = figure_text(build_flow_map(flows, places, countries))
    assert "<img" not in payload and "<b>Dnipro" not in payload
    assert "&lt;img src=x onerror=alert(1)&gt;" in payload


def test_map_views_are_buttons_switched_in_the_browser(flow_map: go.Figure) -> None:
    (menu,) = flow_map.layout.updatemenus
    assert [b.label for b in menu.buttons] == [MAP_VIEW_LABELS[v] for v in MAP_VIEWS]
    assert menu.active == list(MAP_VIEWS).index(DEFAULT_VIEW)
    marks = [i for i, t in enumerate(flow_map.data) if (t.name or "").startswith("Off this view")]
    assert len(marks) == len(MAP_VIEWS)
    for view, button in zip(MAP_VIEWS, menu.buttons, strict=True):
        restyle, relayout, traces = button.args
        assert button.method == "update"
        assert relayout["geo.lonaxis.range"] == list(MAP_VIEWS[view][:2])
        assert relayout["geo.lataxis.range"] == list(MAP_VIEWS[view][2:])
        # only the off-view marks change with the view; a category hidden from the legend stays hidden
        assert list(traces) == marks
        assert list(restyle["visible"]) == [v == view for v in MAP_VIEWS]


def test_a_link_to_a_view_opens_on_it(dataset: Dataset, countries: dict[str, str]) -> None:
    fig = build_flow_map(dataset.flows, dataset.places, countries, view="World")
    assert fig.layout.updatemenus[0].active == list(MAP_VIEWS).index("World")
    shown = [t.name for t in fig.data if (t.name or "").startswith("Off this view") and t.visible]
    assert shown == ["Off this view: World"]


def test_a_partner_off_the_view_is_marked_where_its_lines_leave(dataset: Dataset) -> None:
    drawn = layout_arcs(dataset.flows, dataset.places)
    marks = edge_marks(drawn, dataset.places, DEFAULT_VIEW).set_index("place_id")
    us_flows = int(((dataset.flows["origin_iso3"] == "USA") | (dataset.flows["destination_iso3"] == "USA")).sum())
    assert us_flows and marks.loc["USA", "flows"] == us_flows
    lon_min, lon_max, lat_min, lat_max = MAP_VIEWS[DEFAULT_VIEW]
    assert lon_min <= marks.loc["USA", "lon"] <= lon_min + 10  # at the western edge, where the lines come in
    assert "RUS" not in marks.index and "PRK" not in marks.index  # in view: no mark
    assert edge_marks(drawn, dataset.places, "World").empty


def test_a_flow_wholly_outside_a_view_still_gets_marks(dataset: Dataset) -> None:
    flows = dataset.flows[dataset.flows["flow_id"] == "F11"]  # United States -> Ukraine
    drawn = layout_arcs(flows, dataset.places)
    marks = edge_marks(drawn, dataset.places, "Korean Peninsula")
    assert sorted(marks["place_id"]) == ["UKR", "USA"]
    lon_min, lon_max, lat_min, lat_max = MAP_VIEWS["Korean Peninsula"]
    assert marks["lon"].between(lon_min, lon_max).all() and marks["lat"].between(lat_min, lat_max).all()


def test_thin_and_short_lines_are_drawn_above_thick_and_long_ones(flow_map: go.Figure) -> None:
    lines = [t for t in flow_map.data if isinstance(t.meta, dict) and "flow_id" in t.meta]
    keys = [(-t.line.width, -len(t.lon)) for t in lines]
    assert keys == sorted(keys)
    assert lines[0].line.width > lines[-1].line.width


def test_precomputed_arcs_draw_the_same_lines(dataset: Dataset, countries: dict[str, str],
                                              flow_map: go.Figure) -> None:
    arcs = prepare_arcs(dataset.flows, dataset.places)
    assert list(arcs.columns) == ["flow_id", "bend", "arc_lon", "arc_lat"] and len(arcs) == len(dataset.flows)
    troops = dataset.flows[dataset.flows["category"] == "troops"]
    fig = build_flow_map(troops, dataset.places, countries, arcs=arcs)
    whole = flow_traces(flow_map)
    for flow_id, trace in flow_traces(fig).items():
        # a filtered map keeps each line where the whole map draws it
        np.testing.assert_array_equal(arc(trace)[0], arc(whole[flow_id])[0])
        assert np.asarray(trace.lon).dtype == np.float32


def test_merged_lines_are_nan_separated_float32_with_few_points(dataset: Dataset, countries: dict[str, str]) -> None:
    copies = INDIVIDUAL_FLOW_LIMIT // len(dataset.flows) + 1
    many = pd.concat([dataset.flows.assign(flow_id=dataset.flows["flow_id"] + f"-{i}") for i in range(copies)],
                     ignore_index=True)
    arcs = prepare_arcs(many, dataset.places)
    assert "flow_id" not in arcs and all(len(lon) == MERGED_ARC_POINTS for lon in arcs["arc_lon"])
    fig = build_flow_map(many, dataset.places, countries, arcs=arcs)
    merged = [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("merged")]
    assert merged
    for trace in merged:
        lon = np.asarray(trace.lon)
        assert lon.dtype == np.float32
        gaps = int(np.isnan(lon).sum())
        assert len(lon) == (gaps + 1) * MERGED_ARC_POINTS + gaps


def test_a_click_resolves_to_its_flow_from_the_handle_or_the_line(flow_map: go.Figure) -> None:
    trace_flows = flow_id_of_trace(flow_map)
    line = trace_flows.index("F09")
    handles = next(i for i, t in enumerate(flow_map.data) if t.name == "Flow (click for details)")
    points = [{"curve_number": handles, "point_index": 3, "customdata": "F04"},
              {"curve_number": line, "point_index": 7},
              {"curve_number": 0, "point_index": 2},  # a country: no flow
              {"curve_number": 10_000, "point_index": 0}]  # from another figure: ignored
    assert selected_flow_ids(points, trace_flows) == ["F04", "F09"]


def test_highlight_makes_one_line_stand_out(dataset: Dataset, countries: dict[str, str]) -> None:
    fig = build_flow_map(dataset.flows, dataset.places, countries)
    before = flow_traces(fig)["F09"].line.width
    highlight_flow(fig, "F09")
    traces = flow_traces(fig)
    assert traces["F09"].line.width == before + 2 and traces["F09"].opacity == 1.0
    assert all(t.opacity < 1.0 for f, t in traces.items() if f != "F09")


# --- the Sankey diagram -----------------------------------------------------------------------


def test_sankey_has_one_link_per_route_and_category(dataset: Dataset, flow_records: list[dict[str, str]],
                                                    place_names: dict[str, str]) -> None:
    sankey = build_sankey(dataset.flows, place_names).data[0]
    triples = {(r["origin_iso3"], r["destination_iso3"], r["category"]) for r in flow_records}
    assert len(sankey.link.source) == len(sankey.link.target) == len(sankey.link.value) == len(triples)
    assert sum(sankey.link.value) == len(flow_records)


def test_sankey_links_join_senders_to_receivers(dataset: Dataset, flow_records: list[dict[str, str]],
                                                place_names: dict[str, str]) -> None:
    sankey = build_sankey(dataset.flows, place_names).data[0]
    labels = list(sankey.node.label)
    pairs = {(labels[s], labels[t]) for s, t in zip(sankey.link.source, sankey.link.target, strict=True)}
    expected = {(f"{place_names[r['origin_iso3']]} sends", f"{place_names[r['destination_iso3']]} receives")
                for r in flow_records}
    assert pairs == expected


# --- the timeline -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def timeline_rows(dataset: Dataset, place_names: dict[str, str]) -> pd.DataFrame:
    return build_timeline_rows(dataset.flows, dataset.events, place_names)


def bars_by_row(fig: go.Figure) -> dict[str, tuple[float, str]]:
    """row id -> (duration in ms, first day) of its bar; labels start with the row id."""
    bars = {}
    for trace in fig.data:
        if trace.type != "bar":
            continue
        for label, duration, base in zip(trace.y, trace.x, trace.base, strict=True):
            row_id = label.split(" · ")[0]
            assert row_id not in bars, f"two bars for {row_id}"
            bars[row_id] = (float(duration), str(base))
    return bars


def test_one_bar_per_dated_row(timeline_rows: pd.DataFrame, data_dir: Path) -> None:
    dated = []
    for name, id_column in (("flows", "flow_id"), ("events", "event_id")):
        with (data_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            dated += [r[id_column] for r in csv.DictReader(handle) if r["date_start"] or r["date_end"]]
    bars = bars_by_row(build_timeline(timeline_rows))
    assert sorted(bars) == sorted(dated)


def test_a_month_is_drawn_as_the_whole_month(timeline_rows: pd.DataFrame, flow_records: list[dict[str, str]]) -> None:
    bars = bars_by_row(build_timeline(timeline_rows))
    months = [r for r in flow_records if r["date_start"] and r["date_start"] == r["date_end"]
              and len(r["date_start"]) == 7]
    assert any(r["flow_id"] == "F09" for r in months)  # "now": November 2024
    for record in months:
        year, month = (int(p) for p in record["date_start"].split("-"))
        duration, base = bars[record["flow_id"]]
        assert base == f"{record['date_start']}-01"
        assert duration == calendar.monthrange(year, month)[1] * 86_400_000, record["flow_id"]


def test_a_span_of_days_is_drawn_inclusive(timeline_rows: pd.DataFrame) -> None:
    duration, base = bars_by_row(build_timeline(timeline_rows))["F11"]  # "this week": 18 to 22 November 2024
    assert base == "2024-11-18"
    assert duration == 5 * 86_400_000


def test_timeline_hover_data_is_escaped(timeline_rows: pd.DataFrame) -> None:
    rows = timeline_rows.copy()
    first = rows.index[0]
    rows.loc[first, "title"] = "<b>bold</b> & co"
    rows.loc[first, "quote"] = HOSTILE
    rows.loc[first, "attributed_to"] = "<i>someone</i>"
    fig = build_timeline(rows)
    bar = next(t for t in fig.data if t.type == "bar" and any(y.startswith(rows.loc[first, "row_id"] + " · ")
                                                               for y in t.y))
    custom = bar.customdata[[y.split(" · ")[0] for y in bar.y].index(rows.loc[first, "row_id"])]
    assert custom[0] == "&lt;b&gt;bold&lt;/b&gt; &amp; co"
    assert custom[3] == "&lt;i&gt;someone&lt;/i&gt;"
    assert "&lt;img src=x onerror=alert(1)&gt;" in custom[4]
    payload = figure_text(fig)
    assert "<img" not in payload and "<b>bold" not in payload and "<i>someone" not in payload


# --- the claim map: one line per claim -----------------------------------------------------------


@pytest.fixture(scope="module")
def claim_rows(dataset: Dataset, place_names: dict[str, str]) -> pd.DataFrame:
    return claim_map_rows(dataset.flows, dataset.claims, place_names)


@pytest.fixture(scope="module")
def claim_map(dataset: Dataset, countries: dict[str, str], claim_rows: pd.DataFrame) -> go.Figure:
    return build_flow_map(claim_rows, dataset.places, countries, arcs=prepare_arcs(claim_rows, dataset.places),
                          per_claim=True)


def claim_traces(fig: go.Figure) -> dict[str, go.Scattergeo]:
    traces = {}
    for trace in fig.data:
        if isinstance(trace.meta, dict) and "claim_id" in trace.meta:
            assert trace.meta["claim_id"] not in traces, "two line traces for one claim"
            traces[trace.meta["claim_id"]] = trace
    return traces


def test_one_line_per_claim_naming_the_claim_and_its_strongest_assertion(claim_map: go.Figure,
                                                                          claim_rows: pd.DataFrame,
                                                                          dataset: Dataset) -> None:
    traces = claim_traces(claim_map)
    assert sorted(traces) == sorted(dataset.claims["claim_id"]) and len(traces) == 24
    assert len(flow_traces(claim_map)) == len(traces)  # no per-assertion line besides
    lead = dict(zip(claim_rows["claim_id"], claim_rows["flow_id"], strict=True))
    claim_of = dict(zip(dataset.flows["flow_id"], dataset.flows["claim_id"], strict=True))
    for claim_id, trace in traces.items():
        assert trace.meta["flow_id"] == lead[claim_id] and claim_of[trace.meta["flow_id"]] == claim_id


def test_the_moscow_pyongyang_fan_is_a_fraction_of_the_assertions(claim_map: go.Figure, flow_map: go.Figure,
                                                                   dataset: Dataset) -> None:
    route = dataset.flows.set_index("flow_id")[["origin_iso3", "destination_iso3"]].apply(frozenset, axis=1)
    between = {fid for fid, pair in route.items() if pair == frozenset({"RUS", "PRK"})}
    claims = [t for t in claim_traces(claim_map).values() if t.meta["flow_id"] in between]
    flows = [fid for fid in flow_traces(flow_map) if fid in between]
    claim_of = dict(zip(dataset.flows["flow_id"], dataset.flows["claim_id"], strict=True))
    # one line for each claim between the two (17), not one for each of its assertions (29)
    assert len(claims) == len({claim_of[fid] for fid in flows}), (len(claims), len(flows))
    assert len(claims) <= len(flows) * 0.6, (len(claims), len(flows))


def test_a_claim_line_is_styled_by_its_strongest_status_and_sized_by_its_lower_bound(
        claim_map: go.Figure, claim_rows: pd.DataFrame) -> None:
    traces = claim_traces(claim_map)
    widths = dict(zip(claim_rows["claim_id"], line_widths(claim_rows), strict=True))
    for row in claim_rows.to_dict("records"):
        trace = traces[row["claim_id"]]
        assert trace.line.dash == STATUS_DASHES[row["status"]], row["claim_id"]
        assert trace.line.color == CATEGORY_COLOURS[row["category"]]
        assert trace.line.width == pytest.approx(widths[row["claim_id"]])
    # the troops claim (10,000+, seven assertions) is stated, and wider than the one general (C06)
    assert traces["C03"].line.dash == STATUS_DASHES["stated"]
    assert traces["C03"].line.width > traces["C06"].line.width > THIN_WIDTH


def test_a_claim_line_hovers_its_counts_sources_and_strongest_quote(claim_map: go.Figure,
                                                                     claim_rows: pd.DataFrame) -> None:
    traces = claim_traces(claim_map)
    for row in claim_rows.to_dict("records"):
        hover = traces[row["claim_id"]].hovertext
        assert hover == row["hover"]
        n, k = row["assertions"], row["independent_sources"]
        assert f"{n} assertion{'s' if n != 1 else ''} · {k} independent source{'s' if k != 1 else ''}" in hover
    troops = traces["C03"].hovertext
    assert "7 assertions · 6 independent sources" in troops and "10,000" in troops and "Wall Street" in troops


def test_claim_handles_carry_the_lead_flow_and_say_the_counts(claim_map: go.Figure,
                                                               claim_rows: pd.DataFrame) -> None:
    handles = handles_trace(claim_map)
    assert handles.name == CLAIM_HANDLES_NAME
    assert sorted(handles.customdata) == sorted(claim_rows["flow_id"])
    label = dict(zip(handles.customdata, handles.hovertext, strict=True))[
        claim_rows.set_index("claim_id").loc["C03", "flow_id"]]
    assert "7 assertions · 6 independent sources" in label and "C03" in label
    traces = claim_traces(claim_map)
    by_flow = {t.meta["flow_id"]: t for t in traces.values()}
    for flow_id, lon, lat in zip(handles.customdata, handles.lon, handles.lat, strict=True):
        line = by_flow[flow_id]
        middle = len(line.lon) // 2
        assert (line.lon[middle], line.lat[middle]) == (lon, lat)


def test_a_click_on_a_claim_line_resolves_to_its_claim(claim_map: go.Figure) -> None:
    claims, leads = claim_id_of_trace(claim_map), flow_id_of_trace(claim_map)
    curve = claims.index("C03")
    (picked,) = selected_flow_ids([{"curve_number": curve, "point_number": 5}], leads)
    assert picked == leads[curve] and claims[leads.index(picked)] == "C03"

def test_a_click_on_a_flow_line_names_no_claim(flow_map: go.Figure) -> None:
    assert not any(claim_id_of_trace(flow_map)) and any(flow_id_of_trace(flow_map))


def test_claim_lines_keep_the_drawing_order_that_keeps_every_hover(claim_map: go.Figure) -> None:
    lines = list(claim_traces(claim_map).values())
    keys = [(-t.line.width, -len(t.lon)) for t in lines]
    assert keys == sorted(keys)
    assert lines[0].line.width > lines[-1].line.width


def test_claim_arcs_are_computed_once_and_reused_by_a_filtered_map(dataset: Dataset, countries: dict[str, str],
                                                                    claim_map: go.Figure,
                                                                    place_names: dict[str, str]) -> None:
    arcs = prepare_arcs(claim_map_rows(dataset.flows, dataset.claims, place_names), dataset.places)
    assert list(arcs.columns) == ["flow_id", "bend", "arc_lon", "arc_lat"] and len(arcs) == len(dataset.claims)
    troops = dataset.flows[dataset.flows["category"] == "troops"]
    rows = claim_map_rows(troops, dataset.claims, place_names)
    fig = build_flow_map(rows, dataset.places, countries, arcs=arcs, per_claim=True)
    whole = claim_traces(claim_map)
    drawn = claim_traces(fig)
    assert sorted(drawn) == sorted(set(troops["claim_id"]))
    for claim_id, trace in drawn.items():  # a filtered map keeps each claim's line where the whole map draws it
        np.testing.assert_array_equal(arc(trace)[0], arc(whole[claim_id])[0])
        assert np.asarray(trace.lon).dtype == np.float32


def test_a_filter_that_changes_a_claims_lead_still_draws_it(dataset: Dataset, countries: dict[str, str],
                                                            place_names: dict[str, str]) -> None:
    whole = claim_map_rows(dataset.flows, dataset.claims, place_names)
    arcs = prepare_arcs(whole, dataset.places)
    lead = whole.set_index("claim_id").loc["C03", "flow_id"]
    kept = dataset.flows[dataset.flows["flow_id"] != lead]
    rows = claim_map_rows(kept, dataset.claims, place_names)
    assert rows.set_index("claim_id").loc["C03", "flow_id"] != lead
    traces = claim_traces(build_flow_map(rows, dataset.places, countries, arcs=arcs, per_claim=True))
    assert sorted(traces) == sorted(dataset.claims["claim_id"])
    assert "6 assertions" in traces["C03"].hovertext


def test_claim_map_views_and_edge_marks_are_the_flow_maps(claim_map: go.Figure, flow_map: go.Figure) -> None:
    (menu,) = claim_map.layout.updatemenus
    assert [b.label for b in menu.buttons] == [b.label for b in flow_map.layout.updatemenus[0].buttons]
    marks = [t for t in claim_map.data if (t.name or "").startswith("Off this view")]
    assert len(marks) == len(MAP_VIEWS) and sum(t.visible is True for t in marks) == 1
    assert len(marks[list(MAP_VIEWS).index(DEFAULT_VIEW)].lon) > 0  # the United States, off Eurasia


def test_hostile_text_in_a_claim_is_escaped_on_the_claim_map(dataset: Dataset, countries: dict[str, str],
                                                             place_names: dict[str, str]) -> None:
    flows = dataset.flows.assign(item=HOSTILE, quote=HOSTILE, attributed_to=HOSTILE)
    claims = dataset.claims.assign(title=HOSTILE)
    payload = figure_text(build_flow_map(claim_map_rows(flows, claims, place_names), dataset.places, countries,
                                         per_claim=True))
    assert HOSTILE not in payload and "&lt;img" in payload


def test_a_loaded_dataset_gets_its_map_geometry_once(data_dir: Path, place_names: dict[str, str]) -> None:
    dataset = prepare_map_geometry(load_dataset(data_dir))
    rows = claim_map_rows(dataset.flows, dataset.claims, place_names)
    pd.testing.assert_frame_equal(dataset.claim_rows, rows)
    assert list(dataset.arcs["flow_id"]) == list(dataset.flows["flow_id"])
    assert list(dataset.claim_arcs["flow_id"]) == list(rows["flow_id"])
    for mine, fresh in zip(dataset.claim_arcs["arc_lon"], prepare_arcs(rows, dataset.places)["arc_lon"], strict=True):
        np.testing.assert_array_equal(mine, fresh)


def test_the_maps_key_says_the_widths_the_lines_are_drawn_with(monkeypatch: pytest.MonkeyPatch) -> None:
    assert describe_map_lines().startswith("One line per assertion.")
    assert describe_map_lines(per_claim=True).startswith("One line per claim:")
    assert "largest lower bound stated" in describe_map_lines(per_claim=True)
    ten_thousand = line_widths(pd.DataFrame({"quantity_low": [10_000.0]})).iloc[0]
    assert f"{THIN_WIDTH:g} px when none is given, {ten_thousand:g} px for 10,000, at most 12 px" in describe_map_lines()
    # Change the scale, and the words follow it.
    monkeypatch.setattr(figures, "THIN_WIDTH", 2.0)
    monkeypatch.setattr(figures, "MAX_WIDTH", 9.0)
    assert "2 px when none is given, 6.5 px for 10,000, at most 9 px." in describe_map_lines()


def test_the_claim_rows_made_at_load_serve_only_an_unfiltered_map(data_dir: Path) -> None:
    dataset = prepare_map_geometry(load_dataset(data_dir))
    assert claim_rows_of(dataset, dataset.flows) is dataset.claim_rows
    kept = dataset.flows[dataset.flows["category"] == "troops"]
    rows = claim_rows_of(dataset, kept)
    pd.testing.assert_frame_equal(rows, claim_map_rows(kept, dataset.claims, dataset.place_names()))
    assert set(rows["claim_id"]) == set(kept["claim_id"]) < set(dataset.claim_rows["claim_id"])
    # a dataset nobody prepared makes its rows on demand
    bare = load_dataset(data_dir)
    pd.testing.assert_frame_equal(claim_rows_of(bare, bare.flows), dataset.claim_rows)
