"""The app server and the browser (from devtools) and the page helpers shared by the fixtures and take_screenshots.py.

No pytest here, so the screenshot script can use the same code by hand. Everything stays on
127.0.0.1: the app is bound there and Chromium is told not to call home.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from devtools import appserver
from devtools.chromium import launch_chromium
from tracker.constants import DATA_DIR_ENV
from tracker.userdata import USER_DIR_ENV

ROOT = appserver.ROOT
VIEWPORT = {"width": 1400, "height": 1600}
RENDER_TIMEOUT_MS = 30_000
# NOTE: render_footer() runs after navigation.run(), so its text means the page's script ran to the end.
FOOTER_TEXT = "Everything is served by this app"
LOCAL_SCHEMES = ("data", "blob", "about")
EXCEPTION = '[data-testid="stException"]'
MAP = ".st-key-flow_map .js-plotly-plot"
HANDLES_TRACE_NAME = "Flow (click for details)"
CLAIM_HANDLES_TRACE_NAME = "Claim (click for its assertions)"  # the middle dots of the claim map


@contextmanager
def serve_app(log_path: Path, data_dir: Path | None = None, user_dir: Path | None = None,
              extra_env: dict[str, str] | None = None, secrets_file: Path | None = None) -> Iterator[str]:
    """Run ``streamlit run dashboard.py`` on a free local port; yield its base URL, then stop it.

    The app reads the embedded data/ unless ``data_dir`` is given, and reader-saved articles
    from ``user_dir``, by default an empty folder beside the log, so none on this machine show up.
    ``extra_env`` (DASHBOARD_SHARED=1) and ``secrets_file`` (a test's own secrets.toml) are passed on.
    """
    if user_dir is None:
        user_dir = log_path.parent / "user-articles"
        user_dir.mkdir(exist_ok=True)
    env = {**os.environ, USER_DIR_ENV: str(user_dir), **(extra_env or {})}
    env.pop(DATA_DIR_ENV, None)
    if data_dir is not None:
        env[DATA_DIR_ENV] = str(data_dir)
    options = [f"secrets.files={secrets_file}"] if secrets_file is not None else []
    with appserver.serve_app(log_path, env=env, options=options) as server:
        yield server.url


def launch_browser(playwright: Any, profile_dir: Path, executable: str, viewport: dict[str, int] | None = None) -> Any:
    """A headless Chromium with a fresh profile, a tall viewport (or the one given) and downloads accepted."""
    return launch_chromium(playwright, profile_dir, executable, viewport or VIEWPORT, accept_downloads=True)


def record_requests(page: Any, urls: list[str]) -> list[str]:
    """Append to ``urls`` the URL of every request and WebSocket the page opens from now on."""
    page.on("request", lambda request: urls.append(request.url))
    page.on("websocket", lambda websocket: urls.append(websocket.url))
    return urls


def is_local(url: str, app_url: str) -> bool:
    """True for the app's own host and port (as 127.0.0.1 or localhost), data:, blob: and about: URLs."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    port = urlsplit(app_url).port
    return parts.scheme in ("http", "https", "ws", "wss") and parts.netloc in (f"127.0.0.1:{port}",
                                                                               f"localhost:{port}")


def assert_only_local(urls: list[str], app_url: str) -> None:
    """Fail, listing them, if any URL went anywhere but the app itself."""
    assert urls, "no request was recorded: the recorder is not attached"
    outside = sorted({u for u in urls if not is_local(u, app_url)})
    assert not outside, f"{len(outside)} request(s) left the machine: {outside}"


def open_page(page: Any, url: str) -> None:
    """Load a page of the app and wait until its script has run to the end (the footer is drawn).

    Fails at once, with the message shown, if the page shows an exception instead.
    """
    page.goto(url)
    footer = page.get_by_text(FOOTER_TEXT)
    try:
        footer.or_(page.locator(EXCEPTION)).first.wait_for(timeout=RENDER_TIMEOUT_MS)
    except Exception as error:  # playwright's TimeoutError: say what the page shows instead
        shown = page.locator(f'{EXCEPTION}, [data-testid="stAlert"], h1').all_inner_texts()
        raise AssertionError(f"{url} did not finish rendering (no footer); it shows: {shown}") from error
    if not footer.count():
        raise AssertionError(f"{url} shows an exception: {exception_texts(page)}")


def exception_texts(page: Any) -> list[str]:
    """The text of every Streamlit exception box on the page."""
    return page.locator(EXCEPTION).all_inner_texts()


def wait_for_map(page: Any) -> None:
    """Wait until the map has drawn its countries (filled) and its arcs."""
    page.wait_for_function(
        """(map) => {
             const gd = document.querySelector(map);
             if (!gd || !gd._fullLayout || !gd._fullLayout.geo) return false;
             const shapes = gd.querySelectorAll('path.choroplethlocation');
             const filled = Array.from(shapes).filter(p => getComputedStyle(p).fill !== 'none').length;
             const arcs = Array.from(gd.querySelectorAll('g.trace.scattergeo path.js-line'))
               .filter(p => (p.getAttribute('d') || '').length > 0).length;
             return filled > 100 && arcs > 0;
           }""",
        arg=MAP, timeout=RENDER_TIMEOUT_MS,
    )


def map_counts(page: Any) -> dict[str, int]:
    """What the map draws: filled country shapes, arc paths with a geometry, and flow traces in its data."""
    return page.evaluate(
        """(map) => {
             const gd = document.querySelector(map);
             const shapes = Array.from(gd.querySelectorAll('path.choroplethlocation'));
             return {
               countries: shapes.filter(p => getComputedStyle(p).fill !== 'none').length,
               arcs: Array.from(gd.querySelectorAll('g.trace.scattergeo path.js-line'))
                 .filter(p => (p.getAttribute('d') || '').length > 0).length,
               flow_traces: gd._fullData.filter(t => t.meta && t.meta.flow_id).length,
             };
           }""",
        MAP,
    )


def flow_point(page: Any, flow_id: str, fraction: float = 0.5, handle: bool = False) -> dict[str, Any]:
    """Where on screen a point of a flow is drawn: a vertex of its arc, or its middle handle.

    Mirrors Plotly's own hover maths for geo subplots: the pointer's offset from the subplot's
    background rect, compared with ``subplot.project([lon, lat])``. Returns the client x, y,
    the trace index (curveNumber) and the point index (pointNumber).
    """
    point = page.evaluate(
        """([map, flowId, fraction, handle, handlesName]) => {
             const gd = document.querySelector(map);
             const subplot = gd._fullLayout.geo._subplot;
             let curve, index;
             if (handle) {
               curve = gd._fullData.findIndex(t => handlesName.includes(t.name));
               index = curve < 0 ? -1 : gd._fullData[curve].customdata.indexOf(flowId);
             } else {
               curve = gd._fullData.findIndex(t => t.meta && t.meta.flow_id === flowId);
               // NOTE: n * fraction, floored, as the handles trace picks its middle (len // 2).
               const n = curve < 0 ? 0 : gd._fullData[curve].lon.length;
               index = curve < 0 ? -1 : Math.min(n - 1, Math.floor(n * fraction));
             }
             if (curve < 0 || index < 0) return null;
             const trace = gd._fullData[curve];
             const [x, y] = subplot.project([trace.lon[index], trace.lat[index]]);
             const box = subplot.bgRect.node().getBoundingClientRect();
             return {x: box.left + x, y: box.top + y, curve, index, n: trace.lon.length};
           }""",
        [MAP, flow_id, fraction, handle, [HANDLES_TRACE_NAME, CLAIM_HANDLES_TRACE_NAME]],
    )
    assert point is not None, f"flow {flow_id} is not on the map (handle={handle})"
    return point


def claim_lead(page: Any, claim_id: str) -> str:
    """The flow a claim's line is drawn for (its strongest assertion), as the map's data says."""
    lead = page.evaluate(
        "([map, claim]) => (document.querySelector(map)._fullData.find(t => t.meta && t.meta.claim_id === claim)"
        " || {meta: {}}).meta.flow_id || null", [MAP, claim_id])
    assert lead, f"claim {claim_id} has no line on the map"
    return lead


def listen_to_map_events(page: Any) -> None:
    """Record Plotly's hover, click and selection events on the map in window.__mapEvents."""
    page.evaluate(
        """(map) => {
             const gd = document.querySelector(map);
             window.__mapEvents = [];
             const keep = (kind) => (e) => window.__mapEvents.push({kind, points: ((e && e.points) || [])
               .map(p => ({curve: p.curveNumber, point: p.pointNumber, customdata: p.customdata ?? null,
                           // NOTE: the flow as the app resolves it: a handle's customdata, else its line's meta
                           flow: typeof p.customdata === 'string' ? p.customdata
                                 : ((p.data && p.data.meta && p.data.meta.flow_id) || null)}))});
             for (const kind of ['hover', 'click', 'selected']) gd.on('plotly_' + kind, keep(kind));
           }""",
        MAP,
    )


def map_events(page: Any) -> list[dict[str, Any]]:
    """The events recorded since listen_to_map_events."""
    return page.evaluate("() => window.__mapEvents || []")


def wait_for_hover_text(page: Any, expected: str, timeout_ms: int = 5_000) -> str:
    """Wait until the map's hover label contains ``expected``; return the label's text."""
    js = """([map, expected]) => {
              const label = document.querySelector(map + ' .hoverlayer .hovertext');
              return label !== null && label.textContent.includes(expected);
            }"""
    try:
        page.wait_for_function(js, arg=[MAP, expected], timeout=timeout_ms)
    except Exception as error:  # playwright's TimeoutError: say what the label showed instead
        shown = page.evaluate("(map) => Array.from(document.querySelectorAll(map + ' .hoverlayer .hovertext'))"
                              ".map(e => e.textContent)", MAP)
        raise AssertionError(f"no hover label with {expected!r}; labels shown: {shown}") from error
    return page.locator(f"{MAP} .hoverlayer .hovertext").first.text_content() or ""


def move_mouse_away(page: Any) -> None:
    """Park the pointer in the top-left corner, off the map, so its hover label goes."""
    page.mouse.move(2, 2)


def plot_area(page: Any) -> dict[str, float]:
    """Where the map's plot area (the geo subplot, without legends and margins) is on screen."""
    return page.evaluate(
        """(map) => {
             const box = document.querySelector(map)._fullLayout.geo._subplot.bgRect.node().getBoundingClientRect();
             return {top: box.top, bottom: box.bottom, left: box.left, right: box.right};
           }""",
        MAP,
    )


def map_view(page: Any) -> dict[str, Any]:
    """The view the map shows now: projection type and lon/lat ranges, as Plotly has laid them out."""
    return page.evaluate(
        """(map) => {
             const geo = document.querySelector(map)._fullLayout.geo;
             return {projection: geo.projection.type, lonaxis: geo.lonaxis.range, lataxis: geo.lataxis.range};
           }""",
        MAP,
    )


def visible_flow_middles(page: Any) -> list[dict[str, Any]]:
    """For each flow line, the screen point of the middle vertex of its visible part (index -1: none visible).

    Visible: inside the map's plot area and inside the window as it is, unscrolled. Mirrors
    Plotly's own projection (``subplot.project``), as ``flow_point`` does.
    """
    return page.evaluate(
        """(map) => {
             const gd = document.querySelector(map);
             const subplot = gd._fullLayout.geo._subplot;
             const box = subplot.bgRect.node().getBoundingClientRect();
             const over = subplot.projection.isLonLatOverEdges || (() => false);
             const out = [];
             gd._fullData.forEach((t, curve) => {
               if (!t.meta || !t.meta.flow_id || t.visible !== true) return;
               const seen = [];
               for (let i = 0; i < t.lon.length; i++) {
                 const xy = subplot.project([t.lon[i], t.lat[i]]);
                 if (!xy || over([t.lon[i], t.lat[i]])) continue;
                 const x = box.left + xy[0], y = box.top + xy[1];
                 if (x >= Math.max(box.left, 0) && x <= Math.min(box.right, window.innerWidth)
                     && y >= Math.max(box.top, 0) && y <= Math.min(box.bottom, window.innerHeight)) seen.push({i, x, y});
               }
               const m = seen.length ? seen[Math.floor(seen.length / 2)] : {i: -1, x: -1, y: -1};
               out.push({flow: t.meta.flow_id, claim: t.meta.claim_id || null, curve, index: m.i, x: m.x, y: m.y});
             });
             return out;
           }""",
        MAP,
    )


def wait_until_idle(page: Any, settle_ms: int = 750, timeout_ms: int = 30_000) -> None:
    """Wait until the app's script has finished running and stayed finished for ``settle_ms``.

    NOTE: Streamlit shows its running indicator only a moment after a run starts, and a run that ends in
    st.rerun() starts another: an indicator merely absent once can be the gap between two runs, and a
    click sent then can meet elements that are being replaced.
    """
    page.evaluate("window.__idleSince = 0")  # NOTE: a fresh count each call, not the last call's quiet spell
    page.wait_for_function("""(settle) => {
        if (document.querySelector('[data-testid="stStatusWidget"]')) { window.__idleSince = 0; return false; }
        window.__idleSince = window.__idleSince || Date.now();
        return Date.now() - window.__idleSince >= settle;
    }""", arg=settle_ms, timeout=timeout_ms, polling=100)
