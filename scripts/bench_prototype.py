"""How the map's cost depends on how flows become traces: a prototype for the benchmark, not app code.

Six ways to draw the same flows, each on the same base (countries, places, legends: the app's
own build_flow_map with no flows):

- ``per_flow``: one Scattergeo trace per flow, hover along each line (the original design);
- ``app``: whatever tracker.figures.build_flow_map does today;
- ``grouped``: one trace per (category, status, width rounded to 0.5 px) with arcs separated by
  None; lines skip hover; each flow keeps its own hover and click on its middle dot;
- ``grouped_hover``: as ``grouped`` but every vertex of a line carries its flow's hover text, so
  hover works along the whole line, as in ``per_flow``;
- ``grouped_f4``: as ``grouped`` but each trace's coordinates are one float32 numpy array with NaN
  between arcs (a gap for Plotly), not a Python list with None;
- ``app_diet``: the app's own figure, its coordinates as float32 (NaN for None) and the per-vertex
  ``customdata`` of line traces dropped: the same picture, fewer bytes.

Each is timed in Python (build, JSON) and in Chromium (Plotly.newPlot, then Plotly.react to
another view, as the app does on a filter change), with the plotly.js that ships with plotly.py,
the geometry served locally.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import statistics
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly
import plotly.graph_objects as go

from tracker.constants import CATEGORY_COLOURS, CATEGORY_LABELS, STATIC_DIR, STATUS_DASHES
from tracker.figures import build_flow_map, layout_arcs, line_widths
from tracker.formatting import flow_hover_text

WIDTH_STEP = 0.5  # px: widths are rounded to this so that flows share traces
VARIANTS = ("per_flow", "app", "app_diet", "grouped", "grouped_f4", "grouped_hover")
VIEW_A, VIEW_B = "Eurasia", "Korean Peninsula"


def _base(places: pd.DataFrame, countries: Mapping[str, str], view: str, flows: pd.DataFrame) -> go.Figure:
    return build_flow_map(flows.iloc[:0], places, countries, view=view)


def _arcs(flows: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, list[str]]:
    place_names = dict(zip(places["place_id"], places["name"], strict=True))
    arcs = layout_arcs(flows, places)
    widths = line_widths(arcs).to_numpy()
    hovers = [flow_hover_text(row, place_names) for row in arcs.to_dict("records")]
    return arcs, widths, hovers


def _markers(fig: go.Figure, arcs: pd.DataFrame, widths: np.ndarray, hovers: list[str]) -> None:
    """Arrowheads at the ends and a clickable, hoverable dot in the middle of each arc."""
    colours = [CATEGORY_COLOURS[c] for c in arcs["category"]]
    middle = [len(lon) // 2 for lon in arcs["arc_lon"]]
    fig.add_trace(go.Scattergeo(
        lon=[lon[-1] for lon in arcs["arc_lon"]], lat=[lat[-1] for lat in arcs["arc_lat"]], mode="markers",
        hoverinfo="skip", showlegend=False, marker={"symbol": "triangle-up", "size": (widths * 1.6 + 7).round(1),
                                                     "color": colours, "line": {"width": 0}}))
    fig.add_trace(go.Scattergeo(
        lon=[lon[i] for lon, i in zip(arcs["arc_lon"], middle, strict=True)],
        lat=[lat[i] for lat, i in zip(arcs["arc_lat"], middle, strict=True)], mode="markers",
        customdata=arcs["flow_id"].tolist(), hovertext=hovers, hoverinfo="text", showlegend=False,
        marker={"size": 8, "color": colours, "line": {"color": "#FFFFFF", "width": 1.2}}))


def build_per_flow(flows: pd.DataFrame, places: pd.DataFrame, countries: Mapping[str, str], view: str) -> go.Figure:
    """One trace per flow (hover along each line)."""
    fig = _base(places, countries, view, flows)
    arcs, widths, hovers = _arcs(flows, places)
    for row, width, hover in zip(arcs.to_dict("records"), widths, hovers, strict=True):
        fig.add_trace(go.Scattergeo(
            lon=row["arc_lon"], lat=row["arc_lat"], mode="lines", hovertext=hover, hoverinfo="text",
            line={"color": CATEGORY_COLOURS[row["category"]], "width": float(width),
                  "dash": STATUS_DASHES[row["status"]]},
            name=CATEGORY_LABELS[row["category"]], legendgroup=row["category"], showlegend=False,
            meta={"flow_id": row["flow_id"]}))
    _markers(fig, arcs, widths, hovers)
    return fig


def _nan_joined(arrays: list[np.ndarray]) -> np.ndarray:
    """Arrays end to end with a NaN after each (a gap in a Plotly line), as float32."""
    gap = np.array([np.nan])
    return np.concatenate([part for array in arrays for part in (array, gap)]).astype(np.float32)


def build_grouped(flows: pd.DataFrame, places: pd.DataFrame, countries: Mapping[str, str], view: str,
                  hover_along: bool = False, numpy_gaps: bool = False) -> go.Figure:
    """One trace per (category, status, rounded width), arcs separated by gaps; per-flow hover on the dots."""
    fig = _base(places, countries, view, flows)
    arcs, widths, hovers = _arcs(flows, places)
    arcs = arcs.assign(_width=np.round(widths / WIDTH_STEP) * WIDTH_STEP, _hover=hovers)
    shown: set[str] = set()
    for (category, status, width), group in arcs.groupby(["category", "status", "_width"], sort=True):
        lon: list[float | None] | np.ndarray = []
        lat: list[float | None] | np.ndarray = []
        text: list[str | None] = []
        if numpy_gaps:
            lon, lat = _nan_joined(list(group["arc_lon"])), _nan_joined(list(group["arc_lat"]))
        else:
            for arc_lon, arc_lat, hover in zip(group["arc_lon"], group["arc_lat"], group["_hover"], strict=True):
                lon += [*arc_lon.tolist(), None]
                lat += [*arc_lat.tolist(), None]
                if hover_along:
                    text += [hover] * len(arc_lon) + [None]
        fig.add_trace(go.Scattergeo(
            lon=lon, lat=lat, mode="lines", hovertext=text if hover_along else None,
            hoverinfo="text" if hover_along else "skip",
            line={"color": CATEGORY_COLOURS[category], "width": float(width), "dash": STATUS_DASHES[status]},
            name=CATEGORY_LABELS[category], legendgroup=category, showlegend=category not in shown))
        shown.add(category)
    _markers(fig, arcs, widths, hovers)
    return fig


def build_app_diet(flows: pd.DataFrame, places: pd.DataFrame, countries: Mapping[str, str], view: str) -> go.Figure:
    """The app's figure with float32 coordinates and without per-vertex customdata on line traces."""
    fig = build_flow_map(flows, places, countries, view=view)
    for trace in fig.data:
        if trace.type != "scattergeo":
            continue
        for axis in ("lon", "lat"):
            values = getattr(trace, axis)
            if values is not None and len(values) > 1:
                setattr(trace, axis, np.array([np.nan if v is None else v for v in values], dtype=np.float32))
        if trace.mode and "lines" in trace.mode and trace.customdata is not None:
            trace.customdata = None
    return fig


def builders() -> dict[str, Callable[..., go.Figure]]:
    """Variant name -> figure builder (flows, places, countries, view)."""
    return {
        "per_flow": build_per_flow,
        "app": lambda flows, places, countries, view: build_flow_map(flows, places, countries, view=view),
        "app_diet": build_app_diet,
        "grouped": build_grouped,
        "grouped_f4": functools.partial(build_grouped, numpy_gaps=True),
        "grouped_hover": functools.partial(build_grouped, hover_along=True),
    }


def time_python(flows: pd.DataFrame, places: pd.DataFrame, countries: Mapping[str, str], repeats: int,
                variants: tuple[str, ...] = VARIANTS) -> dict[str, dict[str, Any]]:
    """Median build and JSON time, JSON size and trace count of each variant; keeps the JSON for the browser."""
    out: dict[str, dict[str, Any]] = {}
    for name in variants:
        build = builders()[name]
        build_s, json_s = [], []
        for i in range(repeats):
            start = time.perf_counter()
            fig = build(flows, places, countries, VIEW_A if i % 2 == 0 else VIEW_B)
            middle = time.perf_counter()
            text_a = fig.to_json()
            json_s.append(time.perf_counter() - middle)
            build_s.append(middle - start)
        fig_b = build(flows, places, countries, VIEW_B if repeats % 2 == 0 else VIEW_A)
        out[name] = {"build_s": statistics.median(build_s), "json_s": statistics.median(json_s),
                     "json_bytes": len(text_a.encode("utf-8")), "traces": len(fig.data),
                     "_json": (text_a, fig_b.to_json())}
    return out


PAGE = """<!doctype html><html><head><meta charset="utf-8"><script src="plotly.min.js"></script></head>
<body><div id="map" style="width:1300px;height:640px"></div><script>
window.renderTimes = async (name) => {
  const a = await (await fetch(name + "_a.json")).json();
  const b = await (await fetch(name + "_b.json")).json();
  const gd = document.getElementById("map");
  Plotly.purge(gd);
  const config = {topojsonURL: "app/static/topojson/", displaylogo: false};
  const t0 = performance.now();
  await Plotly.newPlot(gd, a.data, a.layout, config);
  const t1 = performance.now();
  await Plotly.react(gd, b.data, b.layout, config);
  const t2 = performance.now();
  return {newplot_ms: t1 - t0, react_ms: t2 - t1};
};
</script></body></html>"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_args: Any) -> None:
        pass


def time_browser(context: Any, folder: Path, results: dict[str, dict[str, Any]], repeats: int,
                 timeout_ms: float = 180_000) -> None:
    """Add Chromium newPlot/react medians to each variant's results (serves ``folder`` on a free port)."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "app").mkdir(parents=True)
    shutil.copytree(STATIC_DIR, folder / "app" / "static")
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder / "plotly.min.js")
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    for name, result in results.items():
        text_a, text_b = result.pop("_json")
        (folder / f"{name}_a.json").write_text(text_a, encoding="utf-8")
        (folder / f"{name}_b.json").write_text(text_b, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html", timeout=timeout_ms)
        page.evaluate("() => fetch('app/static/geo/countries_110m.json').then(r => r.text())")  # warm the cache
        for name, result in results.items():
            times = [page.evaluate("(name) => window.renderTimes(name)", name) for _ in range(repeats)]
            result["newplot_ms"] = statistics.median(t["newplot_ms"] for t in times)
            result["react_ms"] = statistics.median(t["react_ms"] for t in times)
    finally:
        page.close()
        server.shutdown()
        server.server_close()


def plotly_js_version() -> str:
    """The version of the plotly.js bundled with plotly.py (used for the browser timings)."""
    head = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")[:300]
    marker = "plotly.js v"
    return head[head.find(marker) + len(marker):].split()[0] if marker in head else "unknown"


def summary_json(results: dict[str, dict[str, Any]]) -> str:
    """The results without the kept JSON, for logs."""
    return json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "_json"} for k, v in results.items()})
