"""`make bench`: the dashboard's speed, bytes and memory on this machine, against a bare Streamlit baseline.

A benchmark, not a test: it prints figures and asserts no timings. In one run it measures

- cold start: `streamlit run` to the map's lines drawn in headless Chromium, for the dashboard and
  for a bare Streamlit app that draws one Plotly geo line (same offline config), A B A B;
- warm page load: server up, a new tab until the map's lines are drawn (both apps, alternating);
- bytes the browser receives per page load, per map view change and per sidebar filter change
  (WebSocket payloads; HTTP bodies of Streamlit's own bundle, of our static geometry, and of the
  rest, apart), and the WebSocket frames the page sends (a script rerun is asked for by one);
- a map view change (a click on the figure's own view buttons, switched in the browser) to the view
  drawn, and a sidebar filter change ("Include undated flows", alternating) to the redrawn map
  (median, p95), and the server-side script time of a rerun (in-process, AppTest);
- the server's RSS after start, after the first page load and after many reruns from one tab;
- where a page load and a view change go: the same measures on apps that hold parts of the page;
- the same with synthetic data packages of 100, 1,000 and 10,000 flows, with growth exponents;
- Lighthouse's accessibility score of every page (the npm package `lighthouse` in .tools/, with
  Debian's Chromium).

`--quick` does fewer repetitions and scales only to 1,000 flows (about 6 minutes instead of 20).

It writes docs/benchmarks.md (the part below its analysis marker is kept from the last file).

    .venv/bin/python scripts/bench.py [--quick] [--out docs/benchmarks.md] [--json raw.json]
    .venv/bin/python scripts/bench.py --from-json raw.json   # rewrite the report only
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
from bench_browser import (  # noqa: E402
    FIGURE_REPLACED_JS,
    MAP,
    MARK_FIGURE_JS,
    Traffic,
    click_undated,
    click_view,
    launch_context,
    main_thread_seconds,
    require_chromium,
    rss_mb,
    select_category,
    wait_lines_drawn,
    wait_redrawn,
    wait_run_finished,
    wait_view_drawn,
)
from bench_synthetic import check_package, write_synthetic_package  # noqa: E402

from devtools import appserver  # noqa: E402
from devtools.appserver import AppServer, stop_app  # noqa: E402
from devtools.chromium import chrome_flags  # noqa: E402
from tracker.constants import DATA_DIR, MAP_VIEWS, STATIC_DIR, TOPOJSON_URL  # noqa: E402

DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
KEEP_MARKER = "<!-- bench.py keeps everything below this line when it rewrites the file -->"
VIEW_A, VIEW_B = "Eurasia", "Korean Peninsula"
CATEGORY_LABEL = "Troops"
KB = 1000  # the goals are in kB of 1,000 bytes
# NOTE: a rerun, had a view change asked for one, would have reached the browser by then.
VIEW_SETTLE_MS = 1_000
HEALTH_POLL_S = 0.05  # the cold start times the health check: poll often
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ("/", "/timeline", "/evidence", "/data", "/add", "/about")

BASELINE_APP = f'''"""Baseline: a bare Streamlit app that draws one Plotly geo line, offline (topojson served locally)."""
import plotly.graph_objects as go
import streamlit as st

fig = go.Figure(go.Scattergeo(lon=[37.62, 125.75], lat=[55.75, 39.03], mode="lines", line={{"width": 2}}))
fig.update_layout(height=640, geo={{"projection": {{"type": "natural earth"}}, "showcountries": True,
                                   "lonaxis": {{"range": [15, 150]}}, "lataxis": {{"range": [20, 78]}}}})
st.plotly_chart(fig, key="flow_map", config={{"topojsonURL": "{TOPOJSON_URL}"}})
'''
# Parts of the overview page, rebuilt from the app's own functions: the map (always, on its default view, with
# its view buttons), and on demand the headline figures, the exchange ledgers or the Sankey, so that what each
# part costs in the browser can be told apart.
PARTS_APP = f'''"""Attribution: parts of the overview page (BENCH_PARTS: map, nocountries, figures, tables, sankey)."""
import os
import sys

sys.path.insert(0, {str(ROOT)!r})

import streamlit as st

from tracker.boundaries import read_country_names
from tracker.constants import COUNTRIES_GEOJSON_PATH, DATA_DIR, TOPOJSON_URL
from tracker.dataset import load_dataset
from tracker.figures import build_flow_map, build_sankey, prepare_map_geometry

PARTS = os.environ.get("BENCH_PARTS", "map").split(",")


@st.cache_data
def load(path: str):
    return prepare_map_geometry(load_dataset(path)), read_country_names(str(COUNTRIES_GEOJSON_PATH))


dataset, countries = load(os.environ.get("DASHBOARD_DATA_DIR") or str(DATA_DIR))
flows = dataset.flows
figure = build_flow_map(flows, dataset.places, countries, arcs=dataset.arcs)
if "nocountries" in PARTS:
    gone = [i for i, trace in enumerate(figure.data) if trace.type == "choropleth"]
    figure.data = [trace for trace in figure.data if trace.type != "choropleth"]
    # NOTE: the view buttons name the off-view marks by trace index, which move down with the traces removed.
    for button in figure.layout.updatemenus[0].buttons:
        button.args = [button.args[0], button.args[1], [i - sum(g < i for g in gone) for i in button.args[2]]]
map_column, figures_column = st.columns([3, 1]) if "figures" in PARTS else (st.container(), None)
with map_column:
    st.plotly_chart(figure, key="flow_map", on_select="rerun", selection_mode="points",
                    config={{"topojsonURL": TOPOJSON_URL, "displaylogo": False, "scrollZoom": True}})
if figures_column is not None:
    from tracker.metrics import claim_metrics
    from ui.map_panel import render_metric_strip

    with figures_column:
        render_metric_strip(claim_metrics(dataset.figures, flows, dataset.claims))
if "tables" in PARTS:
    from tracker.metrics import exchange_ledger

    for column, (giver, taker) in zip(st.columns(2), (("PRK", "RUS"), ("RUS", "PRK")), strict=True):
        column.dataframe(exchange_ledger(flows, giver, taker), hide_index=True)
if "sankey" in PARTS:
    names = dict(zip(dataset.places["place_id"], dataset.places["name"], strict=True))
    st.plotly_chart(build_sankey(flows, names), key="sankey", config={{"displaylogo": False}})
'''
# The apps of the attribution, between the baseline and the dashboard: (name, BENCH_PARTS).
ATTRIBUTION_PARTS = (("map without countries", "map,nocountries"), ("map only", "map"),
                     ("map + headline figures", "map,figures"), ("map + exchange ledgers", "map,tables"),
                     ("map + Sankey", "map,sankey"))
BASELINE_CONFIG = """[browser]
gatherUsageStats = false

[server]
headless = true
enableStaticServing = true
"""


@dataclass(frozen=True)
class Plan:
    """How many repetitions of each measure, at article size and for the synthetic sizes."""

    cold_rounds: int
    warm_loads: int
    interactions: int
    reruns: int
    apptest_runs: int
    sizes: tuple[int, ...]
    scale_cold_rounds: int
    scale_warm_loads: int
    scale_interactions: int
    scale_reruns: int
    scale_apptest_runs: int
    attribution_rounds: int


FULL = Plan(cold_rounds=3, warm_loads=10, interactions=20, reruns=200, apptest_runs=20, sizes=(100, 1_000, 10_000),
            scale_cold_rounds=2, scale_warm_loads=5, scale_interactions=10, scale_reruns=50, scale_apptest_runs=10,
            attribution_rounds=5)
QUICK = Plan(cold_rounds=1, warm_loads=3, interactions=10, reruns=40, apptest_runs=5, sizes=(100, 1_000),
             scale_cold_rounds=1, scale_warm_loads=3, scale_interactions=5, scale_reruns=20, scale_apptest_runs=5,
             attribution_rounds=2)


@dataclass(frozen=True)
class App:
    """An app to serve: its script, the folder to run it from, its environment and its timeouts."""

    name: str
    script: str
    cwd: Path
    env: dict[str, str]
    timeout_ms: float = 120_000


def log(message: str) -> None:
    """Progress on stderr, with the time."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def p95(values: list[float]) -> float:
    """95th percentile (linear interpolation)."""
    return float(np.percentile(values, 95)) if values else math.nan


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


# --- the apps -------------------------------------------------------------------------------------

def write_baseline(folder: Path) -> App:
    """The baseline app with the same offline config, and a copy of static/ for its topojson."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "baseline_app.py").write_text(BASELINE_APP, encoding="utf-8")
    (folder / ".streamlit").mkdir(exist_ok=True)
    (folder / ".streamlit" / "config.toml").write_text(BASELINE_CONFIG, encoding="utf-8")
    shutil.copytree(STATIC_DIR, folder / "static", dirs_exist_ok=True)
    return App("baseline", "baseline_app.py", folder, {})


def write_parts(folder: Path, data_dir: Path, name: str, parts: str) -> App:
    """Parts of the overview page (the map, plus others), in a folder of its own with the same offline config."""
    base = write_baseline(folder)
    (folder / "parts_app.py").write_text(PARTS_APP, encoding="utf-8")
    return App(name, "parts_app.py", base.cwd, {"DASHBOARD_DATA_DIR": str(data_dir), "BENCH_PARTS": parts})


def dashboard(data_dir: Path, user_dir: Path, timeout_ms: float = 120_000) -> App:
    """The dashboard, run from the repository root, on the given data package and an empty user folder."""
    return App("dashboard", "dashboard.py", ROOT,
                {"DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_USER_DIR": str(user_dir)}, timeout_ms)


def start_server(app: App, log_path: Path) -> AppServer:
    """Start `streamlit run` of the app on a free port, not waiting for it to be up (its log appended to)."""
    return appserver.start_app(log_path, app.script, app.cwd, {**os.environ, **app.env}, append=True)


def wait_healthy(server: AppServer) -> None:
    """Wait until the server answers its health check, polling every HEALTH_POLL_S."""
    appserver.wait_app_healthy(server, poll_s=HEALTH_POLL_S)


# --- browser measures -----------------------------------------------------------------------------

def cold_start(pw: Any, app: App, tmp: Path) -> dict[str, float]:
    """From `streamlit run` to the map's lines drawn, in a Chromium with an empty cache (started beforehand)."""
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=tmp))
    context = launch_context(pw, profile)
    server = None
    try:
        page = context.new_page()
        traffic = Traffic(keep_payloads=False).attach(page)
        server = start_server(app, tmp / f"{app.name}-cold.log")
        wait_healthy(server)
        healthy = time.perf_counter() - server.started
        page.goto(server.url, timeout=app.timeout_ms)
        wait_lines_drawn(page, app.timeout_ms)
        drawn = time.perf_counter() - server.started
        wait_run_finished(page, app.timeout_ms)
        http = traffic.http_by_kind(server.url)
        return {"healthy_s": healthy, "drawn_s": drawn, "streamlit_bytes": http["streamlit"]["wire"],
                "streamlit_files": http["streamlit"]["count"], "geometry_bytes": http["geometry"]["wire"]}
    finally:
        stop_app(server)
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def _bytes(traffic: Traffic, url: str) -> dict[str, Any]:
    http = traffic.http_by_kind(url)
    app_bytes = traffic.ws_bytes + http["geometry"]["wire"] + http["app_other"]["wire"]
    return {"ws_by_element": traffic.ws_by_element(), "ws": traffic.ws_bytes, "ws_frames": traffic.ws_frames,
            "ws_sent_frames": traffic.ws_sent_frames, "ws_sent_bytes": traffic.ws_sent_bytes,
            "geometry": http["geometry"]["wire"],
            "geometry_decoded": http["geometry"]["decoded"], "app_other": http["app_other"]["wire"],
            "streamlit": http["streamlit"]["wire"], "streamlit_decoded": http["streamlit"]["decoded"],
            "streamlit_cached": http["streamlit"]["cached"], "geometry_cached": http["geometry"]["cached"],
            "app_total": app_bytes}


def _view_change(page: Any, view: str, timeout_ms: float) -> float:
    """Click a map view's button in the figure; return the seconds until the map shows it with its lines drawn."""
    start = time.perf_counter()
    click_view(page, view, timeout_ms)
    wait_view_drawn(page, MAP_VIEWS[view][0], timeout_ms)
    return time.perf_counter() - start


def _filter_change(page: Any, timeout_ms: float) -> float:
    """Flip "Include undated flows" in the sidebar; return the seconds until the map's new figure is drawn.

    Then wait for the run to end, so the next change starts from a quiet page.
    """
    page.evaluate(MARK_FIGURE_JS, MAP)
    start = time.perf_counter()
    click_undated(page, timeout_ms)
    wait_redrawn(page, timeout_ms)
    elapsed = time.perf_counter() - start
    wait_run_finished(page, timeout_ms)
    return elapsed


@dataclass
class Tab:
    """A browser tab on a server of the app, with what it receives and sends counted."""

    page: Any
    traffic: Traffic
    server: AppServer
    app: App

    def received(self) -> dict[str, Any]:
        """What the tab received and sent since the traffic was last reset (see _bytes)."""
        return _bytes(self.traffic, self.server.url)


def session(pw: Any, app: App, tmp: Path, *, interactions: int, reruns: int, warm_loads: int,
            baseline: App | None) -> dict[str, Any]:
    """One server of the app and one browser: bytes, view and filter changes, memory over reruns, warm loads."""
    out: dict[str, Any] = {}
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=tmp))
    context = launch_context(pw, profile)
    server = None
    try:
        server = start_server(app, tmp / f"{app.name}-session.log")
        wait_healthy(server)
        time.sleep(1.0)
        out["rss_start_mb"] = rss_mb(server.pid)
        tab = _first_visit(context, server, app, out)
        _view_changes(tab, interactions, out)
        _filter_changes(tab, interactions, reruns, out)
        _category_change(tab, out)
        tab.page.close()
        _warm_loads(context, server, app, baseline, tmp, warm_loads, out)
    finally:
        stop_app(server)
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    return out


def _first_visit(context: Any, server: AppServer, app: App, out: dict[str, Any]) -> Tab:
    """A first visit: an empty cache, so everything is fetched. Returns the tab, left open."""
    page = context.new_page()
    tab = Tab(page, Traffic().attach(page), server, app)
    page.goto(server.url, timeout=app.timeout_ms)
    wait_lines_drawn(page, app.timeout_ms)
    wait_run_finished(page, app.timeout_ms)
    out["bytes_first_visit"] = tab.received()
    time.sleep(0.5)
    out["rss_first_load_mb"] = rss_mb(server.pid)
    return tab


def _view_changes(tab: Tab, interactions: int, out: dict[str, Any]) -> None:
    """Map view changes, in the browser: to a view not shown yet, then back, then ``interactions`` more, timed.

    What the page receives and sends is counted until a rerun, had one been asked for, would have come back.
    """
    page, traffic, timeout_ms = tab.page, tab.traffic, tab.app.timeout_ms
    page.wait_for_timeout(500)  # the page's own start-up messages
    traffic.reset()
    view_times = [_view_change(page, VIEW_B, timeout_ms)]
    page.wait_for_timeout(VIEW_SETTLE_MS)
    out["bytes_view_change"] = tab.received()
    traffic.reset()
    view_times.append(_view_change(page, VIEW_A, timeout_ms))
    page.wait_for_timeout(VIEW_SETTLE_MS)
    out["bytes_view_change_back"] = tab.received()
    traffic.reset()
    for i in range(interactions):
        view_times.append(_view_change(page, VIEW_B if i % 2 == 0 else VIEW_A, timeout_ms))
    if interactions % 2:
        view_times.append(_view_change(page, VIEW_A, timeout_ms))
    page.wait_for_timeout(VIEW_SETTLE_MS)
    out["view_change_s"] = view_times
    out["view_changes_sent_frames"] = traffic.ws_sent_frames
    out["view_changes_received_bytes"] = traffic.ws_bytes
    log(f"  {tab.app.name}: view change {out['bytes_view_change']['app_total'] / KB:.1f} kB received, "
        f"{out['bytes_view_change']['ws_sent_frames']} frame(s) sent; median "
        f"{median(view_times) * 1000:.0f} ms of {len(view_times)}; over all of them "
        f"{traffic.ws_sent_frames} frame(s) sent")


def _filter_changes(tab: Tab, interactions: int, reruns: int, out: dict[str, Any]) -> None:
    """A sidebar filter ("Include undated flows", off then on): bytes, then ``interactions`` changes timed.

    Then more reruns from the same tab up to ``reruns``, for memory (an even number in all, so the toggle
    ends as it began).
    """
    page, traffic, timeout_ms, name, pid = tab.page, tab.traffic, tab.app.timeout_ms, tab.app.name, tab.server.pid
    traffic.reset()
    times = [_filter_change(page, timeout_ms)]
    out["bytes_filter_change"] = tab.received()
    traffic.reset()
    times.append(_filter_change(page, timeout_ms))
    out["bytes_filter_change_back"] = tab.received()
    log(f"  {name}: first visit {out['bytes_first_visit']['app_total'] / KB:.0f} kB from the app, "
        f"undated flows hidden {out['bytes_filter_change']['app_total'] / KB:.0f} kB, shown again "
        f"{out['bytes_filter_change_back']['app_total'] / KB:.0f} kB")
    for _ in range(interactions):
        times.append(_filter_change(page, timeout_ms))
    out["interaction_s"] = times[2:]
    log(f"  {name}: filter change to redrawn map, median {median(out['interaction_s']) * 1000:.0f} ms "
        f"of {len(out['interaction_s'])}")
    done = len(times)
    rss_trace = [(done, rss_mb(pid))]
    while done < reruns or done % 2:
        _filter_change(page, timeout_ms)
        done += 1
        if done % 25 == 0:
            rss_trace.append((done, rss_mb(pid)))
    time.sleep(0.5)
    out["reruns"] = done
    out["rss_after_reruns_mb"] = rss_mb(pid)
    out["rss_trace"] = rss_trace
    log(f"  {name}: RSS {out['rss_start_mb']:.0f} / {out['rss_first_load_mb']:.0f} / "
        f"{out['rss_after_reruns_mb']:.0f} MB after {done} reruns")


def _category_change(tab: Tab, out: dict[str, Any]) -> None:
    """A category picked in the sidebar: the figure and the tables change. A failure is logged, not raised."""
    page, timeout_ms = tab.page, tab.app.timeout_ms
    try:
        tab.traffic.reset()
        page.evaluate(MARK_FIGURE_JS, MAP)
        start = time.perf_counter()
        select_category(page, CATEGORY_LABEL, timeout_ms)
        page.wait_for_function(FIGURE_REPLACED_JS, arg=MAP, timeout=timeout_ms, polling="raf")
        out["category_redraw_s"] = time.perf_counter() - start
        wait_run_finished(page, timeout_ms)
        out["bytes_category"] = tab.received()
    except Exception as error:  # noqa: BLE001 - the other measures of the session still count
        log(f"  {tab.app.name}: FAILED category change: {error!r}")


def _warm_loads(context: Any, server: AppServer, app: App, baseline: App | None, tmp: Path, loads: int,
                out: dict[str, Any]) -> None:
    """Warm page loads: a new tab each, the browser cache warm; the baseline's alternating, when there is one."""
    base_server = None
    try:
        if baseline is not None:
            base_server = start_server(baseline, tmp / "baseline-session.log")
            wait_healthy(base_server)
            _page_load(context, base_server.url, baseline.timeout_ms)  # warm its cache too; not counted
        out["warm_s"], out["baseline_warm_s"] = [], []
        for i in range(loads):
            # NOTE: one load that times out on a loaded machine is reported, not a reason to lose the session.
            try:
                seconds, received = _page_load(context, server.url, app.timeout_ms, count="bytes_repeat_visit" not in out)
                out["warm_s"].append(seconds)
                if received is not None:
                    out["bytes_repeat_visit"] = received
                if base_server is not None:
                    out["baseline_warm_s"].append(_page_load(context, base_server.url, baseline.timeout_ms)[0])
            except Exception as error:  # noqa: BLE001 - the other loads still count
                log(f"  {app.name}: FAILED warm page load {i + 1}: {error!r}")
                out.setdefault("failed_loads", []).append(f"warm page load {i + 1}: {type(error).__name__}")
        log(f"  {app.name}: warm page load median {median(out['warm_s']):.2f} s"
            + (f", baseline {median(out['baseline_warm_s']):.2f} s" if base_server else ""))
    finally:
        stop_app(base_server)


def _page_load(context: Any, url: str, timeout_ms: float, count: bool = False) -> tuple[float, dict[str, Any] | None]:
    """A new tab until the map's lines are drawn; returns the seconds (and what the tab received, if count)."""
    page = context.new_page()
    traffic = Traffic().attach(page)
    try:
        start = time.perf_counter()
        page.goto(url, timeout=timeout_ms)
        wait_lines_drawn(page, timeout_ms)
        seconds = time.perf_counter() - start
        wait_run_finished(page, timeout_ms)
        return seconds, _bytes(traffic, url) if count else None  # NOTE: sizes are read while the page is open
    finally:
        page.close()


def attribution(pw: Any, apps: list[App], tmp: Path, rounds: int, toggles: int) -> dict[str, dict[str, list]]:
    """Warm page load and map view change of each app, the apps alternating, to see what part of the page costs what.

    The view change is the figure's own buttons, in the browser (the baseline has none).
    """
    out = {app.name: {"warm_s": [], "interaction_s": []} for app in apps}
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=tmp))
    context = launch_context(pw, profile)
    servers = []
    try:
        for app in apps:
            servers.append(start_server(app, tmp / f"attribution-{len(servers)}.log"))
        for server in servers:
            wait_healthy(server)
        for server, app in zip(servers, apps, strict=True):
            _page_load(context, server.url, app.timeout_ms)  # the browser cache warm for each origin
        for _ in range(rounds):
            for server, app in zip(servers, apps, strict=True):
                page = context.new_page()
                try:
                    cdp = context.new_cdp_session(page)
                    cdp.send("Performance.enable")
                    before = main_thread_seconds(cdp)
                    start = time.perf_counter()
                    page.goto(server.url, timeout=app.timeout_ms)
                    wait_lines_drawn(page, app.timeout_ms)
                    out[app.name]["warm_s"].append(time.perf_counter() - start)
                    busy = main_thread_seconds(cdp)
                    for key, value in busy.items():
                        out[app.name].setdefault(key, []).append(value - before[key])
                    wait_run_finished(page, app.timeout_ms)
                    if app.name != "baseline":
                        for i in range(toggles):
                            out[app.name]["interaction_s"].append(
                                _view_change(page, VIEW_B if i % 2 == 0 else VIEW_A, app.timeout_ms))
                except Exception as error:  # noqa: BLE001 - one load that times out does not lose the others
                    log(f"  {app.name}: FAILED attribution load: {error!r}")
                    out[app.name].setdefault("failed", []).append(type(error).__name__)
                finally:
                    page.close()
    finally:
        for server in servers:
            stop_app(server)
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    for name, values in out.items():
        log(f"  {name}: warm load {median(values['warm_s']):.2f} s (renderer busy {median(values['task_s']):.2f} s), "
            "view change "
            f"{median(values['interaction_s']) * 1000:.0f} ms")
    return out


# --- Lighthouse -----------------------------------------------------------------------------------

def lighthouse(app: App, tmp: Path, pages: tuple[str, ...] = LIGHTHOUSE_PAGES) -> dict[str, dict[str, Any]]:
    """Lighthouse's accessibility score of each page of the app, and every audit that fails, with what it names.

    Lighthouse (the npm package in .tools/, installed by `make bench`) drives Debian's Chromium itself,
    against a server started here; it loads each page in a fresh tab, with its default settings (a phone).
    """
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"no {LIGHTHOUSE.relative_to(ROOT)}: `make bench` installs it (npm package lighthouse)")
    env = {**os.environ, "CHROME_PATH": require_chromium()}
    out: dict[str, dict[str, Any]] = {}
    server = start_server(app, tmp / "lighthouse-server.log")
    try:
        wait_healthy(server)
        for path in pages:
            report_path = tmp / f"lighthouse-{path.strip('/') or 'home'}.json"
            command = [str(LIGHTHOUSE), server.url + path, "--only-categories=accessibility", "--output=json",
                       f"--output-path={report_path}", f"--chrome-flags={chrome_flags()}", "--quiet"]
            start = time.perf_counter()
            done = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True, timeout=300, check=False)
            if done.returncode != 0 or not report_path.exists():
                raise RuntimeError(f"lighthouse {path} failed ({done.returncode}): {done.stderr[-1500:]}")
            out[path] = read_lighthouse(json.loads(report_path.read_text(encoding="utf-8")))
            out[path]["seconds"] = time.perf_counter() - start
            failing = ", ".join(a["id"] for a in out[path]["failing"]) or "none failing"
            log(f"  {path}: accessibility {out[path]['score']} ({failing})")
    finally:
        stop_app(server)
    return out


def read_lighthouse(report: dict[str, Any]) -> dict[str, Any]:
    """The accessibility score (×100) and the failing audits (id, title, weight, what each names) of a report."""
    category = report["categories"]["accessibility"]
    audits = report["audits"]
    failing = []
    for ref in category["auditRefs"]:
        audit = audits.get(ref["id"]) or {}
        if audit.get("scoreDisplayMode") not in ("binary", "numeric") or audit.get("score") in (None, 1):
            continue
        items = (audit.get("details") or {}).get("items") or []
        nodes = [((item.get("node") or {}).get("selector") or (item.get("node") or {}).get("snippet") or "")[:160]
                 for item in items]
        failing.append({"id": ref["id"], "title": audit.get("title", ""), "weight": ref.get("weight", 0),
                        "items": len(items), "nodes": [n for n in nodes if n][:3]})
    score = category.get("score")
    return {"score": None if score is None else round(score * 100), "failing": failing,
            "url": report.get("finalDisplayedUrl") or report.get("finalUrl"),
            "lighthouse": report.get("lighthouseVersion"), "form_factor": (report.get("configSettings") or {})
            .get("formFactor"), "warnings": report.get("runWarnings") or [],
            "error": (report.get("runtimeError") or {}).get("message")}


# --- in-process measures --------------------------------------------------------------------------

def apptest(data_dir: Path, user_dir: Path, runs: int, profile: Path | None, timeout_s: float = 1200) -> dict:
    """Run scripts/bench_apptest.py in a fresh interpreter on a data package; return its JSON."""
    command = [sys.executable, str(ROOT / "scripts" / "bench_apptest.py"), "--runs", str(runs)]
    if profile is not None:
        command += ["--profile", str(profile)]
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_USER_DIR": str(user_dir)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout_s, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench_apptest.py failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the machine ----------------------------------------------------------------------------------

def describe_machine() -> dict[str, str]:
    """nproc, memory, CPU model, load, and the versions that matter."""
    import plotly
    import streamlit

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    chromium = subprocess.run([shutil.which("chromium") or "chromium", "--version"], capture_output=True, text=True,
                              timeout=30, check=False).stdout.strip()
    return {
        "nproc": str(os.cpu_count()), "memory": f"{mem_kb / 1024 / 1024:.1f} GiB", "cpu": cpu,
        "os": platform.platform(), "python": platform.python_version(), "streamlit": streamlit.__version__,
        "plotly": plotly.__version__, "chromium": chromium or "unknown",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def fingerprint() -> dict[str, str]:
    """SHA-256 (first 12 hex digits) of the app files measured, since the app changes between runs."""
    import hashlib

    files = ["dashboard.py", *sorted(str(p.relative_to(ROOT)) for folder in ("pages", "ui", "tracker")
                                     for p in (ROOT / folder).glob("*.py"))]
    return {name: hashlib.sha256((ROOT / name).read_bytes()).hexdigest()[:12] for name in files}


# --- the run --------------------------------------------------------------------------------------

def attempt(results: dict, key: str, measure: Callable[[], Any], retries: int = 0) -> Any:
    """Run one measure (again, up to ``retries`` times, if it fails); on failure record the error and go on.

    NOTE: a retry is for a passing state of the app (a file being saved while the server starts), not
    for slowness: every wait inside a measure is already bounded.
    """
    for attempt_number in range(retries + 1):
        try:
            results[key] = measure()
            return results[key]
        except Exception as error:  # noqa: BLE001 - a benchmark reports what failed and carries on
            log(f"FAILED {key} (attempt {attempt_number + 1} of {retries + 1}): {error!r}")
            traceback.print_exc(file=sys.stderr)
            if attempt_number == retries:
                message = str(error).splitlines()[0][:300] if str(error) else ""
                results.setdefault("errors", []).append(f"{key}: {type(error).__name__}: {message}")
                results[key] = None
    return results[key]


def run(plan: Plan, tmp: Path, attributions: bool = True) -> dict[str, Any]:
    """Every measure, at article size and for each synthetic size."""
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {"machine": describe_machine(), "code": fingerprint(),
                               "started": dt.datetime.now().isoformat(timespec="seconds"),
                               "plan": plan.__dict__, "sizes": {}}
    user_dir = tmp / "user-articles"
    user_dir.mkdir()
    base = write_baseline(tmp / "baseline")
    with sync_playwright() as pw:
        app = dashboard(DATA_DIR, user_dir)
        article = measure_article(pw, plan, tmp, user_dir, app, base)
        results["sizes"][article["flows"]] = article
        if attributions:
            log("article size: where the page load and the view change go (attribution)")
            attribution_apps = [base, *(write_parts(tmp / f"p{i}", DATA_DIR, name, parts)
                                        for i, (name, parts) in enumerate(ATTRIBUTION_PARTS, start=1)), app]
            attempt(results, "attribution", lambda: attribution(pw, attribution_apps, tmp, plan.attribution_rounds, 2))
        log("Lighthouse accessibility, every page")
        attempt(results, "lighthouse", lambda: lighthouse(app, tmp), retries=1)
        for n in plan.sizes:
            log(f"synthetic package of {n:,} flows")
            folder = synthetic_package(tmp, n, results)
            if folder is not None:
                results["sizes"][n] = measure_size(pw, plan, tmp, user_dir, folder, n,
                                                   median(article["baseline_cold_s"]))
    for name in sorted(tmp.glob("profile-*.txt")):
        results.setdefault("profiles", {})[name.stem] = name.read_text(encoding="utf-8")
    results["machine"]["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    return results


def measure_article(pw: Any, plan: Plan, tmp: Path, user_dir: Path, app: App, base: App) -> dict[str, Any]:
    """The real package, against the baseline: cold starts (the two alternating), a session, the script time."""
    from tracker.dataset import load_dataset

    article: dict[str, Any] = {"flows": len(load_dataset(DATA_DIR).flows)}
    cold: dict[str, list[float]] = {"dashboard": [], "baseline": []}
    for i in range(plan.cold_rounds):
        for which, spec in (("dashboard", app), ("baseline", base)):
            log(f"cold start {which}, round {i + 1}/{plan.cold_rounds}")
            value = attempt(article, "_cold", lambda spec=spec: cold_start(pw, spec, tmp))
            if value:
                cold[which].append(value["drawn_s"])
                article.setdefault("cold_detail", {}).setdefault(which, []).append(value)
    article["cold_s"], article["baseline_cold_s"] = cold["dashboard"], cold["baseline"]
    article.pop("_cold", None)
    log("article size: bytes, interactions, memory, warm page loads")
    attempt(article, "session", lambda: session(pw, app, tmp, interactions=plan.interactions,
                                                reruns=plan.reruns, warm_loads=plan.warm_loads, baseline=base),
            retries=1)
    log("article size: script time (AppTest)")
    attempt(article, "apptest", lambda: apptest(DATA_DIR, user_dir, plan.apptest_runs, tmp / "profile-article.txt"))
    return article


def synthetic_package(tmp: Path, n: int, results: dict[str, Any]) -> Path | None:
    """A synthetic package of n flows, checked by the app's validator; None (the error recorded) if refused."""
    # NOTE: a package the app's validator refuses is reported; the other sizes still run.
    folder = tmp / f"flows-{n}"
    made: dict[str, Any] = {}
    if attempt(made, f"synthetic package of {n:,} flows",
               lambda: check_package(write_synthetic_package(folder, n)) and folder) is None:
        results.setdefault("errors", []).extend(made.get("errors", []))
        return None
    return folder


def measure_size(pw: Any, plan: Plan, tmp: Path, user_dir: Path, folder: Path, n: int,
                 baseline_cold: float) -> dict[str, Any]:
    """A synthetic package of n flows: cold starts, a session (no baseline), the script time."""
    spec = dashboard(folder, user_dir, 120_000 if n <= 1_000 else 300_000)
    entry: dict[str, Any] = {"flows": n, "valid": True, "cold_s": []}
    for i in range(plan.scale_cold_rounds):
        log(f"  cold start, round {i + 1}/{plan.scale_cold_rounds}")
        value = attempt(entry, "_cold", lambda: cold_start(pw, spec, tmp))
        if value:
            entry["cold_s"].append(value["drawn_s"])
    entry.pop("_cold", None)
    entry["baseline_cold_s"] = [baseline_cold]
    attempt(entry, "session", lambda: session(pw, spec, tmp, interactions=plan.scale_interactions,
                                              reruns=plan.scale_reruns, warm_loads=plan.scale_warm_loads,
                                              baseline=None), retries=1)
    log("  script time (AppTest)")
    profile = tmp / f"profile-{n}.txt" if n == max(plan.sizes) else None
    attempt(entry, "apptest", lambda: apptest(folder, user_dir, plan.scale_apptest_runs, profile))
    return entry


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, scaling only to 1,000 flows")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the Markdown report to write")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--sizes", help="the synthetic sizes, comma-separated (instead of the plan's)")
    parser.add_argument("--no-attribution", action="store_true", help="skip the apps that hold parts of the page")
    parser.add_argument("--from-json", type=Path, help="measure nothing: write the report from raw results saved "
                                                      "by --json (after changing the report's code)")
    parser.add_argument("--lighthouse", action="store_true", help="with --from-json: run Lighthouse again and "
                                                                  "replace its scores in the raw results")
    args = parser.parse_args()
    if args.from_json:
        results = json.loads(args.from_json.read_text(encoding="utf-8"))
        if args.lighthouse:
            with tempfile.TemporaryDirectory(prefix="bench-") as folder:
                user_dir = Path(folder) / "user-articles"
                user_dir.mkdir()
                results["errors"] = [e for e in results.get("errors") or [] if not e.startswith("lighthouse")]
                attempt(results, "lighthouse", lambda: lighthouse(dashboard(DATA_DIR, user_dir), Path(folder)))
            args.from_json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    else:
        plan = QUICK if args.quick else FULL
        if args.sizes:
            plan = dataclasses.replace(plan, sizes=tuple(int(n) for n in args.sizes.split(",") if n.strip()))
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            results = run(plan, Path(folder), attributions=not args.no_attribution)
        results["duration_s"] = time.perf_counter() - started
        results["quick"] = args.quick
        results["command"] = " ".join(["scripts/bench.py", *sys.argv[1:]])
    from bench_report import render_report, summary_lines

    if args.json and not args.from_json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    kept = ""
    if args.out.exists():
        text = args.out.read_text(encoding="utf-8")
        if KEEP_MARKER in text:
            kept = text.split(KEEP_MARKER, 1)[1]
    args.out.write_text(render_report(results) + "\n" + KEEP_MARKER + kept, encoding="utf-8")
    print("\n".join(summary_lines(results)))
    print(f"\nWrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
          f"(the measures took {results['duration_s'] / 60:.1f} min).")


if __name__ == "__main__":
    main()
