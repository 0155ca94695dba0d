"""Pure figure builders: each takes DataFrames and returns a ``go.Figure``; no Streamlit here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tracker.claims import claim_map_rows, describe_corroboration
from tracker.constants import (
    CATEGORY_COLOURS,
    CATEGORY_LABELS,
    COUNTRIES_GEOJSON_URL,
    DEFAULT_VIEW,
    MAP_VIEW_LABELS,
    MAP_VIEWS,
    ROLE_COLOURS,
    STATUS_CODES,
    STATUS_DASHES,
    STATUS_LABELS,
    STATUS_RANK,
    STATUSES,
)
from tracker.dataset import Dataset, names_by_place_id
from tracker.formatting import escape_plotly, flow_handle_text, flow_hover_text, wrap
from tracker.geometry import arrow_angle, curved_arc, fan_bends

INDIVIDUAL_FLOW_LIMIT = 400  # above this many flows, the map merges flows by route and category
THIN_WIDTH = 1.5  # px, for flows whose text gives no lower bound
WIDTH_PER_SQRT = 0.045  # px per square root of the lower bound: 10,000 -> +4.5 px
MAX_WIDTH = 12.0
COORD_DECIMALS = 2  # ~1 km: finer than the map can show, and a smaller payload
# NOTE: merged lines do not hover, so they need only the points that draw a smooth curve, not one per 150 km.
MERGED_ARC_POINTS = 16
MAP_HEIGHT = 500  # px: below a one-line title, the whole plot area fits a 768 px high laptop screen
ROLES = ("none", "sender", "receiver", "both")
HANDLES_NAME = "Flow (click for details)"
CLAIM_HANDLES_NAME = "Claim (click for its assertions)"
EDGE_MARKS_NAME = "Off this view"
ARC_COLUMNS = ("flow_id", "bend", "arc_lon", "arc_lat")
MERGE_KEYS = ["origin_place_id", "destination_place_id", "category"]


def line_widths(flows: pd.DataFrame) -> pd.Series:
    """Line width per flow: 1.5 px + 0.045 px x the square root of the lower bound, at most 12 px.

    Only a lower bound ("more than 10,000") widens a line: an upper bound ("up to 100,000")
    says how many there might be, not how many there are. One scale for every unit, so widths
    compare only between flows of the same unit (the hover says which).
    """
    low = flows["quantity_low"].astype("float64")
    widths = (THIN_WIDTH + WIDTH_PER_SQRT * np.sqrt(low)).clip(upper=MAX_WIDTH)
    return widths.fillna(THIN_WIDTH).astype(float)


def describe_map_lines(per_claim: bool = False) -> str:
    """The map's key in words: what a line is, and what its colour, style and width say.

    The widths are said from the constants ``line_widths`` draws with, so the words follow any change to them.
    """
    example = 10_000
    widest = float(line_widths(pd.DataFrame({"quantity_low": [float(example)]})).iloc[0])
    bound = "the largest lower bound stated" if per_claim else "the lower bound the text gives"
    what = ("One line per claim: every report of one flow together. Colour: what flows. Line style: its "
            "strongest evidence." if per_claim else
            "One line per assertion. Colour: what flows. Line style: how strong the evidence is.")
    return (f"{what} Width grows with the square root of {bound}: {THIN_WIDTH:g} px when none is given, "
            f"{widest:g} px for {example:,}, at most {MAX_WIDTH:g} px.")


def layout_arcs(flows: pd.DataFrame, places: pd.DataFrame, n_points: int | None = None) -> pd.DataFrame:
    """Attach to each flow its arc's lon/lat arrays (float32), fanned out when several join the same two states.

    NOTE: the fan groups flows by their two countries, not their exact places: "North Korea -> Russia"
    and "North Korea -> Kursk region" run side by side for 6,000 km, and fanned apart they stay
    separately hoverable instead of drawing one over the other.
    """
    coords = places.set_index("place_id")[["lon", "lat"]].astype(float)
    out = flows.copy()
    o = coords.loc[out["origin_place_id"]].to_numpy()
    d = coords.loc[out["destination_place_id"]].to_numpy()
    out["o_lon"], out["o_lat"], out["d_lon"], out["d_lat"] = o[:, 0], o[:, 1], d[:, 0], d[:, 1]
    out["_route"] = out["origin_iso3"] + ">" + out["destination_iso3"]
    keys = [k for k in ("_route", "category", "status", "flow_id", "destination_place_id") if k in out]
    out = out.sort_values(keys, kind="stable")
    bends = np.empty(len(out))
    position = 0
    for _, size in out.groupby("_route", sort=False).size().items():
        step = min(0.03, 0.2 / max(size - 1, 1))
        bends[position:position + size] = fan_bends(size, base=0.05, step=step)
        position += size
    out["bend"] = bends
    lons, lats = [], []
    for row in out.itertuples(index=False):
        lon, lat = curved_arc(row.o_lon, row.o_lat, row.d_lon, row.d_lat, row.bend, n_points)
        # NOTE: Plotly sends numpy arrays as typed binary; float32 (~1 m here) halves the bytes of float64.
        lons.append(np.round(lon, COORD_DECIMALS).astype(np.float32))
        lats.append(np.round(lat, COORD_DECIMALS).astype(np.float32))
    out["arc_lon"], out["arc_lat"] = lons, lats
    return out.drop(columns=["_route", "o_lon", "o_lat", "d_lon", "d_lat"]).sort_index()


def prepare_arcs(flows: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The arcs of a whole dataset, computed once when it is loaded, for ``build_flow_map(arcs=...)``.

    Up to ``INDIVIDUAL_FLOW_LIMIT`` flows: one arc per flow (``ARC_COLUMNS``), so a filtered map
    takes its flows' arcs from here, a line keeps its place in the fan whatever the filter, and no
    rerun computes a geodesic. Above it: one light arc per route and category (``MERGE_KEYS``,
    ``arc_lon``, ``arc_lat``), the lines of the merged map.
    """
    if len(flows) <= INDIVIDUAL_FLOW_LIMIT:
        if flows.empty:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in ARC_COLUMNS})
        return layout_arcs(flows, places)[list(ARC_COLUMNS)].reset_index(drop=True)
    routes = flows.drop_duplicates(MERGE_KEYS)[[*MERGE_KEYS, "origin_iso3", "destination_iso3"]]
    arcs = layout_arcs(routes, places, n_points=MERGED_ARC_POINTS)
    return arcs[[*MERGE_KEYS, "arc_lon", "arc_lat"]].reset_index(drop=True)


def prepare_map_geometry(dataset: Dataset) -> Dataset:
    """Give a whole dataset what its maps draw from, once, where it is loaded; returns the same dataset.

    ``arcs``: each flow's arc (``prepare_arcs``); ``claim_rows``: one row per claim
    (``tracker.claims.claim_map_rows``, seconds at 10,000 flows); ``claim_arcs``: the claim lines' arcs,
    keyed by each claim's strongest assertion, so a filtered map whose claims keep their lead takes its
    lines from here, in the places the whole dataset's fan gives them.
    """
    dataset.arcs = prepare_arcs(dataset.flows, dataset.places)
    dataset.claim_rows = claim_map_rows(dataset.flows, dataset.claims, dataset.place_names())
    dataset.claim_arcs = prepare_arcs(dataset.claim_rows, dataset.places)
    return dataset


def claim_rows_of(dataset: Dataset, flows: pd.DataFrame) -> pd.DataFrame:
    """The claim map's rows for the flows shown: the whole dataset's, made at load, when the filters keep every flow.

    A subset as long as the whole is the whole; otherwise the rows are made here from the flows kept.
    """
    if dataset.claim_rows is not None and len(flows) == len(dataset.flows):
        return dataset.claim_rows
    return claim_map_rows(flows, dataset.claims, dataset.place_names())


def country_roles(flows: pd.DataFrame, named: Sequence[str]) -> dict[str, str]:
    """Role of each country: sender, receiver, both, or none (named in the article, no flow shown)."""
    senders, receivers = set(flows["origin_iso3"]), set(flows["destination_iso3"])
    roles = {code: "none" for code in named}
    for code in senders | receivers:
        roles[code] = "both" if code in senders and code in receivers else (
            "sender" if code in senders else "receiver")
    return roles


def country_hover_text(code: str, name: str, flows: pd.DataFrame, noun: str = "flow") -> str:
    """Hover label for a country: its name and its flows out and in, by category.

    ``noun`` names what the rows are: "claim" where the map draws one line per claim.
    """
    lines = [f"<b>{escape_plotly(name)}</b>"]
    for label, column in (("Sends", "origin_iso3"), ("Receives", "destination_iso3")):
        mine = flows[flows[column] == code]
        if mine.empty:
            continue
        counts = mine["category"].map(CATEGORY_LABELS).value_counts()
        detail = ", ".join(f"{escape_plotly(c)} {n}" for c, n in counts.items())
        lines.append(f"{label} {len(mine)} {noun}{'s' if len(mine) != 1 else ''}: {detail}")
    if len(lines) == 1:
        lines.append(f"No {noun} in the current view")
    return "<br>".join(lines)


def view_geo(view: str) -> dict:
    """The geo layout keys that a map view sets: projection and the lon/lat ranges it fits."""
    view = view if view in MAP_VIEWS else DEFAULT_VIEW
    lon_min, lon_max, lat_min, lat_max = MAP_VIEWS[view]
    return {
        "projection": {"type": "natural earth" if view in ("World", "Eurasia") else "mercator"},
        "lonaxis": {"range": [lon_min, lon_max]},
        "lataxis": {"range": [lat_min, lat_max]},
    }


def _view_layout(view: str) -> dict:
    return {
        **view_geo(view),
        "showland": False, "showocean": False, "showlakes": False, "showrivers": False,
        "showcountries": False, "showcoastlines": False, "showframe": False,
        "bgcolor": "rgba(0,0,0,0)",
    }


def build_flow_map(
    flows: pd.DataFrame,
    places: pd.DataFrame,
    countries: Mapping[str, str],
    *,
    view: str = DEFAULT_VIEW,
    selected_flow: str | None = None,
    arcs: pd.DataFrame | None = None,
    per_claim: bool = False,
) -> go.Figure:
    """Map every flow as a curved great-circle arc, coloured by category, dashed by status.

    ``countries`` maps the ISO3 code of every country in the boundary file to its name; the boundaries
    are the file the app serves (``COUNTRIES_GEOJSON_URL``), never a CDN's. ``arcs`` is what
    ``prepare_arcs`` made for the whole dataset; without it the arcs are computed here. The map views are buttons in
    the figure, switched by the browser alone; ``view`` is the one it opens on.

    ``per_claim``: ``flows`` are ``tracker.claims.claim_map_rows``, one line per claim. A claim's line runs
    where its strongest assertion (``flow_id``) runs, is dashed by its strongest status, widened by its
    largest stated lower bound, and hovers the claim's own (escaped) ``hover``; its ``meta`` carries
    ``flow_id`` and ``claim_id``, so a click resolves as on the flow map. ``arcs`` is then ``prepare_arcs``
    of the whole dataset's claim rows (keyed by the lead flow).
    """
    place_names = names_by_place_id(places)
    names = {**countries, **names_by_place_id(places, "country")}
    # NOTE: the traces are gathered in a list and added at once: Plotly revalidates every trace
    # already in a figure on each add_trace, which made a map of 70 traces quadratic.
    traces: list = [_countries_trace(flows, places, names, "claim" if per_claim else "flow")]
    if len(flows) > INDIVIDUAL_FLOW_LIMIT:
        drawn = _add_merged_flows(traces, flows, places, place_names, arcs)
    else:
        drawn = _add_individual_flows(traces, flows, places, place_names, arcs, per_claim)
    traces.append(_places_trace(places, flows))
    edge_traces = _add_edge_marks(traces, drawn, places, view)
    for term in STATUSES:
        traces.append(go.Scattergeo(
            lon=[None], lat=[None], mode="lines", name=term.code.capitalize(), legend="legend2",
            line={"color": "#777777", "width": 2.5, "dash": STATUS_DASHES[term.code]}, hoverinfo="skip",
        ))
    # NOTE: the layout goes in with the data: update_layout on a figure already holding the traces
    # costs half a second at 10,000 flows.
    fig = go.Figure(data=traces, layout=dict(
        geo=_view_layout(view),
        height=MAP_HEIGHT,
        margin={"l": 0, "r": 0, "t": 8, "b": 8},
        # NOTE: legends sit above and below the map, never over it (they hid Ukraine).
        legend={"title": {"text": "What flows (colour):"}, "orientation": "h", "x": 0.0, "y": 1.0,
                "xanchor": "left", "yanchor": "bottom", "itemclick": "toggle", "font": {"size": 11}},
        # NOTE: the title above its entries, not beside them: beside, the entries did not wrap and ran past
        # the right edge of a phone's map.
        legend2={"title": {"text": "Evidence (line style):", "side": "top"}, "orientation": "h", "x": 0.0, "y": 0.0,
                 "xanchor": "left", "yanchor": "top", "itemclick": False, "itemdoubleclick": False,
                 "font": {"size": 11}},
        updatemenus=[_view_buttons(view, edge_traces)],
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"color": "#111111", "size": 12}},
        hovermode="closest",
        dragmode="pan",
        clickmode="event+select",
        # NOTE: one revision for every rerun, so a filter change keeps what the reader did by hand on the map:
        # pan, zoom, categories hidden in the legend (a view picked with the buttons is not among them).
        uirevision="flow-map",
    ))
    if selected_flow is not None:
        highlight_flow(fig, selected_flow)
    return fig


def _view_buttons(view: str, edge_traces: Mapping[str, int]) -> dict:
    """The map views as Plotly buttons: a view changes in the browser, with no rerun and no bytes sent.

    Each button sets the view's projection and ranges and shows only that view's off-view marks.
    """
    views = list(MAP_VIEWS)
    indices = [edge_traces[v] for v in views]
    buttons = []
    for name in views:
        geo = view_geo(name)
        layout = {"geo.projection.type": geo["projection"]["type"], "geo.lonaxis.range": geo["lonaxis"]["range"],
                  "geo.lataxis.range": geo["lataxis"]["range"]}
        buttons.append({"label": MAP_VIEW_LABELS[name], "method": "update",
                        "args": [{"visible": [v == name for v in views]}, layout, indices]})
    return {"type": "buttons", "direction": "right", "active": views.index(view) if view in views else 0,
            "buttons": buttons, "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "top", "pad": {"l": 4, "t": 4},
            "showactive": True, "bgcolor": "#FFFFFF", "bordercolor": "#8A8A8A", "font": {"size": 12, "color": "#111111"}}


def flow_id_of_trace(fig: go.Figure) -> list[str | None]:
    """For each trace index (Plotly's curve number), the flow its line draws (a claim's line: its lead), or None."""
    return [t.meta.get("flow_id") if isinstance(t.meta, dict) else None for t in fig.data]


def claim_id_of_trace(fig: go.Figure) -> list[str | None]:
    """For each trace index (Plotly's curve number), the claim its line draws, or None (flow lines too)."""
    return [t.meta.get("claim_id") if isinstance(t.meta, dict) else None for t in fig.data]


def selected_flow_ids(points: Sequence[Mapping], trace_flows: Sequence[str | None]) -> list[str]:
    """The flows under the points of a map selection: a handle's customdata, or a line's curve number."""
    picked = []
    for point in points:
        if isinstance(point.get("customdata"), str):
            picked.append(point["customdata"])
            continue
        curve = point.get("curve_number")
        if isinstance(curve, int) and 0 <= curve < len(trace_flows) and trace_flows[curve]:
            picked.append(trace_flows[curve])
    return picked


def highlight_flow(fig: go.Figure, flow_id: str) -> go.Figure:
    """Make one flow's line stand out (2 px wider) and fade the others; returns the same figure."""
    for trace in fig.data:
        if isinstance(trace.meta, dict) and "flow_id" in trace.meta:
            chosen = trace.meta["flow_id"] == flow_id
            trace.opacity = 1.0 if chosen else 0.35
            if chosen:
                trace.line.width = trace.line.width + 2
    return fig


def _arcs_for(flows: pd.DataFrame, places: pd.DataFrame, arcs: pd.DataFrame | None) -> pd.DataFrame:
    """The flows with their arcs: taken from the dataset's arcs where they hold every flow, else computed."""
    if arcs is not None and "flow_id" in arcs and set(flows["flow_id"]) <= set(arcs["flow_id"]):
        return flows.merge(arcs[list(ARC_COLUMNS)], on="flow_id", how="left", validate="one_to_one")
    return layout_arcs(flows, places)


def _add_individual_flows(traces: list, flows: pd.DataFrame, places: pd.DataFrame,
                          place_names: Mapping[str, str], arcs: pd.DataFrame | None,
                          per_claim: bool = False) -> pd.DataFrame:
    """One trace per flow (or claim), hoverable along its whole length; returns the rows with their arcs."""
    if flows.empty:
        return flows.assign(arc_lon=[], arc_lat=[])
    drawn = _arcs_for(flows, places, arcs)
    widths = line_widths(drawn)
    records = drawn.to_dict("records")
    # NOTE: thick lines are drawn first and thin ones above them, and among equals long lines before
    # short ones, so no line is painted over by a wider or longer one. Where two lines' points fall
    # within Plotly's 3 px of each other, the hover goes to the one drawn last: the short line that
    # crosses a long fan (Beijing -> Pyongyang under the Pyongyang -> Moscow fan) keeps its label.
    lengths = [len(lon) for lon in drawn["arc_lon"]]
    order = sorted(range(len(records)), key=lambda i: (-widths.iloc[i], -lengths[i], i))
    shown_categories: set[str] = set()
    for i in order:
        row = records[i]
        category = row["category"]
        traces.append(go.Scattergeo(
            # NOTE: invisible markers make the whole line clickable: Plotly selects markers, never lines,
            # and a click on a line is given to the line's nearest point; the page resolves that point's
            # trace (its curve number) to the flow through ``meta``, so no id is repeated per vertex.
            lon=row["arc_lon"], lat=row["arc_lat"], mode="lines+markers",
            marker={"size": 0, "opacity": 0},
            unselected={"marker": {"opacity": 0}}, selected={"marker": {"opacity": 0}},
            line={"color": CATEGORY_COLOURS[category], "width": float(widths.iloc[i]),
                  "dash": STATUS_DASHES[row["status"]]},
            name=CATEGORY_LABELS[category], legendgroup=category, legend="legend",
            showlegend=category not in shown_categories,
            hovertext=row["hover"] if per_claim else flow_hover_text(row, place_names), hoverinfo="text",
            meta={"flow_id": row["flow_id"], "claim_id": row["claim_id"]} if per_claim else {"flow_id": row["flow_id"]},
        ))
        shown_categories.add(category)
    traces.append(_arrowheads_trace(drawn, widths))
    # NOTE: the handle's label is short (the line around it carries the full evidence) to keep reruns light.
    if per_claim:
        traces.append(_handles_trace(drawn, [claim_handle_text(row, place_names) for row in records],
                                     CLAIM_HANDLES_NAME))
    else:
        traces.append(_handles_trace(drawn, [flow_handle_text(row, place_names) for row in records]))
    return drawn


def claim_handle_text(row: Mapping, place_names: Mapping[str, str]) -> str:
    """The short label of a claim's middle dot: route, what moves, its counts (assertions, independent sources)."""
    route = f"{place_names.get(row['origin_place_id'], row['origin_place_id'])} → " \
            f"{place_names.get(row['destination_place_id'], row['destination_place_id'])}"
    counts = describe_corroboration(int(row["assertions"]), int(row["independent_sources"]), int(row["articles"]))
    return "<br>".join([
        f"<b>{escape_plotly(route)}</b>",
        escape_plotly(wrap(f"{CATEGORY_LABELS[row['category']]}: {row['item']}")[0]),
        f"{escape_plotly(counts)} · strongest: {escape_plotly(STATUS_LABELS[row['status']].lower())}",
        f"{escape_plotly(row['claim_id'])} · click for every assertion",
    ])


def merge_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """One row per route and category: the number of flows, the strongest status, the largest lower bound.

    A view's merge, for datasets too large to draw flow by flow; the data keeps every assertion.
    """
    rank = flows["status"].map(STATUS_RANK)
    ordered = flows.assign(_rank=rank).sort_values(["_rank", "flow_id"], kind="stable")
    grouped = ordered.groupby(MERGE_KEYS, sort=True)
    merged = grouped.agg(
        flow_id=("flow_id", "first"), n=("flow_id", "size"), status=("status", "first"),
        origin_iso3=("origin_iso3", "first"), destination_iso3=("destination_iso3", "first"),
        quantity_low=("quantity_low", "max"), unit=("unit", "first"),
    ).reset_index()
    # NOTE: the first three items of each group as columns, then lists: a groupby agg(list) is pure Python.
    firsts = grouped.head(3)
    items = firsts.assign(_n=firsts.groupby(MERGE_KEYS).cumcount()).set_index([*MERGE_KEYS, "_n"])["item"].unstack("_n")
    merged["items"] = [[item for item in row if isinstance(item, str)] for row in items.to_numpy(dtype=object).tolist()]
    by_status = pd.crosstab([ordered[k] for k in MERGE_KEYS], ordered["status"]).reindex(
        columns=list(STATUS_CODES), fill_value=0)
    merged["by_status"] = [dict(zip(STATUS_CODES, counts, strict=True)) for counts in by_status.to_numpy().tolist()]
    return merged


def _merged_hover_text(row: Mapping, place_names: Mapping[str, str]) -> str:
    route = f"{place_names.get(row['origin_iso3'], row['origin_iso3'])} → " \
            f"{place_names.get(row['destination_iso3'], row['destination_iso3'])}"
    counts = " · ".join(f"{STATUS_LABELS[c].lower()} {n}" for c, n in row["by_status"].items() if n)
    lines = [f"<b>{escape_plotly(route)}</b>",
             f"{escape_plotly(CATEGORY_LABELS[row['category']])}: {row['n']} flow{'s' if row['n'] != 1 else ''}",
             f"Evidence: {escape_plotly(counts)}"]
    lines += [f"· {escape_plotly(item[:80])}" for item in row["items"]]
    if row["n"] > len(row["items"]):
        lines.append(f"… and {row['n'] - len(row['items'])} more: filter, or see the table below the map")
    return "<br>".join(lines)


def _joined(arrays: Sequence[np.ndarray]) -> np.ndarray:
    """Arcs as one float32 array with a NaN between arcs: Plotly draws the gaps and validates one array."""
    if not arrays:
        return np.empty(0, dtype=np.float32)
    gap = np.array([np.nan], dtype=np.float32)
    return np.concatenate([part for array in arrays for part in (array, gap)])[:-1]


def _add_merged_flows(traces: list, flows: pd.DataFrame, places: pd.DataFrame,
                      place_names: Mapping[str, str], arcs: pd.DataFrame | None) -> pd.DataFrame:
    """Flows merged by route and category, drawn as one trace per category and status (few traces, any size)."""
    merged = merge_flows(flows)
    if arcs is None or "flow_id" in arcs:
        arcs = prepare_arcs(flows, places)
    drawn = merged.merge(arcs, on=MERGE_KEYS, how="left", validate="one_to_one")
    widths = line_widths(drawn)
    hovers = [_merged_hover_text(row, place_names) for row in drawn.to_dict("records")]
    shown_categories: set[str] = set()
    for (category, status), group in drawn.groupby(["category", "status"], sort=True):
        traces.append(go.Scattergeo(
            lon=_joined(list(group["arc_lon"])), lat=_joined(list(group["arc_lat"])), mode="lines", hoverinfo="skip",
            line={"color": CATEGORY_COLOURS[category], "width": 2.5, "dash": STATUS_DASHES[status]},
            name=CATEGORY_LABELS[category], legendgroup=category, legend="legend",
            showlegend=category not in shown_categories, meta={"merged": True},
        ))
        shown_categories.add(category)
    traces.append(_arrowheads_trace(drawn, widths))
    traces.append(_handles_trace(drawn, hovers))
    return drawn


def edge_marks(drawn: pd.DataFrame, places: pd.DataFrame, view: str) -> pd.DataFrame:
    """Where a view cuts a flow off from a partner outside it: one mark per partner, where its lines leave.

    A mark stands on the last point of the arc still inside the view, next to the partner left out
    (the mean of those points where several lines leave towards it); a flow with no point inside the
    view gets its marks at the view's edge nearest each end, so no flow disappears from a view without
    a trace. Columns: place_id, lon, lat, flows (count).
    """
    columns = ["place_id", "lon", "lat", "flows"]
    if drawn.empty:
        return pd.DataFrame(columns=columns)
    lon_min, lon_max, lat_min, lat_max = MAP_VIEWS[view]
    lengths = np.array([len(lon) for lon in drawn["arc_lon"]])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    ends = starts + lengths - 1
    lon = np.concatenate(list(drawn["arc_lon"])).astype(float)
    lat = np.concatenate(list(drawn["arc_lat"])).astype(float)
    wrapped = (lon - lon_min) % 360.0 + lon_min  # an unwrapped arc may run past +-180
    inside = (wrapped <= lon_max) & (lat >= lat_min) & (lat <= lat_max)
    position = np.arange(len(lon))
    first_in = np.minimum.reduceat(np.where(inside, position, len(lon)), starts)
    last_in = np.maximum.reduceat(np.where(inside, position, -1), starts)
    seen = last_in >= 0
    coords = places.set_index("place_id")[["lon", "lat"]].astype(float)
    rows = []
    for end, place_ids, nearest in ((starts, drawn["origin_place_id"], first_in),
                                    (ends, drawn["destination_place_id"], last_in)):
        cut = ~inside[end]
        where = coords.loc[place_ids[cut]].to_numpy()
        # NOTE: a flow seen in the view is marked where it leaves it; one never seen, at the edge nearest its end.
        mark_lon = np.where(seen[cut], wrapped[np.clip(nearest[cut], 0, len(lon) - 1)],
                            np.clip(where[:, 0], lon_min, lon_max))
        mark_lat = np.where(seen[cut], lat[np.clip(nearest[cut], 0, len(lon) - 1)], np.clip(where[:, 1], lat_min, lat_max))
        rows.append(pd.DataFrame({"place_id": place_ids[cut].to_numpy(), "lon": mark_lon, "lat": mark_lat}))
    marks = pd.concat(rows, ignore_index=True)
    return (marks.groupby("place_id", sort=False).agg(lon=("lon", "mean"), lat=("lat", "mean"), flows=("lon", "size"))
            .reset_index()[columns])


def _add_edge_marks(traces: list, drawn: pd.DataFrame, places: pd.DataFrame, view: str) -> dict[str, int]:
    """One trace of off-view marks per view, shown only with its view; returns each view's trace index."""
    names = names_by_place_id(places)
    indices = {}
    for name in MAP_VIEWS:
        marks = edge_marks(drawn, places, name) if len(drawn) else pd.DataFrame(
            columns=["place_id", "lon", "lat", "flows"])
        labels = [escape_plotly(names.get(p, p)) for p in marks["place_id"]]
        indices[name] = len(traces)
        traces.append(go.Scattergeo(
            lon=marks["lon"].round(COORD_DECIMALS).tolist(), lat=marks["lat"].round(COORD_DECIMALS).tolist(),
            mode="markers+text", text=[f"{label} ›" for label in labels], textposition="middle right",
            textfont={"size": 11, "color": "#222222", "shadow": "0px 0px 3px #FFFFFF"},
            marker={"size": 9, "symbol": "diamond-open", "color": "#222222", "line": {"width": 1.5}},
            hovertext=[f"{label}: off this view, {n} flow{'s' if n != 1 else ''}.<br>Pick World to see it."
                       for label, n in zip(labels, marks["flows"], strict=True)],
            hoverinfo="text", name=f"{EDGE_MARKS_NAME}: {name}", showlegend=False, visible=name == view,
            unselected={"marker": {"opacity": 1}},
        ))
    return indices


def _countries_trace(flows: pd.DataFrame, places: pd.DataFrame, names: Mapping[str, str],
                     noun: str) -> go.Choropleth:
    named = sorted(set(places.loc[places["kind"] == "country", "iso3"]))
    roles = country_roles(flows, named)
    codes = sorted(names)
    z = [ROLES.index(roles[c]) + 1 if c in roles else 0 for c in codes]
    hover = [country_hover_text(c, names[c], flows, noun) if c in roles else escape_plotly(names[c]) for c in codes]
    palette = ["#F3F3F3", *(ROLE_COLOURS[r] for r in ROLES)]
    scale = []
    for i, colour in enumerate(palette):
        scale += [[i / len(palette), colour], [(i + 1) / len(palette), colour]]
    return go.Choropleth(
        geojson=COUNTRIES_GEOJSON_URL, locationmode="geojson-id", featureidkey="properties.iso3", locations=codes, z=z,
        zmin=-0.5, zmax=len(palette) - 0.5, colorscale=scale, showscale=False,
        marker={"line": {"color": "#FFFFFF", "width": 0.6}},
        # NOTE: without this, selecting a flow fades every country (Plotly dims what is not selected).
        unselected={"marker": {"opacity": 1}},
        hovertext=hover, hoverinfo="text", name="Countries", showlegend=False,
    )


def _arrowheads_trace(arcs: pd.DataFrame, widths: pd.Series) -> go.Scattergeo:
    angles = [arrow_angle(lon, lat) for lon, lat in zip(arcs["arc_lon"], arcs["arc_lat"], strict=True)]
    return go.Scattergeo(
        lon=[lon[-1] for lon in arcs["arc_lon"]], lat=[lat[-1] for lat in arcs["arc_lat"]],
        mode="markers", hoverinfo="skip", showlegend=False, name="Direction", unselected={"marker": {"opacity": 1}},
        marker={"symbol": "triangle-up", "angleref": "north", "angle": np.round(angles, 1),
                "size": (np.asarray(widths) * 1.6 + 7).round(1),
                "color": [CATEGORY_COLOURS[c] for c in arcs["category"]], "line": {"width": 0}},
    )


def _handles_trace(arcs: pd.DataFrame, hovers: list[str], name: str = HANDLES_NAME) -> go.Scattergeo:
    """One clickable marker at the middle of each arc (Plotly selects markers, not lines)."""
    middle = [len(lon) // 2 for lon in arcs["arc_lon"]]
    return go.Scattergeo(
        lon=[lon[i] for lon, i in zip(arcs["arc_lon"], middle, strict=True)],
        lat=[lat[i] for lat, i in zip(arcs["arc_lat"], middle, strict=True)],
        mode="markers", name=name, showlegend=False,
        customdata=arcs["flow_id"].tolist(), hovertext=hovers, hoverinfo="text",
        marker={"size": 8, "color": [CATEGORY_COLOURS[c] for c in arcs["category"]],
                "line": {"color": "#FFFFFF", "width": 1.2}},
        selected={"marker": {"size": 13}}, unselected={"marker": {"opacity": 0.8}},
    )


def _places_trace(places: pd.DataFrame, flows: pd.DataFrame) -> go.Scattergeo:
    """Named places (not countries' representative points) with labels."""
    used = set(flows["origin_place_id"]) | set(flows["destination_place_id"])
    shown = places[(places["kind"] != "country") & (places["mentioned_as"] != "")]
    shown = shown[shown["place_id"].isin(used) | shown["kind"].isin(["capital", "region", "city"])]
    return go.Scattergeo(
        lon=shown["lon"].astype(float).round(COORD_DECIMALS), lat=shown["lat"].astype(float).round(COORD_DECIMALS),
        mode="markers+text", text=[escape_plotly(n) for n in shown["name"]], textposition="bottom right",
        # NOTE: a light halo keeps the dark labels legible over the dark sea of the dark theme.
        textfont={"size": 11, "color": "#222222", "shadow": "0px 0px 3px #FFFFFF"},
        # NOTE: no hover: the label already names the place, and a hover target here would take the
        # hover from the flow lines that pass over it (Moscow -> Dnipro runs through the Kursk region).
        hoverinfo="skip", marker={"size": 5, "color": "#333333"}, showlegend=False, name="Places",
        unselected={"marker": {"opacity": 1}, "textfont": {"color": "#222222"}},
    )


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def build_sankey(flows: pd.DataFrame, place_names: Mapping[str, str]) -> go.Figure:
    """Country → country by category: senders on the left, receivers on the right, width = number of flows."""
    links = (flows.groupby(["origin_iso3", "destination_iso3", "category"], sort=True)
             .size().rename("n").reset_index())
    senders = sorted(set(links["origin_iso3"]))
    receivers = sorted(set(links["destination_iso3"]))
    labels = [f"{place_names.get(c, c)} sends" for c in senders] + \
             [f"{place_names.get(c, c)} receives" for c in receivers]
    index = {("o", c): i for i, c in enumerate(senders)} | \
            {("d", c): len(senders) + i for i, c in enumerate(receivers)}
    hover = [
        f"{escape_plotly(place_names.get(o, o))} → {escape_plotly(place_names.get(d, d))}<br>"
        f"{escape_plotly(CATEGORY_LABELS[c])}: {n} flow{'s' if n != 1 else ''}"
        for o, d, c, n in links.itertuples(index=False)
    ]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        textfont={"size": 13},
        node={"label": [escape_plotly(label) for label in labels], "pad": 14, "thickness": 14,
              "color": "#666666", "hovertemplate": "%{label}: %{value} flows<extra></extra>"},
        link={"source": [index[("o", o)] for o in links["origin_iso3"]],
              "target": [index[("d", d)] for d in links["destination_iso3"]],
              "value": links["n"].tolist(),
              "color": [_rgba(CATEGORY_COLOURS[c], 0.55) for c in links["category"]],
              "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>"},
    ))
    fig.update_layout(height=max(320, 34 * max(len(senders), len(receivers))), margin={"l": 8, "r": 8, "t": 8, "b": 8})
    return fig


def build_timeline(rows: pd.DataFrame) -> go.Figure:
    """Dated flows and events as spans at their true precision (a month is a month-long bar)."""
    fig = go.Figure()
    # NOTE: axis labels are Plotly pseudo-HTML too, so they are escaped like the hover text.
    labels = [escape_plotly(f"{r} · {t[:44]}{'…' if len(t) > 44 else ''}")
              for r, t in zip(rows["row_id"], rows["title"], strict=True)]
    rows = rows.assign(label=labels)
    colours = {CATEGORY_LABELS[c]: CATEGORY_COLOURS[c] for c in CATEGORY_COLOURS} | {"Event": "#555555"}
    for key, group in rows.groupby("colour_key", sort=False):
        custom = [[escape_plotly(title), escape_plotly(when), escape_plotly(status),
                   escape_plotly(who), "<br>".join(escape_plotly(line) for line in wrap(quote))]
                  for title, when, status, who, quote in zip(group["title"], group["when"], group["status"],
                                                             group["attributed_to"], group["quote"], strict=True)]
        template = ("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Evidence: %{customdata[2]}<br>"
                    "Says who: %{customdata[3]}<br><i>%{customdata[4]}</i><extra></extra>")
        durations = (group["end"] - group["start"]).dt.total_seconds() * 1000
        fig.add_trace(go.Bar(
            y=group["label"], x=durations, base=group["start"].dt.strftime("%Y-%m-%d"), orientation="h",
            marker={"color": colours.get(key, "#555555"), "line": {"width": 0}}, name=escape_plotly(key),
            legendgroup=key, customdata=custom, hovertemplate=template,
        ))
        fig.add_trace(go.Scatter(
            y=group["label"], x=group["start"].dt.strftime("%Y-%m-%d"), mode="markers",
            marker={"symbol": "diamond" if key == "Event" else "circle", "size": 8,
                    "color": colours.get(key, "#555555")},
            legendgroup=key, showlegend=False, customdata=custom, hovertemplate=template,
        ))
    fig.update_layout(
        barmode="overlay", height=max(360, 26 * len(rows) + 120), margin={"l": 8, "r": 8, "t": 8, "b": 8},
        xaxis={"type": "date", "title": "Date (bars span the period the text gives: a month, a week, a day)",
               "range": [rows["start"].min() - pd.Timedelta(days=20), rows["end"].max() + pd.Timedelta(days=20)],
               "dtick": "M2", "tickformat": "%b %Y", "showgrid": True},
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": rows["label"].tolist(),
               "title": None},
        legend={"title": {"text": "Category"}}, hoverlabel={"align": "left"},
    )
    return fig
